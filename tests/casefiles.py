"""Writes generated case files into a folder, or checks that they are up to date.

Shared by tests/cleanroom_cases.py, tests/cleanroom_cases_r4.py and
tests/cleanroom_cases_r5.py, which write into the same folder, each owning its
own files; the last two also share the `motion` and `ballot` event builders,
and they and tests/make_cases.py the `unit` builder.
"""

import os
import sys


def sync(out, files, owned, label, check):
    """Makes `out` hold `files` (name -> text): writes those that differ and
    removes the files `owned(name)` claims for this script that it no longer
    writes. With `check`, changes nothing and exits 1 naming every file
    that would change. Returns the number of files written."""
    present = os.listdir(out) if os.path.isdir(out) else []
    stale = [f for f in present if owned(f) and f not in files]
    changed = [f for f, text in files.items()
               if not os.path.exists(os.path.join(out, f))
               or open(os.path.join(out, f), encoding="utf-8").read() != text]
    if check:
        if stale or changed:
            sys.exit("%s is out of date: %s" % (label, ", ".join(sorted(stale + changed))))
        return 0
    os.makedirs(out, exist_ok=True)
    for f in stale:
        os.remove(os.path.join(out, f))
    for f in changed:
        with open(os.path.join(out, f), "w", encoding="utf-8") as w:
            w.write(files[f])
    return len(changed)


def unit(uid, owner, area="100.00", building="1", floor=None, use=None, **kw):
    """A unit of `community.registered` (the case generators' shared builder)."""
    u = {"id": uid, "building": building, "area": area, "owner": owner}
    if floor is not None:
        u["floor"] = floor
    if use is not None:
        u["use"] = use
    u.update(kw)
    return u


def motion(mid, matter="278.4", title="议题", **kw):
    """A motion of `meeting.convened` (the clean-room generators' shared builder)."""
    m = {"motion": mid, "title": title}
    if matter is not None:
        m["matter"] = matter
    m.update(kw)
    return m


def ballot(at, voter, votes, meeting="m1", by=None, channel="online"):
    """An unsealed `ballot.cast` event (the clean-room generators' shared builder)."""
    d = {"meeting": meeting, "voter": voter, "channel": channel, "votes": votes}
    if by is not None:
        d["by"] = by
    return {"at": at, "kind": "ballot.cast", "data": d}
