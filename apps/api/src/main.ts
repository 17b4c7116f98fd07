/**
 * `npm start`. With DATABASE_URL (production) or inside the demo launcher, starts one node from the
 * environment (README "Configuration"). Otherwise starts the embedded demo federation: the Egyptian
 * node and partner nodes, each with its own PGlite database under ./data (see demo-federation.ts).
 */
import { runDemoFederation } from './demo-federation.ts';
import { runNode } from './run-node.ts';

const port = Number(process.env.PORT ?? 3000);
const single = process.env.RABT_NODE_CHILD === '1' || process.env.DATABASE_URL !== undefined || process.env.RABT_DEMO_NODES === '';
if (single) await runNode({ quiet: process.env.RABT_NODE_CHILD === '1' });
else await runDemoFederation(process.env.RABT_DEMO_NODES ?? `EG:${port},SA:${port + 1},JO:${port + 2}`);
