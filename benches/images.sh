#!/usr/bin/env bash
# Image-processing benchmark of broadsheet, side by side with Hugo, on camera-size photographs.
#
#   benches/images.sh [--photos "100 500"] [--hugo-photos "100 500"] [--runs N]
#                     [--seed S] [--work DIR] [--no-hugo]
#
# For each count of --photos it writes, with examples/photo_corpus.rs, that many
# generated JPEG photographs (4000×3000, some 6000×4000, some portrait, some turned by
# an EXIF orientation; the smaller corpora are the first photographs of the largest)
# as lead images of as many articles, in a broadsheet site (article folders) and a
# Hugo site (page bundles, benches/hugo-images/). Both make the same versions of each:
# widths 480, 800, 1200 and 1600 (none wider than the photograph) in WebP and JPEG
# at quality 80 with a Lanczos filter, and crops of 1200×630, 16:9, 4:3 and 1:1 in
# JPEG. It then times, alternating broadsheet and Hugo (A B A B ...):
#   - cold builds: broadsheet with its image cache (.broadsheet-cache/) and output
#     deleted, Hugo with its resources/_gen and output deleted;
#   - rebuilds with nothing changed: caches and the last cold build's output kept.
# Sources and outputs are in RAM, so no warm-up build is made: a cold build is the
# first build of a site whose files are already in the page cache.
# Wall time and CPU time (user+sys) are measured around each build and peak RSS is
# read from `/usr/bin/time -v`; it prints medians, min–max, the broadsheet/Hugo ratios,
# how many files of broadsheet's image cache the rebuilds wrote (it should be none),
# and broadsheet's peak RSS at each count, which should not grow with it. Hugo runs
# only at the counts of --hugo-photos (default: all of --photos): at 500 photographs a
# cold Hugo build takes about 45 minutes on 2 cores. Nothing is installed: missing tools
# are reported (Debian: apt-get install time hugo). The work folder (default: a new
# folder in /dev/shm, deleted at the end) needs about 3 MB per photograph for the
# corpus and 10 MB per photograph of the largest count for the outputs and caches.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
photos="100 500"
hugo_photos=""
runs=3
seed=1
work=""
hugo_wanted=1

while (($#)); do
  case "$1" in
    --photos) photos=$2; shift 2 ;;
    --hugo-photos) hugo_photos=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-hugo) hugo_wanted=""; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
hugo_photos=${hugo_photos:-$photos}

[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
if [[ -n "$hugo_wanted" ]] && ! command -v hugo >/dev/null; then
  echo "hugo is not installed (apt-get install hugo): the Hugo side is skipped"
  hugo_wanted=""
fi
if [[ -z "$work" ]]; then
  ram=/dev/shm
  [[ -d $ram && -w $ram ]] || ram=${TMPDIR:-/tmp}
  work=$(mktemp -d "$ram/broadsheet-images.XXXXXX")
  trap 'rm -rf "$work"' EXIT
else
  mkdir -p "$work"
fi

largest=$(printf '%s\n' $photos | sort -n | tail -1)
needed_mb=$((largest * 13))
free_mb=$(df -Pm "$work" | awk 'NR == 2 {print $4}')
if ((needed_mb > free_mb)); then
  echo "not enough space in $work: the run needs about $needed_mb MB and $free_mb MB are free" >&2
  exit 1
fi

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== work folder: $work on $(df -hT "$work" | awk 'NR == 2 {print $2 ", " $5 " free"}')"
[[ -n "$hugo_wanted" ]] && echo "== $(hugo version | cut -d' ' -f1-2)"
echo "== building broadsheet and the photograph generator (release)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin broadsheet --example photo_corpus
bin="${CARGO_TARGET_DIR:-$repo/target}/release"
broadsheet="$bin/broadsheet"

# timed, stat, median, discard.
source "$repo/benches/lib.sh"

# Build of the $2-photograph site by tool $1 into $work/out/$1-$2; any further words
# are a command prefix (such as `timed FILE`).
build() {
  local tool=$1 n=$2; shift 2
  case $tool in
    broadsheet) "$@" "$broadsheet" build --quiet --root "$work/$n/broadsheet" --output "$work/out/broadsheet-$n" ;;
    hugo) "$@" hugo --quiet --source "$work/$n/hugo" --destination "$work/out/hugo-$n" ;;
  esac
}

