//! The search index `build` writes: one per language under `<lang>/search/index/`,
//! read here as the theme's script reads it (the shard of a term by FNV-1a of its
//! key, postings delta-coded, doc records in chunks), with the
//! search page beside it; `[search]` in site.toml turning it off or failing at the
//! line of a bad value; the same bytes from build to build; and a rebuild after one
//! edit tokenizing that article alone.

mod common;

use common::{Site, assert_build_fails, read_tree};
use serde_json::Value;

/// The prefix of each language of the `multilingual` fixture.
const LANGUAGES: [(&str, &str); 5] = [("fr", ""), ("en", "en/"), ("ja", "ja/"), ("ko", "ko/"), ("ar", "ar/")];

/// A built index, read from the output as the theme's script reads it.
struct Index<'s> {
    site: &'s Site,
    dir: String,
    meta: Value,
}

impl<'s> Index<'s> {
    fn of(site: &'s Site, prefix: &str) -> Index<'s> {
        let dir = format!("{prefix}search/index/");
        let meta = serde_json::from_str(&site.output(&format!("{dir}meta.json"))).unwrap();
        Index { site, dir, meta }
    }

    fn number(&self, key: &str) -> u64 {
        self.meta[key].as_u64().unwrap_or_else(|| panic!("meta.json lacks {key}: {}", self.meta))
    }

    /// The key of the shard of `term`: its first two characters, one more for each
    /// of its beginnings that `meta.json` lists as split.
    fn key(&self, term: &str) -> String {
        let split: Vec<&str> = self.meta["split"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        let chars: Vec<char> = term.chars().collect();
        let mut length = chars.len().min(2);
        while length < chars.len() && split.contains(&chars[..length].iter().collect::<String>().as_str()) {
            length += 1;
        }
        chars[..length].iter().collect()
    }

    /// The shard file of `term`.
    fn shard(&self, term: &str) -> String {
        let hash = self.key(term).bytes().fold(2_166_136_261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
        format!("{}t/{}.json", self.dir, u64::from(hash) % self.number("shards"))
    }

    /// The ids of the documents that hold `term` (already folded), with weights.
    fn postings(&self, term: &str) -> Vec<(u64, u64)> {
        let shard = self.shard(term);
        let terms: Value = serde_json::from_str(&self.site.output(&shard)).unwrap();
        let Some(flat) = terms.get(term) else { return Vec::new() };
        let flat: Vec<u64> = flat.as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
        let mut id = 0;
        flat.chunks(2)
            .enumerate()
            .map(|(i, pair)| {
                id = if i == 0 { pair[0] } else { id + pair[0] };
                (id, pair[1])
            })
            .collect()
    }

    /// The record of document `id`.
    fn record(&self, id: u64) -> Value {
        let chunk = self.number("chunk");
        let records: Value =
            serde_json::from_str(&self.site.output(&format!("{}d/{}.json", self.dir, id / chunk))).unwrap();
        records[usize::try_from(id % chunk).unwrap()].clone()
    }

    /// The URLs of the documents that hold `term`.
    fn find(&self, term: &str) -> Vec<String> {
        self.postings(term).iter().map(|(id, _)| self.record(*id)["u"].as_str().unwrap().to_string()).collect()
    }

    /// Every document's record, by id.
    fn records(&self) -> Vec<Value> {
        (0..self.number("docs")).map(|id| self.record(id)).collect()
    }
}

#[test]
fn each_language_has_an_index_of_its_own_articles_and_pages_only() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    for (code, prefix) in LANGUAGES {
        let index = Index::of(&site, prefix);
        assert_eq!(index.meta["lang"], code);
        assert_eq!(index.meta["v"], 2);
        let records = index.records();
        assert!(!records.is_empty(), "{code}");
        for record in &records {
            let url = record["u"].as_str().unwrap();
            let other_language = LANGUAGES.iter().any(|(_, p)| !p.is_empty() && url.starts_with(&format!("/{p}")));
            assert_eq!(other_language, !prefix.is_empty(), "{code}: {url}");
            assert!(prefix.is_empty() || url.starts_with(&format!("/{prefix}")), "{code}: {url}");
        }
    }
    let french: Vec<String> = Index::of(&site, "").records().iter().map(|r| r["u"].to_string()).collect();
    assert_eq!(french, ["\"/articles/reunion/\"", "\"/articles/budget/\"", "\"/about/\""], "newest first, pages last");
}

#[test]
fn a_french_word_typed_without_accents_finds_its_article() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    let french = Index::of(&site, "");
    assert_eq!(french.find("reunion"), ["/articles/reunion/"]);
    assert_eq!(french.find("cybersecurite"), ["/articles/reunion/"]);
    assert!(french.find("réunion").is_empty(), "the index holds folded terms only");
    let record = french.record(0);
    assert_eq!(record["t"], "Réunion trilatérale sur la cybersécurité");
    assert_eq!(record["d"], "2025-03-01");
    assert_eq!(record["dd"], "1 mars 2025");
    assert!(record["x"].as_str().unwrap().starts_with("Trois pays se sont réunis."), "{record}");
    let (_, title_weight) = french.postings("reunion")[0];
    let (_, body_weight) = french.postings("groupe")[0];
    assert!(title_weight > body_weight, "a title word weighs more than a commentary word");
}

#[test]
fn a_japanese_word_inside_a_sentence_and_a_korean_word_with_its_particle_find_their_article() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    // 会合 stands inside 「日米韓会合」 and 「会合を開いた」, written without spaces.
    assert_eq!(Index::of(&site, "ja/").find("会合"), ["/ja/articles/reunion/"]);
    // 회의 is written 회의를 and 회의를 열어 in the text, with its particle attached.
    assert_eq!(Index::of(&site, "ko/").find("회의"), ["/ko/articles/reunion/"]);
    assert_eq!(Index::of(&site, "ar/").find("اجتماع"), ["/ar/articles/reunion/"]);
}

