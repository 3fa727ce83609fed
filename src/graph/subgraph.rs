//! Subgraphs: a part of a graph as a graph of its own, so that every exporter and query takes it
//! as it takes the whole.

use std::collections::{BTreeSet, HashMap};

use super::EventGraph;
use super::serde_impl::Snapshot;
use crate::model::{
    Document, DocumentId, Entity, EntityId, Event, EventId, FactId, FieldValue, NodeId,
    Participation, Relation, Source, Sources,
};

/// A part of an [`EventGraph`], copied into a graph of its own.
///
/// It holds the chosen nodes, the facts between them, and what their provenance refers to: the
/// cited documents, and the speakers, outlets, publishers and locations named in sources, so
/// that the copy is a complete, valid graph. Records get new, compact ids in the copy;
/// [`Subgraph::entity`] and [`Subgraph::event`] translate the original ids.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let poland = graph.add_entity(Entity::new(EntityKind::State, "Poland"))?;
/// let spain = graph.add_entity(Entity::new(EntityKind::State, "Spain"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
///
/// let part = graph.subgraph([NodeId::Event(letter), NodeId::Entity(poland), NodeId::Entity(spain)]);
/// assert_eq!(part.graph().entity_count(), 2);
/// assert_eq!(part.graph().participation_count(), 1);
/// let poland_there = part.entity(poland).unwrap();
/// assert_eq!(part.graph().entity(poland_there).unwrap().name, "Poland");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Subgraph {
    graph: EventGraph,
    entities: HashMap<EntityId, EntityId>,
    events: HashMap<EventId, EventId>,
}

impl Subgraph {
    /// The part, as a graph.
    pub fn graph(&self) -> &EventGraph {
        &self.graph
    }

    /// The part, as a graph the caller owns.
    pub fn into_graph(self) -> EventGraph {
        self.graph
    }

    /// The id in the part of an entity of the original graph.
    pub fn entity(&self, original: EntityId) -> Option<EntityId> {
        self.entities.get(&original).copied()
    }

    /// The id in the part of an event of the original graph.
    pub fn event(&self, original: EventId) -> Option<EventId> {
        self.events.get(&original).copied()
    }
}

/// Numbers the chosen ids of one kind densely, in their original order.
fn renumber<I: Copy + Ord + std::hash::Hash>(
    ids: &BTreeSet<I>,
    make: impl Fn(u32) -> I,
) -> HashMap<I, I> {
    ids.iter()
        .enumerate()
        .map(|(i, &id)| (id, make(i as u32)))
        .collect()
}

