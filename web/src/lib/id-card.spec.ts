import { describe, expect, it } from '@jest/globals';
import { idCardProblem } from './id-card';

describe('the ID number as it is typed (GB 11643, the server rule)', () => {
  it('says nothing before the first digit and how many are left while typing', () => {
    expect(idCardProblem('')).toBe('');
    expect(idCardProblem('1101')).toBe('还差 14 位');
    expect(idCardProblem('11010519491231002')).toBe('还差 1 位');
  });

  it('accepts a valid number, also with a lower-case x', () => {
    expect(idCardProblem('11010519491231002X')).toBe('');
    expect(idCardProblem('11010519491231002x')).toBe('');
  });

  it('names what is wrong', () => {
    expect(idCardProblem('110105194912310021')).toBe('校验码不符，请逐位核对');
    expect(idCardProblem('110105194902300026')).toMatch(/出生日期不存在|校验码/);
    expect(idCardProblem('110105491231002')).toBe('还差 3 位');
    expect(idCardProblem('11010519491231002Y')).toMatch(/18 位/);
  });
});
