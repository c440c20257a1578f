// A TypeScript usage example of yishi-wasm, type-checked by `cargo xtask test`
// with `tsc --noEmit --strict`. The `@ts-expect-error` lines prove the
// declarations reject what the record format rejects.
import {
  initSync,
  Ledger,
  Verifier,
  verifyRecord,
  sealRecord,
  runCase,
  YishiError,
  type CaseReport,
  type ConformanceCase,
  type ErrorCode,
  type MotionResult,
  type SealedEvent,
  type Summary,
  type UnsealedEvent,
} from "../pkg/yishi_wasm.js";
import { BallotFates, ballotAt, ballotWithHash, type BallotEntry, type BallotFate } from "../pkg/receipts.js";

const events: UnsealedEvent[] = [
  {
    at: "2026-10-08T09:00:00+08:00",
    kind: "community.registered",
    data: {
      community: "bihu-garden",
      name: "碧湖花园",
      owners: [{ id: "dev", developer: true }],
      units: [
        { id: "1-0101", building: "1", floor: 1, area: "89.37", owner: "o1" },
        { id: "1-0102", building: "1", floor: 1, area: "120", use: "residential", owner: "dev" },
      ],
    },
  },
  { at: "2026-10-08T09:01:00+08:00", kind: "rules.adopted", data: { rules: "r1", preset: "civil-code-2021", set: { proxy_cap: 3 } } },
  {
    at: "2026-11-01T09:00:00+08:00",
    kind: "meeting.convened",
    data: {
      meeting: "m1",
      body: "assembly",
      rules: "r1",
      form: "written",
      noticed_at: "2026-11-01T09:00:00+08:00",
      opens_at: "2026-11-20T09:00:00+08:00",
      closes_at: "2026-12-05T18:00:00+08:00",
      motions: [{ motion: "pm", title: "续聘物业服务企业", matter: "278.4" }],
    },
  },
  {
    at: "2026-11-20T10:00:00+08:00",
    kind: "ballot.cast",
    data: { meeting: "m1", voter: "o1", channel: "paper", votes: { pm: "yes" } },
  },
];

// @ts-expect-error: not an event kind
const typo: UnsealedEvent = { at: "2026-11-20T10:00:00+08:00", kind: "ballot.casted", data: { meeting: "m1" } };
// @ts-expect-error: a ballot needs a channel
const noChannel: UnsealedEvent = { at: "2026-11-20T10:00:00+08:00", kind: "ballot.cast", data: { meeting: "m1", voter: "o1", votes: {} } };
void typo;
void noChannel;

// yishi's optional additions type-check: a meeting title, a motion
// description, a ballot's reasons; a declaration names its outcome and may
// declare any figure of the recount.
const additions: UnsealedEvent[] = [
  {
    at: "2026-11-01T09:00:00+08:00",
    kind: "meeting.convened",
    data: {
      meeting: "m2", title: "第二次业主大会", body: "assembly", rules: "r1", form: "written",
      noticed_at: "2026-11-01T09:00:00+08:00", opens_at: "2026-11-20T09:00:00+08:00", closes_at: "2026-12-05T18:00:00+08:00",
      motions: [{ motion: "lift", title: "加装电梯", description: "3号楼", matter: "278.5" }],
    },
  },
  { at: "2026-11-20T10:00:00+08:00", kind: "ballot.cast",
    data: { meeting: "m2", voter: "o1", channel: "online", votes: { lift: "no" }, reasons: { lift: "噪音" } } },
  { at: "2026-12-06T10:00:00+08:00", kind: "result.declared",
    data: { meeting: "m2", results: { lift: { outcome: "failed", electorate: { heads: 1, area: "90" } } } } },
];
// @ts-expect-error: a declared result names its outcome
const noOutcome: UnsealedEvent = { at: "2026-12-06T10:00:00+08:00", kind: "result.declared", data: { meeting: "m2", results: { lift: { yes: { heads: 1 } } } } };
void additions;
void noOutcome;

/** Node: `load(fs.readFileSync("wasm/pkg/yishi_wasm_bg.wasm"))`; browsers may use the default `init()` instead. */
export function load(bytes: BufferSource): void {
  initSync({ module: bytes });
}

