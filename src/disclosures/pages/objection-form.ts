import { html, Html, pathSegment } from './html';
import { OBJECTION_FIELDS, ObjectionField, NoticePageView } from './views';

export const CONTENT_MAX_LENGTH = 2000;

const LABELS: Record<ObjectionField, string> = {
  content: '异议内容',
  caseNo: '针对哪一项',
  contactName: '您的称呼',
  contactPhone: '联系电话',
};

/**
 * The objection form of an active notice. Posts to `/p/disclosures/:did/objections` as a plain form
 * (no script): after a refusal the route renders the notice again with `view.form` — what was typed,
 * escaped, and the messages beside their fields and listed at the top. The action's `#objection`
 * (never sent to the server) makes the browser open that answer at the form, not at the page's top.
 */
export function objectionForm(view: NoticePageView): Html {
  const { notice } = view;
  const values = view.form?.values ?? {};
  const errors = view.form?.errors ?? {};
  const field = (name: ObjectionField) => ({
    id: name,
    value: values[name] ?? '',
    messages: errors[name] ?? [],
  });
  const content = field('content');
  const caseNo = field('caseNo');
  const contactName = field('contactName');
  const contactPhone = field('contactPhone');
  return html`<section aria-labelledby="objection">
<h2 id="objection">提出异议</h2>
${errorSummary(errors)}
<form method="post" action="/p/disclosures/${pathSegment(notice.id)}/objections#objection" accept-charset="utf-8">
${
  notice.items.length > 1 &&
  html`<div class="field">
<label for="caseNo">${LABELS.caseNo}</label>
<select id="caseNo" name="caseNo"${invalid(caseNo.messages, 'caseNo')}>
<option value="">整份公示</option>
${notice.items.map(
  (item) =>
    html`<option value="${item.caseNo}"${item.caseNo === caseNo.value && ' selected'}>编号 ${item.caseNo} · ${item.displayName}</option>`,
)}
</select>
${fieldErrors('caseNo', caseNo.messages)}
</div>`
}
<div class="field">
<label for="content">${LABELS.content}<span class="hint">请写明您了解的情况，最多${CONTENT_MAX_LENGTH}字</span></label>
<textarea id="content" name="content" required maxlength="${CONTENT_MAX_LENGTH}"${invalid(content.messages, 'content')}>
${content.value}</textarea>
${fieldErrors('content', content.messages)}
</div>
<div class="field">
<label for="contactName">${LABELS.contactName}<span class="hint">选填，可以不留姓名</span></label>
<input id="contactName" name="contactName" autocomplete="name" value="${contactName.value}"${invalid(contactName.messages, 'contactName')}>
${fieldErrors('contactName', contactName.messages)}
</div>
<div class="field">
<label for="contactPhone">${LABELS.contactPhone}<span class="hint">选填，只用于监事回复您，不会公开</span></label>
<input id="contactPhone" name="contactPhone" type="tel" autocomplete="tel" value="${contactPhone.value}"${invalid(contactPhone.messages, 'contactPhone')}>
${fieldErrors('contactPhone', contactPhone.messages)}
</div>
<button type="submit">提交异议</button>
</form>
<p class="muted">提交后您会得到一个查询码，凭它可以查看处理结果。</p>
</section>`;
}

/** The fields a resident may leave empty: a browser still sends them, as ''. */
const OPTIONAL_FIELDS: readonly string[] = ['caseNo', 'contactName', 'contactPhone'];

/**
 * A posted form as the body of the JSON route (SubmitObjectionDto): the optional fields left empty
 * are left out, not refused (`caseNo` '' is the whole notice). Any other name stays, so that it is
 * refused as an unknown property is in JSON.
 */
export function objectionFromForm(fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([name, value]) => !(OPTIONAL_FIELDS.includes(name) && value.trim() === ''),
    ),
  );
}

/** What was typed into the form's own fields, to show it again after a refusal. */
export function typedValues(
  fields: Readonly<Record<string, unknown>>,
): Partial<Record<ObjectionField, string>> {
  const values: Partial<Record<ObjectionField, string>> = {};
  for (const name of OBJECTION_FIELDS) {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** A note at the top of the form listing every problem; known fields link to their input. */
function errorSummary(errors: Readonly<Record<string, readonly string[]>>): Html | false {
  const entries = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (entries.length === 0) return false;
  return html`<div class="errors" role="alert">
<p><strong>提交未成功，请修改后再提交：</strong></p>
<ul>${entries.map(([name, messages]) =>
    isField(name)
      ? html`<li><a class="tap" href="#${name}">${LABELS[name]}：${messages.join('；')}</a></li>`
      : html`<li>${messages.join('；')}</li>`,
  )}</ul>
</div>`;
}

function isField(name: string): name is ObjectionField {
  return (OBJECTION_FIELDS as readonly string[]).includes(name);
}

function invalid(messages: readonly string[], name: ObjectionField): Html | false {
  return messages.length > 0 && html` aria-invalid="true" aria-describedby="${name}-error"`;
}

function fieldErrors(name: ObjectionField, messages: readonly string[]): Html | false {
  return messages.length > 0 && html`<p class="error" id="${name}-error">${messages.join('；')}</p>`;
}
