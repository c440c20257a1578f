// The counting core, loaded once. Imported dynamically by app.js so a missing package is reported
// on the page rather than breaking the module graph.

import init, { Ledger, Verifier, verifyRecord } from './pkg/yishi_wasm.js';
import { plain } from './dom.js';

await init();

export { Ledger, Verifier, verifyRecord, plain };

/** A thrown YishiError (or anything else) as {code, seq, message}. */
export function errorOf(e) {
  if (e && typeof e === 'object' && e.code !== undefined) {
    const seq = e.seq === undefined || e.seq === null ? undefined : Number(e.seq);
    const code = String(e.code);
    // the core's Display form is "<code> at seq <n>: <message>"; code and seq are shown on their own
    const message = String(e.message || '').replace(new RegExp(`^${code.replace(/[.]/g, '\\.')}( at seq \\d+)?: `), '');
    return { code, seq, message };
  }
  return { code: (e && e.name) || 'error', seq: undefined, message: String((e && e.message) || e) };
}
