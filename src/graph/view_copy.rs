//! A view copied into a graph of its own: [`View::to_graph`].

use std::collections::{BTreeSet, HashMap};

use super::closure::Closure;
use super::serde_impl::Snapshot;
use super::{EventGraph, View};
use crate::Error;
use crate::model::{
    Document, DocumentId, Entity, EntityId, Event, EventId, FieldValue, NodeId, Participation,
    Relation, Source, Sources,
};

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

impl View<'_> {
    /// The view as a graph of its own: its nodes and facts, and what their provenance refers
    /// to (the cited documents, and the speakers, outlets, publishers and locations sources and
    /// events name), so that the copy is complete and valid, to be saved or merged elsewhere.
    /// Records are numbered afresh in the copy, in the graph's order.
    ///
    /// The copy is built and checked as a loaded graph is; should that fail, the error says
    /// why rather than an empty graph standing in.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// let poland = graph.add_entity(Entity::new(EntityKind::State, "Poland"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
    ///
    /// let copy = graph.select([letter.into(), poland.into()])?.to_graph()?;
    /// assert_eq!((copy.entity_count(), copy.participation_count()), (1, 1));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn to_graph(&self) -> Result<EventGraph, Error> {
        let graph = self.graph();
        let Closure {
            entities,
            events,
            participations,
            relations,
            documents,
        } = self.closure();
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
                .filter_map(|&id| graph.document(id))
                .map(|document| -> Option<Document> {
                    let mut copy = document.to_document();
                    copy.publisher = document.publisher().map(|e| entity_ids[&e]);
                    Some(copy)
                })
                .collect(),
            entities: entities
                .iter()
                .filter_map(|&id| graph.entity(id))
                .map(|entity| -> Option<Entity> {
                    let mut copy = entity.to_entity();
                    copy.sources = map_sources(entity.sources());
                    for joined in &mut copy.joined {
                        joined.sources = map_sources(&joined.sources);
                        joined.entity.sources = map_sources(&joined.entity.sources);
                    }
                    Some(copy)
                })
                .collect(),
            events: events
                .iter()
                .filter_map(|&id| graph.event(id))
                .map(|event| -> Option<Event> {
                    let mut copy = event.to_event();
                    copy.location = event.location().map(|e| entity_ids[&e]);
                    copy.sources = map_sources(event.sources());
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
                .filter_map(|&id| graph.participation(id))
                .map(|p| -> Option<Participation> {
                    let mut copy = p.to_participation();
                    copy.entity = entity_ids[&p.entity()];
                    copy.event = event_ids[&p.event()];
                    copy.sources = map_sources(p.sources());
                    Some(copy)
                })
                .collect(),
            relations: relations
                .iter()
                .filter_map(|&id| graph.relation(id))
                .map(|r| -> Option<Relation> {
                    let mut copy = r.to_relation();
                    copy.from = map_node(r.from());
                    copy.to = map_node(r.to());
                    copy.sources = map_sources(r.sources());
                    Some(copy)
                })
                .collect(),
        };
        EventGraph::from_snapshot(snapshot)
    }
}
