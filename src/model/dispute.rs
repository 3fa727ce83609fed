//! What each report says of an event's attributes, and where reports disagree.
//!
//! One report gives the meeting's date as Friday, another as Saturday. Neither is dropped: each
//! value is kept with the sources that state it, and the event is disputed on its date until an
//! analyst decides. An event told by one report needs none of this (its sources state every
//! attribute), so the values are kept only for events that several reports tell.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smallvec::{SmallVec, smallvec};
use thin_vec::ThinVec;

use super::{EntityId, EventKind, EventStatus, FuzzyDate, Source, Sources};
use crate::Error;

/// An attribute of an event that reports may state differently.
///
/// ```
/// use eventkg::EventField;
/// assert_eq!("date".parse::<EventField>()?, EventField::Date);
/// assert_eq!(EventField::Description.to_string(), "description");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventField {
    /// What kind of act it is.
    Kind,
    /// Whether it happened.
    Status,
    /// When.
    Date,
    /// Where.
    Location,
    /// The short description.
    Description,
}

impl EventField {
    /// Every field, in the order exports list them.
    pub const ALL: [EventField; 5] = [
        EventField::Kind,
        EventField::Status,
        EventField::Date,
        EventField::Location,
        EventField::Description,
    ];

    /// The field's word, as used in files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EventField::Kind => "kind",
            EventField::Status => "status",
            EventField::Date => "date",
            EventField::Location => "location",
            EventField::Description => "description",
        }
    }
}

impl fmt::Display for EventField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EventField {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        EventField::ALL
            .into_iter()
            .find(|field| field.as_str() == text)
            .ok_or_else(|| {
                crate::model::vocabulary::unknown_value(
                    "event field",
                    text,
                    &EventField::ALL.map(EventField::as_str),
                )
            })
    }
}

/// A value of one of an event's attributes.
///
/// ```
/// use eventkg::{EventField, EventStatus, FieldValue};
/// let value = FieldValue::Status(EventStatus::Planned);
/// assert_eq!(value.field(), EventField::Status);
/// assert_eq!(value.to_string(), "planned");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldValue {
    /// A kind.
    Kind(EventKind),
    /// A status.
    Status(EventStatus),
    /// A date.
    Date(FuzzyDate),
    /// A place or state entity.
    Location(EntityId),
    /// A description.
    Description(String),
}

impl FieldValue {
    /// The attribute this is a value of.
    pub fn field(&self) -> EventField {
        match self {
            FieldValue::Kind(_) => EventField::Kind,
            FieldValue::Status(_) => EventField::Status,
            FieldValue::Date(_) => EventField::Date,
            FieldValue::Location(_) => EventField::Location,
            FieldValue::Description(_) => EventField::Description,
        }
    }
}

impl fmt::Display for FieldValue {
    /// The value as text; a location as its entity id (`entity#4`), since names live in the
    /// graph.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Kind(kind) => kind.fmt(f),
            FieldValue::Status(status) => status.fmt(f),
            FieldValue::Date(date) => date.fmt(f),
            FieldValue::Location(place) => place.fmt(f),
            FieldValue::Description(text) => f.write_str(text),
        }
    }
}

/// One value an attribute was stated with, and the sources that state it.
///
/// ```
/// use eventkg::*;
/// let stated = StatedValue::new(FieldValue::Date(FuzzyDate::ymd(2024, 3, 1)?), Sources::new());
/// assert_eq!(stated.value.field(), EventField::Date);
/// assert!(stated.sources.is_empty());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StatedValue {
    /// The value.
    pub value: FieldValue,
    /// The sources that give this value; all of them are among the event's sources.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
}

impl StatedValue {
    /// `value`, as `sources` state it.
    pub fn new(value: FieldValue, sources: Sources) -> Self {
        StatedValue { value, sources }
    }
}