# Deletes what tool $1 keeps of a build of the $2-photograph site: output and cache.
forget() {
  case $1 in
    broadsheet) discard "$work/out/broadsheet-$2"; rm -rf "$work/$2/broadsheet/.broadsheet-cache" ;;
    hugo) rm -rf "$work/out/hugo-$2" "$work/$2/hugo/resources/_gen" ;;
  esac
}

# Times $runs builds of each tool given at $2 photographs, alternating them; $1 is
# `cold` (output and cache deleted before each) or `rebuild` (both kept).
compare() {
  local kind=$1 n=$2 tool; shift 2
  for tool in "$@"; do
    : >"$work/$kind-$tool-$n.txt"
  done
  for ((i = 1; i <= runs; i++)); do
    for tool in "$@"; do
      [[ $kind == cold ]] && forget "$tool" "$n"
      sync
      build "$tool" "$n" timed "$work/$kind-$tool-$n.txt"
    done
  done
  echo
  local label="cold builds"
  [[ $kind == rebuild ]] && label="rebuilds with nothing changed"
  echo "== $n photographs, $label: medians of $runs (min-max)"
  printf '%-11s %-24s %-24s %s\n' tool "wall s" "CPU s" "peak RSS MB"
  for tool in "$@"; do
    local f="$work/$kind-$tool-$n.txt"
    printf '%-11s %-24s %-24s %s\n' "$tool" "$(stat "$f" 1)" "$(stat "$f" 2)" "$(stat "$f" 3)"
  done
  if (($# == 2)); then
    awk -v bw="$(median "$work/$kind-broadsheet-$n.txt" 1)" -v hw="$(median "$work/$kind-hugo-$n.txt" 1)" \
        -v bc="$(median "$work/$kind-broadsheet-$n.txt" 2)" -v hc="$(median "$work/$kind-hugo-$n.txt" 2)" \
        -v br="$(median "$work/$kind-broadsheet-$n.txt" 3)" -v hr="$(median "$work/$kind-hugo-$n.txt" 3)" \
        'function ratio(a, b) {return b > 0 ? sprintf("%.3f", a / b) : "n/a"}
         BEGIN {print "ratio broadsheet/hugo: wall " ratio(bw, hw) ", CPU " ratio(bc, hc) ", peak RSS " ratio(br, hr)}'
  fi
}

# The files of broadsheet's image cache of the $1-photograph site newer than file $2.
cache_writes() {
  local cache="$work/$1/broadsheet/.broadsheet-cache"
  if [[ -d $cache ]]; then find "$cache" -type f -newer "$2" | wc -l; else echo 0; fi
}

mkdir -p "$work/out"
for n in $(printf '%s\n' $photos | sort -rn); do
  echo "== generating $n photographs and their sites (seed $seed)"
  "$bin/examples/photo_corpus" --photos "$n" --out "$work/$n" --pool "$work/pool" --seed "$seed" --force >/dev/null
done
# A build does not trust the stamps of files changed in the two seconds before it
# (README, The command line): let the new corpora age past that.
sleep 2

for n in $(printf '%s\n' $photos | sort -n); do
  tools=(broadsheet)
  [[ -n "$hugo_wanted" && " $hugo_photos " == *" $n "* ]] && tools+=(hugo)
  compare cold "$n" "${tools[@]}"
  echo "broadsheet wrote $(find "$work/out/broadsheet-$n" -type f | wc -l) files" \
    "($(du -sm "$work/out/broadsheet-$n" | cut -f1) MB, image cache $(du -sm "$work/$n/broadsheet/.broadsheet-cache" 2>/dev/null | cut -f1 || echo 0) MB)$(
    [[ ${#tools[@]} == 2 ]] && echo ", Hugo $(find "$work/out/hugo-$n" -type f | wc -l) files ($(du -sm "$work/out/hugo-$n" | cut -f1) MB, resources $(du -sm "$work/$n/hugo/resources" | cut -f1) MB)")"
  touch "$work/before-rebuilds"
  sleep 1
  compare rebuild "$n" "${tools[@]}"
  echo "files of broadsheet's image cache written by the $runs rebuilds: $(cache_writes "$n" "$work/before-rebuilds")"
  forget broadsheet "$n"
  forget hugo "$n"
done

echo
echo "== broadsheet's peak RSS by count of photographs (median of the cold builds)"
for n in $(printf '%s\n' $photos | sort -n); do
  echo "$n photographs: $(median "$work/cold-broadsheet-$n.txt" 3) MB"
done
