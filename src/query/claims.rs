//! Claims and attribution: what someone said, who reported a fact and through whom, and every
//! fact one document states.

use crate::EntityRef;
use crate::EventRef;
use crate::ParticipationRef;
use crate::RelationRef;
use std::collections::HashSet;

use crate::model::{
    DocumentId, EntityId, EventId, ParticipationId, RecordId, RelationId, Role, Source,
    quote_occurs,
};
use crate::{Error, ErrorKind};
use crate::{EventGraph, View};

fn of(record: RecordId, sources: &[Source]) -> impl Iterator<Item = Claim<'_>> {
    sources.iter().map(move |source| Claim { record, source })
}

/// Every source of these records, entities first, then events, participations and relations.
fn claims_of<'g>(
    entities: impl Iterator<Item = (EntityId, EntityRef<'g>)>,
    events: impl Iterator<Item = (EventId, EventRef<'g>)>,
    participations: impl Iterator<Item = (ParticipationId, ParticipationRef<'g>)>,
    relations: impl Iterator<Item = (RelationId, RelationRef<'g>)>,
) -> impl Iterator<Item = Claim<'g>> {
    entities
        .flat_map(|(id, e)| of(id.into(), e.sources()))
        .chain(events.flat_map(|(id, e)| of(id.into(), e.sources())))
        .chain(participations.flat_map(|(id, p)| of(id.into(), p.sources())))
        .chain(relations.flat_map(|(id, r)| of(id.into(), r.sources())))
}

/// One source of one record: a fact as some document states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Claim<'g> {
    /// The record the source supports.
    pub record: RecordId,
    /// The source.
    pub source: &'g Source,
}

impl EventGraph {
    /// The sources of a record; an unknown record is an error.
    pub fn sources_of(&self, record: impl Into<RecordId>) -> Result<&[Source], Error> {
        let record = record.into();
        if !self.holds(record) {
            return Err(match record {
                RecordId::Entity(id) => ErrorKind::UnknownEntity(id),
                RecordId::Event(id) => ErrorKind::UnknownEvent(id),
                RecordId::Participation(id) => ErrorKind::UnknownParticipation(id),
                RecordId::Relation(id) => ErrorKind::UnknownRelation(id),
            }
            .into());
        }
        Ok(self.sources_or_none(record))
    }

    /// The sources of a record the graph holds; none for one it does not.
    pub(crate) fn sources_or_none(&self, record: impl Into<RecordId>) -> &[Source] {
        match record.into() {
            RecordId::Entity(id) => self.entity(id).map(|e| e.sources()),
            RecordId::Event(id) => self.event(id).map(|e| e.sources()),
            RecordId::Participation(id) => self.participation(id).map(|p| p.sources()),
            RecordId::Relation(id) => self.relation(id).map(|r| r.sources()),
        }
        .unwrap_or(&[])
    }

    /// Every source of every record, records in the order entities, events, participations,
    /// relations, each in insertion order. O(size of the graph).
    pub fn claims(&self) -> impl Iterator<Item = Claim<'_>> {
        claims_of(
            self.entities(),
            self.events(),
            self.participations(),
            self.relations(),
        )
    }

    /// What `speaker` said: every source attributed to them, and the sources of the statements
    /// they are the speaker of. Scans every source: O(size of the graph).
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let doc = graph.add_document(Document::new("unn"))?;
    /// let kirby = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby"))?;
    /// let statement = graph.add_event(
    ///     Event::new(EventKind::Statement)
    ///         .source(Source::new(doc).quote("it will continue to be the case").attributed_to(kirby)),
    /// )?;
    /// let said: Vec<_> = graph.said_by(kirby)?.map(|c| c.source.quote.as_deref()).collect();
    /// assert_eq!(said, [Some("it will continue to be the case")]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn said_by(&self, speaker: EntityId) -> Result<impl Iterator<Item = Claim<'_>>, Error> {
        self.check_node(speaker.into())?;
        let spoken = self.spoken_by(speaker);
        Ok(self
            .claims()
            .filter(move |claim| says(claim, speaker, &spoken)))
    }

    /// The statements `speaker` is the (affirmed) speaker of.
    fn spoken_by(&self, speaker: EntityId) -> HashSet<EventId> {
        self.participations_as(speaker, Role::Speaker)
            .filter(|(_, p)| !p.polarity().is_negated())
            .map(|(_, p)| p.event())
            .collect()
    }

    /// Every fact `document` states, with the source that cites it. O(size of the graph). An
    /// unknown document is an error.
    pub fn stated_in(
        &self,
        document: DocumentId,
    ) -> Result<impl Iterator<Item = Claim<'_>>, Error> {
        if self.document(document).is_none() {
            return Err(ErrorKind::UnknownDocument(document).into());
        }
        Ok(self
            .claims()
            .filter(move |claim| claim.source.document == document))
    }

    /// The sources whose quote does not occur, white space folded, in the text of the document
    /// they cite: a quote that cannot be grounded. Documents without text are not checked.
    /// O(size of the graph × document length).
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let doc = graph.add_document(Document::new("d").text("Several partners have\nalready agreed."))?;
    /// graph.add_event(Event::new(EventKind::Agree).source(Source::new(doc).quote("Several partners have already agreed")))?;
    /// graph.add_event(Event::new(EventKind::Reject).source(Source::new(doc).quote("Nobody agreed")))?;
    /// let ungrounded: Vec<_> = graph.ungrounded_quotes().map(|c| c.source.quote.clone().unwrap()).collect();
    /// assert_eq!(ungrounded, ["Nobody agreed"]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn ungrounded_quotes(&self) -> impl Iterator<Item = Claim<'_>> {
        self.claims().filter(move |claim| {
            let text = self.document(claim.source.document).and_then(|d| d.text());
            match (&claim.source.quote, text) {
                (Some(quote), Some(text)) => !quote_occurs(quote, text),
                _ => false,
            }
        })
    }

    /// Who reported a record, one reporting chain per source: speaker, outlets, publisher
    /// (see [`EventGraph::reporting_chain`]). An unknown record is an error.
    pub fn reported_by(
        &self,
        record: impl Into<RecordId>,
    ) -> Result<impl Iterator<Item = Vec<EntityId>> + '_, Error> {
        Ok(self
            .sources_of(record)?
            .iter()
            .map(|source| self.reporting_chain(source).collect()))
    }
}

