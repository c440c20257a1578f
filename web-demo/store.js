// Browser persistence: the sealed record (JSONL text from toRecord()) and a little UI state.

export const RECORD = 'yishi-demo.record';
const UI = 'yishi-demo.ui';

export function loadSaved() {
  try {
    const record = localStorage.getItem(RECORD) || '';
    const ui = JSON.parse(localStorage.getItem(UI) || '{}') || {};
    return { record, ui };
  } catch {
    return { record: '', ui: {} };
  }
}

/** Returns an error message, or null when saved. */
export function saveRecord(text) {
  try {
    if (text) localStorage.setItem(RECORD, text);
    else localStorage.removeItem(RECORD);
    return null;
  } catch (e) {
    // A record too large to store must not leave the previous one behind:
    // a reload would restore that older record as if it were this one.
    try {
      localStorage.removeItem(RECORD);
    } catch {
      /* nothing more to do */
    }
    return String(e && e.message ? e.message : e);
  }
}

export function saveUi(ui) {
  try {
    localStorage.setItem(UI, JSON.stringify(ui));
  } catch {
    /* UI state is a convenience only */
  }
}
