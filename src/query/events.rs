//! Event search: one builder for every filter analysts combine, and the timeline.

use crate::EventRef;
use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::{
    DocumentId, EntityId, EventId, EventKind, EventStatus, FuzzyDate, Polarity, QuadClass, Role,
    Source,
};
use crate::{EventGraph, View};

/// How a fuzzy date meets a date range.
///
/// "Late May 2024" is 21 to 31 May. Against the range 25 May to 10 June it *overlaps* (it may
/// have been on one of those days) but is not *within* it (it may have been on 22 May). Overlap
/// finds everything that could be in the range; containment only what must be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateMatch {
    /// The date can mean a day in the range.
    #[default]
    Overlaps,
    /// Every day the date can mean is in the range.
    Within,
}

impl DateMatch {
    /// Whether `date` meets the range from `start` to `end`, both included.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// use eventkg::query::DateMatch;
    /// use eventkg::NaiveDate;
    /// let late_may: FuzzyDate = "2024-05-late".parse()?;
    /// let (start, end) = (NaiveDate::from_ymd_opt(2024, 5, 25).unwrap(), NaiveDate::from_ymd_opt(2024, 6, 10).unwrap());
    /// assert!(DateMatch::Overlaps.matches(&late_may, start, end));
    /// assert!(!DateMatch::Within.matches(&late_may, start, end));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn matches(self, date: &FuzzyDate, start: NaiveDate, end: NaiveDate) -> bool {
        self.holds(date.bounds(), start, end)
    }

    /// Whether a date of these earliest and latest days matches: for a stored date, read
    /// without unpacking it.
    pub(crate) fn holds(
        self,
        (earliest, latest): (NaiveDate, NaiveDate),
        start: NaiveDate,
        end: NaiveDate,
    ) -> bool {
        match self {
            DateMatch::Overlaps => earliest <= end && start <= latest,
            DateMatch::Within => start <= earliest && latest <= end,
        }
    }
}

/// A search over events, built by chaining filters; every filter narrows the result.
///
/// Made by [`EventGraph::search_events`]. With a participant, the search starts from that
/// entity's facts (through the index by kind when a role is given) and costs what they cost;
/// without one it scans every event.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let us = graph.add_entity(Entity::new(EntityKind::State, "United States"))?;
/// let no = graph.add_event(Event::new(EventKind::Reject).date("2024-06-07".parse()?))?;
/// let visit = graph.add_event(Event::new(EventKind::Visit).date("2024-06".parse()?))?;
/// graph.add_participation(Participation::new(us, Role::Initiator, no))?;
/// graph.add_participation(Participation::new(us, Role::Initiator, visit))?;
///
/// let conflicts: Vec<EventId> = graph
///     .search_events()
///     .participant(us)
///     .role(Role::Initiator)
///     .conflict(true)
///     .ids()
///     .collect();
/// assert_eq!(conflicts, [no]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct EventSearch<'g> {
    view: View<'g>,
    kinds: Vec<EventKind>,
    classes: Vec<QuadClass>,
    conflict: Option<bool>,
    material: Option<bool>,
    statuses: Vec<EventStatus>,
    participant: Option<EntityId>,
    through_groups: bool,
    role: Option<Role>,
    polarity: Option<Polarity>,
    document: Option<DocumentId>,
    publisher: Option<EntityId>,
    range: Option<(NaiveDate, NaiveDate, DateMatch)>,
}

impl EventGraph {
    /// A search over this graph's events; see [`EventSearch`].
    pub fn search_events(&self) -> EventSearch<'_> {
        self.view().search_events()
    }

    /// Every event in date order: by earliest possible day, the more precise first on a tie
    /// ([`FuzzyDate`]'s order), then by id; undated events last, in insertion order.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let june = graph.add_event(Event::new(EventKind::Statement).date("2024-06-07".parse()?))?;
    /// let may = graph.add_event(Event::new(EventKind::Meeting).date("2024-05-late".parse()?))?;
    /// let undated = graph.add_event(Event::new(EventKind::Agree))?;
    /// let order: Vec<EventId> = graph.timeline().map(|(id, _)| id).collect();
    /// assert_eq!(order, [may, june, undated]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn timeline(&self) -> impl Iterator<Item = (EventId, EventRef<'_>)> {
        self.view().timeline()
    }
}

