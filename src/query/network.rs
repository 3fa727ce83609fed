//! The actor network: events collapsed into weighted links between the actors they join.

use crate::EventRef;
use chrono::NaiveDate;
use indexmap::{IndexMap, IndexSet};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::Error;
use crate::model::{
    DocumentId, EntityId, EventId, EventKind, EventStatus, FuzzyDate, Polarity, QuadClass, Role,
};
use crate::query::DateMatch;
use crate::{EventGraph, View};

/// Which events an [`ActorNetwork`] summarises, and which links it keeps.
///
/// Every filter narrows: an event counts when its kind, status and date all pass.
///
/// ```
/// use eventkg::EventKind;
/// use eventkg::query::{DateMatch, NetworkOptions};
/// use eventkg::NaiveDate;
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let options = NetworkOptions::new()
///     .kinds([EventKind::Reject, EventKind::Invitation])
///     .between(day(5, 1), day(6, 30), DateMatch::Overlaps)
///     .min_weight(2);
/// assert_eq!(options.minimum_weight(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct NetworkOptions {
    kinds: Option<IndexSet<EventKind>>,
    statuses: Option<Vec<EventStatus>>,
    window: Option<(NaiveDate, NaiveDate, DateMatch)>,
    min_weight: usize,
    co_participation: bool,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            kinds: None,
            statuses: None,
            window: None,
            min_weight: 1,
            co_participation: true,
        }
    }
}

impl NetworkOptions {
    /// Every event, every link, co-participation included.
    pub fn new() -> Self {
        NetworkOptions::default()
    }

    /// Only events of these kinds.
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = EventKind>) -> Self {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Only events with one of these statuses: [`EventStatus::Happened`] alone leaves out
    /// proposals and plans.
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = EventStatus>) -> Self {
        self.statuses = Some(statuses.into_iter().collect());
        self
    }

    /// Only events dated in the range from `start` to `end`, both included, under the
    /// fuzzy-date semantics of `matching`; undated events are left out.
    pub fn between(mut self, start: NaiveDate, end: NaiveDate, matching: DateMatch) -> Self {
        self.window = Some((start, end, matching));
        self
    }

    /// Only links that summarise at least `weight` events (1, the default, keeps all).
    pub fn min_weight(mut self, weight: usize) -> Self {
        self.min_weight = weight.max(1);
        self
    }

    /// The least number of events a kept link summarises.
    pub fn minimum_weight(&self) -> usize {
        self.min_weight
    }

    /// Whether events without an initiator and a target join their members with undirected
    /// links (the default), or are left out.
    pub fn co_participation(mut self, joined: bool) -> Self {
        self.co_participation = joined;
        self
    }

    fn accepts(&self, event: EventRef<'_>) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(event.kind()))
            && self
                .statuses
                .as_ref()
                .is_none_or(|s| s.contains(&event.status()))
            && self.window.is_none_or(|(start, end, matching)| {
                event
                    .date()
                    .is_some_and(|date| matching.holds(date.bounds(), start, end))
            })
    }
}

/// One actor of an [`ActorNetwork`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    entity: EntityId,
    events: usize,
    strength: usize,
    partners: usize,
}

impl Actor {
    /// The entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }

    /// How many of the summarised events link it to another actor; pruning links does not
    /// change it.
    pub fn events(&self) -> usize {
        self.events
    }

    /// The sum of the weights of its links in this network.
    pub fn strength(&self) -> usize {
        self.strength
    }

    /// How many links it has in this network.
    pub fn partners(&self) -> usize {
        self.partners
    }
}

/// The events between two actors, summarised: a weighted edge of an [`ActorNetwork`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    from: EntityId,
    to: EntityId,
    directed: bool,
    events: Vec<EventId>,
    kinds: Vec<(EventKind, usize)>,
    classes: [usize; 4],
    first: Option<FuzzyDate>,
    last: Option<FuzzyDate>,
    sources: usize,
}

impl Link {
    /// The initiator, or for an undirected link the endpoint added to the graph first.
    pub fn from(&self) -> EntityId {
        self.from
    }

