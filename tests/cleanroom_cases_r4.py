#!/usr/bin/env python3
"""Writes the fourth round of clean-room cases, tests/cases-cleanroom/cr4-*.json.

Like those of tests/cleanroom_cases.py, these 75 cases were written from
../shared/spec/record-v1.md and ../shared/docs/rules.md alone, by a reviewer
who did not read yishi's source (2026-12-07, eighth session): every error
code of spec section 6 with its exact position, unusual places for an error
(the third unit of a registry, a member deep inside `objection_block`), the
order of the sealed-record checks, custom rules at their boundaries,
committee, five-party and election corners. Expectations were worked out by
hand; sealed records are hashed here with Python's JSON and SHA-256,
independently of yishi. All passed on first run. The spec passage each case
relies on is in tests/cases-cleanroom/NOTES-r4.md.

Usage: python3 tests/cleanroom_cases_r4.py           (rewrites the cr4-* files)
       python3 tests/cleanroom_cases_r4.py --check   (fails when a file would change)
"""
import json, hashlib, os, sys, copy

import casefiles
from casefiles import ballot, motion, unit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "cases-cleanroom")
NOTES_FILE = os.path.join(OUT, "NOTES-r4.md")
FILES = {}  # file name -> text

NOTES = []

REG_AT = "2026-10-08T09:00:00+08:00"
RULES_AT = "2026-10-08T09:01:00+08:00"
CONV_AT = "2026-11-01T09:00:00+08:00"
OPENS = "2026-11-20T09:00:00+08:00"
CLOSES = "2026-12-05T18:00:00+08:00"


class T:
    """Ballot-time ticker: 2026-11-20T10:MM:SS+08:00, one minute per call."""
    def __init__(self, day=20, hour=10):
        self.n = 0
        self.day = day
        self.hour = hour

    def __call__(self):
        self.n += 1
        h = self.hour + self.n // 60
        m = self.n % 60
        return f"2026-11-{self.day:02d}T{h:02d}:{m:02d}:00+08:00"


def community(units, owners=None):
    d = {"community": "cr4-garden", "name": "测试花园", "units": units}
    if owners is not None:
        d["owners"] = owners
    return {"at": REG_AT, "kind": "community.registered", "data": d}


def simple_units(owner_ids, area="100.00", building="1"):
    return [unit(f"{building}-{o}", o, area, building) for o in owner_ids]


def rules(rid="r1", s=None, at=RULES_AT):
    d = {"rules": rid, "preset": "civil-code-2021"}
    if s is not None:
        d["set"] = s
    return {"at": at, "kind": "rules.adopted", "data": d}


def meeting(mid, motions, body="assembly", rid="r1", at=CONV_AT, noticed=CONV_AT,
            opens=OPENS, closes=CLOSES, **extra):
    d = {"meeting": mid, "body": body, "rules": rid, "form": "written",
         "noticed_at": noticed, "opens_at": opens, "closes_at": closes,
         "motions": motions}
    d.update(extra)
    return {"at": at, "kind": "meeting.convened", "data": d}


def ev(at, kind, data):
    return {"at": at, "kind": kind, "data": data}


def close(mid="m1", at=CLOSES):
    return ev(at, "meeting.closed", {"meeting": mid})


PARTIES = {"party_branch": "p1", "residents_committee": "p2", "owners_committee": "o1",
           "property_company": "p4", "owner_representatives": "o2"}


def write(name, cites, events, expect, note, record=None):
    assert name.startswith("cr4-")
    case = {"case": name, "cites": cites}
    if record is not None:
        case["record"] = record
    else:
        case["events"] = events
    case["expect"] = expect
    assert name + ".json" not in FILES, "case names are unique"
    FILES[name + ".json"] = json.dumps(case, ensure_ascii=False, indent=1) + "\n"
    NOTES.append((name, expect, note))


def err(seq, code):
    return {"error": {"seq": seq, "code": code}}


def mot(**kv):
    return {"motions": kv}


# ---------------- sealing -----------------

def canon(obj):
    # RFC 8785 for our data: only strings, integers, bools, null, arrays, objects; ASCII keys.
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def h(obj):
    return hashlib.sha256(canon(obj).encode("utf-8")).hexdigest()


def seal(events):
    out = []
    prev = "0" * 64
    for i, e in enumerate(events, 1):
        s = {"seq": i, "at": e["at"], "kind": e["kind"], "data": copy.deepcopy(e["data"]), "prev": prev}
        s["hash"] = h(s)
        prev = s["hash"]
        out.append(s)
    return out


def rehash_from(rec, i):
    """recompute hashes of rec[i:] (0-based), keeping prev chain consistent."""
    for k in range(i, len(rec)):
        if k > 0:
            rec[k]["prev"] = rec[k - 1]["hash"]
        x = {kk: v for kk, v in rec[k].items() if kk != "hash"}
        rec[k]["hash"] = h(x)


# =====================================================================
# Standard small assembly: o1..o6, 100 each, one 278.4 motion
# =====================================================================
O6 = [f"o{i}" for i in range(1, 7)]


def std_prefix(owners=O6, rset=None, motions=None, **mx):
    return [community(simple_units(owners)), rules(s=rset),
            meeting("m1", motions or [motion("pm")], **mx)]


def std_pass_events():
    t = T()
    ev_ = std_prefix()
    for o in O6[:5]:
        ev_.append(ballot(t(), o, {"pm": "yes"}))
    ev_.append(close())
    return ev_


# ---------------- E: errors -----------------

# E1 record.parse: impossible calendar date in a later event
t = T()
e = std_prefix()
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot("2026-11-31T10:00:00+08:00", "o2", {"pm": "yes"}))
write("cr4-parse-november-31-timestamp", ["spec §1 RFC 3339"], e, err(5, "record.parse"),
      "§1 `at` is an RFC 3339 timestamp; 2026-11-31 does not exist -> record.parse at event 5.")

# E2 record.seq: first seq is 0
rec = seal(std_pass_events())
for i, r in enumerate(rec):
    r["seq"] = i  # 0-based
rehash_from(rec, 0)
write("cr4-sealed-seq-starts-at-zero", ["spec §1"], None, err(1, "record.seq"),
      "§1 `seq` starts at 1; hashes recomputed so only seq is wrong -> record.seq at 1.", record=rec)

# E3 time regression checked before prev (event 5 has both)
rec = seal(std_pass_events())
rec[4]["at"] = "2026-11-20T09:59:00+08:00"  # event 4 at 10:01, event 5 -> before
rec[4]["prev"] = "1" * 64
x = {k: v for k, v in rec[4].items() if k != "hash"}
rec[4]["hash"] = h(x)
rehash_from(rec, 5)
write("cr4-sealed-time-regression-before-prev", ["spec §1 'in the order listed'"], None,
      err(5, "record.time_regression"),
      "§1 envelope rules are checked in the order listed (seq, at, prev, hash). Event 5 goes back in time AND has a wrong prev (hash recomputed over it) -> record.time_regression at 5.",
      record=rec)

