//! Joining two entities an analyst found to be one actor: every fact moved onto the one kept,
//! every source kept, the joined record kept whole with the word it was joined on.

use super::EventGraph;
use crate::Error;
use crate::ErrorKind;
use crate::model::RecordId;
use crate::model::{
    EntityId, EntityKind, EventField, EventId, FactId, FieldValue, Joined, NodeId, ParticipationId,
    RelationId, Source, Sources,
};

/// What joining two entities changed: which facts moved onto the kept entity, which turned out
/// to restate one it had (their sources added to it), and which records cited the joined
/// entity (as a speaker, a relay, a location or a publisher) and now cite the kept one.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct EntityJoin {
    /// Facts of the joined entity that now belong to the kept one, under the same ids.
    pub moved: Vec<FactId>,
    /// Facts of the joined entity that the kept one already stated, each with the fact that
    /// now holds their sources; the joined entity's fact is gone.
    pub restated: Vec<(FactId, FactId)>,
    /// Records whose sources, location or publisher named the joined entity.
    pub rewritten: Vec<RecordId>,
    /// Documents whose publisher was the joined entity.
    pub publishers: Vec<crate::model::DocumentId>,
}

/// Whether entities of these kinds may be one actor an analyst joins: the same kind, or two
/// kinds of body or collective; never a person and anything else, nor a place and anything
/// but a state (a country named as the place it is).
pub(crate) fn may_be_one(a: &EntityKind, b: &EntityKind) -> bool {
    use EntityKind::{Person, Place, State};
    match (a, b) {
        _ if a == b => true,
        (Person, _) | (_, Person) => false,
        (Place, other) | (other, Place) => *other == State,
        _ => true,
    }
}

/// A participation or relation of the joined entity, as it will be on the kept one.
enum Plan<I> {
    Move(I),
    Restate(I, I),
}

