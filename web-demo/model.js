// What the UI needs to know about a record to offer sensible choices (who may vote, which
// meetings are open). Counting is never done here: every figure shown comes from the ledger.

import { parseAt } from './clock.js';
import { rec } from './dom.js';

export const PARTIES = ['party_branch', 'residents_committee', 'owners_committee', 'property_company', 'owner_representatives'];

const natural = new Intl.Collator('en', { numeric: true }).compare;

export class Model {
  constructor() {
    this.community = null; // {community, name}
    this.owners = new Map(); // id -> {id, name, developer}
    this.units = new Map(); // id -> unit object (current owner)
    this.rules = new Map(); // id -> {rules, preset, set}
    this.meetings = new Map(); // id -> meeting state
    this.count = 0;
    this.lastAt = null; // ms of the last event
    this.head = '0'.repeat(64);
  }

  static fromEvents(events) {
    const m = new Model();
    for (const e of events) m.add(e);
    return m;
  }

  static fromRecordText(text) {
    return Model.fromEvents(text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
  }

  /** Fold one sealed event (already accepted by the ledger). */
  add(ev) {
    this.count += 1;
    this.lastAt = parseAt(ev.at);
    if (ev.hash) this.head = ev.hash;
    const d = ev.data || {};
    const mt = d.meeting !== undefined ? this.meetings.get(d.meeting) : undefined;
    switch (ev.kind) {
      case 'community.registered':
        this.community = { community: d.community, name: d.name };
        for (const o of d.owners || []) this.owners.set(o.id, { ...o });
        for (const u of d.units || []) {
          this.units.set(u.id, { ...u });
          if (!this.owners.has(u.owner)) this.owners.set(u.owner, { id: u.owner });
        }
        break;
      case 'unit.transferred': {
        const u = this.units.get(d.unit);
        if (u) u.owner = d.to;
        if (!this.owners.has(d.to)) this.owners.set(d.to, { id: d.to });
        break;
      }
      case 'rules.adopted':
        this.rules.set(d.rules, { rules: d.rules, preset: d.preset, set: d.set || {} });
        break;
      case 'meeting.convened':
        this.meetings.set(d.meeting, {
          ...d,
          id: d.meeting,
          convenedAt: ev.at,
          units: [...this.units.values()].map((u) => ({ ...u })),
          ballots: new Map(), // voter -> {votes, by, channel, at}
          proxies: new Map(), // principal -> agent
          present: [],
          objections: [],
          closed: false,
          declared: false,
        });
        break;
      case 'proxy.granted':
        if (mt) mt.proxies.set(d.principal, d.agent);
        break;
      case 'proxy.revoked':
        if (mt) mt.proxies.delete(d.principal);
        break;
      case 'attendance.recorded':
        if (mt) mt.present = [...d.present];
        break;
      case 'ballot.cast':
        if (mt) mt.ballots.set(d.voter, { votes: d.votes, by: d.by, channel: d.channel, at: ev.at });
        break;
      case 'ballot.voided':
        if (mt) mt.ballots.delete(d.voter);
        break;
      case 'objection.filed':
        if (mt) mt.objections.push({ ...d, at: ev.at });
        break;
      case 'meeting.closed':
        if (mt) mt.closed = true;
        break;
      case 'result.declared':
        if (mt) mt.declared = true;
        break;
      default:
        break;
    }
  }

  ownerName(id) {
    const o = this.owners.get(id);
    if (!o) return id;
    return o.name ? `${id} ${o.name}` : id;
  }

  /** ownerName for an element: the name (record text) marked with its language. */
  ownerLabel(id) {
    const o = this.owners.get(id);
    return o && o.name ? [`${id} `, rec(o.name)] : id;
  }

  ownerIds() {
    if (!this.sortedOwners || this.sortedOwners.length !== this.owners.size) this.sortedOwners = [...this.owners.keys()].sort(natural);
    return this.sortedOwners;
  }

  buildings() {
    return [...new Set([...this.units.values()].map((u) => u.building).filter((b) => b !== undefined))].sort(natural);
  }

  /** Who may cast a ballot in meeting `mt`: owners in scope (assembly), members, or party keys. */
  voters(mt) {
    if (!mt.voters) mt.voters = this.computeVoters(mt); // fixed when the meeting is convened
    return mt.voters;
  }

  computeVoters(mt) {
    if (mt.body === 'committee') return [...(mt.members || [])];
    if (mt.body === 'five-party') return PARTIES.filter((p) => mt.parties && p in mt.parties);
    const rules = this.rules.get(mt.rules);
    const parkingOut = rules && rules.set && rules.set.parking === 'excluded';
    const ids = new Set();
    for (const u of mt.units) {
      if (parkingOut && u.use === 'parking') continue;
      if (mt.scope && !inSelector(u, mt.scope)) continue;
      ids.add(u.owner);
    }
    return [...ids].sort(natural);
  }

  /** Voters of `mt` without a standing ballot. */
  remaining(mt) {
    return this.voters(mt).filter((v) => !mt.ballots.has(v));
  }

  latestMeetingId() {
    const ids = [...this.meetings.keys()];
    return ids.length ? ids[ids.length - 1] : '';
  }
}

export function inSelector(u, sel) {
  if (sel.units && !sel.units.includes(u.id)) return false;
  if (sel.buildings && !sel.buildings.includes(u.building)) return false;
  if (sel.uses && !sel.uses.includes(u.use || 'residential')) return false;
  if (sel.floors) {
    if (typeof u.floor !== 'number') return false;
    if (sel.floors.min !== undefined && u.floor < sel.floors.min) return false;
    if (sel.floors.max !== undefined && u.floor > sel.floors.max) return false;
  }
  return true;
}
