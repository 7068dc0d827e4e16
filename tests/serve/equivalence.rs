//! What `serve` answers is what `build` would publish, after any series of edits.
//!
//! The test keeps a small site as data (articles and translations, pages, the
//! settings, the theme's strings and templates, the site's own templates, static
//! files), writes it out, serves it, then makes a seeded series of edits of every
//! kind: article, translation and page text and each front-matter key (dates move
//! articles between the months of the archive, some late at night in another zone,
//! which is the next day on the site's clock); files added,
//! deleted and renamed; names, strings, languages' titles, pagination and feed
//! settings in site.toml; the theme's strings and templates; the site's own template
//! overrides (one shows each author's bio, one the newest titles in every page's
//! footer); static files. After each edit it waits for the server's rebuild, and
//! every few edits it builds the same files with the real binary and checks that
//! every built file is served with the same bytes and every file no longer built
//! answers 404. `BROADSHEET_EQUIVALENCE_EDITS` and `BROADSHEET_EQUIVALENCE_SEED`
//! run other series.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;

use crate::common::Site;
use crate::harness::{Serve, compare_with_served, fresh_build, serve_site};

/// Edits in a plain `cargo test`.
const EDITS: usize = 240;
/// Edits between two comparisons with a fresh build.
const EVERY: usize = 4;

const REGIONS: [&str; 3] = ["jp", "kr", "us"];
const TAGS: [&str; 4] = ["trade", "energy", "cyber", "health"];
const CATEGORIES: [&str; 2] = ["economy", "politics"];
const AUTHORS: [&str; 2] = ["ana", "bo"];

/// A xorshift generator: the same seed gives the same edits on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn some<'a>(&mut self, items: &[&'a str]) -> Vec<&'a str> {
        items.iter().copied().filter(|_| self.chance(40)).collect()
    }
}

#[derive(Clone)]
struct Article {
    stem: String,
    title: String,
    month: u8,
    day: u8,
    /// Dated 23:30 at UTC-5 on the last day of its month: the next month in Paris.
    late: bool,
    updated: Option<u8>,
    tags: Vec<&'static str>,
    regions: Vec<&'static str>,
    category: Option<&'static str>,
    authors: Vec<&'static str>,
    slug: Option<String>,
    aliases: Vec<String>,
    draft: bool,
    image: bool,
    body: String,
    /// An English translation: its title and text.
    english: Option<(String, String)>,
}

struct Page {
    stem: String,
    title: String,
    slug: Option<String>,
    body: String,
    english: Option<String>,
}

/// Everything the site is made of, as data.
struct State {
    articles: Vec<Article>,
    pages: Vec<Page>,
    region_names: Vec<String>,
    tag_name: String,
    category_name: String,
    bios: [String; 2],
    english_title: String,
    paginate_by: usize,
    feed_limit: usize,
    full_content: bool,
    string_override: Option<String>,
    theme_home: String,
    theme_template_mark: usize,
    bio_override: bool,
    footer_override: Option<usize>,
    static_version: usize,
    notes: bool,
    next_id: usize,
}

impl State {
    fn new(rng: &mut Rng) -> State {
        let mut state = State {
            articles: Vec::new(),
            pages: Vec::new(),
            region_names: REGIONS.iter().map(|r| format!("Région {r}")).collect(),
            tag_name: "Commerce".into(),
            category_name: "Économie".into(),
            bios: ["Journaliste.".into(), "Correspondant.".into()],
            english_title: "The Fixture".into(),
            paginate_by: 2,
            feed_limit: 3,
            full_content: false,
            string_override: None,
            theme_home: "Accueil".into(),
            theme_template_mark: 0,
            bio_override: false,
            footer_override: None,
            static_version: 0,
            notes: false,
            next_id: 0,
        };
        for _ in 0..6 {
            let article = state.new_article(rng);
            state.articles.push(article);
        }
        state.pages.push(Page {
            stem: "about".into(),
            title: "À propos".into(),
            slug: None,
            body: "Qui nous sommes.".into(),
            english: Some("About us".into()),
        });
        state
    }

