//! Participations: an entity in a role in an event.

use std::ops::ControlFlow;

use super::*;

impl EventGraph {
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
    /// assert_eq!(graph.participation(first).unwrap().sources().len(), 2);
    /// assert_eq!(graph.participation_count(), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_participation(
        &mut self,
        participation: Participation,
    ) -> Result<ParticipationId, Error> {
        if let Some(existing) = self.check_participation(&participation, None)? {
            let stated = RareFields {
                attributes: participation.attributes,
                confidence: participation.confidence,
            };
            let held_rare = self
                .participations
                .get(existing)
                .ok_or(ErrorKind::UnknownParticipation(existing))?
                .value
                .rare;
            let rare_told = held_rare || stated != NO_RARE_FIELDS;
            if rare_told {
                self.note_participation_fields(existing);
            }
            // Appended in place, the journal noting how many there were: a participant of a
            // story that one report after another tells would otherwise copy its list, and
            // the journal another copy, for each report.
            self.restate_sources(RecordId::Participation(existing), &participation.sources)?;
            let slot = self
                .participations
                .get_mut(existing)
                .ok_or(ErrorKind::UnknownParticipation(existing))?;
            let held = &mut slot.value;
            if rare_told {
                // A participation without rare fields reads the default: none, and certain.
                let rare = self.participation_rare.entry(existing).or_default();
                let mut differing = Differing::default();
                differing.attributes(&rare.attributes, &stated.attributes);
                rare.restated(&stated);
                held.rare = *rare != NO_RARE_FIELDS;
                if !held.rare {
                    self.participation_rare.remove(&existing);
                }
                self.note_kept(RecordId::Participation(existing), differing);
            }
            return Ok(existing);
        }
        let id = self.participations.next_id("participations")?;
        self.insert_participation(id, participation)?;
        Ok(id)
    }

    /// Adds `entity`'s participation in `event` in `role`, told by the event's own sources,
    /// as a coded row tells both: the event's list is held again, and no list is made to be
    /// compared with it. Otherwise as [`add_participation`](Self::add_participation) with
    /// those sources.
    pub(crate) fn add_participation_told_as_event(
        &mut self,
        entity: EntityId,
        role: Role,
        event: EventId,
    ) -> Result<ParticipationId, Error> {
        let mut participation = Participation::new(entity, role, event);
        if self.check_participation(&participation, None)?.is_some() {
            // Held already (the same actor in the same role of the same event): its sources
            // are merged as any restatement's are.
            let list = self.events.get(event).and_then(|e| e.value.sources);
            participation.sources = self.source_lists.get(list).iter().cloned().collect();
            return self.add_participation(participation);
        }
        let id = self.participations.next_id("participations")?;
        self.insert_participation_told(id, participation, true)?;
        Ok(id)
    }

    pub(super) fn insert_participation(
        &mut self,
        id: ParticipationId,
        participation: Participation,
    ) -> Result<(), Error> {
        self.insert_participation_told(id, participation, false)
    }

    /// Inserts `participation` as `id`, told by its own sources, or by its event's when
    /// `as_event`.
    fn insert_participation_told(
        &mut self,
        id: ParticipationId,
        participation: Participation,
        as_event: bool,
    ) -> Result<(), Error> {
        self.forget_keyless();
        let mut packed = ParticipationRecord::pack(participation, &mut self.roles)?;
        self.node_index(packed.ends.entity.into())?;
        self.node_index(packed.ends.event.into())?;
        let event = packed.ends.event;
        packed.record.sources = match as_event {
            true => {
                let list = self.events.get(event).and_then(|e| e.value.sources);
                self.source_lists.hold_again(list)
            }
            false => self.share_with_event(event, packed.sources)?,
        };
        self.links.link_participation(id, packed.ends);
        self.index_participation(id, packed.ends.entity, packed.record.role);
        if let Some(rare) = packed.rare {
            self.participation_rare.insert(id, rare);
        }
        self.participations.push(Placed {
            value: packed.record,
        });
        Ok(())
    }

    /// Holds a participation's sources: the event's very list when the same sources tell
    /// both, as they usually do, which spares hashing them.
    fn share_with_event(
        &mut self,
        event: EventId,
        sources: Sources,
    ) -> Result<Option<ListId>, Error> {
        let lists = &mut self.source_lists;
        match self.events.get(event) {
            Some(event) if lists.names(event.value.sources, &sources) => {
                Ok(lists.hold_again(event.value.sources))
            }
            _ => lists.hold(sources),
        }
    }

    fn index_participation(&mut self, id: ParticipationId, entity: EntityId, role: TermCode) {
        let label = Label::Role(self.roles.get(role).clone());
        self.kinds.insert(&mut self.links, entity, label, id);
    }

    /// Takes a participation out of the kind index; `entity` and `role` are those it names.
    fn unindex_participation(&mut self, id: ParticipationId, entity: EntityId, role: TermCode) {
        let label = Label::Role(self.roles.get(role).clone());
        self.kinds.remove(&mut self.links, entity, &label, id);
    }

    /// Forgets a participation taken out of its table: its place in the kind index, its rare
    /// fields, its hold on its source list.
    pub(super) fn forget_participation(
        &mut self,
        id: ParticipationId,
        entity: EntityId,
        record: &ParticipationRecord,
    ) {
        self.unindex_participation(id, entity, record.role);
        if record.rare {
            self.participation_rare.remove(&id);
        }
        self.source_lists.release(record.sources);
    }

    /// Puts a relation in the kind index under its ends that are entities; `key` is
    /// [`RelationRecord::index_key`].
    pub(super) fn index_relation(&mut self, id: RelationId, key: (NodeId, TermCode, NodeId)) {
        let (from, kind, to) = key;
        let kind = self.relation_kinds.get(kind);
        if let NodeId::Entity(from) = from {
            self.kinds
                .insert(&mut self.links, from, Label::From(kind.clone()), id);
        }
        if let NodeId::Entity(to) = to {
            self.kinds
                .insert(&mut self.links, to, Label::To(kind.clone()), id);
        }
    }

    pub(super) fn unindex_relation(&mut self, id: RelationId, key: (NodeId, TermCode, NodeId)) {
        let (from, kind, to) = key;
        let kind = self.relation_kinds.get(kind);
        if let NodeId::Entity(from) = from {
            self.kinds
                .remove(&mut self.links, from, &Label::From(kind.clone()), id);
        }
        if let NodeId::Entity(to) = to {
            self.kinds
                .remove(&mut self.links, to, &Label::To(kind.clone()), id);
        }
    }

    /// The first fact on an edge from `a` to `b` that `wanted` maps to a value, and that
    /// value. `b`'s incoming edges are read first: `b` is usually an event with a few
    /// participants, and then `a`, often a hub, is never read. Past a few, `a`'s outgoing
    /// edges are walked in step with the rest of `b`'s, stopping when either list ends:
    /// O(min(out(a), in(b))), so that a hub at one end costs nothing when the other end has
    /// few edges. A fact met in both lists may be offered twice. No list of the facts is
    /// made: this runs for every fact added, and handing one back cost a store and its
    /// reload on the way out.
    pub(super) fn find_between<T>(
        &self,
        a: Spot,
        b: Spot,
        mut wanted: impl FnMut(FactId) -> Option<T>,
    ) -> Option<T> {
        const ALONE: usize = 8;
        let mut incoming = self.edges_directed(b, false);
        for _ in 0..ALONE {
            if let ControlFlow::Break(found) = offer(&mut incoming, a, &mut wanted) {
                return found;
            }
        }
        let mut outgoing = self.edges_directed(a, true);
        loop {
            for (list, end) in [(&mut outgoing, b), (&mut incoming, a)] {
                if let ControlFlow::Break(found) = offer(list, end, &mut wanted) {
                    return found;
                }
            }
        }
    }

    /// Validates a participation; returns the id of an equal one already in the graph.
    pub(super) fn check_participation(
        &self,
        participation: &Participation,
        this: Option<ParticipationId>,
    ) -> Result<Option<ParticipationId>, Error> {
        check_attributes(&participation.attributes)?;
        // `let else` rather than `ok_or`: an error built ahead is dropped on every record.
        let Some(kind) = self.entity_kind(participation.entity) else {
            return Err(ErrorKind::UnknownEntity(participation.entity).into());
        };
        let Some(event) = self.events.get(participation.event) else {
            return Err(ErrorKind::UnknownEvent(participation.event).into());
        };
        let event_at = Spot::of(participation.event.into());
        // The event's own sources, already held, are valid.
        let told_as_the_event = self
            .source_lists
            .names(event.value.sources, &participation.sources);
        if !kind.is_actor() {
            return Err(ErrorKind::InvalidFact {
                fact: self.describe_participation(participation),
                reason: "a place takes part in no event; set it as the event's location".into(),
            }
            .into());
        }
        if !told_as_the_event {
            self.check_sources(&participation.sources)?;
        }
        let entity_at = Spot::of(participation.entity.into());
        Ok(self.find_between(entity_at, event_at, |fact| match fact {
            FactId::Participation(id) if Some(id) != this => {
                self.participation(id).and_then(|held| {
                    (held.role() == participation.role && held.polarity() == participation.polarity)
                        .then_some(id)
                })
            }
            _ => None,
        }))
    }

    /// The participation with this id.
    pub fn participation(&self, id: ParticipationId) -> Option<ParticipationRef<'_>> {
        self.participations
            .get(id)
            .map(|p| ParticipationRef::new(self, id, &p.value))
    }

    /// Every participation, in insertion order.
    pub fn participations(
        &self,
    ) -> impl DoubleEndedIterator<Item = (ParticipationId, ParticipationRef<'_>)> {
        self.participations
            .iter()
            .map(|(id, p)| (id, ParticipationRef::new(self, id, &p.value)))
    }

    /// The participations in one event, in insertion order; none for an unknown event.
    pub fn participations_in(
        &self,
        event: EventId,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'_>)> {
        let node = self.events.get(event).map(|_| Spot::of(event.into()));
        self.participations_at(node, false)
    }

    /// The participations of one entity, in insertion order; none for an unknown entity.
    pub fn participations_of(
        &self,
        entity: EntityId,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'_>)> {
        let node = self.entities.get(entity).map(|_| Spot::of(entity.into()));
        self.participations_at(node, true)
    }

    fn participations_at(
        &self,
        node: Option<Spot>,
        outgoing: bool,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'_>)> {
        let mut ids: SmallVec<[ParticipationId; 8]> = node
            .into_iter()
            .flat_map(|at| self.edges_directed(at, outgoing))
            .filter_map(|(edge, _)| match edge.fact() {
                FactId::Participation(id) => Some(id),
                FactId::Relation(_) => None,
            })
            .collect();
        // A node's list holds its newest fact first, and ids grow with insertion, so the list
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
            .to_participation();
        change(&mut participation);
        if let Some(existing) = self.check_participation(&participation, Some(id))? {
            return Err(ErrorKind::DuplicateFact {
                fact: id.into(),
                existing: existing.into(),
            }
            .into());
        }
        self.note(Noted::Record(id.into()))?;
        self.forget_keyless();
        let held = self
            .links
            .participation_ends(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?;
        let moved = (held.entity, held.event) != (participation.entity, participation.event);
        let mut packed = ParticipationRecord::pack(participation, &mut self.roles)?;
        packed.record.sources = self.share_with_event(packed.ends.event, packed.sources)?;
        let role = packed.record.role;
        let slot = self
            .participations
            .get_mut(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?;
        let old = std::mem::replace(&mut slot.value, packed.record);
        if old.role != role || held.entity != packed.ends.entity {
            self.unindex_participation(id, held.entity, old.role);
            self.index_participation(id, packed.ends.entity, role);
        }
        if moved {
            self.links.unlink(Link::participation(id));
            self.links.link_participation(id, packed.ends);
        } else {
            self.links.flag_participation(id, packed.ends);
        }
        match packed.rare {
            Some(rare) => {
                self.participation_rare.insert(id, rare);
            }
            None if old.rare => {
                self.participation_rare.remove(&id);
            }
            None => {}
        }
        self.source_lists.release(old.sources);
        Ok(())
    }

    /// Removes a participation and returns it.
    pub fn remove_participation(&mut self, id: ParticipationId) -> Result<Participation, Error> {
        let participation = self
            .participation(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?
            .to_participation();
        self.forget_keyless();
        self.links.unlink(Link::participation(id));
        let slot = self
            .participations
            .remove(id)
            .ok_or(ErrorKind::UnknownParticipation(id))?;
        self.forget_participation(id, participation.entity, &slot.value);
        Ok(participation)
    }
}

/// Offers the next fact of `list` to `wanted` if its other end is `end`: a break with the
/// value found, or with none when the list has ended.
#[inline]
fn offer<T>(
    list: &mut impl Iterator<Item = (Edge, Spot)>,
    end: Spot,
    wanted: &mut impl FnMut(FactId) -> Option<T>,
) -> ControlFlow<Option<T>> {
    match list.next() {
        None => ControlFlow::Break(None),
        Some((edge, other)) if other == end => match wanted(edge.fact()) {
            Some(found) => ControlFlow::Break(Some(found)),
            None => ControlFlow::Continue(()),
        },
        Some(_) => ControlFlow::Continue(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        Document, Entity, EntityKind, ErrorKind, Event, EventGraph, EventKind, Participation, Role,
        Source,
    };

    #[test]
    fn a_participation_told_as_its_event_holds_the_events_list() {
        // A made-up report, envoy, town and meeting; the meeting quoted, so that its list is
        // counted rather than bare.
        let report = <crate::DocumentId as crate::model::TableId>::from_index(0);
        let told = Source::new(report).quote("A made-up line.");
        let base = || {
            let mut graph = EventGraph::new();
            graph.add_document(Document::new("made-up-report")).unwrap();
            let who = graph
                .add_entity(Entity::new(EntityKind::Person, "A made-up envoy"))
                .unwrap();
            let town = graph
                .add_entity(Entity::new(EntityKind::Place, "A made-up town"))
                .unwrap();
            let event = graph
                .add_event(Event::new(EventKind::Meeting).source(told.clone()))
                .unwrap();
            (graph, who, town, event)
        };
        let (mut graph, who, town, event) = base();
        let id = graph
            .add_participation_told_as_event(who, Role::Initiator, event)
            .unwrap();
        let held = graph.participations.get(id).unwrap().value.sources;
        assert_eq!(held, graph.events.get(event).unwrap().value.sources);
        assert_eq!(
            graph.participation(id).unwrap().sources(),
            std::slice::from_ref(&told)
        );
        // Told again, it is the one participation, its sources as they were.
        let again = graph
            .add_participation_told_as_event(who, Role::Initiator, event)
            .unwrap();
        assert_eq!(again, id);
        assert_eq!(graph.participation_count(), 1);
        assert_eq!(
            graph.participation(id).unwrap().sources(),
            std::slice::from_ref(&told)
        );
        // What a participation told by its own sources would be.
        let (mut other, ..) = base();
        other
            .add_participation(Participation::new(who, Role::Initiator, event).source(told.clone()))
            .unwrap();
        assert_eq!(
            crate::io::json::to_string(&other, false).unwrap(),
            crate::io::json::to_string(&graph, false).unwrap()
        );
        // A place takes part in nothing, told by anyone.
        let error = graph
            .add_participation_told_as_event(town, Role::Target, event)
            .unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::InvalidFact { .. }));
        super::super::sources::tests::assert_holders_counted(&graph);
    }
}
