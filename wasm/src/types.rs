//! TypeScript declarations for everything that crosses the boundary.
//!
//! wasm-bindgen types the exported functions with these names through
//! `unchecked_param_type` / `unchecked_return_type`; this section declares
//! them. The shapes follow `../shared/spec/record-v1.md` (events), the
//! core's `MotionResult::to_json_text` (results, the `yishi tally --json`
//! shape) and `docs/errors.md` (error codes).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An area in square metres: a decimal string with at most two fractional digits ("89.37", "120"); results always carry two ("120.00"). */
export type Area = string;
/** An RFC 3339 timestamp with offset, e.g. "2026-12-01T09:00:00+08:00". */
export type Timestamp = string;
/** Lowercase hex SHA-256, 64 characters. */
export type Hash = string;

/** The spec's stable error codes (§6) and the ones yishi adds. */
export type ErrorCode =
  | "record.parse" | "record.seq" | "record.prev_mismatch" | "record.hash_mismatch"
  | "record.time_regression" | "record.too_large" | "record.read"
  | "event.unknown_kind" | "event.unknown_field" | "event.invalid"
  | "community.missing" | "community.duplicate"
  | "unit.duplicate" | "unit.unknown" | "unit.area_invalid"
  | "owner.unknown" | "owner.duplicate"
  | "rules.unknown" | "rules.invalid_value"
  | "meeting.unknown" | "meeting.duplicate" | "meeting.notice_too_short" | "meeting.closed"
  | "meeting.window_invalid"
  | "motion.unknown" | "motion.duplicate"
  | "matter.unknown" | "matter.reserved_to_assembly"
  | "ballot.not_eligible" | "ballot.outside_window" | "ballot.duplicate" | "ballot.invalid_value"
  | "ballot.not_found"
  | "election.too_many_choices" | "election.not_a_candidate"
  | "proxy.not_authorized" | "proxy.cap_exceeded" | "proxy.not_allowed" | "proxy.superseded"
  | "attendance.invalid"
  | "result.mismatch" | "result.premature"
  | "internal";

/**
 * Every error yishi-wasm throws about a record, an event or an argument.
 * `code` is stable; `seq` is the 1-based position of the offending event (0
 * when the error is not tied to one). Misusing the objects themselves (a
 * method of a freed object, a `Verifier` after `finish`, a call before
 * `init`) throws a plain `Error` or `TypeError`, as wasm-bindgen does.
 */
export class YishiError extends Error {
  constructor(code: ErrorCode, seq: number, message: string);
  readonly name: "YishiError";
  readonly code: ErrorCode;
  readonly seq: number;
}

/** `verifyRecord`, `Verifier.finish`: how many events the record holds and the hash of the last one. */
export interface Summary {
  events: number;
  head: Hash;
}

// ---- Events (spec §2) ----
//
// An optional member given as `null` is read as absent (the spec itself
// writes `proxy_cap: null` for "no cap"); the sealed event keeps it as
// written, so `{by: null}` and `{}` are two events with two hashes. The
// types below leave `null` out except where the spec uses it.

export type UnitUse = "residential" | "commercial" | "parking" | "other";
export type AreaBasis = "registry" | "survey" | "contract";
export type Body = "assembly" | "committee" | "five-party";
export type PartyKey =
  | "party_branch" | "residents_committee" | "owners_committee"
  | "property_company" | "owner_representatives";
export type Matter =
  | "278.1" | "278.2" | "278.3" | "278.4" | "278.5" | "278.6" | "278.7" | "278.8" | "278.9"
  | "279" | "coordination";

/** Picks units; several keys intersect. */
export interface Selector {
  units?: string[];
  buildings?: string[];
  floors?: { min?: number; max?: number };
  uses?: UnitUse[];
}

export interface Owner {
  id: string;
  name?: string;
  developer?: boolean;
}

export interface Unit {
  id: string;
  building?: string;
  floor?: number;
  area: Area;
  area_basis?: AreaBasis;
  use?: UnitUse;
  owner: string;
}

export interface CommunityRegistered {
  community: string;
  name?: string;
  owners?: Owner[];
  units: Unit[];
}

export interface UnitTransferred {
  unit: string;
  to: string;
}

export interface RuleSet {
  abstain?: "participates" | "excluded";
  non_voters?: "not_counted" | "follow_majority";
  revote?: "last_counts" | "first_counts";
  proxy_cap?: number | null;
  notice_days?: number;
  parking?: "counts" | "excluded";
  committee_decision?: "half_or_more_of_members" | "more_than_half_of_members";
  five_party_quorum?: number;
}

