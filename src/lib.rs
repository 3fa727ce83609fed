//! # eventkg
//!
//! A typed knowledge graph of who did what to whom, as told by the news, in which every fact
//! can say where it came from.
//!
//! ## The model
//!
//! An article such as *"France has sent letters to the United States and about ten European
//! countries with a proposal to take part in a training mission in Ukraine … the Ministry of
//! Defence in Berlin did not receive an invitation letter … This is reported by the publication
//! Welt, reports UNN"* becomes:
//!
//! * **Entities** ([`Entity`]): France, the United States, the German Ministry of Defence, Welt,
//!   UNN, each with a [kind](EntityKind), a canonical name, aliases ("Paris" for France), a
//!   country and free attributes.
//! * **Events as nodes** ([`Event`]): the invitation, the proposed training mission, the
//!   opposition to it. An event has a [kind](EventKind) aligned with PLOVER and CAMEO, a
//!   [status](EventStatus) (happened, planned, proposed, hypothetical), an honest
//!   [date](FuzzyDate) ("last week" is a week, "late May" a part of a month), a location and a
//!   description. Events are nodes, not edges, so one invitation can reach nine recipients.
//! * **Facts as edges**: a [`Participation`] gives an entity a [`Role`] in an event (France
//!   initiator, Poland target); a [`Relation`] joins two entities or two events
//!   ([`RelationKind`]: member of, holds a role, about, requires, …). Every fact has a
//!   [`Polarity`], so "did not receive an invitation" is a negated participation rather than a
//!   missing one, and a [`Confidence`].
//! * **Provenance** on every record: [`Source`]s cite a [`Document`], with the verbatim quote,
//!   the speaker the document attributes it to, and the outlets it passed through ("UNN
//!   reporting what Welt reported"). Stating a fact again from another source adds a source to
//!   the fact; it never duplicates it. A record's [`Sources`] are shared with every record the
//!   same sources tell, so provenance on every fact costs a pointer, not a copy.
//! * **Many reports of one story**: merging graph files ([`io`]) or graphs
//!   ([`EventGraph::merge`]) credits each fact only to the reports that state it, keeps every
//!   value reports give an event's attributes with its sources ([`StatedValues`]), marks the
//!   event disputed where they disagree ([`EventGraph::disputes`]), joins events across reports
//!   only by key or `same_as`, and reports every decision ([`MergeReport`]).
//!
//! ## The store
//!
//! [`EventGraph`] holds the records, validates every change, indexes names (case, diacritics
//! and punctuation folded: [`normalize_name`]), and hands out typed ids ([`EntityId`],
//! [`EventId`], …) that are never reused. Iteration is in insertion order everywhere, so output
//! is deterministic. The graph serialises with serde, losslessly.
//!
//! ```
//! use eventkg::*;
//!
//! let mut graph = EventGraph::new();
//! let unn = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "UNN"))?;
//! let welt = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "Welt"))?;
//! let article = graph.add_document(
//!     Document::new("unn-2024-06-09").publisher(unn).published(NaiveDate::from_ymd_opt(2024, 6, 9).unwrap()),
//! )?;
//! let told = Source::new(article).via(welt);
//!
//! let france = graph.add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))?;
//! let ministry = graph.add_entity(
//!     Entity::new(EntityKind::GovernmentBody, "German Ministry of Defence").country("DEU".parse()?),
//! )?;
//! let letter = graph.add_event(
//!     Event::new(EventKind::Invitation)
//!         .date(graph.resolve_date(article, "last week")?)
//!         .source(told.clone()),
//! )?;
//! graph.add_participation(Participation::new(france, Role::Initiator, letter).source(told.clone()))?;
//! graph.add_participation(
//!     Participation::new(ministry, Role::Target, letter)
//!         .negated()
//!         .source(told.clone().quote("the Ministry of defense in Berlin did not receive an invitation letter")),
//! )?;
//!
//! let not_invited: Vec<_> = graph
//!     .participations_in(letter)
//!     .filter(|(_, p)| p.role() == Role::Target && p.polarity().is_negated())
//!     .map(|(_, p)| graph.entity(p.entity()).unwrap().name())
//!     .collect();
//! assert_eq!(not_invited, ["German Ministry of Defence"]);
//! assert_eq!(graph.event(letter).unwrap().date().unwrap().to_string(), "2024-W22");
//! # Ok::<(), eventkg::Error>(())
//! ```
//!
//! ## Where things are
//!
//! Each public item has one path. The records, their ids and vocabularies, the store
//! ([`EventGraph`]), its [`View`]s and the [`Error`] are at the crate's root; four modules
//! group the rest by what it is for:
//!
//! * [`io`]: graph files an analyst writes by hand, read and written; GDELT's event and
//!   mentions files read in ([`io::gdelt`], `docs/gdelt.md`).
//! * [`query`]: the questions analysts ask: search, stance, claims, paths, views, aggregates,
//!   and the actor network that summarises a graph too big to draw event by event.
//! * [`export`]: Graphviz DOT diagrams, a page to explore in a browser, GraphML, RDF and tables
//!   for graph databases and data frames, of a graph or any part of it.
//!
//! ## Features
//!
//! * `cli`: the `eventkg` command-line tool (`cargo install --path . --features cli`).
//! * `workload`: the `workload` module, GDELT-like generated graphs for benchmarks and load tests.
//! * `parallel` (default): a corpus's files parsed in parallel, with rayon.
//! * `zip` (default): zipped GDELT files, read as they stream.
//! * `phonetic` (default): sound keys for resolution candidates.
//! * `centrality` (default): degree, betweenness and eigenvector centrality (rustworkx-core).
//! * `html` (default): a self-contained HTML page to explore a graph in a browser
//!   ([`export::HtmlWriter`]).
//! * `parquet`: the bulk tables as Parquet files.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
pub mod export;
mod graph;
pub mod io;
mod model;
pub mod query;
#[cfg(feature = "workload")]
pub mod workload;

/// A calendar day, as dates, documents and windows take it: chrono's, re-exported so that a
/// crate using this one needs no `chrono` dependency of its own.
///
/// ```
/// use eventkg::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2024, 6, 9).unwrap();
/// assert_eq!(eventkg::FuzzyDate::day(day)?.to_string(), "2024-06-09");
/// # Ok::<(), eventkg::Error>(())
/// ```
pub use chrono::NaiveDate;
pub use error::{Error, ErrorKind, Location};
pub use graph::{
    Capacity, DocumentRef, EntityJoin, EntityRef, EventGraph, EventRef, Keeper, KeptField,
    KeptValue, LookAlike, MAX_NAME_BYTES, MAX_TEXT_BYTES, MergeReport, ParticipationRef,
    RelationRef, SameAs, View, normalize_name,
};
pub use model::*;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/merging.md")]
struct MergingDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/corpus.md")]
struct CorpusDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/gdelt.md")]
struct GdeltDoctests;
