//! Views: a part of a graph, borrowed, with the graph's own ids.

use super::DocumentRef;
use super::EntityRef;
use super::EventRef;
use super::ParticipationRef;
use super::RelationRef;
use std::sync::Arc;

use fixedbitset::FixedBitSet;

use super::EventGraph;
use crate::model::{
    DocumentId, EntityId, EventId, FactId, NodeId, ParticipationId, RelationId, Source,
};
use crate::query::ActorNetwork;
use crate::{Error, ErrorKind};

/// A part of an [`EventGraph`], or the whole of it, borrowed: some entities and events, and
/// the facts between them.
///
/// A view copies no record and renumbers nothing: an id in a view is the id in the graph, so
/// that what a caller finds in an ego network or a week's window can be looked up, changed or
/// drawn in the whole without translation. Queries that make a part ([`EventGraph::ego`],
/// [`EventGraph::window`], [`EventGraph::document_view`], [`EventGraph::restrict`],
/// [`EventGraph::select`]) return one, and exporters take one wherever they take a graph
/// (`&EventGraph` converts into the whole view). [`View::to_graph`] makes a graph of its own
/// when a copy is truly wanted, to save a part as a file.
///
/// A fact is in a view when both its ends are; records its provenance names (documents,
/// speakers, outlets) are read from the graph.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let [france, poland, spain] = ["France", "Poland", "Spain"]
///     .map(|name| graph.add_entity(Entity::new(EntityKind::State, name)).unwrap());
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
///
/// let part = graph.select([letter.into(), poland.into(), spain.into()])?;
/// assert_eq!(part.entities().map(|(id, _)| id).collect::<Vec<_>>(), [poland, spain]);
/// assert_eq!(part.participations().count(), 1);
/// assert!(part.contains(poland) && !part.contains(france));
/// assert!(graph.select([EntityId::new(99).into()]).is_err());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct View<'g> {
    graph: &'g EventGraph,
    /// Shared, so that a view is cheap to clone into the searches and iterators made from it.
    part: Option<Arc<Part>>,
    /// For the view of an actor network, the network: writers that can draw one draw its
    /// actors and links rather than the events behind them.
    network: Option<&'g ActorNetwork<'g>>,
}

/// The chosen nodes, by id index.
#[derive(Clone, Debug)]
pub(super) struct Part {
    entities: FixedBitSet,
    events: FixedBitSet,
}

impl<'g> From<&'g EventGraph> for View<'g> {
    fn from(graph: &'g EventGraph) -> Self {
        View {
            graph,
            part: None,
            network: None,
        }
    }
}

impl<'g> From<&'g mut EventGraph> for View<'g> {
    fn from(graph: &'g mut EventGraph) -> Self {
        View {
            graph,
            part: None,
            network: None,
        }
    }
}

/// The view of an actor network: its actors and the events behind its links, a view of the
/// network kind. [`DotWriter`](crate::export::DotWriter) and
/// [`GraphmlWriter`](crate::export::GraphmlWriter) draw it as the network (actors and weighted
/// links); every other writer and query takes it as the part of the graph it stands for, so
/// that a pruned network's events can be listed, saved or drawn event by event.
///
/// ```
/// use eventkg::*;
/// use eventkg::query::{NetworkOptions, Rank};
/// let mut graph = EventGraph::new();
/// let [us, france, spain] = ["United States", "France", "Spain"]
///     .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
/// let no = graph.add_event(Event::new(EventKind::Reject))?;
/// graph.add_participation(Participation::new(us, Role::Initiator, no))?;
/// graph.add_participation(Participation::new(france, Role::Target, no))?;
///
/// let network = graph.actor_network(&NetworkOptions::new()).top(2, Rank::Strength);
/// let view = View::from(&network);
/// assert!(view.network().is_some());
/// assert!(view.contains(no) && view.contains(us) && !view.contains(spain));
/// let dot = export::DotWriter::new(&network).to_string();
/// assert!(dot.contains(r#"e0 -> e1 [label="1""#));
/// # Ok::<(), eventkg::Error>(())
/// ```
impl<'g> From<&'g ActorNetwork<'g>> for View<'g> {
    fn from(network: &'g ActorNetwork<'g>) -> Self {
        let graph = network.graph();
        let mut part = graph.empty_part();
        for actor in network.actors() {
            part.entities.insert(actor.entity().index() as usize);
        }
        for link in network.links() {
            for event in link.events() {
                part.events.insert(event.index() as usize);
            }
        }
        View {
            graph,
            part: Some(Arc::new(part)),
            network: Some(network),
        }
    }
}

