// Organiser view: load a community, convene meetings, take proxies, ballots, objections,
// attendance, close and declare. Every change is one `ledger.apply({at, kind, data})`.

import { h, field, select, rec, recLang } from './dom.js';
import { DAY, HOUR, formatAt, fromLocalInput, toLocalInput, showAt } from './clock.js';
import { PARTIES } from './model.js';
import { assemblyTemplate, committeeTemplate, fivePartyTemplate, DEFAULT_PARTIES } from './sample.js';
import { sumAreas } from './format.js';
import { totalArea, COLUMNS } from './csv.js';
import { meetingLabel, votingOpen } from './live.js';
import { loadBulk, saveBulk } from './store.js';

const natural = new Intl.Collator('en', { numeric: true }).compare;

const MATTERS = ['278.1', '278.2', '278.3', '278.4', '278.5', '278.6', '278.7', '278.8', '278.9'];

export function renderOrganiser(ctx) {
  const { state } = ctx;
  const mt = state.model.meetings.get(state.meeting);
  return h('div', { class: 'view-grid' },
    communityCard(ctx),
    clockCard(ctx, mt),
    recordCard(ctx),
    mt ? meetingCard(ctx, mt) : null,
    state.model.community ? conveneCard(ctx) : null);
}

/** Above this many choices a list of owners becomes a text field for the id (a select of 1,500
 * owners, several times over, makes every re-render slow). */
const LONG_LIST = 300;

/** A number typed into a form: an integer JS holds exactly as a number; anything else (`1.5`,
 * `1e`, digits beyond 2^53) as the text typed, so the core's refusal names the member
 * (`proxy_cap must be an integer`) instead of describing the JSON of a record. The fields are
 * text fields with a numeric keyboard: a number field would hand over "" for `1e`, and the
 * member would silently be left out. */
function int(v) {
  const s = String(v ?? '').trim();
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s;
}

function pick(attrs, options, value) {
  if (options.length <= LONG_LIST) return select(attrs, options, value);
  // An id typed (or pasted) with spaces around it is the id: trimmed when the field is left,
  // which happens before a button's click is handled.
  const given = attrs.onchange;
  const onchange = (e) => {
    e.target.value = e.target.value.trim();
    if (given) given(e);
  };
  return h('input', { ...attrs, onchange, value: value ?? '', autocomplete: 'off', spellcheck: 'false', placeholder: options.length ? options[0][0] : '' });
}

function card(title, testid, ...children) {
  return h('section', { class: 'card', 'data-testid': testid, 'aria-label': title }, h('h2', {}, title), ...children);
}

function btn(text, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, text);
}

/* ---------------------------------------------------------------- community */

function communityCard(ctx) {
  const { state, t } = ctx;
  const m = state.model;
  // titles and descriptions in the index are strings or {zh, en}
  const inLang = (v) => (v && typeof v === 'object' ? v[state.lang] || v.zh || v.en : v);
  const options = [['builtin', t('org.example.builtin')], ...state.examples.map((e) => [e.id, inLang(e.title) || e.id])];
  const picker = select({ id: 'org-example', 'data-testid': 'example-select', 'data-fresh': '1', onchange: (e) => { state.exampleChoice = e.target.value; ctx.rerender(); } }, options, state.exampleChoice);
  const chosen = state.examples.find((e) => e.id === picker.value);
  const about = chosen ? inLang(chosen.description) : null;
  const body = [
    h('div', { class: 'row' },
      field(t('org.example'), picker),
      btn(t('org.example.load'), () => ctx.loadExample(picker.value), { 'data-testid': 'load-example' })),
    about ? h('p', { class: 'about', 'data-testid': 'example-about' }, about) : null,
    h('p', { class: 'hint' }, t('org.example.hint')),
    ctx.msg('community'),
    csvForm(ctx),
  ];
  if (m.community) {
    const units = [...m.units.values()];
    body.push(h('dl', { class: 'facts', 'data-testid': 'community-facts' },
      h('dt', {}, t('org.community.name')), h('dd', {}, rec(m.community.name), ` (${m.community.community})`),
      h('dt', {}, t('org.community.units')), h('dd', {}, String(units.length)),
      h('dt', {}, t('org.community.owners')), h('dd', {}, String(m.owners.size)),
      h('dt', {}, t('org.community.area')), h('dd', {}, `${sumAreas(units.map((u) => u.area))} m²`),
      h('dt', {}, t('org.community.rules')),
      h('dd', {}, [...m.rules.values()].map((r) => `${r.rules} (${r.preset}${Object.keys(r.set).length ? `; ${JSON.stringify(r.set)}` : ''})`).join('; ') || '—')));
    body.push(rulesForm(ctx));
    body.push(transferForm(ctx));
  }
  return card(t('org.community'), 'card-community', ...body);
}

/** A community registered from a spreadsheet's unit register (CSV): a preview, then one
 * community.registered through the ledger, starting a new record. */
