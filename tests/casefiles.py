"""Writes generated case files into a folder, or checks that they are up to date.

Shared by tests/cleanroom_cases.py and tests/cleanroom_cases_r4.py, which
write into the same folder, each owning its own files.
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
