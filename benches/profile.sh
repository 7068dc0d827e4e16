#!/usr/bin/env bash
# Where the time of a full build goes, stage by stage, from a sampled perf profile.
#
#   benches/profile.sh [--articles N] [--seed S] [--corpus-generator PATH] [--work DIR]
#
# Generates a news corpus of N articles (default 10000) with benches/corpus.py (or the
# generator given with --corpus-generator), builds broadsheet in release mode (without
# LTO, see below), makes one untimed build (so that the content is in the page cache),
# then records a full build into a fresh output folder with `perf record --call-graph
# dwarf` and prints, for each stage, the share of the samples taken inside it (its
# callees included): reading the content, front matter, Markdown (highlighting apart),
# highlighting, page templates (JSON-LD apart), JSON-LD, feeds, sitemaps, the search
# index (and, within it, tokenizing its documents, gathering the postings of its
# terms, and reading the documents' plain text and excerpts), writing files, and the
# allocator. Shares are of all samples of the process, kernel time included; what no
# stage claims is "other" (thread start-up, the model's links and lists, the route
# table, compiling the templates, the kernel outside file writes, samples whose stack
# could not be unwound). Each stage is the functions listed in STAGES below, by their
# full path in src/: a stage none of whose functions took a sample is reported, as
# its functions were probably renamed or moved. Needs perf (Debian: apt-get install
# linux-perf).
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
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
[[ -f "$generator" ]] || { echo "corpus generator not found at $generator (pass --corpus-generator PATH)" >&2; exit 1; }
if [[ -z "$work" ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-profile.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# Compiled without the release profile's whole-program optimisation (in a target
# folder of its own), so that each stage's functions keep their names: with it, most
# are inlined into their callers and the samples cannot be told apart by stage. The
# shares are of that build, which takes about 5% more time than the one that ships.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --target-dir "$repo/target/profile"
broadsheet="$repo/target/profile/release/broadsheet"
python3 "$generator" --articles "$articles" --out "$work/site" --flavor broadsheet --seed "$seed" --force >/dev/null
# Both builds start from nothing: an earlier run's output in a reused --work folder
# would hold its search terms, and the profile would not be of a full build.
source "$repo/benches/lib.sh"
discard "$work/warm-up"
discard "$work/public"
"$broadsheet" build --quiet --root "$work/site" --output "$work/warm-up"
perf record --quiet --call-graph dwarf,65528 -F 499 -o "$work/perf.data" -- \
  "$broadsheet" build --quiet --root "$work/site" --output "$work/public"
perf report --input "$work/perf.data" --children --sort sym --stdio -g none 2>/dev/null >"$work/report-full.txt"
grep '%' "$work/report-full.txt" >"$work/report.txt"
samples=$(awk '/^# Samples:/ {print $3; exit}' "$work/report-full.txt")

# The functions whose samples (callees included) make each stage, by their path in
# src/. A stage's functions must not call one another (their shares are added up),
# and the ones that run on the rayon pool are named themselves: a worker thread's
# stack does not hold the function that handed it the work.
#   reading: listing the files, queueing their reads (a thread of its own), reading
#     each one (src/load.rs)
#   front matter: splitting and parsing each file's front matter (src/model/parse.rs)
#   Markdown: the body and the news summary (src/markdown.rs), highlighting included
#   pages: a page's context (src/render/mod.rs, src/render/publishing.rs), JSON-LD
#     included, and its template, named by Tera's interpreter (the calls that lead
#     to it are inlined or not from one build to the next)
#   search: the excerpts are cut by src/excerpt.rs, which also cuts the descriptions
#     of articles that have none (every article of the benchmark corpus has one)
#   writing: claiming the output folder (src/output/claim.rs, with its scan of the
#     previous output in src/output/tree.rs), staging each file and sealing the new
#     output (src/output/staging.rs), putting it in place (Sealed::commit, with
#     src/output/swap.rs and the deletion of the old one in src/output/tree.rs)
declare -A STAGES=(
  [load]="broadsheet::load::list_markdown_files broadsheet::load::prefetch broadsheet::load::read_source"
  [front]="broadsheet::model::parse::parse_file"
  [markdown]="broadsheet::markdown::render"
  [highlight]="broadsheet::highlight::highlight"
  [pages]="broadsheet::render::Renderer::context tera::vm::interpreter::VirtualMachine::interpret"
  [jsonld]="broadsheet::structured_data::json_ld"
  [feeds]="broadsheet::feeds::Feeds::render"
  [sitemaps]="broadsheet::sitemap::Sitemaps::urlset broadsheet::sitemap::Sitemaps::index broadsheet::sitemap::Sitemaps::news"
  [search]="broadsheet::search::terms::DocTerms::of broadsheet::search::text::push_text broadsheet::excerpt::excerpt broadsheet::search::index::LanguageIndex::build broadsheet::search::files::shard broadsheet::search::files::records"
  [terms]="broadsheet::search::terms::DocTerms::of"
  [postings]="broadsheet::search::index::LanguageIndex::build"
  [text]="broadsheet::search::text::push_text broadsheet::excerpt::excerpt"
  [write]="broadsheet::output::claim::claim broadsheet::output::staging::Staging::write broadsheet::output::staging::Staging::seal broadsheet::output::staging::Sealed::commit"
)

# Share (in %) of the samples inside function $1, its callees included; empty when
# the profile has no sample in it.
inclusive() {
  awk -v sym="$1" '$4 == sym || $4 == sym "::{{closure}}" {print $1 + 0; exit}' "$work/report.txt"
}
# Sets variable $1 to the share of the samples in the functions of stage $1, added up;
# notes the stage in `missing` when none of them took a sample.
missing=()
stage() {
  local f share total=0 seen=""
  for f in ${STAGES[$1]}; do
    share=$(inclusive "$f")
    if [[ -n "$share" ]]; then
      seen=1
      total=$(awk -v a="$total" -v b="$share" 'BEGIN {print a + b}')
    fi
  done
  [[ -n "$seen" ]] || missing+=("$1: ${STAGES[$1]}")
  printf -v "$1" '%s' "$total"
}
# Share of the samples in the allocator's own code.
allocator() {
  awk '$4 ~ /^(malloc|_int_malloc|_int_free|_int_realloc|realloc|cfree@GLIBC.*|free|unlink_chunk.*|malloc_consolidate|sysmalloc)$/ {s += $2 + 0}
       END {print s + 0}' "$work/report.txt"
}

for s in load front markdown highlight pages jsonld feeds sitemaps search terms postings text write; do
  stage "$s"
done
alloc=$(allocator)

echo "== where a full build of $articles articles spends its time (% of its ${samples:-?} samples)"
awk -v load="$load" -v front="$front" -v md="$markdown" -v hl="$highlight" -v pages="$pages" -v jsonld="$jsonld" \
    -v feeds="$feeds" -v sitemaps="$sitemaps" -v search="$search" -v terms="$terms" -v postings="$postings" -v text="$text" -v write="$write" -v alloc="$alloc" 'BEGIN {
  row("reading the content", load)
  row("front matter", front)
  row("Markdown (without highlighting)", md - hl)
  row("code highlighting", hl)
  row("page templates (without JSON-LD)", pages - jsonld)
  row("JSON-LD", jsonld)
  row("feeds", feeds)
  row("sitemaps", sitemaps)
  row("search index (its files apart)", search)
  row("  of which tokenizing", terms)
  row("  of which gathering postings", postings)
  row("  of which plain text and excerpts", text)
  row("writing files (claim, staging, commit)", write)
  row("other", 100 - load - front - md - pages - feeds - sitemaps - search - write)
  printf "\n%-40s %5.1f%%  (spread over the stages above)\n", "of which the allocator", alloc
}
function row(name, share) { printf "%-40s %5.1f%%\n", name, share }'
if ((${#missing[@]})); then
  echo
  echo "no sample in any function of these stages (renamed or moved? see STAGES in $0):"
  printf '  %s\n' "${missing[@]}"
fi
