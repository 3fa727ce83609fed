//! Aggregates: who did what to whom and how often, the balance of cooperation and conflict
//! between two actors over time, and the roles people held on a day.

use crate::RelationRef;
use std::collections::{BTreeMap, HashSet};

use indexmap::IndexMap;

use crate::Error;
use crate::model::{
    EntityId, EventId, EventKind, FuzzyDate, Polarity, RelationId, RelationKind, Role,
};
use crate::{EventGraph, View};

/// How often one actor did one kind of thing to another (CAMEO's dyadic counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dyad {
    /// Who did it (an initiator).
    pub initiator: EntityId,
    /// To whom (a target).
    pub target: EntityId,
    /// What.
    pub kind: EventKind,
    /// The events, in insertion order; their number is the count.
    pub events: Vec<EventId>,
}

/// The cooperation and conflict between two actors in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Balance {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// Events of cooperation (GDELT quad classes 1 and 2) they both took part in.
    pub cooperation: usize,
    /// Events of conflict (quad classes 3 and 4) they both took part in.
    pub conflict: usize,
}

impl EventGraph {
    /// Every (initiator, target, kind) with its events, from affirmed participations, in the
    /// order each first occurs. Scans every event.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [us, france] = ["United States", "France"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// for _ in 0..2 {
    ///     let no = graph.add_event(Event::new(EventKind::Reject))?;
    ///     graph.add_participation(Participation::new(us, Role::Initiator, no))?;
    ///     graph.add_participation(Participation::new(france, Role::Target, no))?;
    /// }
    /// let dyads: Vec<_> = graph.dyads().map(|d| (d.initiator, d.target, d.kind, d.events.len())).collect();
    /// assert_eq!(dyads, [(us, france, EventKind::Reject, 2)]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn dyads(&self) -> impl Iterator<Item = Dyad> {
        self.view().dyads()
    }

    /// Month by month, the cooperative and conflictual events `a` and `b` both took part in
    /// (affirmed, any role), dated by their earliest possible day; months with none are left
    /// out, undated events and events whose kind has no class are not counted. The cost is
    /// that of `a`'s participations. An unknown entity is an error.
    pub fn balance(
        &self,
        a: EntityId,
        b: EntityId,
    ) -> Result<impl Iterator<Item = Balance>, Error> {
        self.view().balance(a, b)
    }

    /// The titled roles (`holds_role`) and leaderships (`leads`) that held on some day of
    /// `date`, by their validity; a relation with no validity is taken to hold. Scans every
    /// relation.
    pub fn roles_on<'a>(
        &'a self,
        date: &'a FuzzyDate,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'a>)> + 'a {
        posts_on(self.relations(), date)
    }

    /// The titled roles and leaderships one entity held on some day of `date`; served from
    /// the index by kind.
    pub fn roles_of<'a>(
        &'a self,
        holder: EntityId,
        date: &'a FuzzyDate,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'a>)> + 'a {
        self.relations_of_kind(holder, RelationKind::HoldsRole, true)
            .chain(self.relations_of_kind(holder, RelationKind::Leads, true))
            .filter(move |(_, r)| is_post(*r) && r.holds_on(date))
    }
}

