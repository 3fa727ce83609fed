//! Stance: who supports a proposal, who opposes it, who was asked and did not answer, who was
//! not asked; the camps that form, and the contradictions a reader should see.

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use crate::ErrorKind;
use crate::model::{EntityId, EventId, EventKind, FactId, NodeId, Polarity, RelationKind, Role};
use crate::{Error, EventGraph, View};

/// Where an entity stands on an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Position {
    /// Supports it: a `supporter`, or the initiator of a support or agreement about it or in
    /// answer to it.
    Supports,
    /// Opposes it: an `opponent`, or the initiator of a conflictual event about it or in
    /// answer to it (a refusal, an accusation).
    Opposes,
    /// Answered it without taking a side the graph records: the initiator of an event that
    /// `responds_to` it, or to an asking about it, and is neither conflictual nor a support or
    /// agreement (a statement, a meeting).
    Answered,
    /// Was asked (the target of the event itself when it is a request, proposal or invitation,
    /// or of one about it) and took no side that the graph records.
    AskedNoAnswer,
    /// Is recorded as *not* asked: a negated target.
    NotAsked,
}

impl Position {
    /// The position's name, as camps are labelled.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Supports => "supports",
            Position::Opposes => "opposes",
            Position::Answered => "answered, no side",
            Position::AskedNoAnswer => "asked, no answer",
            Position::NotAsked => "not asked",
        }
    }
}

/// One entity's position, with the facts it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceEntry {
    /// Who.
    pub entity: EntityId,
    /// Where they stand.
    pub position: Position,
    /// The facts that show it: participations in the event, or in events about it; each
    /// fact's sources are the evidence ([`EventGraph::sources_of`]). A position passed on
    /// from a group ([`StanceOptions::through_groups`]) rests on the group's facts and the
    /// `member_of` relation that counts the entity in.
    pub basis: Vec<FactId>,
    /// The groups whose position this entity holds as a member, when passed on
    /// ([`StanceOptions::through_groups`]); empty when the graph names the entity itself only.
    pub through: Vec<EntityId>,
}

/// How [`EventGraph::stance_with`] reads the graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StanceOptions {
    through_groups: bool,
}

impl StanceOptions {
    /// Positions as the graph records them, for the entities it names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Passes a [`Group`](crate::EntityKind::Group)'s position on to each of its members
    /// ([`EventGraph::group_members`]): "the three Baltic States were invited" puts each of
    /// them among the asked. A member named both directly and through the group is listed
    /// once, its basis holding both.
    pub fn through_groups(mut self) -> Self {
        self.through_groups = true;
        self
    }
}

/// A contradiction in an entity's positions that a reader should see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Contradiction {
    /// Asked to take part, yet opposed (the United States in the seed article).
    AskedYetOpposed(EntityId),
    /// Recorded both as supporting and as opposing.
    SupportsAndOpposes(EntityId),
}

impl Contradiction {
    /// The entity whose positions contradict each other.
    pub fn entity(self) -> EntityId {
        match self {
            Contradiction::AskedYetOpposed(e) | Contradiction::SupportsAndOpposes(e) => e,
        }
    }

    /// The contradiction's name, as the command-line tool's JSON gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Contradiction::AskedYetOpposed(_) => "asked_yet_opposed",
            Contradiction::SupportsAndOpposes(_) => "supports_and_opposes",
        }
    }
}

/// `entity#3 was asked, yet opposed`: the entity by id, since a contradiction does not hold
/// the graph that names it.
///
/// ```
/// use eventkg::EntityId;
/// use eventkg::query::Contradiction;
/// let c = Contradiction::AskedYetOpposed(EntityId::new(3));
/// assert_eq!(c.to_string(), "entity#3 was asked, yet opposed");
/// assert_eq!((c.entity(), c.as_str()), (EntityId::new(3), "asked_yet_opposed"));
/// ```
impl std::fmt::Display for Contradiction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Contradiction::AskedYetOpposed(e) => write!(f, "{e} was asked, yet opposed"),
            Contradiction::SupportsAndOpposes(e) => write!(f, "{e} both supports and opposes"),
        }
    }
}

/// The stance of every entity the graph links to an event; made by [`EventGraph::stance`].
#[derive(Clone, Debug, PartialEq)]
pub struct Stance {
    /// The event the stance is on.
    pub event: EventId,
    entries: Vec<StanceEntry>,
    asked: Vec<EntityId>,
}