# E4 prev checked before hash: event 5 has wrong prev and stale hash
rec = seal(std_pass_events())
rec[4]["prev"] = "2" * 64   # hash not recomputed -> also a hash mismatch
write("cr4-sealed-prev-before-hash", ["spec §1 'in the order listed'"], None,
      err(5, "record.prev_mismatch"),
      "§1 order listed: prev before hash. Event 5 has wrong prev and stale hash -> record.prev_mismatch at 5.",
      record=rec)

# E5 non-canonical member order in stored objects still verifies (JCS sorts)
rec = seal(std_pass_events())
rec2 = []
for r in rec:
    d = r["data"]
    d2 = dict(reversed(list(d.items())))
    rec2.append({"hash": r["hash"], "prev": r["prev"], "data": d2, "kind": r["kind"], "at": r["at"], "seq": r["seq"]})
write("cr4-sealed-member-order-irrelevant-verifies", ["spec §1 RFC 8785"], None,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 5, "area": "500"}, "yes": {"heads": 5, "area": "500.00"}}}),
      "§1 hash is over the JCS canonical serialisation; member order in the stored object is irrelevant (JCS sorts keys). 6 owners x100, 5 yes: quorum 15>=12, 1500>=1200; 10>5 -> passed.",
      record=rec2)

# E6 hash over a non-canonical serialisation (with spaces) -> hash mismatch at 3
rec = seal(std_pass_events())
x = {k: v for k, v in rec[2].items() if k != "hash"}
rec[2]["hash"] = hashlib.sha256(json.dumps(x, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
rehash_from(rec, 3)
write("cr4-sealed-hash-over-non-jcs-text", ["spec §1 RFC 8785"], None, err(3, "record.hash_mismatch"),
      "§1 hash must be SHA-256 of the JCS form; event 3's hash was made over json with ', ' / ': ' separators (rest of chain consistent) -> record.hash_mismatch at 3.",
      record=rec)

# E7 unknown kind mid-record
e = std_pass_events()
e.insert(4, ev("2026-11-20T10:01:30+08:00", "ballot.casted", {"meeting": "m1", "voter": "o2", "channel": "online", "votes": {"pm": "yes"}}))
write("cr4-unknown-kind-mid-record", ["spec §6"], e, err(5, "event.unknown_kind"),
      "§6 event.unknown_kind; 'ballot.casted' at event 5.")

# E8 unknown field deep inside objection_block
e = std_prefix(motions=[motion("pm", matter="278.9", protection={"objection_block": {
    "of": {"buildings": ["1"]}, "share": "1/3", "dimension": "either", "quorum": "1/2"}})])
write("cr4-unknown-field-in-objection-block", ["spec §2 unknown members"], e, err(3, "event.unknown_field"),
      "§2 'Unknown members inside data are an error (event.unknown_field)'; extra 'quorum' in objection_block of meeting at event 3.")

# E9 unknown field in ballot data ("area")
t = T()
e = std_prefix()
e.append(ballot(t(), "o1", {"pm": "yes"}))
b = ballot(t(), "o2", {"pm": "yes"})
b["data"]["area"] = "500.00"
e.append(b)
write("cr4-unknown-field-in-ballot-data", ["spec §2 unknown members"], e, err(5, "event.unknown_field"),
      "§2 unknown members in data -> event.unknown_field; ballot at event 5 carries 'area'.")

# E10 community.missing: unit.transferred first
e = [ev(REG_AT, "unit.transferred", {"unit": "1-o1", "to": "o9"})] + std_pass_events()
write("cr4-community-missing-transfer-first", ["spec §2 community.registered"], e, err(1, "community.missing"),
      "§2 'Exactly one community.registered starts a record' -> first event a transfer -> community.missing at 1.")

# E11 unit.duplicate at the third unit
us = simple_units(["o1", "o2"]) + [unit("1-o1", "o3", "100.00")]
e = [community(us), rules()]
write("cr4-unit-duplicate-third-unit", ["spec §6"], e, err(1, "unit.duplicate"),
      "§6 unit.duplicate; third unit repeats id 1-o1 -> error at event 1.")

# E12 area with thousands separator
us = simple_units(["o1", "o2"]) + [unit("1-o3", "o3", "1,000.00")]
e = [community(us), rules()]
write("cr4-area-thousands-separator-invalid", ["spec §1 areas"], e, err(1, "unit.area_invalid"),
      "§1 areas are decimal strings with at most two fractional digits; '1,000.00' is not -> unit.area_invalid at 1.")

# E13 owner.unknown: proxy principal who owns nothing
t = T()
e = std_prefix()
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "ghost", "agent": "o1"}))
write("cr4-proxy-principal-unknown-owner", ["spec §2 proxy.granted", "§6 owner.unknown"], e, err(4, "owner.unknown"),
      "§6 owner.unknown; principal 'ghost' is no owner of record (not in owners, no unit) -> owner.unknown at 4. (Spec does not map this code to events explicitly.)")

# E14 rules adopted only after the meeting referring to it
e = [community(simple_units(O6)), rules("r1"), meeting("m1", [motion("pm")], rid="r2"),
     rules("r2", at="2026-11-01T09:05:00+08:00")]
write("cr4-rules-adopted-after-convening", ["spec §6 rules.unknown"], e, err(3, "rules.unknown"),
      "Meeting at event 3 names rules r2, adopted only at event 4 -> rules.unknown at 3 (replay applies events in turn, §1).")

# E15 objection for an unknown meeting
t = T()
e = std_prefix()
e.append(ev(t(), "objection.filed", {"meeting": "m9", "motion": "pm", "owner": "o1", "reason": "x"}))
write("cr4-objection-unknown-meeting", ["spec §6 meeting.unknown"], e, err(4, "meeting.unknown"),
      "objection.filed names meeting m9 never convened -> meeting.unknown at 4.")

# E16 meeting re-convened after close
e = std_pass_events() + [meeting("m1", [motion("pm2")], at="2026-12-06T09:00:00+08:00",
                                 noticed="2026-12-06T09:00:00+08:00", opens="2026-12-22T09:00:00+08:00",
                                 closes="2026-12-30T09:00:00+08:00")]
write("cr4-meeting-id-reused-after-close", ["spec §6 meeting.duplicate"], e, err(10, "meeting.duplicate"),
      "A closed meeting's id reused by a new meeting.convened at event 10 -> meeting.duplicate.")

# E17/E18 notice_days 0
t = T()
e = std_prefix(rset={"notice_days": 0}, noticed=OPENS)
for o in O6[:5]:
    e.append(ballot(t(), o, {"pm": "yes"}))
e.append(close())
write("cr4-notice-days-zero-same-instant-ok", ["spec §2 notice_days"], e,
      mot(**{"m1/pm": {"outcome": "passed", "yes": {"heads": 5, "area": "500"}}}),
      "§2 notice_days: opens_at - noticed_at >= 0x24h; equal instants -> ok; 5/6 yes -> passed.")

e = std_prefix(rset={"notice_days": 0}, noticed="2026-11-20T09:00:01+08:00")
write("cr4-notice-days-zero-noticed-after-opening", ["spec §2 notice_days"], e, err(3, "meeting.notice_too_short"),
      "§2 notice_days 0: opens_at - noticed_at = -1 s < 0 -> meeting.notice_too_short at 3.")

