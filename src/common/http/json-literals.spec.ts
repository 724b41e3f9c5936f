import { fenWrittenAsFloat } from './json-literals';

describe('fenWrittenAsFloat', () => {
  it('finds a Fen field written with a fraction or an exponent, with its path', () => {
    expect(fenWrittenAsFloat('{"amountFen":1.0}')).toBe('amountFen');
    expect(fenWrittenAsFloat('{"amountFen": 1e2}')).toBe('amountFen');
    expect(fenWrittenAsFloat('{"amountFen":-1E+400}')).toBe('amountFen');
    expect(fenWrittenAsFloat('{"settings":{"x":1.5,"maxAidPerCaseFen":5000.00}}')).toBe(
      'settings.maxAidPerCaseFen',
    );
  });

  it('leaves integers, other fields and text inside strings alone', () => {
    expect(fenWrittenAsFloat('{"amountFen":100,"ratio":0.5}')).toBeNull();
    expect(fenWrittenAsFloat('{"note":"amountFen: 1.0","amountFen":1}')).toBeNull();
    expect(fenWrittenAsFloat('{"note":"he said \\"1.0\\"","amountFen":-0}')).toBeNull();
    expect(fenWrittenAsFloat('{"amountFen":"1.0"}')).toBeNull();
    expect(fenWrittenAsFloat('[1.5, 2e3]')).toBeNull();
  });

  it('leaves malformed JSON to the parser', () => {
    expect(fenWrittenAsFloat('{"amountFen":1.0')).toBeNull();
  });
});
