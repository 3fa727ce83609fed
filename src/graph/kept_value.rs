//! Values a merge was given for a record that held another: the record keeps its own, and the
//! merge report lists the other, so that a disagreement between reports is never dropped
//! unseen.

use std::fmt;
use std::ops::Range;

use super::EventGraph;
use crate::Location;
use crate::model::{Attributes, Coordinates, CountryCode, DocumentId, RecordId};

/// A value a merge was given for a record that already held another, which the record keeps.
///
/// An event's kind, status, date, place and description keep every value reports give, each
/// with its sources ([`MergeReport::disputes`](crate::MergeReport::disputes)). The other
/// fields of a record hold one value: the first one stated stays, and each other one a later
/// file (or graph) gives is listed in [`MergeReport::kept`](crate::MergeReport::kept), where
/// it was given, so that the analyst sees the disagreement and settles it.
///
/// ```
/// let mut graph = eventkg::EventGraph::new();
/// let file = |code: &str| {
///     format!("[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\ncountry = \"{code}\"\n")
/// };
/// eventkg::io::merge_str(&mut graph, &file("FRD"), "a.toml", None)?;
/// let report = eventkg::io::merge_str(&mut graph, &file("FRE"), "b.toml", None)?;
/// let [kept] = report.kept.as_slice() else { panic!() };
/// assert_eq!((kept.field.to_string(), &*kept.held, &*kept.given), ("country".into(), "FRD", "FRE"));
/// assert_eq!(kept.at.as_ref().map(|at| (at.file(), at.line())), Some(("b.toml", 1)));
/// assert_eq!(report.to_string(), "1 value kept");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct KeptValue {
    /// The record that keeps its value.
    pub record: Keeper,
    /// The field, by the name a graph file gives it.
    pub field: KeptField,
    /// The value the record holds and keeps, as a graph file writes it.
    pub held: String,
    /// The value the merge was given and did not keep.
    pub given: String,
    /// Where it was given: the record in a graph file; `None` for a graph merged in memory.
    pub at: Option<Location>,
}

/// A record that keeps a value: a document, or a record that carries sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Keeper {
    /// A document.
    Document(DocumentId),
    /// An entity, event, participation or relation.
    Record(RecordId),
}

impl fmt::Display for Keeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Keeper::Document(id) => id.fmt(f),
            Keeper::Record(id) => id.fmt(f),
        }
    }
}

impl From<DocumentId> for Keeper {
    fn from(id: DocumentId) -> Self {
        Keeper::Document(id)
    }
}

impl From<RecordId> for Keeper {
    fn from(id: RecordId) -> Self {
        Keeper::Record(id)
    }
}

/// A field of a record that holds one value.
///
/// ```
/// assert_eq!(eventkg::KeptField::Attribute("rank".into()).to_string(), "attributes.rank");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeptField {
    /// An entity's country.
    Country,
    /// An entity's coordinates.
    Coordinates,
    /// A document's title.
    Title,
    /// A document's publishing outlet.
    Publisher,
    /// A document's publication day.
    Published,
    /// A document's URL.
    Url,
    /// A document's language.
    Language,
    /// A document's text.
    Text,
    /// How sure the sources are of an event, where a file states it.
    Confidence,
    /// How GDELT coded an event.
    Gdelt,
    /// When a relation began to hold.
    ValidFrom,
    /// When a relation ceased to hold.
    ValidUntil,
    /// A free attribute, by its key.
    Attribute(String),
}

impl fmt::Display for KeptField {
    /// The key a graph file gives the field: `country`, `valid_from`, `attributes.rank`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = match self {
            KeptField::Country => "country",
            KeptField::Coordinates => "coordinates",
            KeptField::Title => "title",
            KeptField::Publisher => "publisher",
            KeptField::Published => "published",
            KeptField::Url => "url",
            KeptField::Language => "language",
            KeptField::Text => "text",
            KeptField::Confidence => "confidence",
            KeptField::Gdelt => "gdelt",
            KeptField::ValidFrom => "valid_from",
            KeptField::ValidUntil => "valid_until",
            KeptField::Attribute(key) => return write!(f, "attributes.{key}"),
        };
        f.write_str(key)
    }
}

/// The values of one record's fields that a restatement gives otherwise than the record
/// holds, gathered before the record is changed.
#[derive(Debug, Default)]
pub(crate) struct Differing(Vec<(KeptField, String, String)>);

impl Differing {
    /// Notes `field` when both `held` and `given` have a value, and they differ.
    pub(crate) fn field<T: PartialEq>(
        &mut self,
        field: KeptField,
        held: Option<T>,
        given: Option<T>,
        show: impl Fn(T) -> String,
    ) {
        if let (Some(held), Some(given)) = (held, given)
            && held != given
        {
            self.0.push((field, show(held), show(given)));
        }
    }

    /// Notes each attribute `given` sets to another value than `held` does.
    pub(crate) fn attributes(&mut self, held: &Attributes, given: &Attributes) {
        for (key, value) in given.iter() {
            if let Some(kept) = held.get(key)
                && kept != value
            {
                self.0.push((
                    KeptField::Attribute(key.to_owned()),
                    kept.to_owned(),
                    value.to_owned(),
                ));
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

pub(crate) fn show_country(code: CountryCode) -> String {
    code.to_string()
}

pub(crate) fn show_coordinates(at: Coordinates) -> String {
    format!("[{}, {}]", at.lat(), at.lon())
}

impl EventGraph {
    /// Notes in the open journal the values `record` keeps; nothing when none is open (a
    /// change made through the API, whose caller has both values at hand).
    pub(crate) fn note_kept(&mut self, record: impl Into<Keeper>, differing: Differing) {
        if differing.is_empty() {
            return;
        }
        let record = record.into();
        if let Some(journal) = self.journal.as_deref_mut() {
            journal.kept.extend(
                differing
                    .0
                    .into_iter()
                    .map(|(field, held, given)| KeptValue {
                        record,
                        field,
                        held,
                        given,
                        at: None,
                    }),
            );
        }
    }

    /// How many kept values the open journal holds: where the next record's begin.
    pub(crate) fn kept_count(&self) -> usize {
        self.journal().map_or(0, |journal| journal.kept.len())
    }

    /// Says where the kept values `noted` (by their order in the open journal) were given,
    /// with `locate` (called only when there are some), unless they were placed already.
    pub(crate) fn locate_kept(
        &mut self,
        noted: Range<usize>,
        span: Range<usize>,
        locate: impl FnOnce(Range<usize>) -> Location,
    ) {
        if let Some(journal) = self.journal.as_deref_mut()
            && let Some(noted) = journal.kept.get_mut(noted)
            && !noted.is_empty()
        {
            let at = locate(span);
            for kept in noted {
                kept.at.get_or_insert_with(|| at.clone());
            }
        }
    }

    /// Moves the kept values `first` (by their order in the open journal) after those noted
    /// next, up to `before`: a file read from disk takes its first documents before its
    /// entities, and its report lists their values where reading it whole does.
    pub(crate) fn move_kept_after(&mut self, first: Range<usize>, before: usize) {
        if let Some(journal) = self.journal.as_deref_mut()
            && let Some(noted) = journal.kept.get_mut(first.start..before)
            && first.len() <= noted.len()
        {
            noted.rotate_left(first.len());
        }
    }
}