/// The values an event's attributes were stated with, by every report that tells it.
///
/// Empty for an event told once; once a second report restates the event, it holds each
/// attribute's values, each with its own sources, in the order they were first stated. An
/// attribute with two or more values is *disputed*.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let friday = graph.add_document(Document::new("friday-paper"))?;
/// let saturday = graph.add_document(Document::new("saturday-paper"))?;
/// let (a, b) = (Sources::from(Source::new(friday)), Sources::from(Source::new(saturday)));
/// let mut meeting = Event::new(EventKind::Meeting).sources(a.clone());
/// meeting.values = StatedValues::from(vec![
///     StatedValue::new(FieldValue::Kind(EventKind::Meeting), Sources::from_iter(a.iter().chain(&b[..]).cloned())),
///     StatedValue::new(FieldValue::Date(FuzzyDate::ymd(2024, 6, 7)?), a.clone()),
///     StatedValue::new(FieldValue::Date(FuzzyDate::ymd(2024, 6, 8)?), b.clone()),
/// ]);
/// meeting.sources = Sources::from_iter(a.iter().chain(&b[..]).cloned());
/// let meeting = graph.add_event(meeting.settled())?;
/// let event = graph.event(meeting).unwrap();
/// assert!(event.is_disputed(EventField::Date));
/// assert_eq!(event.date().unwrap().to_string(), "2024-06-07/2024-06-08");
/// assert!(!event.is_disputed(EventField::Kind));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatedValues(ThinVec<StatedValue>);

impl StatedValues {
    /// None: the event is told by one report, whose sources state every attribute.
    pub const fn new() -> Self {
        StatedValues(ThinVec::new())
    }

    /// Whether no values are kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every value, in the order first stated.
    pub fn iter(&self) -> std::slice::Iter<'_, StatedValue> {
        self.as_slice().iter()
    }

    /// Every value, in the order first stated.
    pub fn as_slice(&self) -> &[StatedValue] {
        self.0.as_slice()
    }

    /// The values of one attribute.
    pub fn of(&self, field: EventField) -> impl Iterator<Item = &StatedValue> {
        self.iter().filter(move |v| v.value.field() == field)
    }

    /// Each value `field` was stated with and the sources that state it; where none was kept,
    /// the event's `own` value, told by its `sources`.
    pub(crate) fn stated<'a>(
        &'a self,
        field: EventField,
        own: impl FnOnce() -> Option<FieldValue>,
        sources: &'a [Source],
    ) -> impl Iterator<Item = (FieldValue, &'a [Source])> {
        let own = self
            .of(field)
            .next()
            .is_none()
            .then(|| own().map(|value| (value, sources)))
            .flatten();
        self.of(field)
            .map(|v| (v.value.clone(), v.sources.as_slice()))
            .chain(own)
    }

    /// Whether reports give `field` values that cannot all be true: two different values, or
    /// for the date two dates that do not overlap ("2024-03" and "2024-03-01" agree, at
    /// different precision; "2024-03-01" and "2024-03-02" do not).
    pub fn is_disputed(&self, field: EventField) -> bool {
        if field != EventField::Date {
            return self.of(field).nth(1).is_some();
        }
        self.dates()
            .enumerate()
            .any(|(i, a)| self.dates().skip(i + 1).any(|b| !a.overlaps(&b)))
    }

    fn dates(&self) -> impl Iterator<Item = FuzzyDate> + '_ {
        self.of(EventField::Date).filter_map(|v| match v.value {
            FieldValue::Date(date) => Some(date),
            _ => None,
        })
    }

    /// The disputed attributes, in [`EventField::ALL`]'s order.
    pub fn disputed(&self) -> impl Iterator<Item = EventField> + '_ {
        EventField::ALL
            .into_iter()
            .filter(|&field| self.is_disputed(field))
    }

    /// Adds `sources` to the entry for `value`, or a new entry.
    pub(crate) fn state(&mut self, value: FieldValue, sources: &Sources, grown: &mut Grown) {
        if let Some(held) = self.iter_mut().find(|v| v.value == value) {
            if let Some(merged) = grown.with_missing(&held.sources, sources) {
                held.sources = merged;
            }
            return;
        }
        self.0.push(StatedValue::new(value, sources.clone()));
    }

    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, StatedValue> {
        self.0.iter_mut()
    }

    /// Adds a value after the others, without looking for an equal one.
    pub(crate) fn push(&mut self, stated: StatedValue) {
        self.0.push(stated);
    }

    /// How many sources each value has, in order: what [`truncate_to`](Self::truncate_to)
    /// takes to undo values and sources added since.
    pub(crate) fn lengths(&self) -> Vec<usize> {
        self.iter().map(|v| v.sources.len()).collect()
    }

    /// Keeps the first `lengths.len()` values, each with its first sources as `lengths` says.
    pub(crate) fn truncate_to(&mut self, lengths: &[usize]) {
        self.0.truncate(lengths.len());
        for (stated, &len) in self.0.iter_mut().zip(lengths) {
            stated.sources.truncate(len);
        }
    }

    /// The attributes the values set, each from the values it was stated with: the first value
    /// stated; for dates that agree the most precise, and for a disputed date the span that
    /// covers every date given (approximate if any was). `None` for an attribute without
    /// values.
    pub(crate) fn settled(&self) -> Settled {
        let first = |field| self.of(field).next().map(|v| &v.value);
        let mut settled = Settled::default();
        if let Some(FieldValue::Kind(kind)) = first(EventField::Kind) {
            settled.kind = Some(kind.clone());
        }
        if let Some(FieldValue::Status(status)) = first(EventField::Status) {
            settled.status = Some(*status);
        }
        if let Some(FieldValue::Location(place)) = first(EventField::Location) {
            settled.location = Some(*place);
        }
        if let Some(FieldValue::Description(text)) = first(EventField::Description) {
            settled.description = Some(text.clone());
        }
        let dates: Vec<FuzzyDate> = self.dates().collect();
        if let [first, ..] = dates.as_slice() {
            let width = |d: &FuzzyDate| d.latest() - d.earliest();
            settled.date = Some(if !self.is_disputed(EventField::Date) {
                // Dates that agree: the most precise of them, which every other contains
                // or overlaps.
                *dates.iter().min_by_key(|d| width(d)).unwrap_or(first)
            } else {
                let earliest = dates.iter().map(FuzzyDate::earliest).min();
                let latest = dates.iter().map(FuzzyDate::latest).max();
                let span = match (earliest, latest) {
                    (Some(start), Some(end)) => FuzzyDate::between(start, end).unwrap_or(*first),
                    _ => *first,
                };
                if dates.iter().any(FuzzyDate::is_approximate) {
                    span.approximately()
                } else {
                    span
                }
            });
        }
        settled
    }
}