impl EventGraph {
    /// Joins `other` into `keep`: an analyst's finding that two records are one actor.
    ///
    /// Every participation and relation of `other` moves onto `keep`, with its id and sources;
    /// one that `keep` already states (the same event and role, say) adds its sources to
    /// `keep`'s and is removed. Sources that quote `other` or pass through it, events located
    /// in it, and documents it published now name `keep`. `other`'s names become `keep`'s
    /// aliases, its mentions `keep`'s, and `other` itself is kept whole in `keep`'s
    /// [`joined`](crate::Entity::joined) list with `sources`, the word it was joined on. Then
    /// `other` is removed; its id is never handed out again.
    ///
    /// Everything is checked before anything changes: refused when either entity is unknown,
    /// when they are the same, when their kinds cannot be one actor (a person and a body, a
    /// place and anything but a state), when a relation joins them (two entities on someone's word),
    /// when `keep` cannot take `other`'s place (a location that is not a place or state, a
    /// relation whose kind does not fit `keep`), or when `sources` cite unknown documents.
    /// Costs a scan of every record's sources: O(size of the graph).
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let herald = graph.add_document(Document::new("herald"))?;
    /// let courier = graph.add_document(Document::new("courier"))?;
    /// let quist = graph.add_entity(Entity::new(EntityKind::Person, "Hallvard Quist"))?;
    /// let mr = graph.add_entity(Entity::new(EntityKind::Person, "Mr Quist"))?;
    /// let talks = graph.add_event(Event::new(EventKind::Meeting))?;
    /// graph.add_participation(
    ///     Participation::new(quist, Role::Participant, talks).sources(Source::new(herald).into()),
    /// )?;
    /// let told = graph.add_participation(
    ///     Participation::new(mr, Role::Participant, talks).sources(Source::new(courier).into()),
    /// )?;
    ///
    /// let join = graph.merge_entities(quist, mr, Sources::from(Source::new(courier)))?;
    /// // Both reports now source Quist's one participation.
    /// let (kept, _) = join.restated[0];
    /// assert_eq!(kept, told.into());
    /// let (_, p) = graph.participations_of(quist).next().unwrap();
    /// assert_eq!(p.sources().len(), 2);
    /// assert_eq!(graph.find_entity("Mr Quist")?, quist);
    /// assert!(graph.entity(mr).is_none());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge_entities(
        &mut self,
        keep: EntityId,
        other: EntityId,
        sources: Sources,
    ) -> Result<EntityJoin, Error> {
        let refuse = |graph: &EventGraph, reason: String| -> Error {
            ErrorKind::CannotJoin {
                keep: graph.describe(keep.into()),
                other: graph.describe(other.into()),
                reason,
            }
            .into()
        };
        let kept = self.entity_checked(keep)?.to_entity();
        let joined = self.entity_checked(other)?.to_entity();
        if keep == other {
            return Err(refuse(self, "it is the same entity".into()));
        }
        if !may_be_one(&kept.kind, &joined.kind) {
            return Err(refuse(
                self,
                format!("a {} cannot be a {}", joined.kind, kept.kind),
            ));
        }
        self.check_sources(&sources)?;
        let swap = |id: EntityId| if id == other { keep } else { id };
        let swap_node = |node: NodeId| match node {
            NodeId::Entity(id) => NodeId::Entity(swap(id)),
            event => event,
        };

        // The plan, checked whole before anything changes.
        let mut participations: Vec<Plan<ParticipationId>> = Vec::new();
        for (id, participation) in self.participations_of(other) {
            let mut moved = participation.to_participation();
            moved.entity = keep;
            match self.check_participation(&moved, Some(id))? {
                None => participations.push(Plan::Move(id)),
                Some(existing) => participations.push(Plan::Restate(id, existing)),
            }
        }
        let mut relations: Vec<Plan<RelationId>> = Vec::new();
        for (id, relation) in self.relations_of(other) {
            let (from, to) = (swap_node(relation.from()), swap_node(relation.to()));
            if from == to {
                return Err(refuse(
                    self,
                    format!(
                        "{id} says {} {} {}: they are two on that record's word",
                        self.describe(relation.from()),
                        relation.kind(),
                        self.describe(relation.to())
                    ),
                ));
            }
            let mut moved = relation.to_relation();
            (moved.from, moved.to) = (from, to);
            match self.check_relation(&moved, Some(id))? {
                None => relations.push(Plan::Move(id)),
                Some(existing) => relations.push(Plan::Restate(id, existing)),
            }
        }
        let located: Vec<EventId> = self
            .events()
            .filter(|(_, e)| {
                e.location() == Some(other)
                    || e.values()
                        .of(EventField::Location)
                        .any(|v| v.value == FieldValue::Location(other))
            })
            .map(|(id, _)| id)
            .collect();
        if !located.is_empty() && !kept.kind.is_location() {
            return Err(refuse(
                self,
                format!(
                    "{} is located in it, and a {} cannot be a location",
                    self.describe(located[0].into()),
                    kept.kind
                ),
            ));
        }
        let mut merged = kept.clone();
        let known: Vec<String> = merged.names().map(crate::normalize_name).collect();
        for name in joined.names() {
            let folded = crate::normalize_name(name);
            if !known.contains(&folded) && !merged.aliases.iter().any(|a| a == name) {
                merged.aliases.push(name.to_owned());
            }
        }
        if merged.country.is_none() {
            merged.country = joined.country;
        }
        if merged.coordinates.is_none() {
            merged.coordinates = joined.coordinates;
        }
        let mut record = joined.clone();
        let earlier = std::mem::take(&mut record.joined);
        merged.joined.extend(earlier);
        merged.joined.push(Joined::new(record, sources));
        self.check_entity(&merged, Some(keep))?;

        // The changes, none of which can now be refused.
        let mut join = EntityJoin::default();
        for plan in participations {
            match plan {
                Plan::Move(id) => {
                    self.update_participation(id, |p| p.entity = keep)?;
                    join.moved.push(id.into());
                }
                Plan::Restate(id, existing) => {
                    let stated = self.participation(id).map(|p| p.sources().to_vec());
                    if let Some(stated) = stated {
                        self.restate_sources(RecordId::Participation(existing), &stated)?;
                    }
                    self.remove_participation(id)?;
                    join.restated.push((id.into(), existing.into()));
                }
            }
        }
        for plan in relations {
            match plan {
                Plan::Move(id) => {
                    self.update_relation(id, |r| {
                        (r.from, r.to) = (swap_node(r.from), swap_node(r.to));
                    })?;
                    join.moved.push(id.into());
                }
                Plan::Restate(id, existing) => {
                    let stated = self.relation(id).map(|r| r.sources().to_vec());
                    if let Some(stated) = stated {
                        self.restate_sources(RecordId::Relation(existing), &stated)?;
                    }
                    self.remove_relation(id)?;
                    join.restated.push((id.into(), existing.into()));
                }
            }
        }
        self.update_entity(keep, |entity| *entity = merged)?;
        self.restate_sources(RecordId::Entity(keep), &joined.sources)?;
        join.rewritten = self.cite_instead(other, keep)?;
        for event in located {
            self.update_event(event, |e| {
                if e.location == Some(other) {
                    e.location = Some(keep);
                }
                for stated in e.values.iter_mut() {
                    if stated.value == FieldValue::Location(other) {
                        stated.value = FieldValue::Location(keep);
                    }
                }
            })?;
            if !join.rewritten.contains(&RecordId::Event(event)) {
                join.rewritten.push(RecordId::Event(event));
            }
        }
        let published: Vec<_> = self
            .documents()
            .filter(|(_, d)| d.publisher() == Some(other))
            .map(|(id, _)| id)
            .collect();
        for document in published {
            self.update_document(document, |d| d.publisher = Some(keep))?;
            join.publishers.push(document);
        }
        self.remove_entity(other)?;
        Ok(join)
    }

    /// Every record whose sources name `from` (as the speaker or a relay) made to name `to`
    /// instead; returns those records.
    fn cite_instead(&mut self, from: EntityId, to: EntityId) -> Result<Vec<RecordId>, Error> {
        let names = |s: &Source| s.attributed_to == Some(from) || s.reported_via.contains(&from);
        let swapped = |sources: &Sources| -> Sources {
            let list: Vec<Source> = sources
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    if s.attributed_to == Some(from) {
                        s.attributed_to = Some(to);
                    }
                    for relay in &mut s.reported_via {
                        if *relay == from {
                            *relay = to;
                        }
                    }
                    s
                })
                .collect();
            Sources::from(list)
        };
        let cites = |sources: &[Source]| sources.iter().any(names);
        let mut records: Vec<RecordId> = Vec::new();
        records.extend(
            self.entities()
                .filter(|(_, e)| cites(e.sources()) || e.joined().iter().any(|j| cites(&j.sources)))
                .map(|(id, _)| RecordId::Entity(id)),
        );
        records.extend(
            self.events()
                .filter(|(_, e)| cites(e.sources()) || e.values().iter().any(|v| cites(&v.sources)))
                .map(|(id, _)| RecordId::Event(id)),
        );
        records.extend(
            self.participations()
                .filter(|(_, p)| cites(p.sources()))
                .map(|(id, _)| RecordId::Participation(id)),
        );
        records.extend(
            self.relations()
                .filter(|(_, r)| cites(r.sources()))
                .map(|(id, _)| RecordId::Relation(id)),
        );
        for &record in &records {
            match record {
                RecordId::Entity(id) => self.update_entity(id, |e| {
                    e.sources = swapped(&e.sources);
                    for joined in &mut e.joined {
                        joined.sources = swapped(&joined.sources);
                    }
                })?,
                RecordId::Event(id) => self.update_event(id, |e| {
                    e.sources = swapped(&e.sources);
                    for stated in e.values.iter_mut() {
                        stated.sources = swapped(&stated.sources);
                    }
                })?,
                RecordId::Participation(id) => {
                    self.update_participation(id, |p| p.sources = swapped(&p.sources))?
                }
                RecordId::Relation(id) => {
                    self.update_relation(id, |r| r.sources = swapped(&r.sources))?
                }
            }
        }
        Ok(records)
    }
}
