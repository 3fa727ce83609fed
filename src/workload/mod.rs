//! GDELT-like workloads for benchmarks and load tests (feature `workload`).
//!
//! [`Workload::generate`] makes the records of a graph of `n` events the way
//! `bench/gen.py` does: `n / 10` entities (persons 40 %, organisations 35 %, states 15 %, media
//! outlets 10 %, each with up to two aliases), drawn with a Zipf-like law so that a few hubs
//! take part in most events; each event a PLOVER kind, a day in 2020–2024, an initiator and a
//! target, and a source among `n / 5` documents; and `n / 5` entity–entity relations. It is
//! deterministic: the same `n` and seed give the same records. [`Workload::read_csv`] reads
//! the CSV files `gen.py` writes, so that figures can be set beside those of other systems on
//! the same data. [`articles`] writes a corpus of article files, one graph file each, with the
//! same law of actors.
//!
//! ```
//! use eventkg::workload::Workload;
//! let workload = Workload::generate(1_000, 42);
//! let graph = workload.build()?;
//! assert_eq!(graph.event_count(), 1_000);
//! assert_eq!(graph.entity_count(), 100);
//! assert!(graph.entities().all(|(_, e)| e.country().is_some()));
//! # Ok::<(), eventkg::Error>(())
//! ```

mod articles;
mod gdelt;
mod names;
mod story;
mod texts;

use std::path::Path;

use chrono::NaiveDate;

use crate::ErrorKind;
use crate::model::{
    Document, DocumentId, Entity, EntityId, EntityKind, Event, EventId, EventKind, FuzzyDate,
    NodeKind, Participation, Relation, RelationKind, Role, Source, Sources,
};
use crate::{Capacity, Error, EventGraph};

pub use articles::{ArticleFile, articles};
pub use gdelt::{gdelt_events, gdelt_mentions, split_rows};
pub use names::{NameWorkload, name_variants};
pub use story::story;

/// One entity of a workload.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityRecord {
    /// What it is.
    pub kind: EntityKind,
    /// Its name, `Person 12`.
    pub name: String,
    /// Its aliases, `Person 12 alias 0`.
    pub aliases: Vec<String>,
    /// Its country, as gen.py numbers them (0 to 199), written as a three-letter code
    /// ([`country_code`]) when the graph is built.
    pub country: usize,
}

/// One event of a workload: a dyad on a day, from a document.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    /// Its PLOVER kind.
    pub kind: EventKind,
    /// Its day.
    pub date: NaiveDate,
    /// The index of its initiator among the entities.
    pub initiator: usize,
    /// The index of its target.
    pub target: usize,
    /// The index of its source document.
    pub document: usize,
}

/// One relation of a workload.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationRecord {
    /// The index of its start.
    pub from: usize,
    /// Its kind.
    pub kind: RelationKind,
    /// The index of its end.
    pub to: usize,
}

/// A stable three-letter code for gen.py's numbered countries (`C042` → `AAQ`), since country
/// codes are ISO-style capitals.
pub fn country_code(number: usize) -> crate::model::CountryCode {
    let digit = |n: usize| (n % 26) as u8;
    crate::model::CountryCode::from_letters([
        digit(number / 676),
        digit(number / 26),
        digit(number),
    ])
}

/// The records of a generated graph, ready to be built into an [`EventGraph`] or into any
/// other structure a benchmark compares it with.
#[derive(Clone, Debug, Default)]
pub struct Workload {
    /// The entities.
    pub entities: Vec<EntityRecord>,
    /// The events.
    pub events: Vec<EventRecord>,
    /// How many documents the events cite.
    pub documents: usize,
    /// The relations.
    pub relations: Vec<RelationRecord>,
}

/// A small, fast, deterministic generator (SplitMix64), so that workloads do not depend on a
/// random-number crate's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}

const PLOVER: [EventKind; 16] = [
    EventKind::Agree,
    EventKind::Consult,
    EventKind::Support,
    EventKind::Concede,
    EventKind::Cooperate,
    EventKind::Aid,
    EventKind::Retreat,
    EventKind::Request,
    EventKind::Accuse,
    EventKind::Reject,
    EventKind::Threaten,
    EventKind::Protest,
    EventKind::Sanction,
    EventKind::Mobilize,
    EventKind::Coerce,
    EventKind::Assault,
];

