//! The graph file format as serde sees it. Every value a message may need to point at is
//! `Spanned`, so that errors can name its line and column.

use std::fmt;

use compact_str::CompactString;
use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

/// A string with the place in the file it came from; empty when it was made in memory.
///
/// Held in place when short (up to 24 bytes: a name, a kind, a key, a date), so that parsing
/// a file allocates for its quotes and texts, not for each of its values.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(transparent)]
pub(crate) struct Text(Spanned<CompactString>);

impl Text {
    pub(crate) fn new(value: impl AsRef<str>) -> Self {
        Text(Spanned::new(0..0, CompactString::new(value)))
    }

    pub(crate) fn get_ref(&self) -> &str {
        self.0.get_ref()
    }

    pub(crate) fn span(&self) -> std::ops::Range<usize> {
        self.0.span()
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::new("")
    }
}

/// Moves every span a value holds by `by` bytes: a part of a file parsed alone has spans from
/// its own start, and messages point into the whole file. An empty span is no place in the
/// file (a name given as a bare string has none of its own) and stays as it is.
pub(crate) trait Shift: Sized {
    fn shifted(self, by: usize) -> Self;
}

impl<T: Shift> Shift for Spanned<T> {
    fn shifted(self, by: usize) -> Self {
        let span = self.span();
        let span = if span.is_empty() {
            span
        } else {
            span.start + by..span.end + by
        };
        Spanned::new(span, self.into_inner().shifted(by))
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shifted(self, by: usize) -> Self {
        self.map(|value| value.shifted(by))
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shifted(self, by: usize) -> Self {
        // Collected in place, into the same block.
        self.into_iter().map(|value| value.shifted(by)).collect()
    }
}

/// Values without spans inside them.
macro_rules! unspanned {
    ($($type:ty),*) => {
        $(impl Shift for $type {
            fn shifted(self, _: usize) -> Self {
                self
            }
        })*
    };
}

unspanned!(
    bool,
    f32,
    String,
    CompactString,
    IndexMap<String, String>,
    toml::value::Datetime,
    crate::model::Coordinates,
    crate::model::GdeltCoding
);

impl Shift for Text {
    fn shifted(self, by: usize) -> Self {
        Text(self.0.shifted(by))
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A source, as a fact's own fields or as an entry of its `sources` list.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_by: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Vec<Text>>,
    /// `false` for a quote that is not verbatim from the document's text (a translation, a
    /// paraphrase), which is then not checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbatim: Option<bool>,
}

impl SourceRepr {
    pub(crate) fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }

    pub(crate) fn fields(&self) -> SourceFields<'_> {
        SourceFields {
            document: self.document.as_ref(),
            quote: self.quote.as_ref(),
            said_by: self.said_by.as_ref(),
            via: self.via.as_deref(),
            verbatim: self.verbatim,
        }
    }
}

/// A source's keys as a record or a `sources` entry gives them, borrowed: reading a record's
/// own source copies none of its text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SourceFields<'a> {
    pub document: Option<&'a Text>,
    pub quote: Option<&'a Text>,
    pub said_by: Option<&'a Text>,
    pub via: Option<&'a [Text]>,
    pub verbatim: Option<bool>,
}

impl SourceFields<'_> {
    /// The keys as a source of their own, copied.
    pub(crate) fn to_repr(self) -> SourceRepr {
        SourceRepr {
            document: self.document.cloned(),
            quote: self.quote.cloned(),
            said_by: self.said_by.cloned(),
            via: self.via.map(<[Text]>::to_vec),
            verbatim: self.verbatim,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.document.is_none()
            && self.quote.is_none()
            && self.said_by.is_none()
            && self.via.is_none()
    }
}

/// Declares a record table with the source fields every record may carry: a source given by
/// the record's own `document`, `quote`, `said_by` and `via` keys, and more in `sources`.
macro_rules! sourced {
    (
        $(#[$meta:meta])*
        struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $type:ty,)* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub document: Option<Text>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub quote: Option<Text>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub said_by: Option<Text>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub via: Option<Vec<Text>>,
            /// Absent: the record is sourced by default; present, even empty: exactly these.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub sources: Option<Vec<SourceRepr>>,
        }

        impl $name {
            /// The source the record's own keys give, borrowed.
            pub(crate) fn own_fields(&self) -> SourceFields<'_> {
                SourceFields {
                    document: self.document.as_ref(),
                    quote: self.quote.as_ref(),
                    said_by: self.said_by.as_ref(),
                    via: self.via.as_deref(),
                    verbatim: None,
                }
            }
        }

        impl Shift for $name {
            fn shifted(self, by: usize) -> Self {
                $name {
                    $($field: self.$field.shifted(by),)*
                    document: self.document.shifted(by),
                    quote: self.quote.shifted(by),
                    said_by: self.said_by.shifted(by),
                    via: self.via.shifted(by),
                    sources: self.sources.shifted(by),
                }
            }
        }
    };
}

