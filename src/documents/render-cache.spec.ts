import { RenderCache } from './render-cache';

/** A render that counts its calls and settles only when told, to hold calls in flight. */
function controlledRender(bytes: number) {
  let calls = 0;
  const pending: { resolve: (value: Buffer) => void; reject: (reason: Error) => void }[] = [];
  const render = () => {
    calls++;
    return new Promise<Buffer>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return {
    render,
    calls: () => calls,
    finish: () => pending.shift()!.resolve(Buffer.alloc(bytes, calls)),
    fail: () => pending.shift()!.reject(new Error('render failed')),
  };
}

const doc =
  (bytes: number, fill = 1) =>
  () =>
    Promise.resolve(Buffer.alloc(bytes, fill));

describe('RenderCache', () => {
  it('renders a key once and answers later gets from memory, the same bytes', async () => {
    const cache = new RenderCache();
    const render = jest.fn(doc(10));
    const first = await cache.get('a', render);
    const second = await cache.get('a', render);
    expect(render).toHaveBeenCalledTimes(1);
    expect(cache.renders).toBe(1);
    expect(second).toBe(first);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(10);
  });

  it('renders once for concurrent gets of one key (single flight)', async () => {
    const cache = new RenderCache();
    const r = controlledRender(5);
    const gets = [cache.get('k', r.render), cache.get('k', r.render), cache.get('k', r.render)];
    await Promise.resolve(); // the render starts on a later tick
    expect(r.calls()).toBe(1);
    r.finish();
    const [a, b, c] = await Promise.all(gets);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(r.calls()).toBe(1);
    expect(cache.renders).toBe(1);
    expect(cache.has('k')).toBe(true);
  });

  it('renders different keys separately, in parallel', async () => {
    const cache = new RenderCache();
    const r = controlledRender(3);
    const gets = [cache.get('x', r.render), cache.get('y', r.render)];
    await Promise.resolve();
    expect(r.calls()).toBe(2);
    r.finish();
    r.finish();
    await Promise.all(gets);
    expect(cache.size).toBe(2);
  });

  it('does not cache a failed render: every waiter sees the failure, the next get renders again', async () => {
    const cache = new RenderCache();
    const r = controlledRender(4);
    const gets = [cache.get('k', r.render), cache.get('k', r.render)];
    await Promise.resolve();
    r.fail();
    for (const get of gets) await expect(get).rejects.toThrow('render failed');
    expect(cache.has('k')).toBe(false);
    expect(cache.bytes).toBe(0);

    const again = cache.get('k', r.render);
    await Promise.resolve();
    r.finish();
    expect((await again).length).toBe(4);
    expect(r.calls()).toBe(2);
  });

  it('does not cache a render that throws before returning a promise', async () => {
    const cache = new RenderCache();
    const throwing = () => {
      throw new Error('bad input');
    };
    await expect(cache.get('k', throwing)).rejects.toThrow('bad input');
    await expect(cache.get('k', doc(2))).resolves.toHaveLength(2);
  });

  it('evicts the least recently used entries beyond the byte budget', async () => {
    const cache = new RenderCache({ maxBytes: 30, maxEntries: 100 });
    await cache.get('a', doc(10));
    await cache.get('b', doc(10));
    await cache.get('c', doc(10));
    await cache.get('a', doc(10)); // a is now the most recent; b the least
    await cache.get('d', doc(10));
    expect(['a', 'b', 'c', 'd'].filter((k) => cache.has(k))).toEqual(['a', 'c', 'd']);
    expect(cache.bytes).toBe(30);

    await cache.get('e', doc(25)); // room for 25: c, a and d go, least recent first
    expect(['a', 'c', 'd', 'e'].filter((k) => cache.has(k))).toEqual(['e']);
    expect(cache.bytes).toBe(25);
  });

  it('evicts the least recently used entries beyond the entry count', async () => {
    const cache = new RenderCache({ maxBytes: 1_000, maxEntries: 2 });
    await cache.get('a', doc(1));
    await cache.get('b', doc(1));
    await cache.get('a', doc(1));
    await cache.get('c', doc(1));
    expect(['a', 'b', 'c'].filter((k) => cache.has(k))).toEqual(['a', 'c']);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(2);
  });

  it('returns but does not keep a document larger than the whole budget', async () => {
    const cache = new RenderCache({ maxBytes: 8, maxEntries: 10 });
    await cache.get('small', doc(4));
    const big = await cache.get('big', doc(9));
    expect(big).toHaveLength(9);
    expect(cache.has('big')).toBe(false);
    expect(cache.has('small')).toBe(true);
    expect(cache.bytes).toBe(4);
  });

  it('keeps nothing with a budget of zero entries, still rendering every get', async () => {
    const cache = new RenderCache({ maxBytes: 100, maxEntries: 0 });
    const render = jest.fn(doc(1));
    await cache.get('a', render);
    await cache.get('a', render);
    expect(render).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('refuses negative limits', () => {
    expect(() => new RenderCache({ maxBytes: -1, maxEntries: 1 })).toThrow(RangeError);
    expect(() => new RenderCache({ maxBytes: 1, maxEntries: -1 })).toThrow(RangeError);
  });
});