    fn fresh_id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn new_article(&mut self, rng: &mut Rng) -> Article {
        let id = self.fresh_id();
        let day = 1 + rng.below(27) as u8;
        Article {
            stem: format!("2025-01-{day:02}-sujet-{id}"),
            title: format!("Sujet {id}"),
            month: 1 + rng.below(3) as u8,
            day,
            late: false,
            updated: None,
            tags: rng.some(&TAGS),
            regions: rng.some(&REGIONS),
            category: rng.chance(70).then(|| rng.pick(&CATEGORIES)),
            authors: rng.some(&AUTHORS),
            slug: None,
            aliases: Vec::new(),
            draft: false,
            image: false,
            body: format!("Le texte du sujet {id}."),
            english: rng.chance(40).then(|| (format!("Topic {id}"), format!("The text of topic {id}."))),
        }
    }
}

fn quoted(items: &[&str]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

/// The front matter date of an article, in January to March 2025.
fn date_text(a: &Article) -> String {
    match a.late {
        true => format!("2025-{:02}-{}T23:30:00-05:00", a.month, if a.month == 2 { 28 } else { 31 }),
        false => format!("2025-{:02}-{:02}T09:00:00+01:00", a.month, a.day),
    }
}

fn article_text(a: &Article) -> String {
    let mut t = format!("+++\ntitle = \"{}\"\ndate = {}\n", a.title, date_text(a));
    if let Some(u) = a.updated {
        let _ = writeln!(t, "updated = 2025-02-{u:02}");
    }
    let _ = writeln!(
        t,
        "tags = [{}]\nregions = [{}]\nauthors = [{}]",
        quoted(&a.tags),
        quoted(&a.regions),
        quoted(&a.authors)
    );
    if let Some(c) = a.category {
        let _ = writeln!(t, "category = \"{c}\"");
    }
    if let Some(s) = &a.slug {
        let _ = writeln!(t, "slug = \"{s}\"");
    }
    if !a.aliases.is_empty() {
        let aliases: Vec<&str> = a.aliases.iter().map(String::as_str).collect();
        let _ = writeln!(t, "aliases = [{}]", quoted(&aliases));
    }
    if a.draft {
        t.push_str("draft = true\n");
    }
    if a.image {
        t.push_str("image = { src = \"/img/dot.svg\", alt = \"Un point\" }\n");
    }
    let _ = write!(
        t,
        "summary = \"Résumé : {}.\"\n[source]\nname = \"Agence\"\nurl = \"https://source.example.org/{}\"\n+++\n\n## Contexte\n\n{}\n",
        a.title, a.stem, a.body
    );
    t
}

fn translation_text((title, body): &(String, String)) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n\n## Context\n\n{body}\n")
}

fn page_text(p: &Page) -> String {
    let slug = p.slug.as_ref().map(|s| format!("slug = \"{s}\"\n")).unwrap_or_default();
    format!("+++\ntitle = \"{}\"\n{slug}+++\n\n{}\n", p.title, p.body)
}

fn settings_text(s: &State) -> String {
    let mut t = format!(
        "title = \"Le Fixe\"\nbase_url = \"https://fixture.example.org\"\ndefault_language = \"fr\"\npaginate_by = {}\n\
         timezone = \"Europe/Paris\"\n\n[languages.fr]\nname = \"Français\"\nlocale = \"fr-FR\"\n\n\
         [languages.en]\nname = \"English\"\ntitle = \"{}\"\nlocale = \"en-US\"\n\n[feeds]\nlimit = {}\nfull_content = {}\n",
        s.paginate_by, s.english_title, s.feed_limit, s.full_content
    );
    for (region, name) in REGIONS.iter().zip(&s.region_names) {
        let _ = write!(t, "\n[regions.{region}]\nname = {{ fr = \"{name}\", en = \"{region} region\" }}\n");
    }
    let _ = write!(t, "\n[tags.trade]\nname = {{ fr = \"{}\", en = \"Trade\" }}\n", s.tag_name);
    let _ = write!(t, "\n[categories.economy]\nname = {{ fr = \"{}\", en = \"Economy\" }}\n", s.category_name);
    for (key, bio) in AUTHORS.iter().zip(&s.bios) {
        let _ = write!(t, "\n[authors.{key}]\nname = \"Auteur {key}\"\nbio = \"{bio}\"\n");
    }
    if let Some(text) = &s.string_override {
        let _ = write!(t, "\n[strings.fr]\nread_more = \"{text}\"\n");
    }
    t
}