# E19 closing m1 does not close m2; then ballot for m1 -> meeting.closed
t = T()
e = [community(simple_units(O6)), rules(), meeting("m1", [motion("pm")]), meeting("m2", [motion("fund", "278.5")])]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(close("m1", at="2026-11-21T09:00:00+08:00"))
e.append(ballot("2026-11-21T10:00:00+08:00", "o1", {"fund": "yes"}, meeting="m2"))
e.append(ballot("2026-11-21T10:01:00+08:00", "o2", {"pm": "yes"}, meeting="m1"))
write("cr4-closed-meeting-ballot-other-meeting-ok", ["spec §2 meeting.closed"], e, err(8, "meeting.closed"),
      "§2 meeting.closed: no ballot for THAT meeting after it. m2 ballot (7) fine; m1 ballot at 8 (before closes_at) -> meeting.closed at 8.")

# E20 motion id of another meeting
t = T()
e = [community(simple_units(O6)), rules(), meeting("m1", [motion("pm")]), meeting("m2", [motion("fund", "278.5")])]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"fund": "yes"}))  # meeting m1
write("cr4-motion-of-other-meeting-unknown", ["spec §6 motion.unknown"], e, err(6, "motion.unknown"),
      "Ballot for m1 at event 6 votes on 'fund', a motion of m2 only -> motion.unknown at 6.")

# E21 assembly motion with matter coordination
e = std_prefix(motions=[motion("pm"), motion("x", matter="coordination")])
write("cr4-assembly-matter-coordination-unknown", ["spec §2 matter for assembly motions"], e, err(3, "matter.unknown"),
      "§2 assembly matter is 278.1..278.9 or 279; 'coordination' is only for five-party -> matter.unknown at 3.")

# E22 five-party second motion 278.1
e = [community(simple_units(O6)), rules(),
     meeting("m1", [motion("a", "coordination"), motion("b", "278.1")], body="five-party", parties=PARTIES)]
write("cr4-five-party-second-motion-278-1-reserved", ["spec §2 five-party"], e, err(3, "matter.reserved_to_assembly"),
      "§2 a five-party meeting may not decide an Art. 278 matter; second motion 278.1 -> matter.reserved_to_assembly at 3.")

# E23 scope by uses: residential owner not eligible
us = [unit("1-s1", "s1", "50.00", use="commercial"), unit("1-s2", "s2", "50.00", use="commercial"),
      unit("1-o1", "o1", "100.00"), unit("1-o2", "o2", "100.00")]
t = T()
e = [community(us), rules(), meeting("m1", [motion("pm", "278.9")], scope={"uses": ["commercial"]})]
e.append(ballot(t(), "s1", {"pm": "yes"}))
e.append(ballot(t(), "o1", {"pm": "yes"}))
write("cr4-scope-uses-residential-not-eligible", ["spec §2 scope, selectors"], e, err(5, "ballot.not_eligible"),
      "§2 scope {uses:[commercial]}: electorate is selected units only; o1 owns only residential -> ballot.not_eligible at 5.")

# E24 five-party ballot at closes_at
e = [community(simple_units(O6)), rules(),
     meeting("m1", [motion("a", "coordination")], body="five-party", parties=PARTIES),
     ev("2026-11-20T10:00:00+08:00", "attendance.recorded", {"meeting": "m1", "present": list(PARTIES)}),
     ballot("2026-11-20T10:01:00+08:00", "party_branch", {"a": "support"}),
     ballot("2026-12-05T10:00:00Z", "residents_committee", {"a": "support"})]
write("cr4-five-party-ballot-after-close-instant-utc", ["spec §2 ballot window"], e, err(6, "ballot.outside_window"),
      "§2 ballot must fall in [opens_at, closes_at); 2026-12-05T10:00Z = 18:00+08:00 = closes_at -> outside_window at 6.")

# E25 committee first_counts duplicate
M5 = ["c1", "c2", "c3", "c4", "c5"]
t = T()
e = [community(simple_units(M5 + ["o1"])), rules(s={"revote": "first_counts"}),
     meeting("m1", [motion("q", None)], body="committee", members=M5),
     ev(t(), "attendance.recorded", {"meeting": "m1", "present": M5}),
     ballot(t(), "c1", {"q": "yes"}), ballot(t(), "c2", {"q": "yes"}), ballot(t(), "c1", {"q": "no"})]
write("cr4-committee-first-counts-duplicate", ["spec §2 revote"], e, err(7, "ballot.duplicate"),
      "§2 revote first_counts: a second ballot of the same voter is ballot.duplicate (committee too) -> at 7.")

# E26 capitalised Yes
t = T()
e = std_prefix()
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "Yes"}))
write("cr4-invalid-value-capitalised-yes", ["spec §2 values"], e, err(5, "ballot.invalid_value"),
      "§2 values are yes/no/abstain; 'Yes' is not one -> ballot.invalid_value at 5.")

# E27 list for non-election motion
t = T()
e = std_prefix()
e.append(ballot(t(), "o1", {"pm": ["yes"]}))
write("cr4-invalid-value-list-for-plain-motion", ["spec §2 values"], e, err(4, "ballot.invalid_value"),
      "§2 a list is only for elections; ['yes'] on a 278.4 motion -> ballot.invalid_value at 4.")

# E28 election too many choices in a later ballot
O10 = [f"o{i}" for i in range(1, 11)]
t = T()
e = [community(simple_units(O10)), rules(),
     meeting("m1", [motion("el", "278.3", election={"seats": 3, "candidates": ["o1", "o2", "o3", "o4", "o5"]})])]
e.append(ballot(t(), "o1", {"el": ["o1", "o2", "o3"]}))
e.append(ballot(t(), "o2", {"el": ["o1", "o2", "o3", "o4"]}))
write("cr4-election-four-choices-three-seats-later-ballot", ["spec §2 election"], e, err(5, "election.too_many_choices"),
      "§2 ballot value lists at most `seats` candidates; 3 choices ok (event 4), 4 choices at event 5 -> election.too_many_choices.")

# E29 not a candidate (voter names himself, an owner but not a candidate)
t = T()
e = [community(simple_units(O10)), rules(),
     meeting("m1", [motion("el", "278.3", election={"seats": 3, "candidates": ["o1", "o2", "o3", "o4", "o5"]})])]
e.append(ballot(t(), "o7", {"el": ["o1", "o7"]}))
write("cr4-election-owner-not-candidate", ["spec §6"], e, err(4, "election.not_a_candidate"),
      "o7 is an owner but not a candidate -> election.not_a_candidate at 4.")

# E30 agent votes for a principal who did not appoint him
t = T()
e = std_prefix()
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x"}))
e.append(ballot(t(), "o1", {"pm": "yes"}, by="x"))
e.append(ballot(t(), "o2", {"pm": "yes"}, by="x"))
write("cr4-proxy-agent-for-wrong-principal", ["spec §2 proxy"], e, err(6, "proxy.not_authorized"),
      "x holds o1's grant only; ballot for o2 by x at event 6 -> proxy.not_authorized.")

