//! The store: [`EventGraph`], entities and events as nodes, participations and relations as
//! the edges between them, threaded through their own tables; strings and provenance in side
//! tables.

mod adjacency;
mod capacity;
mod checks;
mod closure;
mod describe;
mod document_record;
mod document_ref;
mod documents;
mod entities;
mod entity_record;
mod entity_ref;
mod event_keys;
mod event_record;
mod event_ref;
mod events;
mod index_hash;
mod join;
mod journal;
mod kept_value;
mod keys;
mod kinds;
mod links;
mod merge;
mod merge_report;
mod names;
mod participation_record;
mod participation_ref;
mod participations;
mod provenance;
mod record_view;
mod relation_record;
mod relation_ref;
mod relations;
mod restate;
mod serde_impl;
mod sources;
mod strings;
mod table;
mod terms;
mod view;
mod view_copy;
mod view_facts;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

pub use capacity::Capacity;
pub(crate) use checks::is_plain_name;
use checks::*;
pub(crate) use closure::Scope;
use document_record::{DocumentRecord, HeldTexts};
pub use document_ref::DocumentRef;
use entity_record::EntityRecord;
pub use entity_ref::EntityRef;
use event_keys::EventKeys;
use event_record::EventRecord;
pub use event_ref::EventRef;
pub(crate) use events::Vouched;
pub use join::EntityJoin;
pub(crate) use join::may_be_one;
use journal::SpareJournal;
pub(crate) use journal::{Journal, Noted};
pub(crate) use kept_value::{Differing, show_coordinates, show_country};
pub use kept_value::{Keeper, KeptField, KeptValue};
use keys::KeyIndex;
use kinds::{KindIndex, Label};
pub(crate) use links::Spot;
use links::{Link, Links};
pub(crate) use merge::{EventContent, Keyless};
pub use merge_report::{LookAlike, MergeReport, SameAs};
use names::NameIndex;
pub use names::normalize_name;
use participation_record::{NO_RARE_FIELDS, ParticipationRecord, RareFields};
pub use participation_ref::ParticipationRef;
use relation_record::RelationRecord;
pub use relation_ref::RelationRef;
use sources::{ListId, SHARED_UP_TO, SourceLists};
use strings::{Strings, TextId};
use table::Table;
use terms::{TermCode, Terms};
pub use view::View;

use crate::Error;
use crate::ErrorKind;
use crate::model::RecordId;
use crate::model::{
    Confidence, Document, DocumentId, Entity, EntityId, EntityKind, Event, EventField, EventId,
    EventKind, FactId, FieldValue, FuzzyDate, NodeId, NodeKind, Participation, ParticipationId,
    Relation, RelationId, RelationKind, Role, Source, Sources,
};

/// A record as its table holds it.
#[derive(Clone, Debug)]
struct Placed<T> {
    value: T,
}

/// What a traversal reads of a fact at a node: the fact, whether it is negated, and, for a
/// participation, whether its role [takes part](Role::takes_part), so that a traversal can
/// pass over negated facts and positions. Made from the fact's record as it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edge {
    id: u32,
    relation: bool,
    negated: bool,
    takes_part: bool,
}

impl Edge {
    /// The fact the edge stands for.
    pub(crate) fn fact(self) -> FactId {
        if self.relation {
            FactId::Relation(RelationId::new(self.id))
        } else {
            FactId::Participation(ParticipationId::new(self.id))
        }
    }

    /// The participation the edge stands for, if its fact is affirmed and its role takes part.
    fn taking_part(self) -> Option<ParticipationId> {
        (!self.relation && !self.negated && self.takes_part).then(|| ParticipationId::new(self.id))
    }

    /// Whether the fact is negated.
    pub(crate) fn negated(self) -> bool {
        self.negated
    }
}