function csvForm(ctx) {
  const { state, t } = ctx;
  const csv = state.csv;
  const reg = csv && csv.reg;
  const errors = csv ? (csv.decodeError ? [{ kind: 'decode' }] : reg.errors) : [];
  const ok = !!reg && errors.length === 0;
  const file = h('input', {
    id: 'csv-file', type: 'file', accept: '.csv,text/csv', 'data-testid': 'csv-file',
    'aria-describedby': 'csv-format',
    onchange: (e) => { if (e.target.files[0]) ctx.readCsv(e.target.files[0]); },
  });
  const community = h('input', { id: 'csv-community', autocomplete: 'off', spellcheck: 'false', placeholder: 'bihu-garden', 'data-testid': 'csv-community' });
  const name = h('input', { id: 'csv-name', autocomplete: 'off', placeholder: t('org.csv.name.ph'), 'data-testid': 'csv-name' });
  const owners = ok ? reg.owners : [];
  const developer = pick({ id: 'csv-developer', 'data-testid': 'csv-developer', 'aria-describedby': 'csv-developer-hint' },
    [['', t('org.csv.developer.none')], ...owners.map((o) => [o, reg.names.has(o) ? `${o} ${reg.names.get(o)}` : o, recLang(reg.names.get(o))])]);
  if (developer.tagName === 'INPUT') developer.placeholder = t('org.csv.developer.none');
  const register = () => ctx.registerCsv({ community: community.value.trim(), name: name.value.trim(), developer: developer.value.trim() });
  const where = (e) => {
    const parts = [];
    if (e.row !== undefined) parts.push(e.col ? t('org.csv.at', { row: e.row, col: e.col }) : t('org.csv.atRow', { row: e.row }));
    if (e.column) parts.push(t('punct.open'), rec(e.column), t('punct.close'));
    if (parts.length) parts.push(t('punct.colon'));
    return parts;
  };
  const shown = errors.slice(0, 20);
  return h('details', { class: 'sub', id: 'csv-details', open: !state.model.community || !!csv },
    h('summary', {}, t('org.csv')),
    // the Chinese column names inside the English text are marked as Chinese
    h('p', { class: 'hint', id: 'csv-format' }, t('org.csv.format').split(/([\p{Script=Han}、（）]+)/u).map((x) => rec(x))),
    h('div', { class: 'form-grid' },
      field(t('org.csv.file'), file),
      field(t('org.csv.community'), community),
      field(t('org.csv.name'), name),
      field(t('org.csv.developer'), developer)),
    h('p', { class: 'hint', id: 'csv-developer-hint' }, t('org.csv.developer.hint')),
    csv ? h('p', { class: 'hint', 'data-testid': 'csv-file-name' }, t('org.csv.read'), ' ', rec(csv.name)) : null,
    errors.length ? h('div', { class: 'msg error', role: 'alert', 'data-testid': 'csv-errors', 'data-count': String(errors.length) },
      h('p', {}, t('org.csv.errors', { n: errors.length })),
      h('ul', { class: 'plain-list' }, shown.map((e) => h('li', { 'data-kind': e.kind, 'data-row': e.row ?? '', 'data-col': e.col ?? '' },
        ...where(e), t(`org.csv.err.${e.kind}`, { value: e.kind === 'header_missing' ? e.value : '' }),
        e.value !== undefined && e.value !== '' && e.kind !== 'header_missing' ? [' ', t('punct.lq'), rec(e.value), t('punct.rq')] : null))),
      errors.length > shown.length ? h('p', {}, t('org.csv.more', { n: errors.length - shown.length })) : null) : null,
    ok ? h('dl', { class: 'facts', 'data-testid': 'csv-preview' },
      h('dt', {}, t('org.community.units')), h('dd', { 'data-testid': 'csv-units' }, String(reg.units.length)),
      h('dt', {}, t('org.community.owners')), h('dd', { 'data-testid': 'csv-owners' }, String(reg.owners.length)),
      h('dt', {}, t('org.community.area')), h('dd', { 'data-testid': 'csv-total' }, `${totalArea(reg)} m²`),
      h('dt', {}, t('org.csv.buildings')), h('dd', { 'data-testid': 'csv-buildings', 'data-count': String(reg.buildings.length) },
        reg.buildings.length ? [String(reg.buildings.length), t('punct.open'), ...reg.buildings.flatMap((b, i) => (i ? [t('punct.list'), rec(b)] : [rec(b)])), t('punct.close')] : '0'),
      h('dt', {}, t('org.csv.columns')), h('dd', {}, Object.keys(COLUMNS).filter((k) => reg.columns[k] !== undefined).join(', ')),
      reg.ignored.length ? [h('dt', {}, t('org.csv.ignored')), h('dd', { 'data-testid': 'csv-ignored' }, reg.ignored.flatMap((c, i) => (i ? [t('punct.list'), rec(c)] : [rec(c)])))] : null) : null,
    h('p', { class: 'hint' }, t('org.csv.replaces')),
    btn(t('org.csv.go'), register, { class: 'primary', 'data-testid': 'csv-register', disabled: !ok }),
    ctx.msg('csv'));
}

function rulesForm(ctx) {
  const { state, t } = ctx;
  const id = h('input', { id: 'rl-id', value: `r${state.model.rules.size + 1}`, autocomplete: 'off' });
  const opts = {
    abstain: ['participates', 'excluded'],
    non_voters: ['not_counted', 'follow_majority'],
    revote: ['last_counts', 'first_counts'],
    parking: ['counts', 'excluded'],
    committee_decision: ['half_or_more_of_members', 'more_than_half_of_members'],
  };
  const sels = Object.fromEntries(Object.entries(opts).map(([k, vs]) => [k, select({ id: `rl-${k}` }, vs.map((v) => [v, t(`rules.${v}`)]))]));
  const cap = h('input', { id: 'rl-proxy_cap', inputmode: 'numeric', autocomplete: 'off' });
  const notice = h('input', { id: 'rl-notice_days', value: '15', inputmode: 'numeric', autocomplete: 'off' });
  const fpq = h('input', { id: 'rl-five_party_quorum', value: '5', inputmode: 'numeric', autocomplete: 'off' });
  const adopt = () => {
    const set = {};
    for (const [k, s] of Object.entries(sels)) set[k] = s.value;
    if (cap.value !== '') set.proxy_cap = int(cap.value);
    if (notice.value !== '') set.notice_days = int(notice.value);
    if (fpq.value !== '') set.five_party_quorum = int(fpq.value);
    ctx.act('rules', 'rules.adopted', { rules: id.value.trim(), preset: 'civil-code-2021', set });
  };
  return h('details', { class: 'sub', id: 'rl-details' },
    h('summary', {}, t('org.rules.adopt')),
    h('div', { class: 'form-grid' },
      field(t('org.rules.id'), id),
      ...Object.entries(sels).map(([k, s]) => field(t(`rules.key.${k}`), s)),
      field(t('rules.key.proxy_cap'), cap),
      field(t('rules.key.notice_days'), notice),
      field(t('rules.key.five_party_quorum'), fpq)),
    btn(t('org.rules.adopt.go'), adopt, { 'data-testid': 'rules-adopt' }),
    ctx.msg('rules'));
}

