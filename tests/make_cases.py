#!/usr/bin/env python3
"""Writes yishi's own conformance cases to tests/cases/*.json (spec §5 format).

Every expectation below is computed BY HAND from ../shared/spec/record-v1.md
and ../shared/docs/rules.md, with the arithmetic in a comment next to it; the
engine's output was never copied here. When the engine disagrees, the case
stays as the law says and the disagreement is listed in tests/BUGS.md and in
OPEN_BUGS in tests/integration/conformance.rs.

Usage: python3 tests/make_cases.py            (rewrites tests/cases/)
       python3 tests/make_cases.py --check    (fails when a file would change)

Sealed-record cases ("record": [...]) are sealed with the release CLI
(`target/release/yishi seal`, built on demand) and then edited to tamper.
"""

import datetime as dt
import json
import os
import subprocess
import sys

import casefiles

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "cases")
TZ = dt.timezone(dt.timedelta(hours=8))

CASES = {}


def ts(t):
    return t.isoformat()


def D(y, mo, d, h=9, mi=0, s=0):
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=TZ)


# The standard meeting window: noticed 2026-11-01 09:00, open 2026-11-20 09:00
# (19 days of notice, more than the default 15), close 2026-12-05 18:00.
NOTICED = D(2026, 11, 1)
OPENS = D(2026, 11, 20)
CLOSES = D(2026, 12, 5, 18)
# A second, later window for cases with two meetings in sequence.
NOTICED2 = D(2026, 12, 10)
OPENS2 = D(2027, 1, 1)
CLOSES2 = D(2027, 1, 15, 18)


u = casefiles.unit  # a unit of community.registered


def flats(owners, area="100.00", building="1"):
    """One unit per owner: unit id "<building>-<owner>"."""
    return [u(f"{building}-{o}", o, area, building) for o in owners]


def os_(n, prefix="o", start=1):
    return [f"{prefix}{i}" for i in range(start, start + n)]


class Case:
    def __init__(self, name, cites, note):
        self.name = name
        self.cites = cites
        self.note = note
        self.events = []
        self.now = D(2026, 10, 8)

    def ev(self, kind, data, at=None):
        if at is not None:
            self.now = at
        self.events.append({"at": ts(self.now), "kind": kind, "data": data})
        self.now = self.now + dt.timedelta(minutes=1)
        return self

    def community(self, units, owners=None):
        d = {"community": "test-garden", "name": "测试花园", "units": units}
        if owners is not None:
            d["owners"] = owners
        return self.ev("community.registered", d)

    def rules(self, rid="r1", set_=None):
        d = {"rules": rid, "preset": "civil-code-2021"}
        if set_ is not None:
            d["set"] = set_
        return self.ev("rules.adopted", d)

    def convene(self, motions, meeting="m1", body="assembly", rules="r1", window=1, at=None, **extra):
        noticed, opens, closes = (NOTICED, OPENS, CLOSES) if window == 1 else (NOTICED2, OPENS2, CLOSES2)
        d = {
            "meeting": meeting,
            "body": body,
            "rules": rules,
            "form": "written",
            "noticed_at": ts(noticed),
            "opens_at": ts(opens),
            "closes_at": ts(closes),
            "motions": motions,
        }
        d.update(extra)
        return self.ev("meeting.convened", d, at=at or max(self.now, noticed))

    def open(self, window=1):
        """Moves the clock into the voting window."""
        opens = OPENS if window == 1 else OPENS2
        self.now = max(self.now, opens + dt.timedelta(hours=1))
        return self

    def ballot(self, voter, votes, meeting="m1", by=None, channel="online"):
        d = {"meeting": meeting, "voter": voter, "channel": channel, "votes": votes}
        if by is not None:
            d["by"] = by
        return self.ev("ballot.cast", d)

    def close(self, meeting="m1", window=1):
        closes = CLOSES if window == 1 else CLOSES2
        return self.ev("meeting.closed", {"meeting": meeting}, at=max(self.now, closes))

    def expect_motions(self, motions):
        self.expect = {"motions": motions}
        CASES[self.name] = self
        return self

    def expect_error(self, code, seq=None):
        self.expect = {"error": {"seq": seq if seq is not None else len(self.events), "code": code}}
        CASES[self.name] = self
        return self

    def to_json(self):
        c = {"case": self.name, "cites": self.cites, "note": self.note}
        if getattr(self, "record", None) is not None:
            c["record"] = self.record
        else:
            c["events"] = self.events
        c["expect"] = self.expect
        return c


def fig(heads=None, area=None):
    f = {}
    if heads is not None:
        f["heads"] = heads
    if area is not None:
        f["area"] = area
    return f


def motion(mid, matter, **extra):
    m = {"motion": mid, "title": mid, "matter": matter}
    m.update(extra)
    return m


def prune_six_yes(c):
    """Six owners on floors 1-6 of building 3 (100 m² each); motion prune (278.9)
    protected by an objection block of floors ≤ 3 (o1-o3), share 1/3, either; all
    six vote yes."""
    c.community([u(f"3-{i}", f"o{i}", building="3", floor=i) for i in range(1, 7)]).rules()
    c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"floors": {"max": 3}}, "share": "1/3", "dimension": "either"}})]).open()
    for o in os_(6):
        c.ballot(o, {"prune": "yes"})


def base(c, n=4):
    c.community(flats(os_(n))).rules()
    return c


CC278 = "Civil Code 278"
CC1259 = "Civil Code 1259"
INTERP9 = "Interpretation on building ownership Art. 9"
SPEC3 = "record-v1 §3"
DESIGN = "DESIGN.md: meetings where the spec leaves room"

# ---------------------------------------------------------------- Art. 278 tiers

# 8 owners × 100 m²; all 8 vote. Yes: o1..o6 (600 m²), no: o7, o8 with 50 m² each.
# Participants: heads 8, area 600 + 100 = 700. Heads 4·6 = 24 ≥ 3·8 = 24 (boundary,
# included by Art. 1259); area 4·600 = 2400 ≥ 3·700 = 2100. Passed.
c = Case("278-6-three-quarters-heads-exact-passes", [CC278, CC1259],
         "exactly three quarters of participating owners agree; area comfortably above")
c.community(flats(os_(6)) + flats(["o7", "o8"], "50.00")).rules()
c.convene([motion("fund", "278.6")]).open()
for o in os_(6):
    c.ballot(o, {"fund": "yes"})
c.ballot("o7", {"fund": "no"}).ballot("o8", {"fund": "no"}).close()
c.expect_motions({"m1/fund": {"outcome": "passed", "participating": fig(8, "700.00"),
                              "yes": fig(6, "600.00"), "no": fig(2, "100.00")}})

# 8 owners; yes o1..o5 × 100 = 500, no o6..o8 × 50 = 150. Participants 8 heads, 650 m².
# Heads 4·5 = 20 < 3·8 = 24 fails; area 4·500 = 2000 ≥ 3·650 = 1950 holds. Failed:
# one dimension short is enough to fail.
c = Case("278-7-three-quarters-heads-short-fails", [CC278],
         "area reaches three quarters but participating heads do not (5 of 8)")
c.community(flats(os_(5)) + flats(["o6", "o7", "o8"], "50.00")).rules()
c.convene([motion("rebuild", "278.7")]).open()
for o in os_(5):
    c.ballot(o, {"rebuild": "yes"})
for o in ["o6", "o7", "o8"]:
    c.ballot(o, {"rebuild": "no"})
c.close()
c.expect_motions({"m1/rebuild": {"outcome": "failed", "participating": fig(8, "650.00"),
                                 "yes": fig(5, "500.00"), "no": fig(3, "150.00")}})

# 4 owners; yes o1 100, o2 100, o3 99.99 (299.99); no o4 100. Participants 4, 399.99.
# Heads 4·3 = 12 ≥ 12 holds; area 4·299.99 = 1199.96 < 3·399.99 = 1199.97 fails. Failed.
c = Case("278-8-three-quarters-area-one-cent-short-fails", [CC278, CC1259],
         "heads exactly three quarters, area one hundredth of a m² short")
c.community(flats(["o1", "o2"]) + [u("1-o3", "o3", "99.99"), u("1-o4", "o4")]).rules()
c.convene([motion("ev", "278.8")]).open()
for o in ["o1", "o2", "o3"]:
    c.ballot(o, {"ev": "yes"})
c.ballot("o4", {"ev": "no"}).close()
c.expect_motions({"m1/ev": {"outcome": "failed", "participating": fig(4, "399.99"),
                            "yes": fig(3, "299.99"), "no": fig(1, "100.00")}})

# Same with o3 at 100.00: heads 12 ≥ 12, area 4·300 = 1200 ≥ 3·400 = 1200. Both exact. Passed.
c = Case("278-8-three-quarters-both-exact-passes", [CC278, CC1259],
         "three quarters exactly in area and in heads")
c.community(flats(os_(4))).rules()
c.convene([motion("ev", "278.8")]).open()
for o in ["o1", "o2", "o3"]:
    c.ballot(o, {"ev": "yes"})
c.ballot("o4", {"ev": "no"}).close()
c.expect_motions({"m1/ev": {"outcome": "passed", "participating": fig(4, "400.00"),
                            "yes": fig(3, "300.00"), "no": fig(1, "100.00")}})

# Tier mapping: 8 owners × 100; 5 yes, 3 no on nine motions 278.1 … 278.9.
# 5/8: more than half (2·5 = 10 > 8) but below three quarters (4·5 = 20 < 24).
# Items 6, 7, 8 fail; items 1-5 and 9 pass.
c = Case("278-tier-mapping-five-eighths", [CC278],
         "the same 5-of-8 vote passes items 1-5 and 9 (majority) and fails items 6-8 (three quarters)")
c.community(flats(os_(8))).rules()
items = [f"278.{i}" for i in range(1, 10)]
c.convene([motion(f"i{i}", f"278.{i}") for i in range(1, 10)]).open()
for k, o in enumerate(os_(8)):
    v = "yes" if k < 5 else "no"
    c.ballot(o, {f"i{i}": v for i in range(1, 10)})
c.close()
c.expect_motions({f"m1/i{i}": {"outcome": "failed" if i in (6, 7, 8) else "passed",
                               "participating": fig(8, "800.00"), "yes": fig(5, "500.00")}
                  for i in range(1, 10)})

# ---------------------------------------------------------------- quorum

# 6 owners × 100; 4 take part (all yes). Heads 3·4 = 12 ≥ 2·6 = 12; area 3·400 = 1200 ≥ 1200.
# Quorum exactly two thirds in both. 4 of 4 yes. Passed.
c = Case("quorum-exactly-two-thirds-passes", [CC278, CC1259],
         "participation exactly two thirds of area and of owners")
c.community(flats(os_(6))).rules()
c.convene([motion("pm", "278.4")]).open()
for o in os_(4):
    c.ballot(o, {"pm": "yes"})
c.close()
c.expect_motions({"m1/pm": {"outcome": "passed", "participating": fig(4, "400.00"), "yes": fig(4, "400.00")}})

# 6 owners; o1..o3 100, o4 99.99, o5 100, o6 100.01 (total 600.00). o1..o4 take part:
# heads 12 ≥ 12 holds; area 3·399.99 = 1199.97 < 2·600 = 1200. No quorum.
c = Case("quorum-area-one-cent-short-no-quorum", [CC278],
         "heads reach two thirds exactly, area is one hundredth short")
c.community(flats(["o1", "o2", "o3"]) + [u("1-o4", "o4", "99.99"), u("1-o5", "o5"), u("1-o6", "o6", "100.01")]).rules()
c.convene([motion("pm", "278.4")]).open()
for o in os_(4):
    c.ballot(o, {"pm": "yes"})
c.close()
c.expect_motions({"m1/pm": {"outcome": "no_quorum", "participating": fig(4, "399.99")}})

# 9 owners: o1..o5 200 m² (take part), o6..o9 50 m². Total 9 heads, 1200 m².
# Area 3·1000 = 3000 ≥ 2400 holds; heads 3·5 = 15 < 2·9 = 18. No quorum.
c = Case("quorum-heads-short-area-ample-no-quorum", [CC278],
         "most of the area takes part but only 5 of 9 owners")
c.community(flats(os_(5), "200.00") + flats(os_(4, start=6), "50.00")).rules()
c.convene([motion("pm", "278.4")]).open()
for o in os_(5):
    c.ballot(o, {"pm": "yes"})
c.close()
c.expect_motions({"m1/pm": {"outcome": "no_quorum", "participating": fig(5, "1000.00")}})

# ---------------------------------------------------------------- headcount rules

# dev holds 6 units × 100 (one head); o1..o3 one unit each. Total heads 4, area 900.
# dev yes, o1 no, o2 no: participants heads 3 (3·3 = 9 ≥ 8), area 800 (2400 ≥ 1800).
# Yes heads 1 (2·1 = 2 > 3? no), area 600 (1200 > 800). Failed on heads.
c = Case("developer-many-units-one-head-fails", [CC278, INTERP9],
         "the developer's six units are one head: its 600 m² cannot carry the headcount")
c.community([u(f"9-d{i}", "dev", building="9") for i in range(1, 7)] + flats(os_(3)),
            owners=[{"id": "dev", "developer": True}]).rules()
