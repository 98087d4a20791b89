/**
 * At most one log line per key and interval: a device retrying with a wrong password every few seconds,
 * or a flood from one address, must not fill the log. Lines held back are counted and reported with
 * the next line let through. Told the time; keys are bounded (the oldest forgotten first).
 */
export class RateLimitedLog {
  private readonly keys = new Map<string, { lastAt: number; suppressed: number }>();

  constructor(private readonly intervalMs: number, private readonly maxKeys = 10_000) {}

  /** null: hold this line back; otherwise let it through, with how many were held back since the last. */
  admit(key: string, now: number): { suppressed: number } | null {
    const entry = this.keys.get(key);
    if (entry && now - entry.lastAt < this.intervalMs) {
      entry.suppressed += 1;
      return null;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.keys.delete(key);
    this.keys.set(key, { lastAt: now, suppressed: 0 });
    while (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    return { suppressed };
  }
}
