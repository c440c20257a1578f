// A community's unit register from a spreadsheet exported as CSV, turned into the data of a
// `community.registered` event. No floating point anywhere: every area stays the string the
// spreadsheet wrote, checked to be a decimal with at most two fractional digits, and the total is
// summed in integer hundredths (BigInt). Whatever else a register must satisfy (unit ids
// registered once, areas above zero, ...) is the core's to check when the event is applied.

import { cents, fromCents } from './format.js';

/** The columns understood, each with the header names accepted for it (compared after
 * normalising: case, spaces, `_`/`-` and a trailing unit such as "（㎡）" ignored). */
export const COLUMNS = {
  id: ['id', 'unit', 'unitid', '房号', '单元', '单元号', '房屋编号', '房间号', '户号', '专有部分', '专有部分编号'],
  building: ['building', '楼栋', '楼号', '栋', '幢', '楼栋号', '楼幢'],
  floor: ['floor', '楼层', '层', '所在楼层'],
  area: ['area', '面积', '建筑面积', '专有部分面积', '专有面积', '专有部分建筑面积'],
  owner: ['owner', 'ownerid', '业主', '业主编号'],
  use: ['use', '用途', '房屋用途', '规划用途'],
  owner_name: ['ownername', 'name', '业主姓名', '业主名称', '姓名', '名称'],
  area_basis: ['areabasis', '面积依据', '面积来源'],
};

export const REQUIRED = ['id', 'area', 'owner'];

const USES = {
  residential: 'residential', 住宅: 'residential', 住房: 'residential',
  commercial: 'commercial', 商业: 'commercial', 商铺: 'commercial', 商用: 'commercial', 经营性用房: 'commercial', 经营: 'commercial',
  parking: 'parking', 车位: 'parking', 车库: 'parking', 停车位: 'parking',
  other: 'other', 其他: 'other', 其它: 'other',
};

const BASES = {
  registry: 'registry', 登记: 'registry', 登记簿: 'registry', 不动产登记: 'registry', 不动产登记簿: 'registry',
  survey: 'survey', 实测: 'survey', 测绘: 'survey', 测绘实测: 'survey',
  contract: 'contract', 合同: 'contract', 买卖合同: 'contract',
};

/** "A", "B", ... "Z", "AA": a spreadsheet's column letter for the 0-based index `i`. */
export function columnLetter(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function normHeader(s) {
  return s.trim().toLowerCase()
    .replace(/[(（][^)）]*[)）]$/u, '') // a unit after the name: 面积（㎡）, area (m2)
    .replace(/[\s_\-·]/gu, '');
}

/**
 * RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes (doubled) and
 * line breaks; records end with CRLF, LF or CR; a leading BOM is dropped. Returns
 * `{rows: [{row, fields}], error}` where `row` is the record's 1-based number (the spreadsheet's
 * row: a line break inside quotes does not start a new one).
 */
export function parseCsv(text) {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = [];
  let fields = [];
  let f = '';
  let i = 0;
  let row = 1;
  let quotedAt = 0; // the row where an open quote began
  const endRecord = () => {
    fields.push(f);
    rows.push({ row, fields });
    fields = [];
    f = '';
    row += 1;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '"' && f === '' && (i === 0 || ',\r\n'.includes(s[i - 1]))) {
      // a quoted field
      quotedAt = row;
      i += 1;
      for (;;) {
        if (i >= s.length) return { rows, error: { kind: 'quote', row: quotedAt } };
        if (s[i] === '"') {
          if (s[i + 1] === '"') { f += '"'; i += 2; continue; }
          i += 1;
          break;
        }
        f += s[i];
        i += 1;
      }
      // after the closing quote: a separator, a line break or the end (anything else is kept,
      // as spreadsheets do, so `"a"b` reads as `ab`)
      continue;
    }
    if (c === ',') { fields.push(f); f = ''; i += 1; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    f += c;
    i += 1;
  }
  if (f !== '' || fields.length) endRecord();
  return { rows, error: null };
}

/** A decimal area as written: digits, then optionally a point and one or two digits. */
export const AREA = /^\d+(?:\.\d{1,2})?$/;

/**
 * The register in `text` (CSV) as `{units, owners, total, buildings, columns, ignored, errors}`:
 * `units` are the event's unit objects, each area the string as written (trimmed); `owners` the
 * distinct owner ids in order of appearance with the name given for each (if any); `total` the sum
 * of the areas in hundredths (a BigInt, exact); `errors` every problem found, each
 * `{kind, row, col, column, value}` (`col` the column letter, `column` the header as written).
 */
