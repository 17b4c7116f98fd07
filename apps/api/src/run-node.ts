import { loadConfig } from './platform/config.ts';
import { createNode } from './platform/node.ts';

/**
 * Starts one Rabt node from the environment and prints its URLs (unless `quiet`).
 * SIGINT/SIGTERM: stop accepting, finish in-flight requests, close the database, exit 0.
 */
export async function runNode(options: { quiet?: boolean } = {}): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const node = await createNode(config);
  const address = await node.app.listen({ host: config.host, port: config.port });
  const url = config.publicUrl ?? address;
  // Demo data loads in the background: the node already serves requests while it arrives.
  node.seedDemoData().then(
    () => config.seedDemoData && node.app.log.info('demo data loaded'),
    (err: unknown) => node.app.log.error({ err }, 'loading demo data failed'),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!options.quiet) {
    process.stdout.write(
      [
        '',
        `Rabt node ${config.country} ready in ${seconds} s (${node.database.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`})`,
        `  Web:       ${url}/`,
        `  API docs:  ${url}/api/docs`,
        `  Health:    ${url}/ready   Metrics: ${url}/metrics`,
        ...(config.devTools ? [`  Dev outbox (SMS codes, demo staff codes): ${url}/dev/outbox`] : []),
        '',
      ].join('\n') + '\n',
    );
  }
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      node.close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
