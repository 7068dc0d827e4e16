/*
 * broadsheet default theme: the reader's search, on the search page of each language.
 *
 * An ES module without dependencies. It reads the index that the build writes under
 * the language's search page (docs/themes.md, "Search"): meta.json first, then only
 * the term shards the query needs, the list of a chosen filter, and the doc chunks of
 * the results on screen. Text is folded and cut into terms exactly as the build does,
 * so that "election" finds "élection", a Japanese word inside a sentence finds its
 * article, and a Korean word finds the text where a particle follows it.
 *
 * Reader-facing strings come from the page (data-* attributes the template writes,
 * escaped); results are built with textContent only. The query and filters live in the
 * address (?q=, ?tag=, ?region=, ?category=, ?sort=date), so that the header's plain
 * form lands here and a search can be shared.
 */

// ---------------------------------------------------------------- folding and terms

const FOLDED_SCRIPT =
  /[\p{Script_Extensions=Latin}\p{Script_Extensions=Greek}\p{Script_Extensions=Cyrillic}\p{Script_Extensions=Arabic}]/u;
const NONSPACING_MARK = /\p{Mn}/u;
const NONSPACING_MARKS = /\p{Mn}/gu;
const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
const CJK_CHAR =
  /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]/u;
const MAX_TERM_CHARS = 40;

/**
 * Folds `chars` (NFKC and lowercased already) one at a time, calling `emit` with each
 * one's folded form (maybe empty): a letter of the Latin, Greek, Cyrillic or Arabic
 * scripts (by Script_Extensions) loses the nonspacing marks of its decomposition, and
 * so do the marks that follow it (harakat); other characters stay as they are.
 */
function foldEach(chars, emit) {
  let afterFolded = false;
  for (const ch of chars) {
    if (NONSPACING_MARK.test(ch)) {
      emit(afterFolded ? "" : ch);
      continue;
    }
    afterFolded = FOLDED_SCRIPT.test(ch);
    emit(afterFolded ? ch.normalize("NFD").replace(NONSPACING_MARKS, "") : ch);
  }
}

/** Text as the index compares it: NFKC, lower case, accents of the folded scripts dropped. */
export function fold(text) {
  let out = "";
  foldEach(text.normalize("NFKC").toLowerCase(), (piece) => {
    out += piece;
  });
  return out;
}

/**
 * The runs of text, folded: [{text, cjk}], maximal runs of alphanumeric characters,
 * CJK characters (Han, kana, Hangul) in runs of their own.
 */
function runs(folded) {
  const out = [];
  let run = null;
  for (const ch of folded) {
    if (!WORD_CHAR.test(ch)) {
      run = null;
      continue;
    }
    const cjk = CJK_CHAR.test(ch);
    if (!run || run.cjk !== cjk) {
      run = { chars: [], cjk };
      out.push(run);
    }
    run.chars.push(ch);
  }
  return out;
}

/** The terms of one run: CJK bigrams (or the lone character), else the run cut to 40 chars. */
function runTerms(run) {
  const chars = run.chars;
  if (run.cjk) {
    if (chars.length === 1) {
      return [chars[0]];
    }
    const bigrams = [];
    for (let i = 0; i + 1 < chars.length; i++) {
      bigrams.push(chars[i] + chars[i + 1]);
    }
    return bigrams;
  }
  return chars.length >= 2 ? [chars.slice(0, MAX_TERM_CHARS).join("")] : [];
}

/** The terms of `text`, in order, as a query is cut (the index adds each ideograph alone). */
export function terms(text) {
  return runs(fold(text)).flatMap(runTerms);
}

/**
 * A query's terms, without repeats: [{term, prefix}]. The last one also matches as a
 * prefix when it is not CJK and the reader is still typing it (no space after it).
 */
export function queryTerms(query) {
  const all = runs(fold(query));
  const last = all[all.length - 1];
  const typing = last && !last.cjk && !/\s$/u.test(query);
  const seen = new Map();
  for (const run of all) {
    for (const term of runTerms(run)) {
      const prefix = typing && run === last;
      seen.set(term, (seen.get(term) || false) || prefix);
    }
  }
  return Array.from(seen, ([term, prefix]) => ({ term, prefix }));
}