    /// The target, or the other endpoint.
    pub fn to(&self) -> EntityId {
        self.to
    }

    /// Whether the link runs from initiator to target, rather than joining co-participants.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// How many events it summarises.
    pub fn weight(&self) -> usize {
        self.events.len()
    }

    /// The events it summarises, in the graph's order: the way back from a link to its
    /// evidence.
    pub fn events(&self) -> &[EventId] {
        &self.events
    }

    /// How many of its events are of each kind, kinds in the order they first occur.
    pub fn kinds(&self) -> impl Iterator<Item = (&EventKind, usize)> {
        self.kinds.iter().map(|(kind, count)| (kind, *count))
    }

    /// How many of its events fall in a GDELT quad class; kinds without a CAMEO code are in
    /// none.
    pub fn class_count(&self, class: QuadClass) -> usize {
        self.classes[class_slot(class)]
    }

    /// Its events of verbal or material cooperation.
    pub fn cooperation(&self) -> usize {
        self.classes[0] + self.classes[1]
    }

    /// Its events of verbal or material conflict.
    pub fn conflict(&self) -> usize {
        self.classes[2] + self.classes[3]
    }

    /// From −1 (all conflict) to 1 (all cooperation), over the events that have a class;
    /// `None` when none has.
    pub fn balance(&self) -> Option<f64> {
        let (cooperation, conflict) = (self.cooperation(), self.conflict());
        let classed = cooperation + conflict;
        (classed > 0).then(|| (cooperation as f64 - conflict as f64) / classed as f64)
    }

    /// The earliest date among its events: the one whose earliest possible day comes first.
    pub fn first(&self) -> Option<FuzzyDate> {
        self.first
    }

    /// The latest date among its events: the one whose latest possible day comes last.
    pub fn last(&self) -> Option<FuzzyDate> {
        self.last
    }

    /// How many distinct documents are sources of its events or of the participations that
    /// make it.
    pub fn sources(&self) -> usize {
        self.sources
    }
}

fn class_slot(class: QuadClass) -> usize {
    match class {
        QuadClass::VerbalCooperation => 0,
        QuadClass::MaterialCooperation => 1,
        QuadClass::VerbalConflict => 2,
        QuadClass::MaterialConflict => 3,
    }
}

/// How [`ActorNetwork::top`] ranks actors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rank {
    /// By the events they take part in.
    Events,
    /// By the summed weight of their links: the most active in the network.
    #[default]
    Strength,
    /// By the number of actors they are linked to.
    Partners,
    /// By eigenvector centrality over the weighted links (rustworkx-core): actors linked to
    /// other central actors rank higher. Falls back to strength if the iteration does not
    /// converge. With the `centrality` feature (on by default).
    #[cfg(feature = "centrality")]
    Eigenvector,
}

