import { createServer } from 'node:net';

/**
 * Ports handed out for servers that must know their port before they listen (a federation cluster writes each
 * node's URL into its peers' files first). They are taken below the kernel's ephemeral range
 * (`/proc/sys/net/ipv4/ip_local_port_range`, 32768–60999 on Linux), so an outgoing connection of this or
 * another process can never take a port between our check and the node's `listen()`; asking the kernel for
 * port 0 could (seen in CI as EADDRINUSE).
 */
const LOW = 20_000;
const HIGH = 32_000;
const handedOut = new Set<number>();

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that is free now, outside the ephemeral range, and not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port)) continue;
    if (await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found in ${LOW}–${HIGH}`);
}
