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
        self.cite(record, incoming, false, true)
    }

    /// [`restate_sources`](Self::restate_sources), or, when `new` says `record` holds none of
    /// `sources`, the same without looking for them: for a caller that keeps count of what it
    /// cited since the journal opened (the GDELT import's mentions), where the look scans what
    /// the record gained since, and a story told by thousands of articles of one file made
    /// that the square of its articles. `note` notes the record in the journal first, which a
    /// caller that has noted it already leaves out.
    fn cite(
        &mut self,
        record: RecordId,
        sources: &[Source],
        new: bool,
        note: bool,
    ) -> Result<(), Error> {
        self.check_sources(sources)?;
        if !self.holds(record) {
            return Err(unknown(record));
        }
        let missing = if new {
            sources.iter().collect()
        } else {
            let since = self
                .journal()
                .map_or(0, |journal| journal.sources_before(self, record));
            self.missing_sources(self.sources_or_none(record), since, sources)
        };
        if missing.is_empty() {
            return Ok(());
        }
        if note {
            self.note_sources(record);
        }
        self.append_sources(record, missing)
    }

    /// Cites `sources` for `record`, and for each of `alike`, records whose list is
    /// `record`'s (a GDELT event and the participants its row coded, each mention citing them
    /// all), as [`cite`](Self::cite) does. A record of `alike` that still held `record`'s list
    /// takes the grown one, as one more holder of it, rather than growing a copy that would
    /// come out the same and be looked up to be shared; a long list, which is not shared,
    /// each grows in place.
    ///
    /// `noted` says that an earlier call for the same records under the same journal noted
    /// them, as this one does first otherwise: an event's thousandth mention in a file notes
    /// nothing again.
    pub(crate) fn cite_alike(
        &mut self,
        record: RecordId,
        alike: &[RecordId],
        sources: &[Source],
        new: bool,
        noted: bool,
    ) -> Result<(), Error> {
        if !noted {
            for &each in std::iter::once(&record).chain(alike) {
                if self.holds(each) {
                    self.note_sources(each);
                }
            }
        }
        let before = self.sources_mut(record).map(|held| *held);
        self.cite(record, sources, new, false)?;
        let after = self.sources_mut(record).and_then(|held| *held);
        let shared = self.source_lists.get(after).len() <= SHARED_UP_TO;
        for &other in alike {
            let held = self.sources_mut(other).map(|held| *held);
            if held.is_none() || held != before || !shared {
                self.cite(other, sources, new, false)?;
            } else if Some(after) != before {
                let grown = self.source_lists.hold_again(after);
                if let Some(held) = self.sources_mut(other) {
                    let old = std::mem::replace(held, grown);
                    self.source_lists.release(old);
                }
            }
        }
        Ok(())
    }

    /// Appends `missing` to `record`'s list, noted in the journal already.
    fn append_sources(
        &mut self,
        record: RecordId,
        missing: SmallVec<[&Source; 2]>,
    ) -> Result<(), Error> {
        let Some(&mut held) = self.sources_mut(record) else {
            return Ok(());
        };
        // The record's own list, when no other holds it, is handed back and grows in place.
        let mut sources = self.source_lists.take_to_grow(held, missing.len());
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