export function tally(): string[] {
  const ledger = new Ledger();
  for (const event of events) {
    const sealed: SealedEvent = ledger.apply(event);
    const seq: number = sealed.seq;
    const hash: string = sealed.hash;
    void [seq, hash];
  }
  const head: string = ledger.head;
  const count: number = ledger.length;
  const record: string = ledger.toRecord();
  const summary: Summary = verifyRecord(record);
  console.assert(summary.head === head && summary.events === count);
  console.assert(sealRecord(events) === record);
  const bytes: Uint8Array = new TextEncoder().encode(record);
  console.assert(verifyRecord(bytes).head === head);
  const verifier = new Verifier();
  // Held to the head the organiser published: a record cut short is refused.
  const expecting: boolean = verifier.expectHead(head);
  console.assert(expecting);
  // And to the head published after its first event: it was only appended to since.
  console.assert(verifier.expectExtends(JSON.parse(record.split("\n")[0]).hash as string));
  for (let i = 0; i < bytes.length; i += 1000) verifier.push(bytes.subarray(i, i + 1000));
  const streamed: number = verifier.length;
  const done: Summary = verifier.finish();
  console.assert(done.head === head && streamed === count && verifier.length === count);
  // The same pass gives the results, typed as the ledger's.
  const counted: Record<string, MotionResult> = verifier.results();
  console.assert(Object.keys(counted).length === Object.keys(ledger.results()).length);
  // What became of each ballot (yishi-wasm/receipts), and a receipt looked up by position.
  const fates = new BallotFates();
  record.split("\n").filter((line) => line).forEach((line, i) => fates.add(JSON.parse(line), i + 1));
  const entries: BallotEntry[] = fates.finish();
  const looked: BallotEntry | undefined = ballotAt(entries, entries[0]?.seq ?? 0);
  const fate: BallotFate | undefined = looked?.fate;
  if (looked && fate && fate.kind === "replaced") console.assert(fate.seq > looked.seq);
  // An owner's receipt is the ballot's hash.
  const receipt: string | null | undefined = looked?.hash;
  if (receipt) console.assert(ballotWithHash(entries, receipt)?.seq === looked?.seq);
  // A sealed event is not an unsealed one: `apply` would refuse its hash.
  const first: SealedEvent = new Ledger().apply(events[0]);
  // @ts-expect-error seq, prev and hash are not part of an unsealed event
  const resealed: UnsealedEvent = first;
  void resealed;
  const double = new YishiError("meeting.closed", 7, "a test double");
  console.assert(double.code === "meeting.closed" && double.seq === 7);

  const lines: string[] = [];
  const one: MotionResult | undefined = ledger.result("m1", "pm");
  if (one !== undefined) lines.push(`${one.title}: ${one.outcome}`);
  const all: Record<string, MotionResult> = Ledger.fromRecord(record).results();
  for (const [key, r] of Object.entries(all)) {
    const yes = r.yes.area === undefined ? `${r.yes.heads}` : `${r.yes.heads} owners, ${r.yes.area} m²`;
    lines.push(`${key} ${r.outcome}${r.provisional ? " (provisional)" : ""}: yes ${yes}; ${r.explanation.en}`);
    for (const check of r.checks) lines.push(`  ${check.subject ?? ""} ${check.check} ${check.dimension} ${check.threshold}: ${check.held}`);
    if (r.short !== null && r.short.reachable) {
      const more = r.short.stage === "quorum" ? "taking part" : "voting yes";
      lines.push(`  short by ${r.short.heads} owners and ${r.short.area} m² ${more}`);
    }
    // @ts-expect-error: a shortfall's stage is one of two names
    if (r.short !== null && r.short.stage === "participation") lines.push("never");
    for (const [party, p] of Object.entries(r.positions ?? {})) lines.push(`  ${party} (${p.representative}): ${p.position ?? "absent"}`);
  }
  return lines;
}

export function explainFailure(text: string): string {
  try {
    verifyRecord(text);
    return "ok";
  } catch (e: unknown) {
    if (e instanceof YishiError) {
      const code: ErrorCode = e.code;
      const seq: number = e.seq;
      return `${code} at event ${seq}: ${e.message}`;
    }
    throw e;
  }
}

export function check(c: ConformanceCase): boolean {
  const report: CaseReport = runCase(c);
  return report.passed || report.differences.length === 0;
}

// meeting.convened is typed by body; a declaration may give part of a party's position.
export const fiveParty: UnsealedEvent = {
  at: "2026-11-01T09:00:00+08:00",
  kind: "meeting.convened",
  data: {
    meeting: "f1", body: "five-party", rules: "r1", form: "collective",
    noticed_at: "2026-11-01T09:00:00+08:00", opens_at: "2026-11-08T09:00:00+08:00", closes_at: "2026-11-08T12:00:00+08:00",
    parties: { party_branch: "p1", residents_committee: "p2", owners_committee: "p3", property_company: "p4", owner_representatives: "p5" },
    motions: [{ motion: "ev", title: "充电桩选址", matter: "coordination" }],
  },
};
export const partlyDeclared: UnsealedEvent = {
  at: "2026-11-08T12:00:00+08:00",
  kind: "result.declared",
  data: { meeting: "f1", results: { ev: { outcome: "agreed", positions: { owner_representatives: { present: true } } } } },
};
// @ts-expect-error a committee meeting lists its members
export const committeeWithoutMembers: UnsealedEvent = {
  at: "2026-11-01T09:00:00+08:00",
  kind: "meeting.convened",
  data: {
    meeting: "c1", body: "committee", rules: "r1", form: "collective",
    noticed_at: "2026-11-01T09:00:00+08:00", opens_at: "2026-11-08T09:00:00+08:00", closes_at: "2026-11-08T12:00:00+08:00",
    motions: [{ motion: "x", title: "x" }],
  },
};
export function membersOf(e: SealedEvent): string[] {
  // Reading a sealed record: narrow on body to reach members or parties.
  return e.kind === "meeting.convened" && e.data.body === "committee" ? e.data.members : [];
}