/// The attributes an event's values set ([`StatedValues::settled`]); `None` for one that
/// has no values, which keeps what it is.
#[derive(Default)]
pub(crate) struct Settled {
    pub(crate) kind: Option<EventKind>,
    pub(crate) status: Option<EventStatus>,
    pub(crate) location: Option<EntityId>,
    pub(crate) description: Option<String>,
    pub(crate) date: Option<FuzzyDate>,
}

impl From<Vec<StatedValue>> for StatedValues {
    fn from(values: Vec<StatedValue>) -> Self {
        StatedValues(ThinVec::from(values))
    }
}

impl Serialize for StatedValues {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StatedValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<StatedValue>::deserialize(deserializer).map(StatedValues::from)
    }
}

impl super::Event {
    /// The value the event holds for `field`, if any.
    pub fn value_of(&self, field: EventField) -> Option<FieldValue> {
        match field {
            EventField::Kind => Some(FieldValue::Kind(self.kind.clone())),
            EventField::Status => Some(FieldValue::Status(self.status)),
            EventField::Date => self.date.map(FieldValue::Date),
            EventField::Location => self.location.map(FieldValue::Location),
            EventField::Description => self.description.clone().map(FieldValue::Description),
        }
    }

    /// Whether reports give `field` different values.
    pub fn is_disputed(&self, field: EventField) -> bool {
        self.values.is_disputed(field)
    }

