import table from './errors.json' with { type: 'json' };
import { h } from './dom.js';

// What each error code means and how to fix it, in Chinese and English.
// errors.json is generated from docs/errors.md (`cargo xtask errors-json`);
// the integration tests (tests/integration/errors.rs) fail when it is not
// exactly what docs/errors.md gives. Edit docs/errors.md, never the JSON.

/** {meaning, fix} for `code` in `lang` ('zh' or 'en'), or null for a code the catalogue lacks. */
export function explain(code, lang) {
  if (typeof code !== 'string' || !Object.hasOwn(table, code)) return null;
  const e = table[code];
  return e[lang] || e.zh;
}

/**
 * What `code` means and how to fix it, as the <dt>/<dd> pairs of a <dl>, labelled with `t`; each
 * <dd> gets `attrs` and the test id `${testid}-meaning` or `${testid}-fix`. Null for a code the
 * catalogue lacks. The organiser's refusals and the auditor's show it alike.
 */
export function explainTerms(code, lang, t, testid, attrs = {}) {
  const why = explain(code, lang);
  if (!why) return null;
  return [
    h('dt', {}, t('audit.meaning')), h('dd', { ...attrs, 'data-testid': `${testid}-meaning` }, mdText(why.meaning)),
    h('dt', {}, t('audit.fix')), h('dd', { ...attrs, 'data-testid': `${testid}-fix` }, mdText(why.fix)),
  ];
}

/** The catalogue's text as nodes: its Markdown `code` spans become <code>. */
export function mdText(text) {
  return String(text).split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}
