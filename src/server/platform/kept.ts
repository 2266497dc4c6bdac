/**
 * Answers kept for a while: concurrent callers of the same key share one computation, a kept
 * answer is given again until it is `ttlMs` old, a failed one is forgotten at once, and at most
 * `max` keys are kept (the oldest go first). The clock is a parameter for tests.
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = make();
    // Re-inserted, so the map's order stays the order of computation (oldest first).
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.max && now - v.at < this.ttlMs) break;
      this.entries.delete(k);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
