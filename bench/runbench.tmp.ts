import { registerProof } from '/work/main/bench/benches/register-proof.ts';
import { printTable } from '/work/main/bench/lib/table.ts';
const rows = await registerProof.run({ load: { seconds: 1, warmSeconds: 1, connections: 1 }, pgUrl: process.env.PG, floor: () => { throw new Error('no'); }, log: (m) => console.error('[bench] ' + m) } as never);
printTable(rows);
process.exit(0);
