//! Merging one graph into another, with the rules graph files merge by: documents by key,
//! entities by kind and name, events by key, keyless events only with themselves, and facts
//! stated again gaining their sources.

use super::EventRef;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxHashSet;

use super::{EventGraph, LookAlike, MergeReport};
use crate::Error;
use crate::ErrorKind;
use crate::model::RecordId;
use crate::model::{
    DocumentId, EntityId, Event, EventId, EventKind, EventStatus, FieldValue, FuzzyDate, NodeId,
    Role, Source, Sources, StatedValue, StatedValues,
};

/// What identifies an event that has no key: its kind, status, date, place and description,
/// and who took part in which role.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct EventContent {
    kind: EventKind,
    status: EventStatus,
    date: Option<FuzzyDate>,
    location: Option<EntityId>,
    description: Option<String>,
    parts: Vec<(EntityId, Role, bool)>,
}

impl EventContent {
    pub(crate) fn new(event: &Event, parts: Vec<(EntityId, Role, bool)>) -> EventContent {
        EventContent {
            kind: event.kind.clone(),
            status: event.status,
            date: event.date,
            location: event.location,
            description: event.description.clone(),
            parts,
        }
        .sorted()
    }

    pub(crate) fn of(graph: &EventGraph, id: EventId, event: EventRef<'_>) -> EventContent {
        EventContent {
            kind: event.kind().clone(),
            status: event.status(),
            date: event.date(),
            location: event.location(),
            description: event.description().map(str::to_owned),
            parts: graph
                .participations_in(id)
                .map(|(_, p)| (p.entity(), p.role().clone(), p.polarity().is_negated()))
                .collect(),
        }
        .sorted()
    }

    /// Puts the participants in one order, whatever order they were told in.
    fn sorted(mut self) -> Self {
        self.parts
            .sort_by(|a, b| (a.0, a.1.as_str(), a.2).cmp(&(b.0, b.1.as_str(), b.2)));
        self.parts.dedup();
        self
    }
}

/// Keyless events by a hash of what they say, for a restatement to find.
///
/// A keyless event is the same as one held only when it says exactly the same *and* is told by
/// one of the same documents: the same report, loaded again. The same content from another
/// document is a look-alike, left apart for the analyst, who alone can say that two reports
/// tell one happening.
///
/// A graph builds the index on the first merge that needs it and keeps it from one merge to
/// the next, indexing what each merge touched, so that a corpus is not scanned again for every
/// file; a change through the API outside a merge drops it. An entry may be stale (an event
/// that gained a participant since it was indexed): a lookup compares what each candidate says
/// now.
///
/// One 16-byte entry for each event and what it said when indexed, the content's hash beside
/// the id, in one table. A list of ids under each hash took a heap block for every keyless
/// event, and a miss in the cache to reach it: a graph of 100,000 articles held 7 MiB more.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keyless(HashTable<(u64, EventId)>);

fn content_hash(content: &EventContent) -> u64 {
    // A fixed seed: the index lives in one process, and a lookup compares the content itself,
    // so a collision costs a comparison, never a wrong answer.
    foldhash::fast::FixedState::default().hash_one(content)
}

impl Keyless {
    fn new(graph: &EventGraph, include: impl Fn(EventId) -> bool) -> Keyless {
        let mut held = Keyless::default();
        for (id, event) in graph.events() {
            if event.key().is_none() && include(id) {
                held.insert(&EventContent::of(graph, id, event), id);
            }
        }
        held
    }

    fn insert(&mut self, content: &EventContent, id: EventId) {
        let hash = content_hash(content);
        let entry = (hash, id);
        if self.0.find(hash, |held| *held == entry).is_none() {
            self.0.insert_unique(hash, entry, |&(hash, _)| hash);
        }
    }