    /// The attributes reports disagree on.
    pub fn disputed(&self) -> impl Iterator<Item = EventField> + '_ {
        self.values.disputed()
    }

    /// Each value `field` was stated with, and the sources that state it: the event's own
    /// value and sources for an event told once.
    ///
    /// ```
    /// let mut graph = eventkg::EventGraph::new();
    /// let first = "[[document]]\nid = \"a\"\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\n";
    /// eventkg::io::merge_str(&mut graph, first, "a.toml", None)?;
    /// let second = first.replace("\"a\"", "\"b\"") + "description = \"border talks\"\n";
    /// eventkg::io::merge_str(&mut graph, &second, "b.toml", None)?;
    /// let talks = graph.event(graph.event_by_key("talks")?).unwrap();
    /// // Both reports give the kind; only the second the description.
    /// let told = |field| talks.stated(field).map(|(_, sources)| sources.len()).collect::<Vec<_>>();
    /// assert_eq!(told(eventkg::EventField::Kind), [2]);
    /// assert_eq!(told(eventkg::EventField::Description), [1]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn stated(&self, field: EventField) -> impl Iterator<Item = (FieldValue, &[Source])> {
        self.values
            .stated(field, move || self.value_of(field), &self.sources)
    }

    /// The event with each attribute that [`values`](Self::values) holds set from them: the
    /// first value stated; for dates that agree the most precise, and for a disputed date the
    /// span that covers every date given (approximate if any was). Attributes without values
    /// are left as they are.
    pub fn settled(mut self) -> Self {
        self.settle();
        self
    }

    pub(crate) fn settle(&mut self) {
        let settled = self.values.settled();
        if let Some(kind) = settled.kind {
            self.kind = kind;
        }
        if let Some(status) = settled.status {
            self.status = status;
        }
        if let Some(place) = settled.location {
            self.location = Some(place);
        }
        if let Some(text) = settled.description {
            self.description = Some(text);
        }
        if let Some(date) = settled.date {
            self.date = Some(date);
        }
    }

    /// What this event, told again, states, in the order [`absorb`](Self::absorb) folds it
    /// in: its kept values one by one and then its sources, or, when it keeps none, every
    /// attribute it has, told by its sources.
    pub(crate) fn statements(&self) -> SmallVec<[Statement<'_>; 2]> {
        if self.values.is_empty() {
            let stated = EventField::ALL
                .into_iter()
                .filter_map(|field| self.value_of(field))
                .collect();
            smallvec![(stated, &self.sources)]
        } else {
            self.values
                .iter()
                .map(|v| (smallvec![v.value.clone()], &v.sources))
                .chain([(SmallVec::new(), &self.sources)])
                .collect()
        }
    }

    /// Folds in another statement of this event: each value it gives, with the sources that
    /// give it (its kept values where it has them, else its own attributes, told by its
    /// sources), and a key, a confidence short of certain, attributes and a GDELT coding this
    /// event lacks. Stating again exactly what was stated changes nothing.
    pub(crate) fn absorb(&mut self, other: &super::Event) {
        for (stated, sources) in other.statements() {
            self.restate(&stated, sources);
        }
        if self.key.is_none() {
            self.key.clone_from(&other.key);
        }
        // Certain is what a report leaves unsaid: a confidence stated later is taken.
        if self.confidence.is_certain() {
            self.confidence = other.confidence;
        }
        self.attributes.fill_from(&other.attributes);
        if self.gdelt.is_none() {
            self.gdelt.clone_from(&other.gdelt);
        }
    }

    /// Folds in `stated`, the attributes a statement gives, told by `sources`: each value is
    /// kept with the sources that state it, and the event's sources gain `sources`.
    ///
    /// Values stated by the same sources share one list, and each list grown by `sources` is
    /// grown once ([`Grown`]): an event told again by one more report (a story shared across
    /// a corpus) would otherwise copy the same list for its kind, status, date and sources.
    fn restate(&mut self, stated: &[FieldValue], sources: &Sources) {
        let new_source = sources.iter().any(|s| !self.sources.contains(s));
        let differs = stated
            .iter()
            .any(|v| self.value_of(v.field()).as_ref() != Some(v));
        if !new_source && !differs {
            return;
        }
        let mut grown = Grown::default();
        if self.values.is_empty() {
            // Until now one statement told the event, so its sources state every attribute.
            for field in EventField::ALL {
                if let Some(value) = self.value_of(field) {
                    self.values.state(value, &self.sources, &mut grown);
                }
            }
        }
        for value in stated {
            self.values.state(value.clone(), sources, &mut grown);
        }
        if let Some(merged) = grown.with_missing(&self.sources, sources) {
            self.sources = merged;
        }
        self.settle();
    }
}

/// What one statement of an event gives: values, told by sources.
pub(crate) type Statement<'e> = (SmallVec<[FieldValue; 5]>, &'e Sources);

/// The lists one restatement grew, each by the same sources: a list held by several values is
/// grown once, and they share the result.
#[derive(Default)]
pub(crate) struct Grown(smallvec::SmallVec<[(Sources, Sources); 2]>);

impl Grown {
    /// `held` with the sources of `incoming` it lacks, as [`Sources::with_missing`]; `None`
    /// when it lacks none.
    fn with_missing(&mut self, held: &Sources, incoming: &Sources) -> Option<Sources> {
        if let Some((_, grown)) = self.0.iter().find(|(before, _)| before.same_list(held)) {
            return Some(grown.clone());
        }
        let grown = held.with_missing(incoming)?;
        self.0.push((held.clone(), grown.clone()));
        Some(grown)
    }
}