c.convene([motion("pm", "278.4")]).open()
c.ballot("dev", {"pm": "yes"}).ballot("o1", {"pm": "no"}).ballot("o2", {"pm": "no"}).close()
c.expect_motions({"m1/pm": {"outcome": "failed", "participating": fig(3, "800.00"),
                            "yes": fig(1, "600.00"), "no": fig(2, "200.00")}})

# Two developer ids (dev, dev2), 3 units each, count as one person together.
# Total heads 4 (dev+dev2, o1, o2, o3), area 900. dev2's ballot is the developer's ballot.
# dev2 yes, o1 yes, o2 no: participants heads 3, area 600+100+100 = 800; quorum 9 ≥ 8, 2400 ≥ 1800.
# Yes heads 2 (4 > 3), area 700 (1400 > 800). Passed.
c = Case("developer-two-ids-count-as-one-head", [CC278, INTERP9],
         "all owners marked developer count as one person together, with their areas summed")
c.community([u(f"9-a{i}", "dev", building="9") for i in range(1, 4)]
            + [u(f"9-b{i}", "dev2", building="9") for i in range(1, 4)] + flats(os_(3)),
            owners=[{"id": "dev", "developer": True}, {"id": "dev2", "developer": True}]).rules()
c.convene([motion("pm", "278.4")]).open()
c.ballot("dev2", {"pm": "yes"}).ballot("o1", {"pm": "yes"}).ballot("o2", {"pm": "no"}).close()
c.expect_motions({"m1/pm": {"outcome": "passed", "participating": fig(3, "800.00"),
                            "yes": fig(2, "700.00"), "no": fig(1, "100.00")}})

# The same community, proxy_cap 1. dev grants dev2: the developer's ids are one voter, so
# the grant is to itself and changes nothing (no cap place); o1 then grants dev2 (its one
# place). dev votes yes "by" dev2 (the developer's own ballot, no proxy needed), dev2
# votes yes for o1 under the grant, o2 no. Participants dev+dev2 (one head, 600), o1, o2:
# heads 3 (9 ≥ 8), area 800 (2400 ≥ 1800); yes heads 2 (4 > 3), area 700 (1400 > 800). Passed.
c = Case("developer-ids-are-one-voter-for-proxies", [INTERP9, "record-v1 §2 proxy", DESIGN],
         "a grant or a ballot between two developer ids is the one developer's own")
c.community([u(f"9-a{i}", "dev", building="9") for i in range(1, 4)]
            + [u(f"9-b{i}", "dev2", building="9") for i in range(1, 4)] + flats(os_(3)),
            owners=[{"id": "dev", "developer": True}, {"id": "dev2", "developer": True}]).rules("r1", {"proxy_cap": 1})
c.convene([motion("pm", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "dev", "agent": "dev2"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "dev2"})
c.ballot("dev", {"pm": "yes"}, by="dev2").ballot("o1", {"pm": "yes"}, by="dev2").ballot("o2", {"pm": "no"}).close()
c.expect_motions({"m1/pm": {"outcome": "passed", "participating": fig(3, "800.00"),
                            "yes": fig(2, "700.00"), "no": fig(1, "100.00")}})

# o1 owns three units (100 each, two buildings); o2..o4 one unit. Total heads 4, area 600.
# o1 yes, o2 no, o3 no: participants heads 3 (9 ≥ 8), area 500 (1500 ≥ 1200).
# Yes heads 1 (2 > 3? no), area 300 (600 > 500). Failed: one buyer of several parts is one head.
c = Case("one-owner-many-units-one-head", [CC278, INTERP9],
         "one buyer of several units is one head with the units' areas summed")
c.community([u("1-a", "o1"), u("1-b", "o1"), u("2-a", "o1", building="2")] + flats(["o2", "o3", "o4"])).rules()
c.convene([motion("pm", "278.4")]).open()
c.ballot("o1", {"pm": "yes"}).ballot("o2", {"pm": "no"}).ballot("o3", {"pm": "no"}).close()
c.expect_motions({"m1/pm": {"outcome": "failed", "participating": fig(3, "500.00"),
                            "yes": fig(1, "300.00"), "no": fig(2, "200.00")}})

# ---------------------------------------------------------------- scope and parking

# Building 1: o1 (1-o1, 100), o2, o3; o1 also owns 2-x (50) in building 2; building 2: o4..o9.
# Scope buildings ["1"]: electorate heads 3, area 300 (o1 counts 100, not 150).
# o1, o2 yes: participants heads 2 (6 ≥ 6), area 200 (600 ≥ 600): quorum exactly.
# Yes 2 of 2. Passed.
c = Case("scope-building-level-vote", ["rules.md: building-level decisions (Shanghai)", "record-v1 §2 scope"],
         "the electorate is the selected units only; an owner's area outside the scope does not count")
c.community(flats(["o1", "o2", "o3"]) + [u("2-x", "o1", "50.00", building="2")] + flats(os_(6, start=4), building="2")).rules()
c.convene([motion("lift", "278.5")], scope={"buildings": ["1"]}).open()
c.ballot("o1", {"lift": "yes"}).ballot("o2", {"lift": "yes"}).close()
c.expect_motions({"m1/lift": {"outcome": "passed", "participating": fig(2, "200.00"), "yes": fig(2, "200.00")}})

c = Case("scope-owner-outside-not-eligible", ["record-v1 §2 scope"],
         "an owner with no unit in the meeting's scope may not vote")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("lift", "278.5")], scope={"buildings": ["1"]}).open()
c.ballot("o1", {"lift": "yes"}).ballot("o4", {"lift": "yes"})
c.expect_error("ballot.not_eligible")

# o1..o4 flats 100; parking p1 (12) owned by o5 only, parking p2 (12) owned by o1.
# m1 (parking excluded): electorate heads 4 (o5 leaves), area 400. o1, o2 yes, o3 no:
#   participants 3 heads (9 ≥ 8), 300 m² (900 ≥ 800); yes 2 (4 > 3), 200 (400 > 300). Passed.
# m2 (parking counts): electorate heads 5, area 424. Same ballots: participants heads 3
#   (9 < 10) → no quorum; area 112 + 100 + 100 = 312.
c = Case("parking-excluded-vs-counted", ["rules.md: parking spaces (Interp 2)", "record-v1 §2 parking"],
         "parking units leave area and headcount only when the rules exclude them")
c.community(flats(os_(4)) + [u("p1", "o5", "12.00", building="P", floor=-1, use="parking"),
                             u("p2", "o1", "12.00", building="P", floor=-1, use="parking")]).rules()
c.rules("rx", {"parking": "excluded"})
c.convene([motion("x", "278.4")], meeting="m1", rules="rx")
c.convene([motion("x", "278.4")], meeting="m2", rules="r1").open()
for m in ["m1", "m2"]:
    c.ballot("o1", {"x": "yes"}, meeting=m).ballot("o2", {"x": "yes"}, meeting=m).ballot("o3", {"x": "no"}, meeting=m)
c.close("m1").close("m2")
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(3, "300.00"), "yes": fig(2, "200.00")},
                  "m2/x": {"outcome": "no_quorum", "participating": fig(3, "312.00"), "yes": fig(2, "212.00")}})

c = Case("parking-excluded-owner-not-eligible", ["record-v1 §2 parking"],
         "an owner holding only parking units has no vote when parking is excluded")
c.community(flats(os_(2)) + [u("p1", "o5", "12.00", building="P", use="parking")]).rules("rx", {"parking": "excluded"})
c.convene([motion("x", "278.4")], rules="rx").open()
c.ballot("o1", {"x": "yes"}).ballot("o5", {"x": "yes"})
c.expect_error("ballot.not_eligible")

# ---------------------------------------------------------------- abstentions, non-voters

# 6 owners × 100: o1..o3 yes, o4 abstains, o5, o6 silent.
# m1 (abstain participates): participants 4 (12 ≥ 12, 1200 ≥ 1200); yes 3 (6 > 4). Passed.
# m2 (abstain excluded): participants 3 (9 < 12) → no quorum.
c = Case("abstention-decides-quorum", [CC278, "record-v1 §2 abstain"],
         "an abstention counts towards the quorum only when abstentions participate")
c.community(flats(os_(6))).rules().rules("rx", {"abstain": "excluded"})
c.convene([motion("x", "278.4")], meeting="m1", rules="r1")
c.convene([motion("x", "278.4")], meeting="m2", rules="rx").open()
for m in ["m1", "m2"]:
    for o in os_(3):
        c.ballot(o, {"x": "yes"}, meeting=m)
    c.ballot("o4", {"x": "abstain"}, meeting=m)
c.close("m1").close("m2")
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(4, "400.00"), "abstain": fig(1, "100.00")},
                  "m2/x": {"outcome": "no_quorum", "participating": fig(3, "300.00"), "abstain": fig(1, "100.00")}})

# 10 owners × 100: o1..o5 yes, o6, o7 no, o8..o10 silent. Item 278.6 (≥ 3/4).
# Quorum: 7 heads (21 ≥ 20), 700 m² (2100 ≥ 2000).
# m1 (not_counted): yes 5 of 7: 20 < 21 → failed.
# m2 (follow_majority): yes holds the majority of cast votes in both dimensions (5 of 7),
#   so the 3 silent owners join yes: 8 of 10, 32 ≥ 30 in heads and in area → passed.
c = Case("non-voters-follow-majority", ["Guide 26", "record-v1 §2 non_voters"],
         "non-voters counted with the majority turn a failed three-quarter vote into a pass")
c.community(flats(os_(10))).rules().rules("rf", {"non_voters": "follow_majority"})
c.convene([motion("fund", "278.6")], meeting="m1", rules="r1")
c.convene([motion("fund", "278.6")], meeting="m2", rules="rf").open()
for m in ["m1", "m2"]:
    for o in os_(5):
        c.ballot(o, {"fund": "yes"}, meeting=m)
    c.ballot("o6", {"fund": "no"}, meeting=m).ballot("o7", {"fund": "no"}, meeting=m)
c.close("m1").close("m2")
c.expect_motions({"m1/fund": {"outcome": "failed"}, "m2/fund": {"outcome": "passed"}})

# 10 owners: o1..o4 100 yes; o5..o7 200 no; o8..o10 100 silent. Total 1300 m².
# Quorum: 7 heads (21 ≥ 20), 1000 m² (3000 ≥ 2600).
# Cast yes/no: yes has the heads (4 of 7) but not the area (400 of 1000): the dimensions
# disagree, so non-voters are not counted. Majority: heads 8 > 7, area 800 > 1000? no → failed.
# (Had the 3 silent owners joined yes: area 700 of 1300, 1400 > 1300 → it would pass.)
c = Case("non-voters-follow-majority-dimensions-disagree", ["Guide 26", "record-v1 §2 non_voters"],
         "when heads and area disagree about the majority, non-voters are not counted")
c.community(flats(os_(4)) + flats(os_(3, start=5), "200.00") + flats(os_(3, start=8))).rules("rf", {"non_voters": "follow_majority"})
c.convene([motion("x", "278.4")], rules="rf").open()
for o in os_(4):
    c.ballot(o, {"x": "yes"})
for o in os_(3, start=5):
    c.ballot(o, {"x": "no"})
c.close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(7, "1000.00"), "yes": fig(4, "400.00")}})

# ---------------------------------------------------------------- revotes, proxies, voiding

# 4 owners: o1 yes, o2 yes, o3 no, then o1 no (last counts). Yes 1, no 2, participants 3
# (9 ≥ 8, 900 ≥ 800). 2 > 3? no → failed.
c = Case("revote-last-counts", ["record-v1 §2 revote"], "a later ballot of the same owner replaces the earlier one")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")]).open()
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).ballot("o1", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(3, "300.00"),
                           "yes": fig(1, "100.00"), "no": fig(2, "200.00")}})

c = Case("revote-first-counts-duplicate", ["record-v1 §2 revote"], "under first_counts a second ballot is an error")
c.community(flats(os_(4))).rules("r1", {"revote": "first_counts"})
c.convene([motion("x", "278.4")]).open()
c.ballot("o1", {"x": "yes"}).ballot("o1", {"x": "no"})
c.expect_error("ballot.duplicate")

c = Case("proxy-cap-exceeded", ["Weifang proxy cap", "record-v1 §2 proxy_cap"], "a third principal for an agent capped at two")
c.community(flats(os_(6))).rules("r1", {"proxy_cap": 2})
c.convene([motion("x", "278.4")]).open()
for o in ["o1", "o2", "o3"]:
    c.ev("proxy.granted", {"meeting": "m1", "principal": o, "agent": "o6"})
c.expect_error("proxy.cap_exceeded")

# Cap 2; agent x9 (not an owner) holds o1, o2; o1 revoked; o3 granted (back to 2).
# x9 votes yes for o2 and o3; o4 yes, o5 no. Participants 4 of 6 (12 ≥ 12, 1200 ≥ 1200),
# yes 3 (6 > 4). Passed.
c = Case("proxy-cap-freed-by-revocation", ["record-v1 §2 proxy"],
         "a revoked proxy frees the agent's capacity; an agent need not be an owner")
c.community(flats(os_(6))).rules("r1", {"proxy_cap": 2})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x9"})
c.ev("proxy.revoked", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o3", "agent": "x9"})
c.ballot("o2", {"x": "yes"}, by="x9").ballot("o3", {"x": "yes"}, by="x9")
c.ballot("o4", {"x": "yes"}).ballot("o5", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(4, "400.00"),
                           "yes": fig(3, "300.00"), "no": fig(1, "100.00")}})