# E31 proxy cap 1: regrant same principal ok, second principal exceeds
t = T()
e = std_prefix(rset={"proxy_cap": 1})
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x"}))
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x"}))
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x"}))
write("cr4-proxy-cap-one-regrant-same-principal-ok", ["spec §2 proxy_cap"], e, err(6, "proxy.cap_exceeded"),
      "§2 cap counts principals: re-granting o1->x leaves x with 1 principal (ok, event 5); o2->x would be 2 > 1 -> proxy.cap_exceeded at 6.")

# E32 committee ballot by an outsider agent
t = T()
e = [community(simple_units(M5 + ["o1"])), rules(),
     meeting("m1", [motion("q", None)], body="committee", members=M5),
     ev(t(), "attendance.recorded", {"meeting": "m1", "present": M5}),
     ballot(t(), "c1", {"q": "yes"}, by="o1")]
write("cr4-committee-ballot-by-outsider", ["spec §4 no proxies"], e, err(5, "proxy.not_allowed"),
      "§4 'No proxies in committee meetings (proxy.not_allowed)'; ballot for c1 by o1 -> proxy.not_allowed at 5.")

# E33 first_counts: agent, principal (replaces), agent again -> superseded
t = T()
e = std_prefix(rset={"revote": "first_counts"})
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x"}))
e.append(ballot(t(), "o1", {"pm": "no"}, by="x"))
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o1", {"pm": "no"}, by="x"))
write("cr4-first-counts-agent-after-principal-superseded", ["spec §2 proxy precedence"], e, err(7, "proxy.superseded"),
      "§2 principal's own ballot replaces agent's (event 6 ok even under first_counts); later agent ballot for that principal is proxy.superseded (event 7).")

# E34 declared five-party outcome wrong
e = [community(simple_units(O6)), rules(),
     meeting("m1", [motion("a", "coordination")], body="five-party", parties=PARTIES),
     ev("2026-11-20T10:00:00+08:00", "attendance.recorded", {"meeting": "m1", "present": list(PARTIES)}),
     ballot("2026-11-20T10:01:00+08:00", "party_branch", {"a": "support"}),
     ballot("2026-11-20T10:02:00+08:00", "property_company", {"a": "object"}),
     close(),
     ev("2026-12-06T09:00:00+08:00", "result.declared", {"meeting": "m1", "results": {"a": {"outcome": "agreed"}}})]
write("cr4-declared-five-party-agreed-but-objected", ["spec §2 result.declared", "§4"], e, err(8, "result.mismatch"),
      "§4 an objection by a present party -> not_agreed; declaring 'agreed' -> result.mismatch at 8.")

# E35 declared figures in other decimal forms match by value
e = std_pass_events()
e.append(ev("2026-12-06T09:00:00+08:00", "result.declared", {"meeting": "m1", "results": {"pm": {
    "outcome": "passed", "participating": {"heads": 5, "area": "500.0"}, "yes": {"heads": 5, "area": "500"}}}}))
write("cr4-declared-figures-equal-by-value", ["spec §2 result.declared", "§5 areas compare by value"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 5, "area": "500"}}}),
      "§2 mismatch only where a declared figure *differs*; '500.0' and '500' equal 500.00 in value -> no error. (Format of declared figures assumed to mirror §5 motions figures.)")

# E36 declared committee present wrong
t = T()
e = [community(simple_units(M5 + ["o1"])), rules(),
     meeting("m1", [motion("q", None)], body="committee", members=M5),
     ev(t(), "attendance.recorded", {"meeting": "m1", "present": ["c1", "c2", "c3", "c4"]}),
     ballot(t(), "c1", {"q": "yes"}), ballot(t(), "c2", {"q": "yes"}), ballot(t(), "c3", {"q": "yes"}),
     close(),
     ev("2026-12-06T09:00:00+08:00", "result.declared", {"meeting": "m1", "results": {"q": {"outcome": "passed", "present": 5}}})]
write("cr4-declared-committee-present-wrong", ["spec §2 result.declared"], e, err(9, "result.mismatch"),
      "Outcome right (3 yes of 5: 6>=5 passed) but declared present 5 vs recorded 4 -> result.mismatch at 9.")

# E37 declared election elected set wrong though outcome right
t = T()
e = [community(simple_units(O10)), rules(),
     meeting("m1", [motion("el", "278.3", election={"seats": 2, "candidates": ["o1", "o2", "o3"]})])]
for o in O10[:8]:
    e.append(ballot(t(), o, {"el": ["o1"]}))
e.append(close())
e.append(ev("2026-12-06T09:00:00+08:00", "result.declared", {"meeting": "m1", "results": {"el": {"outcome": "elected", "elected": ["o1", "o2"]}}}))
write("cr4-declared-election-elected-list-wrong", ["spec §2 result.declared", "§3 elections"], e, err(13, "result.mismatch"),
      "8/10 vote, all approve o1 only: o1 elected (8 heads, 16>8), one seat open; declared elected [o1,o2] -> result.mismatch at 13.")

# E38 time regression across offsets (unsealed)
t = T()
e = std_prefix()
e.append(ballot("2026-11-20T10:00:00+08:00", "o1", {"pm": "yes"}))
e.append(ballot("2026-11-20T10:30:00+09:00", "o2", {"pm": "yes"}))
write("cr4-time-regression-lexically-later-offset", ["spec §1 instants never decrease"], e, err(5, "record.time_regression"),
      "§1 instants never decrease; 10:30+09:00 (01:30Z) after 10:00+08:00 (02:00Z) is earlier though lexically later -> record.time_regression at 5.")

# ---------------- C: counting -----------------

# C1 278.7 abstain excluded exact 3/4
O10 = [f"o{i}" for i in range(1, 11)]
t = T()
e = [community(simple_units(O10)), rules(s={"abstain": "excluded"}), meeting("m1", [motion("rb", "278.7")])]
for o in O10[:6]:
    e.append(ballot(t(), o, {"rb": "yes"}))
for o in O10[6:8]:
    e.append(ballot(t(), o, {"rb": "no"}))
for o in O10[8:10]:
    e.append(ballot(t(), o, {"rb": "abstain"}))
e.append(close())
write("cr4-278-7-abstain-excluded-exact-three-quarters", ["CC 278", "spec §2 abstain", "§3"], e,
      mot(**{"m1/rb": {"outcome": "passed", "participating": {"heads": 8, "area": "800"},
                       "yes": {"heads": 6, "area": "600"}, "no": {"heads": 2, "area": "200"}}}),
      "abstain excluded: participants 8 (24>=20, 2400>=2000); 4*6=24>=3*8=24 both dims -> passed (with participates it would be 24<30).")

# C2 transfer to developer merges into developer head
us = [unit("1-d1", "dev", "100.00")] + simple_units(["o1", "o2", "o3", "o4"])
t = T()
e = [community(us, owners=[{"id": "dev", "developer": True}]), rules(),
     ev("2026-10-20T09:00:00+08:00", "unit.transferred", {"unit": "1-o4", "to": "dev"}),
     meeting("m1", [motion("pm")])]
e.append(ballot(t(), "dev", {"pm": "yes"}))
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "no"}))
e.append(close())
write("cr4-transfer-to-developer-merges-head", ["Interp 9", "spec §3 headcount"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 3, "area": "400"},
                       "yes": {"heads": 2, "area": "300"}, "no": {"heads": 1, "area": "100"}}}),
      "dev now holds 2 units -> one head; total heads 4 (dev,o1,o2,o3), area 500. Part 3 heads/400: 9>=8, 1200>=1000. yes 2/300: 4>3, 600>400 -> passed. (5 heads would be no_quorum.)")