/// Events collapsed into weighted links between actors, for graphs too large to draw event by
/// event.
///
/// Past a few thousand nodes an event graph shows nothing a reader can take in, and Graphviz
/// `dot` no longer finishes in reasonable time. What an analyst wants at that size is the shape
/// of relations: who acts on whom, how often, in which kinds of event, cooperatively or not,
/// over which period, on how many documents' word. [`EventGraph::actor_network`] builds that
/// projection; [`ActorNetwork::top`], [`ActorNetwork::strongest_links`] and
/// [`ActorNetwork::min_weight`] bring it down to a size a person can read.
///
/// An event with initiators and targets becomes a directed link from each initiator to each
/// target (CAMEO's source and target actors); its other participants are not linked. An event
/// without that direction, such as a meeting of a host and participants, joins everyone taking
/// part pairwise with undirected links, unless [`NetworkOptions::co_participation`] turns that
/// off. Supporters, opponents and the concerned hold positions on an event rather than take
/// part in it, and are left to [`EventGraph::stance`]. Only affirmed participations count:
/// "Germany was not invited" joins nobody.
///
/// Actors and links keep the order in which the graph's events first join them, so exports
/// of a network are byte-stable.
///
/// ```
/// use eventkg::*;
/// use eventkg::query::{NetworkOptions, Rank};
///
/// let mut graph = EventGraph::new();
/// let [us, france, germany] = ["United States", "France", "Germany"]
///     .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
/// for (initiator, kind, target) in [(france, EventKind::Invitation, us), (us, EventKind::Reject, france), (us, EventKind::Reject, france)] {
///     let event = graph.add_event(Event::new(kind))?;
///     graph.add_participation(Participation::new(initiator, Role::Initiator, event))?;
///     graph.add_participation(Participation::new(target, Role::Target, event))?;
/// }
/// let meeting = graph.add_event(Event::new(EventKind::Meeting))?;
/// for member in [france, germany] {
///     graph.add_participation(Participation::new(member, Role::Participant, meeting))?;
/// }
///
/// let network = graph.actor_network(&NetworkOptions::new());
/// let rejections = network.link(us, france, true).unwrap();
/// assert_eq!(rejections.weight(), 2);
/// assert_eq!(rejections.conflict(), 2);
/// assert_eq!(rejections.balance(), Some(-1.0));
/// assert!(!network.link(france, germany, false).unwrap().is_directed());
///
/// let top = network.top(2, Rank::Strength);
/// let kept: Vec<EntityId> = top.actors().map(|a| a.entity()).collect();
/// assert_eq!(kept, [france, us]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ActorNetwork<'g> {
    graph: &'g EventGraph,
    pub(super) actors: IndexMap<EntityId, Actor, FxBuildHasher>,
    pub(super) links: Vec<Link>,
    /// Where each (from, to, directed) link is, undirected ones with the smaller id first.
    at: FxHashMap<(EntityId, EntityId, bool), usize>,
}

impl EventGraph {
    /// The entities that took part in an event together with `entity`, each once, in the order
    /// its events first join them: the two-hop neighbourhood an analyst asks for as "who acted
    /// with whom". It follows the rule of [`actor_network`](Self::actor_network): only
    /// affirmed participations count ("Germany was not invited" joins nobody), and
    /// supporters, opponents and the concerned hold positions rather than take part
    /// ([`Role::takes_part`]). It reads the adjacency alone, never the participation table.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [france, us, germany] = ["France", "United States", "Germany"]
    ///     .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// let invitation = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, invitation))?;
    /// graph.add_participation(Participation::new(us, Role::Target, invitation))?;
    /// graph.add_participation(Participation::new(germany, Role::Target, invitation).negated())?;
    /// assert_eq!(graph.co_participants(france)?.collect::<Vec<_>>(), [us]);
    /// assert_eq!(graph.co_participants(germany)?.count(), 0);
    /// assert!(graph.co_participants(EntityId::new(99)).is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn co_participants(
        &self,
        entity: EntityId,
    ) -> Result<impl Iterator<Item = EntityId> + use<>, Error> {
        self.view().co_participants(entity)
    }

    /// The actor network of the events `options` selects: one pass over the events and their
    /// participations, then a sort of (link, document) pairs to count distinct sources.
    pub fn actor_network(&self, options: &NetworkOptions) -> ActorNetwork<'_> {
        self.view().actor_network(options)
    }
}

impl<'g> View<'g> {
    /// The entities that took part in an event of the view together with `entity`
    /// ([`EventGraph::co_participants`]): only the view's events and participants count. An
    /// entity outside the view is an error.
    pub fn co_participants(
        &self,
        entity: EntityId,
    ) -> Result<impl Iterator<Item = EntityId> + use<>, Error> {
        self.check(entity.into())?;
        if self.is_whole() {
            return Ok(self.graph().co_participant_ids(entity).into_iter());
        }
        // Each partner where it first joins, as the whole graph orders them: by the entity's
        // participation, then the partner's, both of which come in id order.
        let mut seen = FxHashSet::default();
        let mut partners: Vec<EntityId> = Vec::new();
        for (_, p) in self.participations_of(entity) {
            if p.polarity() != Polarity::Affirmed || !p.role().takes_part() {
                continue;
            }
            for (_, q) in self.participations_in(p.event()) {
                let joins = q.polarity() == Polarity::Affirmed && q.role().takes_part();
                if q.entity() != entity && joins && seen.insert(q.entity()) {
                    partners.push(q.entity());
                }
            }
        }
        Ok(partners.into_iter())
    }