def x9_voted_for_o1_under_cap_one(c):
    """6 owners × 100, proxy_cap 1, motion x (278.4); o1 grants x9 and x9 votes yes for o1
    (events 1-5)."""
    c.community(flats(os_(6))).rules("r1", {"proxy_cap": 1})
    c.convene([motion("x", "278.4")]).open()
    c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x9"})
    c.ballot("o1", {"x": "yes"}, by="x9")


# Cap 1. x9 votes for o1, then o1's grant is revoked: the ballot stands, so x9 still
# holds o1's place (spec §2: the most principals one agent may hold *in one meeting*).
# o2's grant to x9 (event 7) would be its second → proxy.cap_exceeded.
c = Case("proxy-cap-counts-ballots-after-revocation", ["record-v1 §2 proxy_cap", "record-v1 §2 proxy"],
         "revoking a grant after the agent voted does not free the agent's place under the cap")
x9_voted_for_o1_under_cap_one(c)
c.ev("proxy.revoked", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x9"})
c.expect_error("proxy.cap_exceeded")

# The same evasion by moving the grant to a second agent y9 after x9 voted: x9 keeps
# o1's place; o2's grant to x9 (event 7) → proxy.cap_exceeded.
c = Case("proxy-cap-counts-ballots-after-moving", ["record-v1 §2 proxy_cap", "record-v1 §2 proxy"],
         "moving a grant after the agent voted does not free the agent's place under the cap")
x9_voted_for_o1_under_cap_one(c)
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "y9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x9"})
c.expect_error("proxy.cap_exceeded")

# Cap 1. x9 votes yes for o1; the grant is revoked; o1 then votes no in person, which
# replaces x9's ballot: x9 no longer holds o1's place, so o2 may grant x9, and x9 votes
# yes for o2. o3 yes, o4 no. 6 owners × 100: participants o1-o4 (12 ≥ 12, 1200 ≥ 1200);
# yes o2, o3 = 2: 2·2 = 4 > 4 fails → failed; no o1, o4 = 2.
c = Case("proxy-cap-freed-when-principal-votes", ["record-v1 §2 proxy_cap", "record-v1 §2 proxy"],
         "the principal's own ballot replaces the agent's, and with it the agent's place under the cap")
x9_voted_for_o1_under_cap_one(c)
c.ev("proxy.revoked", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ballot("o1", {"x": "no"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x9"})
c.ballot("o2", {"x": "yes"}, by="x9").ballot("o3", {"x": "yes"}).ballot("o4", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(4, "400.00"),
                           "yes": fig(2, "200.00"), "no": fig(2, "200.00")}})

# first_counts; o6 votes yes for o1 as agent, then o1 votes no in person: the principal's
# own ballot takes precedence even under first_counts. o2 yes, o3 no.
# Participants 3 (9 ≥ 8); yes 1 (o2), no 2 (o1, o3) → failed.
c = Case("principal-overrides-agent-under-first-counts", ["record-v1 §2 proxy"],
         "a principal's own ballot replaces its agent's even when the first ballot counts")
c.community(flats(os_(4))).rules("r1", {"revote": "first_counts"})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "a1"})
c.ballot("o1", {"x": "yes"}, by="a1").ballot("o1", {"x": "no"})
c.ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(3, "300.00"),
                           "yes": fig(1, "100.00"), "no": fig(2, "200.00")}})

# first_counts; o1 yes, o2 yes, o3 yes; o1's ballot voided; o1 recasts no (allowed: the
# voided ballot is treated as never cast). Participants 3 (9 ≥ 8), yes 2 (4 > 3) → passed.
c = Case("ballot-voided-then-recast", ["record-v1 §2 ballot.voided"],
         "a voided ballot is as if never cast: the owner may vote again even under first_counts")
c.community(flats(os_(4))).rules("r1", {"revote": "first_counts"})
c.convene([motion("x", "278.4")]).open()
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"}).ballot("o3", {"x": "yes"})
c.ev("ballot.voided", {"meeting": "m1", "voter": "o1", "reason": "签名与登记不符"})
c.ballot("o1", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(3, "300.00"),
                           "yes": fig(2, "200.00"), "no": fig(1, "100.00")}})

# 4 owners: o1, o2 yes; o2's ballot voided; o3 yes. Participants 2 of 4: 6 < 8 → no quorum.
c = Case("ballot-voided-leaves-participation", ["record-v1 §2 ballot.voided"],
         "a voided ballot no longer counts towards the quorum")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")]).open()
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"})
c.ev("ballot.voided", {"meeting": "m1", "voter": "o2"})
c.ballot("o3", {"x": "yes"}).close()
c.expect_motions({"m1/x": {"outcome": "no_quorum", "participating": fig(2, "200.00")}})

# 3 owners. o1 votes on a only; o2 and o3 on both. a: 3 take part (9 ≥ 6), yes o1 o2 (4 > 3)
# → passed. b: o2, o3 take part (6 ≥ 6, quorum exactly), both yes → passed, participating 2.
c = Case("ballot-leaving-a-motion-out", ["record-v1 §2 ballot.cast"],
         "an owner who leaves a motion off the ballot does not take part in that motion")
c.community(flats(os_(3))).rules()
c.convene([motion("a", "278.4"), motion("b", "278.5")]).open()
c.ballot("o1", {"a": "yes"}).ballot("o2", {"a": "yes", "b": "yes"}).ballot("o3", {"a": "no", "b": "yes"}).close()
c.expect_motions({"m1/a": {"outcome": "passed", "participating": fig(3, "300.00"), "yes": fig(2, "200.00")},
                  "m1/b": {"outcome": "passed", "participating": fig(2, "200.00"), "yes": fig(2, "200.00")}})

# 3 owners. o1 {a yes, b yes}, o2 {a yes, b yes}, o3 {a no, b no}, then o1 {a no}: the later
# ballot replaces the whole earlier one, so o1 no longer takes part in b.
# a: yes 1 (o2) of 3 → failed. b: o2, o3 take part (6 ≥ 6), yes 1 of 2 (2 > 2? no) → failed.
c = Case("revote-replaces-the-whole-ballot", ["record-v1 §2 revote"],
         "a later ballot replaces the earlier ballot entirely, including motions it leaves out")
c.community(flats(os_(3))).rules()
c.convene([motion("a", "278.4"), motion("b", "278.4")]).open()
c.ballot("o1", {"a": "yes", "b": "yes"}).ballot("o2", {"a": "yes", "b": "yes"}).ballot("o3", {"a": "no", "b": "no"})
c.ballot("o1", {"a": "no"}).close()
c.expect_motions({"m1/a": {"outcome": "failed", "yes": fig(1, "100.00"), "no": fig(2, "200.00")},
                  "m1/b": {"outcome": "failed", "participating": fig(2, "200.00"), "yes": fig(1, "100.00")}})

# Closing instant written in UTC: 2026-12-05T10:00:00Z is 18:00 +08:00 = closes_at → refused.
c = Case("ballot-at-close-instant-in-utc-rejected", ["record-v1 §2 ballot.cast"],
         "the window compares instants, whatever the offset: [opens_at, closes_at)")
base(c).convene([motion("x", "278.4")]).open().ballot("o1", {"x": "yes"})
c.events.append({"at": "2026-12-05T10:00:00Z", "kind": "ballot.cast",
                 "data": {"meeting": "m1", "voter": "o2", "channel": "paper", "votes": {"x": "yes"}}})
c.expect_error("ballot.outside_window")

# Opening instant written in UTC (01:00Z = 09:00 +08:00): accepted, the window includes opens_at.
# Then a ballot one second before closing, also accepted. 3 of 4 yes → passed.
c = Case("ballot-window-boundaries-accepted", ["record-v1 §2 ballot.cast"],
         "a ballot at opens_at and one a second before closes_at both count")
base(c).convene([motion("x", "278.4")])
c.events.append({"at": "2026-11-20T01:00:00Z", "kind": "ballot.cast",
                 "data": {"meeting": "m1", "voter": "o1", "channel": "online", "votes": {"x": "yes"}}})
c.events.append({"at": "2026-11-21T09:00:00+08:00", "kind": "ballot.cast",
                 "data": {"meeting": "m1", "voter": "o2", "channel": "online", "votes": {"x": "yes"}}})
c.events.append({"at": "2026-12-05T17:59:59+08:00", "kind": "ballot.cast",
                 "data": {"meeting": "m1", "voter": "o3", "channel": "paper", "votes": {"x": "yes"}}})
c.events.append({"at": "2026-12-05T18:00:00+08:00", "kind": "meeting.closed", "data": {"meeting": "m1"}})
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(3, "300.00"), "yes": fig(3, "300.00")}})

# ---------------------------------------------------------------- Art. 279, unanimity_of

# Building 1: o1 (applicant), o2, o3; building 2: o4. Default group: the other owners of
# the applicant's building = {o2, o3}. shop1: o2, o3 yes → passed (o1's and o4's no do
# not matter). shop2: o2 yes, o3 abstains → failed.
c = Case("279-default-group-applicants-building", ["Civil Code 279", "Interpretation on building ownership Art. 11"],
         "without unanimity_of, the interested owners are the other owners of the applicant's building")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("shop1", "279", applicant="o1"), motion("shop2", "279", applicant="o1")]).open()
c.ballot("o1", {"shop1": "no", "shop2": "no"}).ballot("o2", {"shop1": "yes", "shop2": "yes"})
c.ballot("o3", {"shop1": "yes", "shop2": "abstain"}).ballot("o4", {"shop1": "no", "shop2": "no"}).close()
c.expect_motions({"m1/shop1": {"outcome": "passed"}, "m1/shop2": {"outcome": "failed"}})

# unanimity_of building 1 includes the applicant o1, who is excluded: o2, o3 yes → passed,
# even though o1 itself did not vote and only 2 of 4 owners took part (no quorum applies).
c = Case("279-applicant-excluded-from-unanimity", ["Civil Code 279", SPEC3],
         "the applicant is not among the owners whose consent is needed; quorum does not apply")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("shop", "279", applicant="o1", protection={"unanimity_of": {"buildings": ["1"]}})]).open()
c.ballot("o2", {"shop": "yes"}).ballot("o3", {"shop": "yes"}).close()
c.expect_motions({"m1/shop": {"outcome": "passed"}})

# Consent withdrawn: building 1 holds o1 (applicant), o2, o3, so the group is {o2, o3}.
# o2 yes, o3 yes, then o3 votes again, no (last ballot counts): the standing ballots
# are o2 yes, o3 no → 1 of 2 consent → failed. A count of consents that only grew
# (2, or 3 with the revote) would pass it.
c = Case("279-consent-withdrawn-by-revote-fails", ["Civil Code 279", "record-v1 §2 ballot.cast"],
         "an interested owner's later ballot replaces its consent: unanimity is of standing ballots")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("shop", "279", applicant="o1")]).open()
c.ballot("o2", {"shop": "yes"}).ballot("o3", {"shop": "yes"}).ballot("o3", {"shop": "no"}).close()
c.expect_motions({"m1/shop": {"outcome": "failed"}})

# The same group; o2 yes, o3 yes, then o3's ballot is voided (treated as never cast):
# 1 of 2 consent → failed.
c = Case("279-consent-voided-fails", ["Civil Code 279", "record-v1 §2 ballot.voided"],
         "a voided ballot's consent no longer counts towards unanimity")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("shop", "279", applicant="o1")]).open()
c.ballot("o2", {"shop": "yes"}).ballot("o3", {"shop": "yes"})
c.ev("ballot.voided", {"meeting": "m1", "voter": "o3", "reason": "签名与登记不符"}).close()
c.expect_motions({"m1/shop": {"outcome": "failed"}})

# unanimity_of names building 99, which holds no unit: the group would be empty and the
# 279 test would hold on 0 of 0 while the applicant's neighbours vote no. A selector may
# only name what the registry holds: the convening (event 3) is refused (event.invalid).
c = Case("selector-unknown-building-refused", ["Civil Code 279", "record-v1 §2 selectors"],
         "a selector naming a building with no registered unit is refused, not read as selecting nobody")
c.community(flats(os_(4))).rules()
c.convene([motion("shop", "279", applicant="o1", protection={"unanimity_of": {"buildings": ["99"]}})])
c.expect_error("event.invalid")

# An empty list selects nothing by mistake: an objection_block over "units": [] is
# refused at the convening (event 3).
c = Case("selector-empty-list-refused", ["record-v1 §2 selectors"],
         "a selector with an empty list is refused")
c.community(flats(os_(4))).rules()
c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"units": []}, "share": "1/3", "dimension": "either"}})])
c.expect_error("event.invalid")

# floors from 5 to 2 hold no floor: refused at the convening (event 3).
c = Case("selector-empty-floor-range-refused", ["record-v1 §2 selectors"],
         "a selector whose floor range is empty (min > max) is refused")
c.community([u(f"3-{i}", f"o{i}", building="3", floor=i) for i in range(1, 7)]).rules()
c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"floors": {"min": 5, "max": 2}}, "share": "1/3", "dimension": "either"}})])
c.expect_error("event.invalid")

# The applicant o1 owns every unit of building 1; building 2 holds o2, o3.
# The interested owners (the *other* owners of building 1) are nobody, so "every owner in
# the group other than the applicant voted yes" holds vacuously → passed.
c = Case("279-no-other-owner-in-building-passes", ["Civil Code 279", SPEC3],
         "with no interested owner besides the applicant, unanimity holds vacuously")
