#!/usr/bin/env python3
"""Bytes a reader's first search transfers, measured in Chromium on a generated corpus.

Generates a news corpus (10,000 articles by default) with benches/corpus.py, builds it
with broadsheet for a loopback address, serves the output as a web host does (gzip for
the clients that ask for it, which browsers do; --no-gzip serves the files as they
are), then opens each query's search page (`/search/?q=...`, `/ja/search/?q=...`) in
a fresh headless Chromium (an empty cache) and sums the Resource Timing entries of the
search script and the index files the page fetched until its results were shown:
`transferSize` (the bytes on the wire, headers included) and `decodedBodySize` (the
files' own bytes). The page itself (its HTML, stylesheet and theme script) is reported
apart, as every page of the site costs the same.

The page is measured from a small same-origin page that holds the search page in a
frame and reads the frame's entries once its status line is written; Chromium prints
that page's DOM (`--dump-dom`), so no driver is needed.

    cargo build --release
    python3 benches/search_transfer.py [--articles 10000] [--work /dev/shm/search-bench]
        [--binary target/release/broadsheet] [--query fr:election --query ja:選挙 ...]

Everything generated is deleted at the end unless --keep. Python 3 standard library only.
"""

import argparse
import gzip
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEN_CORPUS = REPO / "benches" / "corpus.py"
QUERIES = ["fr:election", "fr:reforme des retraites", "fr:banque", "ja:選挙", "ja:年金改革", "ja:東京", "ja:党"]
BUDGET = 300 * 1024
MEASURE_PAGE = "/__measure.html"

# Holds the search page in a frame; once its status line says something (results, no
# results or an error), writes the frame's resource entries as JSON into <pre>.
MEASURE_HTML = """<!doctype html><meta charset="utf-8"><title>measure</title>
<iframe id="f" width="1366" height="900"></iframe><pre id="out">waiting</pre>
<script>
const frame = document.getElementById("f");
frame.src = new URLSearchParams(location.search).get("page");
function poll() {
  const doc = frame.contentDocument;
  const status = doc && doc.querySelector(".search-status");
  const root = doc && doc.querySelector("[data-search-page]");
  if (status && status.textContent && !root.hasAttribute("aria-busy")) {
    const entries = frame.contentWindow.performance.getEntriesByType("resource").map((e) => ({
      name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
    }));
    const nav = frame.contentWindow.performance.getEntriesByType("navigation")[0];
    document.getElementById("out").textContent = JSON.stringify({
      status: status.textContent, results: doc.querySelectorAll(".search-results > li").length,
      page: {transfer: nav.transferSize, decoded: nav.decodedBodySize}, entries,
    });
  } else {
    setTimeout(poll, 50);
  }
}
frame.addEventListener("load", poll);
</script>
"""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000, help="content files in the corpus (default 10000)")
    p.add_argument("--binary", default=str(REPO / "target" / "release" / "broadsheet"), help="the broadsheet binary")
    p.add_argument("--work", help="folder for the corpus and its output (default: a temporary folder in /dev/shm)")
    p.add_argument("--corpus-generator", default=str(GEN_CORPUS), help="the corpus generator (default benches/corpus.py)")
    p.add_argument("--seed", type=int, default=1, help="the corpus's seed (default 1)")
    p.add_argument("--query", action="append", help="LANG:TEXT, repeatable (default: a few in fr and ja)")
    p.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    p.add_argument("--chromium", default="/usr/bin/chromium", help="the browser (default /usr/bin/chromium)")
    p.add_argument("--keep", action="store_true", help="keep the corpus and its output")
    return p.parse_args()


def serve(root, compress):
    """Serves `root` on a free loopback port from a thread; returns the port."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a):
            pass

        def do_GET(self):
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if path == MEASURE_PAGE:
                return self.send_bytes(MEASURE_HTML.encode(), "text/html; charset=utf-8")
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                return self.send_error(404)
            kind = self.guess_type(str(file))
            if file.suffix == ".json":
                kind = "application/json"
            self.send_bytes(file.read_bytes(), kind)

        def send_bytes(self, body, kind):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            if compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def measure(chromium, url):
    """The JSON the measuring page writes, for the search page at `url`."""
    with tempfile.TemporaryDirectory(dir="/dev/shm") as profile:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=30000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    text = done.stdout
    start, end = text.find('<pre id="out">'), text.find("</pre>")
    raw = text[start + len('<pre id="out">'):end]
    raw = raw.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        sys.exit(f"no measurement for {url}: {raw[:200]!r}\n{done.stderr[-2000:]}")


def search_part(entry):
    path = urllib.parse.urlsplit(entry["name"]).path
    return "/search/index/" in path or path.endswith("/search.js")


def main():
    args = parse_args()
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: cargo build --release")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="search-bench.", dir="/dev/shm"))
    try:
        corpus = work / "corpus"
        if not (corpus / "site.toml").exists():
            subprocess.run([sys.executable, args.corpus_generator, "--articles", str(args.articles), "--out",
                            str(corpus), "--flavor", "broadsheet", "--seed", str(args.seed)], check=True)
        public = work / "public"
        port = serve(public, not args.no_gzip)
        origin = f"http://127.0.0.1:{port}"
        subprocess.run([args.binary, "build", "--root", str(corpus), "--output", str(public), "--base-url",
                        origin + "/", "--replace-output"], check=True)
        for folder in sorted(public.glob("**/search/index")):
            meta = json.loads((folder / "meta.json").read_text())
            files = [f for f in folder.rglob("*") if f.is_file()]
            largest = max(f.stat().st_size for f in (folder / "t").iterdir())
            print(f"{meta['lang']} index: {meta['docs']} docs, {len(files)} files, {meta['shards']} shards "
                  f"(largest {largest / 1024:.0f} KB), chunks of {meta['chunk']}, "
                  f"{sum(f.stat().st_size for f in files) / 1024:.0f} KB in all")
        print(f"served with {'gzip' if not args.no_gzip else 'no compression'}")
        print(f"{'query':<28} {'shown':>6} {'files':>6} {'transfer KB':>12} {'decoded KB':>11} {'page KB':>8}  status")
        worst = 0
        for spec in args.query or QUERIES:
            lang, _, text = spec.partition(":")
            prefix = "" if lang == "fr" else f"/{lang}"
            page = f"{prefix}/search/?q={urllib.parse.quote(text)}"
            result = measure(args.chromium, f"{origin}{MEASURE_PAGE}?page={urllib.parse.quote(page)}")
            mine = [e for e in result["entries"] if search_part(e)]
            transfer = sum(e["transfer"] for e in mine)
            decoded = sum(e["decoded"] for e in mine)
            others = result["page"]["transfer"] + sum(e["transfer"] for e in result["entries"] if not search_part(e))
            worst = max(worst, transfer)
            print(f"{spec:<28} {result['results']:>6} {len(mine):>6} {transfer / 1024:>12.1f} "
                  f"{decoded / 1024:>11.1f} {others / 1024:>8.1f}  {result['status']}")
        verdict = "within" if worst <= BUDGET else "OVER"
        print(f"largest first search: {worst / 1024:.1f} KB, {verdict} the budget of {BUDGET // 1024} KB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