    /// The held event that an event saying `content`, told by `sources`, restates, if any;
    /// otherwise the look-alikes from other documents.
    fn restated(
        &self,
        graph: &EventGraph,
        content: &EventContent,
        sources: &[Source],
        claimed: &FxHashSet<EventId>,
    ) -> (Option<EventId>, Vec<EventId>) {
        let hash = content_hash(content);
        let mut indexed: Vec<EventId> = self
            .0
            .iter_hash(hash)
            .filter(|&&(held, _)| held == hash)
            .map(|&(_, id)| id)
            .collect();
        if indexed.is_empty() {
            return (None, Vec::new());
        }
        // The table's order is its probe order; the events are taken in the order they were
        // added, whatever the index's history.
        indexed.sort_unstable();
        let candidates: Vec<EventId> = indexed
            .into_iter()
            .filter(|id| !claimed.contains(id))
            .filter(|&id| {
                graph.event(id).is_some_and(|held| {
                    held.key().is_none() && EventContent::of(graph, id, held) == *content
                })
            })
            .collect();
        let documents: HashSet<DocumentId> = sources.iter().map(|s| s.document).collect();
        let same_report = candidates.iter().copied().find(|&id| {
            graph.event(id).is_some_and(|held| {
                (held.sources().is_empty() && documents.is_empty())
                    || held
                        .sources()
                        .iter()
                        .any(|s| documents.contains(&s.document))
            })
        });
        match same_report {
            Some(found) => (Some(found), Vec::new()),
            None => (None, candidates),
        }
    }
}

impl EventGraph {
    /// The keyless event held before this merge that an event saying `content`, told by
    /// `sources`, restates, if any (one in `claimed`, restated already by the same merge, is
    /// passed over, so that a report that tells two equal events keeps two); otherwise the
    /// look-alikes from other documents. `created` are the events this merge added so far.
    pub(crate) fn restated_keyless(
        &mut self,
        content: &EventContent,
        sources: &[Source],
        claimed: &FxHashSet<EventId>,
        created: impl Fn(EventId) -> bool,
    ) -> (Option<EventId>, Vec<EventId>) {
        if self.keyless.is_none() {
            self.keyless = Some(Keyless::new(self, |id| !created(id)));
        }
        match &self.keyless {
            Some(keyless) => keyless.restated(self, content, sources, claimed),
            None => (None, Vec::new()),
        }
    }

    /// Whether the graph holds an event without a key, which a keyless event of a file being
    /// read may restate.
    pub(crate) fn holds_keyless_events(&self) -> bool {
        self.events().any(|(_, event)| event.key().is_none())
    }

    /// Indexes what the events a merge touched (directly, or through a participation) say
    /// now, if the index is built.
    pub(crate) fn index_keyless(&mut self, touched: &[RecordId]) {
        let Some(mut keyless) = self.keyless.take() else {
            return;
        };
        let events = touched.iter().filter_map(|&record| match record {
            RecordId::Event(id) => Some(id),
            RecordId::Participation(id) => self.participation(id).map(|p| p.event()),
            _ => None,
        });
        // An event is indexed once, however many of its participants were touched.
        let mut seen = FxHashSet::default();
        for id in events {
            if !seen.insert(id) {
                continue;
            }
            if let Some(event) = self.event(id).filter(|e| e.key().is_none()) {
                keyless.insert(&EventContent::of(self, id, event), id);
            }
        }
        self.keyless = Some(keyless);
    }

    /// Drops the index after a change outside a merge, which did not index what it changed.
    pub(crate) fn forget_keyless(&mut self) {
        if self.journal.is_none() {
            self.keyless = None;
        }
    }
}

/// Ids of `other`'s records in the graph being merged into.
#[derive(Default)]
struct Mapping {
    entities: HashMap<EntityId, EntityId>,
    documents: HashMap<DocumentId, DocumentId>,
    events: HashMap<EventId, EventId>,
}

impl Mapping {
    fn entity(&self, id: EntityId) -> Result<EntityId, Error> {
        self.entities
            .get(&id)
            .copied()
            .ok_or_else(|| ErrorKind::UnknownEntity(id).into())
    }

    fn event(&self, id: EventId) -> Result<EventId, Error> {
        self.events
            .get(&id)
            .copied()
            .ok_or_else(|| ErrorKind::UnknownEvent(id).into())
    }

    fn node(&self, node: NodeId) -> Result<NodeId, Error> {
        Ok(match node {
            NodeId::Entity(id) => self.entity(id)?.into(),
            NodeId::Event(id) => self.event(id)?.into(),
        })
    }

