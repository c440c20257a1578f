// The counting core, loaded once. Imported dynamically by app.js so a missing package is reported
// on the page rather than breaking the module graph.

import init, { Ledger, Verifier, verifyRecord } from './pkg/yishi_wasm.js';
import { plain } from './dom.js';
import { errorOf } from './audit-core.js';

/** The compiled module, kept so the auditor's worker instantiates it without fetching or compiling again. */
export const module = await compile(new URL('./pkg/yishi_wasm_bg.wasm', import.meta.url));
await init({ module_or_path: module });

export { Ledger, Verifier, verifyRecord, plain, errorOf };

async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    // a server that does not say application/wasm: compiled from the bytes instead
    try {
      return await WebAssembly.compileStreaming(res.clone());
    } catch (e) {
      if ((res.headers.get('Content-Type') || '').startsWith('application/wasm')) throw e;
    }
  }
  return WebAssembly.compile(await res.arrayBuffer());
}