impl Workload {
    /// The records of a graph of `n` events; see the [module documentation](self).
    pub fn generate(n: usize, seed: u64) -> Workload {
        let mut rng = Rng(seed);
        let entity_count = (n / 10).max(10);
        // Zipf-like weights 1/(i+1)^1.1, over a shuffled order so hubs are not the first ids.
        let mut cumulative = Vec::with_capacity(entity_count);
        let mut total = 0.0;
        for i in 0..entity_count {
            total += 1.0 / ((i + 1) as f64).powf(1.1);
            cumulative.push(total);
        }
        let mut order: Vec<usize> = (0..entity_count).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let zipf = |rng: &mut Rng| {
            let x = rng.unit() * total;
            order[cumulative.partition_point(|&c| c < x).min(entity_count - 1)]
        };
        let mut entities = Vec::with_capacity(entity_count);
        for i in 0..entity_count {
            let r = rng.unit();
            let (kind, word) = if r < 0.40 {
                (EntityKind::Person, "Person")
            } else if r < 0.75 {
                (EntityKind::Organisation, "Organisation")
            } else if r < 0.90 {
                (EntityKind::State, "Country")
            } else {
                (EntityKind::MediaOutlet, "Media")
            };
            let name = format!("{word} {i}");
            let aliases = (0..rng.below(3))
                .map(|j| format!("{name} alias {j}"))
                .collect();
            entities.push(EntityRecord {
                kind,
                name,
                aliases,
                country: rng.below(200),
            });
        }
        let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN);
        let days = (NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or(first) - first).num_days();
        let documents = (n / 5).max(1);
        let mut events = Vec::with_capacity(n);
        for _ in 0..n {
            let initiator = zipf(&mut rng);
            let mut target = zipf(&mut rng);
            while target == initiator {
                target = zipf(&mut rng);
            }
            events.push(EventRecord {
                kind: PLOVER[rng.below(16)].clone(),
                date: first + chrono::Duration::days(rng.below(days as usize + 1) as i64),
                initiator,
                target,
                document: rng.below(documents),
            });
        }
        let kinds = [
            RelationKind::MemberOf,
            RelationKind::Leads,
            RelationKind::SpeaksFor,
            RelationKind::AlliedWith,
            RelationKind::PartOf,
        ];
        let mut relations = Vec::with_capacity(n / 5);
        for _ in 0..n / 5 {
            let from = rng.below(entity_count);
            let to = zipf(&mut rng);
            let kind = kinds[rng.below(kinds.len())].clone();
            if from != to {
                relations.push(RelationRecord { from, kind, to });
            }
        }
        let mut workload = Workload {
            entities,
            events,
            documents,
            relations,
        };
        workload.fit_relations();
        workload
    }

    /// Makes every relation whose kind does not fit its ends (a member of a person, say)
    /// `allied_with`, so that every relation drawn or read is kept, and building adds each
    /// as it is.
    fn fit_relations(&mut self) {
        let entities = &self.entities;
        let kind_of = |i: usize| entities.get(i).map(|e| NodeKind::Entity(&e.kind));
        for relation in &mut self.relations {
            let fits = match (kind_of(relation.from), kind_of(relation.to)) {
                (Some(a), Some(b)) => relation.kind.fits(a, b),
                _ => true,
            };
            if !fits {
                relation.kind = RelationKind::AlliedWith;
            }
        }
    }

    /// Reads the `entities.csv`, `events.csv` and `relations.csv` that `bench/gen.py` writes.
    pub fn read_csv(dir: &Path) -> Result<Workload, Error> {
        let read = |name: &str| -> Result<Vec<Vec<String>>, Error> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::io(path.display().to_string(), e))?;
            Ok(text
                .lines()
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(|l| l.split(',').map(str::to_owned).collect())
                .collect())
        };
        let bad = |what: &str, row: &[String]| -> Error {
            ErrorKind::InvalidValue {
                what: "workload row",
                value: row.join(","),
                reason: format!("in {what}"),
            }
            .into()
        };
        let number = |text: &str, row: &[String], what: &str| -> Result<usize, Error> {
            text.parse().map_err(|_| bad(what, row))
        };
        let mut workload = Workload::default();
        for row in read("entities.csv")? {
            let [_, kind, name, aliases, country] = &row[..] else {
                return Err(bad("entities.csv", &row));
            };
            workload.entities.push(EntityRecord {
                kind: match kind.as_str() {
                    "person" => EntityKind::Person,
                    "organisation" => EntityKind::Organisation,
                    "country" => EntityKind::State,
                    "media" => EntityKind::MediaOutlet,
                    _ => return Err(bad("entities.csv", &row)),
                },
                name: name.clone(),
                aliases: aliases
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
                country: country
                    .strip_prefix('C')
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| bad("entities.csv", &row))?,
            });
        }
        for row in read("events.csv")? {
            let [_, kind, date, initiator, target, document] = &row[..] else {
                return Err(bad("events.csv", &row));
            };
            let document = number(document, &row, "events.csv")?;
            workload.documents = workload.documents.max(document + 1);
            workload.events.push(EventRecord {
                kind: kind
                    .to_lowercase()
                    .parse()
                    .map_err(|_| bad("events.csv", &row))?,
                date: date.parse().map_err(|_| bad("events.csv", &row))?,
                initiator: number(initiator, &row, "events.csv")?,
                target: number(target, &row, "events.csv")?,
                document,
            });
        }
        for row in read("relations.csv")? {
            let [from, kind, to] = &row[..] else {
                return Err(bad("relations.csv", &row));
            };
            workload.relations.push(RelationRecord {
                from: number(from, &row, "relations.csv")?,
                kind: match kind.as_str() {
                    "spokesperson_for" => RelationKind::SpeaksFor,
                    other => other.parse().map_err(|_| bad("relations.csv", &row))?,
                },
                to: number(to, &row, "relations.csv")?,
            });
        }
        workload.fit_relations();
        Ok(workload)
    }

    /// Builds the records into a graph through the public API: documents `doc-N`, entities,
    /// events with their initiator and target, each sourced, and relations. A relation whose
    /// kind does not fit its endpoints (a member of a person, say; generated and read
    /// workloads have none) is added as `allied_with`, so that every relation is kept; one
    /// stated twice is one relation.
    pub fn build(&self) -> Result<EventGraph, Error> {
        self.build_told(None)
    }

    /// Builds the same graph, told in made-up articles whose text is as hard on CSV readers
    /// and database loaders as real text: every document has a title, a URL, a publishing
    /// outlet, a day and a text; every event and relation a verbatim quote from it, a third of
    /// the events a second report's too, some quotes a speaker (the initiator) and an outlet
    /// they came through; half the events a description; every alias commas, semicolons,
    /// quotes, brackets or another script. The quotes and descriptions hold line breaks,
    /// CR/LF, quotes, commas, backslashes, tabs, non-Latin scripts and words that loaders
    /// read as null (`NULL`, `\N`). Nothing in it comes from a real article.
    ///
    /// ```
    /// use eventkg::workload::Workload;
    /// let graph = Workload::generate(1_000, 42).build_with_text(7)?;
    /// assert_eq!(graph.event_count(), 1_000);
    /// let quotes = graph.events().flat_map(|(_, e)| e.sources().iter()).filter(|s| s.quote.is_some());
    /// assert!(quotes.count() > 1_000);
    /// assert!(graph.documents().all(|(_, d)| d.text().is_some()));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn build_with_text(&self, seed: u64) -> Result<EventGraph, Error> {
        self.build_told(Some(texts::Texts::new(self, seed)))
    }

    fn build_told(&self, texts: Option<texts::Texts>) -> Result<EventGraph, Error> {
        let mut graph = EventGraph::new();
        // Room for what is to come, as the baseline makes it.
        graph.reserve(
            Capacity::new()
                .entities(self.entities.len())
                .names(self.entities.iter().map(|e| 1 + e.aliases.len()).sum())
                .documents(self.documents)
                .events(self.events.len())
                .participations(2 * self.events.len())
                .relations(self.relations.len()),
        );
        let mut entities: Vec<EntityId> = Vec::with_capacity(self.entities.len());
        for (i, record) in self.entities.iter().enumerate() {
            let mut entity = Entity::new(record.kind.clone(), record.name.clone());
            entity.aliases = match &texts {
                Some(texts) => texts.aliases[i].clone(),
                None => record.aliases.clone(),
            };
            entity.country = Some(country_code(record.country));
            entities.push(graph.add_entity(entity)?);
        }
        let entity = |i: usize| {
            entities
                .get(i)
                .copied()
                .ok_or_else(|| ErrorKind::UnknownEntity(EntityId::new(i as u32)))
        };
        // Ids are handed out in insertion order, and the graph is new: the i-th document's id
        // is i, and an event's document is found without a table of ids (a miss in the cache
        // an event, at a large graph, which the baseline does not have).
        for i in 0..self.documents {
            let mut document = Document::new(format!("doc-{i}"));
            if let Some(texts) = &texts {
                document = document
                    .title(texts.titles[i].clone())
                    .url(format!("https://news.example/{i}?a=1,b=\"2\"&c=;"))
                    .text(texts.documents[i].clone())
                    .language("und");
                if !texts.outlets.is_empty() {
                    document = document.publisher(entity(texts.outlets[i % texts.outlets.len()])?);
                }
                if let Some(day) = NaiveDate::from_ymd_opt(2020, 1, 1) {
                    document = document.published(day + chrono::Duration::days((i % 1827) as i64));
                }
            }
            let added = graph.add_document(document)?;
            if added.index() as usize != i {
                return Err(ErrorKind::InvalidValue {
                    what: "document id",
                    value: added.to_string(),
                    reason: format!("the workload's document {i} took another id"),
                }
                .into());
            }
        }
        let documents = self.documents;
        let document = |i: usize| match u32::try_from(i) {
            Ok(at) if i < documents => Ok(DocumentId::new(at)),
            _ => Err(ErrorKind::UnknownDocument(DocumentId::new(i as u32))),
        };
        for (i, record) in self.events.iter().enumerate() {
            let sources = match &texts {
                None => Sources::from(Source::new(document(record.document)?)),
                Some(texts) => {
                    let mut sources = Vec::new();
                    for told in &texts.events[i] {
                        let mut source =
                            Source::new(document(told.document)?).quote(told.quote.clone());
                        if told.said_by_initiator {
                            source = source.attributed_to(entity(record.initiator)?);
                        }
                        if let Some(outlet) = told.via {
                            source = source.via(entity(outlet)?);
                        }
                        sources.push(source);
                    }
                    Sources::from_iter(sources)
                }
            };
            let mut event = Event::new(record.kind.clone())
                .date(FuzzyDate::day(record.date)?)
                .sources(sources.clone());
            if let Some(description) = texts.as_ref().and_then(|t| t.descriptions[i].clone()) {
                event = event.description(description);
            }
            let event: EventId = graph.add_event(event)?;
            graph.add_participation(
                Participation::new(entity(record.initiator)?, Role::Initiator, event)
                    .sources(sources.clone()),
            )?;
            graph.add_participation(
                Participation::new(entity(record.target)?, Role::Target, event).sources(sources),
            )?;
        }
        for (i, record) in self.relations.iter().enumerate() {
            let (from, to) = (entity(record.from)?, entity(record.to)?);
            let sources = match texts.as_ref().and_then(|t| t.relations.get(i)) {
                Some(told) => {
                    Sources::from(Source::new(document(told.document)?).quote(told.quote.clone()))
                }
                None => Sources::new(),
            };
            let relation = Relation::new(from, record.kind.clone(), to).sources(sources.clone());
            match graph.add_relation(relation) {
                // Generated and read records fit (see `fit_relations`); one made by hand may
                // not.
                Err(refused) if matches!(refused.kind(), ErrorKind::InvalidFact { .. }) => {
                    let relation = Relation::new(from, RelationKind::AlliedWith, to);
                    graph.add_relation(relation.sources(sources))?;
                }
                added => {
                    added?;
                }
            }
        }
        Ok(graph)
    }
}