/**
 * The key of a term's shard: its first two characters, one more for each of its
 * beginnings that the index split (`split`, a Set), or all of it when it is shorter.
 */
export function shardKey(term, split) {
  const chars = Array.from(term);
  let length = Math.min(2, chars.length);
  while (length < chars.length && split.has(chars.slice(0, length).join(""))) {
    length += 1;
  }
  return chars.slice(0, length).join("");
}

/** The shard of a term: FNV-1a (32 bits) of its key's UTF-8 bytes, modulo the shard count. */
export function shardOf(term, shards, split) {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(shardKey(term, split))) {
    hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  }
  return hash % shards;
}

// ---------------------------------------------------------------- the index

/** Postings [delta, weight, ...] as a Map doc id -> weight. */
function decodePostings(flat, into) {
  let doc = 0;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    doc += flat[i];
    const weight = flat[i + 1];
    if (!(into.get(doc) >= weight)) {
      into.set(doc, weight);
    }
  }
  return into;
}

/** One language's index, fetched a file at a time and kept for the page's life. */
class Index {
  constructor(base) {
    this.base = base;
    this.files = new Map();
  }

  json(path) {
    if (!this.files.has(path)) {
      const answer = fetch(this.base + path).then((response) => {
        if (!response.ok) {
          throw new Error(`${path}: ${response.status}`);
        }
        return response.json();
      });
      // A failed fetch is tried again at the next search.
      answer.catch(() => this.files.delete(path));
      this.files.set(path, answer);
    }
    return this.files.get(path);
  }

  meta() {
    return this.json("meta.json");
  }

  /** The split shard keys, as a Set. */
  async split() {
    const meta = await this.meta();
    this.splitKeys ||= new Set(meta.split);
    return this.splitKeys;
  }

  /** The docs of one query term, doc id -> weight (for a prefix, the best of its terms). */
  async postings({ term, prefix }) {
    const meta = await this.meta();
    const shard = await this.json(`t/${shardOf(term, meta.shards, await this.split())}.json`);
    const found = new Map();
    if (Object.hasOwn(shard, term)) {
      decodePostings(shard[term], found);
    }
    if (prefix) {
      for (const key of Object.keys(shard)) {
        if (key !== term && key.startsWith(term)) {
          decodePostings(shard[key], found);
        }
      }
    }
    return found;
  }

  filter(kind, key) {
    return this.json(`f/${kind}/${encodeURIComponent(key)}.json`);
  }

  async doc(id) {
    const meta = await this.meta();
    const chunk = await this.json(`d/${Math.floor(id / meta.chunk)}.json`);
    return chunk[id % meta.chunk];
  }
}

/**
 * The doc ids matching `query` and `filters` ({kind: key}), best first (or newest first
 * with `byDate`); null when there is nothing to search for.
 */
export async function search(index, query, filters, byDate) {
  const wanted = queryTerms(query);
  const chosen = Object.entries(filters).filter(([, key]) => key);
  if (!wanted.length && !chosen.length) {
    return null;
  }
  const meta = await index.meta();
  const [postings, lists] = await Promise.all([
    Promise.all(wanted.map((t) => index.postings(t))),
    Promise.all(chosen.map(([kind, key]) => index.filter(kind, key))),
  ]);
  let scores = null;
  // Rarest first, so that the candidates only shrink.
  for (const found of postings.sort((a, b) => a.size - b.size)) {
    const rarity = Math.log(1 + meta.docs / Math.max(1, found.size));
    const next = new Map();
    for (const [doc, weight] of scores || found) {
      const own = scores ? found.get(doc) : weight;
      if (own !== undefined) {
        next.set(doc, (scores ? weight : 0) + own * rarity);
      }
    }
    scores = next;
  }
  for (const list of lists) {
    const keep = new Set(list);
    if (scores) {
      for (const doc of scores.keys()) {
        if (!keep.has(doc)) {
          scores.delete(doc);
        }
      }
    } else {
      scores = new Map(list.map((doc) => [doc, 0]));
    }
  }
  const ids = Array.from(scores.keys());
  // Doc ids are in date order, newest first.
  return byDate || !wanted.length
    ? ids.sort((a, b) => a - b)
    : ids.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
}

// ---------------------------------------------------------------- highlighting

