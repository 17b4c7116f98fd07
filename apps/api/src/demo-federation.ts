import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The embedded demo federation that `npm start` runs: one Egyptian node and partner nodes (SA, JO by
 * default), each its own process, port and PGlite database under DATA_DIR/<country>, its own Ed25519
 * signing key (DATA_DIR/<country>/federation-keys.json, created on first run), and a peers file
 * (DATA_DIR/<country>/federation-peers.json) pinning every other node by key thumbprint (RFC 7638) —
 * the trust anchors a real deployment would exchange between ministries.
 *
 * `spec` is `CC:port,CC:port,…`, from RABT_DEMO_NODES (default `EG:<PORT>,SA:<PORT+1>,JO:<PORT+2>`).
 */
interface DemoNode {
  country: string;
  port: number;
  url: string;
  dir: string;
  thumbprint: string;
}

async function ensureKeys(dir: string): Promise<string> {
  const file = join(dir, 'federation-keys.json');
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateJwk = await exportJWK(privateKey);
    writeFileSync(file, JSON.stringify([{ privateJwk, status: 'active' }], null, 2) + '\n', { mode: 0o600 });
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; status: string }[];
  const active = keys.find((k) => k.status === 'active') ?? keys[0];
  if (!active) throw new Error(`${file} holds no key`);
  const { kty, crv, x } = active.privateJwk;
  return calculateJwkThumbprint({ kty, crv, x });
}

export function parseDemoSpec(spec: string, host: string): { country: string; port: number; url: string }[] {
  return spec.split(',').map((part) => {
    const [country, port] = part.trim().split(':');
    if (!country || !/^[A-Z]{2}$/.test(country) || !port || !/^\d+$/.test(port)) throw new Error(`RABT_DEMO_NODES: "${part}" is not CC:port`);
    return { country, port: Number(port), url: `http://${host}:${port}` };
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the node exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}

export async function runDemoFederation(spec: string): Promise<void> {
  const started = performance.now();
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  const nodes: DemoNode[] = [];
  for (const n of parseDemoSpec(spec, host)) {
    const dir = join(dataDir, n.country.toLowerCase());
    mkdirSync(dir, { recursive: true });
    nodes.push({ ...n, dir, thumbprint: await ensureKeys(dir) });
  }
  for (const n of nodes) {
    const peers = nodes.filter((p) => p !== n).map((p) => ({ country: p.country, url: p.url, thumbprints: [p.thumbprint] }));
    writeFileSync(join(n.dir, 'federation-peers.json'), JSON.stringify(peers, null, 2) + '\n');
  }

  const children = nodes.map((n) =>
    spawn(process.execPath, [...process.execArgv, process.argv[1] ?? ''], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        RABT_NODE_CHILD: '1',
        NODE_COUNTRY: n.country,
        PORT: String(n.port),
        HOST: host,
        DATA_DIR: dataDir,
        PUBLIC_URL: n.url,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        FEDERATION_KEYS_FILE: join(n.dir, 'federation-keys.json'),
        FEDERATION_PEERS_FILE: join(n.dir, 'federation-peers.json'),
      },
    }),
  );
  let stopping = false;
  const stopAll = (code: number): void => {
    if (stopping) return;
    stopping = true;
    let alive = children.length;
    for (const c of children) {
      if (c.exitCode !== null) alive--;
      else c.once('exit', () => --alive === 0 && process.exit(code));
      c.kill('SIGTERM');
    }
    if (alive === 0) process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
  for (const c of children) c.once('exit', (code) => !stopping && (console.error(`a node stopped (exit ${code}); stopping the others`), stopAll(1)));

  await Promise.all(nodes.map((n, i) => waitReady(n.url, children[i]!)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const names: Record<string, string> = { EG: 'Egypt — Ministry of Labour', SA: 'Saudi Arabia — MHRSD (partner)', JO: 'Jordan — Ministry of Labour (partner)' };
  process.stdout.write(
    [
      '',
      `Rabt demo federation ready in ${seconds} s (${nodes.length} nodes, embedded PGlite, data in ${dataDir})`,
      ...nodes.map((n) => `  ${n.country}  ${n.url}/   ${names[n.country] ?? 'partner ministry'}`),
      `  API docs: <node>/api/docs   Dev outbox (SMS codes, demo staff codes): <node>/dev/outbox`,
      '  Stop with Ctrl-C.',
      '',
    ].join('\n') + '\n',
  );
}
