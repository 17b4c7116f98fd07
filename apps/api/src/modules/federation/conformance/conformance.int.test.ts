import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createTestCluster, type TestCluster } from '../../../testing/federation-cluster.ts';
import { testTargets } from '../../../testing/test-node.ts';
import { runConformance } from './suite.ts';

/**
 * The conformance suite passes against a Rabt node: SA, checked from outside by a client holding EG's
 * key (which SA pins for EG), exactly as another country would check its own implementation.
 */
for (const target of testTargets()) {
  describe(`federation v1 conformance (${target})`, () => {
    let cluster: TestCluster;
    before(async () => {
      cluster = await createTestCluster(['EG', 'SA', 'JO'], target, { env: { FEDERATION_RELAY: 'false' } });
    });
    after(() => cluster.close());

    test('every conformance check passes against the SA node', async () => {
      const eg = cluster.nodes.EG!;
      const sa = cluster.nodes.SA!;
      const results = await runConformance({ baseUrl: sa.url, as: 'EG', keyEntries: JSON.parse(readFileSync(eg.keysFile, 'utf8')), otherPeer: 'JO' });
      const failed = results.filter((r) => !r.ok);
      assert.deepEqual(failed, [], failed.map((f) => `${f.name}: ${f.detail}`).join('\n'));
      assert.ok(results.length >= 60, `only ${results.length} checks ran`);
    });

    test('the CLI runner exits 0 against a conforming node and 1 when the key is not pinned', async () => {
      const eg = cluster.nodes.EG!;
      const sa = cluster.nodes.SA!;
      // Asynchronous: the node under test runs in this process and must keep answering.
      const run = async (keyFile: string): Promise<{ status: number; stdout: string; stderr: string }> => {
        const args = ['--import', 'tsx', 'apps/api/src/modules/federation/conformance/run.ts', '--base-url', sa.url, '--as', 'EG', '--key-file', keyFile, '--target', 'SA'];
        try {
          const r = await promisify(execFile)(process.execPath, args, { encoding: 'utf8' });
          return { status: 0, ...r };
        } catch (err) {
          const e = err as { code: number; stdout: string; stderr: string };
          return { status: e.code, stdout: e.stdout, stderr: e.stderr };
        }
      };
      const ok = await run(eg.keysFile);
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, / 0 failed/);
      // JO's key is not pinned for EG at SA: the valid-message checks fail, so the runner reports failure.
      const wrong = await run(cluster.nodes.JO!.keysFile);
      assert.equal(wrong.status, 1, wrong.stdout);
      assert.match(wrong.stdout, /FAIL +a valid message is accepted/);
    });
  });
}