# C3 parking excluded: mixed owner's area only residential; parking-only owner leaves headcount
us = [unit("1-o1", "o1", "100.00"), unit("P-1", "o1", "20.00", building="P", use="parking"),
      unit("1-o2", "o2", "100.00"), unit("1-o3", "o3", "100.00"),
      unit("P-2", "o4", "30.00", building="P", use="parking")]
t = T()
e = [community(us), rules(s={"parking": "excluded"}), meeting("m1", [motion("pm")])]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "yes"}))
e.append(close())
write("cr4-parking-excluded-mixed-owner-area", ["spec §2 parking"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 2, "area": "200"}, "yes": {"heads": 2, "area": "200"}}}),
      "parking excluded: total heads 3 (o1,o2,o3), area 300. part 2/200: 6>=6, 600>=600 -> quorum; yes 2/200 -> passed. Counting parking would give 220 of 350: 660<700 no_quorum.")

# C4/C5 objection block 2/5 both
us = simple_units([f"a{i}" for i in range(1, 6)], building="1") + simple_units([f"b{i}" for i in range(1, 6)], building="2")
def objection_case(name, b1area, dim, outcome, note):
    uu = copy.deepcopy(us)
    uu[5]["area"] = b1area
    t = T()
    e = [community(uu), rules(), meeting("m1", [motion("green", "278.9", protection={"objection_block": {
        "of": {"buildings": ["2"]}, "share": "2/5", "dimension": dim}})])]
    for o in ["a1", "a2", "a3", "a4", "a5", "b3", "b4", "b5"]:
        e.append(ballot(t(), o, {"green": "yes"}))
    for o in ["b1", "b2"]:
        e.append(ballot(t(), o, {"green": "no"}))
        e.append(ev(t(), "objection.filed", {"meeting": "m1", "motion": "green", "owner": o, "reason": "采光"}))
    e.append(close())
    write(name, ["spec §3 objection_block"], e, mot(**{"m1/green": {"outcome": outcome}}), note)

objection_case("cr4-objection-two-fifths-both-exact-blocks", "100.00", "both", "blocked",
               "group bldg 2: 5 heads/500. objectors b1,b2: 2 heads/200: 5*2>=2*5 and 5*200>=2*500 (boundary included) -> blocked.")
objection_case("cr4-objection-two-fifths-both-area-one-cent-short", "99.99", "both", "passed",
               "b1 area 99.99: objectors 199.99 of 499.99: 5*19999=99995 < 2*49999=99998 -> area short; heads exact; 'both' -> not blocked; 8/10 yes -> passed.")
objection_case("cr4-objection-two-fifths-either-heads-exact-blocks", "99.99", "either", "blocked",
               "same figures with 'either': heads 2/5 exactly reaches share -> blocked.")

# C6 objector with two units in group: area aggregated
us = [unit("2-p1", "p", "100.00", building="2"), unit("2-p2", "p", "100.00", building="2"),
      unit("2-q", "q", "100.00", building="2"), unit("2-r", "r", "100.00", building="2"),
      unit("2-s", "s", "100.00", building="2")]
t = T()
e = [community(us), rules(), meeting("m1", [motion("g", "278.9", protection={"objection_block": {
    "of": {"buildings": ["2"]}, "share": "1/3", "dimension": "either"}})])]
for o in ["p", "q", "r", "s"]:
    e.append(ballot(t(), o, {"g": "yes"}))
e.append(ev(t(), "objection.filed", {"meeting": "m1", "motion": "g", "owner": "p", "reason": "x"}))
e.append(close())
write("cr4-objection-owner-two-units-area-blocks", ["spec §3 objection_block"], e,
      mot(**{"m1/g": {"outcome": "blocked"}}),
      "group: 4 heads, 500 area. p objects: heads 1 (3*1<4), area 200 (3*200=600>=500) -> either -> blocked even though all voted yes.")

# C7 election: three-way tie for two remaining seats
cands = ["o1", "o2", "o3", "o4"]
pattern = [["o1", "o2", "o3"], ["o1", "o2", "o3"], ["o1", "o2", "o4"], ["o1", "o2", "o4"], ["o1", "o3", "o4"],
           ["o1", "o3", "o4"], ["o1", "o2", "o3"], ["o1", "o2", "o4"], ["o1", "o3", "o4"], ["o1"]]
t = T()
e = [community(simple_units(O10)), rules(), meeting("m1", [motion("el", "278.3", election={"seats": 3, "candidates": cands})])]
for o, p in zip(O10, pattern):
    e.append(ballot(t(), o, {"el": p}))
e.append(close())
write("cr4-election-three-tied-for-two-seats", ["spec §3 elections"], e,
      mot(**{"m1/el": {"outcome": "tie", "elected": ["o1"], "tied": ["o2", "o3", "o4"]}}),
      "o1 10 heads; o2,o3,o4 each 6 heads/600 (12>10 pass). 2 seats left, 3 equal -> tie not broken: elected [o1], tied [o2,o3,o4].")

# C8 election: equal non-passing candidates are not 'tied'
t = T()
pattern = [["o1", "o2"]] * 5 + [["o1", "o3"]] * 3 + [["o3"]] * 2
e = [community(simple_units(O10)), rules(), meeting("m1", [motion("el", "278.3", election={"seats": 2, "candidates": ["o1", "o2", "o3"]})])]
for o, p in zip(O10, pattern):
    e.append(ballot(t(), o, {"el": p}))
e.append(close())
write("cr4-election-equal-losers-not-tied", ["spec §3 elections"], e,
      mot(**{"m1/el": {"outcome": "elected", "elected": ["o1"], "tied": []}}),
      "10 voters. o1: 8 (16>10 elected). o2: 5, o3: 5 -> 2*5=10 not >10 -> neither elected; they are equal but not elected, so no tie: outcome elected with one open seat.")

# C9 committee 7 members 4 present 3 yes -> failed
M7 = [f"c{i}" for i in range(1, 8)]
def committee_case(name, rset, yes, no, outcome, note):
    t = T()
    e = [community(simple_units(M7)), rules(s=rset),
         meeting("m1", [motion("q", None)], body="committee", members=M7),
         ev(t(), "attendance.recorded", {"meeting": "m1", "present": ["c1", "c2", "c3", "c4"]})]
    for c in yes:
        e.append(ballot(t(), c, {"q": "yes"}))
    for c in no:
        e.append(ballot(t(), c, {"q": "no"}))
    e.append(close())
    write(name, ["spec §4 committee", "Guide 31-39"], e, mot(**{"m1/q": {"outcome": outcome, "present": 4}}), note)

committee_case("cr4-committee-seven-three-yes-of-four-present-fails", None, ["c1", "c2", "c3"], ["c4"], "failed",
               "7 members, 4 present (8>7 quorum); yes 3: 2*3=6 < 7 -> not half of ALL members -> failed.")