/** unit.transferred: a unit's new owner of record (meetings already convened keep their registry). */
function transferForm(ctx) {
  const { state, t } = ctx;
  const m = state.model;
  const units = [...m.units.values()].sort((a, b) => natural(a.id, b.id));
  const nameOf = (o) => (m.owners.get(o) || {}).name;
  const unit = pick({ id: 'tr-unit', 'data-testid': 'transfer-unit' },
    units.map((u) => [u.id, `${u.id} · ${m.ownerName(u.owner)}`, recLang(nameOf(u.owner))]));
  const small = m.owners.size <= LONG_LIST;
  const to = h('input', { id: 'tr-to', list: small ? 'tr-owners' : undefined, autocomplete: 'off', spellcheck: 'false', 'data-testid': 'transfer-to', placeholder: 'o88' });
  const go = () => {
    if (ctx.act('transfer', 'unit.transferred', { unit: unit.value.trim(), to: to.value.trim() })) ctx.rerender(['tr-to']);
  };
  return h('details', { class: 'sub', id: 'tr-details' },
    h('summary', {}, t('org.transfer')),
    h('p', { class: 'hint' }, t('org.transfer.hint')),
    small ? h('datalist', { id: 'tr-owners' }, m.ownerIds().map((o) => h('option', { value: o, lang: recLang(nameOf(o)) }, m.ownerName(o)))) : null,
    h('div', { class: 'form-grid' }, field(t('org.transfer.unit'), unit), field(t('org.transfer.to'), to)),
    btn(t('org.transfer.go'), go, { 'data-testid': 'transfer-go' }),
    ctx.msg('transfer'));
}

/* ---------------------------------------------------------------- clock */

function clockCard(ctx, mt) {
  const { state, t } = ctx;
  const input = h('input', { id: 'clk-set', type: 'datetime-local', step: '60', 'data-fresh': '1', value: toLocalInput(state.clock) });
  const to = (ms) => () => ctx.setClock(ms);
  return card(t('org.clock'), 'card-clock',
    h('p', { class: 'clock' }, h('span', { class: 'clock-now', 'data-testid': 'clock-now' }, showAt(formatAt(state.clock))), ' ', h('span', { class: 'muted' }, 'UTC+8')),
    state.model.lastAt ? h('p', { class: 'hint' }, t('org.clock.last'), ' ', showAt(formatAt(state.model.lastAt))) : null,
    h('div', { class: 'buttons' },
      btn(t('org.clock.hour'), to(state.clock + HOUR), { 'data-testid': 'clock-hour' }),
      btn(t('org.clock.day'), to(state.clock + DAY), { 'data-testid': 'clock-day' }),
      mt ? btn(t('org.clock.window'), to(Date.parse(mt.opens_at)), { 'data-testid': 'clock-window' }) : null,
      mt ? btn(t('org.clock.close'), to(Date.parse(mt.closes_at)), { 'data-testid': 'clock-close' }) : null),
    h('div', { class: 'row' },
      field(t('org.clock.set'), input),
      btn(t('org.clock.set.go'), () => {
        const ms = fromLocalInput(input.value);
        if (ms !== null) ctx.setClock(ms);
      }, { 'data-testid': 'clock-set' })),
    ctx.msg('clock'));
}

/* ---------------------------------------------------------------- convene */

export function freshDraft(state, body = 'assembly') {
  const m = state.model;
  const prefix = { assembly: 'am', committee: 'cm', 'five-party': 'fp' }[body];
  let n = 1;
  while (m.meetings.has(`${prefix}-${n}`)) n += 1;
  const owners = m.ownerIds().filter((o) => o !== 'dev');
  return {
    body,
    id: `${prefix}-${n}`,
    form: body === 'assembly' ? 'written' : 'collective',
    rules: [...m.rules.keys()].pop() || '',
    times: {},
    scope: '',
    members: owners.slice(0, 5),
    parties: { ...DEFAULT_PARTIES },
    motions: body === 'assembly' ? assemblyTemplate(m)
      : body === 'committee' ? committeeTemplate() : fivePartyTemplate(),
  };
}

