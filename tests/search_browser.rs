//! The reader's search in a real browser (Debian's `chromium`, headless), on
//! `fixtures/search/`: articles in French, English, Japanese, Korean and Arabic written
//! for it. Queries are typed as readers type them (without accents, a Japanese word
//! from inside a sentence, a Korean word without its particle) into each language's
//! search page; the results, the filters, the messages and the page without
//! JavaScript are read back from the page.

mod common;

use common::Site;
use common::browser::Browser;
use common::static_host::serve_folder;

const PHONE: (u32, u32) = (390, 844);
const LAPTOP: (u32, u32) = (1366, 900);

/// The titles of the results shown, one a line.
const TITLES: &str =
    "Array.from(document.querySelectorAll('.search-results .card-title')).map(e => e.textContent).join('\\n')";
/// The status line (result count or message).
const STATUS: &str = "document.querySelector('.search-status').textContent";
/// The marked parts of the results, one a line.
const MARKS: &str = "Array.from(document.querySelectorAll('.search-results mark')).map(e => e.textContent).join('\\n')";

/// The fixture built for a loopback host and served; returns the site (kept alive) and
/// the host's address.
fn served() -> (Site, String) {
    let site = Site::fixture("search");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let base = serve_folder(&site.public());
    (site, base)
}

/// Opens `page` (a path) on a laptop's screen and types `query` into the search
/// field; waits until the status line holds `status`.
fn search(base: &str, page: &str, query: &str, status: &str) -> Browser {
    search_at(base, page, query, status, LAPTOP)
}

/// [`search`] in a viewport of `size`.
fn search_at(base: &str, page: &str, query: &str, status: &str, size: (u32, u32)) -> Browser {
    let mut browser = Browser::open_sized(&format!("{base}{page}"), size);
    browser.wait_for("String(!!document.querySelector('.search-form:not([hidden])'))", "true");
    browser.type_into("#bs-search-q", query);
    browser.wait_for(STATUS, status);
    browser
}

#[test]
fn a_french_reader_typing_election_without_accents_finds_the_article_titled_election() {
    let (_site, base) = served();
    let mut browser = search(&base, "/search/", "election", "1 résultat");
    let titles = browser.eval(TITLES);
    assert!(titles.starts_with("Lyon : l’élection municipale partielle"), "{titles}");
    assert!(browser.eval(MARKS).lines().any(|m| m == "élection"), "the accented word is marked");
    let address = browser.eval("location.search");
    assert_eq!(address, "?q=election", "the query is in the address, to share");
}

#[test]
fn an_english_word_is_found_from_the_english_search_and_not_from_the_french_one() {
    let (_site, base) = served();
    let mut english = search(&base, "/en/search/", "postponed", "1 result");
    assert_eq!(english.eval(TITLES), "Lyon’s municipal by-election postponed by a week");
    let mut french = search(&base, "/search/", "postponed", "Aucun article ne correspond");
    assert_eq!(french.eval(TITLES), "", "the French search holds no English translation");
}

/// Types `query` into the search page at `page`; checks that the status reads
/// exactly `status` and that the one result is `title`, with `mark` marked in it.
fn finds_one(base: &str, page: &str, query: &str, status: &str, title: &str, mark: &str) {
    let mut browser = search(base, page, query, status);
    browser.wait_for_exact(STATUS, status);
    assert_eq!(browser.eval(TITLES), title);
    let marks = browser.eval(MARKS);
    assert!(marks.lines().any(|m| m == mark), "{mark} in {marks}");
}

const REACTORS: &str = "原子力規制委員会、2基の原発の運転を認める";
const SUMMIT: &str = "한일 정상회담, 공급망 협력 확대에 합의";

#[test]
fn a_japanese_word_from_inside_a_sentence_finds_its_article() {
    let (_site, base) = served();
    // 再稼働 is in "停止中の原子炉の再稼働を急いでいる", with no space around it.
    finds_one(&base, "/ja/search/", "再稼働", "1件の記事が見つかりました", REACTORS, "再稼働");
}

#[test]
fn one_ideograph_finds_the_words_it_stands_in() {
    let (_site, base) = served();
    // 炉 stands only inside 原子炉 ("reactor").
    finds_one(&base, "/ja/search/", "炉", "1件の記事が見つかりました", REACTORS, "炉");
}

