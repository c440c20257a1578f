// What became of each ballot in a verified record, as `yishi ballots` tells it: for every
// ballot.cast, the ballot that counts for its voter, or the event that replaced (a revote, the
// principal's own ballot over an agent's) or voided it. The record has been verified and
// replayed by the core first, so every event here was accepted: this only follows them. No DOM.

/** Folds a record's events, in order; `entries` holds one entry per ballot.cast, in order. */
export class BallotFates {
  constructor() {
    this.developers = new Set(); // owner ids marked developer: one voter together in an assembly
    this.bodies = new Map(); // meeting id -> body
    this.present = new Map(); // meeting id -> Set of the members or parties last recorded present
    this.standing = new Map(); // meeting id -> Map of voter key -> index in entries of the ballot that counts
    /** {seq, hash, meeting, voter, at, by, channel, votes, fate: {kind: counts|not_present|replaced|voided, seq?, reason?}} */
    this.entries = [];
  }

  /** The key under which `voter`'s ballots are held in a meeting (in an assembly every developer
   * id is one voter, keyed by `null`, which no id is). */
  key(meeting, voter) {
    return this.bodies.get(meeting) === 'assembly' && this.developers.has(voter) ? null : voter;
  }

  /** The meeting's map of voter key -> index of the standing ballot. */
  standingIn(meeting) {
    let m = this.standing.get(meeting);
    if (!m) this.standing.set(meeting, (m = new Map()));
    return m;
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
      case 'attendance.recorded':
        this.present.set(d.meeting, new Set(d.present || []));
        break;
      case 'ballot.cast': {
        const key = this.key(d.meeting, d.voter);
        // A `by` naming the voter (or another of the developer's ids) is the voter's own ballot.
        const own = d.by === undefined || d.by === null || this.key(d.meeting, d.by) === key;
        const standing = this.standingIn(d.meeting);
        const prev = standing.get(key);
        if (prev !== undefined) this.entries[prev].fate = { kind: 'replaced', seq };
        standing.set(key, this.entries.length);
        this.entries.push({
          // a ballot without a channel is online, as the core reads it
          seq, hash: ev.hash ?? null, meeting: d.meeting, voter: d.voter, at: ev.at, by: own ? null : d.by, channel: d.channel ?? 'online', votes: d.votes, fate: { kind: 'counts' },
        });
        break;
      }
      case 'ballot.voided': {
        const key = this.key(d.meeting, d.voter);
        const standing = this.standingIn(d.meeting);
        const prev = standing.get(key);
        if (prev !== undefined) {
          this.entries[prev].fate = { kind: 'voided', seq, reason: d.reason ?? null };
          standing.delete(key);
        }
        break;
      }
      default:
        break;
    }
  }

  /** After the last event: a committee or five-party ballot whose voter the meeting's last
   * attendance does not name is not counted (spec §4 counts those present; without any
   * attendance recorded, those who voted are present). Returns the entries. */
  finish() {
    for (const [meeting, standing] of this.standing) {
      const present = this.bodies.get(meeting) !== 'assembly' && this.present.get(meeting);
      if (!present) continue;
      for (const [key, at] of standing) if (!present.has(key)) this.entries[at].fate = { kind: 'not_present' };
    }
    return this.entries;
  }
}

/** The entry of the ballot whose sealed hash (a receipt) is `hash`, in either case, or undefined. */
export function ballotWithHash(entries, hash) {
  const h = String(hash).trim().toLowerCase();
  return entries.find((e) => typeof e.hash === 'string' && e.hash.toLowerCase() === h);
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