/// A typed graph of entities and events, joined by participations and relations, every one of
/// them carrying its sources.
///
/// Each record is held once, in a table indexed by its id; the adjacency is held apart in a
/// few bytes a node and a fact (a node's first fact each way, a fact's ends and the next fact
/// at each), so that traversals stay in a compact structure; names, descriptions and
/// provenance live in side tables. Ids are handed out in
/// insertion order and never reused, and every iterator yields records in insertion order, so
/// the same sequence of calls always gives the same output.
///
/// Every change is validated first and applied whole or not at all: a call that returns an
/// error has left the graph as it was.
///
/// ```
/// use eventkg::{Entity, EntityKind, Event, EventGraph, EventKind, Participation, Role};
///
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))?;
/// let poland = graph.add_entity(Entity::new(EntityKind::State, "Poland"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
///
/// assert_eq!(graph.find_entity("paris")?, france);
/// let roles: Vec<_> = graph
///     .participations_in(letter)
///     .map(|(_, p)| (graph.entity(p.entity()).unwrap().name(), p.role().as_str()))
///     .collect();
/// assert_eq!(roles, [("France", "initiator"), ("Poland", "target")]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct EventGraph {
    documents: Table<DocumentId, Placed<DocumentRecord>>,
    entities: Table<EntityId, Placed<EntityRecord>>,
    events: Table<EventId, Placed<EventRecord>>,
    participations: Table<ParticipationId, Placed<ParticipationRecord>>,
    relations: Table<RelationId, Placed<RelationRecord>>,
    /// The adjacency: which facts are at each node.
    links: Links,
    names: NameIndex,
    document_keys: KeyIndex<DocumentId>,
    event_keys: EventKeys,
    kinds: KindIndex,
    /// The keys and descriptions the records name by id.
    strings: Strings,
    /// The entity kinds the entities name by code.
    entity_kinds: Terms<EntityKind>,
    /// The event kinds the events name by code.
    event_kinds: Terms<EventKind>,
    /// The roles the participations name by code.
    roles: Terms<Role>,
    /// The relation kinds the relations name by code.
    relation_kinds: Terms<RelationKind>,
    source_lists: SourceLists,
    /// The attributes and confidence of the few participations that have them.
    participation_rare: FxHashMap<ParticipationId, RareFields>,
    /// While a merge is under way, what undoes it if it fails.
    journal: Option<Box<Journal>>,
    /// The last journal, emptied, for the next merge to use.
    spare_journal: SpareJournal,
    /// Keyless events by what they say, kept from one merge to the next.
    keyless: Option<Keyless>,
}

impl Default for EventGraph {
    fn default() -> Self {
        Self::new()
    }
}

/// The longest name, alias, key, title or attribute name, in bytes. Names are indexed and shown in every
/// diagram; a longer one is a mistake in the input (a paragraph pasted into a name field),
/// not a name.
pub const MAX_NAME_BYTES: usize = 1024;

/// The longest free text (a quote, a description, a document's title or text, an attribute
/// value), in bytes:
/// room for any article or report, and a bound on what one value of a hostile file can make
/// the graph hold.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

impl EventGraph {
    /// An empty graph.
    pub fn new() -> Self {
        EventGraph {
            documents: Table::new(),
            entities: Table::new(),
            events: Table::new(),
            participations: Table::new(),
            relations: Table::new(),
            links: Links::default(),
            names: NameIndex::default(),
            event_keys: EventKeys::default(),
            kinds: KindIndex::default(),
            strings: Strings::default(),
            entity_kinds: Terms::default(),
            event_kinds: Terms::default(),
            roles: Terms::default(),
            relation_kinds: Terms::default(),
            document_keys: KeyIndex::default(),
            source_lists: SourceLists::default(),
            participation_rare: FxHashMap::default(),
            journal: None,
            spare_journal: SpareJournal::default(),
            keyless: None,
        }
    }

    // ----- counts --------------------------------------------------------------------------

    /// How many documents the graph holds.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// How many entities the graph holds.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// How many events the graph holds.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// How many participations the graph holds.
    pub fn participation_count(&self) -> usize {
        self.participations.len()
    }

    /// How many relations the graph holds.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }
}

impl PartialEq for EventGraph {
    /// Two graphs are equal when they hold the same records under the same ids; the order of
    /// their adjacency lists is not compared.
    fn eq(&self, other: &Self) -> bool {
        /// Whether two tables hold equal records under the same ids, each read through
        /// `show`: the record itself, or for a packed record its view, since two graphs
        /// may code the same kind or text differently.
        fn same<'a, I: crate::model::TableId, T, V: PartialEq>(
            a: (&'a EventGraph, &'a Table<I, Placed<T>>),
            b: (&'a EventGraph, &'a Table<I, Placed<T>>),
            show: impl Fn(&'a EventGraph, I, &'a T) -> V,
        ) -> bool {
            let view = |graph, (index, slot): (usize, Option<&'a Placed<T>>)| {
                slot.map(|p| show(graph, I::from_index(index as u32), &p.value))
            };
            a.1.slots().len() == b.1.slots().len()
                && a.1
                    .slots()
                    .enumerate()
                    .zip(b.1.slots().enumerate())
                    .all(|(x, y)| view(a.0, x) == view(b.0, y))
        }
        let (a, b) = (self, other);
        same((a, &a.documents), (b, &b.documents), |g, _, d| {
            DocumentRef::new(g, d)
        }) && same((a, &a.entities), (b, &b.entities), |g, _, e| {
            EntityRef::new(g, e)
        }) && same((a, &a.events), (b, &b.events), |g, _, e| {
            EventRef::new(g, e)
        }) && same(
            (a, &a.participations),
            (b, &b.participations),
            ParticipationRef::new,
        ) && same((a, &a.relations), (b, &b.relations), |g, _, r| {
            RelationRef::new(g, r)
        })
    }
}