function conveneCard(ctx) {
  const { state, t } = ctx;
  const m = state.model;
  const d = state.draft;
  const set = (k) => (e) => { d[k] = e.target.value; };
  const rules = m.rules.get(d.rules);
  const noticeDays = rules && rules.set.notice_days !== undefined ? rules.set.notice_days : 15;
  const auto = {
    noticed: state.clock,
    opens: state.clock + noticeDays * DAY + HOUR,
    closes: state.clock + (noticeDays + 14) * DAY + HOUR,
  };
  const timeInput = (k) => field(t(`org.convene.${k}`), h('input', {
    id: `cv-${k}`, type: 'datetime-local', step: '60', 'data-fresh': '1',
    value: d.times[k] || toLocalInput(auto[k]),
    oninput: (e) => { d.times[k] = e.target.value; },
  }));

  const bodySel = select({ id: 'cv-body', 'data-fresh': '1', 'data-testid': 'convene-body', onchange: (e) => { state.draft = freshDraft(state, e.target.value); ctx.rerender(); } },
    [['assembly', t('body.assembly')], ['committee', t('body.committee')], ['five-party', t('body.five-party')]], d.body);

  const extra = [];
  if (d.body === 'assembly') {
    extra.push(field(t('org.convene.scope'), h('input', { id: 'cv-scope', 'data-fresh': '1', value: d.scope, placeholder: t('org.convene.scope.ph'), oninput: set('scope'), autocomplete: 'off' })));
  } else if (d.body === 'committee' && m.owners.size > 40) {
    // a large community: members as a list of owner ids rather than a wall of checkboxes
    extra.push(field(t('org.convene.membersList'), h('input', {
      id: 'cv-members', 'data-fresh': '1', value: d.members.join(','), autocomplete: 'off', placeholder: 'o2,o5,o9,o12,o20',
      oninput: (e) => { d.members = list(e.target.value); },
    })));
  } else if (d.body === 'committee') {
    extra.push(h('fieldset', { class: 'checks' }, h('legend', {}, t('org.convene.members')),
      m.ownerIds().map((o) => h('label', { class: 'checkbox' },
        h('input', { type: 'checkbox', id: `cv-mem-${o}`, 'data-fresh': '1', checked: d.members.includes(o), onchange: (e) => {
          d.members = e.target.checked ? [...d.members, o] : d.members.filter((x) => x !== o);
        } }), ' ', m.ownerLabel(o)))));
  } else {
    extra.push(h('fieldset', { class: 'form-grid' }, h('legend', {}, t('org.convene.parties')),
      PARTIES.map((p) => field(t(`party.${p}`), h('input', {
        id: `cv-party-${p}`, 'data-fresh': '1', value: d.parties[p], autocomplete: 'off',
        placeholder: t('org.convene.party.ph'), oninput: (e) => { d.parties[p] = e.target.value; },
      })))));
  }

  const convene = () => {
    let data;
    try {
      data = buildConvene(state, auto);
    } catch (e) {
      ctx.setMsg('convene', { code: 'input', message: e.message });
      ctx.rerender();
      return;
    }
    if (ctx.act('convene', 'meeting.convened', data)) {
      state.meeting = data.meeting;
      state.liveMeeting = data.meeting;
      state.draft = freshDraft(state, d.body);
      ctx.rerender();
    }
  };

  return card(t('org.convene'), 'card-convene',
    h('div', { class: 'form-grid' },
      field(t('org.convene.body'), bodySel),
      field(t('org.convene.id'), h('input', { id: 'cv-id', 'data-fresh': '1', value: d.id, oninput: set('id'), autocomplete: 'off', 'data-testid': 'convene-id' })),
      field(t('org.convene.title'), h('input', { id: 'cv-title', 'data-fresh': '1', value: d.title ?? '', oninput: set('title'), autocomplete: 'off', 'data-testid': 'convene-title' })),
      field(t('org.convene.form'), select({ id: 'cv-form', 'data-fresh': '1', onchange: set('form') },
        [['written', t('form.written')], ['collective', t('form.collective')]], d.form)),
      field(t('org.convene.rules'), select({ id: 'cv-rules', 'data-fresh': '1', onchange: (e) => { d.rules = e.target.value; ctx.rerender(); } },
        [...m.rules.keys()].map((r) => [r, r]), d.rules)),
      timeInput('noticed'), timeInput('opens'), timeInput('closes')),
    ...extra,
    h('h3', {}, t('org.convene.motions')),
    h('div', { class: 'motion-rows' }, d.motions.map((row, i) => motionRow(ctx, row, i))),
    h('div', { class: 'buttons' },
      btn(t('org.convene.addMotion'), () => { d.motions.push({ kind: 'plain', motion: `m${d.motions.length + 1}`, title: '', matter: '278.9', refers: '' }); ctx.rerender(); }),
      btn(t('org.convene.template'), () => { state.draft = { ...freshDraft(state, d.body), id: d.id }; ctx.rerender(); }),
      btn(t('org.convene.go'), convene, { class: 'primary', 'data-testid': 'convene' })),
    ctx.msg('convene'));
}

function motionRow(ctx, row, i) {
  const { state, t } = ctx;
  const d = state.draft;
  const m = state.model;
  const p = `cv-m${i}`;
  const inp = (k, label, attrs = {}) => field(label, h('input', {
    id: `${p}-${k}`, 'data-fresh': '1', value: row[k] ?? '', autocomplete: 'off',
    oninput: (e) => { row[k] = e.target.value; }, ...attrs,
  }));
  const sel = (k, label, options, rerender = false) => field(label, select({
    id: `${p}-${k}`, 'data-fresh': '1', onchange: (e) => { row[k] = e.target.value; if (rerender) ctx.rerender(); },
  }, options, row[k]));
  const cells = [];
  if (d.body === 'assembly') {
    cells.push(sel('kind', t('org.motion.kind'), ['plain', 'election', 'unanimity', 'protected'].map((k) => [k, t(`motion.kind.${k}`)]), true));
  }
  cells.push(inp('motion', t('org.motion.id')), inp('title', t('org.motion.title')));
  if (d.body === 'assembly') {
    if (row.kind === 'plain' || row.kind === 'protected') {
      cells.push(sel('matter', t('org.motion.matter'), MATTERS.map((x) => [x, `${x} ${t(`matter.${x}`)}`])));
    }
    if (row.kind === 'election') {
      cells.push(inp('seats', t('org.motion.seats'), { inputmode: 'numeric' }),
        inp('candidates', t('org.motion.candidates'), { placeholder: 'o2,o5,o9' }));
    }
    if (row.kind === 'unanimity') {
      cells.push(field(t('org.motion.applicant'), pick({ id: `${p}-applicant`, 'data-fresh': '1', onchange: (e) => { row.applicant = e.target.value; } }, m.ownerIds().map((o) => [o, m.ownerName(o), recLang((m.owners.get(o) || {}).name)]), row.applicant)),
        inp('buildings', t('org.motion.unanimityBuildings'), { placeholder: '1' }));
    }
    if (row.kind === 'protected') {
      cells.push(inp('buildings', t('org.motion.objBuildings'), { placeholder: '3' }),
        inp('floorsMax', t('org.motion.objFloorsMax'), { inputmode: 'numeric' }),
        inp('share', t('org.motion.share'), { placeholder: '1/3' }),
        sel('dimension', t('org.motion.dimension'), [['either', t('dimension.either')], ['both', t('dimension.both')]]));
    }
  }
  if (d.body === 'five-party') {
    const refs = [['', '—']];
    for (const mt of m.meetings.values()) {
      if (mt.body !== 'assembly') continue;
      for (const mo of mt.motions) refs.push([`${mt.id}/${mo.motion}`, `${mt.id}/${mo.motion} ${mo.title ?? ''}`, recLang(mo.title)]);
    }
    cells.push(sel('refers', t('org.motion.refers'), refs));
  }
  cells.push(btn(t('org.motion.remove'), () => { d.motions.splice(i, 1); ctx.rerender(); }, { class: 'small', 'aria-label': `${t('org.motion.remove')} ${row.motion}` }));
  return h('fieldset', { class: 'motion-row' }, h('legend', {}, `${t('org.motion')} ${i + 1}`), h('div', { class: 'form-grid' }, cells));
}