/// The site's files, written from the state.
struct Writer<'a> {
    site: &'a Site,
}

impl Writer<'_> {
    fn article(&self, a: &Article) {
        self.site.write_whole(&format!("content/articles/{}.md", a.stem), article_text(a));
        let english = format!("content/articles/{}.en.md", a.stem);
        match &a.english {
            Some(t) => self.site.write_whole(&english, translation_text(t)),
            None => remove(self.site, &english),
        }
    }

    /// Deletes an article, its translation first: a translation left a moment without
    /// its original has no date, and a slow machine may rebuild in that moment.
    fn remove_article(&self, a: &Article) {
        remove(self.site, &format!("content/articles/{}.en.md", a.stem));
        remove(self.site, &format!("content/articles/{}.md", a.stem));
    }

    fn page(&self, p: &Page) {
        self.site.write_whole(&format!("content/pages/{}.md", p.stem), page_text(p));
        let english = format!("content/pages/{}.en.md", p.stem);
        match &p.english {
            Some(title) => self.site.write_whole(&english, format!("+++\ntitle = \"{title}\"\n+++\n\nIn English.\n")),
            None => remove(self.site, &english),
        }
    }

    fn settings(&self, s: &State) {
        self.site.write_whole("site.toml", settings_text(s));
    }

    fn theme_strings(&self, s: &State) {
        let path = "themes/default/i18n/fr.toml";
        let text = fs::read_to_string(self.site.path(path)).unwrap();
        let line = text.lines().find(|l| l.starts_with("home = ")).unwrap().to_string();
        self.site.write_whole(path, text.replace(&line, &format!("home = \"{}\"", s.theme_home)));
    }

    fn theme_template(&self, s: &State) {
        let path = "themes/default/templates/_meta.html";
        let text = fs::read_to_string(self.site.path(path)).unwrap();
        let base = text.split("{# mark").next().unwrap().to_string();
        self.site.write_whole(
            path,
            format!("{base}{{# mark {} #}}<span hidden>{}</span>", s.theme_template_mark, s.theme_template_mark),
        );
    }

    fn overrides(&self, s: &State) {
        let theme =
            |name: &str| fs::read_to_string(self.site.path(&format!("themes/default/templates/{name}"))).unwrap();
        if s.bio_override {
            let bios = "{% for b in article.bylines %}{% if b.bio %}<p class=\"bio\">{{ b.name }}: {{ b.bio }}</p>{% endif %}{% endfor %}\n{% endblock content %}";
            self.site
                .write_whole("templates/article.html", theme("article.html").replace("{% endblock content %}", bios));
        } else {
            remove(self.site, "templates/article.html");
        }
        match s.footer_override {
            Some(n) => {
                let recent = format!(
                    "<ul class=\"recent\">{{% for a in recent_articles(limit={n}) %}}<li>{{{{ a.title }}}}</li>{{% endfor %}}</ul>\n</body>"
                );
                self.site.write_whole("templates/base.html", theme("base.html").replace("</body>", &recent));
            }
            None => remove(self.site, "templates/base.html"),
        }
    }

    fn statics(&self, s: &State) {
        let dot = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\"><circle cx=\"1\" cy=\"1\" r=\"{}\"/></svg>\n",
            1 + s.static_version % 3
        );
        self.site.write_whole("static/img/dot.svg", &dot);
        match s.notes {
            true => self.site.write_whole("static/notes.txt", format!("Notes {}\n", s.static_version)),
            false => remove(self.site, "static/notes.txt"),
        }
    }
}

fn remove(site: &Site, rel: &str) {
    let _ = fs::remove_file(site.path(rel));
}

