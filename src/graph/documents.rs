//! Documents: the reports facts cite, by key.

use super::*;

impl EventGraph {
    /// Adds a document; its key must be new, and its publisher an existing actor.
    ///
    /// ```
    /// use eventkg::{Document, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let id = graph.add_document(Document::new("unn-2024-06-09"))?;
    /// assert_eq!(graph.document_by_key("unn-2024-06-09")?, id);
    /// let again = graph.add_document(Document::new("unn-2024-06-09")).unwrap_err();
    /// assert!(matches!(again.kind(), ErrorKind::DuplicateDocument { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_document(&mut self, document: Document) -> Result<DocumentId, Error> {
        self.check_document(&document, None)?;
        let id = self.documents.next_id("documents")?;
        let record = self.pack_document(document, None)?;
        self.documents.push(Placed { value: record });
        self.index_document_key(id);
        Ok(id)
    }

    /// The document keyed `key`, or else a new one of nothing but that key, the day it was
    /// `published`, its `publisher` and, when `url_is_key`, its key as its URL: `true` with a
    /// new one. What [`document_with_key`](Self::document_with_key) and then
    /// [`add_document`](Self::add_document) do, with the same checks, for a reader of coded
    /// data that names a document on every row: the key is hashed and looked up once, not
    /// three times, and no [`Document`] is made to be taken apart again.
    pub(crate) fn keyed_document(
        &mut self,
        key: &str,
        url_is_key: bool,
        published: Option<chrono::NaiveDate>,
        publisher: Option<EntityId>,
    ) -> Result<(DocumentId, bool), Error> {
        let keys = document_key_in(&self.documents, &self.strings);
        let hash = match self.document_keys.find_or_hash(key, keys) {
            Ok(id) => return Ok((id, false)),
            Err(hash) => hash,
        };
        check_name("document key", key)?;
        if url_is_key {
            check_length("document url", key, MAX_TEXT_BYTES)?;
        }
        self.check_publisher(publisher)?;
        let id = self.documents.next_id("documents")?;
        let text = self.strings.push(key)?;
        let record = DocumentRecord::keyed(text, url_is_key, published, publisher);
        self.documents.push(Placed { value: record });
        self.document_keys.insert_hashed(hash, id);
        Ok((id, true))
    }

    /// Packs a document for its table, taking again the unchanged key and text of `held`.
    pub(super) fn pack_document(
        &mut self,
        document: Document,
        held: Option<HeldTexts>,
    ) -> Result<DocumentRecord, Error> {
        DocumentRecord::pack(document, &mut self.strings, held)
    }

    /// Indexes the key of document `id`, which the table holds.
    pub(super) fn index_document_key(&mut self, id: DocumentId) {
        let (documents, strings) = (&self.documents, &self.strings);
        if let Some(slot) = documents.get(id) {
            let key = slot.value.key(strings);
            self.document_keys.insert(key, id);
        }
    }

    pub(super) fn check_document(
        &self,
        document: &Document,
        this: Option<DocumentId>,
    ) -> Result<(), Error> {
        check_document_fields(document)?;
        if let Some(existing) = self.document_with_key(&document.key)
            && Some(existing) != this
        {
            return Err(ErrorKind::DuplicateDocument {
                key: document.key.clone(),
                existing,
            }
            .into());
        }
        self.check_publisher(document.publisher)
    }

    /// Checks that a document's publisher, if any, is an existing actor.
    pub(super) fn check_publisher(&self, publisher: Option<EntityId>) -> Result<(), Error> {
        if let Some(publisher) = publisher {
            let outlet = self.entity_checked(publisher)?;
            if !outlet.kind().is_actor() {
                return Err(ErrorKind::InvalidValue {
                    what: "publisher",
                    value: self.describe(publisher.into()),
                    reason: "a publisher must be an actor, not a place".into(),
                }
                .into());
            }
        }
        Ok(())
    }

    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<DocumentRef<'_>> {
        self.documents
            .get(id)
            .map(|p| DocumentRef::new(self, &p.value))
    }

    /// Every document, in insertion order.
    pub fn documents(&self) -> impl DoubleEndedIterator<Item = (DocumentId, DocumentRef<'_>)> {
        self.documents
            .iter()
            .map(|(id, p)| (id, DocumentRef::new(self, &p.value)))
    }

    /// The document with this key, if any, without building a suggestion on a miss.
    pub(crate) fn document_with_key(&self, key: &str) -> Option<DocumentId> {
        self.document_keys
            .get(key, document_key_in(&self.documents, &self.strings))
    }

    /// The document with this key; an unknown key is an error that suggests the closest one.
    pub fn document_by_key(&self, key: &str) -> Result<DocumentId, Error> {
        self.document_with_key(key).ok_or_else(|| {
            ErrorKind::UnknownDocumentKey {
                key: key.to_owned(),
                suggestion: crate::model::vocabulary::nearest_term(
                    key,
                    self.documents().map(|(_, d)| d.key()),
                )
                .map(str::to_owned),
            }
            .into()
        })
    }

    /// Folds `document`, the one held as `existing` told again, into it: it takes what it
    /// lacks, and keeps what it holds. A value it holds otherwise than `document` gives (another
    /// title, another publication day) is noted for the merge report.
    pub(crate) fn restate_document(
        &mut self,
        existing: DocumentId,
        document: Document,
    ) -> Result<(), Error> {
        let held = self
            .document(existing)
            .ok_or(ErrorKind::UnknownDocument(existing))?;
        let text = |text: &str| text.to_owned();
        let name = |id: EntityId| {
            self.entity(id)
                .map_or_else(|| id.to_string(), |e| e.name().to_owned())
        };
        let mut differing = Differing::default();
        differing.field(
            KeptField::Title,
            held.title(),
            document.title.as_deref(),
            text,
        );
        differing.field(
            KeptField::Publisher,
            held.publisher(),
            document.publisher,
            name,
        );
        differing.field(
            KeptField::Published,
            held.published(),
            document.published,
            |d| d.to_string(),
        );
        differing.field(KeptField::Url, held.url(), document.url.as_deref(), text);
        let language = document.language.as_deref();
        differing.field(KeptField::Language, held.language(), language, text);
        differing.field(KeptField::Text, held.text(), document.text.as_deref(), text);
        differing.attributes(held.attributes(), &document.attributes);
        self.update_document(existing, |held| held.fill_from(document))?;
        self.note_kept(existing, differing);
        Ok(())
    }

    /// Changes a document through `change`, then validates the result as
    /// [`add_document`](Self::add_document) would; on error the document is left unchanged.
    pub fn update_document(
        &mut self,
        id: DocumentId,
        change: impl FnOnce(&mut Document),
    ) -> Result<(), Error> {
        let mut document = self
            .document(id)
            .ok_or(ErrorKind::UnknownDocument(id))?
            .to_document();
        change(&mut document);
        self.check_document(&document, Some(id))?;
        let held = self.documents.get(id).map(|slot| slot.value.held_texts());
        let record = self.pack_document(document, held)?;
        self.note(Noted::Document(id))?;
        let slot = self
            .documents
            .get_mut(id)
            .ok_or(ErrorKind::UnknownDocument(id))?;
        let old = std::mem::replace(&mut slot.value, record);
        if old.key != slot.value.key {
            self.document_keys.remove(self.strings.get(old.key), id);
            self.index_document_key(id);
        }
        Ok(())
    }

    /// Removes a document that no source cites any longer, and returns it.
    ///
    /// Finding citing sources scans the graph's distinct source lists, and every record only
    /// when one of them cites it.
    pub fn remove_document(&mut self, id: DocumentId) -> Result<Document, Error> {
        let document = self.document(id).ok_or(ErrorKind::UnknownDocument(id))?;
        if let Some(user) = self.first_source_user(|s| s.document == id) {
            return Err(ErrorKind::InUse {
                record: format!("{id} {:?}", document.key()),
                used_by: user,
            }
            .into());
        }
        self.drop_document(id)
            .ok_or_else(|| ErrorKind::UnknownDocument(id).into())
    }

    /// Removes a document without asking whether a source cites it.
    pub(super) fn drop_document(&mut self, id: DocumentId) -> Option<Document> {
        let document = self.document(id)?.to_document();
        self.documents.remove(id)?;
        self.document_keys.remove(&document.key, id);
        Some(document)
    }
}

/// Reads a document's key from its table, for the key index.
pub(super) fn document_key_in<'t>(
    documents: &'t Table<DocumentId, Placed<DocumentRecord>>,
    strings: &'t Strings,
) -> impl Fn(DocumentId) -> Option<&'t str> {
    move |id| documents.get(id).map(|slot| slot.value.key(strings))
}

/// Reads an event's key from its table, for the key index.
pub(super) fn event_key_in<'t>(
    events: &'t Table<EventId, Placed<EventRecord>>,
    strings: &'t Strings,
) -> impl Fn(EventId) -> Option<&'t str> {
    move |id| events.get(id)?.value.key(strings)
}