c.community([u("1-a", "o1"), u("1-b", "o1")] + flats(["o2", "o3"], building="2")).rules()
c.convene([motion("shop", "279", applicant="o1")]).open()
c.ballot("o2", {"shop": "no"}).close()
c.expect_motions({"m1/shop": {"outcome": "passed"}})

# Building 1: o1, o2, o3; building 2: o4, o5. Both motions 278.9 with unanimity_of building 2.
# a: o1..o4 yes, o5 no: majority 4 of 5 holds, unanimity of {o4, o5} fails → failed.
# b: o1, o2, o4, o5 yes, o3 no: majority 4 of 5, unanimity holds → passed.
# Quorum: 5 of 5.
c = Case("unanimity-of-on-278-motion", [CC278, SPEC3],
         "unanimity_of adds its requirement to an ordinary majority vote")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4", "o5"], building="2")).rules()
prot = {"unanimity_of": {"buildings": ["2"]}}
c.convene([motion("a", "278.9", protection=prot), motion("b", "278.9", protection=prot)]).open()
c.ballot("o1", {"a": "yes", "b": "yes"}).ballot("o2", {"a": "yes", "b": "yes"}).ballot("o3", {"a": "yes", "b": "no"})
c.ballot("o4", {"a": "yes", "b": "yes"}).ballot("o5", {"a": "no", "b": "yes"}).close()
c.expect_motions({"m1/a": {"outcome": "failed", "yes": fig(4, "400.00")},
                  "m1/b": {"outcome": "passed", "yes": fig(4, "400.00")}})

# ---------------------------------------------------------------- objection_block

# Group: building 3, floors ≤ 3: o1 (f1, 100), o2 (f2, 100), o3 (f3, 100.01) → 3 heads, 300.01 m².
# o4..o6 on floors 5-7 (100 each) are outside. Everyone votes yes (6 of 6) on two 278.9 motions.
# o1 objects to both, o5 (outside the group) objects to both.
# Objections in the group: 1 head of 3 (3·1 ≥ 1·3: exactly a third, included) and
# 100 of 300.01 m² (300 < 300.01: below a third).
# either → blocked (heads reach 1/3); both → not blocked → passed.
c = Case("objection-block-either-vs-both", ["Civil Code 288", SPEC3],
         "heads reach exactly a third, area falls just short: either blocks, both does not")
units = [u("3-1", "o1", building="3", floor=1), u("3-2", "o2", building="3", floor=2),
         u("3-3", "o3", "100.01", building="3", floor=3), u("3-5", "o4", building="3", floor=5),
         u("3-6", "o5", building="3", floor=6), u("3-7", "o6", building="3", floor=7)]
c.community(units).rules()
grp = {"buildings": ["3"], "floors": {"max": 3}}
c.convene([motion("either", "278.9", protection={"objection_block": {"of": grp, "share": "1/3", "dimension": "either"}}),
           motion("both", "278.9", protection={"objection_block": {"of": grp, "share": "1/3", "dimension": "both"}})]).open()
for mo in ["either", "both"]:
    c.ev("objection.filed", {"meeting": "m1", "motion": mo, "owner": "o1", "reason": "遮挡底层采光"})
    c.ev("objection.filed", {"meeting": "m1", "motion": mo, "owner": "o5", "reason": "不在受保护范围"})
for o in os_(6):
    c.ballot(o, {"either": "yes", "both": "yes"})
c.close()
c.expect_motions({"m1/either": {"outcome": "blocked"}, "m1/both": {"outcome": "passed"}})

# Group o1, o2, o3 at 100 each (3 heads, 300 m²); o1 objects. 1/3 exactly in both → both blocks.
c = Case("objection-block-both-exact-third-blocks", [CC1259, SPEC3],
         "objections exactly at the share in both dimensions block (boundary included)")
c.community([u(f"3-{i}", f"o{i}", building="3", floor=i) for i in range(1, 4)]
            + [u(f"3-{i}", f"o{i}", building="3", floor=i) for i in range(4, 7)]).rules()
c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"floors": {"max": 3}}, "share": "1/3", "dimension": "both"}})]).open()
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1"})
for o in os_(6):
    c.ballot(o, {"prune": "yes"})
c.close()
c.expect_motions({"m1/prune": {"outcome": "blocked"}})

# Same group and votes, o1 objects only after the meeting closed: a post-result objection
# (询异), which does not change the tally → passed.
c = Case("objection-after-close-does-not-block", [SPEC3, "record-v1 §2 objection.filed"],
         "an objection filed after close is recorded but does not block")
prune_six_yes(c)
c.close()
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1", "reason": "会后异议"})
c.expect_motions({"m1/prune": {"outcome": "passed", "yes": fig(6, "600.00")}})

# 4 owners on floors 1-4 (100 each), group floors ≤ 4 = all 4; share 1/3 either.
# o1 files twice: one objector, 1 of 4 heads and 100 of 400 m² (both below 1/3) → not
# blocked. (Counted twice it would be 2 of 4 ≥ 1/3 and block.) 4 of 4 yes → passed.
c = Case("objection-filed-twice-counts-once", [SPEC3], "an owner's repeated objection counts once")
c.community([u(f"3-{i}", f"o{i}", building="3", floor=i) for i in range(1, 5)]).rules()
c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"floors": {"max": 4}}, "share": "1/3", "dimension": "either"}})]).open()
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1"})
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1", "reason": "再次异议"})
for o in os_(4):
    c.ballot(o, {"prune": "yes"})
c.close()
c.expect_motions({"m1/prune": {"outcome": "passed"}})

# Building 1: o1 (applicant), o2; building 2: o3 (floor 1), o4 (floor 2), 100 m² each.
# shop and shop2 are both 279 motions of o1 with an objection block over building 2
# (share 1/2, either). Default unanimity group: the other owners of building 1 = {o2};
# o2 votes yes on both, so unanimity holds on both. o3 objects to shop only, before
# close: 1 of 2 heads (2·1 ≥ 2) and 100 of 200 m² reach 1/2 → shop blocked (blocked
# comes before failed and passed, §3); shop2 has no objection → passed.
c = Case("279-objection-block-applies", ["Civil Code 279", SPEC3],
         "an objection block applies to an Art. 279 motion too: quorum and majorities do not, blocking does")
c.community(flats(["o1", "o2"]) + [u("2-1", "o3", building="2", floor=1), u("2-2", "o4", building="2", floor=2)]).rules()
blk = {"objection_block": {"of": {"buildings": ["2"]}, "share": "1/2", "dimension": "either"}}
c.convene([motion("shop", "279", applicant="o1", protection=blk),
           motion("shop2", "279", applicant="o1", protection=blk)]).open()
c.ev("objection.filed", {"meeting": "m1", "motion": "shop", "owner": "o3", "reason": "噪音影响居住"})
c.ballot("o2", {"shop": "yes", "shop2": "yes"}).close()
c.expect_motions({"m1/shop": {"outcome": "blocked"}, "m1/shop2": {"outcome": "passed"}})

# A building-level meeting (scope building 3: o5, o6, o7, 100 m² each) on pruning the
# trees south of building 3, which shade the low floors of building 4 next door: the
# objection block names building 4, floors ≤ 2 (o8 floor 1, o9 floor 2), outside the
# scope. The protection is for those neighbours, so the group is what `of` selects, in
# scope or not: 2 heads, 200 m². o8 objects: 1 of 2 heads ≥ 1/3 → blocked, although
# all three voters vote yes (quorum 3 of 3, yes 3 of 3).
c = Case("objection-block-group-beyond-scope", [SPEC3, "record-v1 §2 scope"],
         "a protected group is what its selector picks, even outside a building-level meeting's scope")
c.community([u(f"3-{i}", f"o{i + 4}", building="3", floor=i) for i in range(1, 4)]
            + [u("4-1", "o8", building="4", floor=1), u("4-2", "o9", building="4", floor=2)]).rules()
c.convene([motion("prune", "278.9", protection={"objection_block": {"of": {"buildings": ["4"], "floors": {"max": 2}},
                                                                     "share": "1/3", "dimension": "either"}})],
          scope={"buildings": ["3"]}).open()
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o8", "reason": "遮挡采光"})
for o in ["o5", "o6", "o7"]:
    c.ballot(o, {"prune": "yes"})
c.close()
c.expect_motions({"m1/prune": {"outcome": "blocked", "participating": fig(3, "300.00"), "yes": fig(3, "300.00")}})

# Scope building 3 (o5 applicant, o6); unanimity_of building 1 (o1, o2), outside the scope.
# o1 and o2 cannot vote in this meeting, so their yes cannot be had: "every owner in
# unanimity_of other than the applicant voted yes" fails → failed, not a vacuous pass.
c = Case("279-unanimity-group-beyond-scope-fails", ["Civil Code 279", SPEC3],
         "owners whose consent is required but who hold nothing in the meeting's scope cannot consent in it")
c.community(flats(["o1", "o2"]) + flats(["o5", "o6"], building="3")).rules()
c.convene([motion("shop", "279", applicant="o5", protection={"unanimity_of": {"buildings": ["1"]}})],
          scope={"buildings": ["3"]}).open()
c.ballot("o6", {"shop": "yes"}).ballot("o5", {"shop": "yes"}).close()
c.expect_motions({"m1/shop": {"outcome": "failed"}})

# The organiser closes the meeting early (2026-11-21); o1 (group floors ≤ 3 of six owners,
# 100 each) objects on 2026-11-22, before closes_at (2026-12-05 18:00). Spec §2
# objection.filed: "Before closes_at it counts"; meeting.closed stops ballots and
# attendance only. 1 of 3 heads ≥ 1/3 → blocked.
c = Case("objection-after-early-close-before-closes-at-blocks", ["record-v1 §2 objection.filed", SPEC3],
         "an early close ends the voting, not the objection period, which runs to closes_at")
prune_six_yes(c)
c.ev("meeting.closed", {"meeting": "m1"}, at=D(2026, 11, 21))
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1", "reason": "遮挡底层采光"}, at=D(2026, 11, 22))
c.expect_motions({"m1/prune": {"outcome": "blocked"}})

# The same, but the organiser declares the result (passed: 6 of 6 yes) on 2026-11-21,
# after the early close: objections count until closes_at (12-05), so the result of a
# motion with an objection_block is not final before then and the declaration is
# refused with result.premature (yishi's code for a declaration made too early).
# Events: 1 community, 2 rules, 3 convene, 4-9 six ballots, 10 closed, 11 declared.
c = Case("objection-block-declared-before-closes-at-premature", ["record-v1 §2 objection.filed", "record-v1 §2 result.declared"],
         "a result with an objection_block cannot be declared before closes_at, or it would cut the objection period short")
prune_six_yes(c)
c.ev("meeting.closed", {"meeting": "m1"}, at=D(2026, 11, 21))
c.ev("result.declared", {"meeting": "m1", "results": {"prune": {"outcome": "passed"}}})
c.expect_error("result.premature")

# Declared after closes_at (passed, 6 of 6 yes, no objection in time); o1's objection
# on 12-06 is a post-result one (询异) and the outcome stays passed.
c = Case("objection-after-declaration-is-post-result", ["record-v1 §2 objection.filed", "record-v1 §2 result.declared"],
         "after the result is declared, an objection no longer changes it")
prune_six_yes(c)
c.close()
c.ev("result.declared", {"meeting": "m1", "results": {"prune": {"outcome": "passed"}}})
c.ev("objection.filed", {"meeting": "m1", "motion": "prune", "owner": "o1", "reason": "会后异议"}, at=D(2026, 12, 6))
c.expect_motions({"m1/prune": {"outcome": "passed", "yes": fig(6, "600.00")}})

# Meeting "a/b" with motion "c", then meeting "a" with motion "b/c": both results would be
# keyed "a/b/c" (spec §5 "<meeting>/<motion>"), and one would be lost. Events: 1 registered,
# 2 rules, 3 convene a/b, 4 convene a → refused at 4 (motion.duplicate, yishi's code).
c = Case("motion-result-key-collision", ["record-v1 §5", "record-v1 §2 identifiers"],
         "two motions whose <meeting>/<motion> keys coincide (a / inside an id) are refused")
c.community(flats(["o1", "o2", "o3"])).rules()
c.convene([motion("c", "278.5")], meeting="a/b")
c.convene([motion("b/c", "278.5")], meeting="a")
c.expect_error("motion.duplicate")

# Scope: the parking spaces; rules: parking excluded. No counted unit is left, so nobody
# could vote; §3's arithmetic would meet quorum at 0 of 0 and pass a 278.6 motion on
# 4·0 ≥ 3·0. The convening (event 3) is refused instead.
c = Case("meeting-with-no-one-to-vote-refused", ["record-v1 §2 scope", "record-v1 §2 rules.adopted parking", SPEC3],
         "a meeting whose scope holds no counted unit is refused, not passed on 0 of 0")
c.community(flats(["o1", "o2"]) + [u("P-1", "o3", "12.50", building="P", use="parking")]).rules(set_={"parking": "excluded"})
c.convene([motion("fund", "278.6")], scope={"buildings": ["P"]})
c.expect_error("event.invalid")

# ---------------------------------------------------------------- elections

