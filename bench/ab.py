#!/usr/bin/env python3
"""A/B of two newsdex builds on one index: fresh-process query times, alternating.

    python3 bench/ab.py OLD_BINARY NEW_BINARY INDEX_DIR [RUNS] [-- EXTRA SEARCH ARGS]

Runs every query of bench/queries.txt RUNS times (default 5) with each build, alternating
which goes first, as `newsdex search QUERY --index INDEX_DIR --json [--country X]`, and
prints the median and 95th percentile over all runs, then the median per query class.
The machine's speed drifts: compare the two columns of one run, not figures of two runs.
"""
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

args = sys.argv[1:]
extra = args[args.index("--") + 1:] if "--" in args else []
args = args[: args.index("--")] if "--" in args else args
if len(args) < 3:
    sys.exit(__doc__)
old, new, index = args[:3]
runs = int(args[3]) if len(args) > 3 else 5

queries, klass = [], None
for line in (Path(__file__).parent / "queries.txt").read_text().splitlines():
    if line.startswith("# class"):
        klass = line.split()[-1]
    elif line and not line.startswith("#"):
        text, _, rest = line.partition("\t")
        queries.append((klass + (" +country" if rest else ""), [text] + shlex.split(rest)))

times = {old: {}, new: {}}
for run in range(runs):
    for i, (_, query) in enumerate(queries):
        for build in (old, new) if run % 2 == 0 else (new, old):
            start = time.perf_counter()
            subprocess.run([build, "search", query[0], "--index", index, "--json", *query[1:], *extra],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[build].setdefault(i, []).append((time.perf_counter() - start) * 1000)

print(f"{len(queries)} queries x {runs} fresh processes per build, ms")
for build in (old, new):
    every = sorted(t for per_query in times[build].values() for t in per_query)
    print(f"{build}: median {statistics.median(every):.2f}, p95 {every[int(0.95 * len(every))]:.2f}")
print("class: median of the per-query medians, old / new")
for name in dict.fromkeys(k for k, _ in queries):
    medians = [[statistics.median(times[b][i]) for i, (k, _) in enumerate(queries) if k == name] for b in (old, new)]
    print(f"  {name:16} {statistics.median(medians[0]):7.1f} {statistics.median(medians[1]):7.1f}")
