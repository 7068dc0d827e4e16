#!/usr/bin/env bash
# A/B benchmark of two broadsheet builds on one generated corpus: what a change costs.
#
#   benches/compare.sh --baseline BIN [--candidate BIN] [--articles N] [--runs N]
#                      [--seed S] [--work DIR] [--baseline-setting 'LINE'] [--instructions]
#
# Generates a corpus with benches/corpus.py, then times full builds into a fresh
# output folder, alternating the candidate (A, default: this repository's release
# build) and the baseline (B: another binary, for instance one built from an older
# commit with `cargo build --release` in a clone), after one untimed build of each.
# --baseline-setting adds a line at the top of site.toml in the baseline's copy of the
# corpus (a table, starting with `[`, at the end; `\n` separates lines), to time one
# setting against another with the same binary (`--baseline target/release/broadsheet
# --baseline-setting 'related_articles = 0'`, or `'[search]\nenabled = false'`).
# Prints the medians of wall time, CPU time and peak RSS of each, and the median of
# the pairwise ratios A/B, which a machine whose speed drifts during the run moves
# less than the ratio of medians. Use a RAM folder (--work /dev/shm/compare).
# --instructions counts instead the instructions of one full build of each under
# `valgrind --tool=callgrind`: slow, but exact from run to run whatever else the
# machine does, for changes too small for timings to show (--articles 2000 suits).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
articles=10000 runs=9 seed=1 work=/dev/shm/compare baseline="" candidate="" setting="" instructions=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --baseline) baseline=$2; shift 2 ;;
    --candidate) candidate=$2; shift 2 ;;
    --articles) articles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --baseline-setting) setting=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[[ -n "$baseline" && -x "$baseline" ]] || { echo "--baseline BIN: an executable broadsheet" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
if [[ -z "$candidate" ]]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
  candidate="$repo/target/release/broadsheet"
fi
mkdir -p "$work"
source "$repo/benches/lib.sh"

python3 "$repo/benches/corpus.py" --articles "$articles" --out "$work/a" --flavor broadsheet --seed "$seed" --force >/dev/null
rm -rf "$work/b" && cp -r "$work/a" "$work/b"
[[ -n "$setting" ]] && add_setting "$work/b/site.toml" "$setting"

# Full build by binary $1 of corpus copy $2; further words are a command prefix.
run() { local bin=$1 side=$2; shift 2; "$@" "$bin" build --quiet --root "$work/$side" --output "$work/out-$side"; }
if [[ -n "$instructions" ]]; then
  # Instructions of one build by binary $1 of corpus copy $2, from callgrind's summary.
  count() {
    discard "$work/out-$2"
    run "$1" "$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null 2>&1 >/dev/null \
      | awk '/I +refs:/ { gsub(",", "", $NF); print $NF }'
  }
  a=$(count "$candidate" a) b=$(count "$baseline" b)
  discard "$work/out-a"; discard "$work/out-b"
  echo "== $articles articles, instructions of one full build (callgrind)"
  echo "A $candidate: $a"
  echo "B $baseline${setting:+ with '$setting'}: $b"
  echo "A/B: $(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
  exit 0
fi
rm -f "$work/a.txt" "$work/b.txt"
discard "$work/out-a"; run "$candidate" a; discard "$work/out-b"; run "$baseline" b
for _ in $(seq "$runs"); do
  discard "$work/out-a"; run "$candidate" a timed "$work/a.txt"
  discard "$work/out-b"; run "$baseline" b timed "$work/b.txt"
done
discard "$work/out-a"; discard "$work/out-b"

echo "== $articles articles, $runs alternating full builds: median (min-max)"
echo "A $candidate: wall $(stat "$work/a.txt" 1) s, CPU $(stat "$work/a.txt" 2) s, peak RSS $(stat "$work/a.txt" 3) MB"
echo "B $baseline${setting:+ with '$setting'}: wall $(stat "$work/b.txt" 1) s, CPU $(stat "$work/b.txt" 2) s, peak RSS $(stat "$work/b.txt" 3) MB"
paste -d' ' "$work/a.txt" "$work/b.txt" | awk '{print $1 / $4, $2 / $5}' >"$work/ratios.txt"
echo "A/B, pair by pair: wall $(stat "$work/ratios.txt" 1), CPU $(stat "$work/ratios.txt" 2)"
