import { RateLimit, windowMs } from './rate-limit';

describe('rate-limit windows and the @RateLimit decorator', () => {
  it('reads a window written on a route', () => {
    expect(windowMs('30s')).toBe(30_000);
    expect(windowMs('10m')).toBe(600_000);
    expect(windowMs('1h')).toBe(3_600_000);
    expect(windowMs('2d')).toBe(172_800_000);
    expect(windowMs(90_000)).toBe(90_000);
  });

  it.each(['10', '0m', '-1m', '1.5m', '10x', 'm', ' 10m'])('refuses the window %p', (w) => {
    expect(() => windowMs(w as never)).toThrow(RangeError);
  });

  it('refuses, when the route is declared, a limit below 1 or a window under a second', () => {
    expect(() => RateLimit('b', 0, '1m')).toThrow(RangeError);
    expect(() => RateLimit('b', 1.5, '1m')).toThrow(RangeError);
    expect(() => RateLimit('b', 5, 999)).toThrow(RangeError);
    expect(() => RateLimit('b', 5, '1s')).not.toThrow();
  });

  it('allows one limit per route (a second guard would count every request twice)', () => {
    expect(() => {
      class Twice {
        @RateLimit('a', 5, '10m')
        @RateLimit('b', 50, '1d')
        route() {
          return 1;
        }
      }
      return Twice;
    }).toThrow('one @RateLimit per route (route)');
  });
});