const list = (s) => String(s || '').split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);

function buildConvene(state, auto) {
  const d = state.draft;
  const at = (k) => {
    const ms = d.times[k] ? fromLocalInput(d.times[k]) : auto[k];
    if (ms === null || ms === undefined) throw new Error(`${k}: invalid time`);
    return formatAt(ms);
  };
  const data = {
    meeting: d.id.trim(), body: d.body, rules: d.rules, form: d.form,
    noticed_at: at('noticed'), opens_at: at('opens'), closes_at: at('closes'),
  };
  if (d.title && d.title.trim()) data.title = d.title.trim();
  if (d.body === 'assembly' && list(d.scope).length) data.scope = { buildings: list(d.scope) };
  if (d.body === 'committee') data.members = [...d.members];
  if (d.body === 'five-party') data.parties = Object.fromEntries(PARTIES.map((p) => [p, d.parties[p].trim()]));
  data.motions = d.motions.map((row) => {
    const mo = { motion: String(row.motion).trim(), title: String(row.title).trim() };
    if (d.body === 'five-party') {
      mo.matter = 'coordination';
      if (row.refers) {
        const [meeting, motion] = row.refers.split('/');
        mo.refers_to = { meeting, motion };
      }
      return mo;
    }
    if (d.body === 'committee') return mo;
    if (row.kind === 'election') {
      mo.matter = '278.3';
      mo.election = { seats: int(row.seats), candidates: list(row.candidates) };
    } else if (row.kind === 'unanimity') {
      mo.matter = '279';
      mo.applicant = row.applicant;
      mo.protection = { unanimity_of: { buildings: list(row.buildings) } };
    } else {
      mo.matter = row.matter;
    }
    if (row.kind === 'protected') {
      const of = {};
      if (list(row.buildings).length) of.buildings = list(row.buildings);
      if (String(row.floorsMax ?? '').trim() !== '') of.floors = { max: int(row.floorsMax) };
      mo.protection = { objection_block: { of, share: String(row.share).trim(), dimension: row.dimension || 'either' } };
    }
    return mo;
  });
  return data;
}

/* ---------------------------------------------------------------- meeting */

function meetingCard(ctx, mt) {
  const { state, t } = ctx;
  const m = state.model;
  const ids = [...m.meetings.keys()];
  const voters = m.voters(mt);
  // As the live view and `yishi ballots` judge it (past closes_at is closed, close event or not).
  const status = mt.declared ? 'declared' : votingOpen(mt, state.results) ? 'open' : 'closed';
  const phase = state.clock < Date.parse(mt.opens_at) ? 'before' : state.clock < Date.parse(mt.closes_at) ? 'during' : 'after';
  return card(t('org.meeting'), 'card-meeting',
    h('div', { class: 'row' },
      field(t('org.meeting.pick'), select({ id: 'org-meeting', 'data-fresh': '1', 'data-testid': 'meeting-select', onchange: (e) => { state.meeting = e.target.value; state.liveMeeting = e.target.value; ctx.rerender(); } },
        ids.map((id) => [id, meetingLabel(ctx, m.meetings.get(id)), recLang(m.meetings.get(id).title)]), mt.id))),
    mt.title ? h('p', { class: 'meeting-title', 'data-testid': 'meeting-title' }, rec(mt.title)) : null,
    h('p', { class: 'meeting-status', 'data-testid': 'meeting-status', 'data-status': status },
      h('span', { class: `badge status-${status}` }, t(`status.${status}`)), ' ',
      `${t(`body.${mt.body}`)} · ${t(`form.${mt.form}`)} · ${t('org.meeting.window')} ${showAt(mt.opens_at)} – ${showAt(mt.closes_at)} · `,
      `${t('org.meeting.ballots')} ${mt.ballots.size}/${voters.length}`),
    status === 'open' ? h('p', { class: `hint phase-${phase}`, 'data-testid': 'meeting-phase', 'data-phase': phase }, t(`org.meeting.phase.${phase}`)) : null,
    mt.body === 'assembly' ? proxyPanel(ctx, mt) : attendancePanel(ctx, mt),
    ballotPanel(ctx, mt),
    bulkPanel(ctx, mt),
    voidPanel(ctx, mt),
    mt.body === 'assembly' ? objectionPanel(ctx, mt) : null,
    closePanel(ctx, mt));
}

function panel(title, testid, ...children) {
  return h('section', { class: 'panel', 'data-testid': testid, 'aria-label': title }, h('h3', {}, title), ...children);
}

function voterOptions(ctx, mt, ids) {
  return ids.map((v) => {
    const who = mt.body === 'five-party' ? mt.parties[v] : (ctx.state.model.owners.get(v) || {}).name;
    return [v, `${mt.body === 'five-party' ? `${ctx.t(`party.${v}`)} (${mt.parties[v]})` : ctx.state.model.ownerName(v)}${mt.ballots.has(v) ? ' ✓' : ''}`, recLang(who)];
  });
}

