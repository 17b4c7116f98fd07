/**
 * `npm run audit:verify`: recomputes the audit log's hash chain on the configured database
 * (DATABASE_URL, or the embedded PGlite under DATA_DIR) and exits 1 on the first edited or deleted row.
 */
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase } from '../node.ts';
import { verifyAuditChain } from './audit.ts';

const database = await openConfiguredDatabase(loadConfig());
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) console.log(`audit log intact: ${result.checked} rows verified`);
  else console.error(`audit log NOT intact: ${result.reason} (first bad row ${result.firstBadSeq}; ${result.checked} rows verified before it)`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
