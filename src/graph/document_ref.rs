//! A document as the graph hands it out: a borrowed view with accessors, like every other
//! record, so that the store may keep titles, URLs and texts in its string table.

use chrono::NaiveDate;

use serde::{Serialize, Serializer};

use super::EventGraph;
use super::document_record::DocumentRecord;
use super::strings::TextId;
use crate::model::{Attributes, Document, EntityId};

/// A document of a graph, borrowed from it: what [`EventGraph::document`] and
/// [`EventGraph::documents`] hand out.
///
/// [`Document`] is what goes in ([`add_document`](EventGraph::add_document), the closure of
/// [`update_document`](EventGraph::update_document)); [`to_document`](Self::to_document)
/// makes one from a view.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let id = graph.add_document(Document::new("made-up-report").title("A made-up report"))?;
/// let document = graph.document(id).unwrap();
/// assert_eq!(document.key(), "made-up-report");
/// assert_eq!(document.title(), Some("A made-up report"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct DocumentRef<'g> {
    graph: &'g EventGraph,
    record: &'g DocumentRecord,
}

impl<'g> DocumentRef<'g> {
    pub(crate) fn new(graph: &'g EventGraph, record: &'g DocumentRecord) -> Self {
        DocumentRef { graph, record }
    }

    fn text_of(&self, id: Option<TextId>) -> Option<&'g str> {
        id.map(|id| self.graph.strings.get(id))
    }

    /// The document's stable, unique handle.
    pub fn key(&self) -> &'g str {
        self.record.key(&self.graph.strings)
    }

    /// Its headline or title.
    pub fn title(&self) -> Option<&'g str> {
        self.text_of(self.record.title)
    }

    /// The outlet that published it.
    pub fn publisher(&self) -> Option<EntityId> {
        self.record.publisher
    }

    /// The day it was published: the anchor for its relative dates ("last week").
    pub fn published(&self) -> Option<NaiveDate> {
        self.record.published
    }

    /// Where it can be read.
    pub fn url(&self) -> Option<&'g str> {
        self.text_of(self.record.url)
    }

    /// Its language, as a BCP 47 tag (`en`, `de`).
    pub fn language(&self) -> Option<&'g str> {
        self.text_of(self.record.language)
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.attributes
    }

    /// Its full text, against which quotes are checked.
    pub fn text(&self) -> Option<&'g str> {
        self.text_of(self.record.text)
    }

    /// The document as an owned value, to change and give back, or to keep past the graph.
    pub fn to_document(&self) -> Document {
        Document {
            key: self.key().to_owned(),
            title: self.title().map(str::to_owned),
            publisher: self.publisher(),
            published: self.published(),
            url: self.url().map(str::to_owned),
            language: self.language().map(str::to_owned),
            attributes: self.attributes().clone(),
            text: self.text().map(str::to_owned),
        }
    }
}

super::record_view::record_view_traits!(
    DocumentRef,
    to_document,
    [
        key, title, publisher, published, url, language, attributes, text
    ]
);

impl PartialEq<Document> for DocumentRef<'_> {
    fn eq(&self, other: &Document) -> bool {
        self.key() == other.key
            && self.title() == other.title.as_deref()
            && self.publisher() == other.publisher
            && self.published() == other.published
            && self.url() == other.url.as_deref()
            && self.language() == other.language.as_deref()
            && *self.attributes() == other.attributes
            && self.text() == other.text.as_deref()
    }
}

/// Written as the [`Document`] it reads back would be, field for field.
impl Serialize for DocumentRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Document")]
        struct Fields<'a> {
            key: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            publisher: Option<EntityId>,
            #[serde(skip_serializing_if = "Option::is_none")]
            published: Option<NaiveDate>,
            #[serde(skip_serializing_if = "Option::is_none")]
            url: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            language: Option<&'a str>,
            #[serde(skip_serializing_if = "super::record_view::no_attributes")]
            attributes: &'a Attributes,
            #[serde(skip_serializing_if = "Option::is_none")]
            text: Option<&'a str>,
        }
        Fields {
            key: self.key(),
            title: self.title(),
            publisher: self.publisher(),
            published: self.published(),
            url: self.url(),
            language: self.language(),
            attributes: self.attributes(),
            text: self.text(),
        }
        .serialize(serializer)
    }
}