/** A voter for an element: the name (record text) marked with its language. */
function voterLabel(ctx, mt, v) {
  const done = mt.ballots.has(v) ? ' ✓' : '';
  if (mt.body === 'five-party') return [`${ctx.t(`party.${v}`)} (`, rec(mt.parties[v]), `)${done}`];
  return [ctx.state.model.ownerLabel(v), done];
}

function proxyPanel(ctx, mt) {
  const { state, t } = ctx;
  const m = state.model;
  const principal = pick({ id: 'px-principal', 'data-testid': 'proxy-principal' }, voterOptions(ctx, mt, m.voters(mt)));
  const small = m.owners.size <= LONG_LIST;
  const agent = h('input', { id: 'px-agent', list: small ? 'px-agents' : undefined, autocomplete: 'off', 'data-testid': 'proxy-agent', placeholder: 'o4' });
  const data = () => ({ meeting: mt.id, principal: principal.value, agent: agent.value.trim() });
  return panel(t('org.proxy'), 'panel-proxy',
    small ? h('datalist', { id: 'px-agents' }, m.ownerIds().map((o) => h('option', { value: o, lang: recLang((m.owners.get(o) || {}).name) }, m.ownerName(o)))) : null,
    h('div', { class: 'form-grid' }, field(t('org.proxy.principal'), principal), field(t('org.proxy.agent'), agent)),
    h('div', { class: 'buttons' },
      btn(t('org.proxy.grant'), () => ctx.act('proxy', 'proxy.granted', data()), { 'data-testid': 'proxy-grant' }),
      btn(t('org.proxy.revoke'), () => ctx.act('proxy', 'proxy.revoked', data()), { 'data-testid': 'proxy-revoke' })),
    mt.proxies.size ? h('ul', { class: 'plain-list', 'data-testid': 'proxy-list' },
      [...mt.proxies].map(([p, a]) => h('li', {}, m.ownerLabel(p), ' → ', m.ownerLabel(a)))) : null,
    ctx.msg('proxy'));
}

function attendancePanel(ctx, mt) {
  const { state, t } = ctx;
  const voters = state.model.voters(mt);
  const boxes = voters.map((v) => h('input', { type: 'checkbox', id: `at-${v}`, value: v, checked: mt.present.includes(v) }));
  return panel(t('org.attendance'), 'panel-attendance',
    h('fieldset', { class: 'checks' }, h('legend', {}, t('org.attendance.present')),
      voters.map((v, i) => h('label', { class: 'checkbox' }, boxes[i], ' ', voterLabel(ctx, mt, v)))),
    btn(t('org.attendance.go'), () => {
      const ok = ctx.act('attendance', 'attendance.recorded', { meeting: mt.id, present: boxes.filter((b) => b.checked).map((b) => b.value) });
      if (ok) ctx.rerender(voters.map((v) => `at-${v}`));
    }, { 'data-testid': 'attendance-record' }),
    ctx.msg('attendance'));
}

function valueOptions(ctx, mt) {
  const vals = mt.body === 'five-party' ? ['support', 'object', 'abstain'] : ['yes', 'no', 'abstain'];
  return vals.map((v) => [v, ctx.t(`vote.${v}`)]);
}

function ballotPanel(ctx, mt) {
  const { state, t } = ctx;
  const voters = state.model.voters(mt);
  const remaining = state.model.remaining(mt);
  const voter = pick({ id: 'bl-voter', 'data-testid': 'ballot-voter' }, voterOptions(ctx, mt, voters), remaining[0]);
  const agents = [...new Set(mt.proxies.values())];
  const by = select({ id: 'bl-by', 'data-testid': 'ballot-by' }, [['', t('org.ballot.self')], ...agents.map((a) => [a, state.model.ownerName(a), recLang((state.model.owners.get(a) || {}).name)])]);
  const channel = select({ id: 'bl-channel', 'data-testid': 'ballot-channel' }, [['online', t('channel.online')], ['paper', t('channel.paper')]], 'paper');
  const getters = [];
  const reasonGetters = [];
  const rows = mt.motions.map((mo) => {
    if (mo.election) {
      const boxes = mo.election.candidates.map((c) => h('input', { type: 'checkbox', id: `bl-v-${mo.motion}-${c}`, value: c }));
      // An abstention takes part (it counts in participation), unlike leaving the election out.
      // It and the candidates exclude each other: ticking one unticks the other (no box is
      // disabled, a state a re-render of the form would not restore).
      const abstain = h('input', {
        type: 'checkbox', id: `bl-a-${mo.motion}`, 'data-testid': `ballot-abstain-${mo.motion}`,
        onchange: () => { if (abstain.checked) for (const b of boxes) b.checked = false; },
      });
      for (const b of boxes) b.addEventListener('change', () => { if (b.checked) abstain.checked = false; });
      getters.push(() => {
        const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
        if (chosen.length) return [mo.motion, chosen];
        return abstain.checked ? [mo.motion, 'abstain'] : null;
      });
      return h('fieldset', { class: 'checks' }, h('legend', {}, rec(mo.title), ` (${t('org.ballot.upTo')} ${mo.election.seats})`),
        mo.election.candidates.map((c, i) => h('label', { class: 'checkbox' }, boxes[i], ' ', state.model.ownerLabel(c))),
        h('label', { class: 'checkbox' }, abstain, ' ', t('vote.abstain')));
    }
    const s = select({ id: `bl-v-${mo.motion}`, 'data-testid': `ballot-value-${mo.motion}` }, [['', t('org.ballot.none')], ...valueOptions(ctx, mt)]);
    getters.push(() => (s.value ? [mo.motion, s.value] : null));
    if (mt.body !== 'five-party') return field([rec(mo.title), ` (${mo.motion})`], s);
    // a party states its position with a reason
    const r = h('input', { id: `bl-r-${mo.motion}`, autocomplete: 'off', 'data-testid': `ballot-reason-${mo.motion}`, placeholder: t('org.ballot.reason.ph') });
    reasonGetters.push(() => (s.value && r.value.trim() ? [mo.motion, r.value.trim()] : null));
    return h('div', { class: 'position' }, field([rec(mo.title), ` (${mo.motion})`], s), field(t('org.ballot.reason'), r));
  });
  const cast = () => {
    const votes = Object.fromEntries(getters.map((g) => g()).filter(Boolean));
    const data = { meeting: mt.id, voter: voter.value, channel: channel.value, votes };
    if (by.value) data.by = by.value;
    const reasons = Object.fromEntries(reasonGetters.map((g) => g()).filter(Boolean));
    if (Object.keys(reasons).length) data.reasons = reasons;
    // After a ballot the form starts blank: a choice carried over to the
    // next voter would be entered for them unnoticed.
    const choices = mt.motions.flatMap((mo) => (mo.election ? [...mo.election.candidates.map((c) => `bl-v-${mo.motion}-${c}`), `bl-a-${mo.motion}`] : [`bl-v-${mo.motion}`]));
    if (ctx.act('ballot', 'ballot.cast', data)) ctx.rerender(['bl-voter', 'bl-by', ...choices, ...mt.motions.map((mo) => `bl-r-${mo.motion}`)]);
  };
  return panel(t('org.ballot'), 'panel-ballot',
    h('p', { class: 'hint' }, t('org.ballot.hint')),
    h('div', { class: 'form-grid' }, field(t('org.ballot.voter'), voter), mt.body === 'assembly' ? field(t('org.ballot.by'), by) : null, field(t('org.ballot.channel'), channel)),
    h('div', { class: 'form-grid' }, rows),
    btn(t('org.ballot.go'), cast, { class: 'primary', 'data-testid': 'ballot-cast' }),
    ctx.msg('ballot'));
}