committee_case("cr4-committee-seven-four-yes-more-than-half-passes", {"committee_decision": "more_than_half_of_members"},
               ["c1", "c2", "c3", "c4"], [], "passed",
               "more_than_half: 2*4=8 > 7 -> passed.")

# C10 five-party custom quorum 3
def fp(name, rset, present, votes, outcome, note, expect_present=True):
    t = T()
    e = [community(simple_units(O6)), rules(s=rset),
         meeting("m1", [motion("a", "coordination")], body="five-party", parties=PARTIES),
         ev(t(), "attendance.recorded", {"meeting": "m1", "present": present})]
    for p, v in votes:
        e.append(ballot(t(), p, {"a": v}))
    e.append(close())
    exp = {"outcome": outcome}
    if expect_present:
        exp["present"] = len(present)
    write(name, ["spec §4 five-party"], e, mot(**{"m1/a": exp}), note)

fp("cr4-five-party-quorum-three-one-support-agreed", {"five_party_quorum": 3},
   ["party_branch", "residents_committee", "property_company"],
   [("party_branch", "support"), ("residents_committee", "abstain")], "agreed",
   "quorum 3, 3 present; one support, one abstain, one silent; no present objector -> agreed.")
fp("cr4-five-party-quorum-three-two-present-no-quorum", {"five_party_quorum": 3},
   ["party_branch", "residents_committee"],
   [("party_branch", "support"), ("residents_committee", "support")], "no_quorum",
   "quorum 3 but only 2 present -> no_quorum.")
fp("cr4-five-party-absent-party-objection-ignored", {"five_party_quorum": 4},
   ["party_branch", "residents_committee", "owners_committee", "property_company"],
   [("party_branch", "support"), ("owner_representatives", "object")], "agreed",
   "§4 'agreed when no PRESENT party objects'; owner_representatives not present, its objection does not count -> agreed. (By analogy to committee absent members; spec silent on whether the absent party's ballot is refused.)")

# C11 five-party does not change assembly result
t = T()
e = [community(simple_units(O6)), rules(), meeting("m1", [motion("pm")]),
     meeting("m2", [motion("med", "coordination", refers_to={"meeting": "m1", "motion": "pm"})], body="five-party", parties=PARTIES)]
e.append(ev(t(), "attendance.recorded", {"meeting": "m2", "present": list(PARTIES)}))
for o in O6[:5]:
    e.append(ballot(t(), o, {"pm": "yes"}))
for p in PARTIES:
    e.append(ballot(t(), p, {"med": "object"}, meeting="m2"))
e.append(close("m1"))
e.append(close("m2"))
write("cr4-five-party-objection-leaves-assembly-result", ["spec §4 recommendations"], e,
      mot(**{"m1/pm": {"outcome": "passed", "yes": {"heads": 5, "area": "500"}}, "m2/med": {"outcome": "not_agreed", "present": 5}}),
      "§4 five-party outcomes never change an assembly result: m1/pm 5/6 yes passed; m2/med all object -> not_agreed.")

# C12 unanimity + objection: blocked precedes failed
us = simple_units(["a1", "a2", "a3", "a4"], building="1") + simple_units(["b1", "b2", "b3"], building="2")
t = T()
e = [community(us), rules(), meeting("m1", [motion("g", "278.9", protection={
    "unanimity_of": {"buildings": ["2"]},
    "objection_block": {"of": {"buildings": ["2"]}, "share": "1/3", "dimension": "either"}})])]
for o in ["a1", "a2", "a3", "a4", "b1", "b2"]:
    e.append(ballot(t(), o, {"g": "yes"}))
e.append(ballot(t(), "b3", {"g": "no"}))
e.append(ev(t(), "objection.filed", {"meeting": "m1", "motion": "g", "owner": "b3", "reason": "x"}))
e.append(close())
write("cr4-unanimity-and-objection-blocked-first", ["spec §3 outcomes order"], e,
      mot(**{"m1/g": {"outcome": "blocked"}}),
      "quorum 7/7; majority 6/7 yes; unanimity of bldg 2 fails (b3 no) -> would be failed; b3's objection = 1/3 of group heads and area (3*1>=3, 300>=300) -> blocked; 'first that applies': blocked before failed.")

# C13 unanimity satisfied but no quorum -> no_quorum
t = T()
e = [community(us), rules(), meeting("m1", [motion("g", "278.4", protection={"unanimity_of": {"buildings": ["2"]}})])]
for o in ["b1", "b2", "b3", "a1"]:
    e.append(ballot(t(), o, {"g": "yes"}))
e.append(close())
write("cr4-unanimity-on-278-does-not-replace-quorum", ["spec §3 unanimity_of on non-279"], e,
      mot(**{"m1/g": {"outcome": "no_quorum", "participating": {"heads": 4, "area": "400"}}}),
      "unanimity_of on a 278 motion ADDS a requirement; 4/7 participate: 12 < 14 -> no_quorum.")

# C14 279 with developer as the other interested owner
us = [unit("1-101", "o1", "90.00"), unit("1-102", "dev", "90.00"), unit("1-103", "dev", "90.00"),
      unit("2-101", "o2", "90.00", building="2"), unit("2-102", "o3", "90.00", building="2")]
t = T()
e = [community(us, owners=[{"id": "dev", "developer": True}]), rules(),
     meeting("m1", [motion("shop", "279", applicant="o1", protection={"unanimity_of": {"buildings": ["1"]}})])]
e.append(ballot(t(), "dev", {"shop": "yes"}))
e.append(ballot(t(), "o2", {"shop": "no"}))
e.append(ballot(t(), "o3", {"shop": "no"}))
e.append(close())
write("cr4-279-developer-sole-other-owner-yes-passes", ["CC 279", "spec §3 279"], e,
      mot(**{"m1/shop": {"outcome": "passed"}}),
      "279: every owner in building 1 other than applicant o1 (only dev) voted yes -> passed; building-2 'no' votes and quorum irrelevant.")

# C15 follow_majority 278.6
O9 = [f"o{i}" for i in range(1, 10)]
t = T()
e = [community(simple_units(O9)), rules(s={"non_voters": "follow_majority"}), meeting("m1", [motion("fund", "278.6")])]
for o in O9[:4]:
    e.append(ballot(t(), o, {"fund": "yes"}))
for o in O9[4:6]:
    e.append(ballot(t(), o, {"fund": "no"}))
e.append(close())
write("cr4-follow-majority-278-6-non-voters-join-yes", ["spec §2 non_voters", "Guide 26"], e,
      mot(**{"m1/fund": {"outcome": "passed"}}),
      "9 owners; 6 vote (18>=18 quorum). Cast: yes 4 no 2 -> yes majority both dims; 3 non-voters join yes -> yes 7: 4*7=28>=3*9=27 (or >=3*6) -> passed. Without follow_majority 16<18 fails.")

# C16 scope buildings + floors intersection: owner's area only selected units
us = [unit("1-101", "x", "100.00", floor=1), unit("1-501", "x", "100.00", floor=5),
      unit("2-101", "x", "100.00", building="2", floor=1),
      unit("1-201", "y", "100.00", floor=2), unit("1-102", "z", "100.00", floor=1)]
