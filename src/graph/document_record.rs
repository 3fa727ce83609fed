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

/// The key and text of a record being replaced, for [`DocumentRecord::pack`] to take again.
#[derive(Clone, Copy)]
pub(crate) struct HeldTexts {
    key: TextId,
    text: Option<TextId>,
}

impl DocumentRecord {
    pub(crate) fn held_texts(&self) -> HeldTexts {
        HeldTexts {
            key: self.key,
            text: self.text,
        }
    }

    /// Packs `document` into `strings`. `held` is the record it replaces, if any, whose key
    /// and text are taken again when unchanged: a key is unique and a text is long, so
    /// neither is looked up in the table, and a document updated many times must not add
    /// them again each time.
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
        let text = match (text, held.and_then(|h| h.text)) {
            (Some(text), Some(same)) if strings.get(same) == text => Some(same),
            (text, _) => text.map(|t| strings.push(&t)).transpose()?,
        };
        // The URL is often the key itself.
        let url = match url {
            Some(url) if strings.get(key) == url => Some(key),
            url => url.map(|u| strings.intern(&u)).transpose()?,
        };
        Ok(DocumentRecord {
            attributes,
            published,
            publisher,
            key,
            title: title.map(|t| strings.intern(&t)).transpose()?,
            url,
            language: language.map(|l| strings.intern(&l)).transpose()?,
            text,
        })
    }

    /// The document's key, read from `strings`.
    pub(crate) fn key<'s>(&self, strings: &'s Strings) -> &'s str {
        strings.get(self.key)
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
    }
}