const VALUE_WORDS = {
  yes: 'yes', y: 'yes', 同意: 'yes', 赞成: 'yes', no: 'no', n: 'no', 反对: 'no', 不同意: 'no',
  abstain: 'abstain', a: 'abstain', 弃权: 'abstain', support: 'support', 支持: 'support', object: 'object', 异议: 'object',
};

/** Parse bulk lines: `voter,value` (for the chosen motion, or every non-election motion with "*"),
 * or `voter,motion=value,motion=value`. Election values list candidates separated by spaces or "|",
 * or are `abstain` (弃权). */
export function parseBulk(text, mt, target) {
  const out = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/[,，\t;；]/).map((x) => x.trim()).filter((x) => x !== '');
    const [voter, ...rest] = parts;
    const votes = {};
    const norm = (mo, v) => {
      // An election takes a list of candidates, or an abstention (弃权), which takes part.
      // (Only the words themselves: a candidate's id may be "a".)
      if (mo && mo.election) return ['abstain', '弃权'].includes(v.toLowerCase()) ? 'abstain' : v.split(/[\s|]+/).filter(Boolean);
      return VALUE_WORDS[v.toLowerCase()] || v;
    };
    const find = (id) => mt.motions.find((x) => x.motion === id);
    if (rest.length && rest.every((x) => x.includes('='))) {
      for (const kv of rest) {
        const [k, v] = kv.split('=').map((x) => x.trim());
        votes[k] = norm(find(k), v);
      }
    } else if (rest.length === 1) {
      if (target === '*') {
        for (const mo of mt.motions) if (!mo.election) votes[mo.motion] = norm(mo, rest[0]);
      } else votes[target] = norm(find(target), rest[0]);
    } else {
      out.push({ line: i + 1, error: line });
      return;
    }
    out.push({ line: i + 1, voter, votes });
  });
  return out;
}

function bulkPanel(ctx, mt) {
  const { state, t } = ctx;
  // Lines typed from a stack of paper ballots survive a reload of this tab, with the motion and
  // channel they were typed for (a `voter,value` line means nothing without its motion), until
  // they are entered or the record is replaced.
  const saved = loadBulk(mt.id);
  const keep = (text = lines.value) => saveBulk(mt.id, { lines: text, motion: target.value, channel: channel.value });
  const motions = [...mt.motions.map((mo) => [mo.motion, `${mo.motion} ${mo.title ?? ''}`, recLang(mo.title)]), ['*', t('org.bulk.allMotions')]];
  const target = select({ id: 'bk-motion', 'data-testid': 'bulk-motion', onchange: () => keep() }, motions, saved?.motion);
  const channel = select({ id: 'bk-channel', 'data-testid': 'bulk-channel', onchange: () => keep() },
    [['online', t('channel.online')], ['paper', t('channel.paper')]], saved?.channel);
  const lines = h('textarea', { id: 'bk-lines', rows: '6', spellcheck: 'false', 'data-testid': 'bulk-lines', oninput: () => keep() });
  lines.value = saved?.lines ?? '';
  // The page's own example, on three lines (h() would show its newlines as \u{a}).
  lines.placeholder = 'o7,yes\no8,no\no9,hire=yes,fund=abstain';
  const value = select({ id: 'bk-value', 'data-testid': 'bulk-value' }, valueOptions(ctx, mt));
  const count = h('input', { id: 'bk-count', type: 'number', min: '1', inputmode: 'numeric', 'data-testid': 'bulk-count', placeholder: t('org.bulk.count.ph') });
  const fill = () => {
    let rest = state.model.remaining(mt);
    if (count.value) rest = rest.slice(0, Number(count.value));
    const mo = mt.motions.find((x) => x.motion === target.value);
    const v = mo && mo.election ? mo.election.candidates.slice(0, mo.election.seats).join(' ') : value.value;
    lines.value = rest.map((r) => `${r},${v}`).join('\n');
    keep();
  };
  const submit = () => {
    const parsed = parseBulk(lines.value, mt, target.value);
    const bad = parsed.find((p) => p.error !== undefined);
    if (bad) {
      ctx.setMsg('bulk', { code: 'input', message: t('org.bulk.badLine', { n: bad.line, line: bad.error }) });
      ctx.rerender();
      return;
    }
    const events = parsed.map((p) => ({ kind: 'ballot.cast', data: { meeting: mt.id, voter: p.voter, channel: channel.value, votes: p.votes } }));
    const done = ctx.actMany('bulk', events, (n) => t('org.bulk.done', { n }));
    // keep the lines that were not entered, so the failing one can be fixed
    const left = parsed.slice(done).map((p) => lines.value.split(/\r?\n/)[p.line - 1]).join('\n');
    state.keep['bk-lines'] = left;
    keep(left);
    ctx.rerender();
  };
  return panel(t('org.bulk'), 'panel-bulk',
    h('p', { class: 'hint' }, t('org.bulk.hint')),
    h('div', { class: 'form-grid' }, field(t('org.bulk.motion'), target), field(t('org.ballot.channel'), channel)),
    h('div', { class: 'row helper' },
      field(t('org.bulk.value'), value), field(t('org.bulk.count'), count),
      btn(t('org.bulk.fill'), fill, { 'data-testid': 'bulk-fill-remaining' })),
    field(t('org.bulk.lines'), lines, 'wide'),
    btn(t('org.bulk.go'), submit, { class: 'primary', 'data-testid': 'bulk-submit' }),
    ctx.msg('bulk'));
}

