// The auditor's module worker: verifies and recounts a record off the page's thread.
//
//   page -> worker  {type: 'init', module?}        the compiled wasm module (else fetched here)
//   worker -> page  {type: 'ready'} | {type: 'failed', error}
//   page -> worker  {type: 'audit', buffer, offset, length}   the file's bytes, transferred
//   worker -> page  {type: 'progress', done, events}  after each piece
//                   {type: 'done', result, buffer}    verifyAndCount's result; the bytes come back
//
// One worker audits one record; the page terminates it when another file is opened.

import init, { initSync, Verifier } from './pkg/yishi_wasm.js';
import { errorOf, verifyAndCount } from './audit-core.js';

const wasm = { Verifier };

self.onmessage = async ({ data: msg }) => {
  if (msg.type === 'init') {
    try {
      if (msg.module) initSync({ module: msg.module });
      else await init();
      self.postMessage({ type: 'ready' });
    } catch (e) {
      self.postMessage({ type: 'failed', error: errorOf(e) });
    }
    return;
  }
  if (msg.type === 'audit') {
    const bytes = new Uint8Array(msg.buffer, msg.offset, msg.length);
    let result;
    try {
      result = await verifyAndCount(wasm, bytes, {
        onProgress: (done, events) => self.postMessage({ type: 'progress', done, events }),
      });
    } catch (e) {
      result = { error: { ...errorOf(e), line: undefined } };
    }
    self.postMessage({ type: 'done', result, buffer: msg.buffer }, [msg.buffer]);
  }
};