    fn sources(&self, sources: &[Source]) -> Result<Sources, Error> {
        sources
            .iter()
            .map(|source| {
                let mut copy = source.clone();
                copy.document = *self
                    .documents
                    .get(&source.document)
                    .ok_or(ErrorKind::UnknownDocument(source.document))?;
                copy.attributed_to = source.attributed_to.map(|e| self.entity(e)).transpose()?;
                copy.reported_via = source
                    .reported_via
                    .iter()
                    .map(|&e| self.entity(e))
                    .collect::<Result<_, _>>()?;
                Ok(copy)
            })
            .collect::<Result<Vec<_>, Error>>()
            .map(Sources::from)
    }

    fn value(&self, value: &FieldValue) -> Result<FieldValue, Error> {
        Ok(match value {
            FieldValue::Location(place) => FieldValue::Location(self.entity(*place)?),
            other => other.clone(),
        })
    }
}

impl EventGraph {
    /// Merges `other` into this graph, by the rules graph files merge by (`docs/merging.md`),
    /// and says what changed: all of it, or, on any error, nothing.
    ///
    /// Documents are the same by key; entities by kind and a shared name or alias; events by
    /// key; a keyless event only with one that says exactly the same and is told by one of
    /// the same documents (one from another document is a [look-alike](MergeReport::look_alikes),
    /// left apart). A fact the graph holds gains `other`'s sources; an event restated with
    /// other values keeps each with its sources, disputed where they disagree.
    ///
    /// ```
    /// use eventkg::*;
    /// let report = |day: u32, key: &str| -> Result<EventGraph, Error> {
    ///     let mut graph = EventGraph::new();
    ///     let doc = graph.add_document(Document::new(key))?;
    ///     let council = graph.add_entity(Entity::new(EntityKind::Organisation, "Council"))?;
    ///     let session = graph.add_event(
    ///         Event::new(EventKind::Meeting).key("session").date(FuzzyDate::ymd(2024, 5, day)?).source(Source::new(doc)),
    ///     )?;
    ///     graph.add_participation(Participation::new(council, Role::Participant, session).source(Source::new(doc)))?;
    ///     Ok(graph)
    /// };
    /// let mut story = report(2, "first")?;
    /// let merged = story.merge(&report(3, "second")?)?;
    /// assert_eq!((story.event_count(), story.participation_count()), (1, 1));
    /// assert_eq!(merged.restated.len(), 2); // the session and its participant, each now twice told
    /// assert!(story.event(story.event_by_key("session")?).unwrap().is_disputed(EventField::Date));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge(&mut self, other: &EventGraph) -> Result<MergeReport, Error> {
        self.begin();
        let merged = self.merge_journaled(other);
        match merged {
            Ok(_) => self.commit(),
            Err(_) => self.rollback(),
        }
        merged
    }

    /// [`merge`](Self::merge) once the journal that undoes it is open.
    fn merge_journaled(&mut self, other: &EventGraph) -> Result<MergeReport, Error> {
        let merged = self;
        let events_before = merged.events.bound();
        let mut map = Mapping::default();
        let mut touched = Vec::new();
        let mut documents = Vec::new();
        let mut look_alikes = Vec::new();

        // Entities first, without their sources, which may cite documents published by them.
        for (id, entity) in other.entities() {
            let mut copy = entity.to_entity();
            copy.sources = Sources::new();
            let known = copy.names().any(|name| {
                merged.entities_named(name).any(|e| {
                    merged.held_before(RecordId::Entity(e))
                        && merged.entity(e).is_some_and(|e| *e.kind() == copy.kind)
                })
            });
            let mapped = if known {
                merged.merge_entity(copy)?
            } else {
                merged.add_entity(copy)?
            };
            map.entities.insert(id, mapped);
            touched.push(RecordId::Entity(mapped));
        }
        for (id, document) in other.documents() {
            let mut copy = document.to_document();
            copy.publisher = document.publisher().map(|e| map.entity(e)).transpose()?;
            let mapped = match merged.document_with_key(&copy.key) {
                Some(existing) => {
                    merged.restate_document(existing, copy)?;
                    existing
                }
                None => merged.add_document(copy)?,
            };
            map.documents.insert(id, mapped);
            documents.push(mapped);
        }
        for (id, entity) in other.entities() {
            let sources = map.sources(entity.sources())?;
            merged.restate_sources(RecordId::Entity(map.entity(id)?), &sources)?;
        }

        let mut claimed = FxHashSet::default();
        for (id, event) in other.events() {
            let mut copy = event.to_event();
            copy.location = event.location().map(|e| map.entity(e)).transpose()?;
            copy.sources = map.sources(event.sources())?;
            copy.values = StatedValues::from(
                event
                    .values()
                    .iter()
                    .map(|v| {
                        Ok(StatedValue::new(
                            map.value(&v.value)?,
                            map.sources(&v.sources)?,
                        ))
                    })
                    .collect::<Result<Vec<_>, Error>>()?,
            );
            let mut alike = Vec::new();
            let restated = match &copy.key {
                Some(key) => merged.event_with_key(key),
                None => {
                    let parts = other
                        .participations_in(id)
                        .map(|(_, p)| {
                            Ok((
                                map.entity(p.entity())?,
                                p.role().clone(),
                                p.polarity().is_negated(),
                            ))
                        })
                        .collect::<Result<Vec<_>, Error>>()?;
                    let content = EventContent::new(&copy, parts);
                    let (found, others) =
                        merged.restated_keyless(&content, &copy.sources, &claimed, |id| {
                            id.index() as usize >= events_before
                        });
                    claimed.extend(found);
                    alike = others;
                    found
                }
            };
            let mapped = match restated {
                Some(existing) => {
                    merged.restate_event(existing, &copy)?;
                    existing
                }
                None => {
                    let added = merged.add_event(copy)?;
                    look_alikes.extend(alike.into_iter().map(|held| LookAlike::new(added, held)));
                    added
                }
            };
            map.events.insert(id, mapped);
            touched.push(RecordId::Event(mapped));
        }

        for (_, participation) in other.participations() {
            let mut copy = participation.to_participation();
            copy.entity = map.entity(participation.entity())?;
            copy.event = map.event(participation.event())?;
            copy.sources = map.sources(participation.sources())?;
            let id = merged.add_participation(copy)?;
            touched.push(RecordId::Participation(id));
        }
        for (_, relation) in other.relations() {
            let mut copy = relation.to_relation();
            copy.from = map.node(relation.from())?;
            copy.to = map.node(relation.to())?;
            copy.sources = map.sources(relation.sources())?;
            let id = merged.add_relation(copy)?;
            touched.push(RecordId::Relation(id));
        }

        let mut report = match merged.journal() {
            Some(journal) => MergeReport::compare(merged, journal, &touched, &documents),
            None => MergeReport::default(),
        };
        report.look_alikes = look_alikes;
        merged.index_keyless(&touched);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    /// Look-alikes come in the order their events were added, whatever order the index met
    /// them in (an event is indexed again each time a merge touches it).
    #[test]
    fn look_alikes_are_listed_in_the_order_their_events_were_added() -> Result<(), Error> {
        let mut graph = EventGraph::new();
        let mut events = Vec::new();
        for n in 0..3 {
            let document = graph.add_document(Document::new(format!("made-up-{n}")))?;
            let event = Event::new(EventKind::Meeting).source(Source::new(document));
            events.push(graph.add_event(event)?);
        }
        let held = graph
            .event(events[0])
            .ok_or(ErrorKind::UnknownEvent(events[0]))?;
        let content = EventContent::of(&graph, events[0], held);
        let mut keyless = Keyless::default();
        for id in [events[2], events[0], events[1], events[2]] {
            keyless.insert(&content, id);
        }
        assert_eq!(keyless.0.len(), 3);
        let other = graph.add_document(Document::new("made-up-other"))?;
        let sources = [Source::new(other)];
        let (same, alike) = keyless.restated(&graph, &content, &sources, &FxHashSet::default());
        assert_eq!((same, alike), (None, events.clone()));
        // Told by the report that told the second, it is the second again.
        let sources = graph.event(events[1]).map(|e| e.sources().to_vec());
        let (same, alike) = keyless.restated(
            &graph,
            &content,
            &sources.unwrap_or_default(),
            &FxHashSet::default(),
        );
        assert_eq!((same, alike), (Some(events[1]), Vec::new()));
        Ok(())
    }
}
