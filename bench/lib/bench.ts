/**
 * What a bench is: a name and a function from the run context to table rows. To add one, write
 * bench/benches/<name>.ts exporting a `Bench` and append it to the list in bench/run.ts.
 */
import type { LoadResult, LoadSettings } from './load.ts';
import type { Row } from './table.ts';

export interface Context {
  /** Autocannon settings shared by every throughput measure (BENCH_SECONDS, BENCH_WARM_SECONDS, BENCH_CONNECTIONS). */
  load: LoadSettings;
  /** PostgreSQL server URL (BENCH_DATABASE_URL or TEST_DATABASE_URL), if any. */
  pgUrl: string | undefined;
  /** The bare-Fastify floor under `load`, measured once per run (on first use) and shared by all benches. */
  floor(): Promise<LoadResult>;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

export interface Bench {
  name: string;
  run(ctx: Context): Promise<Row[]>;
}
