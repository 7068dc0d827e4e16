#!/usr/bin/env python3
"""Reload latency of `broadsheet serve`: from an article's file write to the reload event.

Generates a news corpus (10,000 articles by default) with benches/corpus.py, or with
the generator given with --corpus-generator, starts `broadsheet serve --port 0` on it,
listens on the live-reload event stream like an open page, then edits one article at a
time and measures the time from the write to the `build` event naming that article's
page. That time includes the watcher's debounce, the incremental rebuild and the event
itself. Prints each run, then the median and the spread, and the server's own rebuild
lines (how many outputs each edit rendered).

    cargo build --release
    python3 benches/serve_reload.py [--articles 10000] [--runs 30] [--binary target/release/broadsheet]

Python 3 standard library only.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEN_CORPUS = REPO / "benches" / "corpus.py"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000, help="content files in the corpus (default 10000)")
    p.add_argument("--runs", type=int, default=30, help="edits to measure (default 30)")
    p.add_argument("--binary", default=str(REPO / "target" / "release" / "broadsheet"), help="the broadsheet binary")
    p.add_argument("--corpus", help="use or create the corpus in this folder (default: a temporary folder)")
    p.add_argument("--corpus-generator", default=str(GEN_CORPUS), help="the corpus generator (default benches/corpus.py)")
    p.add_argument("--seed", type=int, default=1, help="the corpus's seed (default 1)")
    p.add_argument("--pause", type=float, default=0.3, help="seconds between edits (default 0.3)")
    return p.parse_args()


def make_corpus(args, folder):
    if not (folder / "site.toml").exists():
        subprocess.run(
            [sys.executable, args.corpus_generator, "--articles", str(args.articles), "--out", str(folder),
             "--flavor", "broadsheet", "--seed", str(args.seed)],
            check=True,
        )
    return folder


class Server:
    """`broadsheet serve` on a free port, its stdout lines collected by a thread."""

    def __init__(self, binary, root):
        self.lines = []
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [binary, "serve", "--root", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        threading.Thread(target=self._collect, daemon=True).start()
        while not any(line.startswith("Serving the site at ") for line in self.lines):
            if self.proc.poll() is not None:
                sys.exit("serve stopped:\n" + "\n".join(self.lines))
            time.sleep(0.05)
        self.startup = time.perf_counter() - started
        url = next(line for line in self.lines if line.startswith("Serving the site at ")).split()[4].rstrip("/")
        host, port = url.removeprefix("http://").rsplit(":", 1)
        self.addr = (host, int(port))

    def _collect(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Events:
    """The live-reload event stream, read as a page's script reads it."""

    def __init__(self, addr):
        self.sock = socket.create_connection(addr)
        self.sock.sendall(f"GET /__broadsheet/events HTTP/1.1\r\nHost: {addr[0]}\r\n\r\n".encode())
        self.file = self.sock.makefile("r", encoding="utf-8", newline="\n")
        while self.file.readline() not in ("\r\n", ""):
            pass

    def next(self):
        name, data = "", ""
        for line in self.file:
            line = line.rstrip("\n")
            if not line and data:
                return name, json.loads(data)
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
        raise SystemExit("the event stream closed")

    def wait_for_change(self, output):
        while True:
            name, message = self.next()
            if message.get("errors"):
                raise SystemExit("build error: " + "\n".join(message["errors"]))
            if name == "build" and (message.get("all") or output in message.get("changed", [])):
                return


def output_of(path, text):
    """The output path of an article file (`articles/x/index.html`, `en/articles/x/index.html`)."""
    stem = path.name.removesuffix(".md")
    lang = ""
    if re.fullmatch(r".+\.[a-z]{2}", stem):
        stem, lang = stem.rsplit(".", 1)
    slug = re.search(r'^slug = "(.*)"$', text, re.M)
    slug = slug.group(1) if slug else re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
    prefix = f"{lang}/" if lang and lang != "fr" else ""
    return f"{prefix}articles/{slug}/index.html"


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_corpus(args, Path(args.corpus) if args.corpus else Path(tmp) / "corpus")
        articles = sorted((root / "content" / "articles").glob("*.md"))
        server = Server(args.binary, root)
        print(f"serve: {len(articles)} articles, first build and start in {server.startup:.1f} s")
        events = Events(server.addr)
        events.next()
        timings = []
        try:
            for run in range(args.runs):
                path = articles[(run * 7919) % len(articles)]
                text = path.read_text(encoding="utf-8")
                output = output_of(path, text)
                edited = text.rstrip("\n") + f"\n\nMesure {run}.\n"
                time.sleep(args.pause)
                start = time.perf_counter()
                path.write_text(edited, encoding="utf-8")
                events.wait_for_change(output)
                elapsed = (time.perf_counter() - start) * 1000
                timings.append(elapsed)
                print(f"run {run + 1:2}: {elapsed:6.1f} ms  {path.name}")
        finally:
            time.sleep(0.2)
            server.stop()
        rebuilds = [line for line in server.lines if " changed: " in line]
        for line in rebuilds[-3:]:
            print("server:", line)
        rendered = [int(m.group(1)) for m in (re.search(r": (\d+) of \d+ outputs rendered", l) for l in rebuilds) if m]
        print(
            f"write to reload event, {len(timings)} edits: median {statistics.median(timings):.1f} ms, "
            f"min {min(timings):.1f}, max {max(timings):.1f}, "
            f"p90 {statistics.quantiles(timings, n=10)[-1]:.1f} ms; "
            f"outputs rendered per edit: median {statistics.median(rendered):.0f}, max {max(rendered)}"
        )


if __name__ == "__main__":
    main()