t = T()
e = [community(us), rules(), meeting("m1", [motion("pm", "278.9")], scope={"buildings": ["1"], "floors": {"max": 2}})]
e.append(ballot(t(), "x", {"pm": "yes"}))
e.append(ballot(t(), "y", {"pm": "yes"}))
e.append(close())
write("cr4-scope-building-floor-intersection-area", ["spec §2 selectors, scope"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 2, "area": "200"}, "yes": {"heads": 2, "area": "200"}}}),
      "scope = bldg 1 AND floor<=2: units 1-101(x),1-201(y),1-102(z); total 3 heads/300. x's area in scope 100 only. part 2/200: 6>=6, 600>=600 -> quorum; yes 2/200 -> passed.")

# C17 last_counts revote to abstain under excluded -> loses quorum
t = T()
O3 = ["o1", "o2", "o3"]
e = [community(simple_units(O3)), rules(s={"abstain": "excluded"}), meeting("m1", [motion("pm")])]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "abstain"}))
e.append(close())
write("cr4-revote-to-abstain-excluded-loses-quorum", ["spec §2 revote, abstain"], e,
      mot(**{"m1/pm": {"outcome": "no_quorum", "participating": {"heads": 1, "area": "100"}}}),
      "last_counts: o2's abstain replaces yes; excluded -> participants o1 only: 3*1 < 2*3 -> no_quorum.")

# C18 278.7 exact 3/4 with awkward cents (float trap)
us = [unit("1-y1", "y1", "50.00"), unit("1-y2", "y2", "49.98"), unit("1-y3", "y3", "0.01"), unit("1-n1", "n1", "33.33")]
t = T()
e = [community(us), rules(), meeting("m1", [motion("rb", "278.7")])]
for o in ["y1", "y2", "y3"]:
    e.append(ballot(t(), o, {"rb": "yes"}))
e.append(ballot(t(), "n1", {"rb": "no"}))
e.append(close())
write("cr4-278-7-exact-three-quarters-odd-cents", ["CC 278", "CC 1259", "spec §1 exact areas"], e,
      mot(**{"m1/rb": {"outcome": "passed", "participating": {"heads": 4, "area": "133.32"}, "yes": {"heads": 3, "area": "99.99"}}}),
      "yes 5000+4998+1=9999 hundredths, part 13332: 4*9999=39996 = 3*13332=39996 -> boundary included; heads 4*3=12=3*4 -> passed.")

# C19 default proxy_cap null: one agent for four principals
t = T()
e = std_prefix()
for o in ["o1", "o2", "o3", "o4"]:
    e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": o, "agent": "x"}))
for o in ["o1", "o2", "o3", "o4"]:
    e.append(ballot(t(), o, {"pm": "yes"}, by="x", channel="paper"))
e.append(ballot(t(), "o5", {"pm": "no"}))
e.append(close())
write("cr4-proxy-cap-default-null-four-principals", ["spec §2 proxy_cap default null"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 5, "area": "500"}, "yes": {"heads": 4, "area": "400"}}}),
      "§2 proxy_cap default null (no cap): x holds 4 principals; 5/6 participate; yes 4: 8>5 -> passed.")

# C20 developer out of scope does not count
us = simple_units(["o1", "o2", "o3"], building="1") + [unit("2-d1", "dev", "100.00", building="2"), unit("2-d2", "dev", "100.00", building="2")]
t = T()
e = [community(us, owners=[{"id": "dev", "developer": True}]), rules(), meeting("m1", [motion("pm", "278.9")], scope={"buildings": ["1"]})]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o2", {"pm": "yes"}))
e.append(close())
write("cr4-scope-developer-outside-not-in-headcount", ["spec §2 scope", "§3 totals"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 2, "area": "200"}}}),
      "scope bldg 1: totals 3 heads/300 (dev's units in bldg 2 out). part 2/200: 6>=6 and 600>=600 -> passed.")

# C21 transfer during meeting: old owner still votes (revote) after transfer
t = T()
e = std_prefix()
e.append(ballot(t(), "o1", {"pm": "no"}))
e.append(ev(t(), "unit.transferred", {"unit": "1-o1", "to": "o9"}))
e.append(ballot(t(), "o1", {"pm": "yes"}))
for o in ["o2", "o3", "o4"]:
    e.append(ballot(t(), o, {"pm": "yes"}))
e.append(close())
write("cr4-transfer-mid-meeting-old-owner-revotes", ["spec §2 unit.transferred"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 4, "area": "400"}, "yes": {"heads": 4, "area": "400"}}}),
      "§2 'Meetings already convened keep the registry as it was': o1 stays in m1's electorate after transfer; revote replaces no with yes. 4/6: 12>=12 -> passed.")

# C22 abstain participates and 278.9 exact half heads fails, area passes
us = [unit("1-a", "a", "200.00"), unit("1-b", "b", "100.00"), unit("1-c", "c", "50.00"), unit("1-d", "d", "50.00")]
t = T()
e = [community(us), rules(), meeting("m1", [motion("pm", "278.9")])]
e.append(ballot(t(), "a", {"pm": "yes"}))
e.append(ballot(t(), "b", {"pm": "yes"}))
e.append(ballot(t(), "c", {"pm": "abstain"}))
e.append(ballot(t(), "d", {"pm": "no"}))
e.append(close())
write("cr4-abstain-participates-heads-exact-half-fails", ["spec §2 abstain participates", "§3"], e,
      mot(**{"m1/pm": {"outcome": "failed", "participating": {"heads": 4, "area": "400"}, "yes": {"heads": 2, "area": "300"},
                       "abstain": {"heads": 1, "area": "50"}}}),
      "abstain participates: part 4/400; yes heads 2: 2*2=4 not > 4 -> fails heads (area 600>400 ok) -> failed.")


# ---------------- round 2: sharper edges -----------------

# A lowercase t / z are RFC 3339
t = T()
e = std_prefix()
e.append(ballot("2026-11-20T10:00:00+08:00", "o1", {"pm": "yes"}))
e.append(ballot("2026-11-20t02:30:00z", "o2", {"pm": "yes"}))
e.append(ballot("2026-11-20T11:00:00+08:00", "o3", {"pm": "yes"}))
e.append(ballot("2026-11-20T11:01:00+08:00", "o4", {"pm": "yes"}))
e.append(close())
write("cr4-rfc3339-lowercase-t-and-z-accepted", ["spec §1 RFC 3339", "RFC 3339 §5.6 NOTE"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 4, "area": "400"}}}),
      "RFC 3339 §5.6: 'T' and 'Z' may alternatively be lower case; 02:30z = 10:30+08:00. 4/6: 12>=12 -> passed.")

# B offset without colon is not RFC 3339
t = T()
e = std_prefix()
e.append(ballot("2026-11-20T10:00:00+0800", "o1", {"pm": "yes"}))
write("cr4-parse-offset-without-colon", ["spec §1 RFC 3339"], e, err(4, "record.parse"),
      "RFC 3339 time-numoffset is (+|-)HH:MM; '+0800' is not RFC 3339 -> record.parse at 4.")

# C empty later ballot replaces the earlier one (last_counts)
t = T()
e = std_prefix()
for o in O6[:4]:
    e.append(ballot(t(), o, {"pm": "yes"}))
