// What became of each ballot in a verified record, as `yishi ballots` tells it: for every
// ballot.cast, the ballot that counts for its voter, or the event that replaced (a revote, the
// principal's own ballot over an agent's) or voided it. The record has been verified and
// replayed by the core first, so every event here was accepted: this only follows them. No DOM.

/** Folds a record's events, in order; `entries` holds one entry per ballot.cast, in order. */
export class BallotFates {
  constructor() {
    this.developers = new Set(); // owner ids marked developer: one voter together in an assembly
    this.bodies = new Map(); // meeting id -> body
    this.standing = new Map(); // meeting + voter key -> index in entries of the ballot that counts
    /** {seq, meeting, voter, at, by, channel, votes, fate: {kind: counts|replaced|voided, seq?, reason?}} */
    this.entries = [];
  }

  /** The key under which `voter`'s ballots are held in `meeting` (every developer id is one voter). */
  key(meeting, voter) {
    const developer = this.bodies.get(meeting) === 'assembly' && this.developers.has(voter);
    return `${meeting}\u0000${developer ? '\u0001developer' : voter}`;
  }

  /** Event `seq` (from 1), accepted by the core. */
  add(ev, seq) {
    const d = ev.data || {};
    switch (ev.kind) {
      case 'community.registered':
        for (const o of d.owners || []) if (o.developer === true) this.developers.add(o.id);
        break;
      case 'meeting.convened':
        this.bodies.set(d.meeting, d.body);
        break;
      case 'ballot.cast': {
        const key = this.key(d.meeting, d.voter);
        // A `by` naming the voter (or another of the developer's ids) is the voter's own ballot.
        const own = d.by === undefined || d.by === null || this.key(d.meeting, d.by) === key;
        const prev = this.standing.get(key);
        if (prev !== undefined) this.entries[prev].fate = { kind: 'replaced', seq };
        this.standing.set(key, this.entries.length);
        this.entries.push({
          seq, meeting: d.meeting, voter: d.voter, at: ev.at, by: own ? null : d.by, channel: d.channel, votes: d.votes, fate: { kind: 'counts' },
        });
        break;
      }
      case 'ballot.voided': {
        const key = this.key(d.meeting, d.voter);
        const prev = this.standing.get(key);
        if (prev !== undefined) {
          this.entries[prev].fate = { kind: 'voided', seq, reason: d.reason ?? null };
          this.standing.delete(key);
        }
        break;
      }
      default:
        break;
    }
  }
}

/** The entry of the ballot sealed as event `seq`, in `entries` (ordered by seq), or undefined. */
export function ballotAt(entries, seq) {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return entries[lo] && entries[lo].seq === seq ? entries[lo] : undefined;
}
