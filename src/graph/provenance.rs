//! Provenance: the sources of a record, checked and appended in place.

use super::*;

impl EventGraph {
    /// Adds to a record the sources of `incoming` it lacks: what a restatement adds to an
    /// entity or a fact. It checks only the new sources and appends them in place, so that a
    /// record cited by one document after another (an actor in every article of a corpus)
    /// costs each document what it adds rather than the whole list again.
    pub(crate) fn restate_sources(
        &mut self,
        record: RecordId,
        incoming: &[Source],
    ) -> Result<(), Error> {
        if incoming.is_empty() {
            return Ok(());
        }
        self.check_sources(incoming)?;
        if !self.holds(record) {
            return Err(unknown(record));
        }
        let since = self
            .journal()
            .map_or(0, |journal| journal.sources_before(self, record));
        let missing = self.missing_sources(self.sources_or_none(record), since, incoming);
        self.append_sources(record, missing)
    }

    /// Appends `sources`, which the caller knows `record` does not hold, to its list: what
    /// [`restate_sources`](Self::restate_sources) does without looking for them first. For a
    /// caller that keeps count of what it cited since the journal opened (the GDELT import's
    /// mentions): the look scans what the record gained since, and a story told by thousands
    /// of articles of one file made that the square of its articles.
    pub(crate) fn append_new_sources(
        &mut self,
        record: RecordId,
        sources: &[Source],
    ) -> Result<(), Error> {
        self.check_sources(sources)?;
        if !self.holds(record) {
            return Err(unknown(record));
        }
        self.append_sources(record, sources.iter().collect())
    }

    fn append_sources(
        &mut self,
        record: RecordId,
        missing: SmallVec<[&Source; 2]>,
    ) -> Result<(), Error> {
        if missing.is_empty() {
            return Ok(());
        }
        self.note_sources(record);
        let Some(&mut held) = self.sources_mut(record) else {
            return Ok(());
        };
        // The record's own list, when no other holds it, is handed back and grows in place.
        let mut sources = self.source_lists.take(held);
        sources.extend(missing.into_iter().cloned());
        let grown = match self.source_lists.hold_vec(sources) {
            Ok(grown) => grown,
            Err(full) => {
                // The table is full, so no slot was freed: the record's list is still held by
                // others, and the record holds it again, unchanged.
                self.source_lists.hold_again(held);
                return Err(full);
            }
        };
        if let Some(held) = self.sources_mut(record) {
            *held = grown;
        }
        Ok(())
    }

    /// The sources of `incoming` that `held` lacks, each once, in order. Under a journal, a
    /// source citing a document added since it opened can only be among the sources appended
    /// since, `held[since..]`: for the new article of a corpus, a scan of a few sources rather
    /// than of every article that cited the record before.
    pub(super) fn missing_sources<'s>(
        &self,
        held: &[Source],
        since: usize,
        incoming: &'s [Source],
    ) -> SmallVec<[&'s Source; 2]> {
        let journal = self.journal();
        let mut missing: SmallVec<[&Source; 2]> = SmallVec::new();
        for source in incoming {
            let new_document = journal.is_some_and(|j| !j.document_existed(source.document));
            let scanned = if new_document {
                held.get(since..).unwrap_or_default()
            } else {
                held
            };
            if !scanned.contains(source) && !missing.contains(&source) {
                missing.push(source);
            }
        }
        missing
    }

    /// Whether the graph holds `record`.
    pub(crate) fn holds(&self, record: RecordId) -> bool {
        match record {
            RecordId::Entity(id) => self.entity(id).is_some(),
            RecordId::Event(id) => self.event(id).is_some(),
            RecordId::Participation(id) => self.participation(id).is_some(),
            RecordId::Relation(id) => self.relation(id).is_some(),
        }
    }

    /// A record's source list, to change in place.
    pub(super) fn sources_mut(&mut self, record: RecordId) -> Option<&mut Option<ListId>> {
        Some(match record {
            RecordId::Entity(id) => &mut self.entities.get_mut(id)?.value.sources,
            RecordId::Event(id) => &mut self.events.get_mut(id)?.value.sources,
            RecordId::Participation(id) => &mut self.participations.get_mut(id)?.value.sources,
            RecordId::Relation(id) => &mut self.relations.get_mut(id)?.value.sources,
        })
    }

    pub(super) fn check_sources(&self, sources: &[Source]) -> Result<(), Error> {
        for source in sources {
            if !self.documents.contains(source.document) {
                return Err(ErrorKind::UnknownDocument(source.document).into());
            }
            if let Some(quote) = &source.quote {
                check_text("quote", quote)?;
            }
            for &entity in source.attributed_to.iter().chain(&source.reported_via) {
                if !self.entities.contains(entity) {
                    return Err(ErrorKind::UnknownEntity(entity).into());
                }
            }
        }
        Ok(())
    }

    /// Who a source's fact passed through, from its origin to the outlet that published the
    /// document: the speaker it is attributed to, the outlets it was reported via, then the
    /// document's publisher.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let unn = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "UNN"))?;
    /// let welt = graph.add_entity(Entity::new(EntityKind::MediaOutlet, "Welt"))?;
    /// let article = graph.add_document(Document::new("unn-article").publisher(unn))?;
    /// let chain: Vec<_> = graph.reporting_chain(&Source::new(article).via(welt)).collect();
    /// assert_eq!(chain, [welt, unn]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn reporting_chain<'a>(
        &'a self,
        source: &'a Source,
    ) -> impl Iterator<Item = EntityId> + 'a {
        let publisher = self.document(source.document).and_then(|d| d.publisher());
        source
            .attributed_to
            .into_iter()
            .chain(source.reported_via.iter().copied())
            .chain(publisher)
    }

    /// Reads a date phrase as [`FuzzyDate::resolve`] does, anchored at the publication day of
    /// `document`, which must have one.
    pub fn resolve_date(&self, document: DocumentId, phrase: &str) -> Result<FuzzyDate, Error> {
        let doc = self
            .document(document)
            .ok_or(ErrorKind::UnknownDocument(document))?;
        let anchor: NaiveDate = doc.published().ok_or_else(|| ErrorKind::InvalidValue {
            what: "document",
            value: doc.key().to_owned(),
            reason: format!("has no publication day to resolve `{phrase}` against"),
        })?;
        FuzzyDate::resolve(phrase, anchor)
    }
}

/// The error for a record the graph does not hold.
fn unknown(record: RecordId) -> Error {
    match record {
        RecordId::Entity(id) => ErrorKind::UnknownEntity(id).into(),
        RecordId::Event(id) => ErrorKind::UnknownEvent(id).into(),
        RecordId::Participation(id) => ErrorKind::UnknownParticipation(id).into(),
        RecordId::Relation(id) => ErrorKind::UnknownRelation(id).into(),
    }
}
