#!/usr/bin/env bash
# Kill test on a real corpus: indexes it cleanly once, then starts `newsdex index` again and
# again in another index and SIGKILLs it at random moments (after 0-2 commits, plus up to
# 0.6 s); after every kill the index must open and hold whole articles only, exactly as in
# the clean run, with no duplicates and nothing lost from earlier commits; a last run must
# finish the job and give the clean run's index. The loop itself is the Rust test
# `kill_loop_on_the_corpus_named_by_the_environment` in tests/durability.rs.
#
# Usage: scripts/kill-test.sh [CORPUS] [KILLS]
#   CORPUS  default ../shared/data/allsides/allsides.jsonl.gz, else a generated corpus
#   KILLS   default 8
# Environment: NEWSDEX_KILL_SEED to replay a run, NEWSDEX_COMMIT_EVERY (default 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/data/allsides/allsides.jsonl.gz}"
if [[ ! -e "$corpus" ]]; then
    echo "kill-test: $corpus not found; using a generated corpus of 20,000 articles" >&2
    corpus="$(mktemp -d)"
    NEWSDEX_WRITE_CORPUS="$corpus" cargo test --release --quiet --test durability \
        write_a_generated_corpus_when_asked -- --nocapture >/dev/null
fi
export NEWSDEX_KILL_CORPUS="$(realpath "$corpus")"
export NEWSDEX_KILLS="${2:-8}"
exec cargo test --release --test durability kill_loop_on_the_corpus_named_by_the_environment -- --nocapture --test-threads 1