#[test]
fn one_hangul_syllable_finds_the_words_it_stands_in() {
    let (_site, base) = served();
    // 한 ("Korea", as news abbreviates it) stands only inside 한일 ("Korea-Japan").
    finds_one(&base, "/ko/search/", "한", "기사 1건을 찾았습니다", SUMMIT, "한");
}

#[test]
fn a_korean_word_finds_the_text_where_a_particle_follows_it() {
    let (_site, base) = served();
    // The text says 서울에서 ("in Seoul"); the reader types 서울.
    finds_one(&base, "/ko/search/", "서울", "기사 1건을 찾았습니다", SUMMIT, "서울");
}

#[test]
fn choosing_a_region_or_a_tag_narrows_the_results_and_is_kept_in_the_address() {
    let (_site, base) = served();
    let mut browser = search(&base, "/search/", "gouvernement", "4 résultats");
    let choose = |browser: &mut Browser, select: &str, value: &str| {
        browser.eval(&format!(
            "(() => {{ const s = document.querySelector('{select}'); s.value = '{value}'; \
             s.dispatchEvent(new Event('change')); }})()"
        ));
    };
    choose(&mut browser, "#bs-search-region", "kr");
    browser.wait_for(STATUS, "1 résultat");
    assert_eq!(browser.eval(TITLES), "Sommet nippo-coréen : accord sur les chaînes d’approvisionnement");
    assert_eq!(browser.eval("location.search"), "?q=gouvernement&region=kr");

    choose(&mut browser, "#bs-search-region", "");
    choose(&mut browser, "#bs-search-tag", "energy");
    browser.wait_for_exact("location.search", "?q=gouvernement&tag=energy");
    browser.wait_for_exact(TITLES, "Le Japon autorise le redémarrage de deux réacteurs nucléaires");
    browser.wait_for_exact(STATUS, "1 résultat");
    assert_eq!(browser.eval(TITLES), "Le Japon autorise le redémarrage de deux réacteurs nucléaires");

    // A shared address opens on the same narrowed search.
    let mut shared = Browser::open_sized(&format!("{base}/search/?q=gouvernement&region=kr"), PHONE);
    shared.wait_for(STATUS, "1 résultat");
    assert_eq!(shared.eval("document.querySelector('#bs-search-region').value"), "kr");
}

#[test]
fn results_come_by_relevance_or_newest_first() {
    let (_site, base) = served();
    let mut browser = Browser::open_sized(&format!("{base}/search/?q=gouvernement"), LAPTOP);
    browser.wait_for(STATUS, "4 résultats");
    let by_relevance = browser.eval(TITLES);
    assert!(by_relevance.starts_with("Le gouvernement japonais"), "a title match first: {by_relevance}");
    let mut by_date = Browser::open_sized(&format!("{base}/search/?q=gouvernement&sort=date"), LAPTOP);
    by_date.wait_for(STATUS, "4 résultats");
    let titles = by_date.eval(TITLES);
    let order: Vec<&str> = titles.lines().map(|t| t.split_whitespace().next().unwrap_or_default()).collect();
    assert_eq!(order, ["Lyon", "Le", "Sommet", "Le"], "{titles}");
    assert!(titles.lines().last().unwrap().starts_with("Le gouvernement japonais"), "{titles}");
}

#[test]
fn a_query_without_match_shows_the_no_results_message_of_each_language() {
    let (_site, base) = served();
    let messages = [
        ("/search/", "Aucun article ne correspond à «\u{a0}zzqxv\u{a0}»"),
        ("/en/search/", "No article matches “zzqxv”"),
        ("/ja/search/", "「zzqxv」に一致する記事はありませんでした"),
        ("/ko/search/", "‘zzqxv’와(과) 일치하는 기사가 없습니다"),
        ("/ar/search/", "لا توجد مقالة تطابق «zzqxv»"),
    ];
    for (page, message) in messages {
        let mut browser = search(&base, page, "zzqxv", message);
        assert_eq!(browser.eval(TITLES), "", "{page}");
    }
    // `$'` and `$&` mean something to a string replacement: the query is shown as typed.
    search(&base, "/en/search/", "zzqxv $' $&", "No article matches “zzqxv $' $&”");
}

