"""Builders shared by the clean-room generators of rounds 5 and 6
(tests/cleanroom_cases_r5.py, tests/cleanroom_cases_r6.py): events, case files
and their notes, and sealing with an RFC 8785 canonicaliser written for these
generators (independent of yishi). A generator calls `setup` with its prefix,
its community and its notes file, then `from cleanroom_round import *`.
"""
import copy
import hashlib
import json
import os
import sys

import casefiles

from casefiles import motion, unit

PREFIX = None      # e.g. "cr5-": every case name starts with it
COMMUNITY = None   # (id, name) of the registered community
NOTES_FILE = None  # the round's notes, e.g. "NOTES-r5.md"


def setup(prefix, community_id, community_name, notes_file):
    """The round's case-name prefix, community and notes file."""
    global PREFIX, COMMUNITY, NOTES_FILE
    PREFIX, COMMUNITY, NOTES_FILE = prefix, (community_id, community_name), notes_file


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "cases-cleanroom")
FILES = {}   # file name -> text
NOTES = []   # (name, expect, note)

REG_AT = "2026-10-08T09:00:00+08:00"
RULES_AT = "2026-10-08T09:01:00+08:00"
CONV_AT = "2026-11-01T09:00:00+08:00"
CONV2_AT = "2026-11-01T09:05:00+08:00"
OPENS = "2026-11-20T09:00:00+08:00"     # = 2026-11-20T01:00:00Z
CLOSES = "2026-12-05T18:00:00+08:00"    # = 2026-12-05T10:00:00Z
DECL_AT = "2026-12-06T09:00:00+08:00"

S1, S2, S3, S4, S5, S6 = "spec §1", "spec §2", "spec §3", "spec §4", "spec §5", "spec §6"


# ---------------------------------------------------------------- helpers

