#!/usr/bin/env bash
# Full-build benchmark of broadsheet, side by side with Hugo, on generated news corpora.
#
#   benches/run.sh [--runs N] [--sizes "1000 10000"] [--with-100k] [--seed S]
#                  [--corpus-generator PATH] [--work DIR] [--no-hugo] [--setting 'LINE']
#
# For each size it generates the same corpus in broadsheet's and Hugo's format with
# benches/corpus.py (or the generator given with --corpus-generator, which must take
# the same options), builds broadsheet in release mode, then times full builds into a
# fresh output folder, alternating broadsheet and Hugo (A B A B ...), after one
# untimed warm-up build of each. Wall time and CPU time are measured around
# each build and peak RSS is read from `/usr/bin/time -v`. It prints medians, min–max
# and the broadsheet/Hugo ratios, then the time of a broadsheet rebuild with nothing
# changed and how many output files that rebuild touched (it should be zero), and of
# rebuilds after an edit of one article.
# Hugo runs only at the sizes given with --sizes; --with-100k adds a broadsheet-only
# run at 100,000 articles (with 10000 among the sizes, it prints the ratio of the two
# median times). --setting adds a line to broadsheet's site.toml (as in compare.sh:
# `'[search]\nenabled = false'`), so that two runs tell what a setting costs in full
# builds and rebuilds. Nothing is installed: missing tools are reported.
# On a disk, corpora and outputs stay until the run ends (about 5 GB at 1,000 and
# 10,000 articles with 5 runs, 27 GB more with --with-100k); on ext4 without a journal,
# leave a few minutes after a run's clean-up before timing anything else. In a RAM
# folder (tmpfs), each output is deleted once timed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
sizes="1000 10000"
big=""
seed=1
generator="$repo/benches/corpus.py"
work=""
hugo_wanted=1
setting=""

while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --with-100k) big=100000; shift ;;
    --seed) seed=$2; shift 2 ;;
    --corpus-generator) generator=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-hugo) hugo_wanted=""; shift ;;
    --setting) setting=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
[[ -f "$generator" ]] || { echo "corpus generator not found at $generator (pass --corpus-generator PATH)" >&2; exit 1; }
if [[ -n "$hugo_wanted" ]] && ! command -v hugo >/dev/null; then
  echo "hugo is not installed (apt-get install hugo): the Hugo side is skipped"
  hugo_wanted=""
fi
if [[ -z "$work" ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
else
  mkdir -p "$work"
fi

# In a RAM folder (tmpfs), outputs are deleted once timed (see compare).
in_ram=""
[[ $(df -PT "$work" | awk 'NR == 2 {print $2}') == tmpfs ]] && in_ram=1

# Space the run keeps until it ends, in MB: per article, about 43 KB of broadsheet
# output and 26 KB of Hugo output per build kept (on a disk the runs plus the warm-up,
# in RAM the last run only), and 23 KB of corpora. A run that fills the disk would
# time error paths, not builds.
needed_mb() {
  local n total=0 kept=$((runs + 1))
  if [[ -n "$in_ram" ]]; then kept=1; fi
  for n in $sizes $big; do
    local per_build=43
    [[ -n "$hugo_wanted" && $n != "$big" ]] && per_build=$((per_build + 26))
    total=$((total + (n * (per_build * kept + 23)) / 1024))
  done
  echo "$total"
}
free_mb=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
if (($(needed_mb) > free_mb)); then
  echo "not enough disk space in $work: the run keeps about $(needed_mb) MB until it ends and $free_mb MB are free" >&2
  echo "pass --work DIR on a larger disk, or fewer --runs or --sizes" >&2
  exit 1
fi

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB"
# Where the outputs go matters as much as the machine: on an aged, nearly full ext4,
# creating files waits for the disk (README, Performance).
[[ -n "$setting" ]] && echo "== broadsheet's site.toml adds: $setting"
echo "== work folder: $work on $(df -hT "$work" | awk 'NR == 2 {print $2 " mounted at " $7 ", " $6 " used, " $5 " free"}')"
[[ -n "$hugo_wanted" ]] && echo "== $(hugo version | cut -d' ' -f1-2)"
echo "== building broadsheet (release)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
broadsheet="$repo/target/release/broadsheet"

# timed, stat, median, discard.
source "$repo/benches/lib.sh"

# Full build of the $2-article corpus by tool $1 into $3; any further words are a
# command prefix (such as `timed FILE`).
build() {
  local tool=$1 n=$2 out=$3; shift 3
  case $tool in
    broadsheet) "$@" "$broadsheet" build --quiet --root "$work/broadsheet-$n" --output "$out" ;;
    hugo) "$@" hugo --quiet --source "$work/hugo-$n" --destination "$out" ;;
  esac
}