e.append(ballot(t(), "o4", {}))
e.append(close())
write("cr4-empty-later-ballot-replaces-loses-quorum", ["spec §2 revote last_counts", "ballot may leave motions out"], e,
      mot(**{"m1/pm": {"outcome": "no_quorum", "participating": {"heads": 3, "area": "300"}}}),
      "last_counts: o4's later ballot (no motions) replaces the earlier one; left-out motion -> did not take part. 3/6: 9<12 -> no_quorum.")

# D owner listed without units is not eligible
t = T()
e = [community(simple_units(O6), owners=[{"id": "o7", "name": "王五"}]), rules(), meeting("m1", [motion("pm")])]
e.append(ballot(t(), "o1", {"pm": "yes"}))
e.append(ballot(t(), "o7", {"pm": "yes"}))
write("cr4-listed-owner-without-units-not-eligible", ["spec §3 electorate"], e, err(5, "ballot.not_eligible"),
      "Electorate = owners of counted units; o7 is listed but owns no unit -> ballot.not_eligible at 5.")

# E committee ballots before attendance is recorded
t = T()
e = [community(simple_units(M5 + ["o1"])), rules(),
     meeting("m1", [motion("q", None)], body="committee", members=M5)]
for c in ["c1", "c2", "c3"]:
    e.append(ballot(t(), c, {"q": "yes"}))
e.append(ev(t(), "attendance.recorded", {"meeting": "m1", "present": ["c1", "c2", "c3"]}))
e.append(close())
write("cr4-committee-ballots-before-attendance-count", ["spec §4 committee", "§2 attendance"], e,
      mot(**{"m1/q": {"outcome": "passed", "present": 3}}),
      "Attendance [c1,c2,c3] recorded after their ballots: 6>5 quorum; yes from present members 3: 6>=5 -> passed.")

# F election last seat: equal heads, area decides (no tie)
us = [unit(f"1-{o}", o, "100.00") for o in O10]
us[0]["area"] = "100.01"
t = T()
pattern = [["o1", "o2"]] * 4 + [["o1", "o3"]] * 4 + [["o2", "o3"]] * 2
e = [community(us), rules(), meeting("m1", [motion("el", "278.3", election={"seats": 2, "candidates": ["o1", "o2", "o3"]})])]
for o, p in zip(O10, pattern):
    e.append(ballot(t(), o, {"el": p}))
e.append(close())
write("cr4-election-last-seat-equal-heads-area-decides", ["spec §3 elections ranking"], e,
      mot(**{"m1/el": {"outcome": "elected", "elected": ["o1", "o2"], "tied": []}}),
      "10 voters (v1 area 100.01). o1: 8 heads; o2: v1-v4,v9,v10 = 6 heads/600.01; o3: v5-v10 = 6 heads/600.00; all pass (12>10). Rank o1, o2 (area breaks equal heads), o3 -> elected [o1,o2], no tie.")

# G 279 consent given through an agent
us = [unit("1-101", "o1", "90.00"), unit("1-102", "o2", "90.00"), unit("1-103", "o3", "90.00"),
      unit("2-101", "o4", "90.00", building="2")]
t = T()
e = [community(us), rules(),
     meeting("m1", [motion("shop", "279", applicant="o1", protection={"unanimity_of": {"buildings": ["1"]}})])]
e.append(ev(t(), "proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x"}))
e.append(ballot(t(), "o2", {"shop": "yes"}, by="x", channel="paper"))
e.append(ballot(t(), "o3", {"shop": "yes"}))
e.append(close())
write("cr4-279-consent-through-agent-passes", ["CC 279", "spec §2 proxy"], e,
      mot(**{"m1/shop": {"outcome": "passed"}}),
      "o2's yes cast by authorised agent x is o2's vote (§2 proxy for all motions); o3 yes -> all others in bldg 1 yes -> passed.")

# H sealed: seq repeated
rec = seal(std_pass_events())
for i, r in enumerate(rec):
    r["seq"] = i + 1 if i < 3 else i  # 1,2,3,3,4,...
rehash_from(rec, 0)
write("cr4-sealed-seq-repeated", ["spec §1 seq increases by exactly 1"], None, err(4, "record.seq"),
      "seq 1,2,3,3,...: 4th event repeats 3 (hashes consistent) -> record.seq at position 4.", record=rec)

# I offset -00:00 is RFC 3339
t = T()
e = std_prefix()
e.append(ballot("2026-11-20T10:00:00+08:00", "o1", {"pm": "yes"}))
e.append(ballot("2026-11-20T02:30:00-00:00", "o2", {"pm": "yes"}))
e.append(ballot("2026-11-20T11:00:00+08:00", "o3", {"pm": "yes"}))
e.append(ballot("2026-11-20T11:01:00+08:00", "o4", {"pm": "yes"}))
e.append(close())
write("cr4-rfc3339-minus-zero-offset-accepted", ["spec §1 RFC 3339", "RFC 3339 §4.3"], e,
      mot(**{"m1/pm": {"outcome": "passed", "participating": {"heads": 4, "area": "400"}}}),
      "RFC 3339 §4.3: '-00:00' is a valid offset (UTC, local offset unknown); 02:30-00:00 = 10:30+08:00 -> accepted; 4/6 -> passed.")

# K partial declaration
t = T()
e = std_prefix(motions=[motion("pm"), motion("fund", "278.6")])
for o in O6[:5]:
    e.append(ballot(t(), o, {"pm": "yes", "fund": "no"}))
e.append(close())
e.append(ev("2026-12-06T09:00:00+08:00", "result.declared", {"meeting": "m1", "results": {"fund": {"outcome": "failed"}}}))
write("cr4-declared-partial-results-ok", ["spec §2 result.declared"], e,
      mot(**{"m1/pm": {"outcome": "passed"}, "m1/fund": {"outcome": "failed", "no": {"heads": 5, "area": "500"}}}),
      "Declaration names only 'fund' with the right outcome; nothing declared differs -> no result.mismatch.")


# L early close before opening: later in-window ballot -> meeting.closed
e = std_prefix()
e.append(close(at="2026-11-10T09:00:00+08:00"))
e.append(ballot(OPENS, "o1", {"pm": "yes"}))
write("cr4-closed-before-opening-ballot-in-window", ["spec §2 meeting.closed"], e, err(5, "meeting.closed"),
      "meeting.closed at event 4 (before opens_at); ballot at opens_at is inside the window but after the close -> meeting.closed at 5.")

# ---------------- write cases and notes ----------------
lines = ["# Clean-room cases, fourth round: justification", "",
         "Written by `tests/cleanroom_cases_r4.py`; see its docstring. Each case: file, expected result, spec basis.", ""]
for name, expect, note in NOTES:
    lines.append(f"- `{name}.json` — expect `{json.dumps(expect, ensure_ascii=False)}` — {note}")
FILES[os.path.basename(NOTES_FILE)] = "\n".join(lines) + "\n"
ours = lambda f: f.startswith("cr4-") or f == os.path.basename(NOTES_FILE)
written = casefiles.sync(OUT, FILES, ours, "tests/cases-cleanroom (cr4-*)", "--check" in sys.argv)
if "--check" in sys.argv:
    print(len(NOTES), "cases up to date")
else:
    print(len(NOTES), "cases,", written, "written")
