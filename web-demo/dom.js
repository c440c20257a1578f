// Tiny DOM helpers: no framework, just createElement with attributes.

/** Control characters, the line and paragraph separators (U+2028/9), and the
 * characters that reorder text on screen (U+061C, U+200E/F, U+202A–E,
 * U+2066–9): what `yishi`'s text output escapes (`yishi::escape_controls`). */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

/** `s` with every character of UNSAFE written as `\u{…}`, as the CLI writes it: a
 * title or an id from a record cannot hide text, reverse what follows it or fake
 * a line on the page. Every text `h` puts on the page or in an attribute read
 * out (SHOWN) goes through it. */
export function visible(s) {
  return s.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** Attributes whose text the page shows or reads out: through `visible` too. (A `value`
 * is data, an owner id to send back as it is: never rewritten.) */
const SHOWN = new Set(['aria-label', 'title', 'placeholder', 'label', 'alt']);

/** h('button', {onclick, class: 'x', 'data-testid': 'y'}, 'text', child, [more]);
 * texts (children, `text` and the attributes in SHOWN) are shown through `visible`. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  const late = {};
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = visible(String(v));
    // through the CSSOM: a strict CSP (style-src without 'unsafe-inline', as
    // index.html declares) refuses style attributes, not style properties
    else if (k === 'style') el.style.cssText = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked' || k === 'selected') late[k] = v;
    else if (SHOWN.has(k)) el.setAttribute(k, visible(String(v)));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : visible(String(c)));
  }
  for (const [k, v] of Object.entries(late)) el[k] = v;
  return el;
}

const HAN = /\p{Script=Han}/u;

/** The language of a text the record gives (a community's, an owner's, a meeting's or
 * a motion's name, a reason): Chinese when it holds Han characters, else unknown
 * (undefined). In the English view a screen reader or a font picks the right voice or
 * glyphs for it only when it is marked. */
export function recLang(text) {
  return HAN.test(String(text ?? '')) ? 'zh-CN' : undefined;
}

/** A text from the record, marked with its language: a <span lang="zh-CN"> for Chinese. */
export function rec(text) {
  const s = String(text ?? '');
  const lang = recLang(s);
  return lang ? h('span', { lang }, s) : s;
}

/** A labelled control: <label class="field"><span>text</span>control</label>. */
export function field(text, control, extraClass = '') {
  return h('label', { class: `field ${extraClass}`.trim() }, h('span', { class: 'field-label' }, text), control);
}

/** <select> from [[value, label], ...] (or [value, label, lang]); `value` selects an option. */
export function select(attrs, options, value) {
  const el = h('select', attrs, options.map(([v, l, lang]) => h('option', { value: v, lang }, l)));
  if (value !== undefined && options.some(([v]) => v === value)) el.value = value;
  return el;
}

/** Snapshot and restore of form controls with an id inside `root`, so a re-render keeps what was typed. */
export function snapshotForm(root) {
  const snap = new Map();
  for (const el of root.querySelectorAll('input[id], select[id], textarea[id], details[id]')) {
    if (el.type === 'file') continue;
    if (el.tagName === 'DETAILS') {
      snap.set(el.id, { open: el.open });
      continue;
    }
    snap.set(el.id, el.type === 'checkbox' || el.type === 'radio' ? { checked: el.checked } : { value: el.value });
  }
  const a = document.activeElement;
  let active = null;
  if (a && a !== root && root.contains(a)) {
    if (a.id) active = `#${CSS.escape(a.id)}`;
    else if (a.dataset.testid) active = `[data-testid="${CSS.escape(a.dataset.testid)}"]`;
  }
  return { snap, active };
}

export function restoreForm(root, { snap, active }, forget = new Set()) {
  for (const [id, s] of snap) {
    if (forget.has(id)) continue;
    const el = root.querySelector(`#${CSS.escape(id)}`);
    if (!el || el.dataset.fresh === '1') continue;
    if ('open' in s) el.open = s.open;
    else if ('checked' in s) el.checked = s.checked;
    else if (el.tagName === 'SELECT') {
      if ([...el.options].some((o) => o.value === s.value)) el.value = s.value;
    } else el.value = s.value;
  }
  if (active) {
    const el = root.querySelector(active);
    if (el && !el.disabled) el.focus({ preventScroll: true });
  }
}

/** Values crossing the wasm boundary as plain JSON-like objects (Maps become objects, BigInts numbers). */
export function plain(v) {
  if (v instanceof Map) {
    const o = {};
    for (const [k, x] of v) o[k] = plain(x);
    return o;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}