# 6 owners × 100, 3 seats, candidates o1..o4. Approvals: o1 by 5 (o1-o5), o2 by 4 (o1-o3, o6),
# o3 by 1, o4 by 1. Participants 6. Pass: 2·5 > 6, 2·4 > 6; 2·1 > 6 no.
# Elected o1, o2; one seat open.
c = Case("election-open-seat", [CC278, SPEC3], "only two candidates pass the majority; one seat stays open")
c.community(flats(os_(6))).rules()
c.convene([motion("elect", "278.3", election={"seats": 3, "candidates": os_(4)})]).open()
for o, picks in [("o1", ["o1", "o2"]), ("o2", ["o1", "o2"]), ("o3", ["o1", "o2"]),
                 ("o4", ["o1", "o3"]), ("o5", ["o1"]), ("o6", ["o2", "o4"])]:
    c.ballot(o, {"elect": picks})
c.close()
c.expect_motions({"m1/elect": {"outcome": "elected", "elected": ["o1", "o2"], "tied": [], "open_seats": 1,
                               "participating": fig(6, "600.00")}})

# 6 owners, 2 seats, candidates o1..o3: each approved by exactly 3 of 6 (half: not more
# than half). Nobody elected, both seats open.
c = Case("election-exactly-half-elects-nobody", [CC278, SPEC3], "exactly half the approvals is not a majority")
c.community(flats(os_(6))).rules()
c.convene([motion("elect", "278.3", election={"seats": 2, "candidates": os_(3)})]).open()
for o, picks in [("o1", ["o1", "o2"]), ("o2", ["o1", "o3"]), ("o3", ["o2", "o3"]),
                 ("o4", ["o1"]), ("o5", ["o2"]), ("o6", ["o3"])]:
    c.ballot(o, {"elect": picks})
c.close()
c.expect_motions({"m1/elect": {"outcome": "elected", "elected": [], "tied": [], "open_seats": 2}})

# 6 owners × 100, 1 seat, candidates o1, o2. o1-o3 approve o1; o4 abstains; o5 sends an
# empty list; o6 does not vote. Both o4 and o5 take part (abstentions participate by
# default; an empty list approves nobody): participants 5 heads / 500 m² (quorum 15 ≥ 12).
# o1: 2·3 = 6 > 5 → elected.
c = Case("election-abstain-and-empty-list-take-part", [SPEC3, DESIGN],
         "an election ballot may abstain or approve nobody; both take part in the vote")
c.community(flats(os_(6))).rules()
c.convene([motion("elect", "278.3", election={"seats": 1, "candidates": ["o1", "o2"]})]).open()
for o in os_(3):
    c.ballot(o, {"elect": ["o1"]})
c.ballot("o4", {"elect": "abstain"}).ballot("o5", {"elect": []}).close()
c.expect_motions({"m1/elect": {"outcome": "elected", "elected": ["o1"], "open_seats": 0,
                               "participating": fig(5, "500.00"), "abstain": fig(1, "100.00")}})

c = Case("election-two-choices-for-one-seat", [SPEC3], "an approval list longer than the seats")
c.community(flats(os_(4))).rules()
c.convene([motion("elect", "278.3", election={"seats": 1, "candidates": os_(3)})]).open()
c.ballot("o1", {"elect": ["o1", "o2"]})
c.expect_error("election.too_many_choices")

c = Case("election-not-a-candidate", [SPEC3], "approving someone who is not a candidate")
c.community(flats(os_(4))).rules()
c.convene([motion("elect", "278.3", election={"seats": 2, "candidates": os_(3)})]).open()
c.ballot("o1", {"elect": ["o1", "o4"]})
c.expect_error("election.not_a_candidate")

# 3 seats, 2 candidates (o1, o2); 4 owners all approve both: 2·4 > 4 for each → both
# elected, and the third seat, which nobody could fill, stays open (§3 "possibly with
# open seats").
c = Case("election-more-seats-than-candidates", [CC278, SPEC3],
         "more seats than candidates: all who pass are elected and the rest stay open")
c.community(flats(os_(4))).rules()
c.convene([motion("elect", "278.3", election={"seats": 3, "candidates": ["o1", "o2"]})]).open()
for o in os_(4):
    c.ballot(o, {"elect": ["o1", "o2"]})
c.close()
c.expect_motions({"m1/elect": {"outcome": "elected", "elected": ["o1", "o2"], "open_seats": 1}})

# seats 2^32 + 1 is far over the limit of 1,000 (MAX_CANDIDATES): the convening (event 3)
# is refused on every platform. On wasm32 the check once compared it as a 32-bit usize,
# where it wrapped to 1 seat (and 2^32 to 0 seats, which panicked the count).
for seats in (2**32 + 1, 2**32):
    c = Case(f"election-seats-{seats}-refused", [SPEC3, "docs/errors.md limits"],
             "an election's seats must be from 1 to 1,000, compared without wrapping on 32-bit targets")
    c.community(flats(os_(3))).rules()
    c.convene([motion("e", "278.3", election={"seats": seats, "candidates": ["o1", "o2"]})])
    c.expect_error("event.invalid")

# §3 has no blocked outcome or unanimity test for elections; a protection on one would be
# silently ignored, so the convening (event 3) is refused.
c = Case("election-protection-refused", [SPEC3, "record-v1 §2 identifiers"],
         "a protection on an election motion is refused, not silently ignored")
c.community(flats(os_(4))).rules()
c.convene([motion("elect", "278.3", election={"seats": 1, "candidates": ["o1", "o2"]},
                  protection={"objection_block": {"of": {"buildings": ["1"]}, "share": "1/3"}})])
c.expect_error("event.invalid")

# ---------------------------------------------------------------- committee

# 6 members, 3 present: 2·3 = 6 is not > 6 → no quorum, even with 3 yes (which would meet
# 2·3 ≥ 6 for the decision).
c = Case("committee-half-present-no-quorum", ["Guide 31-39"], "exactly half of the members present is no quorum")
c.community(flats(os_(6))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(6)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": os_(3)})
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.expect_motions({"m1/q": {"outcome": "no_quorum", "present": 3, "yes": {"heads": 3}}})

# 5 members, 3 present (6 > 5), 3 yes: 2·3 = 6 ≥ 5 → passed.
c = Case("committee-three-of-five-passes", ["Guide 31-39"], "three of five members present and agreeing")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": os_(3)})
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.expect_motions({"m1/q": {"outcome": "passed", "present": 3, "yes": {"heads": 3}}})

c = Case("committee-non-member-ballot", ["Guide 31-39"], "an owner who is not a sitting member may not vote")
c.community(flats(os_(6))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
c.ballot("o6", {"q": "yes"})
c.expect_error("ballot.not_eligible")

# Spec §2 rules: "notice_days: opens_at − noticed_at must be at least this many times 24
# hours" — for every meeting naming the rules. Default 15 days; noticed 2026-11-19 09:00,
# opens 11-20 09:00: 1 day < 15 → meeting.notice_too_short at the convening (event 3).
c = Case("committee-notice-too-short", ["record-v1 §2 rules.adopted notice_days"],
         "the notice rule binds every meeting that names the rules, a committee's too")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5), noticed_at=ts(D(2026, 11, 19)))
c.expect_error("meeting.notice_too_short")

# A committee names its own rule set, r7 with notice_days 7 (指导规则: seven days' notice
# of a committee meeting): noticed 11-13 09:00, opens 11-20 09:00 = exactly 7 days, the
# boundary included. 5 members, 3 present and yes → passed.
c = Case("committee-own-rules-seven-days-notice", ["record-v1 §2 rules.adopted notice_days", "Guide 31-39"],
         "a committee meeting under its own rule set with seven days' notice")
c.community(flats(os_(5))).rules().rules("r7", {"notice_days": 7})
c.convene([{"motion": "q", "title": "审计"}], body="committee", rules="r7", members=os_(5),
          noticed_at=ts(D(2026, 11, 13))).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": os_(3)})
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.expect_motions({"m1/q": {"outcome": "passed", "present": 3}})

# 5 members, 3 present and yes while open → passed. At closes_at (2026-12-05 18:00) the
# meeting is over, as it is for ballots ([opens_at, closes_at)): a later attendance that
# would change the result (only o4, o5 present) is refused, meeting.closed (event 8).
c = Case("committee-attendance-after-closes-at", ["record-v1 §2 meeting.closed", "record-v1 §2 ballot.cast"],
         "no attendance once the meeting is over, as no ballot")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": os_(3)})
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.ev("attendance.recorded", {"meeting": "m1", "present": ["o4", "o5"]}, at=CLOSES)
c.expect_error("meeting.closed")

# o5 sells its only unit to o9 (event 3); a committee convened afterwards (event 4) names
# o5 among its members: o5 owns nothing any more, so it is no owner (§2: "An owner is
# the buyer of record of its units") → owner.unknown.
c = Case("committee-member-who-sold-every-unit", ["record-v1 §2 community.registered", "record-v1 §2 unit.transferred"],
         "a committee member must still own a unit when the meeting is convened")
c.community(flats(os_(5))).rules()
c.ev("unit.transferred", {"unit": "1-o5", "to": "o9"})
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5))
c.expect_error("owner.unknown")

# ---------------------------------------------------------------- five-party

# Committee of 5 under abstain: excluded, all present: o1 abstains, o2 and o4 yes, o3 no →
# those taking part are the yes and no votes, 3 (abstain 1); the decision counts yes against
# all members: 2 of 5 is less than half → failed.
c = Case("committee-abstain-excluded-yes-and-no-take-part", ["record-v1 §2 rules.adopted abstain", "Guide 31-39"],
         "with abstain: excluded, a committee's yes and no votes are those taking part")