impl<'g> View<'g> {
    /// A search over the view's events: [`EventGraph::search_events`] on a part, counting
    /// only the participations, groups and sources of records in the view.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [france, us] = ["France", "United States"]
    ///     .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// let letter = graph.add_event(Event::new(EventKind::Invitation).date("2024-05-28".parse()?))?;
    /// let no = graph.add_event(Event::new(EventKind::Reject).date("2024-06-09".parse()?))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Initiator, no))?;
    ///
    /// let june = graph.window(
    ///     NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    ///     NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
    ///     query::DateMatch::Overlaps,
    /// );
    /// let us_in_june: Vec<EventId> = june.search_events().participant(us).ids().collect();
    /// assert_eq!(us_in_june, [no]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn search_events(&self) -> EventSearch<'g> {
        EventSearch {
            view: self.clone(),
            kinds: Vec::new(),
            classes: Vec::new(),
            conflict: None,
            material: None,
            statuses: Vec::new(),
            participant: None,
            through_groups: false,
            role: None,
            polarity: None,
            document: None,
            publisher: None,
            range: None,
        }
    }

    /// The view's events in date order, as [`EventGraph::timeline`] orders them.
    pub fn timeline(&self) -> impl Iterator<Item = (EventId, EventRef<'g>)> + use<'g> {
        timeline_of(self.events().collect())
    }
}

