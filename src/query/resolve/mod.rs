//! Who is who: entities that are probably one actor and events that are probably one
//! happening, each pair scored and explained, for an analyst to confirm or set aside.
//!
//! Nothing here joins anything. Candidates come from blocking, never from comparing all
//! pairs: entities meet when a name of each shares a word or a word's sound key, events when
//! they share a kind and a participant. A key shared by more records than
//! [`CandidateOptions::block_limit`] blocks nothing (a common word such as "ministry" tells
//! nothing apart); the result lists those words, so that a pair missed for that reason is
//! not missed in silence.

mod entities;
mod events;
mod names;
mod reason;

pub use entities::EntityCandidate;
pub use events::EventCandidate;
pub(crate) use names::{NameForm, score_names};
pub use reason::Reason;

use rustc_hash::FxHashSet;

use crate::EventGraph;
use crate::model::EntityId;

/// How candidates are searched for and which are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateOptions {
    threshold: f64,
    block_limit: usize,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions {
            threshold: 0.8,
            block_limit: 64,
        }
    }
}

/// The score from which a merge reports an entity it introduced as looking like another
/// ([`MergeReport::similar_entities`](crate::MergeReport::similar_entities)): on the labelled
/// set of `tests/data/resolution/`, every true pair scores above it, and fewer than one false
/// pair per ten entities does.
pub const WARN_THRESHOLD: f64 = 0.85;

impl CandidateOptions {
    /// Candidates scoring 0.8 or more, from keys shared by at most 64 records.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps candidates scoring at least `threshold` (from 0 to 1; 0.8 by default).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }

    /// The score candidates must reach.
    pub fn min_score(&self) -> f64 {
        self.threshold
    }

    /// Skips keys shared by more than `limit` records (64 by default): comparing every pair in
    /// a block costs its size squared, and a word that many records share tells little.
    pub fn block_limit(mut self, limit: usize) -> Self {
        self.block_limit = limit;
        self
    }
}

/// Entity and event pairs that are probably one, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidates {
    entities: Vec<EntityCandidate>,
    events: Vec<EventCandidate>,
    crowded: Vec<(String, usize)>,
}

impl Candidates {
    /// Entity pairs, best first (ties by ids).
    pub fn entities(&self) -> &[EntityCandidate] {
        &self.entities
    }

    /// Event pairs, best first (ties by ids).
    pub fn events(&self) -> &[EventCandidate] {
        &self.events
    }

    /// The candidates pairing `entity` with another, best first.
    pub fn for_entity(&self, entity: EntityId) -> impl Iterator<Item = &EntityCandidate> {
        self.entities.iter().filter(move |c| c.involves(entity))
    }

    /// Name words shared by too many entities to block on, with how many share each, most
    /// shared first: two entities whose names meet only on such words were not compared.
    pub fn crowded_words(&self) -> &[(String, usize)] {
        &self.crowded
    }
}

impl EventGraph {
    /// Entities that are probably one actor and events that are probably one happening, each
    /// pair with a score and the reasons for it, for an analyst to review; nothing is joined.
    ///
    /// Entities are compared name by name after folding case, diacritics, punctuation and
    /// script, word by word in any order: a word may be spelled another way (Jaro–Winkler,
    /// or the same sound key with the `phonetic` feature), an initial may stand for a word,
    /// a person's title is set aside, and the longer name may add words (a first name, an
    /// edition's name). Kinds must be the same or [compatible](Reason::CompatibleKinds); the
    /// same country, and shared partners in events, add to the score; different countries
    /// take from it. Entities a relation joins are never offered. Events must be of one
    /// kind, share a participant (the same entity, or an entity pair found here), have dates that overlap (or none), and come from
    /// documents that share none: two events one report tells apart are two.
    ///
    /// Cost: linear in the names and participations, plus the pairs in each block (at most
    /// [`block_limit`](CandidateOptions::block_limit) squared per key).
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::{CandidateOptions, Reason};
    /// let mut graph = EventGraph::new();
    /// let fra: CountryCode = "FRA".parse()?;
    /// let macron = graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").country(fra))?;
    /// let again = graph.add_entity(Entity::new(EntityKind::Person, "President Macron").country(fra))?;
    /// graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Todd").country(fra))?;
    ///
    /// let found = graph.resolution_candidates(&CandidateOptions::new());
    /// let [pair] = found.entities() else { panic!("one pair") };
    /// assert_eq!((pair.one(), pair.other()), (macron, again));
    /// assert!(pair.score() > 0.9);
    /// assert!(pair.reasons().contains(&Reason::SameCountry(fra)));
    /// let why: Vec<String> = pair.reasons().iter().map(|r| r.to_string()).collect();
    /// assert_eq!(why[0], "same `macron`, one name adds `emmanuel`");
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn resolution_candidates(&self, options: &CandidateOptions) -> Candidates {
        let entities = entities::entity_candidates(self, options, None);
        let events = events::event_candidates(self, options, &entities.candidates);
        Candidates {
            entities: entities.candidates,
            events,
            crowded: entities.crowded,
        }
    }

    /// The entity candidates that pair one of `entities` with another entity, best first: what
    /// a merge reports of the entities a file introduced ([`MergeReport::similar_entities`]).
    /// Costs a pass over every entity's names, as
    /// [`resolution_candidates`](Self::resolution_candidates) does, but scores only the pairs
    /// that involve `entities`.
    ///
    /// [`MergeReport::similar_entities`]: crate::MergeReport::similar_entities
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::CandidateOptions;
    /// let mut graph = EventGraph::new();
    /// let held = graph.add_entity(Entity::new(EntityKind::Person, "Varek Tolminsky"))?;
    /// let new = graph.add_entity(Entity::new(EntityKind::Person, "Tolminskiy"))?;
    /// let similar = graph.similar_entities(&[new], &CandidateOptions::new());
    /// assert_eq!(similar[0].partner_of(new), Some(held));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn similar_entities(
        &self,
        entities: &[EntityId],
        options: &CandidateOptions,
    ) -> Vec<EntityCandidate> {
        if entities.is_empty() {
            return Vec::new();
        }
        let only: FxHashSet<EntityId> = entities.iter().copied().collect();
        entities::entity_candidates(self, options, Some(&only)).candidates
    }
}
