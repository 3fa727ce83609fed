//! Made-up article text for a workload: quotes, descriptions, titles and aliases as hard on
//! CSV readers and database loaders as the text of real articles (line breaks, CR/LF, quotes,
//! commas, semicolons, backslashes, tabs, non-Latin scripts, words that loaders read as
//! null), so that an export can be proved to carry every one of them through a load.
//!
//! None of it is taken from a real article; every sentence is assembled from the fragments
//! below and a record's number.

use super::{Rng, Workload};

/// Pieces of sentences, each hostile to some reader.
const FRAGMENTS: [&str; 16] = [
    "He said \"no\", twice.",
    "line one\nline two",
    "a Windows\r\nline break",
    "a back\\slash and a \\\"escaped\\\" quote",
    "tab\tseparated",
    "semi; colon, comma",
    "Ελληνικά: «δήλωση»",
    "Русский текст",
    "中文报道，逗号",
    "نص عربي",
    "emoji 🙂 and ‘curly’ quotes",
    "'single' and [brackets] {braces}",
    "=formula(1)+2",
    "NULL",
    "\\N",
    "   spaces around   ",
];

/// Alias shapes, hostile to list cells: commas, semicolons, quotes, brackets, scripts.
const ALIASES: [&str; 5] = [
    "{name}, \"the one\"",
    "{name}; [bracketed]",
    "Имя {i}",
    "{name} 'quoted'",
    "{name} \\ backslashed",
];

/// One source the text gives an event: the document, the quote, and whether the initiator
/// said it and which outlet it came through.
pub(super) struct Told {
    pub(super) document: usize,
    pub(super) quote: String,
    pub(super) said_by_initiator: bool,
    pub(super) via: Option<usize>,
}

/// The text of a workload: what each event's and relation's sources say, each event's
/// description, each document's title and text, and each entity's aliases.
pub(super) struct Texts {
    pub(super) events: Vec<Vec<Told>>,
    pub(super) descriptions: Vec<Option<String>>,
    pub(super) relations: Vec<Told>,
    pub(super) documents: Vec<String>,
    pub(super) titles: Vec<String>,
    pub(super) aliases: Vec<Vec<String>>,
    pub(super) outlets: Vec<usize>,
}

fn sentence(rng: &mut Rng, what: &str, number: usize) -> String {
    let a = FRAGMENTS[rng.below(FRAGMENTS.len())];
    let b = FRAGMENTS[rng.below(FRAGMENTS.len())];
    format!("{a} ({what} {number}) {b}")
}

impl Texts {
    pub(super) fn new(workload: &Workload, seed: u64) -> Texts {
        let mut rng = Rng(seed ^ 0x7E47_5EED);
        let outlets: Vec<usize> = (workload.entities.iter().enumerate())
            .filter(|(_, e)| e.kind == crate::model::EntityKind::MediaOutlet)
            .map(|(i, _)| i)
            .collect();
        let documents = workload.documents.max(1);
        let mut texts: Vec<String> = vec![String::new(); documents];
        let mut tell = |rng: &mut Rng, document: usize, what: &str, number: usize| {
            let quote = sentence(rng, what, number);
            let text = &mut texts[document];
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&quote);
            let via = (!outlets.is_empty() && rng.below(4) == 0)
                .then(|| outlets[rng.below(outlets.len())]);
            Told {
                document,
                quote,
                said_by_initiator: rng.below(3) == 0,
                via,
            }
        };
        let mut events = Vec::with_capacity(workload.events.len());
        let mut descriptions = Vec::with_capacity(workload.events.len());
        for (i, event) in workload.events.iter().enumerate() {
            let mut told = vec![tell(&mut rng, event.document % documents, "event", i)];
            // A third of the events are told by a second report too, in other words.
            if rng.below(3) == 0 {
                let other = rng.below(documents);
                if other != told[0].document {
                    told.push(tell(&mut rng, other, "event", i));
                }
            }
            events.push(told);
            // Half of them described, in a fragment alone: "NULL", "\N", spaces around.
            descriptions.push(
                (rng.below(2) == 0).then(|| FRAGMENTS[rng.below(FRAGMENTS.len())].to_owned()),
            );
        }
        let relations = (0..workload.relations.len())
            .map(|i| {
                let document = rng.below(documents);
                tell(&mut rng, document, "relation", i)
            })
            .collect();
        let titles = (0..documents)
            .map(|i| sentence(&mut rng, "title", i))
            .collect();
        let aliases = (workload.entities.iter().enumerate())
            .map(|(i, e)| {
                let first = rng.below(ALIASES.len());
                (0..e.aliases.len())
                    .map(|j| {
                        ALIASES[(first + j) % ALIASES.len()]
                            .replace("{name}", &e.name)
                            .replace("{i}", &i.to_string())
                    })
                    .collect()
            })
            .collect();
        Texts {
            events,
            descriptions,
            relations,
            documents: texts,
            titles,
            aliases,
            outlets,
        }
    }
}
