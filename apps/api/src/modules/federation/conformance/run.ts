/**
 * Federation v1 conformance runner: checks a node from outside, acting as one of its peers.
 *
 *   node --import tsx apps/api/src/modules/federation/conformance/run.ts \
 *     --base-url https://node.example --as EG --key-file eg-keys.json [--target SA] [--other-peer JO]
 *
 * `--key-file` holds a key file (FEDERATION_KEYS_FILE format) whose active key the node under test has pinned
 * for `--as`. `--target` is the node's country (default: GET /api/v1/node). Prints one line per check;
 * exit code 0 when all pass, 1 otherwise, 2 on bad arguments.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runConformance } from './suite.ts';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    as: { type: 'string' },
    'key-file': { type: 'string' },
    target: { type: 'string' },
    'other-peer': { type: 'string' },
  },
});
const baseUrl = values['base-url'];
const as = values.as;
const keyFile = values['key-file'];
if (!baseUrl || !as || !keyFile) {
  process.stderr.write('usage: run.ts --base-url <url> --as <country> --key-file <file> [--target <country>] [--other-peer <country>]\n');
  process.exit(2);
}
const results = await runConformance({
  baseUrl,
  as,
  keyEntries: JSON.parse(readFileSync(keyFile, 'utf8')) as unknown,
  target: values.target,
  otherPeer: values['other-peer'],
  log: (line) => process.stdout.write(`${line}\n`),
});
const failed = results.filter((r) => !r.ok).length;
process.stdout.write(`\n${results.length - failed} passed, ${failed} failed (federation v1 conformance, ${baseUrl} as ${as})\n`);
process.exit(failed === 0 ? 0 : 1);