#[test]
fn an_english_translation_is_found_from_the_english_index_only() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    assert_eq!(Index::of(&site, "en/").find("meeting"), ["/en/articles/reunion/"]);
    for (code, prefix) in LANGUAGES.iter().filter(|(code, _)| *code != "en") {
        assert!(Index::of(&site, prefix).find("meeting").is_empty(), "{code}");
    }
}

#[test]
fn the_terms_of_a_beginning_too_common_for_one_shard_are_keyed_by_more_characters() {
    // 300 articles, each with 40 of 200 words that all begin with "re": together
    // their postings would make one shard far larger than the others.
    let site = Site::fixture("news");
    // Five letters in base 26: 200 different words.
    let word = |n: usize| {
        let letters = (0..5u32).map(|k| char::from(b'a' + (n / 26usize.pow(k) % 26) as u8));
        format!("re{}", letters.collect::<String>())
    };
    let words_of = |article: usize| (0..40).map(move |k| (article * 13 + k * 5) % 200);
    for article in 0..300 {
        let text = words_of(article).map(word).collect::<Vec<_>>().join(" ");
        site.write(
            &format!("content/articles/2025-01-01-many-{article}.md"),
            format!("+++\ntitle = \"Article {article}\"\ndate = 2025-01-01T08:00:00Z\nsummary = \"Un résumé.\"\n+++\n\n{text}\n"),
        );
    }
    site.build(&[]);
    let index = Index::of(&site, "");
    let split = index.meta["split"].as_array().unwrap();
    assert!(split.contains(&Value::from("re")), "{split:?}");
    for n in 0..200 {
        let found: Vec<String> = index.find(&word(n));
        let expected = (0..300).filter(|&a| words_of(a).any(|w| word(w) == word(n))).count();
        assert_eq!(found.len(), expected, "{}", word(n));
        assert!(index.key(&word(n)).chars().count() > 2, "{}", word(n));
    }
    assert!(index.find("resume").len() > 300, "every summary says résumé, and so does an article of the fixture");
    let largest =
        (0..index.number("shards")).map(|n| site.output(&format!("search/index/t/{n}.json")).len()).max().unwrap();
    assert!(largest < 48 * 1024, "the largest shard has {largest} bytes");
}

