// Live count: every figure comes from the ledger's result objects; nothing is counted here.

import { h, field, select, rec, recLang } from './dom.js';
import { num, parseThreshold, pct, pctFloor } from './format.js';
import { showAt } from './clock.js';
import { warningText } from './warnings.js';

export function renderLive(ctx) {
  const { state, t } = ctx;
  const meetings = [...state.model.meetings.values()];
  const unsaved = state.sharedUnsaved
    ? h('p', { class: 'msg error', role: 'status', 'data-testid': 'shared-unsaved' }, t('storage.elsewhere')) : null;
  if (!meetings.length) {
    return h('div', { class: 'view-grid' }, h('section', { class: 'card' }, h('h2', {}, t('live.title')), unsaved, h('p', { 'data-testid': 'live-empty' }, t('live.empty'))));
  }
  // '*' (all meetings) is a choice too: the picker shows what is shown.
  const chosen = state.liveMeeting === '*' || (state.liveMeeting && state.model.meetings.has(state.liveMeeting))
    ? state.liveMeeting : meetings[meetings.length - 1].id;
  const picker = select({ id: 'live-meeting', 'data-fresh': '1', 'data-testid': 'live-meeting', onchange: (e) => { state.liveMeeting = e.target.value; ctx.rerender(); } },
    [...meetings.map((mt) => [mt.id, meetingLabel(ctx, mt), recLang(mt.title)]), ['*', t('live.allMeetings')]], chosen);
  const shown = state.liveMeeting === '*' ? meetings : meetings.filter((mt) => mt.id === chosen);
  return h('div', { class: 'live' },
    unsaved,
    h('div', { class: 'row live-head' }, field(t('live.meeting'), picker),
      h('p', { class: 'hint' }, t('live.hint'))),
    shown.map((mt) => meetingResults(ctx, mt, state.results)));
}

/** A meeting in a list: its id and its title, or its body when the record gives no title. */
export function meetingLabel(ctx, mt) {
  return mt.title ? `${mt.id} · ${mt.title}` : `${mt.id} · ${ctx.t(`body.${mt.body}`)}`;
}

/** Whether a meeting still takes ballots, as `yishi ballots` and `yishi tally` judge it:
 * no `meeting.closed`, no declared result, and the record's last event before
 * `closes_at`. Told by the library's own results (exactly, to the nanosecond): with
 * no close event, a meeting's results are provisional exactly while voting is open. */
export function votingOpen(mt, results) {
  if (mt.closed || mt.declared) return false;
  return Object.values(results).some((r) => r.meeting === mt.id && r.provisional);
}

/** One meeting's results as cards; used by the live and the auditor views. */
export function meetingResults(ctx, mt, results, testPrefix = '') {
  const { t } = ctx;
  const order = new Map(mt.motions.map((mo, i) => [mo.motion, i]));
  const rs = Object.values(results).filter((r) => r.meeting === mt.id)
    .sort((a, b) => (order.get(a.motion) ?? 1e9) - (order.get(b.motion) ?? 1e9));
  const status = mt.declared ? 'declared' : votingOpen(mt, results) ? 'open' : 'closed';
  return h('section', { class: 'meeting-results', 'aria-label': `${t('live.meeting')} ${mt.id}`, 'data-testid': `${testPrefix}meeting-${mt.id}` },
    h('h2', {}, mt.title ? [h('span', { class: 'meeting-title', 'data-testid': `${testPrefix}meeting-title-${mt.id}` }, rec(mt.title)), ' ', h('span', { class: 'muted' }, `(${mt.id} · ${t(`body.${mt.body}`)})`), ' ']
      : `${mt.id} · ${t(`body.${mt.body}`)} `, h('span', { class: `badge status-${status}` }, t(`status.${status}`))),
    h('p', { class: 'hint' }, `${t('org.meeting.window')} ${showAt(mt.opens_at)} – ${showAt(mt.closes_at)}`),
    h('div', { class: 'cards' }, rs.map((r) => resultCard(ctx, r, testPrefix))));
}

const heads = (ctx, n) => ctx.t('unit.heads', { n });
const area = (a) => `${a} m²`;

