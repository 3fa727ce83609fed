//! Where facts come from: documents, and the sources that cite them.
//!
//! The model follows PROV-O's reading of news: a [`Document`] is an entity published by an
//! outlet; a [`Source`] says that one fact is stated in that document, optionally with the
//! verbatim sentence (`wasQuotedFrom`), the person or body the document attributes it to
//! ("Kirby said…", `wasAttributedTo`), and the outlets it passed through before reaching the
//! document ("UNN reports what Welt reported", `hadPrimarySource`).

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smallvec::SmallVec;

use super::{Attributes, DocumentId, EntityId};

/// One statement of a fact in a document.
///
/// ```
/// use eventkg::{DocumentId, EntityId, Source};
/// let unn = DocumentId::new(0);
/// let (kirby, welt) = (EntityId::new(3), EntityId::new(9));
/// let source = Source::new(unn)
///     .quote("Washington had made it clear from the very beginning")
///     .attributed_to(kirby)
///     .via(welt);
/// assert_eq!(source.reported_via, [welt]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// The document that states the fact.
    pub document: DocumentId,
    /// The sentence, or part of one, that states it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Who the document says stated it: a speaker, a body, "Brussels diplomats".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<EntityId>,
    /// The outlets the report passed through before the document's publisher, the original
    /// first: for UNN reporting what Welt reported, `[Welt]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported_via: Vec<EntityId>,
}

impl Source {
    /// The fact is stated in `document`, with nothing more said of how.
    pub fn new(document: DocumentId) -> Self {
        Source {
            document,
            quote: None,
            attributed_to: None,
            reported_via: Vec::new(),
        }
    }

    /// Sets the verbatim sentence that states the fact.
    pub fn quote(mut self, quote: impl Into<String>) -> Self {
        self.quote = Some(quote.into());
        self
    }

    /// Sets who the document attributes the fact to.
    pub fn attributed_to(mut self, speaker: EntityId) -> Self {
        self.attributed_to = Some(speaker);
        self
    }

    /// Appends an outlet to the reporting chain, after those already in it.
    pub fn via(mut self, outlet: EntityId) -> Self {
        self.reported_via.push(outlet);
        self
    }
}

/// The sources of one record being built, read as a slice.
///
/// Most facts share their sources with others: an event and its participants are told by one
/// sentence, and a GDELT-style feed cites one article for dozens of events. Records built in
/// code share a list by cloning it, which copies a pointer; [`push`](Self::push) gives one
/// record a list of its own and leaves the others alone. A graph keeps one copy of each
/// distinct list, which its records name by a 4-byte id, and its views give a record's
/// sources as a slice of that copy.
///
/// ```
/// use eventkg::{DocumentId, Source, Sources};
/// let article = DocumentId::new(0);
/// let mut sources = Sources::from(Source::new(article));
/// let shared = sources.clone();
/// sources.push(Source::new(article).quote("the US opposed"));
/// assert_eq!((sources.len(), shared.len()), (2, 1));
/// assert_eq!(sources[1].quote.as_deref(), Some("the US opposed"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Sources(Option<Arc<List>>);

/// A list of sources, its first in place: a record told by one source, as most are (a coded
/// row, an article's event and its participants), takes one block, not a block and a `Vec`.
type List = SmallVec<[Source; 1]>;

impl Sources {
    /// No sources.
    pub const fn new() -> Self {
        Sources(None)
    }

    /// The sources, in the order they were stated.
    pub fn as_slice(&self) -> &[Source] {
        self.0.as_deref().map_or(&[], SmallVec::as_slice)
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are none: the record is unsourced.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The sources, in the order they were stated.
    pub fn iter(&self) -> std::slice::Iter<'_, Source> {
        self.as_slice().iter()
    }

    /// Appends a source after those already here.
    pub fn push(&mut self, source: Source) {
        match &mut self.0 {
            Some(list) => Arc::make_mut(list).push(source),
            None => *self = Sources::from(source),
        }
    }

    /// Makes `source` the only source, in the list's own block when no one else holds it: a
    /// reader that tells record after record by one source each allocates one list, not one
    /// a record.
    pub(crate) fn set_only(&mut self, source: Source) {
        match self.0.as_mut().and_then(Arc::get_mut) {
            Some(list) => {
                list.clear();
                list.push(source);
            }
            None => *self = Sources::from(source),
        }
    }

    /// Keeps the first `len` sources.
    pub(crate) fn truncate(&mut self, len: usize) {
        if len == 0 {
            self.0 = None;
        } else if let Some(list) = &mut self.0
            && list.len() > len
        {
            Arc::make_mut(list).truncate(len);
        }
    }

    /// Where the list is held, to tell handles on one list apart from equal lists without
    /// holding another handle; `None` for no sources.
    pub(crate) fn list_address(&self) -> Option<usize> {
        self.0
            .as_ref()
            .map(|list| Arc::as_ptr(list) as *const () as usize)
    }

    /// Whether `self` and `other` are handles on one list (or both empty): what is true of
    /// one is then true of the other, without comparing them source by source.
    pub(crate) fn same_list(&self, other: &Sources) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    /// This list followed by the sources of `incoming` it lacks, each once; `None` when it
    /// lacks none, so that a restatement that adds nothing leaves the shared list alone.
    pub(crate) fn with_missing(&self, incoming: &[Source]) -> Option<Sources> {
        with_missing(self, incoming).map(Sources::from)
    }

