import { describe, expect, it } from '@jest/globals';
import { bytesText, isUuid, todayText } from './labels';

describe('small formats of the fund screens', () => {
  it('counts bytes as people read them', () => {
    expect(bytesText(512)).toBe('512 B');
    expect(bytesText(2048)).toBe('2.0 KB');
    expect(bytesText(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('writes today as YYYY-MM-DD with padding', () => {
    expect(todayText(new Date(2026, 0, 5, 9))).toBe('2026-01-05');
  });

  it('tells a user id from a username', () => {
    expect(isUuid(' 5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f ')).toBe(true);
    expect(isUuid('demo.board1')).toBe(false);
  });
});
