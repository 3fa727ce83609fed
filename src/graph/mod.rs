//! The store: [`EventGraph`], entities and events as nodes of a petgraph `StableGraph`,
//! participations and relations as its edges, strings and provenance in side tables.

mod closure;
mod join;
mod journal;
mod kinds;
mod merge;
mod merge_report;
mod names;
mod serde_impl;
mod sources;
mod table;
mod view;
mod view_copy;

use std::collections::HashMap;

use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

pub(crate) use closure::Scope;
pub use join::EntityJoin;
pub(crate) use join::may_be_one;
pub(crate) use journal::{Journal, Noted};
use kinds::{KindIndex, Label};
pub(crate) use merge::{EventContent, Keyless};
pub use merge_report::{LookAlike, MergeReport, SameAs};
use names::NameIndex;
pub use names::normalize_name;
use sources::SourceLists;
use table::Table;
pub use view::View;

use crate::Error;
use crate::ErrorKind;
use crate::model::{
    Confidence, Document, DocumentId, Entity, EntityId, EntityKind, Event, EventField, EventId,
    EventKind, FactId, FieldValue, FuzzyDate, NodeId, NodeKind, Participation, ParticipationId,
    Relation, RelationId, RelationKind, Role, Source, Sources,
};
use crate::query::RecordId;

/// A record together with the petgraph index that places it in the adjacency structure.
#[derive(Clone, Debug)]
struct Placed<T, H> {
    value: T,
    at: H,
}

/// What an edge of the petgraph graph holds: the fact it stands for, whether that fact is
/// negated, and, for a participation, whether its role [takes part](Role::takes_part), so
/// that a traversal can pass over negated facts and positions without reading the fact from
/// its table (a cache miss per edge on a large graph). Kept in step on every update.
///
/// The fact is held as its bare id and a flag rather than as a [`FactId`], so that the edge
/// takes 8 bytes and petgraph's edge 24 rather than 28: traversals walk edges one after
/// another through memory, and their cost follows the bytes they cross.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edge {
    id: u32,
    relation: bool,
    negated: bool,
    takes_part: bool,
}

impl Edge {
    fn participation(id: ParticipationId, participation: &Participation) -> Self {
        Edge {
            id: id.index(),
            relation: false,
            negated: participation.polarity.is_negated(),
            takes_part: participation.role.takes_part(),
        }
    }

    fn relation(id: RelationId, relation: &Relation) -> Self {
        Edge {
            id: id.index(),
            relation: true,
            negated: relation.polarity.is_negated(),
            takes_part: false,
        }
    }

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
/// Adjacency lives in a petgraph [`StableGraph`](petgraph::stable_graph::StableGraph) whose
/// weights are only ids (8 bytes a node or edge), so traversals stay in a compact structure;
/// names, descriptions and provenance live in side tables indexed by id. Ids are handed out in
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
///     .map(|(_, p)| (graph.entity(p.entity).unwrap().name.as_str(), p.role.as_str()))
///     .collect();
/// assert_eq!(roles, [("France", "initiator"), ("Poland", "target")]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct EventGraph {
    graph: StableDiGraph<NodeId, Edge>,
    documents: Table<DocumentId, Placed<Document, ()>>,
    entities: Table<EntityId, Placed<Entity, NodeIndex>>,
    events: Table<EventId, Placed<Event, NodeIndex>>,
    participations: Table<ParticipationId, Placed<Participation, EdgeIndex>>,
    relations: Table<RelationId, Placed<Relation, EdgeIndex>>,
    names: NameIndex,
    document_keys: HashMap<String, DocumentId, foldhash::fast::RandomState>,
    event_keys: HashMap<String, EventId, foldhash::fast::RandomState>,
    kinds: KindIndex,
    source_lists: SourceLists,
    /// While a merge is under way, what undoes it if it fails.
    journal: Option<Box<Journal>>,
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

/// Refuses a value longer than `limit`, showing only its start: the error names the value
/// without copying megabytes into a message.
fn check_length(what: &'static str, value: &str, limit: usize) -> Result<(), Error> {
    if value.len() <= limit {
        return Ok(());
    }
    let shown: String = value.chars().take(40).collect();
    Err(ErrorKind::InvalidValue {
        what,
        value: format!("{shown}…"),
        reason: format!(
            "is {} bytes long, more than the {limit} bytes it may hold",
            value.len()
        ),
    }
    .into())
}

/// The checks a document's own fields must pass, wherever it comes from.
fn check_document_fields(document: &Document) -> Result<(), Error> {
    check_name("document key", &document.key)?;
    for (what, text) in [
        ("document title", &document.title),
        ("document text", &document.text),
        ("document url", &document.url),
    ] {
        if let Some(text) = text {
            check_length(what, text, MAX_TEXT_BYTES)?;
        }
    }
    check_attributes(&document.attributes)
}

/// Free attributes are bounded like the fields they sit beside: keys like names, values like
/// text.
fn check_attributes(attributes: &crate::Attributes) -> Result<(), Error> {
    for (key, value) in attributes.iter() {
        check_length("attribute name", key, MAX_NAME_BYTES)?;
        check_length("attribute value", value, MAX_TEXT_BYTES)?;
    }
    Ok(())
}

fn check_text(what: &'static str, value: &str) -> Result<(), Error> {
    check_length(what, value, MAX_TEXT_BYTES)?;
    if value.trim().is_empty() {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must not be blank".into(),
        }
        .into());
    }
    Ok(())
}

fn check_name(what: &'static str, value: &str) -> Result<(), Error> {
    check_length(what, value, MAX_NAME_BYTES)?;
    check_text(what, value)?;
    if value.chars().any(char::is_control) {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must not contain control characters such as line breaks".into(),
        }
        .into());
    }
    if names::folds_to_nothing(value) {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must contain a letter or digit".into(),
        }
        .into());
    }
    Ok(())
}

fn max_confidence(a: Confidence, b: Confidence) -> Confidence {
    if b.value() > a.value() { b } else { a }
}

impl EventGraph {
    /// An empty graph.
    pub fn new() -> Self {
        EventGraph {
            graph: StableDiGraph::default(),
            documents: Table::new(),
            entities: Table::new(),
            events: Table::new(),
            participations: Table::new(),
            relations: Table::new(),
            names: NameIndex::default(),
            event_keys: HashMap::default(),
            kinds: KindIndex::default(),
            document_keys: HashMap::default(),
            source_lists: SourceLists::default(),
            journal: None,
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

    // ----- documents -----------------------------------------------------------------------

    /// Makes room for `events` more events with keys, `participations` more participations
    /// and `documents` more documents, so that a bulk import (GDELT) grows each table and
    /// index once rather than by doubling. A hint: a wrong guess costs memory or a later
    /// growth, never a wrong answer.
    pub(crate) fn reserve(&mut self, events: usize, participations: usize, documents: usize) {
        self.events.reserve(events);
        self.event_keys.reserve(events);
        self.participations.reserve(participations);
        self.documents.reserve(documents);
        self.document_keys.reserve(documents);
        self.graph.reserve_nodes(events);
        self.graph.reserve_edges(participations);
    }

    /// Adds a document; its key must be new, and its publisher an existing actor.
    ///
    /// ```
    /// use eventkg::{Document, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let id = graph.add_document(Document::new("unn-2024-06-09"))?;
    /// assert_eq!(graph.document_by_key("unn-2024-06-09")?, id);
    /// let again = graph.add_document(Document::new("unn-2024-06-09")).unwrap_err();
    /// assert!(matches!(again.kind(), ErrorKind::DuplicateDocument { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_document(&mut self, document: Document) -> Result<DocumentId, Error> {
        self.check_document(&document, None)?;
        let id = self.documents.next_id("documents")?;
        self.document_keys.insert(document.key.clone(), id);
        self.documents.push(Placed {
            value: document,
            at: (),
        });
        Ok(id)
    }

    fn check_document(&self, document: &Document, this: Option<DocumentId>) -> Result<(), Error> {
        check_document_fields(document)?;
        if let Some(&existing) = self.document_keys.get(&document.key)
            && Some(existing) != this
        {
            return Err(ErrorKind::DuplicateDocument {
                key: document.key.clone(),
                existing,
            }
            .into());
        }
        if let Some(publisher) = document.publisher {
            let outlet = self.entity_checked(publisher)?;
            if !outlet.kind.is_actor() {
                return Err(ErrorKind::InvalidValue {
                    what: "publisher",
                    value: self.describe(publisher.into()),
                    reason: "a publisher must be an actor, not a place".into(),
                }
                .into());
            }
        }
        Ok(())
    }

    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(id).map(|p| &p.value)
    }