/// An entity or event named in a list: a plain reference, or a table with the fact's details.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Mention {
    /// The entity or event referred to.
    pub target: Text,
    /// The kind of entity meant, where the name alone is ambiguous.
    pub kind: Option<Text>,
    pub title: Option<Text>,
    pub valid_from: Option<Text>,
    pub valid_until: Option<Text>,
    pub confidence: Option<Spanned<f32>>,
    pub attributes: IndexMap<String, String>,
    pub source: SourceRepr,
    pub sources: Option<Vec<SourceRepr>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MentionTable {
    #[serde(alias = "entity", alias = "event")]
    to: Text,
    #[serde(default)]
    kind: Option<Text>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    valid_from: Option<Text>,
    #[serde(default)]
    valid_until: Option<Text>,
    #[serde(default)]
    confidence: Option<Spanned<f32>>,
    #[serde(default)]
    attributes: IndexMap<String, String>,
    #[serde(default)]
    document: Option<Text>,
    #[serde(default)]
    quote: Option<Text>,
    #[serde(default)]
    said_by: Option<Text>,
    #[serde(default)]
    via: Option<Vec<Text>>,
    #[serde(default)]
    sources: Option<Vec<SourceRepr>>,
}

impl<'de> Deserialize<'de> for Mention {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MentionVisitor;

        impl<'de> Visitor<'de> for MentionVisitor {
            type Value = Mention;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name or id, or a table with `to` (or `entity`/`event`) and details")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Mention, E> {
                Ok(Mention {
                    target: Text::new(value),
                    ..Mention::default()
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Mention, A::Error> {
                let table = MentionTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Mention {
                    target: table.to,
                    kind: table.kind,
                    title: table.title,
                    valid_from: table.valid_from,
                    valid_until: table.valid_until,
                    confidence: table.confidence,
                    attributes: table.attributes,
                    source: SourceRepr {
                        document: table.document,
                        quote: table.quote,
                        said_by: table.said_by,
                        via: table.via,
                        verbatim: None,
                    },
                    sources: table.sources,
                })
            }
        }

        deserializer.deserialize_any(MentionVisitor)
    }
}

