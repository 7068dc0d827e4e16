//! The search index's own work on a corpus, apart from the rest of a build: folding
//! the text, cutting it into tokens, counting each document's terms, the digest its
//! terms are cached by, gathering the postings of a language and writing them as
//! shard files. A full build runs them beside the rendering on every core, where a
//! change of a few percent to them hides in the noise of the whole; timed alone, on
//! one thread, it shows.
//!
//! ```text
//! python3 benches/corpus.py --articles 10000 --flavor broadsheet --seed 1 --out DIR
//! cargo bench --bench search_terms -- DIR [--rounds 7]
//! ```
//!
//! Each article's text is its Markdown after the front matter, read as the commentary
//! field: close to the plain text the index reads from its HTML. Every step runs over
//! all the articles once per round; the median round is printed, with the time per
//! token or per byte. Release builds are optimised as one program, which compiles
//! slowly; while iterating, `CARGO_PROFILE_BENCH_LTO=false
//! CARGO_PROFILE_BENCH_CODEGEN_UNITS=16` compiles faster, for figures compared with
//! each other only.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use broadsheet::search::fold::fold;
use broadsheet::search::terms::{DocTerms, Field, digest};
use broadsheet::search::tokens::for_each_indexed_token;
use broadsheet::search::{Doc, DocRecord, LanguageIndex, files};

fn main() -> Result<()> {
    let (dir, rounds) = arguments()?;
    let texts = article_texts(&dir.join("content/articles"))?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
    let mut tokens = 0;
    for text in &folded {
        for_each_indexed_token(text, &mut |_| tokens += 1);
    }
    let docs: Vec<Doc> = texts.iter().map(|t| doc(DocTerms::of(&fields(t)))).collect();
    let pairs: usize = docs.iter().map(|d| d.terms.terms().count()).sum();
    println!("{} articles, {:.1} MB of text, {tokens} tokens, {pairs} terms of documents", texts.len(), mb(bytes));
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    one_thread.install(|| {
        report("fold", rounds, bytes, "byte", || texts.iter().map(|t| fold(t).len()).sum());
        report("cut (folded text)", rounds, tokens, "token", || {
            let mut n = 0;
            for text in &folded {
                for_each_indexed_token(text, &mut |_| n += 1);
            }
            n
        });
        report("terms of each document", rounds, tokens, "token", || {
            texts.iter().map(|t| DocTerms::of(&fields(t)).packed().len()).sum()
        });
        report("digest", rounds, bytes, "byte", || texts.iter().map(|t| usize::from(digest(&fields(t)) as u8)).sum());
        report("postings", rounds, pairs, "term of a document", || LanguageIndex::build(docs.clone()).shards.len());
        let index = LanguageIndex::build(docs.clone());
        report("shard files", rounds, pairs, "term of a document", || {
            index.shards.iter().map(|terms| files::shard(terms).len()).sum()
        });
    });
    Ok(())
}

/// The corpus folder and the number of rounds.
fn arguments() -> Result<(std::path::PathBuf, usize)> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (mut dir, mut rounds) = (None, 7);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().context("--rounds N")?.parse().context("--rounds N")?,
            _ if dir.is_none() => dir = Some(std::path::PathBuf::from(arg)),
            _ => bail!("unexpected argument {arg} (see the comment at the top of benches/search_terms.rs)"),
        }
    }
    let dir = dir.context("the folder of a corpus that benches/corpus.py wrote")?;
    Ok((dir, rounds.max(1)))
}

/// The text after the front matter of each Markdown file of `dir`, in name order.
fn article_texts(dir: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            Ok(text.splitn(3, "+++").nth(2).unwrap_or(&text).to_string())
        })
        .collect()
}

/// The fields of an article of text `text`.
fn fields(text: &str) -> [(Field, &str); 1] {
    [(Field::Commentary, text)]
}

/// A document of `terms` with an empty record and no filter.
fn doc(terms: DocTerms) -> Doc {
    let record = DocRecord {
        u: String::new(),
        t: String::new(),
        d: String::new(),
        dd: String::new(),
        r: Vec::new(),
        c: None,
        x: String::new(),
    };
    Doc { terms, record, filters: Vec::new() }
}

/// Runs `step` `rounds` times and prints its median time, and per `unit` of `count`.
fn report(name: &str, rounds: usize, count: usize, unit: &str, step: impl Fn() -> usize) {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(step());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let per = median.as_secs_f64() * 1e9 / count.max(1) as f64;
    println!(
        "{name:<24} {:>8.1} ms  (min {:.1}, max {:.1})  {per:.2} ns per {unit}",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}
