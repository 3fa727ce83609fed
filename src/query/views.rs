//! The parts of a graph analysts ask for, as [`View`]s: borrowed, with the graph's own ids.

use std::collections::{BTreeSet, VecDeque};

use chrono::NaiveDate;

use super::paths::Places;
use super::{DateMatch, PathOptions};
use crate::graph::View;
use crate::model::RecordId;
use crate::model::{DocumentId, EntityKind, EventKind, NodeId};
use crate::{Error, EventGraph};

impl EventGraph {
    /// The ego network of `center`: every node within `hops` facts of it (events count as a
    /// hop, so an entity's co-participants are two hops away), crossing what `options`
    /// allows. Breadth-first: the cost is that of what it returns. An unknown center is an
    /// error.
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::PathOptions;
    /// let mut graph = EventGraph::new();
    /// let [france, poland, spain] = ["France", "Poland", "Spain"]
    ///     .map(|name| graph.add_entity(Entity::new(EntityKind::State, name)).unwrap());
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
    ///
    /// let ego = graph.ego(france, 2, &PathOptions::default())?;
    /// let names: Vec<&str> = ego.entities().map(|(_, e)| e.name()).collect();
    /// assert_eq!(names, ["France", "Poland"]);
    /// assert!(ego.contains(letter) && !ego.contains(spain));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn ego(
        &self,
        center: impl Into<NodeId>,
        hops: usize,
        options: &PathOptions,
    ) -> Result<View<'_>, Error> {
        self.view().ego(center, hops, options)
    }

    /// The events dated in the range from `start` to `end` (by `matching`), with their
    /// participants and the facts between them. Scans every event.
    pub fn window(&self, start: NaiveDate, end: NaiveDate, matching: DateMatch) -> View<'_> {
        let events: Vec<NodeId> = self
            .search_events()
            .between(start, end, matching)
            .ids()
            .map(NodeId::Event)
            .collect();
        self.with_participants(events)
    }

    fn with_participants(&self, events: Vec<NodeId>) -> View<'_> {
        let mut nodes: BTreeSet<NodeId> = events.iter().copied().collect();
        for event in events.iter().filter_map(|n| n.as_event()) {
            nodes.extend(
                self.participations_in(event)
                    .map(|(_, p)| NodeId::Entity(p.entity())),
            );
        }
        self.view_of(nodes)
    }

    /// Everything `document` states: the records it is a source of, the nodes their facts
    /// join, and the facts between those. Scans every source. An unknown document is an
    /// error.
    pub fn document_view(&self, document: DocumentId) -> Result<View<'_>, Error> {
        let mut nodes = BTreeSet::new();
        for claim in self.stated_in(document)? {
            match claim.record {
                RecordId::Entity(id) => {
                    nodes.insert(NodeId::Entity(id));
                }
                RecordId::Event(id) => {
                    nodes.insert(NodeId::Event(id));
                }
                RecordId::Participation(id) => {
                    if let Some(p) = self.participation(id) {
                        nodes.extend([NodeId::Entity(p.entity()), NodeId::Event(p.event())]);
                    }
                }
                RecordId::Relation(id) => {
                    if let Some(r) = self.relation(id) {
                        nodes.extend([r.from(), r.to()]);
                    }
                }
            }
        }
        Ok(self.view_of(nodes))
    }

    /// The graph restricted to entities of `entity_kinds` and events of `event_kinds`, an empty
    /// list allowing every kind. Scans every node.
    pub fn restrict(&self, entity_kinds: &[EntityKind], event_kinds: &[EventKind]) -> View<'_> {
        let entities = self
            .entities()
            .filter(|(_, e)| entity_kinds.is_empty() || entity_kinds.contains(e.kind()))
            .map(|(id, _)| NodeId::Entity(id));
        let events = self
            .events()
            .filter(|(_, e)| event_kinds.is_empty() || event_kinds.contains(e.kind()))
            .map(|(id, _)| NodeId::Event(id));
        self.view_of(entities.chain(events))
    }
}

impl<'g> View<'g> {
    /// The ego network of `center` within the view ([`EventGraph::ego`]): a part of the part,
    /// crossing only the view's facts. A center outside the view is an error.
    pub fn ego(
        &self,
        center: impl Into<NodeId>,
        hops: usize,
        options: &PathOptions,
    ) -> Result<View<'g>, Error> {
        let center = center.into();
        self.check(center)?;
        let places = Places::of(self, options);
        let mut seen = BTreeSet::from([center]);
        let mut queue = VecDeque::from([(center, 0)]);
        while let Some((node, depth)) = queue.pop_front() {
            if depth == hops {
                continue;
            }
            for (_, next) in self.crossable(node, options, &places) {
                if seen.insert(next) {
                    queue.push_back((next, depth + 1));
                }
            }
        }
        Ok(self.graph().view_of(seen))
    }
}
