import type { ServiceDefinition } from '../definitions.ts';
import { craftLicence } from './craft-licence.ts';
import { employmentRegistration } from './employment-registration.ts';
import { exemptForeignerNotice } from './exempt-foreigner-notice.ts';
import { skillCertificate } from './skill-certificate.ts';
import { workPermit } from './work-permit.ts';

/**
 * Every e-service this node offers, by code. Adding a service = writing its definition file and
 * listing it here; the workflow, routes and pages pick it up.
 */
export const SERVICES: ReadonlyMap<string, ServiceDefinition> = new Map([employmentRegistration, skillCertificate, craftLicence, workPermit, exemptForeignerNotice].map((d) => [d.code, d]));