/// Makes one random edit to the state and writes what it changed; returns what it
/// did, for messages. Every edit changes what the site publishes, so that each one
/// is followed by a rebuild: an edit of a draft publishes it.
fn edit(state: &mut State, rng: &mut Rng, w: &Writer) -> String {
    let n = state.articles.len();
    let i = rng.below(n);
    let kind = rng.below(22);
    if state.articles[i].draft && kind != 7 {
        state.articles[i].draft = false;
        w.article(&state.articles[i]);
        return format!("published the draft {}", state.articles[i].stem);
    }
    match kind {
        0 => {
            state.articles[i].body.push_str(" Une phrase de plus.");
            w.article(&state.articles[i]);
            format!("text of {}", state.articles[i].stem)
        }
        1 => {
            let id = state.fresh_id();
            state.articles[i].title = format!("Titre {id}");
            w.article(&state.articles[i]);
            format!("title of {}", state.articles[i].stem)
        }
        2 => {
            let a = &mut state.articles[i];
            let before = date_text(a);
            while date_text(a) == before {
                a.day = 1 + (a.day as usize + rng.below(26)) as u8 % 27;
                if rng.chance(40) {
                    a.month = 1 + (a.month as usize + rng.below(2)) as u8 % 3;
                }
                a.late = rng.chance(25);
            }
            w.article(a);
            format!("date of {}", a.stem)
        }
        3 => {
            let a = &mut state.articles[i];
            a.updated = if a.updated.is_some() { None } else { Some(1 + rng.below(27) as u8) };
            w.article(a);
            format!("updated of {}", a.stem)
        }
        4 => {
            let a = &mut state.articles[i];
            let before = (a.tags.clone(), a.regions.clone());
            while (&a.tags, &a.regions) == (&before.0, &before.1) {
                a.tags = rng.some(&TAGS);
                a.regions = rng.some(&REGIONS);
            }
            w.article(a);
            format!("tags and regions of {}", a.stem)
        }
        5 => {
            let a = &mut state.articles[i];
            let before = (a.category, a.authors.clone());
            while (a.category, &a.authors) == (before.0, &before.1) {
                a.category = rng.chance(60).then(|| rng.pick(&CATEGORIES));
                a.authors = rng.some(&AUTHORS);
            }
            w.article(a);
            format!("category and authors of {}", a.stem)
        }
        6 => {
            let id = state.fresh_id();
            let a = &mut state.articles[i];
            a.slug = if a.slug.is_some() { None } else { Some(format!("autre-{id}")) };
            a.aliases = if rng.chance(50) { vec![format!("/ancien/{id}/")] } else { Vec::new() };
            w.article(a);
            format!("slug and aliases of {}", a.stem)
        }
        7 => {
            let a = &mut state.articles[i];
            a.draft = !a.draft;
            a.image = rng.chance(50);
            w.article(a);
            format!("draft and image of {}", a.stem)
        }
        8 => {
            let id = state.fresh_id();
            let a = &mut state.articles[i];
            a.english = match &a.english {
                Some((title, body)) if rng.chance(70) => Some((title.clone(), format!("{body} More {id}."))),
                Some(_) => None,
                None => Some((format!("Topic {id}"), format!("Text {id}."))),
            };
            w.article(a);
            format!("translation of {}", a.stem)
        }
        9 => {
            let article = state.new_article(rng);
            w.article(&article);
            let stem = article.stem.clone();
            state.articles.push(article);
            format!("new article {stem}")
        }
        10 if n > 3 => {
            let a = state.articles.remove(i);
            w.remove_article(&a);
            format!("deleted {}", a.stem)
        }
        11 => {
            let id = state.fresh_id();
            let old = state.articles[i].clone();
            w.remove_article(&old);
            state.articles[i].stem = format!("2025-01-{:02}-renomme-{id}", old.day);
            w.article(&state.articles[i]);
            format!("renamed {} to {}", old.stem, state.articles[i].stem)
        }
        12 => {
            let id = state.fresh_id();
            let p = &mut state.pages[0];
            match rng.below(3) {
                0 => p.title = format!("Page {id}"),
                1 => p.slug = if p.slug.is_some() { None } else { Some(format!("page-{id}")) },
                _ => p.english = if p.english.is_some() { None } else { Some(format!("Page {id} in English")) },
            }
            w.page(p);
            "the about page".into()
        }
        13 => {
            let id = state.fresh_id();
            if state.pages.len() < 2 {
                let page = Page {
                    stem: format!("p{id}"),
                    title: format!("Page {id}"),
                    slug: None,
                    body: "Texte.".into(),
                    english: None,
                };
                w.page(&page);
                state.pages.push(page);
                "new page".into()
            } else {
                let page = state.pages.pop().unwrap();
                remove(w.site, &format!("content/pages/{}.en.md", page.stem));
                remove(w.site, &format!("content/pages/{}.md", page.stem));
                "deleted a page".into()
            }
        }
        14 => {
            let id = state.fresh_id();
            match rng.below(4) {
                0 => state.region_names[rng.below(3)] = format!("Région {id}"),
                1 => state.tag_name = format!("Commerce {id}"),
                2 => state.category_name = format!("Économie {id}"),
                _ => state.bios[rng.below(2)] = format!("Biographie {id}."),
            }
            w.settings(state);
            "names in site.toml".into()
        }
        15 => {
            let id = state.fresh_id();
            match rng.below(4) {
                0 => state.english_title = format!("The Fixture {id}"),
                1 => state.paginate_by = 1 + rng.below(3),
                2 => {
                    state.feed_limit = 1 + rng.below(4);
                    state.full_content = rng.chance(50);
                }
                _ => {
                    state.string_override =
                        if state.string_override.is_some() { None } else { Some(format!("Lire {id}")) }
                }
            }
            w.settings(state);
            "settings in site.toml".into()
        }
        16 => {
            state.theme_home = format!("Accueil {}", state.fresh_id());
            w.theme_strings(state);
            "the theme's strings".into()
        }
        17 => {
            state.theme_template_mark += 1;
            w.theme_template(state);
            "a theme template".into()
        }
        18 => {
            state.bio_override = !state.bio_override;
            w.overrides(state);
            "the site's article template".into()
        }
        19 => {
            state.footer_override = match state.footer_override {
                None => Some(1 + rng.below(4)),
                Some(n) if rng.chance(50) => Some(1 + (n + rng.below(3)) % 4),
                Some(_) => None,
            };
            w.overrides(state);
            "the site's base template".into()
        }
        20 => {
            state.static_version += 1;
            state.notes = rng.chance(50);
            w.statics(state);
            "static files".into()
        }
        _ => {
            state.articles[i].body.push_str(" Encore.");
            if let Some((_, body)) = &mut state.articles[i].english {
                body.push_str(" Again.");
            }
            w.article(&state.articles[i]);
            format!("text of {} and its translation", state.articles[i].stem)
        }
    }
}