#[cfg(test)]
mod tests {
    use super::{EntityRecord, RelationRecord, Workload};
    use crate::model::{EntityKind, RelationKind};

    fn person_and_body(kind: RelationKind) -> Workload {
        let entity = |kind: EntityKind, name: &str| EntityRecord {
            kind,
            name: name.into(),
            aliases: Vec::new(),
            country: 0,
        };
        Workload {
            entities: vec![
                entity(EntityKind::Person, "Made-up Quist"),
                entity(EntityKind::Organisation, "Made-up Body"),
            ],
            events: Vec::new(),
            documents: 0,
            relations: vec![RelationRecord {
                from: 1,
                kind,
                to: 0,
            }],
        }
    }

    /// A body is no member of a person: drawn or read, such a relation is made
    /// `allied_with`, and a workload made by hand with one builds it so too.
    #[test]
    fn a_relation_that_does_not_fit_its_ends_is_kept_as_an_alliance() {
        let mut fitted = person_and_body(RelationKind::MemberOf);
        fitted.fit_relations();
        assert_eq!(fitted.relations[0].kind, RelationKind::AlliedWith);
        for workload in [person_and_body(RelationKind::MemberOf), fitted] {
            let graph = workload.build().unwrap();
            let kinds: Vec<_> = graph.relations().map(|(_, r)| r.kind().clone()).collect();
            assert_eq!(kinds, [RelationKind::AlliedWith]);
        }
        let mut member = person_and_body(RelationKind::MemberOf);
        member.relations[0] = RelationRecord {
            from: 0,
            kind: RelationKind::MemberOf,
            to: 1,
        };
        member.fit_relations();
        assert_eq!(
            member.relations[0].kind,
            RelationKind::MemberOf,
            "a person joins a body"
        );
    }
}