const ASKING: [EventKind; 3] = [
    EventKind::Request,
    EventKind::Proposal,
    EventKind::Invitation,
];

impl EventGraph {
    /// Who stands where on `event`: see [`Position`] for what counts.
    ///
    /// The cost is that of the event's participations and of the events linked to it by
    /// `about`.
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::{Contradiction, Position};
    /// let mut graph = EventGraph::new();
    /// let [france, us, poland] = ["France", "United States", "Poland"]
    ///     .map(|name| graph.add_entity(Entity::new(EntityKind::State, name)).unwrap());
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate).status(EventStatus::Proposed))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_relation(Relation::new(letter, RelationKind::About, mission))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Opponent, mission))?;
    ///
    /// let stance = graph.stance(mission)?;
    /// assert_eq!(stance.members(Position::Opposes).collect::<Vec<_>>(), [us]);
    /// assert_eq!(stance.members(Position::AskedNoAnswer).collect::<Vec<_>>(), [poland]);
    /// assert_eq!(stance.contradictions().collect::<Vec<_>>(), [Contradiction::AskedYetOpposed(us)]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn stance(&self, event: EventId) -> Result<Stance, Error> {
        self.stance_with(event, &StanceOptions::new())
    }

    /// [`stance`](Self::stance), read as `options` say.
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::{Position, StanceOptions};
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// let baltic = graph.add_entity(Entity::new(EntityKind::Group, "Baltic States"))?;
    /// let [estonia, latvia] = ["Estonia", "Latvia"]
    ///     .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// for member in [estonia, latvia] {
    ///     graph.add_relation(Relation::new(member, RelationKind::MemberOf, baltic))?;
    /// }
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(baltic, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(estonia, Role::Target, letter))?;
    ///
    /// let named = graph.stance(letter)?;
    /// assert_eq!(named.members(Position::AskedNoAnswer).collect::<Vec<_>>(), [baltic, estonia]);
    /// let through = graph.stance_with(letter, &StanceOptions::new().through_groups())?;
    /// assert_eq!(
    ///     through.members(Position::AskedNoAnswer).collect::<Vec<_>>(),
    ///     [baltic, estonia, latvia]
    /// );
    /// // Estonia, named and counted in, is listed once, on both facts.
    /// let entry = through.entries().find(|e| e.entity == estonia).unwrap();
    /// assert_eq!((entry.basis.len(), entry.through.as_slice()), (3, &[baltic][..]));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn stance_with(&self, event: EventId, options: &StanceOptions) -> Result<Stance, Error> {
        self.view().stance_with(event, options)
    }
}