export interface RulesAdopted {
  rules: string;
  preset: "civil-code-2021";
  set?: RuleSet;
}

export interface MotionRef {
  meeting: string;
  motion: string;
}

export interface Protection {
  unanimity_of?: Selector;
  objection_block?: { of: Selector; share: string; dimension: "either" | "both" };
}

export interface Motion {
  motion: string;
  /** Its title. Required here, as the spec gives every motion one; the library also
   * accepts a motion without one (its results then carry no `title`). */
  title: string;
  /** Free text shown with the motion (yishi's addition). */
  description?: string;
  matter?: Matter;
  applicant?: string;
  protection?: Protection;
  election?: { seats: number; candidates: string[] };
  refers_to?: MotionRef;
}

interface MeetingConvenedCommon {
  meeting: string;
  /** The meeting's name as announced (yishi's addition). */
  title?: string;
  rules: string;
  form: "collective" | "written";
  /** When notice was given. Required here, as the spec lists it; the library also accepts
   * a convening without it and takes the event's `at`. */
  noticed_at: Timestamp;
  opens_at: Timestamp;
  closes_at: Timestamp;
}

/** An owners' assembly: every motion names its matter; `scope` narrows the electorate. */
export interface AssemblyConvened extends MeetingConvenedCommon {
  body: "assembly";
  scope?: Selector;
  motions: (Motion & { matter: Exclude<Matter, "coordination"> })[];
}

/** An owners' committee meeting: its sitting members (owners), at least one. */
export interface CommitteeConvened extends MeetingConvenedCommon {
  body: "committee";
  members: string[];
  motions: Motion[];
}

/** A five-party meeting: who represents each of the five parties. */
export interface FivePartyConvened extends MeetingConvenedCommon {
  body: "five-party";
  parties: Record<PartyKey, string>;
  motions: Motion[];
}

/** `meeting.convened`, by body: the library refuses `members` or `parties` where they
 * do not belong, a committee without members, a five-party meeting without all five
 * parties, and an assembly motion without a matter. */
export type MeetingConvened = AssemblyConvened | CommitteeConvened | FivePartyConvened;

export interface ProxyChange {
  meeting: string;
  principal: string;
  agent: string;
}

export interface AttendanceRecorded {
  meeting: string;
  present: string[];
}

/** A vote: yes/no/abstain (assembly, committee), support/object/abstain (five-party), approved candidates (elections). */
export type Vote = "yes" | "no" | "abstain" | "support" | "object" | string[];

export interface BallotCast {
  meeting: string;
  voter: string;
  by?: string;
  /** How the ballot arrived. Required here, as the spec lists it: the library also
   * accepts a ballot without it and counts it as `online`, so a paper ballot entered
   * without `"channel": "paper"` would be counted among the online ones. */
  channel: "online" | "paper";
  votes: Record<string, Vote>;
  /** The voter's reasons, by motion id (yishi's addition); never counted. */
  reasons?: Record<string, string>;
}

export interface BallotVoided {
  meeting: string;
  voter: string;
  reason?: string;
}

export interface ObjectionFiled {
  meeting: string;
  motion: string;
  owner: string;
  reason?: string;
}

export interface MeetingClosed {
  meeting: string;
}

/**
 * A declared result: the outcome and any figures the organiser announced.
 * `outcome` is required; any other member the recount reports for that
 * motion at that moment may be declared, and every one declared must agree
 * (`result.mismatch`). A member the recount does not report there is
 * `event.unknown_field`: `elected` on a motion that is no election, `present`
 * on an assembly motion, `revocation_deadline` before a first declaration.
 */
export type DeclaredResult = Pick<MotionResult, "outcome"> &
  Partial<Omit<MotionResult, "outcome" | "positions">> & {
    /** Only the members of a party's position that are declared are compared. */
    positions?: Partial<Record<PartyKey, Partial<PartyPosition>>>;
  };

export interface ResultDeclared {
  meeting: string;
  results: Record<string, DeclaredResult>;
}

/** The `data` of each event kind. */
export interface EventDataByKind {
  "community.registered": CommunityRegistered;
  "unit.transferred": UnitTransferred;
  "rules.adopted": RulesAdopted;
  "meeting.convened": MeetingConvened;
  "proxy.granted": ProxyChange;
  "proxy.revoked": ProxyChange;
  "attendance.recorded": AttendanceRecorded;
  "ballot.cast": BallotCast;
  "ballot.voided": BallotVoided;
  "objection.filed": ObjectionFiled;
  "meeting.closed": MeetingClosed;
  "result.declared": ResultDeclared;
}

export type EventKind = keyof EventDataByKind;