/// A list of mentions under a role or relation key.
pub(crate) type Mentions = Vec<Spanned<Mention>>;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentRepr {
    pub id: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Spanned<toml::value::Datetime>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Outlets every fact citing this document in this file passed through, unless the fact
    /// says otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<Text>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub attributes: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

sourced! {
    struct EntityRepr {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<Text>,
        pub kind: Text,
        pub name: Text,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub aliases: Vec<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Text>,
        /// `[lat, lon]`, in decimal degrees.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coordinates: Option<crate::model::Coordinates>,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub attributes: IndexMap<String, String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub member_of: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub part_of: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub leads: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub holds_role: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub speaks_for: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub allied_with: Mentions,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub located_in: Mentions,
        /// The entity this record is: its names join that entity's, on this record's sources.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub same_as: Option<Text>,
        /// Entities joined into this one, each as it was.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub joined: Vec<Spanned<JoinedRepr>>,
    }
}

sourced! {
    /// An entity joined into another, as it was; its source keys say on whose word it was
    /// joined, and `mentions` where it was mentioned.
    struct JoinedRepr {
        pub kind: Text,
        pub name: Text,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub aliases: Vec<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coordinates: Option<crate::model::Coordinates>,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub attributes: IndexMap<String, String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mentions: Option<Vec<SourceRepr>>,
    }
}

impl EntityRepr {
    /// Every relation list with its relation kind's word.
    pub(crate) fn relation_lists(&self) -> [(&'static str, &Mentions); 7] {
        [
            ("member_of", &self.member_of),
            ("part_of", &self.part_of),
            ("leads", &self.leads),
            ("holds_role", &self.holds_role),
            ("speaks_for", &self.speaks_for),
            ("allied_with", &self.allied_with),
            ("located_in", &self.located_in),
        ]
    }
}

macro_rules! event_repr {
    ($($role:ident, $not:ident;)*) => {
        sourced! {
            /// An event; participants are listed under their role (`not_` and the role for a
            /// negated one), relations to other events under the relation's kind.
            struct EventRepr {
                /// A name for the event within this file.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub id: Option<Text>,
                /// The event's key: kept in the graph, and how other files name it.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub key: Option<Text>,
                pub kind: Text,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub status: Option<Text>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub date: Option<Text>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub location: Option<Text>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub description: Option<Text>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub confidence: Option<Spanned<f32>>,
                #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
                pub attributes: IndexMap<String, String>,
                /// How GDELT coded the event.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub gdelt: Option<crate::model::GdeltCoding>,
                $(
                    #[serde(default, skip_serializing_if = "Vec::is_empty")]
                    pub $role: Mentions,
                    #[serde(default, skip_serializing_if = "Vec::is_empty")]
                    pub $not: Mentions,
                )*
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub about: Mentions,
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub requires: Mentions,
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub motivated_by: Mentions,
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub responds_to: Mentions,
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub part_of: Mentions,
                /// Another event this one is: the analyst's call that two reports tell one
                /// happening.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub same_as: Option<Text>,
                /// Each value reports gave an attribute, with the sources that give it.
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub values: Vec<Spanned<ValueRepr>>,
            }
        }

        impl EventRepr {
            /// Every participant list that names someone, with its role's word and whether it
            /// is negated.
            pub(crate) fn role_lists(&self) -> impl Iterator<Item = (&'static str, bool, &Mentions)> {
                [$((stringify!($role), false, &self.$role), (stringify!($role), true, &self.$not)),*]
                    .into_iter()
                    .filter(|(_, _, mentions)| !mentions.is_empty())
            }

            /// Every relation list with its relation kind's word.
            pub(crate) fn relation_lists(&self) -> [(&'static str, &Mentions); 5] {
                [
                    ("about", &self.about),
                    ("requires", &self.requires),
                    ("motivated_by", &self.motivated_by),
                    ("responds_to", &self.responds_to),
                    ("part_of", &self.part_of),
                ]
            }
        }
    };
}

event_repr! {
    initiator, not_initiator;
    target, not_target;
    agent, not_agent;
    participant, not_participant;
    speaker, not_speaker;
    host, not_host;
    supporter, not_supporter;
    opponent, not_opponent;
    beneficiary, not_beneficiary;
    mediator, not_mediator;
    concerned, not_concerned;
}

sourced! {
    /// One value of an event's attribute, as some sources state it.
    struct ValueRepr {
        pub field: Text,
        pub value: Text,
    }
}

sourced! {
    /// A participation in its explicit form, which the writer uses to keep ids in order.
    struct ParticipationRepr {
        pub entity: Text,
        pub role: Text,
        pub event: Text,
        #[serde(default, skip_serializing_if = "is_false")]
        pub negated: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub confidence: Option<Spanned<f32>>,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub attributes: IndexMap<String, String>,
    }
}

sourced! {
    struct RelationRepr {
        pub from: Text,
        pub kind: Text,
        pub to: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub valid_from: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub valid_until: Option<Text>,
        #[serde(default, skip_serializing_if = "is_false")]
        pub negated: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub confidence: Option<Spanned<f32>>,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub attributes: IndexMap<String, String>,
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileRepr {
    #[serde(default, rename = "document", skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Spanned<DocumentRepr>>,
    #[serde(default, rename = "entity", skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Spanned<EntityRepr>>,
    #[serde(default, rename = "event", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Spanned<EventRepr>>,
    #[serde(
        default,
        rename = "participation",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub participations: Vec<Spanned<ParticipationRepr>>,
    #[serde(default, rename = "relation", skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Spanned<RelationRepr>>,
}

// The records that are not declared with `sourced!`, taken apart whole, so that a field added
// to one and not shifted here does not compile.

impl Shift for SourceRepr {
    fn shifted(self, by: usize) -> Self {
        let SourceRepr {
            document,
            quote,
            said_by,
            via,
            verbatim,
        } = self;
        SourceRepr {
            document: document.shifted(by),
            quote: quote.shifted(by),
            said_by: said_by.shifted(by),
            via: via.shifted(by),
            verbatim,
        }
    }
}

impl Shift for Mention {
    fn shifted(self, by: usize) -> Self {
        let Mention {
            target,
            kind,
            title,
            valid_from,
            valid_until,
            confidence,
            attributes,
            source,
            sources,
        } = self;
        Mention {
            target: target.shifted(by),
            kind: kind.shifted(by),
            title: title.shifted(by),
            valid_from: valid_from.shifted(by),
            valid_until: valid_until.shifted(by),
            confidence: confidence.shifted(by),
            attributes,
            source: source.shifted(by),
            sources: sources.shifted(by),
        }
    }
}

impl Shift for DocumentRepr {
    fn shifted(self, by: usize) -> Self {
        let DocumentRepr {
            id,
            title,
            publisher,
            published,
            url,
            language,
            via,
            attributes,
            text_file,
            text,
        } = self;
        DocumentRepr {
            id: id.shifted(by),
            title,
            publisher: publisher.shifted(by),
            published: published.shifted(by),
            url,
            language,
            via: via.shifted(by),
            attributes,
            text_file: text_file.shifted(by),
            text,
        }
    }
}

impl Shift for FileRepr {
    fn shifted(self, by: usize) -> Self {
        let FileRepr {
            documents,
            entities,
            events,
            participations,
            relations,
        } = self;
        FileRepr {
            documents: documents.shifted(by),
            entities: entities.shifted(by),
            events: events.shifted(by),
            participations: participations.shifted(by),
            relations: relations.shifted(by),
        }
    }
}
