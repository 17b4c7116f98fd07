import type { AppDeps } from '../../http/context.ts';
import type { Federation } from '../federation/federation.port.ts';

/** What the destination side of the exchange needs: the node's database, clock, configuration and the federation port. */
export type DestinationDeps = Pick<AppDeps, 'db' | 'clock' | 'config'> & { federation: Federation };

/** The sending ministry's node: worker profiles come from it, job orders go to it for attestation. */
export const ORIGIN_COUNTRY = 'EG';