/**
 * Characters that fold together with the one before them: combining marks (`e` and
 * U+0301 are `é`) and the half-width voiced sound marks (`ｶﾞ` is `ガ`).
 */
const JOINS_PREVIOUS = /[\p{M}\uff9e\uff9f]/u;
const LETTER = /\p{L}/u;

/**
 * `text` cut into the pieces that fold on their own: a character and those that
 * join it. Each is [its text, its offset in `text`].
 */
function foldingPieces(text) {
  const pieces = [];
  let offset = 0;
  for (const ch of text) {
    const last = pieces[pieces.length - 1];
    if (last && JOINS_PREVIOUS.test(ch)) {
      last[0] += ch;
    } else {
      pieces.push([ch, offset]);
    }
    offset += ch.length;
  }
  return pieces;
}

/**
 * A piece in NFKC and lower case. A capital sigma that ends a word is a final sigma,
 * as when the whole text is lowercased (`ΟΔΟΣ` is `οδος`).
 */
function lowerPiece(pieces, i) {
  const lower = pieces[i][0].normalize("NFKC").toLowerCase();
  if (lower !== "σ" || pieces[i][0] === "σ") {
    return lower;
  }
  const before = i > 0 && LETTER.test(pieces[i - 1][0]);
  const after = i + 1 < pieces.length && LETTER.test(pieces[i + 1][0]);
  return before && !after ? "ς" : lower;
}

/**
 * `text` folded a piece at a time (see `foldingPieces`), with, for each UTF-16 unit
 * of the folded text, the offset in `text` of the piece it came from.
 */
function foldedWithOffsets(text) {
  let folded = "";
  const from = [];
  const pieces = foldingPieces(text);
  const parts = [];
  pieces.forEach((piece, i) => {
    for (const part of lowerPiece(pieces, i)) {
      parts.push([part, piece[1]]);
    }
  });
  let at = 0;
  foldEach(
    parts.map(([part]) => part),
    (piece) => {
      for (let i = 0; i < piece.length; i++) {
        from.push(parts[at][1]);
      }
      folded += piece;
      at++;
    },
  );
  from.push(text.length);
  return { folded, from };
}

/** What to mark for a query: its words (matched at a word's start) and its CJK runs. */
export function needles(query) {
  return runs(fold(query)).flatMap((run) => {
    if (run.cjk) {
      return [{ text: run.chars.join(""), cjk: true }];
    }
    return run.chars.length >= 2 ? [{ text: run.chars.join(""), cjk: false }] : [];
  });
}

/** The ranges [start, end) of `text` to mark for `found` (from needles), sorted, merged. */
export function matchRanges(text, found) {
  const { folded, from } = foldedWithOffsets(text);
  const ranges = [];
  for (const needle of found) {
    let at = folded.indexOf(needle.text);
    while (at >= 0) {
      let end = at + needle.text.length;
      const before = at > 0 ? folded.slice(at - 1, at) : "";
      if (needle.cjk) {
        ranges.push([from[at], from[end]]);
      } else if (!before || !WORD_CHAR.test(before) || CJK_CHAR.test(before)) {
        // A word matched by its start is marked whole ("élect" marks "élections").
        while (end < folded.length && WORD_CHAR.test(folded[end]) && !CJK_CHAR.test(folded[end])) {
          end++;
        }
        ranges.push([from[at], from[end]]);
      }
      at = folded.indexOf(needle.text, at + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([range[0], range[1]]);
    }
  }
  return merged;
}

const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 240;

/** Moves `at` off the second half of a surrogate pair. */
function onCharacter(text, at) {
  const unit = text.charCodeAt(at);
  return unit >= 0xdc00 && unit <= 0xdfff ? at - 1 : at;
}

/** The part of `text` around its first marked range: [start, end). */
export function excerptWindow(text, ranges) {
  if (text.length <= EXCERPT_LENGTH) {
    return [0, text.length];
  }
  let start = ranges.length ? Math.max(0, ranges[0][0] - EXCERPT_BEFORE) : 0;
  // Start at a word where words are spaced, unless that loses too much.
  const space = text.lastIndexOf(" ", start);
  if (start > 0 && space >= 0 && start - space < 20) {
    start = space + 1;
  }
  start = onCharacter(text, start);
  const end = onCharacter(text, Math.min(text.length, start + EXCERPT_LENGTH));
  return [start, end];
}

// ---------------------------------------------------------------- the page

/**
 * `url` when it is a path on this site (browsers read `/\\host` and `/<tab>/host` as
 * another host), else null.
 */
export function sitePath(url) {
  if (typeof url !== "string" || !url.startsWith("/")) {
    return null;
  }
  const resolved = new URL(url, window.location.href);
  return resolved.origin === window.location.origin ? resolved.pathname + resolved.search + resolved.hash : null;
}

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 200;
const FILTER_KINDS = ["tag", "region", "category"];

/** Text and marks for `text[start, end)`, appended to `parent`. */
function appendMarked(parent, text, ranges, start = 0, end = text.length) {
  let at = start;
  for (const [from, to] of ranges) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b <= a) {
      continue;
    }
    parent.append(text.slice(at, a));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(a, b);
    parent.append(mark);
    at = b;
  }
  parent.append(text.slice(at, end));
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** The reader-facing strings, from the page's data-* attributes. */
class Strings {
  constructor(root) {
    this.data = root.dataset;
    this.lang = document.documentElement.lang || "en";
    this.numbers = new Intl.NumberFormat(this.lang);
    this.plurals = new Intl.PluralRules(this.lang);
  }

