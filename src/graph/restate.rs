//! An event told again, folded in where it is held.
//!
//! A story that one report after another tells is one event whose sources and kept values grow
//! by a report each time. Folded in through a copy of the whole event, as
//! [`update_event`](EventGraph::update_event) does, each report cost every source before it,
//! and the check of the copy their square: ten thousand reports of one story took minutes.
//! Here only what the report brings is checked, and its sources are appended to the event's
//! lists in place; the open journal notes how long each list was, to undo a file that fails.

use super::event_record::{Location, NO_RARE_FIELDS, RareFields};
use super::*;
use crate::model::{Attributes, EventField, FieldValue, StatedValue, StatedValues, Statement};

impl EventGraph {
    /// Folds `event` into event `id` in place, as [`update_event`](Self::update_event) with
    /// [`Event::absorb`] would: the event holds the same afterwards. `false`, having changed
    /// nothing, when the open journal keeps the event's first value whole (it was changed
    /// another way since the journal opened), whose copy of the lists appending would copy.
    ///
    /// On an error the event is unchanged, except past a full string or kind table (billions
    /// of texts), where the merge that restates it is undone.
    pub(super) fn restate_in_place(&mut self, id: EventId, event: &Event) -> Result<bool, Error> {
        if self.journal().is_some_and(|j| j.keeps_whole(id)) {
            return Ok(false);
        }
        let statements = event.statements();
        let attributes = self.check_restatement(id, event, &statements)?;
        self.note_restated_event(id);
        for (stated, sources) in &statements {
            self.restate_values(id, stated, sources)?;
        }
        let new_key = match (self.events.get(id), &event.key) {
            (Some(slot), Some(key)) if slot.value.key.is_none() => Some(self.strings.push(key)?),
            _ => None,
        };
        let slot = self.events.get_mut(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let record = &mut slot.value;
        if new_key.is_some() {
            record.key = new_key;
        }
        let rare = rare_of(record);
        // Certain is what a report leaves unsaid: a confidence stated later is taken.
        if rare.confidence.is_certain() {
            rare.confidence = event.confidence;
        }
        rare.attributes = attributes;
        if rare.gdelt.is_none() {
            rare.gdelt = event.gdelt.as_deref().cloned();
        }
        settle_rare(record);
        if new_key.is_some() {
            self.index_event_key(id);
        }
        self.forget_keyless();
        Ok(true)
    }

    /// Checks what a restatement brings to event `id`, as [`check_event`](Self::check_event)
    /// would check the event it makes: its new key, values and sources, and the attributes
    /// the event would have, which it returns.
    fn check_restatement(
        &self,
        id: EventId,
        event: &Event,
        statements: &[Statement<'_>],
    ) -> Result<Attributes, Error> {
        let held = self.event(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let mut attributes = held.attributes().clone();
        attributes.fill_from(&event.attributes);
        check_attributes(&attributes)?;
        if held.key().is_none()
            && let Some(key) = &event.key
        {
            self.check_new_key(key, Some(id))?;
        }
        for (stated, sources) in statements {
            for value in stated {
                match value {
                    FieldValue::Description(text) => check_text("event description", text)?,
                    FieldValue::Location(place) => self.check_location(*place)?,
                    _ => {}
                }
            }
            self.check_sources(sources)?;
        }
        Ok(attributes)
    }

    /// Folds one statement into event `id`, as `Event::restate` does: each of `stated` kept
    /// with `sources` (the event's own values first, told by its sources, when it kept none
    /// yet), and `sources` added to the event's.
    fn restate_values(
        &mut self,
        id: EventId,
        stated: &[FieldValue],
        sources: &Sources,
    ) -> Result<(), Error> {
        let held = self.event(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let since = self
            .journal()
            .map_or(0, |j| j.sources_before(self, RecordId::Event(id)));
        let new_source = !self
            .missing_sources(held.sources(), since, sources)
            .is_empty();
        let differs = stated
            .iter()
            .any(|v| held.value_of(v.field()).as_ref() != Some(v));
        if !new_source && !differs {
            return Ok(());
        }
        // Until now one statement told the event, so its sources state every attribute.
        let own: Vec<StatedValue> = if held.values().is_empty() {
            let told = Sources::from(held.sources().to_vec());
            EventField::ALL
                .into_iter()
                .filter_map(|field| held.value_of(field))
                .map(|value| StatedValue::new(value, told.clone()))
                .collect()
        } else {
            Vec::new()
        };
        // Each stated value the event kept, by its place, with the sources it lacks; the
        // values it did not keep, to add.
        let before = self.journal().map_or(&[][..], |j| j.values_before(id));
        let kept = if own.is_empty() {
            held.values().as_slice()
        } else {
            own.as_slice()
        };
        let mut lacking: SmallVec<[(usize, Vec<Source>); 5]> = SmallVec::new();
        let mut added: SmallVec<[StatedValue; 2]> = SmallVec::new();
        for value in stated {
            match kept.iter().position(|v| v.value == *value) {
                Some(at) => {
                    // The event's own values were made just now, from its sources.
                    let since = if own.is_empty() {
                        before.get(at).copied().unwrap_or(0)
                    } else {
                        0
                    };
                    let missing = self.missing_sources(&kept[at].sources, since, sources);
                    lacking.push((at, missing.into_iter().cloned().collect()));
                }
                None => added.push(StatedValue::new(value.clone(), sources.clone())),
            }
        }
        let slot = self.events.get_mut(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let values = &mut rare_of(&mut slot.value).values;
        for stated in own.into_iter().chain(added) {
            values.push(stated);
        }
        grow_shared(values, lacking);
        self.restate_sources(RecordId::Event(id), sources)?;
        let slot = self.events.get_mut(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let record = &mut slot.value;
        let settled = record.rare().values.settled();
        if let Some(kind) = settled.kind {
            record.kind = self.event_kinds.code(&kind, "event kinds")?;
        }
        if let Some(status) = settled.status {
            record.status = status;
        }
        if let Some(place) = settled.location {
            rare_of(record).location = Location::of(Some(place));
        }
        if let Some(text) = settled.description
            && record.description.map(|held| self.strings.get(held)) != Some(text.as_str())
        {
            record.description = Some(self.strings.intern(&text)?);
        }
        if let Some(date) = settled.date {
            record.date = Some(date);
        }
        settle_rare(record);
        Ok(())
    }
}

/// Appends to each value `at` the sources it lacks. Values that share one list (those one
/// statement told alike) lack the same sources, and their list is grown once and stays
/// shared, as [`Event::absorb`] grows it: in place when no other value holds it, else in one
/// copy.
fn grow_shared(values: &mut StatedValues, mut lacking: SmallVec<[(usize, Vec<Source>); 5]>) {
    let list = |values: &StatedValues, at: usize| values.as_slice()[at].sources.list_address();
    lacking.retain(|(_, missing)| !missing.is_empty());
    while let Some((at, missing)) = lacking.pop() {
        let address = list(values, at);
        let mut sharing: SmallVec<[usize; 4]> = SmallVec::new();
        lacking.retain(|&mut (other, _)| {
            let same = address.is_some() && list(values, other) == address;
            if same {
                sharing.push(other);
            }
            !same
        });
        let mut entries: SmallVec<[&mut StatedValue; 5]> = values.iter_mut().collect();
        // The other handles let go of while it grows, so that it grows in place when they
        // were all there are.
        for &other in &sharing {
            entries[other].sources = Sources::new();
        }
        for source in missing {
            entries[at].sources.push(source);
        }
        let grown = entries[at].sources.clone();
        for &other in &sharing {
            entries[other].sources = grown.clone();
        }
    }
}

/// The record's rare fields, to change; made for a record that had none.
fn rare_of(record: &mut EventRecord) -> &mut RareFields {
    record
        .rare
        .get_or_insert_with(|| Box::new(NO_RARE_FIELDS.clone()))
}

/// Lets go of rare fields that say nothing, as a packed record holds none.
fn settle_rare(record: &mut EventRecord) {
    if record.rare.as_deref() == Some(&NO_RARE_FIELDS) {
        record.rare = None;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::*;

    /// One report's statement of the event, drawn from a few values each, so that reports
    /// agree, disagree and repeat one another.
    #[derive(Clone, Debug)]
    struct Told {
        kind: usize,
        planned: bool,
        day: Option<usize>,
        place: Option<usize>,
        description: Option<usize>,
        confidence: bool,
        attribute: Option<(usize, usize)>,
        key: bool,
        /// Explicit values, each a field's choice and which of the sources state it.
        values: Vec<(usize, usize, Vec<usize>)>,
        /// Sources: a document, new in this round or held before it, and a quote.
        sources: Vec<(bool, usize, usize)>,
    }

    /// What a round does to the event, beside restating it.
    #[derive(Clone, Debug)]
    enum Step {
        Restate(Told),
        /// A change through `update_event`, after which the journal keeps the first value
        /// whole and the restatements that follow take the general path.
        Describe(usize),
        /// A restatement citing a document the graph does not hold: refused, nothing changed.
        Unknown,
    }

    fn told() -> impl Strategy<Value = Told> {
        (
            (0usize..2, any::<bool>(), proptest::option::of(0usize..3)),
            (
                proptest::option::of(0usize..2),
                proptest::option::of(0usize..2),
                prop::bool::weighted(0.2),
                proptest::option::of((0usize..2, 0usize..2)),
                prop::bool::weighted(0.3),
            ),
            prop::collection::vec(
                (0usize..3, 0usize..2, prop::collection::vec(0usize..3, 0..3)),
                0..3,
            ),
            prop::collection::vec((any::<bool>(), 0usize..3, 0usize..2), 0..4),
        )
            .prop_map(
                |(
                    (kind, planned, day),
                    (place, description, confidence, attribute, key),
                    values,
                    sources,
                )| Told {
                    kind,
                    planned,
                    day,
                    place,
                    description,
                    confidence,
                    attribute,
                    key,
                    values,
                    sources,
                },
            )
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            8 => told().prop_map(Step::Restate),
            1 => (0usize..2).prop_map(Step::Describe),
            1 => Just(Step::Unknown),
        ]
    }

    const KINDS: [EventKind; 2] = [EventKind::Meeting, EventKind::Consult];
    const TEXTS: [&str; 2] = ["made-up talks", "made-up summit"];

    /// The event `told` makes, its sources citing `old` documents and the round's `new` ones.
    fn event_of(
        told: &Told,
        (old, new): (&[DocumentId], &[DocumentId]),
        places: &[EntityId],
    ) -> Event {
        let days = [
            FuzzyDate::ymd(2024, 3, 1),
            FuzzyDate::ymd(2024, 3, 2),
            FuzzyDate::month(2024, 3),
        ];
        let mut event = Event::new(KINDS[told.kind].clone());
        if told.planned {
            event.status = EventStatus::Planned;
        }
        event.date = told.day.map(|d| days[d].clone().unwrap());
        event.location = told.place.map(|p| places[p]);
        event.description = told.description.map(|d| TEXTS[d].to_owned());
        if told.confidence {
            event.confidence = Confidence::new(0.5).unwrap();
        }
        if let Some((key, value)) = told.attribute {
            event = event.attribute(["source_kind", "tone"][key], ["wire", "op-ed"][value]);
        }
        if told.key {
            event.key = Some("made-up-story".into());
        }
        let sources: Vec<Source> = told
            .sources
            .iter()
            .map(|&(fresh, doc, quote)| {
                let documents = if fresh && !new.is_empty() { new } else { old };
                Source::new(documents[doc % documents.len()])
                    .quote(["the ministers met", "talks were held"][quote])
            })
            .collect();
        let values: Vec<StatedValue> = told
            .values
            .iter()
            .map(|(field, choice, which)| {
                let value = match field {
                    0 => FieldValue::Kind(KINDS[*choice].clone()),
                    1 => FieldValue::Date(days[*choice].clone().unwrap()),
                    _ => FieldValue::Description(TEXTS[*choice].to_owned()),
                };
                let told = which.iter().filter_map(|&i| sources.get(i).cloned());
                StatedValue::new(value, Sources::from_iter(told))
            })
            .collect();
        event.sources = Sources::from_iter(sources);
        if !values.is_empty() {
            // As a file gives them: a value's sources are among the event's.
            for value in &values {
                for source in value.sources.iter() {
                    if !event.sources.contains(source) {
                        event.sources.push(source.clone());
                    }
                }
            }
            event.values = StatedValues::from(values);
        }
        event
    }

    #[test]
    fn values_told_alike_share_one_list_that_grows_in_place() {
        let mut graph = EventGraph::new();
        let reports: Vec<DocumentId> = (0..4)
            .map(|i| {
                graph
                    .add_document(Document::new(format!("report-{i}")))
                    .unwrap()
            })
            .collect();
        let told = |report| {
            Event::new(EventKind::Meeting)
                .key("made-up-talks")
                .sources(Sources::from(Source::new(report)))
        };
        let id = graph.add_event(told(reports[0])).unwrap();
        let mut first = None;
        for (n, &report) in reports.iter().enumerate().skip(1) {
            graph.begin();
            graph.restate_event(id, &told(report)).unwrap();
            graph.commit();
            let event = graph.event(id).unwrap();
            let [kind, status] = event.values().as_slice() else {
                panic!("{:?}", event.values());
            };
            assert_eq!(kind.sources.len(), n + 1);
            let address = kind.sources.list_address();
            assert_eq!(status.sources.list_address(), address);
            assert_eq!(*first.get_or_insert(address), address);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Restating in place holds what folding a copy of the event in holds, round after
        /// round of a journal, and a round rolled back leaves the event as it was.
        #[test]
        fn restating_in_place_is_folding_a_copy_in(
            rounds in prop::collection::vec(
                (prop::collection::vec(step(), 1..5), 0usize..3, prop::bool::weighted(0.3)),
                1..6,
            ),
        ) {
            let mut graph = EventGraph::new();
            let old: Vec<DocumentId> = (0..4)
                .map(|i| graph.add_document(Document::new(format!("old-{i}"))).unwrap())
                .collect();
            let places: Vec<EntityId> = ["Made-up Harbour", "Made-up Hills"]
                .into_iter()
                .map(|name| graph.add_entity(Entity::new(EntityKind::Place, name)).unwrap())
                .collect();
            let first = Event::new(EventKind::Meeting)
                .key("made-up-story")
                .sources(Sources::from(Source::new(old[0])));
            let id = graph.add_event(first.clone()).unwrap();
            let mut expected = first;
            for (round, (steps, new_documents, roll_back)) in rounds.iter().enumerate() {
                let before = expected.clone();
                graph.begin();
                let new: Vec<DocumentId> = (0..*new_documents)
                    .map(|i| graph.add_document(Document::new(format!("new-{round}-{i}"))).unwrap())
                    .collect();
                for step in steps {
                    match step {
                        Step::Restate(told) => {
                            let event = event_of(told, (&old, &new), &places);
                            graph.restate_event(id, &event).unwrap();
                            expected.absorb(&event);
                        }
                        Step::Describe(text) => {
                            graph
                                .update_event(id, |e| e.description = Some(TEXTS[*text].into()))
                                .unwrap();
                            expected.description = Some(TEXTS[*text].into());
                        }
                        Step::Unknown => {
                            let stray = Source::new(DocumentId::new(1_000));
                            let event = Event::new(EventKind::Meeting).sources(Sources::from(stray));
                            prop_assert!(graph.restate_event(id, &event).is_err());
                        }
                    }
                    prop_assert_eq!(&graph.event(id).unwrap().to_event(), &expected);
                }
                if *roll_back {
                    graph.rollback();
                    expected = before;
                } else {
                    graph.commit();
                }
                prop_assert_eq!(&graph.event(id).unwrap().to_event(), &expected);
            }
        }
    }
}
