/** Starts the processes under test (floor server, Rabt node) and waits until they listen. */
import { spawnTsx, type Child } from './children.ts';

export interface Server {
  child: Child;
  baseUrl: string;
  /** Spawn to `LISTENING` line, in seconds. */
  startSeconds: number;
}

async function listening(child: Child): Promise<Server> {
  const m = await child.waitFor(/^LISTENING (\d+)$/m);
  return { child, baseUrl: `http://127.0.0.1:${m[1]}`, startSeconds: (performance.now() - child.spawnedAt) / 1000 };
}

/** The bare Fastify floor (bench/floor-server.ts). */
export function startFloor(): Promise<Server> {
  return listening(spawnTsx('bench/floor-server.ts', [], process.env));
}

/** A Rabt node (bench/serve-node.ts) on PostgreSQL (needs a server URL) or a fresh PGlite directory. */
export function startNode(engine: 'postgres' | 'pglite'): Promise<Server> {
  return listening(spawnTsx('bench/serve-node.ts', [engine], process.env));
}
