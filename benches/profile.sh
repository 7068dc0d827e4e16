#!/usr/bin/env bash
# Where the time of a full build goes, stage by stage, from a sampled perf profile.
#
#   benches/profile.sh [--articles N] [--seed S] [--corpus-generator PATH] [--work DIR]
#
# Generates a news corpus of N articles (default 10000) with benches/corpus.py (or the
# generator given with --corpus-generator), builds broadsheet in release mode, makes
# one untimed build (so that the content is in the page cache), then records a full
# build into a fresh output folder with `perf record --call-graph dwarf` and prints,
# for each stage, the share of the samples taken inside it (its callees included):
# reading the content, front matter, Markdown (highlighting apart), highlighting, page
# templates (JSON-LD apart), JSON-LD, feeds, sitemaps, writing files, and the
# allocator. Shares are of all samples of the process, kernel time included; what no
# stage claims is "other" (thread start-up, the route table, the kernel outside file
# writes, samples whose stack could not be unwound). Needs perf (Debian: apt-get
# install linux-perf).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
articles=10000
seed=1
generator="$repo/benches/corpus.py"
work=""

while (($#)); do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --corpus-generator) generator=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
[[ -f "$generator" ]] || { echo "corpus generator not found at $generator (pass --corpus-generator PATH)" >&2; exit 1; }
if [[ -z "$work" ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-profile.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
broadsheet="$repo/target/release/broadsheet"
python3 "$generator" --articles "$articles" --out "$work/site" --flavor broadsheet --seed "$seed" --force >/dev/null
"$broadsheet" build --quiet --root "$work/site" --output "$work/warm-up"
perf record --quiet --call-graph dwarf,32768 -F 499 -o "$work/perf.data" -- \
  "$broadsheet" build --quiet --root "$work/site" --output "$work/public"
perf report --input "$work/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep '%' >"$work/report.txt"

# Share (in %) of the samples inside function $1, its callees included.
inclusive() {
  awk -v sym="$1" '$4 == sym || $4 == sym "::{{closure}}" {print $1 + 0; exit}' "$work/report.txt" | grep . || echo 0
}
# Share of the samples in the allocator's own code.
allocator() {
  awk '$4 ~ /^(malloc|_int_malloc|_int_free|_int_realloc|realloc|cfree@GLIBC.*|free|unlink_chunk.*|malloc_consolidate|sysmalloc)$/ {s += $2 + 0}
       END {print s + 0}' "$work/report.txt"
}

load=$(inclusive broadsheet::load::read_source)
front=$(inclusive broadsheet::model::parse_file)
markdown=$(inclusive broadsheet::markdown::render)
highlight=$(inclusive broadsheet::highlight::highlight)
pages=$(inclusive broadsheet::render::Renderer::render_page)
jsonld=$(inclusive broadsheet::structured_data::json_ld)
feeds=$(inclusive broadsheet::feeds::Feeds::render)
sitemaps=$(inclusive broadsheet::sitemap::Sitemaps::urlset)
write=$(awk -v a="$(inclusive broadsheet::output::Staging::write)" -v b="$(inclusive broadsheet::output::Staging::commit)" 'BEGIN {print a + b}')
alloc=$(allocator)

echo "== where a full build of $articles articles spends its time (% of all its samples)"
awk -v load="$load" -v front="$front" -v md="$markdown" -v hl="$highlight" -v pages="$pages" -v jsonld="$jsonld" \
    -v feeds="$feeds" -v sitemaps="$sitemaps" -v write="$write" -v alloc="$alloc" 'BEGIN {
  row("reading the content", load)
  row("front matter", front)
  row("Markdown (without highlighting)", md - hl)
  row("code highlighting", hl)
  row("page templates (without JSON-LD)", pages - jsonld)
  row("JSON-LD", jsonld)
  row("feeds", feeds)
  row("sitemaps", sitemaps)
  row("writing files (staging and commit)", write)
  row("other", 100 - load - front - md - pages - feeds - sitemaps - write)
  printf "\n%-40s %5.1f%%  (spread over the stages above)\n", "of which the allocator", alloc
}
function row(name, share) { printf "%-40s %5.1f%%\n", name, share }'
