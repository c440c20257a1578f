// Browser persistence: the sealed record (JSONL text from toRecord()) and a little UI state.

export const RECORD = 'yishi-demo.record';
/** Set while a tab holds a record too large to store: the record's removal is then no
 * "new record" for the other tabs, which keep the last one they saw. */
export const UNSAVED = 'yishi-demo.unsaved';
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
    // Another tab told of the change reads the record then the mark: a record is stored before
    // the mark goes, and the mark goes before the record does (a new, empty record).
    if (text) {
      localStorage.setItem(RECORD, text);
      localStorage.removeItem(UNSAVED);
    } else {
      localStorage.removeItem(UNSAVED);
      localStorage.removeItem(RECORD);
    }
    return null;
  } catch (e) {
    // A record too large to store must not leave the previous one behind:
    // a reload would restore that older record as if it were this one.
    // The mark first: another tab told of the removal then finds it.
    try {
      localStorage.setItem(UNSAVED, '1');
    } catch {
      /* a full storage: the removal below still goes ahead */
    }
    try {
      localStorage.removeItem(RECORD);
    } catch {
      /* nothing more to do */
    }
    return String(e && e.message ? e.message : e);
  }
}

/** Bulk ballot lines not yet entered, kept per meeting for this tab (sessionStorage): the
 * lines, the motion and the channel they were typed for. */
const BULK = 'yishi-demo.bulk.';

export function loadBulk(meeting) {
  try {
    const kept = JSON.parse(sessionStorage.getItem(BULK + meeting) || 'null');
    return kept && typeof kept.lines === 'string' ? kept : null;
  } catch {
    return null;
  }
}

export function saveBulk(meeting, kept) {
  try {
    if (kept && kept.lines) sessionStorage.setItem(BULK + meeting, JSON.stringify(kept));
    else sessionStorage.removeItem(BULK + meeting);
  } catch {
    /* a convenience only */
  }
}

/** Forgets every meeting's kept lines: the record they were typed for is gone. */
export function clearBulk() {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(BULK)) sessionStorage.removeItem(k);
  } catch {
    /* nothing kept */
  }
}

/** Removes the mark (the tab that set it goes). */
export function clearUnsaved() {
  try {
    localStorage.removeItem(UNSAVED);
  } catch {
    /* nothing to do */
  }
}

/** Whether a tab holds a record it could not store (see UNSAVED). */
export function unsavedElsewhere() {
  try {
    return localStorage.getItem(UNSAVED) !== null;
  } catch {
    return false;
  }
}

export function saveUi(ui) {
  try {
    localStorage.setItem(UI, JSON.stringify(ui));
  } catch {
    /* UI state is a convenience only */
  }
}