function resultCard(ctx, r, testPrefix) {
  const { t, state } = ctx;
  const key = `${r.meeting}-${r.motion}`;
  const lang = state.lang;
  const body = r.body || 'assembly';
  let electionChecks = null;
  const matter = r.matter && r.matter !== 'coordination' ? `${r.matter} ${t(`matter.${r.matter}`)}` : (r.matter ? t('matter.coordination') : '');
  const kids = [
    h('header', { class: 'result-head' },
      h('h3', {}, rec(r.title || r.motion), ' ', h('span', { class: 'muted' }, `(${r.motion})`)),
      h('div', { class: 'badges' },
        h('span', { class: `badge outcome outcome-${r.outcome}`, 'data-testid': `${testPrefix}outcome-${key}`, 'data-outcome': r.outcome }, t(`outcome.${r.outcome}`)),
        r.provisional ? h('span', { class: 'badge provisional', 'data-testid': `${testPrefix}provisional-${key}` }, t('live.provisional')) : h('span', { class: 'badge final' }, t('live.final')))),
    matter ? h('p', { class: 'matter' }, matter) : null,
  ];
  if (body === 'assembly') kids.push(figuresTable(ctx, r));
  if (r.present !== undefined) kids.push(h('p', { class: 'present', 'data-testid': `${testPrefix}present-${key}` }, `${t('live.present')}: ${r.present}`));
  if (body === 'committee' && r.yes) kids.push(h('p', {}, `${t('vote.yes')} ${r.yes.heads} · ${t('vote.no')} ${r.no ? r.no.heads : 0} · ${t('vote.abstain')} ${r.abstain ? r.abstain.heads : 0}`));
  if (Array.isArray(r.checks) && r.checks.length) {
    // an election tests every candidate: those bars go under the candidates table, folded
    const main = r.checks.filter((c) => c.check !== 'election');
    const per = r.checks.filter((c) => c.check === 'election');
    kids.push(h('div', { class: 'checks-list' }, main.map((c) => checkBar(ctx, c))));
    if (per.length) electionChecks = h('details', { class: 'sub' }, h('summary', {}, t('live.candidateChecks')), h('div', { class: 'checks-list' }, per.map((c) => checkBar(ctx, c))));
  }
  if (r.short) kids.push(h('p', { class: 'short', 'data-testid': `${testPrefix}short-${key}` }, shortText(ctx, r.short)));
  if (r.candidates) kids.push(candidatesTable(ctx, r));
  if (electionChecks) kids.push(electionChecks);
  if (r.tied && r.tied.length) kids.push(h('p', {}, `${t('live.tied')}: ${r.tied.join(', ')}`));
  if (r.open_seats) kids.push(h('p', {}, `${t('live.openSeats')}: ${r.open_seats}`));
  if (r.objections) {
    const o = r.objections;
    kids.push(h('p', { class: 'objections' }, `${t('live.objections')}: ${heads(ctx, o.heads)} / ${area(o.area)}`,
      o.group ? ` ${t('live.ofGroup')} ${heads(ctx, o.group.heads)} / ${area(o.group.area)}` : ''));
  }
  if (r.positions) kids.push(positionsTable(ctx, r));
  if (r.refers_to) kids.push(h('p', { class: 'hint' }, `${t('live.refersTo')} ${r.refers_to.meeting}/${r.refers_to.motion}`));
  if (r.warnings && r.warnings.length) kids.push(h('ul', { class: 'warnings' }, r.warnings.map((w) => h('li', {}, warningText(String(w), lang)))));
  if (r.explanation) kids.push(h('p', { class: 'explanation', lang: lang === 'en' ? 'en' : 'zh-CN', 'data-testid': `${testPrefix}explanation-${key}` }, r.explanation[lang] || r.explanation.zh || ''));
  if (r.post_result_objections && r.post_result_objections.length) {
    kids.push(h('details', {}, h('summary', {}, `${t('live.postObjections')} (${r.post_result_objections.length})`),
      h('ul', {}, r.post_result_objections.map((o) => h('li', {}, `${o.owner}: `, rec(o.reason), ` (${showAt(o.at)})`)))));
  }
  if (r.revocation_deadline) kids.push(h('p', { class: 'hint' }, `${t('live.revocation')}: ${r.revocation_deadline}`));
  return h('article', { class: `result-card outcome-border-${r.outcome}`, 'data-testid': `${testPrefix}result-${key}` }, kids);
}

