/**
 * The public verification answers of issued documents, kept in memory as serialized JSON so that
 * `GET /api/v1/verify/{code}` — the endpoint every family member, bank and border officer hits — answers
 * from memory (issue 4 target: ≥ 0.5 × the bare-route floor). Only documents that exist are cached (an
 * unknown code always asks the database, so a newly issued code is never missed). A status change made on
 * this node invalidates its entry; entries also expire after `ttlMs`, which bounds how long a change made
 * elsewhere (a partner's cancellation message racing a read, another process of a scaled-out node) can take
 * to show.
 */
export class VerificationCache {
  private readonly entries = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly ttlMs = 2_000,
    private readonly max = 20_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(code: string): string | undefined {
    const e = this.entries.get(code);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.entries.delete(code);
      return undefined;
    }
    return e.json;
  }

  set(code: string, json: string): void {
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(code, { json, at: this.now() });
  }

  invalidate(code: string): void {
    this.entries.delete(code);
  }
}
