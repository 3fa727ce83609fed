//! A generated corpus of one-paragraph article files, one graph file per article, as an
//! analyst's folder holds them: for loading benchmarks and load tests.

use std::fmt::Write as _;

use super::{Workload, country_code};

/// One generated article file: where it goes in the corpus folder, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFile {
    /// Its file name, `article-000042.toml`: zero-padded, so that a folder lists the files in
    /// the order they were made.
    pub name: String,
    /// The graph file's text (`docs/format.md`).
    pub text: String,
}

/// `files` made-up article files: each one document with a paragraph of text, the two or
/// three actors it names, and two events told in its sentences, each quoted verbatim.
///
/// Actors are drawn from one pool with the Zipf-like law of [`Workload::generate`], so a few
/// recur in most files, under their names and aliases, as the same states and leaders recur
/// in a news corpus. One event in four belongs to a story that several outlets tell, under a
/// shared key, on days that may differ (a dispute); the rest are the article's own. The same
/// `files` and seed give the same files.
///
/// ```
/// let corpus = eventkg::workload::articles(10, 7);
/// assert_eq!(corpus.len(), 10);
/// let graph = eventkg::io::from_str(&corpus[0].text, &corpus[0].name)?;
/// assert_eq!((graph.document_count(), graph.event_count()), (1, 2));
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn articles(files: usize, seed: u64) -> Vec<ArticleFile> {
    let workload = Workload::generate(2 * files, seed);
    let stories = (files / 8).max(1);
    let mut corpus = Vec::with_capacity(files);
    for (index, pair) in workload.events.chunks(2).enumerate() {
        let mut named: Vec<usize> = Vec::new();
        for event in pair {
            for actor in [event.initiator, event.target] {
                if !named.contains(&actor) {
                    named.push(actor);
                }
            }
        }
        let published = pair.iter().map(|e| e.date).max().unwrap_or_default();
        let mut sentences = Vec::new();
        for event in pair {
            let who = &workload.entities[event.initiator].name;
            let whom = &workload.entities[event.target].name;
            sentences.push(format!(
                "{who} ({}) and {whom} were reported on {}",
                event.kind, event.date
            ));
        }
        let mut text = format!(
            "# A made-up article, generated for load tests.\n\n[[document]]\nid = \"article-{index:06}\"\n\
             title = \"Generated article {index}\"\nurl = \"https://example.org/articles/{index}\"\n\
             published = {published}\ntext = \"\"\"\n{}.\n\"\"\"\n",
            sentences.join(". ")
        );
        for &actor in &named {
            let entity = &workload.entities[actor];
            let _ = write!(
                text,
                "\n[[entity]]\nkind = \"{}\"\nname = \"{}\"\ncountry = \"{}\"\n",
                entity.kind,
                entity.name,
                country_code(entity.country)
            );
            if !entity.aliases.is_empty() {
                let _ = writeln!(text, "aliases = {:?}", entity.aliases);
            }
        }
        let mut keys = Vec::new();
        for (event, sentence) in pair.iter().zip(&sentences) {
            text.push_str("\n[[event]]\n");
            // A story's key is a function of the event's own draw, so that files far apart
            // share it; an article tells a story once.
            let draw = event.initiator * 31 + event.target * 7 + event.document;
            let key = draw / 4 % stories;
            if draw % 4 == 0 && !keys.contains(&key) {
                keys.push(key);
                let _ = writeln!(text, "key = \"story-{key}\"");
            }
            let _ = write!(
                text,
                "kind = \"{}\"\ndate = \"{}\"\nquote = \"{sentence}\"\ninitiator = [\"{}\"]\ntarget = [\"{}\"]\n",
                event.kind,
                event.date,
                workload.entities[event.initiator].name,
                workload.entities[event.target].name,
            );
        }
        corpus.push(ArticleFile {
            name: format!("article-{index:06}.toml"),
            text,
        });
    }
    corpus
}
