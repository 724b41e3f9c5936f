import { describe, expect, it } from '@jest/globals';
import { caseBody, defaultPseudonym, emptyDraft, photoProblem, size, type CaseDraft } from './case-form';

function draft(change: (d: CaseDraft) => void): CaseDraft {
  const d = emptyDraft();
  Object.assign(d.applicant, { name: ' 范某某 ', idNumber: '11010519491231002x' });
  Object.assign(d, {
    category: 'serious_illness',
    source: 'home_visit',
    description: ' 住院 ',
    amount: '1,000',
  });
  change(d);
  return d;
}

describe('the new-case form', () => {
  it('sends what was typed, trimmed, in fen, leaving out the optional fields left empty', () => {
    expect(caseBody(draft(() => undefined))).toEqual({
      applicant: { name: '范某某', idNumber: '11010519491231002X' },
      category: 'serious_illness',
      source: 'home_visit',
      description: '住院',
      requestedAmountFen: 100_000,
    });
  });

  it('sends the optional fields when typed, and the payee only when switched on', () => {
    const body = caseBody(
      draft((d) => {
        Object.assign(d.applicant, { phone: '138 0013-8000', address: ' 某某村 3 组 ', householdSize: '4' });
        d.pseudonym = '小范';
        d.payee = { name: '范某某', bankName: '农行', accountNo: '6228480012345678901' };
      }),
    );
    expect(body.applicant).toEqual({
      name: '范某某',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      address: '某某村 3 组',
      householdSize: 4,
    });
    expect(body.pseudonym).toBe('小范');
    expect(body.payee).toBeUndefined();
    const withPayee = caseBody(
      draft((d) => {
        d.withPayee = true;
        d.payee = { name: ' 范某某', bankName: '农行 ', accountNo: '6228 4800 1234 5678' };
      }),
    );
    expect(withPayee.payee).toEqual({ name: '范某某', bankName: '农行', accountNo: '6228 4800 1234 5678' });
  });

  it('names the default pseudonym as the server makes it: 小 and the surname', () => {
    expect(defaultPseudonym(' 范某某')).toBe('小范');
    expect(defaultPseudonym('𠀋一')).toBe('小𠀋');
    expect(defaultPseudonym('')).toBe('');
  });

  it('takes JPEG and PNG photos (and PDFs where asked) up to 10 MiB, and says why not otherwise', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 2_000_000 })).toBe('');
    expect(photoProblem({ type: 'image/png', size: 10 * 1024 * 1024 })).toBe('');
    expect(photoProblem({ type: 'image/heic', size: 2_000_000 })).toMatch(/JPG 或 PNG/);
    expect(photoProblem({ type: 'image/jpeg', size: 10 * 1024 * 1024 + 1 })).toMatch(/10 MB/);
    expect(photoProblem({ type: 'application/pdf', size: 1000 })).toMatch(/JPG 或 PNG/);
    expect(photoProblem({ type: 'application/pdf', size: 1000 }, true)).toBe('');
    expect(photoProblem({ type: 'text/plain', size: 1000 }, true)).toMatch(/PDF/);
    expect(photoProblem({ type: 'image/jpeg', size: 0 })).toMatch(/空的/);
  });

  it('shows sizes in KB or MB', () => {
    expect(size(300)).toBe('1 KB');
    expect(size(35_000)).toBe('34 KB');
    expect(size(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
