/**
 * The floor: a bare Fastify 5 app with one route, `GET /floor` → a small JSON object. Every Rabt
 * measure is a ratio against this process measured in the same run on the same machine, so the
 * targets hold on any hardware. Prints `LISTENING <port>` once it listens.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/floor', () => ({ status: 'ok', service: 'floor' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.close().then(() => process.exit(0)));
}