    /// The actor network of the view's events ([`EventGraph::actor_network`]): only the
    /// participations in the view join actors.
    pub fn actor_network(&self, options: &NetworkOptions) -> ActorNetwork<'g> {
        let mut at: FxHashMap<(EntityId, EntityId, bool), usize> = FxHashMap::default();
        let mut links: Vec<Link> = Vec::new();
        let mut actor_events: IndexMap<EntityId, usize, FxBuildHasher> = IndexMap::default();
        let mut evidence: Vec<(usize, DocumentId)> = Vec::new();
        let (mut initiators, mut targets, mut members) = (Vec::new(), Vec::new(), Vec::new());
        let mut documents: Vec<DocumentId> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        let mut joined: Vec<EntityId> = Vec::new();
        for (event_id, event) in self.events() {
            if !options.accepts(event) {
                continue;
            }
            initiators.clear();
            targets.clear();
            members.clear();
            documents.clear();
            documents.extend(event.sources().iter().map(|s| s.document));
            for (_, participation) in self.participations_in(event_id) {
                if participation.polarity() != Polarity::Affirmed
                    || !participation.role().takes_part()
                {
                    continue;
                }
                // A participation told by the same sentence as its event shares the event's
                // list, whose documents are already in.
                if !std::ptr::eq(participation.sources(), event.sources()) {
                    documents.extend(participation.sources().iter().map(|s| s.document));
                }
                let entity = participation.entity();
                match participation.role() {
                    Role::Initiator => initiators.push(entity),
                    Role::Target => targets.push(entity),
                    _ if !members.contains(&entity) => members.push(entity),
                    _ => {}
                }
            }
            if documents.len() > 1 {
                documents.sort_unstable();
                documents.dedup();
            }
            touched.clear();
            joined.clear();
            let mut join = |from: EntityId, to: EntityId, directed: bool| {
                if from == to {
                    return;
                }
                let (from, to) = if directed || from < to {
                    (from, to)
                } else {
                    (to, from)
                };
                let index = *at.entry((from, to, directed)).or_insert_with(|| {
                    links.push(Link {
                        from,
                        to,
                        directed,
                        events: Vec::new(),
                        kinds: Vec::new(),
                        classes: [0; 4],
                        first: None,
                        last: None,
                        sources: 0,
                    });
                    links.len() - 1
                });
                if !touched.contains(&index) {
                    touched.push(index);
                }
                for end in [from, to] {
                    if !joined.contains(&end) {
                        joined.push(end);
                    }
                }
            };
            if !initiators.is_empty() && !targets.is_empty() {
                for &initiator in &initiators {
                    for &target in &targets {
                        join(initiator, target, true);
                    }
                }
            } else if options.co_participation {
                for entity in initiators.iter().chain(&targets) {
                    if !members.contains(entity) {
                        members.push(*entity);
                    }
                }
                for (i, &a) in members.iter().enumerate() {
                    for &b in &members[i + 1..] {
                        join(a, b, false);
                    }
                }
            }
            for &actor in &joined {
                *actor_events.entry(actor).or_default() += 1;
            }
            for &index in &touched {
                links[index].add_event(event_id, event);
                evidence.extend(documents.iter().map(|&d| (index, d)));
            }
        }
        evidence.sort_unstable();
        evidence.dedup();
        for (index, _) in evidence {
            links[index].sources += 1;
        }
        links.retain(|link| link.weight() >= options.min_weight);
        let actors = actor_events
            .into_iter()
            .map(|(entity, events)| {
                (
                    entity,
                    Actor {
                        entity,
                        events,
                        strength: 0,
                        partners: 0,
                    },
                )
            })
            .collect();
        let mut network = ActorNetwork {
            graph: self.graph(),
            actors,
            links,
            at,
        };
        network.recount(true);
        network
    }
}