class T:
    """Ballot-time ticker: 2026-11-DDTHH:MM:00+08:00, one minute per call."""
    def __init__(self, day=20, hour=10):
        self.n, self.day, self.hour = 0, day, hour

    def __call__(self):
        self.n += 1
        return "2026-11-%02dT%02d:%02d:00+08:00" % (self.day, self.hour + self.n // 60, self.n % 60)


def units(owner_ids, area="100.00", building="1"):
    return [unit("%s-%s" % (building, o), o, area, building) for o in owner_ids]


def community(us, owners=None):
    d = {"community": COMMUNITY[0], "name": COMMUNITY[1], "units": us}
    if owners is not None:
        d["owners"] = owners
    return ev(REG_AT, "community.registered", d)


DEV = [{"id": "dev", "developer": True}]


def rules(s=None, rid="r1", at=RULES_AT):
    d = {"rules": rid, "preset": "civil-code-2021"}
    if s is not None:
        d["set"] = s
    return ev(at, "rules.adopted", d)


def meeting(mid, motions, body="assembly", rid="r1", at=CONV_AT, noticed=None,
            opens=OPENS, closes=CLOSES, **extra):
    d = {"meeting": mid, "body": body, "rules": rid, "form": "written",
         "noticed_at": noticed or at, "opens_at": opens, "closes_at": closes,
         "motions": motions}
    d.update(extra)
    return ev(at, "meeting.convened", d)


def ev(at, kind, data):
    return {"at": at, "kind": kind, "data": data}


def close(mid="m1", at=CLOSES):
    return ev(at, "meeting.closed", {"meeting": mid})


def grant(at, principal, agent, mid="m1"):
    return ev(at, "proxy.granted", {"meeting": mid, "principal": principal, "agent": agent})


def revoke(at, principal, agent, mid="m1"):
    return ev(at, "proxy.revoked", {"meeting": mid, "principal": principal, "agent": agent})


def void(at, voter, mid="m1", reason="签名与登记不符"):
    return ev(at, "ballot.voided", {"meeting": mid, "voter": voter, "reason": reason})


def transfer(at, u, to):
    return ev(at, "unit.transferred", {"unit": u, "to": to})


def objection(at, owner, mot="g", mid="m1", reason="影响采光"):
    return ev(at, "objection.filed", {"meeting": mid, "motion": mot, "owner": owner, "reason": reason})


def attendance(at, present, mid="m1"):
    return ev(at, "attendance.recorded", {"meeting": mid, "present": present})


def declared(results, mid="m1", at=DECL_AT):
    return ev(at, "result.declared", {"meeting": mid, "results": results})


def fig(heads, area):
    return {"heads": heads, "area": area}


PARTIES = {"party_branch": "p1", "residents_committee": "p2", "owners_committee": "o1",
           "property_company": "p4", "owner_representatives": "o2"}
ALL5 = list(PARTIES)


def err(seq, code):
    return {"error": {"seq": seq, "code": code}}


def mot(**kv):
    return {"motions": kv}


def write(name, cites, events, expect, note, record=None):
    name = PREFIX + name
    case = {"case": name, "cites": cites}
    if record is not None:
        case["record"] = record
    else:
        case["events"] = events
    case["expect"] = expect
    assert name + ".json" not in FILES, "case names are unique"
    if "error" in expect:
        n = len(record if record is not None else events)
        assert 1 <= expect["error"]["seq"] <= n, name
    FILES[name + ".json"] = json.dumps(case, ensure_ascii=False, indent=1) + "\n"
    NOTES.append((name, expect, note))


# ---------------------------------------------------------------- sealing (own RFC 8785)

def jcs(v):
    """RFC 8785 canonical form for the JSON values used here (no floats)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        out = ['"']
        for ch in v:
            c = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif c < 0x20:
                out.append("\\u%04x" % c)
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise TypeError(type(v))


def sha(obj):
    return hashlib.sha256(jcs(obj).encode("utf-8")).hexdigest()


def seal(events):
    out, prev = [], "0" * 64
    for i, e in enumerate(events, 1):
        s = {"seq": i, "at": e["at"], "kind": e["kind"], "data": copy.deepcopy(e["data"]), "prev": prev}
        s["hash"] = sha(s)
        prev = s["hash"]
        out.append(s)
    return out


# self-test of the canonicaliser against RFC 8785's own examples
assert jcs({"b": 1, "a": [True, None, "x\u001f\n/\u2028é"]}) == '{"a":[true,null,"x\\u001f\\n/\u2028é"],"b":1}'
assert jcs({"\u20ac": 1, "\r": 2, "\U0001F600": 3, "\ufb33": 4, "1": 5, "\u00f6": 6}) == \
    '{"\\r":2,"1":5,"\u00f6":6,"\u20ac":1,"\U0001F600":3,"\ufb33":4}'


O6 = ["o%d" % i for i in range(1, 7)]
O9 = ["o%d" % i for i in range(1, 10)]


def std(motions=None, rset=None, owners=O6, **mkw):
    """Registry of `owners` (one 100 m² unit each, building 1), rules, meeting m1."""
    return [community(units(owners)), rules(rset), meeting("m1", motions or [motion("pm")], **mkw)]


def finish(ordinal, script, summary):
    """Writes the round's notes (`summary`, then a line per case) and syncs
    its files with tests/cases-cleanroom; with `--check`, fails when a file
    would change instead."""
    lines = ["# Clean-room cases, %s round: justification" % ordinal, "",
             "Written by `%s`; see its docstring. Each case: file, expected result, "
             "spec basis and arithmetic. AMBIGUOUS marks a reading of a point the spec leaves open." % script,
             ""] + summary.split("\n") + ["## Cases", ""]
    for name, expect, note in NOTES:
        lines.append("- `%s.json` — expect `%s` — %s" % (name, json.dumps(expect, ensure_ascii=False), note))
    FILES[NOTES_FILE] = "\n".join(lines) + "\n"
    ours = lambda f: f.startswith(PREFIX) or f == NOTES_FILE
    check = "--check" in sys.argv
    written = casefiles.sync(OUT, FILES, ours, "tests/cases-cleanroom (%s*)" % PREFIX, check)
    if check:
        print(len(NOTES), "cases up to date")
    else:
        print(len(NOTES), "cases,", written, "written")