function figuresTable(ctx, r) {
  const { t } = ctx;
  const rows = ['electorate', 'participating', 'yes', 'no', 'abstain'].filter((k) => r[k]);
  return h('table', { class: 'figures' },
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, t('unit.headsCol')), h('th', { scope: 'col' }, t('unit.areaCol')))),
    h('tbody', {}, rows.map((k) => h('tr', {}, h('th', { scope: 'row' }, t(`fig.${k}`)), h('td', {}, String(r[k].heads)), h('td', {}, r[k].area)))));
}

function checkBar(ctx, c) {
  const { t } = ctx;
  const th = parseThreshold(c.threshold);
  const value = pct(c.numerator, c.denominator);
  const mark = th ? (100 * th.p) / th.q : /all/.test(String(c.threshold)) ? 100 : null; // "= all": unanimity
  const dim = c.dimension ? t(`dim.${c.dimension}`) : '';
  const unitOf = (x) => (c.dimension === 'area' ? area(x) : String(x));
  const subject = c.subject ? ` · ${ctx.state.model.ownerName(c.subject)}` : '';
  const label = `${t(`check.${c.check}`)}${subject}${dim ? ` · ${dim}` : ''}`;
  const shown = c.subject ? [t(`check.${c.check}`), ' · ', ctx.state.model.ownerLabel(c.subject), dim ? ` · ${dim}` : ''] : label;
  const figures = c.numerator !== undefined && c.denominator !== undefined ? `${unitOf(c.numerator)} / ${unitOf(c.denominator)}` : '';
  // For an objection block, "held" means the objections reach the blocking share.
  const block = c.check === 'objection_block';
  const cls = block ? (c.held ? 'blocking' : 'not-blocking') : (c.held ? 'held' : 'not-held');
  const verdict = block ? (c.held ? `⚠ ${t('check.blocks')}` : t('check.noBlock')) : (c.held ? '✓' : '✗');
  return h('div', { class: `check ${cls}`, 'data-check': `${c.check}-${c.dimension || ''}${c.subject ? `-${c.subject}` : ''}`, 'data-held': String(!!c.held) },
    h('div', { class: 'check-label' },
      h('span', {}, shown),
      h('span', { class: 'check-fig' }, `${figures}${figures ? ` (${pctFloor(c.numerator, c.denominator)}%)` : ''} ${c.threshold || ''} `, h('strong', {}, verdict))),
    h('div', {
      class: 'bar', role: 'meter', 'aria-label': `${label} ${figures} ${c.threshold || ''}`,
      'aria-valuemin': '0', 'aria-valuemax': String(num(c.denominator) || 1), 'aria-valuenow': String(num(c.numerator)),
    },
    h('div', { class: 'bar-fill', style: `width:${Math.min(100, value).toFixed(2)}%` }),
    mark !== null ? h('div', { class: 'bar-mark', style: `left:${mark.toFixed(3)}%`, title: c.threshold }) : null));
}

export function shortText(ctx, s) {
  const parts = [];
  if (s.heads) parts.push(heads(ctx, s.heads));
  if (s.area && num(s.area) > 0) parts.push(`${s.area} m²`);
  return ctx.t('live.short', { stage: ctx.t(`check.${s.stage}`), what: parts.join(' / ') || '0' });
}

function candidatesTable(ctx, r) {
  const { t, state } = ctx;
  const elected = new Set(r.elected || []);
  return h('table', { class: 'figures' },
    h('thead', {}, h('tr', {}, ['live.candidate', 'unit.headsCol', 'unit.areaCol', 'live.result'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, r.candidates.map((c) => h('tr', {},
      h('th', { scope: 'row' }, state.model.ownerLabel(c.id)), h('td', {}, String(c.heads)), h('td', {}, c.area),
      h('td', {}, elected.has(c.id) ? t('live.elected') : (r.tied || []).includes(c.id) ? t('live.tiedOne') : c.passed ? t('live.passedTest') : '—')))));
}

function positionsTable(ctx, r) {
  const { t } = ctx;
  return h('table', { class: 'figures' },
    h('thead', {}, h('tr', {}, ['live.party', 'live.position', 'live.reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, Object.entries(r.positions).map(([p, v]) => h('tr', {},
      h('th', { scope: 'row' }, t(`party.${p}`)),
      h('td', {}, v && v.position ? t(`vote.${v.position}`) : '—'),
      h('td', {}, rec((v && v.reason) || ''))))));
}