impl Link {
    fn add_event(&mut self, id: EventId, event: EventRef<'_>) {
        self.events.push(id);
        match self.kinds.iter_mut().find(|(kind, _)| kind == event.kind()) {
            Some((_, count)) => *count += 1,
            None => self.kinds.push((event.kind().clone(), 1)),
        }
        if let Some(class) = event.quad_class() {
            self.classes[class_slot(class)] += 1;
        }
        if let Some(date) = event.date() {
            if self
                .first
                .is_none_or(|first| date.earliest() < first.earliest())
            {
                self.first = Some(date);
            }
            if self.last.is_none_or(|last| date.latest() > last.latest()) {
                self.last = Some(date);
            }
        }
    }
}

impl<'g> ActorNetwork<'g> {
    /// The graph whose events this network summarises.
    pub fn graph(&self) -> &'g EventGraph {
        self.graph
    }

    /// The actors, in the order the events first join them.
    pub fn actors(&self) -> impl ExactSizeIterator<Item = &Actor> {
        self.actors.values()
    }

    /// One actor, if it is in the network.
    pub fn actor(&self, entity: EntityId) -> Option<&Actor> {
        self.actors.get(&entity)
    }

    /// The links, in the order the events first make them.
    pub fn links(&self) -> impl ExactSizeIterator<Item = &Link> {
        self.links.iter()
    }

    /// The link from `from` to `to`, directed or not; an undirected link is found from
    /// either end.
    pub fn link(&self, from: EntityId, to: EntityId, directed: bool) -> Option<&Link> {
        let key = if directed || from < to {
            (from, to, directed)
        } else {
            (to, from, directed)
        };
        self.at.get(&key).map(|&index| &self.links[index])
    }

    /// The number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// The number of links.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// Every actor with its score under `rank`, highest first, ties in network order.
    pub fn ranked(&self, rank: Rank) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        let scores: Vec<f64> = match rank {
            Rank::Events => self.actors.values().map(|a| a.events as f64).collect(),
            Rank::Strength => self.actors.values().map(|a| a.strength as f64).collect(),
            Rank::Partners => self.actors.values().map(|a| a.partners as f64).collect(),
            #[cfg(feature = "centrality")]
            Rank::Eigenvector => self
                .eigenvector()
                .unwrap_or_else(|| self.actors.values().map(|a| a.strength as f64).collect()),
        };
        let mut ranked: Vec<(usize, EntityId, f64)> = self
            .actors
            .keys()
            .zip(scores)
            .enumerate()
            .map(|(i, (&entity, score))| (i, entity, score))
            .collect();
        ranked.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(_, entity, score)| (entity, score))
    }

    /// Keeps the `k` highest-ranked actors and the links among them. Actors whose partners
    /// all fall outside the top stay, unlinked: they are still among the most active.
    pub fn top(mut self, k: usize, rank: Rank) -> Self {
        let kept: rustc_hash::FxHashSet<EntityId> = self
            .ranked(rank)
            .take(k)
            .map(|(entity, _)| entity)
            .collect();
        self.actors.retain(|entity, _| kept.contains(entity));
        self.links
            .retain(|link| kept.contains(&link.from) && kept.contains(&link.to));
        self.recount(false);
        self
    }

    /// Keeps, for every actor, its `per_actor` heaviest links (ties in network order): a link
    /// stays when it is among the heaviest of either end, so no linked actor is left without
    /// its strongest tie.
    pub fn strongest_links(mut self, per_actor: usize) -> Self {
        let mut by_actor: FxHashMap<EntityId, Vec<usize>> = FxHashMap::default();
        for (index, link) in self.links.iter().enumerate() {
            by_actor.entry(link.from).or_default().push(index);
            by_actor.entry(link.to).or_default().push(index);
        }
        let mut keep = vec![false; self.links.len()];
        for indices in by_actor.values_mut() {
            indices.sort_by(|&a, &b| {
                self.links[b]
                    .weight()
                    .cmp(&self.links[a].weight())
                    .then(a.cmp(&b))
            });
            for &index in indices.iter().take(per_actor) {
                keep[index] = true;
            }
        }
        let mut index = 0;
        self.links.retain(|_| {
            index += 1;
            keep[index - 1]
        });
        self.recount(false);
        self
    }

    /// Drops links that summarise fewer than `weight` events, and the actors left without
    /// a link.
    pub fn min_weight(mut self, weight: usize) -> Self {
        self.links.retain(|link| link.weight() >= weight);
        self.recount(true);
        self
    }

    /// Recomputes strength and partners from the links; with `drop_unlinked`, removes actors
    /// that have none.
    fn recount(&mut self, drop_unlinked: bool) {
        for actor in self.actors.values_mut() {
            actor.strength = 0;
            actor.partners = 0;
        }
        for link in &self.links {
            for end in [link.from, link.to] {
                if let Some(actor) = self.actors.get_mut(&end) {
                    actor.strength += link.weight();
                    actor.partners += 1;
                }
            }
        }
        if drop_unlinked {
            self.actors.retain(|_, actor| actor.partners > 0);
        }
        self.at.clear();
        for (index, link) in self.links.iter().enumerate() {
            self.at.insert((link.from, link.to, link.directed), index);
        }
    }

    fn name(&self, entity: EntityId) -> String {
        self.graph
            .entity(entity)
            .map_or_else(|| entity.to_string(), |e| e.name().to_owned())
    }
}