impl<'g> From<&View<'g>> for View<'g> {
    fn from(view: &View<'g>) -> Self {
        view.clone()
    }
}

impl EventGraph {
    /// The whole graph as a view.
    pub fn view(&self) -> View<'_> {
        View::from(self)
    }

    /// The view of `nodes` and the facts between them. An id the graph does not hold is an
    /// error, so that a stale id is not mistaken for an empty part. Costs the nodes given.
    pub fn select(&self, nodes: impl IntoIterator<Item = NodeId>) -> Result<View<'_>, Error> {
        let mut part = self.empty_part();
        for node in nodes {
            match node {
                NodeId::Entity(id) if self.entity(id).is_some() => {
                    part.entities.insert(id.index() as usize)
                }
                NodeId::Event(id) if self.event(id).is_some() => {
                    part.events.insert(id.index() as usize)
                }
                NodeId::Entity(id) => return Err(ErrorKind::UnknownEntity(id).into()),
                NodeId::Event(id) => return Err(ErrorKind::UnknownEvent(id).into()),
            }
        }
        Ok(View {
            graph: self,
            part: Some(Arc::new(part)),
            network: None,
        })
    }

    /// A view of nodes the graph is known to hold (ids from its own queries).
    pub(crate) fn view_of(&self, nodes: impl IntoIterator<Item = NodeId>) -> View<'_> {
        let mut part = self.empty_part();
        for node in nodes {
            match node {
                NodeId::Entity(id) => part.entities.insert(id.index() as usize),
                NodeId::Event(id) => part.events.insert(id.index() as usize),
            }
        }
        View {
            graph: self,
            part: Some(Arc::new(part)),
            network: None,
        }
    }

    fn empty_part(&self) -> Part {
        Part {
            entities: FixedBitSet::with_capacity(self.entities.bound()),
            events: FixedBitSet::with_capacity(self.events.bound()),
        }
    }
}