  /** "{n} results" in the form `n` takes in the page's language. */
  count(n) {
    const form = this.plurals.select(n);
    const key = "results" + form.charAt(0).toUpperCase() + form.slice(1);
    const text = this.data[key] || this.data.results || "{n}";
    return text.replace("{n}", () => this.numbers.format(n));
  }

  get(name, replacements = {}) {
    let text = this.data[name] || "";
    for (const [key, value] of Object.entries(replacements)) {
      // A function, so that `$&` or `$'` in a query stay as they are.
      text = text.replace(`{${key}}`, () => value);
    }
    return text;
  }
}

/** The search page: its form, status line, results and "more" button. */
class SearchPage {
  constructor(root) {
    this.root = root;
    this.strings = new Strings(root);
    this.index = new Index(root.dataset.index);
    this.form = root.querySelector("form");
    this.input = this.form.elements.q;
    this.sort = this.form.elements.sort;
    this.filters = FILTER_KINDS.map((kind) => this.form.elements[kind]).filter(Boolean);
    this.status = root.querySelector(".search-status");
    this.list = root.querySelector(".search-results");
    this.more = root.querySelector(".search-more");
    this.generation = 0;
    this.timer = 0;
    this.ids = [];
    this.shown = 0;
    this.added = Promise.resolve(true);
    this.needles = [];
  }

  start() {
    this.readAddress();
    for (const hidden of this.root.querySelectorAll("[data-needs-script]")) {
      hidden.hidden = false;
    }
    this.fallback = this.root.querySelector("[data-search-fallback]");
    if (this.fallback) {
      this.fallback.hidden = true;
    }
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    this.input.addEventListener("input", () => this.later());
    for (const control of [this.sort, ...this.filters].filter(Boolean)) {
      control.addEventListener("change", () => this.run());
    }
    this.more.addEventListener("click", () => this.showMore(true));
    window.addEventListener("popstate", () => {
      this.readAddress();
      this.run(false);
    });
    this.run(false);
  }

  /** The form's values from the address (?q=, filters, sort). */
  readAddress() {
    const params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    for (const select of this.filters) {
      const key = params.get(select.name) || "";
      select.value = Array.from(select.options).some((o) => o.value === key) ? key : "";
    }
    if (this.sort) {
      this.sort.value = params.get("sort") === "date" ? "date" : "";
    }
  }