/// The network as JSON-ready data: actors with their names and counts, links with their
/// counts by kind and class, balance, dates, number of sources and events; ids in their
/// text form (`entity#3`).
impl Serialize for ActorNetwork<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ActorNetwork", 2)?;
        out.serialize_field(
            "actors",
            &self
                .actors
                .values()
                .map(|actor| ActorJson {
                    network: self,
                    actor,
                })
                .collect::<Vec<_>>(),
        )?;
        out.serialize_field(
            "links",
            &self
                .links
                .iter()
                .map(|link| LinkJson {
                    network: self,
                    link,
                })
                .collect::<Vec<_>>(),
        )?;
        out.end()
    }
}

struct ActorJson<'a, 'g> {
    network: &'a ActorNetwork<'g>,
    actor: &'a Actor,
}

impl Serialize for ActorJson<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let actor = self.actor;
        let entity = self.network.graph.entity(actor.entity);
        let mut out = serializer.serialize_struct("Actor", 6)?;
        out.serialize_field("id", &actor.entity.to_string())?;
        out.serialize_field("name", &self.network.name(actor.entity))?;
        out.serialize_field("kind", &entity.map(|e| e.kind().to_string()))?;
        out.serialize_field("events", &actor.events)?;
        out.serialize_field("strength", &actor.strength)?;
        out.serialize_field("partners", &actor.partners)?;
        out.end()
    }
}

struct LinkJson<'a, 'g> {
    network: &'a ActorNetwork<'g>,
    link: &'a Link,
}

struct KindCounts<'a>(&'a [(EventKind, usize)]);

impl Serialize for KindCounts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(self.0.len()))?;
        for (kind, count) in self.0 {
            out.serialize_entry(&kind.to_string(), count)?;
        }
        out.end()
    }
}

impl Serialize for LinkJson<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (link, network) = (self.link, self.network);
        let mut out = serializer.serialize_struct("Link", 14)?;
        out.serialize_field("from", &link.from.to_string())?;
        out.serialize_field("to", &link.to.to_string())?;
        out.serialize_field("from_name", &network.name(link.from))?;
        out.serialize_field("to_name", &network.name(link.to))?;
        out.serialize_field("directed", &link.directed)?;
        out.serialize_field("weight", &link.weight())?;
        out.serialize_field("kinds", &KindCounts(&link.kinds))?;
        out.serialize_field("cooperation", &link.cooperation())?;
        out.serialize_field("conflict", &link.conflict())?;
        out.serialize_field("balance", &link.balance())?;
        out.serialize_field("first", &link.first)?;
        out.serialize_field("last", &link.last)?;
        out.serialize_field("sources", &link.sources)?;
        out.serialize_field(
            "events",
            &link
                .events
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>(),
        )?;
        out.end()
    }
}
