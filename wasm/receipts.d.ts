// Types of `yishi-wasm/receipts` (receipts.js, copied from the web demo by `cargo xtask wasm`):
// what became of each ballot in a record already verified by `Verifier` or `Ledger.fromRecord`,
// as `yishi ballots --json` tells it.

/** What became of a ballot. */
export type BallotFate =
  /** The voter's standing ballot: counted (provisionally while the meeting is open). */
  | { kind: "counts" }
  /** Standing, but a committee member or party not recorded present cast it: not counted. */
  | { kind: "not_present" }
  /** A later ballot for the same voter, event `seq`, replaced it. */
  | { kind: "replaced"; seq: number }
  /** A `ballot.voided` event, `seq`, voided it. */
  | { kind: "voided"; seq: number; reason: string | null };

/** One `ballot.cast` event and what became of it. */
export interface BallotEntry {
  /** Its position in the record (from 1). */
  seq: number;
  /** Its sealed `hash`: the voter's receipt (null when the event given to `add` had none). */
  hash: string | null;
  meeting: string;
  voter: string;
  /** Its `at`, as written. */
  at: string;
  /** The agent who cast it under a proxy; null for the voter's own ballot. */
  by: string | null;
  channel: "online" | "paper";
  /** Its `votes`, as cast. */
  votes: Record<string, string | string[]>;
  fate: BallotFate;
}

/** Folds a verified record's events, in order; `finish()` gives one entry per `ballot.cast`. */
export class BallotFates {
  constructor();
  /** Event `seq` (from 1) of the record, as parsed from its line. */
  add(event: { at: string; kind: string; data: unknown }, seq: number): void;
  /** After the last event: every ballot, in record order, with its fate. */
  finish(): BallotEntry[];
  /** The entries so far (their fates final once `finish()` has run). */
  readonly entries: BallotEntry[];
}

/** The entry of the ballot whose sealed hash (a receipt) is `hash`, in either case, if any. */
export function ballotWithHash(entries: readonly BallotEntry[], hash: string): BallotEntry | undefined;

/** The entry of the ballot sealed as event `seq`, in `entries` (in record order), if any. */
export function ballotAt(entries: readonly BallotEntry[], seq: number): BallotEntry | undefined;
