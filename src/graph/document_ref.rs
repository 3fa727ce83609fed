//! A document as the graph hands it out: a borrowed view with accessors, like every other
//! record, so that the store may keep titles, URLs and texts in its string table.

use chrono::NaiveDate;

use super::EventGraph;
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
    record: &'g Document,
}

impl<'g> DocumentRef<'g> {
    pub(crate) fn new(_graph: &'g EventGraph, record: &'g Document) -> Self {
        DocumentRef { record }
    }

    /// The document's stable, unique handle.
    pub fn key(&self) -> &'g str {
        &self.record.key
    }

    /// Its headline or title.
    pub fn title(&self) -> Option<&'g str> {
        self.record.title.as_deref()
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
        self.record.url.as_deref()
    }

    /// Its language, as a BCP 47 tag (`en`, `de`).
    pub fn language(&self) -> Option<&'g str> {
        self.record.language.as_deref()
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.attributes
    }

    /// Its full text, against which quotes are checked.
    pub fn text(&self) -> Option<&'g str> {
        self.record.text.as_deref()
    }

    /// The document as an owned value, to change and give back, or to keep past the graph.
    pub fn to_document(&self) -> Document {
        self.record.clone()
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
        self.record == other
    }
}