c.community(flats(os_(5))).rules().rules("rx", {"abstain": "excluded"})
c.convene([{"motion": "q", "title": "审计"}], body="committee", rules="rx", members=os_(5)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": os_(5)})
for o, v in zip(os_(4), ["abstain", "yes", "no", "yes"]):
    c.ballot(o, {"q": v})
c.close()
c.expect_motions({"m1/q": {"outcome": "failed", "participating": {"heads": 3}, "abstain": {"heads": 1},
                           "yes": {"heads": 2}, "no": {"heads": 1}}})

# abstain: excluded binds committee and five-party figures too (spec §2: an excluded
# abstention enters no participation figure). Committee of 5, all present: o1 abstains,
# o2 and o3 yes → participating 2, abstain 1; 2·2 = 4 < 5 → failed (the decision counts
# yes against all members, abstentions or not). Under the default rules, participating 3.
c = Case("committee-abstain-excluded-not-participating", ["record-v1 §2 rules.adopted abstain", "Guide 31-39"],
         "with abstain: excluded a committee's abstentions are not among those taking part")
c.community(flats(os_(5))).rules().rules("rx", {"abstain": "excluded"})
for mid, r in [("m1", "rx"), ("m2", "r1")]:
    c.convene([{"motion": "q", "title": "审计"}], meeting=mid, body="committee", rules=r, members=os_(5))
c.open()
for mid in ["m1", "m2"]:
    c.ev("attendance.recorded", {"meeting": mid, "present": os_(5)})
    for o, v in zip(os_(3), ["abstain", "yes", "yes"]):
        c.ballot(o, {"q": v}, meeting=mid)
c.close("m1").close("m2")
c.expect_motions({"m1/q": {"outcome": "failed", "participating": {"heads": 2}, "yes": {"heads": 2}, "abstain": {"heads": 1}},
                  "m2/q": {"outcome": "failed", "participating": {"heads": 3}, "yes": {"heads": 2}, "abstain": {"heads": 1}}})

PARTIES = ["party_branch", "residents_committee", "owners_committee", "property_company", "owner_representatives"]
REPS = {p: f"p{i}" for i, p in enumerate(PARTIES, 1)}

# The same for a five-party meeting: all present, 2 support, 3 abstain → agreed either way;
# participating 2 under abstain: excluded (f1), 5 under the default (f2).
c = Case("five-party-abstain-excluded-not-participating", ["record-v1 §2 rules.adopted abstain", "五方例会 (community practice)"],
         "with abstain: excluded a five-party meeting's abstaining parties are not among those taking part")
c.community(flats(os_(2))).rules().rules("rx", {"abstain": "excluded"})
for mid, r in [("f1", "rx"), ("f2", "r1")]:
    c.convene([motion("ev", "coordination")], meeting=mid, body="five-party", rules=r, parties=REPS)
c.open()
for mid in ["f1", "f2"]:
    c.ev("attendance.recorded", {"meeting": mid, "present": PARTIES})
    for p, v in zip(PARTIES, ["support", "support", "abstain", "abstain", "abstain"]):
        c.ballot(p, {"ev": v}, meeting=mid)
c.close("f1").close("f2")
c.expect_motions({"f1/ev": {"outcome": "agreed", "participating": {"heads": 2}, "abstain": {"heads": 3}},
                  "f2/ev": {"outcome": "agreed", "participating": {"heads": 5}, "abstain": {"heads": 3}}})

# A five-party meeting counts parties, not units: a community registered with no unit
# (a record started for the five-party meetings alone) holds one. Its representatives
# need not own a unit. All five present, 4 support, 1 object → not agreed.
c = Case("five-party-in-a-community-without-units", ["record-v1 §2 community.registered", "五方例会 (community practice)"],
         "a community registered with no unit may still hold a five-party meeting")
c.community([]).rules()
c.convene([motion("ev", "coordination")], body="five-party", parties=REPS).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": PARTIES})
for p, v in zip(PARTIES, ["support", "support", "support", "support", "object"]):
    c.ballot(p, {"ev": v})
c.close()
c.expect_motions({"m1/ev": {"outcome": "not_agreed", "yes": {"heads": 4}, "no": {"heads": 1}}})

# f1 (five_party_quorum 4) and f2 (default 5): the same four parties present, two support,
# two abstain; the absent owner_representatives "objects" but is not present.
# f1: 4 ≥ 4 present, no present objection, one or more support → agreed. f2: 4 < 5 → no quorum.
c = Case("five-party-quorum-option", ["五方例会 (community practice)", "record-v1 §2 five_party_quorum"],
         "four parties suffice under five_party_quorum 4; an absent party's objection does not count")
c.community(flats(os_(2))).rules().rules("r4", {"five_party_quorum": 4})
for mid, r in [("f1", "r4"), ("f2", "r1")]:
    c.convene([motion("ev", "coordination")], meeting=mid, body="five-party", rules=r, parties=REPS)
c.open()
for mid in ["f1", "f2"]:
    c.ev("attendance.recorded", {"meeting": mid, "present": PARTIES[:4]})
    for p, v in zip(PARTIES, ["support", "support", "abstain", "abstain", "object"]):
        c.ballot(p, {"ev": v}, meeting=mid)
c.close("f1").close("f2")
c.expect_motions({"f1/ev": {"outcome": "agreed", "present": 4}, "f2/ev": {"outcome": "no_quorum", "present": 4}})

# All five present; a: 3 support, 2 abstain → agreed. b: all abstain → nobody supports → not agreed.
c = Case("five-party-agreed-and-all-abstain", ["五方例会 (community practice)"],
         "consensus needs no present objection and at least one support")
c.community(flats(os_(2))).rules()
c.convene([motion("a", "coordination"), motion("b", "coordination")], body="five-party", parties=REPS).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": PARTIES})
for p, v in zip(PARTIES, ["support", "support", "support", "abstain", "abstain"]):
    c.ballot(p, {"a": v, "b": "abstain"})
c.close()
c.expect_motions({"m1/a": {"outcome": "agreed", "present": 5}, "m1/b": {"outcome": "not_agreed", "present": 5}})

c = Case("five-party-refers-to-unknown-motion", ["record-v1 §2 refers_to"], "refers_to names a motion the assembly meeting lacks")
c.community(flats(os_(2))).rules()
c.convene([motion("fund", "278.6")], meeting="a1")
c.convene([motion("x", "coordination", refers_to={"meeting": "a1", "motion": "nope"})], meeting="f1", body="five-party", parties=REPS)
c.expect_error("motion.unknown")

c = Case("five-party-refers-to-unknown-meeting", ["record-v1 §2 refers_to"], "refers_to names a meeting never convened")
c.community(flats(os_(2))).rules()
c.convene([motion("x", "coordination", refers_to={"meeting": "a9", "motion": "fund"})], meeting="f1", body="five-party", parties=REPS)
c.expect_error("meeting.unknown")

# ---------------------------------------------------------------- transfers

# o1..o4 × 100. m1 convened; then 1-o1 passes to o9; then m2 convened (later window).
# m1 keeps o1: o1, o2 yes, o3 no → participants 3 (9 ≥ 8), yes 2 (4 > 3) → passed.
# m2's electorate has o9 instead of o1: o9, o2 yes, o3 no → same figures → passed.
c = Case("transfer-after-convening-keeps-electorate", ["record-v1 §2 unit.transferred"],
         "a transfer does not change a meeting already convened but does change a later one")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")], meeting="m1")
c.ev("unit.transferred", {"unit": "1-o1", "to": "o9"})
c.open(1)
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).close("m1")
c.convene([motion("x", "278.4")], meeting="m2", window=2)
c.open(2)
c.ballot("o9", {"x": "yes"}, meeting="m2").ballot("o2", {"x": "yes"}, meeting="m2").ballot("o3", {"x": "no"}, meeting="m2")
c.close("m2", window=2)
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(3, "300.00"), "yes": fig(2, "200.00")},
                  "m2/x": {"outcome": "passed", "participating": fig(3, "300.00"), "yes": fig(2, "200.00")}})

c = Case("transfer-new-owner-not-in-earlier-meeting", ["record-v1 §2 unit.transferred"],
         "the buyer of a unit transferred after convening has no vote in that meeting")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")])
c.ev("unit.transferred", {"unit": "1-o1", "to": "o9"})
c.open().ballot("o9", {"x": "yes"})
c.expect_error("ballot.not_eligible")

c = Case("transfer-old-owner-not-in-later-meeting", ["record-v1 §2 unit.transferred"],
         "the seller of a unit has no vote in a meeting convened after the transfer")
c.community(flats(os_(4))).rules()
c.ev("unit.transferred", {"unit": "1-o1", "to": "o9"})
c.convene([motion("x", "278.4")]).open().ballot("o1", {"x": "yes"})
c.expect_error("ballot.not_eligible")

# 1-o1 passes to o2 before convening: o2 holds 200 m², heads total 3 (o2, o3, o4), area 400.
# o2 yes, o3 no: participants 2 (6 ≥ 6), 300 m² (900 ≥ 800); yes heads 1 (2 > 2? no) → failed.
c = Case("transfer-to-existing-owner-merges-heads", ["record-v1 §2 unit.transferred", INTERP9],
         "a buyer who already owns a unit stays one head with both areas")
c.community(flats(os_(4))).rules()
c.ev("unit.transferred", {"unit": "1-o1", "to": "o2"})
c.convene([motion("x", "278.4")]).open()
c.ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(2, "300.00"), "yes": fig(1, "200.00")}})

# ---------------------------------------------------------------- result.declared

def four_yes_one_no(c):
    c.community(flats(os_(5))).rules()
    c.convene([motion("pm", "278.4")]).open()
    for o in os_(4):
        c.ballot(o, {"pm": "yes"})
    c.ballot("o5", {"pm": "no"}).close()


# 5 owners: 4 yes, 1 no → passed with participating 5 heads / 500 m², yes 4 / 400.
c = Case("result-declared-matches", ["record-v1 §2 result.declared"], "a declaration that agrees with the recount")
four_yes_one_no(c)
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed", "participating": {"heads": 5, "area": "500"},
                                                             "yes": {"heads": 4, "area": "400.00"}}}})
c.expect_motions({"m1/pm": {"outcome": "passed", "participating": fig(5, "500.00"), "yes": fig(4, "400.00")}})

c = Case("result-declared-wrong-outcome", ["record-v1 §2 result.declared"], "a declared outcome that differs")
four_yes_one_no(c)
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "failed"}}})
c.expect_error("result.mismatch")

c = Case("result-declared-wrong-figure", ["record-v1 §2 result.declared"], "right outcome, wrong yes headcount")
four_yes_one_no(c)
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed", "yes": {"heads": 5}}}})
c.expect_error("result.mismatch")

c = Case("result-declared-before-close", ["record-v1 §2 result.declared"], "declaring while voting is open (yishi's result.premature)")
c.community(flats(os_(5))).rules()
c.convene([motion("pm", "278.4")]).open().ballot("o1", {"pm": "yes"})
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed"}}})
c.expect_error("result.premature")

# ---------------------------------------------------------------- record-level and other errors


c = Case("record-time-regression", ["record-v1 §1"], "an event earlier than the one before")
base(c)
c.ev("rules.adopted", {"rules": "r2", "preset": "civil-code-2021"}, at=D(2026, 10, 7))
c.expect_error("record.time_regression")

c = Case("record-parse-float", ["record-v1 §1"], "a JSON number that is not an integer")
c.community([{"id": "1-01", "building": "1", "floor": 1.5, "area": "90.00", "owner": "o1"}])
c.expect_error("record.parse")

c = Case("record-parse-bad-timestamp", ["record-v1 §1"], "an `at` without offset")
base(c)
c.events.append({"at": "2026-10-09T09:00:00", "kind": "rules.adopted", "data": {"rules": "r2", "preset": "civil-code-2021"}})
c.expect_error("record.parse")

for name, area in [("zero", "0"), ("three-decimals", "89.375"), ("negative", "-1"), ("number", 89)]:
    c = Case(f"unit-area-invalid-{name}", ["record-v1 §1 areas"], f"unit area {area!r}")
    c.community([u("1-01", "o1"), u("1-02", "o2", area)])
    c.expect_error("unit.area_invalid")

c = Case("owner-unknown-voter", ["record-v1 §2"], "a ballot from someone who owns nothing")
base(c).convene([motion("x", "278.4")]).open().ballot("zz", {"x": "yes"})
c.expect_error("owner.unknown")

c = Case("meeting-duplicate", ["record-v1 §2"], "a meeting id convened twice")
base(c).convene([motion("x", "278.4")]).convene([motion("y", "278.4")])
c.expect_error("meeting.duplicate")

c = Case("meeting-closed-ballot", ["record-v1 §2 meeting.closed"], "a ballot after meeting.closed, inside the window")
base(c).convene([motion("x", "278.4")]).open().ballot("o1", {"x": "yes"})
c.ev("meeting.closed", {"meeting": "m1"})
c.ballot("o2", {"x": "yes"})
c.expect_error("meeting.closed")

c = Case("motion-unknown-in-ballot", ["record-v1 §2"], "a ballot voting on a motion the meeting lacks")
base(c).convene([motion("x", "278.4")]).open().ballot("o1", {"y": "yes"})
c.expect_error("motion.unknown")

c = Case("matter-unknown-278-10", ["Civil Code 278"], "Art. 278 has nine items")
base(c).convene([motion("x", "278.10")])
c.expect_error("matter.unknown")

c = Case("committee-decides-278-matter", ["Civil Code 278"], "a committee may not decide an Art. 278 matter")
base(c).convene([motion("x", "278.4")], body="committee", members=os_(3))
c.expect_error("matter.reserved_to_assembly")

c = Case("ballot-before-opening", ["record-v1 §2 ballot.cast"], "a ballot before opens_at")
base(c).convene([motion("x", "278.4")]).ballot("o1", {"x": "yes"})
c.expect_error("ballot.outside_window")

c = Case("ballot-five-party-value-in-assembly", ["record-v1 §2 ballot.cast"], "support is a five-party value")
base(c).convene([motion("x", "278.4")]).open().ballot("o1", {"x": "support"})
c.expect_error("ballot.invalid_value")

c = Case("election-candidate-approved-twice", ["record-v1 §2 ballot.cast"], "one candidate listed twice on one ballot")
base(c).convene([motion("e", "278.3", election={"seats": 2, "candidates": os_(3)})]).open().ballot("o1", {"e": ["o1", "o1"]})
c.expect_error("ballot.invalid_value")

c = Case("proxy-agent-without-grant", ["record-v1 §2 proxy"], "a ballot `by` someone holding no proxy")
base(c).convene([motion("x", "278.4")]).open().ballot("o1", {"x": "yes"}, by="o2")
c.expect_error("proxy.not_authorized")

c = Case("proxy-in-five-party", ["record-v1 §2 proxy"], "no proxies outside the assembly")
base(c).convene([motion("x", "coordination")], body="five-party", parties=REPS).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "o2"})
c.expect_error("proxy.not_allowed")

c = Case("notice-fifteen-days-exact-accepted", ["Reg 14", "record-v1 §2 notice_days"],
         "exactly 15 × 24 hours of notice is enough; the meeting then decides normally")
base(c)
c.ev("meeting.convened", {"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
                          "noticed_at": ts(D(2026, 11, 1)), "opens_at": ts(D(2026, 11, 16)),
                          "closes_at": ts(D(2026, 11, 30)), "motions": [motion("x", "278.4")]}, at=D(2026, 11, 1))
c.now = D(2026, 11, 16, 10)
for o in ["o1", "o2", "o3"]:
    c.ballot(o, {"x": "yes"})
c.ev("meeting.closed", {"meeting": "m1"}, at=D(2026, 11, 30))
c.expect_motions({"m1/x": {"outcome": "passed", "yes": fig(3, "300.00")}})

c = Case("event-unknown-field-in-unit", ["record-v1 §2"], "a typo inside data (`owenr`)")
c.community([u("1-01", "o1"), {"id": "1-02", "area": "90.00", "owenr": "o2"}])
c.expect_error("event.unknown_field")

# ---- codes yishi adds (ErrorCode::ALL beyond spec §6)

c = Case("record-too-large-id", ["yishi limits: MAX_ID_LEN"], "a unit id longer than 256 bytes")
c.community([u("x" * 257, "o1")])
c.expect_error("record.too_large")

c = Case("event-invalid-missing-member", ["yishi: event.invalid"], "a unit without an owner")
c.community([{"id": "1-01", "area": "90.00"}])
c.expect_error("event.invalid")

c = Case("community-duplicate", ["record-v1 §2 community.registered"], "exactly one community.registered starts a record")
base(c).community(flats(["o9"]))
c.expect_error("community.duplicate")

c = Case("unit-unknown-transfer", ["record-v1 §2 unit.transferred"], "transferring a unit never registered")
base(c).ev("unit.transferred", {"unit": "9-99", "to": "o9"})
c.expect_error("unit.unknown")

c = Case("owner-duplicate", ["record-v1 §2 community.registered"], "one owner listed twice")
c.community(flats(["o1"]), owners=[{"id": "o1"}, {"id": "o1", "name": "张三"}])
c.expect_error("owner.duplicate")

