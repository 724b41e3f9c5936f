import { Clock } from './clock';

describe('Clock.replay', () => {
  it('gives the story the times it sets, and only the story: other async work keeps real time', async () => {
    const clock = new Clock();
    const past = new Date('2026-10-30T01:00:00Z');
    const seen: { inside: Date[]; outside: Date[] } = { inside: [], outside: [] };
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const story = clock.replay(async (setTime) => {
      seen.inside.push(clock.now()); // the current time at first
      setTime(past);
      await paused; // meanwhile, someone else asks the time
      seen.inside.push(clock.now());
      setTime(new Date(past.getTime() + 60_000));
      await Promise.resolve();
      seen.inside.push(clock.now());
      return 'told';
    });
    seen.outside.push(clock.now());
    release();
    await expect(story).resolves.toBe('told');
    seen.outside.push(clock.now());

    const real = Date.now();
    expect(Math.abs(seen.inside[0].getTime() - real)).toBeLessThan(5_000);
    expect(seen.inside.slice(1)).toEqual([past, new Date('2026-10-30T01:01:00Z')]);
    for (const t of seen.outside) expect(Math.abs(t.getTime() - real)).toBeLessThan(5_000);
  });

  it('ends with the story, even when it fails', async () => {
    const clock = new Clock();
    await expect(
      clock.replay(async (setTime) => {
        setTime(new Date('2000-01-01T00:00:00Z'));
        throw new Error('broken story');
      }),
    ).rejects.toThrow('broken story');
    expect(clock.now().getFullYear()).toBeGreaterThan(2020);
  });

  it('a returned instant cannot move the story (a copy each time)', async () => {
    const clock = new Clock();
    await clock.replay(async (setTime) => {
      const at = new Date('2026-01-01T00:00:00Z');
      setTime(at);
      at.setFullYear(1999);
      clock.now().setFullYear(1998);
      expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    });
  });
});
