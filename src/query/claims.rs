//! Claims and attribution: what someone said, who reported a fact and through whom, and every
//! fact one document states.

use crate::EventGraph;
use crate::model::{DocumentId, EntityId, EventId, RecordId, Role, Source, quote_occurs};
use crate::{Error, ErrorKind};

fn of(record: RecordId, sources: &[Source]) -> impl Iterator<Item = Claim<'_>> {
    sources.iter().map(move |source| Claim { record, source })
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
            RecordId::Entity(id) => self.entity(id).map(|e| e.sources.as_slice()),
            RecordId::Event(id) => self.event(id).map(|e| e.sources.as_slice()),
            RecordId::Participation(id) => self.participation(id).map(|p| p.sources.as_slice()),
            RecordId::Relation(id) => self.relation(id).map(|r| r.sources.as_slice()),
        }
        .unwrap_or(&[])
    }

    /// Every source of every record, records in the order entities, events, participations,
    /// relations, each in insertion order. O(size of the graph).
    pub fn claims(&self) -> impl Iterator<Item = Claim<'_>> {
        self.entities()
            .flat_map(move |(id, e)| of(id.into(), &e.sources))
            .chain(
                self.events()
                    .flat_map(move |(id, e)| of(id.into(), &e.sources)),
            )
            .chain(
                self.participations()
                    .flat_map(move |(id, p)| of(id.into(), &p.sources)),
            )
            .chain(
                self.relations()
                    .flat_map(move |(id, r)| of(id.into(), &r.sources)),
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
        let spoken: std::collections::HashSet<EventId> = self
            .participations_as(speaker, Role::Speaker)
            .filter(|(_, p)| !p.polarity.is_negated())
            .map(|(_, p)| p.event)
            .collect();
        Ok(self.claims().filter(move |claim| {
            claim.source.attributed_to == Some(speaker)
                || matches!(claim.record, RecordId::Event(id) if spoken.contains(&id))
        }))
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
            let text = self
                .document(claim.source.document)
                .and_then(|d| d.text.as_deref());
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