impl View<'_> {
    /// Who stands where on `event` by the view's facts alone ([`EventGraph::stance`]): a
    /// position whose fact is outside the view is not counted. An event outside the view is
    /// an error.
    pub fn stance(&self, event: EventId) -> Result<Stance, Error> {
        self.stance_with(event, &StanceOptions::new())
    }

    /// [`stance`](Self::stance), read as `options` say.
    pub fn stance_with(&self, event: EventId, options: &StanceOptions) -> Result<Stance, Error> {
        self.check(event.into())?;
        let own = self.event(event).ok_or(ErrorKind::UnknownEvent(event))?;
        // Keyed by internal ids, so the fast hasher is safe.
        let mut found: IndexMap<(EntityId, Position), Vec<FactId>, FxBuildHasher> =
            IndexMap::default();
        let mut note = |entity: EntityId, position: Position, fact: FactId| {
            let basis = found.entry((entity, position)).or_default();
            if !basis.contains(&fact) {
                basis.push(fact);
            }
        };
        let asking_event = |kind: &EventKind| ASKING.contains(kind);
        for (id, p) in self.participations_in(event) {
            match (&p.role(), p.polarity()) {
                (Role::Supporter, Polarity::Affirmed) => {
                    note(p.entity(), Position::Supports, id.into())
                }
                (Role::Opponent, Polarity::Affirmed) => {
                    note(p.entity(), Position::Opposes, id.into())
                }
                (Role::Target, Polarity::Affirmed) if asking_event(own.kind()) => {
                    note(p.entity(), Position::AskedNoAnswer, id.into())
                }
                (Role::Target, Polarity::Negated) if asking_event(own.kind()) => {
                    note(p.entity(), Position::NotAsked, id.into())
                }
                _ => {}
            }
        }
        // The events linked to this one by `relation`, each with the relation.
        let linked = |target: EventId, kind: RelationKind| -> Vec<(EventId, FactId)> {
            self.relations_of(target)
                .filter(|(_, r)| {
                    r.kind() == kind
                        && r.polarity() == Polarity::Affirmed
                        && r.to() == NodeId::Event(target)
                })
                .filter_map(|(id, r)| Some((r.from().as_event()?, id.into())))
                .collect()
        };
        let about = linked(event, RelationKind::About);
        // Answers: events that respond to this one, or to an asking about it ("a refusal to
        // an invitation" about a proposed mission answers the proposal too).
        let mut answers = linked(event, RelationKind::RespondsTo);
        for &(asking, about_it) in &about {
            if self.event(asking).is_some_and(|e| asking_event(e.kind())) {
                for (answer, responds) in linked(asking, RelationKind::RespondsTo) {
                    answers.push((answer, responds));
                    answers.push((answer, about_it));
                }
            }
        }
        for &(other, _) in &about {
            let Some(linked) = self.event(other) else {
                continue;
            };
            let class = linked.quad_class();
            for (id, p) in self.participations_in(other) {
                let position = match (&p.role(), p.polarity()) {
                    (Role::Initiator, Polarity::Affirmed)
                        if class.is_some_and(|c| c.is_conflict()) =>
                    {
                        Position::Opposes
                    }
                    (Role::Initiator, Polarity::Affirmed)
                        if matches!(linked.kind(), EventKind::Support | EventKind::Agree) =>
                    {
                        Position::Supports
                    }
                    (Role::Target, Polarity::Affirmed) if asking_event(linked.kind()) => {
                        Position::AskedNoAnswer
                    }
                    (Role::Target, Polarity::Negated) if asking_event(linked.kind()) => {
                        Position::NotAsked
                    }
                    _ => continue,
                };
                note(p.entity(), position, id.into());
            }
        }
        // An answer's initiator has answered: with a side when the answer takes one, and on
        // the answer's participation and the relations that make it an answer.
        for &(other, link) in &answers {
            let Some(answer) = self.event(other) else {
                continue;
            };
            let position = if answer.quad_class().is_some_and(|c| c.is_conflict()) {
                Position::Opposes
            } else if matches!(answer.kind(), EventKind::Support | EventKind::Agree) {
                Position::Supports
            } else {
                Position::Answered
            };
            for (id, p) in self.participations_in(other) {
                if p.role() == Role::Initiator && p.polarity() == Polarity::Affirmed {
                    note(p.entity(), position, id.into());
                    note(p.entity(), position, link);
                }
            }
        }
        // A group's positions, passed on to its members, each on the group's facts and the
        // membership; an entity named directly keeps one entry, with every fact.
        let mut through: IndexMap<(EntityId, Position), Vec<EntityId>, FxBuildHasher> =
            IndexMap::default();
        if options.through_groups {
            let held: Vec<((EntityId, Position), Vec<FactId>)> =
                found.iter().map(|(k, v)| (*k, v.clone())).collect();
            for ((group, position), basis) in held {
                let members = self.graph().group_members(group).into_iter().flatten();
                for (member, membership) in members.filter(|&(m, _)| self.holds(m.into())) {
                    let entry = found.entry((member, position)).or_default();
                    for fact in basis.iter().copied().chain([membership.into()]) {
                        if !entry.contains(&fact) {
                            entry.push(fact);
                        }
                    }
                    let groups = through.entry((member, position)).or_default();
                    if !groups.contains(&group) {
                        groups.push(group);
                    }
                }
            }
        }
        let sided = |entity: EntityId| {
            found.contains_key(&(entity, Position::Supports))
                || found.contains_key(&(entity, Position::Opposes))
        };
        let answered =
            |entity: EntityId| sided(entity) || found.contains_key(&(entity, Position::Answered));
        let asked: Vec<EntityId> = found
            .keys()
            .filter(|(_, p)| *p == Position::AskedNoAnswer)
            .map(|(e, _)| *e)
            .collect();
        // "Asked, no answer" only where no answer was given, and "answered, no side" only
        // where no side was taken; the asking itself stays in `asked`.
        let kept: Vec<bool> = found
            .keys()
            .map(|&(entity, position)| match position {
                Position::AskedNoAnswer => !answered(entity),
                Position::Answered => !sided(entity),
                _ => true,
            })
            .collect();
        let entries = found
            .into_iter()
            .zip(kept)
            .filter(|(_, kept)| *kept)
            .map(|(((entity, position), basis), _)| StanceEntry {
                entity,
                position,
                basis,
                through: through
                    .get(&(entity, position))
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect();
        Ok(Stance {
            event,
            entries,
            asked,
        })
    }
}

impl Stance {
    /// The stance view: the event, everyone with a position on it, and the facts each
    /// position rests on with the events they join (the invitation, the refusal that
    /// answers it), so that a drawing shows why each actor stands where it does. Give the
    /// graph the stance was read from; a fact it does not hold is an error.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [france, us, spain] = ["France", "United States", "Spain"]
    ///     .map(|name| graph.add_entity(Entity::new(EntityKind::State, name)).unwrap());
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_relation(Relation::new(letter, RelationKind::About, mission))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Target, letter))?;
    /// let lunch = graph.add_event(Event::new(EventKind::Meeting))?;
    /// graph.add_participation(Participation::new(spain, Role::Participant, lunch))?;
    ///
    /// let stance = graph.stance(mission)?;
    /// let view = stance.view(&graph)?;
    /// assert!(view.contains(mission) && view.contains(letter) && view.contains(us));
    /// assert!(!view.contains(lunch) && !view.contains(spain));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn view<'g>(&self, graph: &'g EventGraph) -> Result<View<'g>, Error> {
        let mut nodes = vec![NodeId::Event(self.event)];
        for entry in &self.entries {
            nodes.push(entry.entity.into());
            for &fact in &entry.basis {
                let (from, to) = match fact {
                    FactId::Participation(id) => graph
                        .participation(id)
                        .map(|p| (p.entity().into(), p.event().into()))
                        .ok_or(ErrorKind::UnknownParticipation(id))?,
                    FactId::Relation(id) => graph
                        .relation(id)
                        .map(|r| (r.from(), r.to()))
                        .ok_or(ErrorKind::UnknownRelation(id))?,
                };
                nodes.extend([from, to]);
            }
        }
        graph.select(nodes)
    }

    /// The event the stance is on.
    pub fn event(&self) -> EventId {
        self.event
    }

    /// Every entity's position, in the order the graph first records it.
    pub fn entries(&self) -> impl Iterator<Item = &StanceEntry> {
        self.entries.iter()
    }

    /// The entities in one position, in the order the graph first records them.
    pub fn members(&self, position: Position) -> impl Iterator<Item = EntityId> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.position == position)
            .map(|e| e.entity)
    }

    /// Every entity that was asked, whatever side it then took.
    pub fn asked(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.asked.iter().copied()
    }

    /// The positions an entity holds (usually one).
    pub fn positions_of(&self, entity: EntityId) -> impl Iterator<Item = Position> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.entity == entity)
            .map(|e| e.position)
    }

    /// The camps: each position with its members, in the order of [`Position`]; empty camps
    /// are left out.
    pub fn camps(&self) -> IndexMap<Position, Vec<EntityId>> {
        let mut camps: IndexMap<Position, Vec<EntityId>> = IndexMap::new();
        for position in [
            Position::Supports,
            Position::Opposes,
            Position::Answered,
            Position::AskedNoAnswer,
            Position::NotAsked,
        ] {
            let members: Vec<EntityId> = self.members(position).collect();
            if !members.is_empty() {
                camps.insert(position, members);
            }
        }
        camps
    }

    /// The camp a node is drawn in, for [`DotWriter::cluster_by`](crate::export::DotWriter::cluster_by):
    /// the entity's side where it took one (supporting before opposing, in the order of
    /// [`Position`]), else whether it was asked; `None` for events and bystanders.
    pub fn camp_of(&self, node: NodeId) -> Option<String> {
        let entity = node.as_entity()?;
        self.positions_of(entity)
            .min()
            .map(|p| p.as_str().to_owned())
    }

    /// The contradictions a reader should see: entities asked yet opposed, and entities
    /// recorded on both sides.
    pub fn contradictions(&self) -> impl Iterator<Item = Contradiction> + '_ {
        let opposes = |e: EntityId| self.positions_of(e).any(|p| p == Position::Opposes);
        let supports = |e: EntityId| self.positions_of(e).any(|p| p == Position::Supports);
        let asked_yet_opposed = self
            .asked
            .iter()
            .copied()
            .filter(move |&e| opposes(e))
            .map(Contradiction::AskedYetOpposed);
        let both = self
            .members(Position::Supports)
            .filter(move |&e| opposes(e) && supports(e))
            .map(Contradiction::SupportsAndOpposes);
        asked_yet_opposed.chain(both)
    }
}