impl EventGraph {
    /// The part of the graph made of `nodes` and the facts between them, with the records their
    /// provenance refers to; see [`Subgraph`]. Unknown ids are skipped.
    ///
    /// The cost is that of the chosen nodes, their facts and their sources, not of the graph.
    pub fn subgraph(&self, nodes: impl IntoIterator<Item = NodeId>) -> Subgraph {
        let mut entities = BTreeSet::new();
        let mut events = BTreeSet::new();
        for node in nodes {
            match node {
                NodeId::Entity(id) if self.entity(id).is_some() => {
                    entities.insert(id);
                }
                NodeId::Event(id) if self.event(id).is_some() => {
                    events.insert(id);
                }
                _ => {}
            }
        }
        let chosen = |node: NodeId| match node {
            NodeId::Entity(id) => entities.contains(&id),
            NodeId::Event(id) => events.contains(&id),
        };
        let mut participations = BTreeSet::new();
        let mut relations = BTreeSet::new();
        for node in entities
            .iter()
            .map(|&id| NodeId::Entity(id))
            .chain(events.iter().map(|&id| NodeId::Event(id)))
        {
            for (fact, other, outgoing) in self.adjacent(node) {
                if outgoing && chosen(other) {
                    match fact {
                        FactId::Participation(id) => participations.insert(id),
                        FactId::Relation(id) => relations.insert(id),
                    };
                }
            }
        }

        // Provenance closure: documents cited, entities named in sources, locations and
        // publishers, and in turn what their own sources name.
        let mut documents = BTreeSet::new();
        let mut pending: Vec<EntityId> = Vec::new();
        let cite = |sources: &[Source],
                    documents: &mut BTreeSet<DocumentId>,
                    pending: &mut Vec<EntityId>| {
            for source in sources {
                documents.insert(source.document);
                pending.extend(source.attributed_to);
                pending.extend(source.reported_via.iter().copied());
            }
        };
        // An entity's sources, and those of the records joined into it.
        let cite_entity =
            |entity: &Entity, documents: &mut BTreeSet<DocumentId>, pending: &mut Vec<EntityId>| {
                cite(&entity.sources, documents, pending);
                for joined in &entity.joined {
                    cite(&joined.sources, documents, pending);
                    cite(&joined.entity.sources, documents, pending);
                }
            };
        for &id in &entities {
            if let Some(entity) = self.entity(id) {
                cite_entity(entity, &mut documents, &mut pending);
            }
        }
        for &id in &events {
            if let Some(event) = self.event(id) {
                cite(&event.sources, &mut documents, &mut pending);
                pending.extend(event.location);
                pending.extend(event.values.iter().filter_map(|v| match v.value {
                    FieldValue::Location(place) => Some(place),
                    _ => None,
                }));
            }
        }
        for &id in &participations {
            if let Some(p) = self.participation(id) {
                cite(&p.sources, &mut documents, &mut pending);
            }
        }
        for &id in &relations {
            if let Some(r) = self.relation(id) {
                cite(&r.sources, &mut documents, &mut pending);
            }
        }
        let mut seen_documents = BTreeSet::new();
        loop {
            let fresh: Vec<DocumentId> = documents.difference(&seen_documents).copied().collect();
            for &doc in &fresh {
                seen_documents.insert(doc);
                pending.extend(self.document(doc).and_then(|d| d.publisher));
            }
            if fresh.is_empty() && pending.is_empty() {
                break;
            }
            while let Some(id) = pending.pop() {
                if entities.insert(id)
                    && let Some(entity) = self.entity(id)
                {
                    cite_entity(entity, &mut documents, &mut pending);
                }
            }
        }

        let entity_ids = renumber(&entities, EntityId::new);
        let event_ids = renumber(&events, EventId::new);
        let document_ids = renumber(&documents, DocumentId::new);
        let map_sources = |sources: &[Source]| -> Sources {
            sources
                .iter()
                .map(|source| {
                    let mut copy = source.clone();
                    copy.document = document_ids[&source.document];
                    copy.attributed_to = source.attributed_to.map(|e| entity_ids[&e]);
                    copy.reported_via = source.reported_via.iter().map(|e| entity_ids[e]).collect();
                    copy
                })
                .collect()
        };
        let map_node = |node: NodeId| match node {
            NodeId::Entity(id) => NodeId::Entity(entity_ids[&id]),
            NodeId::Event(id) => NodeId::Event(event_ids[&id]),
        };
        let snapshot = Snapshot {
            documents: documents
                .iter()
                .filter_map(|&id| self.document(id))
                .map(|document| -> Option<Document> {
                    let mut copy = document.clone();
                    copy.publisher = document.publisher.map(|e| entity_ids[&e]);
                    Some(copy)
                })
                .collect(),
            entities: entities
                .iter()
                .filter_map(|&id| self.entity(id))
                .map(|entity| -> Option<Entity> {
                    let mut copy = entity.clone();
                    copy.sources = map_sources(&entity.sources);
                    for joined in &mut copy.joined {
                        joined.sources = map_sources(&joined.sources);
                        joined.entity.sources = map_sources(&joined.entity.sources);
                    }
                    Some(copy)
                })
                .collect(),
            events: events
                .iter()
                .filter_map(|&id| self.event(id))
                .map(|event| -> Option<Event> {
                    let mut copy = event.clone();
                    copy.location = event.location.map(|e| entity_ids[&e]);
                    copy.sources = map_sources(&event.sources);
                    for stated in copy.values.iter_mut() {
                        stated.sources = map_sources(&stated.sources);
                        if let FieldValue::Location(place) = &mut stated.value {
                            *place = entity_ids[&*place];
                        }
                    }
                    Some(copy)
                })
                .collect(),
            participations: participations
                .iter()
                .filter_map(|&id| self.participation(id))
                .map(|p| -> Option<Participation> {
                    let mut copy = p.clone();
                    copy.entity = entity_ids[&p.entity];
                    copy.event = event_ids[&p.event];
                    copy.sources = map_sources(&p.sources);
                    Some(copy)
                })
                .collect(),
            relations: relations
                .iter()
                .filter_map(|&id| self.relation(id))
                .map(|r| -> Option<Relation> {
                    let mut copy = r.clone();
                    copy.from = map_node(r.from);
                    copy.to = map_node(r.to);
                    copy.sources = map_sources(&r.sources);
                    Some(copy)
                })
                .collect(),
        };
        // A part of a valid graph is valid, so the rebuild cannot fail; an empty graph stands in
        // should that ever be wrong, rather than a panic.
        let graph = EventGraph::from_snapshot(snapshot).unwrap_or_default();
        Subgraph {
            graph,
            entities: entity_ids,
            events: event_ids,
        }
    }
}