function voidPanel(ctx, mt) {
  const { t } = ctx;
  const voted = [...mt.ballots.keys()];
  const voter = pick({ id: 'vd-voter', 'data-testid': 'void-voter' }, voterOptions(ctx, mt, voted));
  const reason = h('input', { id: 'vd-reason', autocomplete: 'off', placeholder: t('org.void.reason.ph') });
  return h('details', { class: 'panel sub', id: 'vd-details', 'data-testid': 'panel-void' },
    h('summary', {}, t('org.void')),
    h('div', { class: 'form-grid' }, field(t('org.ballot.voter'), voter), field(t('org.void.reason'), reason)),
    btn(t('org.void.go'), () => ctx.act('void', 'ballot.voided', { meeting: mt.id, voter: voter.value, reason: reason.value.trim() }), { 'data-testid': 'void-go' }),
    ctx.msg('void'));
}

function objectionPanel(ctx, mt) {
  const { state, t } = ctx;
  const m = state.model;
  const protectedFirst = [...mt.motions].sort((a, b) => Number(!!b.protection) - Number(!!a.protection));
  const motion = select({ id: 'ob-motion', 'data-testid': 'objection-motion' }, protectedFirst.map((mo) => [mo.motion, `${mo.motion} ${mo.title ?? ''}`, recLang(mo.title)]));
  const owner = pick({ id: 'ob-owner', 'data-testid': 'objection-owner' }, m.voters(mt).map((o) => [o, m.ownerName(o), recLang((m.owners.get(o) || {}).name)]));
  const reason = h('input', { id: 'ob-reason', autocomplete: 'off', 'data-testid': 'objection-reason', placeholder: t('org.objection.reason.ph') });
  return panel(t('org.objection'), 'panel-objection',
    h('div', { class: 'form-grid' }, field(t('org.objection.motion'), motion), field(t('org.objection.owner'), owner), field(t('org.objection.reason'), reason)),
    btn(t('org.objection.go'), () => ctx.act('objection', 'objection.filed', { meeting: mt.id, motion: motion.value, owner: owner.value, reason: reason.value.trim() }), { 'data-testid': 'objection-file' }),
    mt.objections.length ? h('ul', { class: 'plain-list' }, mt.objections.map((o) => h('li', {}, `${o.motion}: `, m.ownerLabel(o.owner), ' — ', rec(o.reason), ` (${showAt(o.at)})`))) : null,
    ctx.msg('objection'));
}

function closePanel(ctx, mt) {
  const { t } = ctx;
  return panel(t('org.close'), 'panel-close',
    h('p', { class: 'hint' }, t('org.close.hint')),
    h('div', { class: 'buttons' },
      btn(t('org.close.go'), () => ctx.act('close', 'meeting.closed', { meeting: mt.id }), { 'data-testid': 'meeting-close', disabled: mt.closed }),
      btn(t('org.declare.go'), () => ctx.declare(mt.id), { class: 'primary', 'data-testid': 'meeting-declare', disabled: mt.declared })),
    ctx.msg('close'));
}

/* ---------------------------------------------------------------- record */

function recordCard(ctx) {
  const { state, t } = ctx;
  return card(t('org.record'), 'card-record',
    h('dl', { class: 'facts' },
      h('dt', {}, t('record.events')), h('dd', { 'data-testid': 'record-count' }, String(state.model.count)),
      h('dt', {}, t('record.head')), h('dd', { class: 'hash', 'data-testid': 'record-head' }, state.model.head)),
    h('div', { class: 'buttons' },
      btn(t('org.record.export'), () => ctx.exportRecord(), { 'data-testid': 'export', disabled: state.model.count === 0 }),
      state.confirmReset
        ? btn(t('org.record.resetConfirm'), () => ctx.resetRecord(), { class: 'danger', 'data-testid': 'reset-confirm' })
        : btn(t('org.record.reset'), () => { state.confirmReset = true; ctx.rerender(); }, { 'data-testid': 'reset', disabled: state.model.count === 0 })),
    h('p', { class: 'hint' }, t('org.record.hint')),
    ctx.msg('storage'),
    state.sharedUnsaved ? h('p', { class: 'msg error', role: 'status', 'data-testid': 'shared-unsaved' }, t('storage.elsewhere')) : null,
    ctx.msg('record'));
}

