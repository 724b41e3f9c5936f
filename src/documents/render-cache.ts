// Rendered documents that never change for a key (a published notice's PDF), kept in memory: a small
// LRU bounded by total bytes and by entry count, with single-flight (concurrent gets of one key render
// once). Each instance has its own; a miss only costs a render, so nothing needs sharing.

export interface RenderCacheLimits {
  /** Total bytes of the cached documents. */
  maxBytes: number;
  maxEntries: number;
}

export const DEFAULT_RENDER_CACHE_LIMITS: RenderCacheLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 500 };

export class RenderCache {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recent first.
  private readonly entries = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private totalBytes = 0;
  private rendered = 0;

  constructor(private readonly limits: RenderCacheLimits = DEFAULT_RENDER_CACHE_LIMITS) {
    if (!(limits.maxBytes >= 0 && limits.maxEntries >= 0)) {
      throw new RangeError(`cache limits must not be negative: ${JSON.stringify(limits)}`);
    }
  }

  /**
   * The cached document for `key`, else the one `render` makes (then cached). Concurrent calls for a
   * key share one render; a render that fails is not cached, so the next call tries again. The same
   * Buffer goes to every caller: do not modify it.
   */
  get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    // render() runs on a later tick, once this promise is registered: even a render that throws at
    // once leaves no stale promise in flight.
    this.rendered++;
    const rendering = Promise.resolve()
      .then(render)
      .then((document) => {
        this.store(key, document);
        return document;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, rendering);
    return rendering;
  }

  /** Renders started since the cache was made (a hit or a shared render starts none): for metrics. */
  get renders(): number {
    return this.rendered;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  private store(key: string, document: Buffer): void {
    // A document larger than the whole budget would only evict everything else to be evicted itself.
    if (document.length > this.limits.maxBytes || this.limits.maxEntries === 0) return;
    this.totalBytes -= this.entries.get(key)?.length ?? 0;
    this.entries.delete(key);
    this.entries.set(key, document);
    this.totalBytes += document.length;
    for (const [oldest, buffer] of this.entries) {
      if (this.totalBytes <= this.limits.maxBytes && this.entries.size <= this.limits.maxEntries) break;
      this.entries.delete(oldest);
      this.totalBytes -= buffer.length;
    }
  }
}
