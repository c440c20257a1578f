// Display helpers. Areas stay decimal strings; sums are done in integer hundredths.

/** "89.37" -> 8937n (hundredths), exact. */
export function cents(s) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(s).trim());
  if (!m) return 0n;
  const v = BigInt(m[2]) * 100n + BigInt((m[3] || '0').padEnd(2, '0'));
  return m[1] ? -v : v;
}

export function fromCents(c) {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

export function sumAreas(list) {
  return fromCents(list.reduce((acc, s) => acc + cents(s), 0n));
}

/** A figure as a number for bar widths only (never for decisions). */
export function num(x) {
  if (typeof x === 'number') return x;
  const n = Number(x);
  return Number.isFinite(n) ? n : 0;
}

/** "≥ 2/3" -> {op: '≥', p: 2, q: 3}; anything else -> null. */
export function parseThreshold(s) {
  const m = /([≥>]|>=)?\s*(\d+)\s*\/\s*(\d+)/.exec(String(s || ''));
  if (!m) return null;
  return { op: m[1] || '', p: Number(m[2]), q: Number(m[3]) };
}

/** n/d as a percentage with two decimals, rounded down, computed exactly (as the core's
 * explanations give it: 5/12 is "41.66", never "41.67", so a share just short of a line
 * never shows as reaching it). Areas are decimal strings, heads integers. */
export function pctFloor(n, d) {
  const a = cents(n);
  const b = cents(d);
  if (b <= 0n || a < 0n) return '0.00';
  return fromCents((a * 10000n) / b);
}

export function pct(n, d) {
  const a = num(n);
  const b = num(d);
  if (!b) return 0;
  return (100 * a) / b;
}