c = Case("rules-invalid-value", ["record-v1 §2 rules.adopted"], "abstain must be participates or excluded")
c.community(flats(["o1"])).rules("r1", {"abstain": "sometimes"})
c.expect_error("rules.invalid_value")

c = Case("meeting-window-invalid", ["record-v1 §2 meeting.convened"], "closes_at before opens_at")
base(c)
c.ev("meeting.convened", {"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
                          "noticed_at": ts(NOTICED), "opens_at": ts(CLOSES), "closes_at": ts(OPENS),
                          "motions": [motion("x", "278.4")]}, at=NOTICED)
c.expect_error("meeting.window_invalid")

c = Case("motion-duplicate", ["record-v1 §2 meeting.convened"], "two motions with one id")
base(c).convene([motion("x", "278.4"), motion("x", "278.5")])
c.expect_error("motion.duplicate")

c = Case("ballot-voided-without-ballot", ["record-v1 §2 ballot.voided"], "voiding a ballot never cast")
base(c).convene([motion("x", "278.4")]).open().ev("ballot.voided", {"meeting": "m1", "voter": "o1"})
c.expect_error("ballot.not_found")

c = Case("attendance-non-member", ["Guide 31-39"], "attendance naming someone who is not a member")
base(c).convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(3)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": ["o1", "o4"]})
c.expect_error("attendance.invalid")


# ---------------------------------------------------------------- where the spec leaves room (DESIGN.md "Meetings")

# r1 is adopted with the default revote (last_counts); m1 is convened under it; r1 is
# then adopted again with first_counts. m1 keeps the copy it was convened under: o1's
# revote replaces its ballot. 4 owners × 100; o1 yes then no, o2 yes, o3 no.
# Participants 3 (3·3 = 9 ≥ 2·4 = 8; area 900 ≥ 800); yes 1 (o2): 2·1 = 2 > 3 fails → failed.
c = Case("rules-readopted-meeting-keeps-its-copy", [SPEC3, DESIGN],
         "re-adopting a rules id does not change a meeting already convened under it")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")])
c.rules("r1", {"revote": "first_counts"}).open()
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).ballot("o1", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(3, "300.00"),
                           "yes": fig(1, "100.00"), "no": fig(2, "200.00")}})

# The same re-adoption; m2, convened after it, takes first_counts: o1's second ballot
# (event 7) is a duplicate. Events: 1 community, 2 rules, 3 rules again, 4 convene m2,
# 5 o1 yes, 6 o2 yes, 7 o1 no.
c = Case("rules-readopted-binds-later-meetings", [SPEC3, DESIGN],
         "a meeting convened after a rules id is adopted again takes the new rules")
c.community(flats(os_(4))).rules().rules("r1", {"revote": "first_counts"})
c.convene([motion("x", "278.4")], meeting="m2").open()
c.ballot("o1", {"x": "yes"}, meeting="m2").ballot("o2", {"x": "yes"}, meeting="m2").ballot("o1", {"x": "no"}, meeting="m2")
c.expect_error("ballot.duplicate")

# A five-party motion without "matter" is a coordination matter: all five present,
# two support, three abstain, none objects → agreed.
c = Case("five-party-motion-without-matter", ["五方例会 (community practice)", DESIGN],
         "a five-party motion that names no matter is taken as coordination")
c.community(flats(os_(2))).rules()
c.convene([{"motion": "a", "title": "楼道堆物清理"}], body="five-party", parties=REPS).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": PARTIES})
for p, v in zip(PARTIES, ["support", "support", "abstain", "abstain", "abstain"]):
    c.ballot(p, {"a": v})
c.close()
c.expect_motions({"m1/a": {"outcome": "agreed", "present": 5}})

# An assembly motion may refer to an earlier meeting's motion (a follow-up vote); it is
# counted as any other. a2: 4 owners × 100, o1-o3 yes, o4 no. Participants 4 (12 ≥ 8),
# yes 3 (6 > 4) → passed.
c = Case("assembly-motion-refers-to-earlier-motion", ["record-v1 §2 refers_to", DESIGN],
         "refers_to on an assembly motion is accepted; the motion is counted as written")
c.community(flats(os_(4))).rules()
c.convene([motion("fund", "278.6")], meeting="a1").close("a1")
c.convene([motion("fund2", "278.5", refers_to={"meeting": "a1", "motion": "fund"})], meeting="a2", window=2).open(window=2)
for o in ["o1", "o2", "o3"]:
    c.ballot(o, {"fund2": "yes"}, meeting="a2")
c.ballot("o4", {"fund2": "no"}, meeting="a2").close("a2", window=2)
c.expect_motions({"a2/fund2": {"outcome": "passed", "participating": fig(4, "400.00"),
                               "yes": fig(3, "300.00"), "no": fig(1, "100.00")}})

# first_counts; a1 holds o1's proxy and votes yes for o1; o1 then votes no with "by": "o1".
# A ballot whose agent is the voter is the voter's own, so it replaces the agent's even
# under first_counts (as a ballot in person would). o2 yes, o3 no. Participants 3 of 4
# (9 ≥ 8); yes 1 (o2): 2 > 3 fails → failed, no 2 (o1, o3).
c = Case("ballot-by-the-voter-is-own-ballot", ["record-v1 §2 proxy", DESIGN],
         "a ballot whose by names the voter is the voter's own ballot and takes precedence over the agent's")
c.community(flats(os_(4))).rules("r1", {"revote": "first_counts"})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "a1"})
c.ballot("o1", {"x": "yes"}, by="a1").ballot("o1", {"x": "no"}, by="o1")
c.ballot("o2", {"x": "yes"}).ballot("o3", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "failed", "participating": fig(3, "300.00"),
                           "yes": fig(1, "100.00"), "no": fig(2, "200.00")}})

# Cap 1. o1 grants x9, then grants y9: the proxy moves, x9's place is freed, so o2 may
# grant x9. y9 votes yes for o1, x9 yes for o2, o3 yes, o4 no. 6 owners × 100:
# participants 4 (12 ≥ 12, 1200 ≥ 1200); yes 3 (6 > 4) → passed.
c = Case("proxy-second-grant-moves-it", ["record-v1 §2 proxy", DESIGN],
         "a second grant for the same principal moves the proxy and frees the first agent's cap place")
c.community(flats(os_(6))).rules("r1", {"proxy_cap": 1})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "y9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "x9"})
c.ballot("o1", {"x": "yes"}, by="y9").ballot("o2", {"x": "yes"}, by="x9")
c.ballot("o3", {"x": "yes"}).ballot("o4", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(4, "400.00"),
                           "yes": fig(3, "300.00"), "no": fig(1, "100.00")}})

# The first agent has lost the moved proxy: its ballot for o1 (event 7) is refused.
c = Case("proxy-moved-first-agent-not-authorized", ["record-v1 §2 proxy", DESIGN],
         "after a second grant the first agent no longer holds the proxy")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "x9"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "y9"})
c.ballot("o1", {"x": "yes"}, by="x9")
c.expect_error("proxy.not_authorized")

# Cap 1. o1's grant to itself changes nothing, so it takes no cap place of o1's: o2 may
# still grant o1. o1 votes yes, o1 votes yes for o2, o3 yes, o4 no. 6 owners × 100:
# participants 4 (12 ≥ 12), yes 3 (6 > 4) → passed.
c = Case("proxy-grant-to-oneself-changes-nothing", ["record-v1 §2 proxy", DESIGN],
         "a grant to oneself is accepted and holds no place under the agent's cap")
c.community(flats(os_(6))).rules("r1", {"proxy_cap": 1})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "o1"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "o1"})
c.ballot("o1", {"x": "yes"}).ballot("o2", {"x": "yes"}, by="o1")
c.ballot("o3", {"x": "yes"}).ballot("o4", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(4, "400.00"),
                           "yes": fig(3, "300.00"), "no": fig(1, "100.00")}})

# o4 owns only a flat in building 2, outside the meeting's scope: it cannot vote there,
# so it cannot have an agent vote for it either. Event 5 (its grant) is refused.
c = Case("proxy-grant-by-ineligible-owner", ["record-v1 §2 proxy", "record-v1 §2 scope", DESIGN],
         "an owner who cannot vote in the meeting cannot grant a proxy in it")
c.community(flats(["o1", "o2", "o3"]) + flats(["o4"], building="2")).rules()
c.convene([motion("lift", "278.5")], scope={"buildings": ["1"]}).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "o2"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o4", "agent": "o2"})
c.expect_error("ballot.not_eligible")

# 4 owners; o1-o3 vote yes; the meeting closes; then o3's ballot is voided (signatures
# are checked after the count). Before the voiding: 3 of 4 (9 ≥ 8), passed. After it:
# participants 2 (3·2 = 6 < 8) → no quorum.
c = Case("ballot-voided-after-close", ["record-v1 §2 ballot.voided", DESIGN],
         "a ballot may be voided after the meeting closes, until the result is declared")
base(c).convene([motion("x", "278.4")]).open()
for o in os_(3):
    c.ballot(o, {"x": "yes"})
c.close().ev("ballot.voided", {"meeting": "m1", "voter": "o3", "reason": "签名与登记不符"})
c.expect_motions({"m1/x": {"outcome": "no_quorum", "participating": fig(2, "200.00"), "yes": fig(2, "200.00")}})

# Committee of 5 with no attendance.recorded: the members who voted are present.
# o1-o3 yes: present 3 (2·3 = 6 > 5), yes 3 of 5 sitting members (2·3 = 6 > 5) → passed.
c = Case("committee-without-attendance-voters-present", ["Guide 31-39", DESIGN],
         "without an attendance record, the members who voted are taken as present")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.expect_motions({"m1/q": {"outcome": "passed", "present": 3, "yes": {"heads": 3}}})

# Committee of 5 (o1-o5); attendance is recorded as an explicit empty list, so nobody is
# present, even though three members vote yes: 2·0 = 0 is not > 5 → no quorum.
c = Case("committee-explicit-empty-attendance", ["Guide 31-39", DESIGN],
         "an explicit empty attendance list means nobody was present; ballots do not make members present")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": []})
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.expect_motions({"m1/q": {"outcome": "no_quorum", "present": 0}})


# ---------------------------------------------------------------- found by the 2026-11-28 audits

def all_yes_passed_with(c, warning):
    """o1-o4 vote yes on x, the meeting closes; x passes with `warning` alone."""
    for o in os_(4):
        c.ballot(o, {"x": "yes"})
    c.close()
    c.expect_motions({"m1/x": {"outcome": "passed", "warnings": [warning]}})


# o1 sells its only flat to o9 (event 3), then a 279 motion names o1 as applicant
# (event 4). An owner is the buyer of record of its units (§2); o1 owns none, so it
# cannot apply, and its default group (the owners of its buildings) would be empty:
# the motion would pass with nobody's consent. Refused at event 4.
c = Case("279-applicant-sold-every-unit-refused", ["Civil Code 279", "record-v1 §2 community.registered", DESIGN],
         "an applicant who owns no unit at convening is not an owner: refused, not passed on an empty group")
base(c).ev("unit.transferred", {"unit": "1-o1", "to": "o9"})
c.convene([motion("shop", "279", applicant="o1")])
c.expect_error("owner.unknown")

# o7 is listed among the owners but holds no unit; an explicit unanimity_of group does
# not make it an owner. Refused at event 3.
c = Case("279-applicant-without-units-refused", ["Civil Code 279", "record-v1 §2 community.registered", DESIGN],
         "an applicant listed as an owner but holding no unit is refused even with an explicit group")
c.community(flats(os_(4)), owners=[{"id": "o7"}]).rules()
c.convene([motion("shop", "279", applicant="o7", protection={"unanimity_of": {"buildings": ["1"]}})])
c.expect_error("owner.unknown")

# The units name no building (`building` is optional, §2), so the default group of an
# Art. 279 motion (the other owners of the applicant's building) cannot be formed; the
# interested owners must be named in unanimity_of. Refused at event 3.
c = Case("279-default-group-needs-a-building", ["Civil Code 279", "Interpretation on building ownership Art. 11", DESIGN],
         "without a building there is no default group of interested owners: refused rather than passed on nobody's consent")
c.community([{"id": f"u{i}", "area": "100.00", "owner": f"o{i}"} for i in range(1, 5)]).rules()
c.convene([motion("shop", "279", applicant="o1")])
c.expect_error("event.invalid")

# The same building-less community with the group given explicitly: units u2-u4
# (o2-o4) must all consent; o2, o3, o4 vote yes. Unanimity 3 of 3 → passed.
c = Case("279-explicit-group-without-buildings-passes", ["Civil Code 279", SPEC3],
         "an explicit unanimity_of group works where units name no building")
c.community([{"id": f"u{i}", "area": "100.00", "owner": f"o{i}"} for i in range(1, 5)]).rules()
c.convene([motion("shop", "279", applicant="o1", protection={"unanimity_of": {"units": ["u2", "u3", "u4"]}})]).open()
for o in ["o2", "o3", "o4"]:
    c.ballot(o, {"shop": "yes"})
c.close()
c.expect_motions({"m1/shop": {"outcome": "passed"}})

# Notice given one minute after voting opened, under rules with notice_days 0: §2 asks
# opens_at − noticed_at ≥ 0 × 24 h; −1 minute is short (meeting.notice_too_short).
c = Case("notice-after-opening-too-short", ["record-v1 §2 notice_days"],
         "a notice dated after opens_at is too short even when no notice period is required")