/** An event's content: when, what kind, and its data. */
export type EventBody = {
  [K in EventKind]: { at: Timestamp; kind: K; data: EventDataByKind[K] };
}[EventKind];

/**
 * An event as an organiser writes it: `apply` seals it. It holds no `seq`,
 * `prev` or `hash` (a sealed event given to `apply` is refused).
 */
export type UnsealedEvent = EventBody & { seq?: never; prev?: never; hash?: never };

/** An event as the record holds it. */
export type SealedEvent = EventBody & { seq: number; prev: Hash; hash: Hash };

// ---- Results (same objects as `yishi tally --json`) ----

export type Outcome =
  | "no_quorum" | "blocked" | "failed" | "passed"
  | "tie" | "elected"
  | "agreed" | "not_agreed";

/** Headcount and exclusive area. */
export interface Figures {
  heads: number;
  area: Area;
}

/** A result's figure: headcount, and area for assembly motions (committee and five-party meetings count heads only). */
export interface Count {
  heads: number;
  area?: Area;
}

/** One test a result made: `numerator / denominator` against `threshold` (e.g. "≥ 2/3", "> 1/2", "≥ 3/4"). */
export interface Check {
  check: string;
  /** Elections: the candidate this check is about. */
  subject?: string;
  dimension: "area" | "heads";
  numerator: number | Area;
  denominator: number | Area;
  threshold: string;
  held: boolean;
}

/**
 * For an assembly motion that missed its quorum or its majority: the fewest
 * more participants (quorum) or yes voters (majority) that would meet the
 * line, in heads and in area, each dimension on its own (so "0.01 m²" is one
 * cent of area, not an owner of that size). `null` for other outcomes
 * (blocked, Art. 279 unanimity, committee and five-party motions).
 */
export interface Short {
  stage: "quorum" | "majority";
  heads: number;
  area: Area;
  /** Whether the missing support could still come from owners who have not voted. */
  reachable: boolean;
}

export interface Candidate {
  id: string;
  heads: number;
  area: Area;
  passed: boolean;
}

export interface PostResultObjection {
  owner: string;
  reason?: string;
  at: Timestamp;
}

/** A five-party meeting's party: who represents it, whether present, how it voted. */
export interface PartyPosition {
  representative: string;
  present: boolean;
  position: "support" | "object" | "abstain";
  reason?: string;
}

export interface MotionResult {
  meeting: string;
  motion: string;
  /** The motion's title; absent when it was convened without one, which the library
   * accepts though `Motion` asks for one (a record written by other means). */
  title?: string;
  body: Body;
  matter?: Matter;
  outcome: Outcome;
  /** True while the result may still change: voting is open, or objections to an `objection_block` motion still count (until `closes_at`). */
  provisional: boolean;
  electorate: Count;
  participating: Count;
  /** Yes votes (`support` in a five-party meeting); zero in an election, whose approvals are in `candidates`. */
  yes: Count;
  /** No votes (`object` in a five-party meeting); zero in an election. */
  no: Count;
  abstain: Count;
  checks: Check[];
  short: Short | null;
  warnings: string[];
  explanation: { zh: string; en: string };
  elected?: string[];
  tied?: string[];
  open_seats?: number;
  candidates?: Candidate[];
  present?: number;
  positions?: Partial<Record<PartyKey, PartyPosition>>;
  objections?: Figures & { group: Figures; share: string; dimension: "either" | "both" };
  post_result_objections?: PostResultObjection[];
  /** Ballots counted for this motion: cast online, or entered from paper by the organiser. */
  channels: { online: number; paper: number };
  /** Declared assembly and committee decisions: the last day to ask a court to revoke (CC 280), one year from the declaration's date in UTC+08:00, as `YYYY-MM-DD`. */
  revocation_deadline?: string;
  refers_to?: MotionRef;
}

// ---- Conformance (spec §5) ----

export interface ExpectedMotion {
  outcome?: Outcome;
  participating?: Partial<Figures>;
  yes?: Partial<Figures>;
  no?: Partial<Figures>;
  abstain?: Partial<Figures>;
  elected?: string[];
  tied?: string[];
  present?: number;
}

export type Expectation =
  | { motions: Record<string, ExpectedMotion> }
  | { error: { seq: number; code: ErrorCode } };

export type ConformanceCase = {
  case: string;
  cites?: string[];
  note?: string;
  expect: Expectation;
} & ({ events: UnsealedEvent[] } | { record: SealedEvent[] });

/** `runCase`: whether the case passed, and what differed. */
export interface CaseReport {
  name: string;
  passed: boolean;
  differences: string[];
}
"#;
