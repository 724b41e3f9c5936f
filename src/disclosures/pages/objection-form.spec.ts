import { objectionFromForm, typedValues } from './objection-form';

describe('the objection form as posted', () => {
  it('leaves out the optional fields a browser sends empty, and keeps everything else for the check', () => {
    expect(objectionFromForm({ content: '有误', caseNo: '', contactName: ' ', contactPhone: '' })).toEqual({
      content: '有误',
    });
    expect(
      objectionFromForm({ content: '', caseNo: '2026-0001', contactName: '李', contactPhone: '13800138000' }),
    ).toEqual({ content: '', caseNo: '2026-0001', contactName: '李', contactPhone: '13800138000' });
    // A blank content is the resident's mistake to be told of; a name the form has not is refused later.
    expect(objectionFromForm({ content: '  ', isAdmin: '' })).toEqual({ content: '  ', isAdmin: '' });
  });

  it('keeps the form’s own fields as typed (strings only), for showing them again', () => {
    const fields = JSON.parse(
      '{"content":" x ","caseNo":"","contactName":"<b>","other":"y","__proto__":"z"}',
    );
    expect(typedValues(fields)).toEqual({ content: ' x ', caseNo: '', contactName: '<b>' });
    expect(typedValues({ content: 1, contactPhone: ['138'] })).toEqual({});
    expect(typedValues(Object.create({ content: 'inherited' }) as Record<string, unknown>)).toEqual({});
  });
});