#[test]
fn lists_and_tag_pages_are_not_indexed_and_filters_list_their_articles() {
    let site = Site::fixture("news");
    site.build(&[]);
    let index = Index::of(&site, "");
    for record in index.records() {
        let url = record["u"].as_str().unwrap();
        assert!(url.starts_with("/articles/") || !url.contains('/') || url.matches('/').count() == 2, "{url}");
        assert!(!["/tags/", "/regions/", "/categories/", "/page/", "/archives/"].iter().any(|l| url.contains(l)));
    }
    let tagged: Value = serde_json::from_str(&site.output("search/index/f/tag/cyber.json")).unwrap();
    let ids: Vec<u64> = tagged.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert!(!ids.is_empty() && ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(ids.iter().all(|&id| index.record(id)["u"].as_str().unwrap().starts_with("/articles/")));
}

#[test]
fn the_search_page_is_kept_out_of_search_engines_and_names_its_index() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    let page = site.output("ja/search/index.html");
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#), "{page}");
    assert!(page.contains(r#"data-index="/ja/search/index/""#), "{page}");
    assert!(page.contains("<noscript>") && page.contains("JavaScript"), "{page}");
    assert!(page.contains(r#"lang="ja""#));
    assert!(!site.output("sitemap.xml").contains("/search/"), "the search pages are not listed");
}

#[test]
fn search_turned_off_writes_no_index_and_no_page() {
    let site = Site::fixture("multilingual");
    let settings = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{settings}\n[search]\nenabled = false\n"));
    let run = site.build(&[]);
    assert!(!run.stdout().contains("Search:"), "{}", run.stdout());
    let outputs = read_tree(&site.public());
    assert!(outputs.keys().all(|path| !path.contains("search/")), "{:?}", outputs.keys().collect::<Vec<_>>());
}

#[test]
fn a_bad_search_setting_fails_at_its_line_with_the_value_meant() {
    let append = |s: &Site, text: &str| {
        let settings = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write("site.toml", format!("{settings}\n[search]\n{text}\n"));
    };
    let settings = std::fs::read_to_string(common::repo().join("tests/fixtures/news/site.toml")).unwrap();
    let line = settings.lines().count() + 3;
    assert_build_fails(
        |s| append(s, "fields = [\"title\", \"sumary\"]"),
        &[&format!("site.toml:{line}:20: [search] fields has no \"sumary\""), "did you mean \"summary\"?"],
    );
    assert_build_fails(
        |s| append(s, "enable = false"),
        &[&format!("site.toml:{line}:1: unknown key `search.enable`"), "did you mean `enabled`?"],
    );
}

#[test]
fn the_index_is_the_same_byte_for_byte_from_build_to_build() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    site.build(&["--output", "second"]);
    site.build(&["--force"]);
    let search_files = |dir: &std::path::Path| {
        let tree = read_tree(dir);
        tree.into_iter().filter(|(path, _)| path.contains("search/")).collect::<Vec<_>>()
    };
    let first = search_files(&site.public());
    assert!(first.len() > 20, "{}", first.len());
    assert_eq!(first, search_files(&site.path("second")));
}

#[test]
fn a_rebuild_after_one_edit_tokenizes_that_article_alone() {
    let site = Site::fixture("multilingual");
    let first = site.build(&[]);
    assert!(first.stdout().contains("Search: 8 documents indexed, 0 reused"), "{}", first.stdout());
    site.edit("content/articles/2025-02-10-budget.md", "Le budget augmente.", "Le budget augmente fortement.");
    let second = site.build(&[]);
    assert!(second.stdout().contains("Search: 1 document indexed, 7 reused"), "{}", second.stdout());
    assert_eq!(Index::of(&site, "").find("fortement"), ["/articles/budget/"]);
    let forced = site.build(&["--force"]);
    assert!(forced.stdout().contains("Search: 0 documents indexed, 8 reused"), "{}", forced.stdout());
}
