/**
 * The public verification answers of issued documents, kept in memory as serialized JSON so that
 * `GET /api/v1/verify/{code}` — the endpoint every family member, bank and border officer hits — answers
 * from memory (issue 4 target: ≥ 0.5 × the bare-route floor).
 *
 * - Only documents that exist are cached: an unknown code always asks the database, so a newly issued
 *   code is never missed.
 * - A status change made on this node (revocation, cancellation, supersession, including those a partner's
 *   message causes) invalidates its entry at once.
 * - An entry older than `ttlMs` (default 2 s) is stale: the request that finds it still gets it, and one
 *   refresh from the database starts in the background (stale-while-revalidate, RFC 5861's idea applied
 *   in-process). A change made elsewhere (another process of a scaled-out node, or a read racing the
 *   transaction that invalidated) therefore shows after at most `ttlMs` plus one refresh.
 * - Loads are single-flight: concurrent requests for the same code share one database read, so a burst
 *   of scans of one QR code costs one query.
 */
export class VerificationCache {
  private readonly entries = new Map<string, { json: string; at: number }>();
  private readonly loading = new Map<string, Promise<string>>();
  /** Bumped by every invalidation, so that a load started before it does not store its (older) answer. */
  private generation = 0;

  constructor(
    private readonly ttlMs = 2_000,
    private readonly max = 20_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The cached JSON of `code`, refreshed with `load` when stale (in the background) or missing (awaited).
   * `load` answers the JSON and whether it may be cached (false for codes that do not exist). Errors of a
   * background refresh are dropped (the stale answer stays until the next attempt); errors of an awaited
   * load propagate.
   */
  async get(code: string, load: () => Promise<{ json: string; cacheable: boolean }>): Promise<string> {
    const e = this.entries.get(code);
    if (e) {
      if (this.now() - e.at > this.ttlMs && !this.loading.has(code)) void this.refresh(code, load).catch(() => undefined);
      return e.json;
    }
    return this.loading.get(code) ?? this.refresh(code, load);
  }

  private refresh(code: string, load: () => Promise<{ json: string; cacheable: boolean }>): Promise<string> {
    const generation = this.generation;
    const p = load()
      .then(({ json, cacheable }) => {
        if (cacheable && generation === this.generation) this.set(code, json);
        return json;
      })
      .finally(() => this.loading.delete(code));
    this.loading.set(code, p);
    return p;
  }

  private set(code: string, json: string): void {
    if (!this.entries.has(code) && this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(code, { json, at: this.now() });
  }

  /** Drops the entry of `code` (its status changed on this node); loads in flight will not store theirs. */
  invalidate(code: string): void {
    this.generation++;
    this.entries.delete(code);
  }
}