impl<'g> View<'g> {
    /// The graph this is a view of, for lookups by id.
    pub fn graph(&self) -> &'g EventGraph {
        self.graph
    }

    /// The actor network this is the view of, if it is one (`View::from(&network)`).
    pub fn network(&self) -> Option<&'g ActorNetwork<'g>> {
        self.network
    }

    /// Whether this is the whole graph rather than a part of it.
    pub fn is_whole(&self) -> bool {
        self.part.is_none()
    }

    /// Whether a node the graph holds is in the view: for ids read from the graph's own
    /// records and adjacency, which need no lookup in the whole.
    #[inline]
    pub(crate) fn holds(&self, node: NodeId) -> bool {
        match (&self.part, node) {
            (None, _) => true,
            (Some(part), NodeId::Entity(id)) => part.entities.contains(id.index() as usize),
            (Some(part), NodeId::Event(id)) => part.events.contains(id.index() as usize),
        }
    }

    /// Whether the node is in the view.
    pub fn contains(&self, node: impl Into<NodeId>) -> bool {
        let node = node.into();
        match (&self.part, node) {
            (None, NodeId::Entity(id)) => self.graph.entity(id).is_some(),
            (None, NodeId::Event(id)) => self.graph.event(id).is_some(),
            (Some(part), NodeId::Entity(id)) => part.entities.contains(id.index() as usize),
            (Some(part), NodeId::Event(id)) => part.events.contains(id.index() as usize),
        }
    }

    /// Whether the fact is in the view: the graph holds it and the view both its ends.
    pub fn contains_fact(&self, fact: impl Into<FactId>) -> bool {
        match fact.into() {
            FactId::Participation(id) => self
                .graph
                .participation(id)
                .is_some_and(|p| self.contains(p.entity()) && self.contains(p.event())),
            FactId::Relation(id) => self
                .graph
                .relation(id)
                .is_some_and(|r| self.contains(r.from()) && self.contains(r.to())),
        }
    }

    /// The entities in the view, in the graph's order.
    pub fn entities(&self) -> Box<dyn Iterator<Item = (EntityId, EntityRef<'g>)> + '_> {
        let graph = self.graph;
        match &self.part {
            None => Box::new(graph.entities()),
            Some(part) => Box::new(part.entities.ones().filter_map(move |i| {
                let id = EntityId::new(i as u32);
                graph.entity(id).map(|e| (id, e))
            })),
        }
    }

    /// The events in the view, in the graph's order.
    pub fn events(&self) -> Box<dyn Iterator<Item = (EventId, EventRef<'g>)> + '_> {
        let graph = self.graph;
        match &self.part {
            None => Box::new(graph.events()),
            Some(part) => Box::new(part.events.ones().filter_map(move |i| {
                let id = EventId::new(i as u32);
                graph.event(id).map(|e| (id, e))
            })),
        }
    }

    /// Every node in the view: its entities, then its events.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.entities()
            .map(|(id, _)| NodeId::Entity(id))
            .chain(self.events().map(|(id, _)| NodeId::Event(id)))
    }

    /// The number of entities in the view.
    pub fn entity_count(&self) -> usize {
        match &self.part {
            None => self.graph.entity_count(),
            Some(part) => part.entities.count_ones(..),
        }
    }

    /// The number of events in the view.
    pub fn event_count(&self) -> usize {
        match &self.part {
            None => self.graph.event_count(),
            Some(part) => part.events.count_ones(..),
        }
    }

    /// The participations whose entity and event are both in the view, in the graph's order.
    /// For a part, costs the participations of its events.
    pub fn participations(
        &self,
    ) -> Box<dyn Iterator<Item = (ParticipationId, ParticipationRef<'g>)> + '_> {
        let graph = self.graph;
        if self.part.is_none() {
            return Box::new(graph.participations());
        }
        let mut ids: Vec<ParticipationId> = self
            .events()
            .flat_map(|(event, _)| graph.participations_in(event))
            .filter(|(_, p)| self.contains(p.entity()))
            .map(|(id, _)| id)
            .collect();
        ids.sort_unstable();
        Box::new(
            ids.into_iter()
                .filter_map(move |id| graph.participation(id).map(|p| (id, p))),
        )
    }

    /// The relations whose ends are both in the view, in the graph's order. For a part, costs
    /// the facts of its nodes.
    pub fn relations(&self) -> Box<dyn Iterator<Item = (RelationId, RelationRef<'g>)> + '_> {
        let graph = self.graph;
        if self.part.is_none() {
            return Box::new(graph.relations());
        }
        let mut ids: Vec<RelationId> = self
            .nodes()
            .flat_map(|node| graph.adjacent(node))
            .filter_map(|(fact, other, outgoing)| match fact {
                FactId::Relation(id) if outgoing && self.contains(other) => Some(id),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        Box::new(
            ids.into_iter()
                .filter_map(move |id| graph.relation(id).map(|r| (id, r))),
        )
    }

    /// The documents the view's records cite (every source of its entities, events and facts,
    /// and the values reports gave its events), in the graph's order; of the whole, every
    /// document. For a part, costs the sources of its records.
    pub fn documents(&self) -> Box<dyn Iterator<Item = (DocumentId, DocumentRef<'g>)> + '_> {
        let graph = self.graph;
        if self.part.is_none() {
            return Box::new(graph.documents());
        }
        let mut ids: Vec<DocumentId> = Vec::new();
        let mut cite = |sources: &[Source]| ids.extend(sources.iter().map(|s| s.document));
        for (_, entity) in self.entities() {
            cite(entity.sources());
        }
        for (_, event) in self.events() {
            cite(event.sources());
            for stated in event.values().iter() {
                cite(&stated.sources);
            }
        }
        for (_, p) in self.participations() {
            cite(p.sources());
        }
        for (_, r) in self.relations() {
            cite(r.sources());
        }
        ids.sort_unstable();
        ids.dedup();
        Box::new(
            ids.into_iter()
                .filter_map(move |id| graph.document(id).map(|d| (id, d))),
        )
    }
}
