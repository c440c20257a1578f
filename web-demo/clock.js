// The demo's simulated clock: instants as RFC 3339 strings with a +08:00 offset.

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

export function parseAt(s) {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${s}`);
  return ms;
}

const p2 = (n) => String(n).padStart(2, '0');

/** Milliseconds since the epoch -> "2026-11-20T09:00:00+08:00". */
export function formatAt(ms) {
  const d = new Date(Math.floor(ms / 1000) * 1000 + OFFSET);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}` +
    `T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}+08:00`;
}

/** For <input type="datetime-local">: "2026-11-20T09:00" (Beijing time). */
export function toLocalInput(ms) {
  return formatAt(ms).slice(0, 16);
}

export function fromLocalInput(v) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  return parseAt(`${v.length === 16 ? `${v}:00` : v}+08:00`);
}

/** Human form: "2026-11-20 09:00". */
export function showAt(s) {
  if (!s) return '';
  try {
    return formatAt(parseAt(s)).slice(0, 16).replace('T', ' ');
  } catch {
    return s;
  }
}