#[test]
fn after_any_series_of_edits_serve_answers_what_build_would_publish() {
    let edits = std::env::var("BROADSHEET_EQUIVALENCE_EDITS").ok().and_then(|e| e.parse().ok()).unwrap_or(EDITS);
    let seed = std::env::var("BROADSHEET_EQUIVALENCE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0xC0FFEE_u64);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let site = serve_site();
    for folder in ["content", "static"] {
        let _ = fs::remove_dir_all(site.path(folder));
    }
    site.copy_theme();
    let writer = Writer { site: &site };
    let mut state = State::new(&mut rng);
    writer.settings(&state);
    state.articles.iter().for_each(|a| writer.article(a));
    state.pages.iter().for_each(|p| writer.page(p));
    writer.statics(&state);
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();
    let out = tempfile::tempdir().unwrap();
    let mut ever_built: BTreeSet<String> = BTreeSet::new();
    let mut done = Vec::new();
    for step in 1..=edits {
        let what = edit(&mut state, &mut rng, &writer);
        let event = events.wait_for(&what, |e| e.name == "build");
        assert!(event.errors().is_empty(), "edit {step} ({what}) broke the site: {:?}", event.errors());
        done.push(what);
        if step % EVERY == 0 || step == edits {
            let built = fresh_build(&site, &serve, &out.path().join("public"));
            ever_built.extend(built.keys().cloned());
            let gone: BTreeSet<String> = ever_built.iter().filter(|p| !built.contains_key(*p)).cloned().collect();
            if let Err(problem) = compare_with_served(&serve, &built, &gone) {
                let recent = done[done.len().saturating_sub(EVERY)..].join("; ");
                panic!("after edit {step} (seed {seed}; last edits: {recent}):\n{problem}");
            }
        }
    }
}