#[test]
fn without_javascript_the_search_page_says_that_search_needs_it() {
    let (site, base) = served();
    let html = site.output("search/index.html");
    assert!(html.contains("<noscript>"), "{html}");
    let mut browser = Browser::open_without_scripts(&format!("{base}/search/?q=election"), PHONE);
    browser.wait_for("String(!!document.querySelector('footer'))", "true");
    let shown = "(() => { const p = document.querySelector('.search-noscript'); \
                 return p ? p.getBoundingClientRect().height > 0 && p.textContent : 'none'; })()";
    let text = browser.eval(shown);
    assert!(text.starts_with("La recherche fonctionne avec JavaScript"), "{text}");
    let form = "String(document.querySelector('.search-form').getBoundingClientRect().height)";
    assert_eq!(browser.eval(form), "0", "no form that cannot work");
}

/// Whether the search page's fallback shows, and its text.
const FALLBACK: &str = "(() => { const f = document.querySelector('.search-fallback'); \
                        return f && f.getBoundingClientRect().height > 0 ? f.innerText : 'hidden'; })()";

#[test]
fn without_javascript_the_fallback_links_show_without_the_waiting_message() {
    let (_site, base) = served();
    let mut browser = Browser::open_without_scripts(&format!("{base}/search/"), PHONE);
    browser.wait_for("String(!!document.querySelector('footer'))", "true");
    let text = browser.eval(FALLBACK);
    assert!(text.contains("Mots-clés") && text.contains("Régions") && text.contains("Archives"), "{text}");
    assert!(!text.contains("pas encore démarré"), "no waiting message without JavaScript: {text}");
}

#[test]
fn when_the_script_cannot_be_loaded_the_search_page_says_so_and_offers_the_indexes() {
    let (site, base) = served();
    let scripts = common::read_tree(&site.public());
    let script = scripts.keys().find(|path| path.contains("search") && path.ends_with(".js")).expect("a search script");
    std::fs::remove_file(site.public().join(script)).unwrap();
    let mut browser = Browser::open_sized(&format!("{base}/search/"), LAPTOP);
    // Once the page is styled, nothing shows while the script may still come: the
    // fallback waits 4 s, checked when the page was read in time (a loaded machine
    // may read it later).
    let style = "getComputedStyle(document.querySelector('.search-fallback'))";
    browser.wait_for(&format!("{style}.animationName"), "search-fallback");
    assert_eq!(browser.eval(&format!("{style}.animationDelay")), "4s");
    let early = format!("document.timeline.currentTime < 3000 ? {FALLBACK} : 'hidden'");
    assert_eq!(browser.eval(&early), "hidden", "nothing shows while the script may still come");
    browser.wait_for(FALLBACK, "La recherche n’a pas encore démarré");
    let form = "String(document.querySelector('.search-form').getBoundingClientRect().height)";
    assert_eq!(browser.eval(form), "0", "no form that cannot work");
}

#[test]
fn when_the_script_runs_the_fallback_stays_hidden() {
    let (_site, base) = served();
    let mut browser = search(&base, "/search/", "election", "1");
    browser.wait_for_exact(STATUS, "1 résultat");
    std::thread::sleep(std::time::Duration::from_secs(5));
    assert_eq!(browser.eval(FALLBACK), "hidden");
}

#[test]
fn when_the_index_cannot_be_loaded_the_error_comes_with_the_links_to_the_indexes() {
    let (site, base) = served();
    std::fs::remove_file(site.public().join("search/index/meta.json")).unwrap();
    let mut browser = search(&base, "/search/", "election", "La recherche n’a pas pu être chargée");
    let text = browser.eval(FALLBACK);
    assert!(text.contains("Mots-clés") && text.contains("Archives"), "{text}");
    assert!(!text.contains("pas encore démarré"), "no waiting message once the script runs: {text}");
}

