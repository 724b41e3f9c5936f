import { VersionedCache } from './versioned-cache';

describe('VersionedCache', () => {
  it('answers from the cache while the version holds, and makes again when it changes', async () => {
    const cache = new VersionedCache<string>(10);
    let made = 0;
    const make = (v: string) => async () => `${v}#${++made}`;
    expect(await cache.get('a', '1', make('1'))).toBe('1#1');
    expect(await cache.get('a', '1', make('1'))).toBe('1#1');
    expect(await cache.get('a', '2', make('2'))).toBe('2#2');
    expect(await cache.get('a', '2', make('2'))).toBe('2#2');
    expect(made).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('shares one computation between concurrent misses of a key and version', async () => {
    const cache = new VersionedCache<number>(10);
    let made = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const make = async () => {
      made += 1;
      await gate;
      return 42;
    };
    const both = Promise.all([cache.get('k', '1', make), cache.get('k', '1', make)]);
    release();
    expect(await both).toEqual([42, 42]);
    expect(made).toBe(1);
  });

  it('does not cache a failure', async () => {
    const cache = new VersionedCache<number>(10);
    await expect(cache.get('k', '1', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', '1', async () => 7)).toBe(7);
  });

  it('drops the least recently used beyond its bound', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', '1', async () => 'a');
    await cache.get('b', '1', async () => 'b');
    await cache.get('a', '1', async () => 'a again'); // a is now the most recent
    await cache.get('c', '1', async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', '1', async () => 'a made')).toBe('a');
    expect(await cache.get('b', '1', async () => 'b made')).toBe('b made');
  });

  it('caches nothing with a bound of 0', async () => {
    const cache = new VersionedCache<string>(0);
    await cache.get('a', '1', async () => 'a');
    expect(cache.size).toBe(0);
    expect(() => new VersionedCache<string>(-1)).toThrow(RangeError);
  });
});