fn timeline_of(
    events: Vec<(EventId, EventRef<'_>)>,
) -> impl Iterator<Item = (EventId, EventRef<'_>)> {
    // Each date read once, not once a comparison.
    let mut dated: Vec<_> = events
        .into_iter()
        .map(|(id, e)| (e.date(), id, e))
        .collect();
    dated.sort_by(|(a, a_id, _), (b, b_id, _)| match (a, b) {
        (Some(x), Some(y)) => x.cmp(y).then(a_id.cmp(b_id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a_id.cmp(b_id),
    });
    dated.into_iter().map(|(_, id, e)| (id, e))
}

impl<'g> EventSearch<'g> {
    /// Only events of this kind; several calls allow any of the kinds.
    pub fn kind(mut self, kind: EventKind) -> Self {
        self.kinds.push(kind);
        self
    }

    /// Only events of this GDELT quad class; several calls allow any of the classes.
    pub fn quad_class(mut self, class: QuadClass) -> Self {
        self.classes.push(class);
        self
    }

    /// Only conflictual events (`true`) or only cooperative ones (`false`); events whose kind
    /// has no class match neither.
    pub fn conflict(mut self, conflict: bool) -> Self {
        self.conflict = Some(conflict);
        self
    }

    /// Only material events (`true`) or only verbal ones (`false`).
    pub fn material(mut self, material: bool) -> Self {
        self.material = Some(material);
        self
    }

    /// Only events with this status; several calls allow any of them.
    pub fn status(mut self, status: EventStatus) -> Self {
        self.statuses.push(status);
        self
    }

    /// Only events this entity takes part in (affirmed, unless [`polarity`](Self::polarity)
    /// says otherwise), in the [`role`](Self::role) if one is given.
    pub fn participant(mut self, entity: EntityId) -> Self {
        self.participant = Some(entity);
        self
    }

    /// With [`participant`](Self::participant), also the events a
    /// [`Group`](crate::EntityKind::Group) the participant is a member of
    /// ([`EventGraph::groups_of`]) takes part in, by the same role and polarity: "the three
    /// Baltic States were invited" is an invitation of Estonia's. An event that names the
    /// member and the group is listed once.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let baltic = graph.add_entity(Entity::new(EntityKind::Group, "Baltic States"))?;
    /// let estonia = graph.add_entity(Entity::new(EntityKind::State, "Estonia"))?;
    /// graph.add_relation(Relation::new(estonia, RelationKind::MemberOf, baltic))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(baltic, Role::Target, letter))?;
    ///
    /// assert_eq!(graph.search_events().participant(estonia).ids().count(), 0);
    /// let through: Vec<EventId> =
    ///     graph.search_events().participant(estonia).through_groups().role(Role::Target).ids().collect();
    /// assert_eq!(through, [letter]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn through_groups(mut self) -> Self {
        self.through_groups = true;
        self
    }

    /// Only events with a participation in this role (the participant's, if one is given).
    pub fn role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }

    /// Only events with a participation of this polarity (the participant's, if one is
    /// given): `Negated` with a target role finds the events someone was *not* invited to.
    pub fn polarity(mut self, polarity: Polarity) -> Self {
        self.polarity = Some(polarity);
        self
    }

    /// Only events told by this document, in their own sources or their participations'.
    pub fn source(mut self, document: DocumentId) -> Self {
        self.document = Some(document);
        self
    }

    /// Only events told by a document this outlet published.
    pub fn publisher(mut self, outlet: EntityId) -> Self {
        self.publisher = Some(outlet);
        self
    }

    /// Only events dated in the range from `start` to `end`, both included, by `matching`;
    /// undated events never match a range.
    pub fn between(mut self, start: NaiveDate, end: NaiveDate, matching: DateMatch) -> Self {
        self.range = Some((start, end, matching));
        self
    }

    /// Only events dated in the days `date` can mean, by `matching`.
    pub fn during(self, date: &FuzzyDate, matching: DateMatch) -> Self {
        let (start, end) = date.bounds();
        self.between(start, end, matching)
    }

    fn participation_fits(&self, role: &Role, polarity: Polarity) -> bool {
        self.role.as_ref().is_none_or(|r| r == role)
            && polarity == self.polarity.unwrap_or(Polarity::Affirmed)
    }

    fn cites(&self, sources: &[Source]) -> bool {
        sources.iter().any(|source| {
            self.document.is_none_or(|d| d == source.document)
                && self.publisher.is_none_or(|p| {
                    self.view
                        .graph()
                        .document(source.document)
                        .and_then(|d| d.publisher())
                        == Some(p)
                })
        })
    }

    fn fits(&self, id: EventId, event: EventRef<'_>) -> bool {
        let by_class =
            !self.classes.is_empty() || self.conflict.is_some() || self.material.is_some();
        let class = if by_class { event.quad_class() } else { None };
        let by_kind = (self.kinds.is_empty() || self.kinds.contains(event.kind()))
            && (self.classes.is_empty() || class.is_some_and(|c| self.classes.contains(&c)))
            && self
                .conflict
                .is_none_or(|want| class.is_some_and(|c| c.is_conflict() == want))
            && self
                .material
                .is_none_or(|want| class.is_some_and(|c| c.is_material() == want))
            && (self.statuses.is_empty() || self.statuses.contains(&event.status()));
        if !by_kind {
            return false;
        }
        if let Some((start, end, matching)) = self.range
            && !event
                .date()
                .is_some_and(|date| matching.holds(date.bounds(), start, end))
        {
            return false;
        }
        if self.participant.is_none() && (self.role.is_some() || self.polarity.is_some()) {
            let any = self
                .view
                .participations_in(id)
                .any(|(_, p)| self.participation_fits(p.role(), p.polarity()));
            if !any {
                return false;
            }
        }
        if self.document.is_some() || self.publisher.is_some() {
            let told = self.cites(event.sources())
                || self
                    .view
                    .participations_in(id)
                    .any(|(_, p)| self.cites(p.sources()));
            if !told {
                return false;
            }
        }
        true
    }

    /// The matching events, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (EventId, EventRef<'g>)> + '_ {
        let (graph, view) = (self.view.graph(), &self.view);
        let candidates: Box<dyn Iterator<Item = EventId> + '_> = match self.participant {
            Some(entity) => {
                let mut actors = vec![entity];
                if self.through_groups {
                    actors.extend(
                        graph
                            .groups_of(entity)
                            .into_iter()
                            .flatten()
                            .map(|(group, _)| group),
                    );
                }
                // A part answers for its own records: an actor outside it takes part in
                // none of its events, and a group outside it passes nothing on.
                if !view.holds(entity.into()) {
                    actors.clear();
                }
                actors.retain(|&actor| view.holds(actor.into()));
                let mut ids: BTreeSet<EventId> = BTreeSet::new();
                for actor in actors {
                    match &self.role {
                        Some(role) => ids.extend(
                            graph
                                .participations_as(actor, role.clone())
                                .filter(|(_, p)| {
                                    view.holds(p.event().into())
                                        && self.participation_fits(p.role(), p.polarity())
                                })
                                .map(|(_, p)| p.event()),
                        ),
                        None => ids.extend(
                            graph
                                .participations_of(actor)
                                .filter(|(_, p)| {
                                    view.holds(p.event().into())
                                        && self.participation_fits(p.role(), p.polarity())
                                })
                                .map(|(_, p)| p.event()),
                        ),
                    }
                }
                Box::new(ids.into_iter())
            }
            None => Box::new(view.events().map(|(id, _)| id)),
        };
        candidates
            .filter_map(move |id| Some((id, graph.event(id)?)))
            .filter(move |(id, event)| self.fits(*id, *event))
    }

    /// The ids of the matching events, in insertion order.
    pub fn ids(&self) -> impl Iterator<Item = EventId> + '_ {
        self.iter().map(|(id, _)| id)
    }

    /// The matching events in date order, as [`EventGraph::timeline`] orders them.
    pub fn timeline(&self) -> impl Iterator<Item = (EventId, EventRef<'g>)> {
        timeline_of(self.iter().collect())
    }
}
