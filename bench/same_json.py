#!/usr/bin/env python3
"""Do two newsdex builds answer alike? Compares the `--json` output of two binaries on one
index over every query of bench/queries.txt, each with several option sets (facet limits,
paging, per-article limits), plus filter-only listings. Prints the differences; exits 1 if any.

    python3 bench/same_json.py OLD_BINARY NEW_BINARY INDEX_DIR
"""
import shlex
import subprocess
import sys
from pathlib import Path

if len(sys.argv) != 4:
    sys.exit(__doc__)
old, new, index = sys.argv[1:]
queries = []
for line in (Path(__file__).parent / "queries.txt").read_text().splitlines():
    if line and not line.startswith("#"):
        text, _, rest = line.partition("\t")
        queries.append([text] + shlex.split(rest))
queries += [["", "--country", "KZ"], ["", "--country", "Central Asia", "--limit", "40"], ["the"]]
options = [[], ["--facets", "3"], ["--facets", "0"], ["--limit", "50", "--per-article", "0"],
           ["--offset", "20", "--limit", "15"], ["--per-article", "1", "--limit", "30"]]
differ = 0
for query in queries:
    for option in options:
        argv = ["search", query[0], "--index", index, "--json", *query[1:], *option]
        a, b = (subprocess.run([binary, *argv], capture_output=True, text=True) for binary in (old, new))
        if (a.returncode, a.stdout) != (b.returncode, b.stdout):
            differ += 1
            print("differs:", shlex.join(argv))
print(f"{len(queries) * len(options)} searches, {differ} differ")
sys.exit(1 if differ else 0)
