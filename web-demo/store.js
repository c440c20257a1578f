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