    /// Every document, in insertion order.
    pub fn documents(&self) -> impl DoubleEndedIterator<Item = (DocumentId, &Document)> {
        self.documents.iter().map(|(id, p)| (id, &p.value))
    }

    /// The document with this key, if any, without building a suggestion on a miss.
    pub(crate) fn document_with_key(&self, key: &str) -> Option<DocumentId> {
        self.document_keys.get(key).copied()
    }

    /// The document with this key; an unknown key is an error that suggests the closest one.
    pub fn document_by_key(&self, key: &str) -> Result<DocumentId, Error> {
        self.document_keys.get(key).copied().ok_or_else(|| {
            ErrorKind::UnknownDocumentKey {
                key: key.to_owned(),
                suggestion: crate::model::vocabulary::nearest_term(
                    key,
                    self.document_keys.keys().map(String::as_str),
                )
                .map(str::to_owned),
            }
            .into()
        })
    }

    /// Changes a document through `change`, then validates the result as
    /// [`add_document`](Self::add_document) would; on error the document is left unchanged.
    pub fn update_document(
        &mut self,
        id: DocumentId,
        change: impl FnOnce(&mut Document),
    ) -> Result<(), Error> {
        let mut document = self
            .document(id)
            .ok_or(ErrorKind::UnknownDocument(id))?
            .clone();
        change(&mut document);
        self.check_document(&document, Some(id))?;
        self.note(Noted::Document(id));
        let slot = self
            .documents
            .get_mut(id)
            .ok_or(ErrorKind::UnknownDocument(id))?;
        let old = std::mem::replace(&mut slot.value, document);
        if old.key != slot.value.key {
            self.document_keys.remove(&old.key);
            self.document_keys.insert(slot.value.key.clone(), id);
        }
        Ok(())
    }

    /// Removes a document that no source cites any longer, and returns it.
    ///
    /// Finding citing sources scans the graph's distinct shared source lists, and every record
    /// only when one of them cites it or when a record's list is too long to be shared (a
    /// record cited by more than sixteen sources).
    pub fn remove_document(&mut self, id: DocumentId) -> Result<Document, Error> {
        self.source_lists.sweep();
        let document = self.document(id).ok_or(ErrorKind::UnknownDocument(id))?;
        if let Some(user) = self.first_source_user(|s| s.document == id) {
            return Err(ErrorKind::InUse {
                record: format!("{id} {:?}", document.key),
                used_by: user,
            }
            .into());
        }
        self.drop_document(id)
            .ok_or_else(|| ErrorKind::UnknownDocument(id).into())
    }

    /// Removes a document without asking whether a source cites it.
    fn drop_document(&mut self, id: DocumentId) -> Option<Document> {
        let document = self.documents.remove(id)?.value;
        self.document_keys.remove(&document.key);
        Some(document)
    }

    // ----- entities ------------------------------------------------------------------------