  /** The address of the current search, replacing the page's (no history entry per key). */
  writeAddress() {
    const params = new URLSearchParams();
    if (this.input.value.trim()) {
      params.set("q", this.input.value);
    }
    for (const select of this.filters) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    }
    if (this.sort && this.sort.value) {
      params.set("sort", this.sort.value);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  later() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  async run(write = true) {
    window.clearTimeout(this.timer);
    const generation = ++this.generation;
    if (write) {
      this.writeAddress();
    }
    const query = this.input.value;
    const filters = Object.fromEntries(this.filters.map((s) => [s.name, s.value]));
    const byDate = this.sort && this.sort.value === "date";
    this.root.setAttribute("aria-busy", "true");
    let ids;
    try {
      ids = await search(this.index, query, filters, byDate);
    } catch (error) {
      if (generation === this.generation) {
        this.clear();
        this.failed();
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    this.clear();
    this.needles = needles(query);
    if (ids === null) {
      this.say("");
      return;
    }
    this.ids = ids;
    if (!ids.length) {
      this.say(this.strings.get("noResults", { q: query.trim() }));
      return;
    }
    const shown = await this.showMore(false);
    if (shown && generation === this.generation) {
      this.say(this.strings.count(ids.length));
    }
  }

  clear() {
    this.root.removeAttribute("aria-busy");
    this.list.replaceChildren();
    this.ids = [];
    this.shown = 0;
    this.added = Promise.resolve(true);
    this.more.hidden = true;
  }

  say(text) {
    this.status.textContent = text;
  }

  /** Says that the index could not be loaded, and offers the fallback's links. */
  failed() {
    this.say(this.strings.get("error"));
    if (this.fallback) {
      this.fallback.querySelector(".search-waiting")?.remove();
      this.fallback.classList.add("search-fallback-shown");
      this.fallback.hidden = false;
    }
  }

  /**
   * Shows the next page of results; with `focus`, moves focus to the first new one.
   * Resolves to whether it could. The page is taken before its records are fetched,
   * and pages are added in order, so a second click while they load shows the page
   * after it, below.
   */
  showMore(focus) {
    const generation = this.generation;
    const next = this.ids.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += next.length;
    this.more.hidden = this.shown >= this.ids.length;
    const fetched = Promise.all(next.map((id) => this.index.doc(id)));
    const before = this.added;
    const added = (async () => {
      await before;
      let docs;
      try {
        docs = await fetched;
      } catch (error) {
        if (generation === this.generation) {
          this.failed();
        }
        return false;
      }
      if (generation !== this.generation) {
        return false;
      }
      const items = docs.filter(Boolean).map((doc) => this.result(doc));
      this.list.append(...items);
      const first = items.length && items[0].querySelector("a[href]");
      if (focus && first) {
        first.focus();
      }
      return true;
    })();
    this.added = added;
    return added;
  }

  /** One result, as the theme's article cards: category, linked title, date and
   * regions, excerpt; the query's matches marked in the title and excerpt. */
  result(doc) {
    const card = element("div", "card-body");
    if (doc.c) {
      card.append(element("p", "kicker", doc.c));
    }
    const heading = element("h2", "card-title");
    const link = element("a");
    // Addresses of the site only: from its root, never another scheme or host.
    const target = sitePath(doc.u);
    if (target) {
      link.href = target;
    }
    appendMarked(link, doc.t, matchRanges(doc.t, this.needles));
    heading.append(link);
    card.append(heading);

    // Pages have neither date nor regions.
    const dateline = element("p", "dateline");
    if (doc.dd) {
      const date = element("time", "", doc.dd);
      date.dateTime = doc.d;
      dateline.append(date);
    }
    if (doc.r && doc.r.length) {
      if (doc.dd) {
        const separator = element("span", "meta-sep", "·");
        separator.setAttribute("aria-hidden", "true");
        dateline.append(separator);
      }
      dateline.append(element("span", "search-regions", doc.r.join(this.strings.get("separator"))));
    }
    if (dateline.childNodes.length) {
      card.append(dateline);
    }

    if (doc.x) {
      const ranges = matchRanges(doc.x, this.needles);
      const [start, end] = excerptWindow(doc.x, ranges);
      const excerpt = element("p", "card-description search-excerpt");
      appendMarked(excerpt, doc.x, ranges, start, end);
      if (start > 0) {
        excerpt.prepend("… ");
      }
      if (end < doc.x.length) {
        excerpt.append(" …");
      }
      card.append(excerpt);
    }
    const article = element("article", "card search-result");
    article.append(card);
    const item = element("li");
    item.append(article);
    return item;
  }
}

const root = document.querySelector("[data-search-page]");
if (root) {
  new SearchPage(root).start();
}