export function readRegister(text) {
  const { rows, error } = parseCsv(text);
  const errors = [];
  if (error) errors.push(error);
  const nonBlank = rows.filter((r) => r.fields.some((x) => x.trim() !== ''));
  const out = { units: [], owners: [], names: new Map(), total: 0n, buildings: [], columns: {}, ignored: [], errors };
  if (!nonBlank.length) {
    errors.push({ kind: 'empty' });
    return out;
  }
  const [header, ...body] = nonBlank;
  const cols = {};
  header.fields.forEach((name, i) => {
    const n = normHeader(name);
    const key = Object.keys(COLUMNS).find((k) => COLUMNS[k].includes(n));
    if (!key) {
      if (name.trim()) out.ignored.push(name.trim());
      return;
    }
    if (cols[key] !== undefined) {
      errors.push({ kind: 'header_twice', row: header.row, col: columnLetter(i), column: name.trim(), value: key });
      return;
    }
    cols[key] = i;
  });
  out.columns = cols;
  const missing = REQUIRED.filter((k) => cols[k] === undefined);
  if (missing.length) {
    errors.push({ kind: 'header_missing', row: header.row, value: missing.join(', ') });
    return out;
  }
  if (!body.length) {
    errors.push({ kind: 'no_units' });
    return out;
  }
  const width = header.fields.length;
  const buildings = new Set();
  const seenOwners = new Set();
  const at = (r, key) => ({ row: r.row, col: columnLetter(cols[key]), column: header.fields[cols[key]].trim() });
  for (const r of body) {
    const extra = r.fields.slice(width).filter((x) => x.trim() !== '');
    if (extra.length) {
      errors.push({ kind: 'too_many', row: r.row, col: columnLetter(width), value: String(r.fields.length) });
      continue;
    }
    const get = (key) => (cols[key] === undefined ? '' : (r.fields[cols[key]] ?? '').trim());
    const unit = {};
    let ok = true;
    const bad = (kind, key, value) => { errors.push({ kind, ...at(r, key), value }); ok = false; };
    for (const key of REQUIRED) if (get(key) === '') bad('required', key, '');
    const area = get('area');
    if (area !== '' && !AREA.test(area)) bad('area', 'area', area);
    const floor = get('floor');
    const fm = /^(-?\d+)(?:层|F|f)?$/u.exec(floor);
    if (floor !== '' && (!fm || !Number.isSafeInteger(Number(fm[1])))) bad('floor', 'floor', floor);
    const use = get('use');
    if (use !== '' && !Object.hasOwn(USES, use.toLowerCase())) bad('use', 'use', use);
    const basis = get('area_basis');
    if (basis !== '' && !Object.hasOwn(BASES, basis.toLowerCase())) bad('area_basis', 'area_basis', basis);
    const owner = get('owner');
    const name = get('owner_name');
    if (owner !== '' && name !== '') {
      const had = out.names.get(owner);
      if (had !== undefined && had !== name) bad('name_differs', 'owner_name', name);
    }
    if (!ok) continue;
    unit.id = get('id');
    const b = get('building');
    if (b !== '') { unit.building = b; buildings.add(b); }
    if (floor !== '') unit.floor = Number(fm[1]);
    unit.area = area; // exactly as written
    if (basis !== '') unit.area_basis = BASES[basis.toLowerCase()];
    if (use !== '') unit.use = USES[use.toLowerCase()];
    unit.owner = owner;
    if (!seenOwners.has(owner)) { seenOwners.add(owner); out.owners.push(owner); }
    if (name !== '') out.names.set(owner, name);
    out.units.push(unit);
    out.total += cents(area);
  }
  const natural = new Intl.Collator('en', { numeric: true }).compare;
  out.buildings = [...buildings].sort(natural);
  return out;
}

/** The `community.registered` data for a register read by `readRegister`. */
export function registeredEvent(reg, { community, name, developer }) {
  const data = { community, name };
  const owners = [];
  for (const id of reg.owners) {
    const o = { id };
    if (reg.names.has(id)) o.name = reg.names.get(id);
    if (id === developer) o.developer = true;
    if (Object.keys(o).length > 1) owners.push(o);
  }
  if (owners.length) data.owners = owners;
  data.units = reg.units;
  return data;
}

export function totalArea(reg) {
  return fromCents(reg.total);
}
