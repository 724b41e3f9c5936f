// Answers that stay right while their owner's version stays the same (a society's public reads,
// keyed by its audit head: every change to what is public records an event). A small LRU per
// process; a get with another version is a miss and the new answer replaces the old. The version is
// read from the database on every request, so several processes never serve each other's stale
// answers. Concurrent misses of one key and version share one computation.

export class VersionedCache<T> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recent first.
  private readonly entries = new Map<string, { version: string; value: T }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries: number) {
    if (!(maxEntries >= 0)) throw new RangeError(`maxEntries must not be negative: ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value cached for `key` at `version`, else the one `make` gives (then cached). A failed `make`
   * is not cached. The same value goes to every caller: do not modify it.
   */
  async get(key: string, version: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const flightKey = `${key}\u0000${version}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) return pending;
    const made = make().then(
      (value) => {
        this.inFlight.delete(flightKey);
        this.put(key, version, value);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(flightKey);
        throw error;
      },
    );
    this.inFlight.set(flightKey, made);
    return made;
  }

  private put(key: string, version: string, value: T): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