c.community(flats(os_(4))).rules("r1", {"notice_days": 0})
c.convene([motion("x", "278.4")], noticed_at=ts(OPENS + dt.timedelta(minutes=1)))
c.expect_error("meeting.notice_too_short")

# A convening without noticed_at, recorded on 2026-11-10 09:00 for voting from 2026-11-20
# 09:00: its own `at` is the notice, 10 days < 15 → meeting.notice_too_short (event 3).
c = Case("convening-without-noticed-at-counts-from-its-at", ["record-v1 §2 notice_days", DESIGN],
         "without noticed_at the convening's own time is the notice")
c.community(flats(os_(4))).rules()
c.ev("meeting.convened", {"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
                          "opens_at": ts(OPENS), "closes_at": ts(CLOSES), "motions": [motion("x", "278.4")]},
     at=D(2026, 11, 10))
c.expect_error("meeting.notice_too_short")

# null for an optional member is read as absent: proxy_cap null is no cap (o4 holds two
# principals), a ballot with "by": null is the voter's own. 4 owners × 100: o1, o2 (by o4)
# and o3 (by null) yes, o4 no → participants 4 (12 ≥ 8), yes 3 (6 > 4) → passed, yes 300.
c = Case("optional-members-null-read-as-absent", ["record-v1 §2 rules.adopted", DESIGN],
         "an optional member written as null means the member is absent")
c.community(flats(os_(4))).rules("r1", {"proxy_cap": None})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "o4"})
c.ev("proxy.granted", {"meeting": "m1", "principal": "o2", "agent": "o4"})
c.ballot("o1", {"x": "yes"}, by="o4").ballot("o2", {"x": "yes"}, by="o4")
c.ev("ballot.cast", {"meeting": "m1", "voter": "o3", "channel": "online", "votes": {"x": "yes"}, "by": None})
c.ballot("o4", {"x": "no"}).close()
c.expect_motions({"m1/x": {"outcome": "passed", "participating": fig(4, "400.00"), "yes": fig(3, "300.00")}})

# notice_days 4000 (about eleven years) is a valid rule: the standard 19-day notice is
# then too short (19 < 4000 days).
c = Case("notice-days-long-period-applies", ["record-v1 §2 notice_days"],
         "a notice period of any length is a rule the meeting must meet")
c.community(flats(os_(4))).rules("r1", {"notice_days": 4000})
c.convene([motion("x", "278.4")])
c.expect_error("meeting.notice_too_short")

# proxy_cap 0: an agent may hold no principal at all, so the first grant (event 4) is over
# the cap.
c = Case("proxy-cap-zero-admits-no-proxy", ["record-v1 §2 proxy_cap"],
         "a cap of 0 principals refuses every grant")
c.community(flats(os_(4))).rules("r1", {"proxy_cap": 0})
c.convene([motion("x", "278.4")]).open()
c.ev("proxy.granted", {"meeting": "m1", "principal": "o1", "agent": "o2"})
c.expect_error("proxy.cap_exceeded")

# 5 owners, 4 yes, 1 no; voting ends at closes_at without a meeting.closed; the result
# is declared, then the organiser records the close. Nothing forbids it (§2 forbids
# ballots and attendance after a close); the result stands: passed, 5 / 500, yes 4 / 400.
c = Case("meeting-closed-after-declaration-accepted", ["record-v1 §2 meeting.closed", "record-v1 §2 result.declared"],
         "closing a meeting after its result was declared only records the close")
c.community(flats(os_(5))).rules()
c.convene([motion("pm", "278.4")]).open()
for o in os_(4):
    c.ballot(o, {"pm": "yes"})
c.ballot("o5", {"pm": "no"})
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed"}}}, at=CLOSES)
c.ev("meeting.closed", {"meeting": "m1"})
c.expect_motions({"m1/pm": {"outcome": "passed", "participating": fig(5, "500.00"), "yes": fig(4, "400.00")}})

# ... and a second close after that is refused (event 11).
c = Case("meeting-closed-twice-after-declaration", ["record-v1 §2 meeting.closed", DESIGN],
         "a meeting closes once")
c.community(flats(os_(5))).rules()
c.convene([motion("pm", "278.4")]).open()
for o in os_(4):
    c.ballot(o, {"pm": "yes"})
c.ballot("o5", {"pm": "no"})
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed"}}}, at=CLOSES)
c.ev("meeting.closed", {"meeting": "m1"}).ev("meeting.closed", {"meeting": "m1"})
c.expect_error("meeting.closed")

# o1 objects twice, in time, to a motion that has no objection_block: nothing can block
# it, but the objection is not lost: one owner's objection is reported in the warnings.
# 4 of 4 yes → passed.
c = Case("objection-on-motion-without-block-warned", ["record-v1 §2 objection.filed", DESIGN],
         "an objection in time to an unprotected motion changes nothing but is shown")
base(c).convene([motion("x", "278.4")]).open()
c.ev("objection.filed", {"meeting": "m1", "motion": "x", "owner": "o1", "reason": "噪音"})
c.ev("objection.filed", {"meeting": "m1", "motion": "x", "owner": "o1"})
all_yes_passed_with(c, "owners who objected to a motion without an objection_block, recorded but not counted: 1")

# Committee of 5; o1-o3 present and vote yes: present 3 (6 > 5), yes 3 of 5 (6 ≥ 5) → passed.
# Declared on 2026-12-06: CC 280(2) lets an owner ask a court to revoke a committee's
# decision too, so its result carries the deadline 2027-12-06.
c = Case("committee-decision-revocation-deadline", ["Civil Code 280", DESIGN],
         "a declared committee decision reports the revocation deadline, as an assembly's does")
c.community(flats(os_(5))).rules()
c.convene([{"motion": "q", "title": "审计"}], body="committee", members=os_(5)).open()
for o in os_(3):
    c.ballot(o, {"q": "yes"})
c.close()
c.ev("result.declared", {"meeting": "m1", "results": {"q": {"outcome": "passed"}}}, at=D(2026, 12, 6, 10))
c.expect_motions({"m1/q": {"outcome": "passed", "revocation_deadline": "2027-12-06"}})

# Warnings (DESIGN: what the rules allow but an owner should see), one case each for
# those no other case shows. Every one: 4 owners × 100, all vote yes → passed.

# Rules with notice_days 7; noticed 2026-11-10 09:00 for voting from 2026-11-20 09:00:
# 10 days = 864000 s, allowed by the rules, less than Reg. 14's 15 days.
c = Case("warning-assembly-notice-under-15-days", ["物业管理条例 14", DESIGN],
         "an assembly noticed as its rules allow but under Reg. 14's 15 days is warned of")
c.community(flats(os_(4))).rules("r1", {"notice_days": 7})
c.convene([motion("x", "278.4")], noticed_at=ts(D(2026, 11, 10)), at=D(2026, 11, 10)).open()
all_yes_passed_with(c, "the assembly was noticed 10 d 00:00:00 before voting opened, less than the 15 days of Reg. 14")

# The convening is recorded at 2026-11-20 10:00, an hour after voting opened (its notice
# is dated 2026-11-01): the record cannot show the notice it states.
c = Case("warning-convened-after-voting-opened", ["record-v1 §2 meeting.convened", DESIGN],
         "a convening recorded after opens_at is warned of")
c.community(flats(os_(4))).rules()
c.convene([motion("x", "278.4")], at=D(2026, 11, 20, 10))
all_yes_passed_with(c, "the meeting was convened at 2026-11-20T10:00:00+08:00, after voting opened")

# o1 votes online, then the organiser enters a paper ballot for o1 (it replaces the
# online one: revote last_counts). 4 of 4 yes.
c = Case("warning-paper-ballot-over-online", ["record-v1 §2 ballot.cast", DESIGN],
         "an online ballot replaced by a paper one the organiser entered is warned of")
base(c).convene([motion("x", "278.4")]).open()
c.ballot("o1", {"x": "no"}).ballot("o1", {"x": "yes"}, channel="paper")
for o in ["o2", "o3", "o4"]:
    c.ballot(o, {"x": "yes"})
c.close()
c.expect_motions({"m1/x": {"outcome": "passed", "yes": fig(4, "400.00"), "warnings": [
    "online ballots replaced by paper ballots entered by the organiser: 1"]}})

# The objection_block protects floors 50 and up; no unit is that high (a valid range that
# selects nobody): nobody can block, and the result says so. 4 of 4 yes.
c = Case("warning-objection-group-empty", ["record-v1 §3", DESIGN],
         "an objection block whose group selects nobody is warned of")
c.community([u(f"1-{o}", o, floor=i) for i, o in enumerate(os_(4), 1)]).rules()
c.convene([motion("x", "278.9", protection={"objection_block": {"of": {"floors": {"min": 50}}, "share": "1/3", "dimension": "either"}})]).open()
all_yes_passed_with(c, "the objection_block group is empty: nothing can block")

# One person (王芳) represents both the owners' committee and the owner representatives.
# All five present; three support, two abstain → agreed.
c = Case("warning-one-person-two-parties", ["五方例会 (community practice)", DESIGN],
         "one person representing two of the five parties is warned of")
c.community(flats(os_(2))).rules()
c.convene([motion("a", "coordination")], body="five-party",
          parties={**REPS, "owners_committee": "王芳", "owner_representatives": "王芳"}).open()
c.ev("attendance.recorded", {"meeting": "m1", "present": PARTIES})
for p, v in zip(PARTIES, ["support", "support", "support", "abstain", "abstain"]):
    c.ballot(p, {"a": v})
c.close()
c.expect_motions({"m1/a": {"outcome": "agreed", "warnings": [
    "\"王芳\" represents both owners_committee and owner_representatives"]}})

# Declared at 2026-12-31T20:00:00Z, which is 2027-01-01 04:00 in China (UTC+08:00).
# Art. 280's year counts from the declaration's date in China, however the offset is
# written: the last day is 2028-01-01 (CC 201-203: the same day a year later).
c = Case("revocation-deadline-counts-from-china-date", ["Civil Code 280", "Civil Code 201-203", DESIGN],
         "the same instant gives the same deadline in any offset: the date is taken in UTC+08:00")
four_yes_one_no(c)
c.ev("result.declared", {"meeting": "m1", "results": {"pm": {"outcome": "passed"}}},
     at=dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.timezone.utc))
c.expect_motions({"m1/pm": {"outcome": "passed", "revocation_deadline": "2028-01-01"}})


# ---------------------------------------------------------------- sealed-record tampering

def sealed(events):
    exe = os.path.join(ROOT, "target", "release", "yishi")
    if not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "yishi-cli"], cwd=ROOT, check=True)
    out = subprocess.run([exe, "seal", "-"], input=json.dumps(events).encode(), capture_output=True, check=True)
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def tamper_case(name, note, edit, code, seq):
    c = Case(name, ["record-v1 §1"], note)
    base(c, 5).convene([motion("pm", "278.4")]).open()
    for o in os_(5):
        c.ballot(o, {"pm": "yes" if o != "o3" else "no"})
    c.close()
    rec = sealed(c.events)
    edit(rec)
    c.record = rec
    c.expect_error(code, seq)


def set_seq(rec):
    rec[3]["seq"] = 5


def bad_prev(rec):
    rec[4]["prev"] = rec[2]["hash"]


def earlier(rec):
    rec[5]["at"] = "2026-11-20T09:59:00+08:00"  # ballot 5 before ballot 4 (10:00/10:01 …)


def drop_line(rec):
    del rec[4]


def swap(rec):
    rec[4], rec[5] = rec[5], rec[4]


def relink(rec):
    # Change o3's "no" to "yes" and re-hash nothing: hash mismatch at seq 6 (o3's ballot).
    rec[5]["data"]["votes"]["pm"] = "yes"


def no_hash(rec):
    del rec[2]["hash"]


tamper_case("sealed-seq-skipped", "seq 4 written as 5", set_seq, "record.seq", 4)
tamper_case("sealed-prev-mismatch", "prev of seq 5 points two events back", bad_prev, "record.prev_mismatch", 5)
tamper_case("sealed-time-regression", "a ballot's instant moved before its predecessor's", earlier, "record.time_regression", 6)
tamper_case("sealed-line-deleted", "the fifth event removed", drop_line, "record.seq", 5)
tamper_case("sealed-lines-swapped", "two ballots swapped", swap, "record.seq", 5)
tamper_case("sealed-vote-changed", "o3's no rewritten as yes", relink, "record.hash_mismatch", 6)
tamper_case("sealed-hash-missing", "an event without its hash", no_hash, "record.parse", 3)


def main():
    check = "--check" in sys.argv
    os.makedirs(OUT, exist_ok=True)
    want = {f"{n}.json": json.dumps(c.to_json(), ensure_ascii=False, indent=1) + "\n" for n, c in CASES.items()}
    stale = []
    for f, text in sorted(want.items()):
        p = os.path.join(OUT, f)
        old = open(p, encoding="utf-8").read() if os.path.exists(p) else None
        if old != text:
            stale.append(f)
            if not check:
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(text)
    extra = [f for f in os.listdir(OUT) if f.endswith(".json") and f not in want]
    if check and (stale or extra):
        print("tests/cases is out of date:", ", ".join(stale + extra))
        sys.exit(1)
    for f in extra:
        print("note: tests/cases/%s is not generated by this script" % f)
    print(f"{len(want)} cases, {len(stale)} written")


if __name__ == "__main__":
    main()