    /// The sources, taken out of the shared list if this is its last handle, else copied.
    pub(crate) fn into_vec(self) -> Vec<Source> {
        match self.0 {
            None => Vec::new(),
            Some(list) => match Arc::try_unwrap(list) {
                Ok(list) => list.into_vec(),
                Err(shared) => shared.to_vec(),
            },
        }
    }
}

/// `held` followed by the sources of `incoming` it lacks, each once; `None` when it lacks none,
/// so that a restatement that adds nothing leaves a shared list alone.
pub(crate) fn with_missing(held: &[Source], incoming: &[Source]) -> Option<Vec<Source>> {
    let mut added = incoming
        .iter()
        .filter(|source| !held.contains(source))
        .peekable();
    added.peek()?;
    let mut all = held.to_vec();
    for source in added {
        if !all.contains(source) {
            all.push(source.clone());
        }
    }
    Some(all)
}

impl Deref for Sources {
    type Target = [Source];

    fn deref(&self) -> &[Source] {
        self.as_slice()
    }
}

impl fmt::Debug for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<Source>> for Sources {
    fn from(mut sources: Vec<Source>) -> Self {
        if sources.is_empty() {
            Sources(None)
        } else {
            // A list read or collected one source at a time has room for more than it holds
            // (four, for one source): a graph of a million records would keep that room.
            sources.shrink_to_fit();
            Sources(Some(Arc::new(SmallVec::from_vec(sources))))
        }
    }
}

/// A copy of a record's sources as a graph's views give them, to tell another record:
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let article = graph.add_document(Document::new("made-up-article"))?;
/// let talks = graph.add_event(Event::new(EventKind::Meeting).source(Source::new(article)))?;
/// let told: Sources = graph.event(talks).unwrap().sources().into();
/// assert_eq!(told, [Source::new(article)]);
/// # Ok::<(), eventkg::Error>(())
/// ```
impl From<&[Source]> for Sources {
    fn from(sources: &[Source]) -> Self {
        Sources::from(sources.to_vec())
    }
}

impl From<Source> for Sources {
    fn from(source: Source) -> Self {
        Sources(Some(Arc::new(smallvec::smallvec![source])))
    }
}

impl FromIterator<Source> for Sources {
    fn from_iter<I: IntoIterator<Item = Source>>(iter: I) -> Self {
        Sources::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Sources {
    type Item = &'a Source;
    type IntoIter = std::slice::Iter<'a, Source>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Each source by value, as a `Vec<Source>` gave them: the shared list itself is left to the
/// records that hold it, so the sources are copies.
///
/// ```
/// use eventkg::{DocumentId, Source, Sources};
/// let sources = Sources::from(vec![Source::new(DocumentId::new(0)), Source::new(DocumentId::new(1))]);
/// let documents: Vec<DocumentId> = sources.into_iter().map(|s| s.document).collect();
/// assert_eq!(documents, [DocumentId::new(0), DocumentId::new(1)]);
/// ```
impl IntoIterator for Sources {
    type Item = Source;
    type IntoIter = std::vec::IntoIter<Source>;

    fn into_iter(self) -> Self::IntoIter {
        let copies: Vec<Source> = self.as_slice().into();
        copies.into_iter()
    }
}

impl PartialEq<Vec<Source>> for Sources {
    fn eq(&self, other: &Vec<Source>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<[Source]> for Sources {
    fn eq(&self, other: &[Source]) -> bool {
        self.as_slice() == other
    }
}

impl<const N: usize> PartialEq<[Source; N]> for Sources {
    fn eq(&self, other: &[Source; N]) -> bool {
        self.as_slice() == other
    }
}

impl Serialize for Sources {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Source>::deserialize(deserializer).map(Sources::from)
    }
}

/// A text that facts are sourced from: an article, a transcript, a report.
///
/// The `key` is the document's stable handle (a file name, a URL hash, a GDELT id): unique in a
/// graph, and what graph files cite. The full text is optional; where it is present, quotes can
/// be checked against it.
///
/// ```
/// use eventkg::Document;
/// use eventkg::NaiveDate;
/// let article = Document::new("unn-2024-06-09")
///     .title("France invites allies to a training mission in Ukraine")
///     .published(NaiveDate::from_ymd_opt(2024, 6, 9).unwrap());
/// assert_eq!(article.key, "unn-2024-06-09");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// The document's stable, unique handle.
    pub key: String,
    /// Its headline or title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<EntityId>,
    /// The day it was published: the anchor for its relative dates ("last week").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Where it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its language, as a BCP 47 tag (`en`, `de`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Free key–value attributes.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Its full text, against which quotes are checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Document {
    /// Takes from `other`, the same document as told elsewhere, what this one lacks.
    pub(crate) fn fill_from(&mut self, other: Document) {
        self.title = self.title.take().or(other.title);
        self.publisher = self.publisher.or(other.publisher);
        self.published = self.published.or(other.published);
        self.url = self.url.take().or(other.url);
        self.language = self.language.take().or(other.language);
        self.text = self.text.take().or(other.text);
        self.attributes.fill_from(&other.attributes);
    }

    /// A document known by `key`, with nothing else known yet.
    pub fn new(key: impl Into<String>) -> Self {
        Document {
            key: key.into(),
            title: None,
            publisher: None,
            published: None,
            url: None,
            language: None,
            attributes: Attributes::new(),
            text: None,
        }
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the publishing outlet.
    pub fn publisher(mut self, outlet: EntityId) -> Self {
        self.publisher = Some(outlet);
        self
    }

    /// Sets the publication day.
    pub fn published(mut self, day: NaiveDate) -> Self {
        self.published = Some(day);
        self
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the language tag.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Sets a free attribute.
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(key, value);
        self
    }

    /// Sets the full text.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }
}
