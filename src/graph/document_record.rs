//! How the graph holds a document: its key, title, URL, language and text in the string
//! table, each named by a 4-byte id. For GDELT, whose documents are keyed by their URL, the
//! URL is then held once rather than twice.

use chrono::NaiveDate;

use super::strings::{Strings, TextId};
use crate::Error;
use crate::model::{Attributes, Document, EntityId};

/// A document as stored.
#[derive(Clone, Debug)]
pub(crate) struct DocumentRecord {
    pub(crate) attributes: Attributes,
    pub(crate) published: Option<NaiveDate>,
    pub(crate) publisher: Option<EntityId>,
    pub(crate) key: TextId,
    pub(crate) title: Option<TextId>,
    pub(crate) url: Option<TextId>,
    pub(crate) language: Option<TextId>,
    pub(crate) text: Option<TextId>,
}

/// The texts of a record being replaced, for [`DocumentRecord::pack`] to take again.
#[derive(Clone, Copy)]
pub(crate) struct HeldTexts {
    key: TextId,
    title: Option<TextId>,
    url: Option<TextId>,
    text: Option<TextId>,
}

impl DocumentRecord {
    pub(crate) fn held_texts(&self) -> HeldTexts {
        HeldTexts {
            key: self.key,
            title: self.title,
            url: self.url,
            text: self.text,
        }
    }

    /// Packs `document` into `strings`. `held` is the record it replaces, if any, whose key,
    /// title, URL and text are taken again when unchanged. These are added to the table
    /// without being looked up in it: a key is unique, and a title, a URL and a text belong to
    /// one document as a rule, so that the table's index would hold an entry for each that no
    /// lookup finds again (leaving titles and URLs out of it takes 2 % off the graph of
    /// 100,000 corpus files). A document updated many times must not add them again each
    /// time, which `held` sees to. Only the language, one of a few, is shared.
    pub(crate) fn pack(
        document: Document,
        strings: &mut Strings,
        held: Option<HeldTexts>,
    ) -> Result<DocumentRecord, Error> {
        let Document {
            key,
            title,
            publisher,
            published,
            url,
            language,
            attributes,
            text,
        } = document;
        let key = match held {
            Some(held) if strings.get(held.key) == key => held.key,
            _ => strings.push(&key)?,
        };
        let text = again_or_push(strings, text, held.and_then(|h| h.text))?;
        let title = again_or_push(strings, title, held.and_then(|h| h.title))?;
        // The URL is often the key itself.
        let url = match url {
            Some(url) if strings.get(key) == url => Some(key),
            url => again_or_push(strings, url, held.and_then(|h| h.url))?,
        };
        Ok(DocumentRecord {
            attributes,
            published,
            publisher,
            key,
            title,
            url,
            language: language.map(|l| strings.intern(&l)).transpose()?,
            text,
        })
    }

    /// A document of nothing but its key, the day it was published, its publisher, and, when
    /// `url_is_key`, its key as its URL.
    pub(crate) fn keyed(
        key: TextId,
        url_is_key: bool,
        published: Option<NaiveDate>,
        publisher: Option<EntityId>,
    ) -> DocumentRecord {
        DocumentRecord {
            attributes: Attributes::new(),
            published,
            publisher,
            key,
            title: None,
            url: url_is_key.then_some(key),
            language: None,
            text: None,
        }
    }

    /// The document's key, read from `strings`.
    pub(crate) fn key<'s>(&self, strings: &'s Strings) -> &'s str {
        strings.get(self.key)
    }
}

/// The id of `value`: `held`'s when it holds the same text, else a new string.
fn again_or_push(
    strings: &mut Strings,
    value: Option<String>,
    held: Option<TextId>,
) -> Result<Option<TextId>, Error> {
    match (value, held) {
        (Some(value), Some(same)) if strings.get(same) == value => Ok(Some(same)),
        (value, _) => value.map(|v| strings.push(&v)).transpose(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, EventGraph};

    #[test]
    fn a_document_updated_again_and_again_adds_no_strings() {
        let mut graph = EventGraph::new();
        let url = "https://news.example/made-up";
        let id = graph
            .add_document(
                Document::new(url)
                    .url(url)
                    .title("A made-up report")
                    .language("en")
                    .text("A made-up text that nobody wrote."),
            )
            .unwrap();
        // The URL is the key: one string for both.
        assert_eq!(graph.strings.bound(), 4);
        for _ in 0..100 {
            graph
                .update_document(id, |d| {
                    d.attributes.insert("seen", "yes");
                })
                .unwrap();
        }
        assert_eq!(graph.strings.bound(), 4);
        let held = graph.document(id).unwrap();
        assert_eq!((held.key(), held.url()), (url, Some(url)));
        assert_eq!(held.text(), Some("A made-up text that nobody wrote."));
        assert_eq!(held.title(), Some("A made-up report"));
        // A new title is one string more, and the rest are taken again.
        graph
            .update_document(id, |d| d.title = Some("A made-up report, updated".into()))
            .unwrap();
        assert_eq!(graph.strings.bound(), 5);
        // Another document with the same title reads it as its own.
        let other = graph
            .add_document(Document::new("made-up-other").title("A made-up report, updated"))
            .unwrap();
        let titles = [id, other].map(|d| graph.document(d).unwrap().title().map(str::to_owned));
        assert_eq!(titles[0], titles[1]);
    }
}