#[test]
fn the_header_box_of_every_page_sends_the_query_to_its_language_search_page() {
    let (site, base) = served();
    let article = site.output("ja/articles/japon-reacteurs/index.html");
    assert!(article.contains(r#"<form class="header-search" role="search" action="/ja/search/" method="get">"#));
    assert!(!site.output("ja/search/index.html").contains("header-search"), "the search page has its own box");

    let mut browser = Browser::open_sized(&format!("{base}/ja/articles/japon-reacteurs/"), PHONE);
    browser.type_into("#bs-header-q", "予算");
    browser.press("Enter");
    browser.wait_for("location.pathname + location.search", "/ja/search/?q=");
    browser.wait_for_exact(STATUS, "1件の記事が見つかりました");
    assert_eq!(browser.eval(TITLES), "政府、過去最大の予算案を決定");
    assert_eq!(browser.eval("document.querySelector('#bs-search-q').value"), "予算");
}

#[test]
fn more_results_come_ten_at_a_time_and_take_the_keyboard_focus() {
    let site = Site::fixture("search");
    for n in 1..=13 {
        site.write(
            &format!("content/articles/2025-01-{n:02}-note-{n}.md"),
            format!(
                "+++\ntitle = \"Note de conjoncture numéro {n}\"\ndate = 2025-01-{n:02}T08:00:00Z\nsummary = \"La conjoncture du mois.\"\n\n[source]\nname = \"Insee\"\nurl = \"https://insee.example.fr/{n}\"\n+++\n\nLe texte.\n"
            ),
        );
    }
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let base = serve_folder(&site.public());
    let mut browser = search(&base, "/search/", "conjoncture", "13 résultats");
    let count = "String(document.querySelectorAll('.search-results > li').length)";
    assert_eq!(browser.eval(count), "10");
    browser.eval("document.querySelector('.search-more').focus()");
    browser.press("Enter");
    browser.wait_for(count, "13");
    assert_eq!(
        browser.eval("document.activeElement.textContent"),
        browser.eval("document.querySelectorAll('.search-results .card-title a')[10].textContent"),
        "focus on the first new result"
    );
    assert_eq!(browser.eval("String(document.querySelector('.search-more').hidden)"), "true");
    assert_eq!(browser.eval("document.querySelector('.search-status').getAttribute('role')"), "status");
}

#[test]
fn the_search_page_fits_a_phone_and_a_laptop_and_reads_right_to_left_in_arabic() {
    let (_site, base) = served();
    for (page, query) in [("/search/", "election"), ("/ja/search/", "予算"), ("/ar/search/", "ليون")] {
        for size in [PHONE, LAPTOP] {
            let mut browser = search_at(&base, page, query, "", size);
            browser.wait_for_exact("String(document.querySelectorAll('.search-results > li').length)", "1");
            let overflow = "String(document.documentElement.scrollWidth <= window.innerWidth)";
            assert_eq!(browser.eval(overflow), "true", "{page} at {size:?} scrolls sideways");
        }
    }
    let mut arabic = Browser::open_sized(&format!("{base}/ar/search/"), PHONE);
    arabic.wait_for("String(!!document.querySelector('.search-form:not([hidden])'))", "true");
    assert_eq!(arabic.eval("document.documentElement.dir"), "rtl");
    let field = "(() => { const r = document.querySelector('#bs-search-q').getBoundingClientRect(); \
                 const b = document.querySelector('.search-field button').getBoundingClientRect(); \
                 return String(b.right <= r.left + 1); })()";
    assert_eq!(arabic.eval(field), "true", "the button is at the field's left end in Arabic");
}

/// Texts whose folding or cutting could go wrong: accents typed apart, apostrophes,
/// full-width forms, Greek final sigma, harakat, Japanese with its long-vowel mark,
/// Korean particles, Latin and CJK side by side, one-letter words, long runs.
const HARD_TEXTS: [&str; 14] = [
    "L'Élection présidentielle, l’e\u{301}lection",
    "ＧＤＰ　２０２５ ｶﾞｿﾘﾝ ﬁnance",
    "ΟΔΥΣΣΕΥΣ Ἀθῆναι Ёлка",
    "الانْتِخَابَات مُحَمَّد",
    "日本銀行は金融政策を決めた。コーヒー、エネルギー",
    "대통령 선거에서 승리했다",
    "iPhone発売 党 の a 7 G20",
    "İstanbul STRASSE Straße",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "Ⅻ ½ ① x\u{301}y 1\u{301}2",
    "Nguyễn Thị Minh Khai, Hà Nội",
    "Ćwierć żółwia, Dvořák",
    "קורא ספר, हिन्दी भाषा",
    "Zürich–Genève 2024年12月",
];

/// The JSON of `expr`, evaluated in the French search page with `m` bound to the
/// page's script module.
fn in_script_module(base: &str, expr: &str) -> String {
    let mut browser = Browser::open_sized(&format!("{base}/search/"), LAPTOP);
    browser.wait_for("String(!!document.querySelector('.search-form:not([hidden])'))", "true");
    browser.eval(&format!(
        "import(document.querySelector('script[type=module]').src).then(m => {{ \
         window.fromModule = JSON.stringify({expr}); }})"
    ));
    browser.wait_for("String(!!window.fromModule)", "true");
    browser.eval("window.fromModule")
}

#[test]
fn the_page_script_folds_and_cuts_text_exactly_as_the_index_does() {
    let (_site, base) = served();
    let texts = serde_json::to_string(&HARD_TEXTS).unwrap();
    let cut = in_script_module(&base, &format!("{texts}.map(t => m.terms(t))"));
    let script: Vec<Vec<String>> = serde_json::from_str(&cut).unwrap();
    for (text, from_script) in HARD_TEXTS.iter().zip(script) {
        let mut from_index = Vec::new();
        broadsheet::search::tokens::for_each_token(text, |t| from_index.push(t.to_string()));
        assert_eq!(from_script, from_index, "{text}");
    }
}

#[test]
fn the_marks_cover_text_that_folds_only_with_its_neighbours() {
    let (_site, base) = served();
    // Half-width kana with a voiced mark after it, a capital sigma that ends a word, an
    // accent typed apart: each marked whole, in the text as written.
    let cases = [
        ("ｶﾞｿﾘﾝ価格が上昇", "ガソリン", "ｶﾞｿﾘﾝ"),
        ("Η ΟΔΟΣ ΚΛΕΙΣΤΗ", "οδος", "ΟΔΟΣ"),
        ("la re\u{301}forme des retraites", "reforme", "re\u{301}forme"),
    ];
    let inputs: Vec<(&str, &str)> = cases.iter().map(|(text, query, _)| (*text, *query)).collect();
    let inputs = serde_json::to_string(&inputs).unwrap();
    let marks = "m.matchRanges(text, m.needles(query)).map(([a, b]) => text.slice(a, b))";
    let marked = in_script_module(&base, &format!("{inputs}.map(([text, query]) => {marks})"));
    let marked: Vec<Vec<String>> = serde_json::from_str(&marked).unwrap();
    for ((text, query, expected), got) in cases.iter().zip(marked) {
        assert_eq!(got, [*expected], "{query} in {text}");
    }
}

#[test]
fn the_page_script_looks_for_a_term_in_the_shard_the_index_put_it_in() {
    let (_site, base) = served();
    let split = ["re", "ref", "élé", "選挙"];
    let terms = ["reforme", "ref", "re", "retraite", "election", "選挙結果", "選挙", "a", "선거", "refonte"];
    let (split_json, terms_json) = (serde_json::to_string(&split).unwrap(), serde_json::to_string(&terms).unwrap());
    let shards = in_script_module(&base, &format!("{terms_json}.map(t => m.shardOf(t, 4096, new Set({split_json})))"));
    let from_script: Vec<usize> = serde_json::from_str(&shards).unwrap();
    let split = split.iter().map(|k| Box::from(*k)).collect();
    let from_index: Vec<usize> = terms.iter().map(|t| broadsheet::search::shards::shard_of(t, 4096, &split)).collect();
    assert_eq!(from_script, from_index);
}

#[test]
fn a_result_links_only_to_a_path_of_the_site() {
    let (_site, base) = served();
    let urls = r#"["/articles/x/?a=1#b", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "https://evil.example/", "javascript:alert(1)"]"#;
    let paths = in_script_module(&base, &format!("{urls}.map(u => m.sitePath(u))"));
    assert_eq!(paths, r#"["/articles/x/?a=1#b",null,null,null,null,null]"#);
}