/// The affirmed titles and leaderships among `relations` that held on some day of `date`.
fn posts_on<'g, 'a>(
    relations: impl Iterator<Item = (RelationId, RelationRef<'g>)> + 'a,
    date: &'a FuzzyDate,
) -> impl Iterator<Item = (RelationId, RelationRef<'g>)> + 'a {
    relations.filter(move |(_, r)| is_post(*r) && r.holds_on(date))
}

/// Whether a relation is an affirmed title or leadership, which `roles_on` and `roles_of` read.
fn is_post(relation: RelationRef<'_>) -> bool {
    matches!(
        relation.kind(),
        RelationKind::HoldsRole | RelationKind::Leads
    ) && relation.polarity() == Polarity::Affirmed
}

impl<'g> View<'g> {
    /// The titled roles and leaderships of the view that held on some day of `date`
    /// ([`EventGraph::roles_on`]): who held which post in the week a window shows. Scans the
    /// view's relations.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [kirby, council] = [(EntityKind::Person, "John Kirby"), (EntityKind::GovernmentBody, "National Security Council")]
    ///     .map(|(kind, name)| graph.add_entity(Entity::new(kind, name)).unwrap());
    /// let post = graph.add_relation(Relation::new(kirby, RelationKind::HoldsRole, council).title("spokesman"))?;
    /// let june = FuzzyDate::month(2024, 6)?;
    /// let with_council = graph.select([kirby.into(), council.into()])?;
    /// assert_eq!(with_council.roles_on(&june).map(|(id, _)| id).collect::<Vec<_>>(), [post]);
    /// let kirby_alone = graph.select([kirby.into()])?;
    /// assert_eq!(kirby_alone.roles_on(&june).count(), 0);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn roles_on<'a>(
        &'a self,
        date: &'a FuzzyDate,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'g>)> + 'a {
        posts_on(self.relations(), date)
    }

    /// The titled roles and leaderships `holder` held on some day of `date` whose other end is
    /// in the view ([`EventGraph::roles_of`]). A holder outside the view is an error.
    pub fn roles_of<'a>(
        &'a self,
        holder: EntityId,
        date: &'a FuzzyDate,
    ) -> Result<impl Iterator<Item = (RelationId, RelationRef<'g>)> + 'a, Error> {
        self.check(holder.into())?;
        let graph = self.graph();
        Ok(graph
            .relations_of_kind(holder, RelationKind::HoldsRole, true)
            .chain(graph.relations_of_kind(holder, RelationKind::Leads, true))
            .filter(move |(_, r)| is_post(*r) && r.holds_on(date) && self.contains(r.to())))
    }
}

impl View<'_> {
    /// The view's dyads: [`EventGraph::dyads`] over its events and the participations in it.
    pub fn dyads(&self) -> impl Iterator<Item = Dyad> + use<> {
        let mut dyads: IndexMap<(EntityId, EntityId, EventKind), Vec<EventId>> = IndexMap::new();
        for (event, record) in self.events() {
            let in_role = |role: Role| -> Vec<EntityId> {
                self.participations_in(event)
                    .filter(|(_, p)| p.role() == role && p.polarity() == Polarity::Affirmed)
                    .map(|(_, p)| p.entity())
                    .collect()
            };
            let targets = in_role(Role::Target);
            for initiator in in_role(Role::Initiator) {
                for &target in &targets {
                    if initiator != target {
                        dyads
                            .entry((initiator, target, record.kind().clone()))
                            .or_default()
                            .push(event);
                    }
                }
            }
        }
        dyads
            .into_iter()
            .map(|((initiator, target, kind), events)| Dyad {
                initiator,
                target,
                kind,
                events,
            })
    }

    /// The balance between two actors of the view ([`EventGraph::balance`]) over its events.
    /// An actor outside the view is an error.
    pub fn balance(
        &self,
        a: EntityId,
        b: EntityId,
    ) -> Result<impl Iterator<Item = Balance> + use<>, Error> {
        self.check(a.into())?;
        self.check(b.into())?;
        let with_b: HashSet<EventId> = self
            .participations_of(b)
            .filter(|(_, p)| p.polarity() == Polarity::Affirmed)
            .map(|(_, p)| p.event())
            .collect();
        let shared: std::collections::BTreeSet<EventId> = self
            .participations_of(a)
            .filter(|(_, p)| p.polarity() == Polarity::Affirmed && with_b.contains(&p.event()))
            .map(|(_, p)| p.event())
            .collect();
        let mut months: BTreeMap<(i32, u32), Balance> = BTreeMap::new();
        for event in shared {
            let Some(record) = self.event(event) else {
                continue;
            };
            let (Some(date), Some(class)) = (record.date(), record.quad_class()) else {
                continue;
            };
            use chrono::Datelike;
            let day = date.earliest();
            let entry = months.entry((day.year(), day.month())).or_insert(Balance {
                year: day.year(),
                month: day.month(),
                cooperation: 0,
                conflict: 0,
            });
            if class.is_conflict() {
                entry.conflict += 1;
            } else {
                entry.cooperation += 1;
            }
        }
        Ok(months.into_values())
    }
}
