#!/usr/bin/env python3
"""One summary line for a ctest run, from its JUnit file (ctest --output-junit), then
one line per skipped test with the reason the test printed ("skipped: ..."), and, where
given, the tests of another build's list that this run did not have. Exits 1 when a test
failed or was missing. Used by the steps of this directory (not run by .ci/run: it does
not end in .sh).

    ctest_summary.py LABEL JUNIT_XML [EXPECTED_NAMES_FILE [REGEX WHY]]

EXPECTED_NAMES_FILE holds one test name a line (a native build's `ctest -N` list): a
name missing from the run fails it, unless REGEX matches the name: then it is counted
as not built, for the reason WHY."""
import re
import sys
import xml.etree.ElementTree as ET


def reason(case):
    out = case.findtext("system-out") or ""
    for line in out.splitlines():
        m = re.match(r"\s*skipped(?: \[[^]]*\])?: (.*)", line)
        if m:
            return m.group(1).strip()
    return "no reason printed"


def main():
    label, junit = sys.argv[1], sys.argv[2]
    cases = ET.parse(junit).getroot().findall("testcase")
    passed = [c for c in cases if c.get("status") == "run" and c.find("failure") is None]
    skipped = [c for c in cases if c.get("status") == "notrun" or c.find("skipped") is not None]
    failed = [c for c in cases if c.find("failure") is not None]
    missing, excused = [], []
    if len(sys.argv) > 3:
        names = {c.get("name") for c in cases}
        excuse = re.compile(sys.argv[4]) if len(sys.argv) > 5 else None
        why = sys.argv[5] if len(sys.argv) > 5 else ""
        for name in open(sys.argv[3]).read().split():
            if name in names:
                continue
            (excused if excuse and excuse.search(name) else missing).append(name)
    print(f"== {label}: {len(cases)} tests, {len(passed)} passed, {len(skipped)} skipped, "
          f"{len(failed)} failed" + (f", {len(missing)} missing" if missing else "")
          + (f", {len(excused)} not built ({why})" if excused else ""))
    for c in skipped:
        print(f"   skipped {c.get('name')}: {reason(c)}")
    for c in failed:
        print(f"   FAILED {c.get('name')}")
    for name in missing:
        print(f"   MISSING {name}: runs natively, not here")
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