    /// Adds an entity and indexes its name and aliases.
    ///
    /// Refused: a blank name or alias, unknown documents or entities in its sources, and a
    /// second entity of the same kind with the same canonical name (after
    /// [normalisation](normalize_name)); use [`merge_entity`](Self::merge_entity) to fold a
    /// restatement into the existing one. Entities of different kinds may share a name
    /// ("Georgia" the state and "Georgia" the place); looking that name up reports it as
    /// ambiguous.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// graph.add_entity(Entity::new(EntityKind::State, "Germany"))?;
    /// let again = graph.add_entity(Entity::new(EntityKind::State, "GERMANY")).unwrap_err();
    /// assert!(matches!(again.kind(), ErrorKind::DuplicateEntity { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_entity(&mut self, entity: Entity) -> Result<EntityId, Error> {
        self.check_entity(&entity, None)?;
        let id = self.entities.next_id("entities")?;
        Ok(self.insert_entity(id, entity))
    }

    fn insert_entity(&mut self, id: EntityId, mut entity: Entity) -> EntityId {
        self.source_lists.hold(&mut entity.sources);
        for name in entity.names() {
            self.names.insert(name, id);
        }
        let at = self.graph.add_node(NodeId::Entity(id));
        self.entities.push(Placed { value: entity, at });
        id
    }

    fn check_entity(&self, entity: &Entity, this: Option<EntityId>) -> Result<(), Error> {
        check_name("entity name", &entity.name)?;
        check_attributes(&entity.attributes)?;
        for alias in &entity.aliases {
            check_name("alias", alias)?;
        }
        if let Some(existing) = self.same_entity(entity, this) {
            return Err(ErrorKind::DuplicateEntity {
                name: entity.name.clone(),
                kind: entity.kind.clone(),
                existing,
            }
            .into());
        }
        for joined in &entity.joined {
            check_name("entity name", &joined.entity.name)?;
            self.check_sources(&joined.entity.sources)?;
            self.check_sources(&joined.sources)?;
        }
        self.check_sources(&entity.sources)
    }

    /// Another entity of the same kind and canonical name.
    fn same_entity(&self, entity: &Entity, this: Option<EntityId>) -> Option<EntityId> {
        let key = normalize_name(&entity.name);
        self.names.get(&entity.name).iter().copied().find(|&id| {
            Some(id) != this
                && self.entities.get(id).is_some_and(|other| {
                    other.value.kind == entity.kind && normalize_name(&other.value.name) == key
                })
        })
    }

    /// The names an entity goes by, normalised.
    fn known_names(&self, id: EntityId) -> Vec<String> {
        self.entity(id)
            .map(|e| e.names().map(normalize_name).collect())
            .unwrap_or_default()
    }

    /// Whether `entity`, whose names normalise to `incoming`, folded into `held`, which goes by
    /// `known`, would give it a name that another entity of the same kind already goes by.
    fn adds_a_name_of_another(
        &self,
        held: EntityId,
        known: &[String],
        entity: &Entity,
        incoming: &[String],
    ) -> bool {
        entity.names().zip(incoming).any(|(name, key)| {
            !known.contains(key)
                && self.names.get(name).iter().any(|&other| {
                    other != held
                        && self
                            .entities
                            .get(other)
                            .is_some_and(|e| e.value.kind == entity.kind)
                })
        })
    }

    /// Adds an entity, or folds it into the one of the same kind that already goes by one of
    /// its names: new names become aliases, new sources and attributes are added, a missing
    /// country is filled in. Returns the id of the entity that holds it.
    ///
    /// The entity of the same kind whose name is this entity's name is the one it restates,
    /// unless that would give it a new alias another entity goes by; several entities that
    /// share one of its names are an [`ErrorKind::AmbiguousName`].
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let first = graph.add_entity(Entity::new(EntityKind::Person, "Thierry Burkhardt"))?;
    /// let second = graph.merge_entity(
    ///     Entity::new(EntityKind::Person, "Burkhard").alias("Thierry Burkhardt"),
    /// )?;
    /// assert_eq!(first, second);
    /// assert_eq!(graph.entity(first).unwrap().aliases, ["Burkhard"]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge_entity(&mut self, entity: Entity) -> Result<EntityId, Error> {
        // The entity of this kind that bears this very name is the one restated, even when
        // others share an alias it already has; a new alias that names another entity is
        // still ambiguous.
        let incoming: Vec<String> = entity.names().map(normalize_name).collect();
        let mut known = Vec::new();
        let mut matches: Vec<EntityId> = self
            .same_entity(&entity, None)
            .filter(|&id| {
                known = self.known_names(id);
                !self.adds_a_name_of_another(id, &known, &entity, &incoming)
            })
            .into_iter()
            .collect();
        let by_name = !matches.is_empty();
        for name in entity.names().filter(|_| !by_name) {
            for &id in self.names.get(name) {
                let same_kind = self
                    .entities
                    .get(id)
                    .is_some_and(|e| e.value.kind == entity.kind);
                if same_kind && !matches.contains(&id) {
                    matches.push(id);
                }
            }
        }
        match matches[..] {
            [] => self.add_entity(entity),
            [id] => {
                let mut entity = entity;
                let sources = std::mem::take(&mut entity.sources);
                self.check_sources(&sources)?;
                if !by_name {
                    known = self.known_names(id);
                }
                let existing = self.entity_checked(id)?;
                let new_name = incoming.iter().any(|key| !known.contains(key));
                let new_place = existing.country.is_none() && entity.country.is_some()
                    || existing.coordinates.is_none() && entity.coordinates.is_some();
                let new_attribute = entity
                    .attributes
                    .iter()
                    .any(|(key, _)| existing.attributes.get(key).is_none());
                let joined: Vec<crate::model::Joined> = std::mem::take(&mut entity.joined)
                    .into_iter()
                    .filter(|j| {
                        !existing.joined.iter().any(|held| {
                            held.entity.name == j.entity.name && held.entity.kind == j.entity.kind
                        })
                    })
                    .collect();
                // A restatement that only cites the entity again (the common case: an actor
                // named by one article after another) leaves the record as it is and appends
                // its sources.
                if new_name || new_place || new_attribute || !joined.is_empty() {
                    self.update_entity(id, |existing| {
                        existing.joined.extend(joined);
                        for (name, key) in entity.names().zip(&incoming) {
                            if !known.contains(key)
                                && !existing.aliases.iter().any(|a| normalize_name(a) == *key)
                            {
                                existing.aliases.push(name.to_owned());
                                known.push(key.clone());
                            }
                        }
                        existing.country = existing.country.or(entity.country);
                        existing.coordinates = existing.coordinates.or(entity.coordinates);
                        existing.attributes.fill_from(&entity.attributes);
                    })?;
                }
                self.restate_sources(RecordId::Entity(id), &sources)?;
                Ok(id)
            }
            _ => Err(ErrorKind::AmbiguousName {
                name: entity.name.clone(),
                candidates: self.with_names(matches),
            }
            .into()),
        }
    }

    fn with_names(&self, ids: Vec<EntityId>) -> Vec<(EntityId, String)> {
        ids.into_iter()
            .map(|id| {
                (
                    id,
                    self.entity(id).map_or(String::new(), |e| e.name.clone()),
                )
            })
            .collect()
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id).map(|p| &p.value)
    }

    fn entity_checked(&self, id: EntityId) -> Result<&Entity, Error> {
        self.entity(id)
            .ok_or_else(|| ErrorKind::UnknownEntity(id).into())
    }

    /// Every entity, in insertion order.
    pub fn entities(&self) -> impl DoubleEndedIterator<Item = (EntityId, &Entity)> {
        self.entities.iter().map(|(id, p)| (id, &p.value))
    }

    /// The entities of one kind, in insertion order.
    pub fn entities_of_kind(
        &self,
        kind: EntityKind,
    ) -> impl DoubleEndedIterator<Item = (EntityId, &Entity)> {
        self.entities().filter(move |(_, e)| e.kind == kind)
    }

    /// Every entity that goes by `name` (canonical or alias, [normalised](normalize_name)), in
    /// insertion order. O(1) on average.
    pub fn entities_named(&self, name: &str) -> impl Iterator<Item = EntityId> + '_ {
        let mut ids = self.names.get(name).to_vec();
        ids.sort_unstable();
        ids.into_iter()
    }

    /// The one entity that goes by `name`.
    ///
    /// An unknown name is an [`ErrorKind::UnknownName`] with the closest known name or alias; a
    /// name several entities go by is an [`ErrorKind::AmbiguousName`] listing them, never resolved
    /// silently.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))?;
    /// graph.add_entity(Entity::new(EntityKind::Place, "Paris"))?;
    /// assert_eq!(graph.find_entity("FRANCE")?, france);
    /// let paris = graph.find_entity("Paris").unwrap_err();
    /// assert!(matches!(paris.kind(), ErrorKind::AmbiguousName { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn find_entity(&self, name: &str) -> Result<EntityId, Error> {
        match self.names.get(name) {
            [id] => Ok(*id),
            [] => Err(ErrorKind::UnknownName {
                name: name.to_owned(),
                suggestion: self.names.nearest(name).map(|(key, id)| {
                    self.entity(id)
                        .and_then(|e| e.names().find(|n| normalize_name(n) == key))
                        .unwrap_or(key)
                        .to_owned()
                }),
            }
            .into()),
            ids => {
                let mut ids = ids.to_vec();
                ids.sort_unstable();
                Err(ErrorKind::AmbiguousName {
                    name: name.to_owned(),
                    candidates: self.with_names(ids),
                }
                .into())
            }
        }
    }

    /// Changes an entity through `change`, then validates and re-indexes it as
    /// [`add_entity`](Self::add_entity) would; on error the entity is left unchanged.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let id = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby"))?;
    /// graph.update_entity(id, |kirby| kirby.aliases.push("Kirby".into()))?;
    /// assert_eq!(graph.find_entity("kirby")?, id);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn update_entity(
        &mut self,
        id: EntityId,
        change: impl FnOnce(&mut Entity),
    ) -> Result<(), Error> {
        let mut entity = self.entity_checked(id)?.clone();
        change(&mut entity);
        self.check_entity(&entity, Some(id))?;
        self.note(Noted::Record(id.into()));
        self.source_lists.hold(&mut entity.sources);
        let slot = self
            .entities
            .get_mut(id)
            .ok_or(ErrorKind::UnknownEntity(id))?;
        let old = std::mem::replace(&mut slot.value, entity);
        self.source_lists.release(&old.sources);
        for name in old.names() {
            self.names.remove(name, id);
        }
        if let Some(slot) = self.entities.get(id) {
            for name in slot.value.names() {
                self.names.insert(name, id);
            }
        }
        Ok(())
    }

    /// Removes an entity together with its participations and relations, and returns it.
    ///
    /// Refused while anything else refers to the entity: a source attributed to it or reported
    /// through it, an event located in it, a document it published. Finding those scans every
    /// record: O(size of the graph). Other ids stay valid; this one is never handed out again.
    pub fn remove_entity(&mut self, id: EntityId) -> Result<Entity, Error> {
        self.source_lists.sweep();
        self.entity_checked(id)?;
        let used_by = self
            .first_source_user(|s| s.attributed_to == Some(id) || s.reported_via.contains(&id))
            .or_else(|| {
                self.events()
                    .find(|(_, e)| {
                        e.location == Some(id)
                            || e.values
                                .of(EventField::Location)
                                .any(|v| v.value == FieldValue::Location(id))
                    })
                    .map(|(event, _)| format!("the location of {}", self.describe(event.into())))
            })
            .or_else(|| {
                self.documents()
                    .find(|(_, d)| d.publisher == Some(id))
                    .map(|(doc, d)| format!("the publisher of {doc} {:?}", d.key))
            });
        if let Some(used_by) = used_by {
            return Err(ErrorKind::InUse {
                record: self.describe(id.into()),
                used_by,
            }
            .into());
        }
        self.drop_entity(id)
            .ok_or_else(|| ErrorKind::UnknownEntity(id).into())
    }

    /// Removes an entity and its facts without asking whether anything refers to it: for
    /// callers that know nothing does.
    fn drop_entity(&mut self, id: EntityId) -> Option<Entity> {
        let at = self.entities.get(id)?.at;
        self.remove_node_edges(at);
        self.graph.remove_node(at);
        let entity = self.entities.remove(id)?.value;
        self.source_lists.release(&entity.sources);
        for name in entity.names() {
            self.names.remove(name, id);
        }
        Some(entity)
    }

    fn remove_node_edges(&mut self, at: NodeIndex) {
        self.forget_keyless();
        let facts: Vec<FactId> = self
            .graph
            .edges_directed(at, Direction::Outgoing)
            .chain(self.graph.edges_directed(at, Direction::Incoming))
            .map(|edge| edge.weight().fact())
            .collect();
        for fact in facts {
            match fact {
                FactId::Participation(id) => {
                    if let Some(slot) = self.participations.remove(id) {
                        self.unindex_participation(id, &slot.value);
                        self.source_lists.release(&slot.value.sources);
                    }
                }
                FactId::Relation(id) => {
                    if let Some(slot) = self.relations.remove(id) {
                        self.unindex_relation(id, &slot.value);
                        self.source_lists.release(&slot.value.sources);
                    }
                }
            }
        }
    }

    /// A description of the first record with a source matching `cites`.
    fn first_source_user(&self, cites: impl Fn(&Source) -> bool) -> Option<String> {
        let cited = |sources: &[Source]| sources.iter().any(&cites);
        // Every record's list is among the distinct lists, so an uncited value is found
        // without visiting the records; the lists of joined records are not among them.
        if self.source_lists.complete()
            && !self.source_lists.iter().any(|list| cited(list))
            && self.entities().all(|(_, e)| e.joined.is_empty())
        {
            return None;
        }
        self.entities()
            .find(|(_, e)| cited(&e.sources))
            .map(|(id, _)| format!("a source of {}", self.describe(id.into())))
            .or_else(|| {
                self.entities()
                    .find(|(_, e)| {
                        e.joined
                            .iter()
                            .any(|j| cited(&j.sources) || cited(&j.entity.sources))
                    })
                    .map(|(id, _)| {
                        format!(
                            "a source of a record joined into {}",
                            self.describe(id.into())
                        )
                    })
            })
            .or_else(|| {
                self.events()
                    .find(|(_, e)| cited(&e.sources))
                    .map(|(id, _)| format!("a source of {}", self.describe(id.into())))
            })
            .or_else(|| {
                self.participations()
                    .find(|(_, p)| cited(&p.sources))
                    .map(|(id, _)| format!("a source of {id}"))
            })
            .or_else(|| {
                self.relations()
                    .find(|(_, r)| cited(&r.sources))
                    .map(|(id, _)| format!("a source of {id}"))
            })
    }

    // ----- events --------------------------------------------------------------------------

    /// Adds an event.
    ///
    /// Refused: a location that is not an existing place or state entity, a blank description,
    /// unknown documents or entities in its sources.
    pub fn add_event(&mut self, event: Event) -> Result<EventId, Error> {
        self.check_event(&event, None)?;
        let id = self.events.next_id("events")?;
        Ok(self.insert_event(id, event))
    }

    fn insert_event(&mut self, id: EventId, mut event: Event) -> EventId {
        self.forget_keyless();
        self.source_lists.hold(&mut event.sources);
        if let Some(key) = &event.key {
            self.event_keys.insert(key.clone(), id);
        }
        let at = self.graph.add_node(NodeId::Event(id));
        self.events.push(Placed { value: event, at });
        id
    }

    fn check_event(&self, event: &Event, this: Option<EventId>) -> Result<(), Error> {
        check_attributes(&event.attributes)?;
        if let Some(key) = &event.key {
            check_name("event key", key)?;
            if let Some(&existing) = self.event_keys.get(key)
                && Some(existing) != this
            {
                return Err(ErrorKind::DuplicateEventKey {
                    key: key.clone(),
                    existing,
                }
                .into());
            }
        }
        if let Some(description) = &event.description {
            check_text("event description", description)?;
        }
        let locations =
            event
                .location
                .into_iter()
                .chain(
                    event
                        .values
                        .of(EventField::Location)
                        .filter_map(|v| match v.value {
                            FieldValue::Location(place) => Some(place),
                            _ => None,
                        }),
                );
        for location in locations {
            if !self.entity_checked(location)?.kind.is_location() {
                return Err(ErrorKind::InvalidValue {
                    what: "event location",
                    value: self.describe(location.into()),
                    reason: "a location must be a place or state entity".into(),
                }
                .into());
            }
        }
        for stated in event.values.iter() {
            if let FieldValue::Description(text) = &stated.value {
                check_text("event description", text)?;
            }
            // A value's sources are among the event's, so that whatever checks who cites a
            // document or names an entity finds them through the event.
            if let Some(stray) = stated.sources.iter().find(|s| !event.sources.contains(s)) {
                return Err(ErrorKind::InvalidValue {
                    what: "event value",
                    value: stated.value.to_string(),
                    reason: format!(
                        "its source citing {} is not among the event's sources",
                        stray.document
                    ),
                }
                .into());
            }
        }
        self.check_sources(&event.sources)
    }

    /// The event with this id.
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(id).map(|p| &p.value)
    }

    /// The event with this key, if any: the cheap form of [`event_by_key`](Self::event_by_key)
    /// for callers that look up many keys expecting misses.
    pub(crate) fn event_with_key(&self, key: &str) -> Option<EventId> {
        self.event_keys.get(key).copied()
    }

    /// The event with this key; an unknown key is an error that suggests the closest one.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate).key("mission"))?;
    /// assert_eq!(graph.event_by_key("mission")?, mission);
    /// assert!(graph.event_by_key("misson").unwrap_err().to_string().contains("did you mean `mission`"));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn event_by_key(&self, key: &str) -> Result<EventId, Error> {
        self.event_keys.get(key).copied().ok_or_else(|| {
            ErrorKind::UnknownEventKey {
                key: key.to_owned(),
                suggestion: crate::model::vocabulary::nearest_term(
                    key,
                    self.event_keys.keys().map(String::as_str),
                )
                .map(str::to_owned),
            }
            .into()
        })
    }

    /// Every event, in insertion order.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = (EventId, &Event)> {
        self.events.iter().map(|(id, p)| (id, &p.value))
    }

    /// The events of one kind, in insertion order.
    pub fn events_of_kind(
        &self,
        kind: EventKind,
    ) -> impl DoubleEndedIterator<Item = (EventId, &Event)> {
        self.events().filter(move |(_, e)| e.kind == kind)
    }

    /// Changes an event through `change`, then validates it as [`add_event`](Self::add_event)
    /// would; on error the event is left unchanged.
    pub fn update_event(
        &mut self,
        id: EventId,
        change: impl FnOnce(&mut Event),
    ) -> Result<(), Error> {
        let mut event = self.event(id).ok_or(ErrorKind::UnknownEvent(id))?.clone();
        change(&mut event);
        self.check_event(&event, Some(id))?;
        self.note(Noted::Record(id.into()));
        self.forget_keyless();
        self.source_lists.hold(&mut event.sources);
        let slot = self.events.get_mut(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let old = std::mem::replace(&mut slot.value, event);
        self.source_lists.release(&old.sources);
        if let Some(key) = old.key {
            self.event_keys.remove(&key);
        }
        if let Some(key) = self.event(id).and_then(|e| e.key.clone()) {
            self.event_keys.insert(key, id);
        }
        Ok(())
    }

    /// Removes an event together with its participations and relations, and returns it.
    pub fn remove_event(&mut self, id: EventId) -> Result<Event, Error> {
        self.forget_keyless();
        let at = self.events.get(id).ok_or(ErrorKind::UnknownEvent(id))?.at;
        self.remove_node_edges(at);
        self.graph.remove_node(at);
        let event = self
            .events
            .remove(id)
            .ok_or(ErrorKind::UnknownEvent(id))?
            .value;
        self.source_lists.release(&event.sources);
        if let Some(key) = &event.key {
            self.event_keys.remove(key);
        }
        Ok(event)
    }

    // ----- participations ------------------------------------------------------------------

    /// Adds an entity's participation in an event, or, if the graph already holds the same
    /// participation (entity, role, event, polarity), adds the new sources and attributes to
    /// that one, keeps the higher confidence, and returns its id: a fact stated twice is one
    /// fact with two sources.
    ///
    /// Refused: an unknown entity or event, a place as participant (set the event's location
    /// instead), unknown documents or entities in its sources.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let unn = graph.add_document(Document::new("unn"))?;
    /// let welt = graph.add_document(Document::new("welt"))?;
    /// let us = graph.add_entity(Entity::new(EntityKind::State, "United States"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// let first = graph.add_participation(
    ///     Participation::new(us, Role::Target, letter).source(Source::new(unn)),
    /// )?;
    /// let second = graph.add_participation(
    ///     Participation::new(us, Role::Target, letter).source(Source::new(welt)),
    /// )?;
    /// assert_eq!(first, second);
    /// assert_eq!(graph.participation(first).unwrap().sources.len(), 2);
    /// assert_eq!(graph.participation_count(), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_participation(
        &mut self,
        participation: Participation,
    ) -> Result<ParticipationId, Error> {
        if let Some(existing) = self.check_participation(&participation, None)? {
            self.note(Noted::Record(existing.into()));
            let slot = self
                .participations
                .get_mut(existing)
                .ok_or(ErrorKind::UnknownParticipation(existing))?;
            let held = &mut slot.value;
            if let Some(merged) = held.sources.with_missing(&participation.sources) {
                self.source_lists.replace(&mut held.sources, merged);
            }
            held.attributes.fill_from(&participation.attributes);
            held.confidence = max_confidence(held.confidence, participation.confidence);
            return Ok(existing);
        }
        let id = self.participations.next_id("participations")?;
        self.insert_participation(id, participation)?;
        Ok(id)
    }

    fn insert_participation(
        &mut self,
        id: ParticipationId,
        mut participation: Participation,
    ) -> Result<(), Error> {
        self.forget_keyless();
        participation.sources = self.share_with_event(&participation);
        let at = self.place_edge(
            participation.entity.into(),
            participation.event.into(),
            Edge::participation(id, &participation),
        )?;
        self.index_participation(id, &participation);
        self.participations.push(Placed {
            value: participation,
            at,
        });
        Ok(())
    }

    /// The participation's sources as held: the event's very list when the same sources tell
    /// both, as they usually do, which spares hashing them.
    fn share_with_event(&mut self, participation: &Participation) -> Sources {
        match self.events.get(participation.event) {
            Some(event) if event.value.sources == participation.sources => {
                event.value.sources.clone()
            }
            _ => self.source_lists.share(participation.sources.clone()),
        }
    }

    fn index_participation(&mut self, id: ParticipationId, participation: &Participation) {
        let label = Label::Role(participation.role.clone());
        self.kinds.insert(participation.entity, label, id.into());
    }

    fn unindex_participation(&mut self, id: ParticipationId, participation: &Participation) {
        let label = Label::Role(participation.role.clone());
        self.kinds.remove(participation.entity, &label, id.into());
    }

    fn index_relation(&mut self, id: RelationId, relation: &Relation) {
        if let NodeId::Entity(from) = relation.from {
            self.kinds
                .insert(from, Label::From(relation.kind.clone()), id.into());
        }
        if let NodeId::Entity(to) = relation.to {
            self.kinds
                .insert(to, Label::To(relation.kind.clone()), id.into());
        }
    }

    fn unindex_relation(&mut self, id: RelationId, relation: &Relation) {
        if let NodeId::Entity(from) = relation.from {
            self.kinds
                .remove(from, &Label::From(relation.kind.clone()), id.into());
        }
        if let NodeId::Entity(to) = relation.to {
            self.kinds
                .remove(to, &Label::To(relation.kind.clone()), id.into());
        }
    }

    fn place_edge(&mut self, from: NodeId, to: NodeId, edge: Edge) -> Result<EdgeIndex, Error> {
        let a = self.node_index(from)?;
        let b = self.node_index(to)?;
        Ok(self.graph.add_edge(a, b, edge))
    }

    /// The edge of `fact`, now at `at`, joining `from` to `to`: the same edge if its endpoints
    /// are unchanged, otherwise a new one in place of the old.
    fn move_edge(
        &mut self,
        at: EdgeIndex,
        from: NodeId,
        to: NodeId,
        edge: Edge,
    ) -> Result<EdgeIndex, Error> {
        let ends = (self.node_index(from)?, self.node_index(to)?);
        if self.graph.edge_endpoints(at) == Some(ends) {
            self.graph[at] = edge;
            return Ok(at);
        }
        let moved = self.graph.add_edge(ends.0, ends.1, edge);
        self.graph.remove_edge(at);
        Ok(moved)
    }

    /// The facts on edges from `a` to `b`. `b`'s incoming edges are read first: `b` is
    /// usually an event with a few participants, and then `a`, often a hub, is never read.
    /// Past a few, `a`'s outgoing edges are walked in step with the rest of `b`'s, stopping
    /// when either list ends: O(min(out(a), in(b))), so that a hub at one end costs nothing
    /// when the other end has few edges.
    fn facts_between(&self, a: NodeIndex, b: NodeIndex) -> Vec<FactId> {
        const ALONE: usize = 8;
        let mut incoming = self.graph.edges_directed(b, Direction::Incoming);
        let mut seen_in = Vec::new();
        for _ in 0..ALONE {
            match incoming.next() {
                None => return seen_in,
                Some(edge) if edge.source() == a => seen_in.push(edge.weight().fact()),
                Some(_) => {}
            }
        }
        let mut outgoing = self.graph.edges_directed(a, Direction::Outgoing);
        let mut seen_out = Vec::new();
        loop {
            match outgoing.next() {
                None => return seen_out,
                Some(edge) if edge.target() == b => seen_out.push(edge.weight().fact()),
                Some(_) => {}
            }
            match incoming.next() {
                None => return seen_in,
                Some(edge) if edge.source() == a => seen_in.push(edge.weight().fact()),
                Some(_) => {}
            }
        }
    }

    /// Validates a participation; returns the id of an equal one already in the graph.
    fn check_participation(
        &self,
        participation: &Participation,
        this: Option<ParticipationId>,
    ) -> Result<Option<ParticipationId>, Error> {
        check_attributes(&participation.attributes)?;
        let entity = self.entity_checked(participation.entity)?;
        let event = self
            .events
            .get(participation.event)
            .ok_or(ErrorKind::UnknownEvent(participation.event))?;
        let event_at = event.at;
        // The event's own sources, already held, are valid.
        let told_as_the_event = participation.sources == event.value.sources;
        if !entity.kind.is_actor() {
            return Err(ErrorKind::InvalidFact {
                fact: self.describe_participation(participation),
                reason: "a place takes part in no event; set it as the event's location".into(),
            }
            .into());
        }
        if !told_as_the_event {
            self.check_sources(&participation.sources)?;
        }
        let entity_at = self.node_index(participation.entity.into())?;
        Ok(self
            .facts_between(entity_at, event_at)
            .into_iter()
            .filter_map(|fact| match fact {
                FactId::Participation(id) if Some(id) != this => Some(id),
                _ => None,
            })
            .find(|&id| {
                self.participation(id).is_some_and(|held| {
                    held.role == participation.role && held.polarity == participation.polarity
                })
            }))
    }

    /// The participation with this id.
    pub fn participation(&self, id: ParticipationId) -> Option<&Participation> {
        self.participations.get(id).map(|p| &p.value)
    }

    /// Every participation, in insertion order.
    pub fn participations(
        &self,
    ) -> impl DoubleEndedIterator<Item = (ParticipationId, &Participation)> {
        self.participations.iter().map(|(id, p)| (id, &p.value))
    }

    /// The participations in one event, in insertion order; none for an unknown event.
    pub fn participations_in(
        &self,
        event: EventId,
    ) -> impl Iterator<Item = (ParticipationId, &Participation)> {
        let node = self.events.get(event).map(|p| p.at);
        self.participations_at(node, Direction::Incoming)
    }

    /// The participations of one entity, in insertion order; none for an unknown entity.
    pub fn participations_of(
        &self,
        entity: EntityId,
    ) -> impl Iterator<Item = (ParticipationId, &Participation)> {
        let node = self.entities.get(entity).map(|p| p.at);
        self.participations_at(node, Direction::Outgoing)
    }

    fn participations_at(
        &self,
        node: Option<NodeIndex>,
        direction: Direction,
    ) -> impl Iterator<Item = (ParticipationId, &Participation)> {
        let mut ids: SmallVec<[ParticipationId; 8]> = node
            .into_iter()
            .flat_map(|at| self.graph.edges_directed(at, direction))
            .filter_map(|edge| match edge.weight().fact() {
                FactId::Participation(id) => Some(id),
                FactId::Relation(_) => None,
            })
            .collect();
        // petgraph lists a node's newest edge first, and ids grow with insertion, so the list
        // is usually in descending order: reversing it is enough.
        if ids.is_sorted_by(|a, b| a > b) {
            ids.reverse();
        } else {
            ids.sort_unstable();
        }
        ids.into_iter()
            .filter_map(|id| Some((id, self.participation(id)?)))
    }

    /// Changes a participation through `change`, then validates it as
    /// [`add_participation`](Self::add_participation) would, moving its edge if its entity or
    /// event changed. A change that makes it equal to another participation is an
    /// [`ErrorKind::DuplicateFact`]; on any error it is left unchanged.
    pub fn update_participation(
        &mut self,
        id: ParticipationId,
        change: impl FnOnce(&mut Participation),
    ) -> Result<(), Error> {
        let mut participation = self
            .participation(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?
            .clone();
        change(&mut participation);
        if let Some(existing) = self.check_participation(&participation, Some(id))? {
            return Err(ErrorKind::DuplicateFact {
                fact: id.into(),
                existing: existing.into(),
            }
            .into());
        }
        self.note(Noted::Record(id.into()));
        self.forget_keyless();
        let at = self
            .participations
            .get(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?
            .at;
        let at = self.move_edge(
            at,
            participation.entity.into(),
            participation.event.into(),
            Edge::participation(id, &participation),
        )?;
        self.index_participation(id, &participation);
        participation.sources = self.share_with_event(&participation);
        let slot = self
            .participations
            .get_mut(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?;
        let old = std::mem::replace(
            slot,
            Placed {
                value: participation,
                at,
            },
        );
        if old.value.role != slot.value.role || old.value.entity != slot.value.entity {
            self.unindex_participation(id, &old.value);
        }
        self.source_lists.release(&old.value.sources);
        Ok(())
    }

    /// Removes a participation and returns it.
    pub fn remove_participation(&mut self, id: ParticipationId) -> Result<Participation, Error> {
        self.forget_keyless();
        let slot = self
            .participations
            .remove(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?;
        self.graph.remove_edge(slot.at);
        self.unindex_participation(id, &slot.value);
        self.source_lists.release(&slot.value.sources);
        Ok(slot.value)
    }

    // ----- relations -----------------------------------------------------------------------

    /// Adds a relation between two nodes, or, if the graph already holds the same relation
    /// (endpoints, kind, title, polarity; either direction for a
    /// [symmetric](RelationKind::is_symmetric) kind), adds the new sources and attributes to
    /// it, fills in a validity it lacked, keeps the higher confidence, and returns its id.
    ///
    /// Refused: unknown endpoints, a node related to itself, endpoints the kind may not join
    /// ([`RelationKind::check_endpoints`]), a `holds_role` without a title, a blank title,
    /// a validity that ends before it starts, unknown documents or entities in its sources.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let hungary = graph.add_entity(Entity::new(EntityKind::State, "Hungary"))?;
    /// let eu = graph.add_entity(Entity::new(EntityKind::Intergovernmental, "European Union"))?;
    /// graph.add_relation(Relation::new(hungary, RelationKind::MemberOf, eu))?;
    /// let backwards = graph.add_relation(Relation::new(eu, RelationKind::MemberOf, hungary));
    /// assert!(matches!(backwards.unwrap_err().kind(), ErrorKind::InvalidFact { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_relation(&mut self, relation: Relation) -> Result<RelationId, Error> {
        if let Some(existing) = self.check_relation(&relation, None)? {
            self.note(Noted::Record(existing.into()));
            let slot = self
                .relations
                .get_mut(existing)
                .ok_or(ErrorKind::UnknownRelation(existing))?;
            let held = &mut slot.value;
            if let Some(merged) = held.sources.with_missing(&relation.sources) {
                self.source_lists.replace(&mut held.sources, merged);
            }
            held.attributes.fill_from(&relation.attributes);
            held.confidence = max_confidence(held.confidence, relation.confidence);
            held.valid_from = held.valid_from.or(relation.valid_from);
            held.valid_until = held.valid_until.or(relation.valid_until);
            return Ok(existing);
        }
        let id = self.relations.next_id("relations")?;
        self.insert_relation(id, relation)?;
        Ok(id)
    }

    fn insert_relation(&mut self, id: RelationId, mut relation: Relation) -> Result<(), Error> {
        self.source_lists.hold(&mut relation.sources);
        let edge = Edge::relation(id, &relation);
        let at = self.place_edge(relation.from, relation.to, edge)?;
        self.index_relation(id, &relation);
        self.relations.push(Placed {
            value: relation,
            at,
        });
        Ok(())
    }

    fn node_kind(&self, node: NodeId) -> Result<NodeKind<'_>, Error> {
        match node {
            NodeId::Entity(id) => Ok(NodeKind::Entity(&self.entity_checked(id)?.kind)),
            NodeId::Event(id) => self
                .event(id)
                .map(|_| NodeKind::Event)
                .ok_or_else(|| ErrorKind::UnknownEvent(id).into()),
        }
    }

    /// An unknown node is an error; for queries that must tell "unknown" from "none".
    pub(crate) fn check_node(&self, node: NodeId) -> Result<(), Error> {
        self.node_index(node).map(|_| ())
    }

    fn node_index(&self, node: NodeId) -> Result<NodeIndex, Error> {
        match node {
            NodeId::Entity(id) => self
                .entities
                .get(id)
                .map(|p| p.at)
                .ok_or_else(|| ErrorKind::UnknownEntity(id).into()),
            NodeId::Event(id) => self
                .events
                .get(id)
                .map(|p| p.at)
                .ok_or_else(|| ErrorKind::UnknownEvent(id).into()),
        }
    }

    /// Validates a relation; returns the id of an equal one already in the graph.
    fn check_relation(
        &self,
        relation: &Relation,
        this: Option<RelationId>,
    ) -> Result<Option<RelationId>, Error> {
        check_attributes(&relation.attributes)?;
        let from = self.node_kind(relation.from)?;
        let to = self.node_kind(relation.to)?;
        let refuse = |reason: String| -> Error {
            ErrorKind::InvalidFact {
                fact: self.describe_relation(relation),
                reason,
            }
            .into()
        };
        if relation.from == relation.to {
            return Err(refuse("a node cannot be related to itself".into()));
        }
        relation.kind.check_endpoints(from, to).map_err(refuse)?;
        match &relation.title {
            Some(title) => check_name("title", title)?,
            None if relation.kind == RelationKind::HoldsRole => {
                return Err(refuse("`holds_role` needs the role's title".into()));
            }
            None => {}
        }
        if let (Some(start), Some(end)) = (relation.valid_from, relation.valid_until)
            && end.latest() < start.earliest()
        {
            return Err(refuse(format!(
                "the validity ends ({end}) before it starts ({start})"
            )));
        }
        self.check_sources(&relation.sources)?;
        let title = relation.title.as_deref().map(normalize_name);
        let same = |held: &Relation| {
            held.kind == relation.kind
                && held.polarity == relation.polarity
                && held.title.as_deref().map(normalize_name) == title
        };
        let mut pairs = vec![(relation.from, relation.to)];
        if relation.kind.is_symmetric() {
            pairs.push((relation.to, relation.from));
        }
        let other = |fact: FactId| match fact {
            FactId::Relation(id) if Some(id) != this => Some(id),
            _ => None,
        };
        for (from, to) in pairs {
            let found = match (from, to) {
                // Between entities, the shorter of the two lists of this kind in the kind
                // index: a hub's other relations and participations are never read.
                (NodeId::Entity(a), NodeId::Entity(b)) => {
                    let starting = self.kinds.get(a, &Label::From(relation.kind.clone()));
                    let ending = self.kinds.get(b, &Label::To(relation.kind.clone()));
                    let shorter = if starting.len() <= ending.len() {
                        starting
                    } else {
                        ending
                    };
                    shorter.iter().filter_map(|&fact| other(fact)).find(|&id| {
                        self.relation(id)
                            .is_some_and(|held| held.from == from && held.to == to && same(held))
                    })
                }
                _ => {
                    let (a, b) = (self.node_index(from)?, self.node_index(to)?);
                    self.facts_between(a, b)
                        .into_iter()
                        .filter_map(other)
                        .find(|&id| self.relation(id).is_some_and(same))
                }
            };
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The relation with this id.
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.get(id).map(|p| &p.value)
    }

    /// Every relation, in insertion order.
    pub fn relations(&self) -> impl DoubleEndedIterator<Item = (RelationId, &Relation)> {
        self.relations.iter().map(|(id, p)| (id, &p.value))
    }

    /// The relations from or to a node, in insertion order; none for an unknown node.
    pub fn relations_of(
        &self,
        node: impl Into<NodeId>,
    ) -> impl Iterator<Item = (RelationId, &Relation)> {
        let at = self.node_index(node.into()).ok();
        let mut ids: SmallVec<[RelationId; 8]> = at
            .into_iter()
            .flat_map(|at| {
                self.graph
                    .edges_directed(at, Direction::Outgoing)
                    .chain(self.graph.edges_directed(at, Direction::Incoming))
            })
            .filter_map(|edge| match edge.weight().fact() {
                FactId::Relation(id) => Some(id),
                FactId::Participation(_) => None,
            })
            .collect();
        ids.sort_unstable();
        ids.into_iter()
            .filter_map(|id| Some((id, self.relation(id)?)))
    }

    /// How many facts (participations and relations, in either direction) touch a node; 0 for
    /// an unknown node.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// assert_eq!(graph.degree(france), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn degree(&self, node: impl Into<NodeId>) -> usize {
        self.node_index(node.into()).map_or(0, |at| {
            self.graph.edges_directed(at, Direction::Outgoing).count()
                + self.graph.edges_directed(at, Direction::Incoming).count()
        })
    }

    /// Changes a relation through `change`, then validates it as
    /// [`add_relation`](Self::add_relation) would, moving its edge if its endpoints changed.
    /// A change that makes it equal to another relation is an [`ErrorKind::DuplicateFact`]; on any
    /// error it is left unchanged.
    pub fn update_relation(
        &mut self,
        id: RelationId,
        change: impl FnOnce(&mut Relation),
    ) -> Result<(), Error> {
        let mut relation = self
            .relation(id)
            .ok_or(ErrorKind::UnknownRelation(id))?
            .clone();
        change(&mut relation);
        if let Some(existing) = self.check_relation(&relation, Some(id))? {
            return Err(ErrorKind::DuplicateFact {
                fact: id.into(),
                existing: existing.into(),
            }
            .into());
        }
        self.note(Noted::Record(id.into()));
        let at = self
            .relations
            .get(id)
            .ok_or(ErrorKind::UnknownRelation(id))?
            .at;
        let edge = Edge::relation(id, &relation);
        let at = self.move_edge(at, relation.from, relation.to, edge)?;
        self.source_lists.hold(&mut relation.sources);
        let slot = self
            .relations
            .get_mut(id)
            .ok_or(ErrorKind::UnknownRelation(id))?;
        let old = std::mem::replace(
            slot,
            Placed {
                value: relation,
                at,
            },
        );
        self.unindex_relation(id, &old.value);
        self.source_lists.release(&old.value.sources);
        if let Some(slot) = self.relations.get(id) {
            let relation = slot.value.clone();
            self.index_relation(id, &relation);
        }
        Ok(())
    }

    /// Removes a relation and returns it.
    pub fn remove_relation(&mut self, id: RelationId) -> Result<Relation, Error> {
        let slot = self
            .relations
            .remove(id)
            .ok_or(ErrorKind::UnknownRelation(id))?;
        self.graph.remove_edge(slot.at);
        self.unindex_relation(id, &slot.value);
        self.source_lists.release(&slot.value.sources);
        Ok(slot.value)
    }

    // ----- typed adjacency -----------------------------------------------------------------

    /// An entity's participations in one role, in insertion order. Served from an index by
    /// kind: the cost is what it returns, however many other facts the entity has.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let us = graph.add_entity(Entity::new(EntityKind::State, "United States"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate))?;
    /// graph.add_participation(Participation::new(us, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Opponent, mission))?;
    /// let opposed: Vec<EventId> = graph.participations_as(us, Role::Opponent).map(|(_, p)| p.event).collect();
    /// assert_eq!(opposed, [mission]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn participations_as<'a>(
        &'a self,
        entity: EntityId,
        role: Role,
    ) -> impl Iterator<Item = (ParticipationId, &'a Participation)> + 'a {
        self.kinds
            .get(entity, &Label::Role(role))
            .iter()
            .filter_map(|fact| match *fact {
                FactId::Participation(id) => Some((id, self.participation(id)?)),
                FactId::Relation(_) => None,
            })
    }

    /// The relations of one kind that start (`outgoing`) or end (not `outgoing`) at an entity,
    /// in insertion order; served from the index by kind, like
    /// [`participations_as`](Self::participations_as).
    pub fn relations_of_kind<'a>(
        &'a self,
        entity: EntityId,
        kind: RelationKind,
        outgoing: bool,
    ) -> impl Iterator<Item = (RelationId, &'a Relation)> + 'a {
        let label = if outgoing {
            Label::From(kind)
        } else {
            Label::To(kind)
        };
        self.kinds
            .get(entity, &label)
            .iter()
            .filter_map(|fact| match *fact {
                FactId::Relation(id) => Some((id, self.relation(id)?)),
                FactId::Participation(_) => None,
            })
    }

    /// Every fact at a node with the node at its other end, as `(fact, other, outgoing)`, in no
    /// particular order: the raw adjacency that traversals walk.
    pub(crate) fn adjacent(
        &self,
        node: NodeId,
    ) -> impl Iterator<Item = (FactId, NodeId, bool)> + '_ {
        self.adjacent_edges(node)
            .map(|(edge, other, outgoing)| (edge.fact(), other, outgoing))
    }

    /// [`adjacent`](Self::adjacent), with each fact's negation as its edge holds it.
    pub(crate) fn adjacent_edges(
        &self,
        node: NodeId,
    ) -> impl Iterator<Item = (Edge, NodeId, bool)> + '_ {
        self.node_index(node)
            .ok()
            .into_iter()
            .flat_map(|at| self.edges_at(at))
            .map(|(edge, across, outgoing)| (edge, self.graph[across], outgoing))
    }

    /// Where `node` sits in the adjacency, if it is live: for traversals that run on the
    /// adjacency's own indices and name nodes only in what they return.
    pub(crate) fn position_of(&self, node: NodeId) -> Option<NodeIndex> {
        self.node_index(node).ok()
    }

    /// The node at an adjacency index that [`position_of`](Self::position_of) gave.
    pub(crate) fn node_at(&self, at: NodeIndex) -> NodeId {
        self.graph[at]
    }

    /// Every edge at an adjacency index, out then in, with the index across and whether the
    /// edge leaves `at`.
    pub(crate) fn edges_at(
        &self,
        at: NodeIndex,
    ) -> impl Iterator<Item = (Edge, NodeIndex, bool)> + '_ {
        self.graph
            .edges_directed(at, Direction::Outgoing)
            .map(|edge| (*edge.weight(), edge.target(), true))
            .chain(
                self.graph
                    .edges_directed(at, Direction::Incoming)
                    .map(|edge| (*edge.weight(), edge.source(), false)),
            )
    }

    /// The entities that take part with `entity` in its events: [`EventGraph::co_participants`],
    /// read from the edges alone, never from the participation or event tables.
    pub(crate) fn co_participant_ids(&self, entity: EntityId) -> Vec<EntityId> {
        let Some(at) = self.entities.get(entity).map(|placed| placed.at) else {
            return Vec::new();
        };
        // Each partner is kept with where it first joins: the entity's participation in the
        // event, then the partner's own, whose order is that of the events and, within one,
        // of its participations. The edges are then walked in the order petgraph keeps them,
        // each event read as soon as its edge is, so that the memory reads of one event
        // overlap those of the next rather than wait for a list of all of them; the partners
        // are put in order at the end. Most actors have a few partners, which a scan of those
        // found tells apart faster than a hash map; a map takes over past a handful.
        const SCAN: usize = 16;
        let mut few: SmallVec<[(NodeIndex, u64); SCAN]> = SmallVec::new();
        let mut many: FxHashMap<NodeIndex, u64> = FxHashMap::default();
        for edge in self.graph.edges_directed(at, Direction::Outgoing) {
            let Some(own) = edge.weight().taking_part() else {
                continue;
            };
            for back in self
                .graph
                .edges_directed(edge.target(), Direction::Incoming)
            {
                let Some(theirs) = back.weight().taking_part() else {
                    continue;
                };
                let other = back.source();
                if other == at {
                    continue;
                }
                let first = u64::from(own.index()) << 32 | u64::from(theirs.index());
                if many.is_empty() {
                    if let Some(known) = few.iter_mut().find(|(node, _)| *node == other) {
                        known.1 = known.1.min(first);
                        continue;
                    }
                    if few.len() < SCAN {
                        few.push((other, first));
                        continue;
                    }
                    many.extend(few.drain(..));
                }
                many.entry(other)
                    .and_modify(|known| *known = (*known).min(first))
                    .or_insert(first);
            }
        }
        let mut found: Vec<(u64, NodeIndex)> = if many.is_empty() {
            few.into_iter().map(|(node, first)| (first, node)).collect()
        } else {
            many.into_iter()
                .map(|(node, first)| (first, node))
                .collect()
        };
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|(_, node)| self.graph[node].as_entity())
            .collect()
    }

    /// The names and aliases in the name index, with an entity going by each.
    pub(crate) fn indexed_names(&self) -> impl Iterator<Item = (&str, &[EntityId])> {
        self.names.iter()
    }

    // ----- provenance ----------------------------------------------------------------------

    /// Adds to a record the sources of `incoming` it lacks: what a restatement adds to an
    /// entity or a fact. It checks only the new sources and appends them in place, so that a
    /// record cited by one document after another (an actor in every article of a corpus)
    /// costs each document what it adds rather than the whole list again.
    pub(crate) fn restate_sources(
        &mut self,
        record: RecordId,
        incoming: &[Source],
    ) -> Result<(), Error> {
        if incoming.is_empty() {
            return Ok(());
        }
        self.check_sources(incoming)?;
        if !self.holds(record) {
            return Err(match record {
                RecordId::Entity(id) => ErrorKind::UnknownEntity(id).into(),
                RecordId::Event(id) => ErrorKind::UnknownEvent(id).into(),
                RecordId::Participation(id) => ErrorKind::UnknownParticipation(id).into(),
                RecordId::Relation(id) => ErrorKind::UnknownRelation(id).into(),
            });
        }
        // Under a journal, a source citing a document added since can only be among the
        // sources added since: for the new article of a corpus, a scan of a few sources
        // rather than of every article that named the actor before.
        let held = self.sources_or_none(record);
        let (journal, since) = match self.journal() {
            Some(journal) => (Some(journal), journal.sources_before(self, record)),
            None => (None, 0),
        };
        let mut missing: Vec<Source> = Vec::new();
        for source in incoming {
            let new_document = journal.is_some_and(|j| !j.document_existed(source.document));
            let scanned = if new_document {
                held.get(since..).unwrap_or_default()
            } else {
                held
            };
            if !scanned.contains(source) && !missing.contains(source) {
                missing.push(source.clone());
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        self.note_sources(record);
        let Some(sources) = self.sources_mut(record) else {
            return Ok(());
        };
        let mut sources = std::mem::take(sources);
        self.source_lists.release(&sources);
        for source in missing {
            sources.push(source);
        }
        self.source_lists.hold(&mut sources);
        if let Some(held) = self.sources_mut(record) {
            *held = sources;
        }
        Ok(())
    }

    /// Whether the graph holds `record`.
    pub(crate) fn holds(&self, record: RecordId) -> bool {
        match record {
            RecordId::Entity(id) => self.entity(id).is_some(),
            RecordId::Event(id) => self.event(id).is_some(),
            RecordId::Participation(id) => self.participation(id).is_some(),
            RecordId::Relation(id) => self.relation(id).is_some(),
        }
    }

    /// A record's source list, to change in place.
    fn sources_mut(&mut self, record: RecordId) -> Option<&mut Sources> {
        Some(match record {
            RecordId::Entity(id) => &mut self.entities.get_mut(id)?.value.sources,
            RecordId::Event(id) => &mut self.events.get_mut(id)?.value.sources,
            RecordId::Participation(id) => &mut self.participations.get_mut(id)?.value.sources,
            RecordId::Relation(id) => &mut self.relations.get_mut(id)?.value.sources,
        })
    }

    fn check_sources(&self, sources: &[Source]) -> Result<(), Error> {
        for source in sources {
            if self.documents.get(source.document).is_none() {
                return Err(ErrorKind::UnknownDocument(source.document).into());
            }
            if let Some(quote) = &source.quote {
                check_text("quote", quote)?;
            }
            for &entity in source.attributed_to.iter().chain(&source.reported_via) {
                self.entity_checked(entity)?;
            }
        }
        Ok(())
    }

    /// Who a source's fact passed through, from its origin to the outlet that published the
    /// document: the speaker it is attributed to, the outlets it was reported via, then the
    /// document's publisher.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let unn = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "UNN"))?;
    /// let welt = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "Welt"))?;
    /// let article = graph.add_document(Document::new("unn-article").publisher(unn))?;
    /// let chain: Vec<_> = graph.reporting_chain(&Source::new(article).via(welt)).collect();
    /// assert_eq!(chain, [welt, unn]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn reporting_chain<'a>(
        &'a self,
        source: &'a Source,
    ) -> impl Iterator<Item = EntityId> + 'a {
        let publisher = self.document(source.document).and_then(|d| d.publisher);
        source
            .attributed_to
            .into_iter()
            .chain(source.reported_via.iter().copied())
            .chain(publisher)
    }

    /// Reads a date phrase as [`FuzzyDate::resolve`] does, anchored at the publication day of
    /// `document`, which must have one.
    pub fn resolve_date(&self, document: DocumentId, phrase: &str) -> Result<FuzzyDate, Error> {
        let doc = self
            .document(document)
            .ok_or(ErrorKind::UnknownDocument(document))?;
        let anchor: NaiveDate = doc.published.ok_or_else(|| ErrorKind::InvalidValue {
            what: "document",
            value: doc.key.clone(),
            reason: format!("has no publication day to resolve `{phrase}` against"),
        })?;
        FuzzyDate::resolve(phrase, anchor)
    }

    // ----- descriptions for messages -------------------------------------------------------

    /// A node as messages name it: its id and its name or kind.
    fn describe(&self, node: NodeId) -> String {
        match node {
            NodeId::Entity(id) => match self.entity(id) {
                Some(entity) => format!("{id} {:?}", entity.name),
                None => id.to_string(),
            },
            NodeId::Event(id) => match self.event(id) {
                Some(event) => format!("{id} ({})", event.kind),
                None => id.to_string(),
            },
        }
    }

    fn describe_participation(&self, participation: &Participation) -> String {
        format!(
            "{} -{}-> {}",
            self.describe(participation.entity.into()),
            participation.role,
            self.describe(participation.event.into())
        )
    }

    fn describe_relation(&self, relation: &Relation) -> String {
        format!(
            "{} -{}-> {}",
            self.describe(relation.from),
            relation.kind,
            self.describe(relation.to)
        )
    }
}

impl PartialEq for EventGraph {
    /// Two graphs are equal when they hold the same records under the same ids; how petgraph
    /// laid them out is not compared.
    fn eq(&self, other: &Self) -> bool {
        fn same<I: crate::model::TableId, T: PartialEq, H>(
            a: &Table<I, Placed<T, H>>,
            b: &Table<I, Placed<T, H>>,
        ) -> bool {
            a.slots().len() == b.slots().len()
                && a.slots()
                    .zip(b.slots())
                    .all(|(x, y)| x.map(|p| &p.value) == y.map(|p| &p.value))
        }
        same(&self.documents, &other.documents)
            && same(&self.entities, &other.entities)
            && same(&self.events, &other.events)
            && same(&self.participations, &other.participations)
            && same(&self.relations, &other.relations)
    }
}