# Times $runs full builds of each tool given, alternating them, each into a new
# output folder. On a disk, nothing is deleted until the whole run is over: for
# minutes after a tree is deleted, ext4 without a journal searches past the freed
# inodes when it creates files, which would time the file system rather than the
# tool. In RAM (tmpfs) it is the other way round: outputs kept there take the memory
# the next build needs (3 GB per build at 100,000 articles), so each is deleted once
# timed, but for the last one, which the rebuilds use.
compare() {
  local n=$1; shift
  local tool out
  mkdir -p "$work/out"
  for tool in "$@"; do
    build "$tool" "$n" "$work/out/$tool-$n-warmup"
    if [[ -n "$in_ram" ]]; then discard "$work/out/$tool-$n-warmup"; fi
    : >"$work/$tool-$n.txt"
  done
  for ((i = 1; i <= runs; i++)); do
    for tool in "$@"; do
      sync
      out="$work/out/$tool-$n-$i"
      build "$tool" "$n" "$out" timed "$work/$tool-$n.txt"
      if [[ -n "$in_ram" && $i -lt $runs ]]; then discard "$out"; fi
    done
  done
  echo
  echo "== $n articles: medians of $runs full builds (min-max)"
  printf '%-11s %-26s %-26s %s\n' tool "wall s" "CPU s" "peak RSS MB"
  for tool in "$@"; do
    printf '%-11s %-26s %-26s %s\n' "$tool" "$(stat "$work/$tool-$n.txt" 1)" "$(stat "$work/$tool-$n.txt" 2)" "$(stat "$work/$tool-$n.txt" 3)"
  done
  if (($# == 2)); then
    awk -v bw="$(median "$work/broadsheet-$n.txt" 1)" -v hw="$(median "$work/hugo-$n.txt" 1)" \
        -v br="$(median "$work/broadsheet-$n.txt" 3)" -v hr="$(median "$work/hugo-$n.txt" 3)" \
        'BEGIN {printf "ratio broadsheet/hugo: wall %.3f (hugo %.1fx slower), peak RSS %.3f\n", bw / hw, hw / bw, br / hr}'
  fi
}

# Rebuilds $runs times into the last full build's output, each time after running
# the command given (none: nothing changed), and prints the median times labelled
# $2 with how many output files had their modification time changed in all.
rebuilds() {
  local n=$1 label=$2 out="$work/out/broadsheet-$n-$runs" touched=0
  shift 2
  : >"$work/rebuild-$n.txt"
  for ((i = 1; i <= runs; i++)); do
    (($#)) && "$@"
    find "$out" -type f -printf '%P %T@\n' | sort >"$work/mtimes-before"
    sync
    build broadsheet "$n" "$out" timed "$work/rebuild-$n.txt"
    find "$out" -type f -printf '%P %T@\n' | sort >"$work/mtimes-after"
    touched=$((touched + $(comm -3 "$work/mtimes-before" "$work/mtimes-after" | sed 's/^\t//; s/ [^ ]*$//' | sort -u | wc -l)))
  done
  echo "$label: wall $(stat "$work/rebuild-$n.txt" 1) s, CPU $(stat "$work/rebuild-$n.txt" 2) s," \
    "peak RSS $(stat "$work/rebuild-$n.txt" 3) MB; files touched over $runs rebuilds: $touched"
}

# Appends a sentence to the first article of the $1-article corpus.
edit_one_article() {
  local articles=("$work/broadsheet-$1"/content/articles/*.md)
  printf '\nOne more sentence.\n' >>"${articles[0]}"
}

for n in $sizes $big; do
  echo "== generating $n articles (seed $seed)"
  for flavor in broadsheet hugo; do
    [[ $flavor == hugo && ( -z "$hugo_wanted" || $n == "$big" ) ]] && continue
    python3 "$generator" --articles "$n" --out "$work/$flavor-$n" --flavor "$flavor" --seed "$seed" --force >/dev/null
  done
  [[ -n "$setting" ]] && add_setting "$work/broadsheet-$n/site.toml" "$setting"
  # A build does not trust the stamps of files changed in the two seconds before it
  # (README, The command line): let the new corpus age past that.
  sleep 2
  if [[ -n "$hugo_wanted" && $n != "$big" ]]; then compare "$n" broadsheet hugo; else compare "$n" broadsheet; fi
  rebuilds "$n" "no-change rebuild"
  rebuilds "$n" "rebuild after an edit of one article" edit_one_article "$n"
done

# The goal for 100,000 articles is a linear build: at most 11 times the time of 10,000.
if [[ -n "$big" && -s "$work/broadsheet-10000.txt" ]]; then
  awk -v big="$(median "$work/broadsheet-$big.txt" 1)" -v ten="$(median "$work/broadsheet-10000.txt" 1)" \
    'BEGIN {printf "== 100000 articles took %.1f times as long as 10000 (medians %.2f s and %.2f s)\n", big / ten, big, ten}'
fi