impl<'g> View<'g> {
    /// Every source of every record in the view, in the order of [`EventGraph::claims`].
    /// Costs the view's records.
    pub fn claims(&self) -> impl Iterator<Item = Claim<'g>> + '_ {
        claims_of(
            self.entities(),
            self.events(),
            self.participations(),
            self.relations(),
        )
    }

    /// What `speaker` said about the view's records ([`EventGraph::said_by`]): "what did the
    /// spokesman say that week". The speaker need not be in the view, since who speaks of a
    /// part is often not in it; an entity the graph does not hold is an error.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let doc = graph.add_document(Document::new("unn"))?;
    /// let kirby = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby"))?;
    /// let [may, june] = ["2024-05-30", "2024-06-07"].map(|day| {
    ///     let said = Source::new(doc).quote(format!("said on {day}")).attributed_to(kirby);
    ///     graph.add_event(Event::new(EventKind::Statement).date(day.parse().unwrap()).source(said)).unwrap()
    /// });
    /// let june_view = graph.window(
    ///     NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    ///     NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
    ///     query::DateMatch::Within,
    /// );
    /// let said: Vec<_> = june_view.said_by(kirby)?.map(|c| c.source.quote.as_deref()).collect();
    /// assert_eq!(said, [Some("said on 2024-06-07")]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn said_by(
        &self,
        speaker: EntityId,
    ) -> Result<impl Iterator<Item = Claim<'g>> + '_, Error> {
        self.graph().check_node(speaker.into())?;
        let spoken = self.graph().spoken_by(speaker);
        Ok(self
            .claims()
            .filter(move |claim| says(claim, speaker, &spoken)))
    }

    /// Every fact of the view `document` states ([`EventGraph::stated_in`]). A document the
    /// graph does not hold is an error.
    pub fn stated_in(
        &self,
        document: DocumentId,
    ) -> Result<impl Iterator<Item = Claim<'g>> + '_, Error> {
        if self.graph().document(document).is_none() {
            return Err(ErrorKind::UnknownDocument(document).into());
        }
        Ok(self
            .claims()
            .filter(move |claim| claim.source.document == document))
    }
}

/// Whether a claim is `speaker`'s: attributed to them, or a source of a statement they spoke.
fn says(claim: &Claim<'_>, speaker: EntityId, spoken: &HashSet<EventId>) -> bool {
    claim.source.attributed_to == Some(speaker)
        || matches!(claim.record, RecordId::Event(id) if spoken.contains(&id))
}
