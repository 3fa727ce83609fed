//! Undoing a merge that failed half way: what the graph held before a file (or another graph)
//! began to change it, kept at a cost proportional to what changed, so that all-or-nothing
//! merging never copies the whole graph.
//!
//! A journal notes how many slots each table had, and the first value of every record that
//! existed before and was changed since. Records added after the journal opened are those past
//! the noted bounds, since ids are handed out in order and never reused while it is open.
//! Rolling back removes them, puts the changed records back, and gives the tables their old
//! bounds, so that the ids handed out next are the ones that would have been.

use super::document_record::DocumentRecord;
use super::entity_record::EntityRecord;
use super::event_record::{EventRecord, NO_RARE_FIELDS};
use super::relation_record::RelationRecord;
use super::{EventRef, RelationRef};
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use super::EventGraph;
use super::KeptValue;
use super::sources::SourceLists;
use crate::Error;
use crate::model::RecordId;
use crate::model::{
    DocumentId, EntityId, EventField, EventId, Participation, ParticipationId, RelationId,
    StatedValues, TableId,
};

/// A record whose first value a journal keeps.
trait Kept: Sized {
    /// The value to keep of a record that is `now`, with its first `len` sources alone when
    /// sources were appended to it in place since. A stored record's copy holds its list for
    /// as long as the journal keeps it, so that its id names the same list at a rollback.
    fn kept(now: &Self, lists: &mut SourceLists, appended_to: Option<usize>)
    -> Result<Self, Error>;
}

macro_rules! kept_record {
    ($($record:ty),*) => {$(
        impl Kept for $record {
            fn kept(
                now: &Self,
                lists: &mut SourceLists,
                appended_to: Option<usize>,
            ) -> Result<Self, Error> {
                let mut first = now.clone();
                first.sources = lists.hold_again(first.sources);
                if let Some(len) = appended_to {
                    let mut sources = lists.take(first.sources);
                    sources.truncate(len);
                    first.sources = lists.hold_vec(sources)?;
                }
                Ok(first)
            }
        }
    )*};
}

kept_record!(EntityRecord, EventRecord, RelationRecord);

impl Kept for Participation {
    fn kept(now: &Self, _: &mut SourceLists, appended_to: Option<usize>) -> Result<Self, Error> {
        let mut first = now.clone();
        if let Some(len) = appended_to {
            first.sources.truncate(len);
        }
        Ok(first)
    }
}

/// The first value of an event restated in place: its record without its kept values and
/// sources, and how many sources each kept value had (the event's own count is in
/// [`Journal::lengths`]). A whole copy would hold a handle on each value's list, so that the
/// next source appended to it copied the list: a story told by one report after another
/// would cost each report every source before it.
#[derive(Clone, Debug)]
struct RestatedEvent {
    shell: EventRecord,
    values: Vec<usize>,
}

impl RestatedEvent {
    /// The event's first record, from `now`, its record now: the shell, with the kept values
    /// it had and `now`'s source list (the caller truncates it).
    fn first(&self, now: &EventRecord) -> EventRecord {
        let mut first = self.shell.clone();
        first.sources = now.sources;
        if !self.values.is_empty() {
            let mut values = now.rare().values.clone();
            values.truncate_to(&self.values);
            first
                .rare
                .get_or_insert_with(|| Box::new(NO_RARE_FIELDS.clone()))
                .values = values;
        }
        first
    }
}

/// A record whose first value a journal holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Noted {
    Document(DocumentId),
    Record(RecordId),
}

/// What a graph held when a merge began. See the module documentation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Journal {
    documents_bound: usize,
    entities_bound: usize,
    events_bound: usize,
    strings_bound: usize,
    participations_bound: usize,
    relations_bound: usize,
    documents: Firsts<DocumentId, DocumentRecord>,
    entities: Firsts<EntityId, EntityRecord>,
    events: Firsts<EventId, EventRecord>,
    /// A participation's first value is kept whole, as the public record: its stored record
    /// holds neither its entity and event (the links do) nor its rare fields.
    participations: Firsts<ParticipationId, Participation>,
    /// Participations that a restatement gave attributes or a confidence, their sources
    /// appended in place: their first value without its sources, whose count is in
    /// `lengths` ([`note_participation_fields`](EventGraph::note_participation_fields)).
    participation_fields: Firsts<ParticipationId, Participation>,
    relations: Firsts<RelationId, RelationRecord>,
    /// How many sources a record had before sources were appended to it in place, for a
    /// record whose first value is not noted whole.
    lengths: IndexMap<RecordId, usize, FxBuildHasher>,
    /// Events restated in place ([`note_restated_event`](EventGraph::note_restated_event)),
    /// whose first value is noted so rather than whole.
    restated_events: Firsts<EventId, RestatedEvent>,
    /// Values the merge was given for records that kept another, in the order it met them.
    pub(super) kept: Vec<KeptValue>,
}

impl Journal {
    /// Forgets every first value, keeping the room the maps have; whether that room is small
    /// enough to keep.
    fn clear(&mut self) -> bool {
        /// The most first values a kept journal has room for, all maps together.
        const KEPT_ROOM: usize = 1024;
        self.documents.clear();
        self.entities.clear();
        self.events.clear();
        self.participations.clear();
        self.relations.clear();
        self.lengths.clear();
        self.restated_events.clear();
        self.participation_fields.clear();
        self.kept.clear();
        self.documents.capacity()
            + self.entities.capacity()
            + self.events.capacity()
            + self.participations.capacity()
            + self.relations.capacity()
            + self.lengths.capacity()
            + self.restated_events.capacity()
            + self.participation_fields.capacity()
            + self.kept.capacity()
            <= KEPT_ROOM
    }
}

/// An emptied journal kept for the next merge. A copy of the graph starts without one, and
/// it is no part of what the graph holds, so it is not shown.
#[derive(Default)]
pub(crate) struct SpareJournal(Option<Box<Journal>>);

impl Clone for SpareJournal {
    fn clone(&self) -> Self {
        SpareJournal(None)
    }
}

impl std::fmt::Debug for SpareJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpareJournal")
    }
}

/// The first values of changed records, by id, in the order they were first changed.
type Firsts<I, T> = IndexMap<I, T, FxBuildHasher>;

fn before<I: TableId>(id: I, bound: usize) -> bool {
    (id.index() as usize) < bound
}

/// Whether record `id` existed when the journal opened (below `bound`) and neither its whole
/// first value nor its fields are noted yet.
fn unnoted<I: TableId + std::hash::Hash + Eq, W, F>(
    id: I,
    bound: usize,
    whole: &Firsts<I, W>,
    fields: &Firsts<I, F>,
) -> bool {
    before(id, bound) && !whole.contains_key(&id) && !fields.contains_key(&id)
}

impl Journal {
    /// Whether `record` existed when the journal opened (it exists now, or was never named).
    pub(crate) fn existed(&self, record: RecordId) -> bool {
        match record {
            RecordId::Entity(id) => before(id, self.entities_bound),
            RecordId::Event(id) => before(id, self.events_bound),
            RecordId::Participation(id) => before(id, self.participations_bound),
            RecordId::Relation(id) => before(id, self.relations_bound),
        }
    }

    /// The values records kept against what the merge gave, in the order it met them.
    pub(crate) fn kept(&self) -> &[KeptValue] {
        &self.kept
    }

    /// Whether the document existed when the journal opened.
    pub(crate) fn document_existed(&self, id: DocumentId) -> bool {
        before(id, self.documents_bound)
    }

    /// What an event that existed when the journal opened held of `field` then: whether it
    /// had a value, and how many values were kept for it. `None` for an event added since.
    pub(crate) fn field_before(
        &self,
        graph: &EventGraph,
        id: EventId,
        field: EventField,
    ) -> Option<(bool, usize)> {
        if !before(id, self.events_bound) {
            return None;
        }
        if let Some(restated) = self.restated_events.get(&id) {
            let had = EventRef::new(graph, &restated.shell)
                .value_of(field)
                .is_some();
            let kept = graph.event(id)?.values().iter().take(restated.values.len());
            return Some((had, kept.filter(|v| v.value.field() == field).count()));
        }
        let old = self
            .events
            .get(&id)
            .map(|event| EventRef::new(graph, event))
            .or_else(|| graph.event(id))?;
        Some((
            old.value_of(field).is_some(),
            old.values().of(field).count(),
        ))
    }

    /// Whether the first value of event `id` is kept whole: it cannot then be restated in
    /// place, whose appended sources the copy would share.
    pub(crate) fn keeps_whole(&self, id: EventId) -> bool {
        self.events.contains_key(&id)
    }

    /// How many sources each kept value of event `id` had when it was first restated in
    /// place since the journal opened; none for an event not restated so.
    pub(crate) fn values_before(&self, id: EventId) -> &[usize] {
        self.restated_events
            .get(&id)
            .map_or(&[], |restated| restated.values.as_slice())
    }

    /// How many sources a record had when the journal opened; none for a new record.
    pub(crate) fn sources_before(&self, graph: &EventGraph, record: RecordId) -> usize {
        if !self.existed(record) {
            return 0;
        }
        let old = match record {
            RecordId::Entity(id) => self.entities.get(&id).map(|e| e.sources),
            RecordId::Event(id) => self.events.get(&id).map(|e| e.sources),
            RecordId::Participation(id) => {
                return self.participations.get(&id).map_or_else(
                    || {
                        self.lengths
                            .get(&record)
                            .copied()
                            .unwrap_or_else(|| graph.sources_or_none(record).len())
                    },
                    |p| p.sources.len(),
                );
            }
            RecordId::Relation(id) => self.relations.get(&id).map(|r| r.sources),
        };
        old.map(|sources| graph.source_lists.get(sources).len())
            .or_else(|| self.lengths.get(&record).copied())
            .unwrap_or_else(|| graph.sources_or_none(record).len())
    }
}

impl EventGraph {
    /// Opens a journal: from now until [`commit`](Self::commit) or
    /// [`rollback`](Self::rollback), every change can be undone. Records may be added and
    /// updated while it is open, not removed.
    pub(crate) fn begin(&mut self) {
        let mut journal = self.spare_journal.0.take().unwrap_or_default();
        journal.documents_bound = self.documents.bound();
        journal.entities_bound = self.entities.bound();
        journal.events_bound = self.events.bound();
        journal.participations_bound = self.participations.bound();
        journal.relations_bound = self.relations.bound();
        journal.strings_bound = self.strings.bound();
        self.journal = Some(journal);
    }

    /// The open journal, if any.
    pub(crate) fn journal(&self) -> Option<&Journal> {
        self.journal.as_deref()
    }

    /// Whether `record` was in the graph before the open journal began; every record is,
    /// when none is open.
    pub(crate) fn held_before(&self, record: RecordId) -> bool {
        self.journal().is_none_or(|journal| journal.existed(record))
    }

    /// Keeps every change made since [`begin`](Self::begin). The first values it kept let go
    /// of their source lists: a list only the journal held is forgotten with it, as it would
    /// have been without a journal.
    pub(crate) fn commit(&mut self) {
        let Some(journal) = self.journal.take() else {
            return;
        };
        let lists = &mut self.source_lists;
        for (_, old) in &journal.entities {
            lists.release(old.sources);
        }
        for (_, old) in &journal.events {
            lists.release(old.sources);
        }
        for (_, old) in &journal.relations {
            lists.release(old.sources);
        }
        // Kept, emptied, for the next merge: a corpus opens one journal a file, and its maps
        // would otherwise be allocated and grown again each time. A journal that grew large
        // (a merge of a whole graph) is let go, so that its room is not held for good.
        let mut journal = journal;
        if journal.clear() {
            self.spare_journal = SpareJournal(Some(journal));
        }
    }

    /// Notes the value a record has now, before its first change since the journal opened; a
    /// record added since needs none, since rolling back removes it.
    pub(crate) fn note(&mut self, record: Noted) -> Result<(), Error> {
        fn keep<I: TableId + std::hash::Hash + Eq, T: Kept>(
            firsts: &mut Firsts<I, T>,
            lists: &mut SourceLists,
            (bound, id): (usize, I),
            now: Option<&T>,
            appended_to: Option<usize>,
        ) -> Result<(), Error> {
            if before(id, bound)
                && !firsts.contains_key(&id)
                && let Some(now) = now
            {
                firsts.insert(id, T::kept(now, lists, appended_to)?);
            }
            Ok(())
        }
        // Made only when it is kept: a participation's first value is built from its view.
        let participation = match (record, self.journal.as_deref()) {
            (Noted::Record(RecordId::Participation(id)), Some(j))
                if before(id, j.participations_bound) && !j.participations.contains_key(&id) =>
            {
                // Noted before without its sources, which have only grown since.
                let fields = self
                    .journal
                    .as_deref()
                    .and_then(|j| j.participation_fields.get(&id));
                self.participation(id).map(|p| Participation {
                    sources: p.sources().into(),
                    ..fields.cloned().unwrap_or_else(|| p.unsourced())
                })
            }
            _ => None,
        };
        let Some(journal) = self.journal.as_deref_mut() else {
            return Ok(());
        };
        let j = journal;
        let lists = &mut self.source_lists;
        let appended_to = match record {
            Noted::Record(record) => j.lengths.get(&record).copied(),
            Noted::Document(_) => None,
        };
        let kept = match record {
            Noted::Document(id) => {
                if before(id, j.documents_bound)
                    && !j.documents.contains_key(&id)
                    && let Some(slot) = self.documents.get(id)
                {
                    j.documents.insert(id, slot.value.clone());
                }
                Ok(())
            }
            Noted::Record(RecordId::Entity(id)) => keep(
                &mut j.entities,
                lists,
                (j.entities_bound, id),
                self.entities.get(id).map(|s| &s.value),
                appended_to,
            ),
            Noted::Record(RecordId::Event(id)) => {
                let now = self.events.get(id).map(|s| &s.value);
                // Restated in place before: its first value is the one noted then.
                let first = j
                    .restated_events
                    .swap_remove(&id)
                    .zip(now)
                    .map(|(restated, now)| restated.first(now));
                keep(
                    &mut j.events,
                    lists,
                    (j.events_bound, id),
                    first.as_ref().or(now),
                    appended_to,
                )
            }
            Noted::Record(RecordId::Participation(id)) => keep(
                &mut j.participations,
                lists,
                (j.participations_bound, id),
                participation.as_ref(),
                appended_to,
            ),
            Noted::Record(RecordId::Relation(id)) => keep(
                &mut j.relations,
                lists,
                (j.relations_bound, id),
                self.relations.get(id).map(|s| &s.value),
                appended_to,
            ),
        };
        // Once the first value is kept whole, the length noted of its sources is in it.
        if let (Ok(()), Noted::Record(record)) = (&kept, record) {
            j.lengths.swap_remove(&record);
            if let RecordId::Participation(id) = record {
                j.participation_fields.swap_remove(&id);
            }
        }
        kept
    }

    /// Notes how many sources a record has now, before sources are appended to it in place,
    /// unless its first value is noted already.
    pub(crate) fn note_sources(&mut self, record: RecordId) {
        let len = self.sources_or_none(record).len();
        let Some(j) = self.journal.as_deref_mut() else {
            return;
        };
        let noted_whole = match record {
            RecordId::Entity(id) => j.entities.contains_key(&id),
            RecordId::Event(id) => j.events.contains_key(&id),
            RecordId::Participation(id) => j.participations.contains_key(&id),
            RecordId::Relation(id) => j.relations.contains_key(&id),
        };
        if j.existed(record) && !noted_whole {
            j.lengths.entry(record).or_insert(len);
        }
    }

    /// Notes event `id` as it is now, before values and sources are appended to it in place,
    /// unless its first value is noted already: its fields, and how many sources its list and
    /// each of its kept values have.
    pub(crate) fn note_restated_event(&mut self, id: EventId) {
        let unnoted = self
            .journal()
            .is_some_and(|j| unnoted(id, j.events_bound, &j.events, &j.restated_events));
        let Some(slot) = self.events.get(id).filter(|_| unnoted) else {
            return;
        };
        let mut shell = slot.value.clone();
        shell.sources = None;
        let values = match &mut shell.rare {
            Some(rare) => std::mem::replace(&mut rare.values, StatedValues::new()).lengths(),
            None => Vec::new(),
        };
        if let Some(j) = self.journal.as_deref_mut() {
            j.restated_events
                .insert(id, RestatedEvent { shell, values });
        }
        self.note_sources(RecordId::Event(id));
    }

    /// Notes participation `id`'s first value without its sources, and how many sources it
    /// has, before a restatement gives it attributes or a confidence and appends sources in
    /// place: a whole copy would copy its list, for each report of a story that tells it.
    pub(crate) fn note_participation_fields(&mut self, id: ParticipationId) {
        let unnoted = self.journal().is_some_and(|j| {
            unnoted(
                id,
                j.participations_bound,
                &j.participations,
                &j.participation_fields,
            )
        });
        let Some(fields) = self.participation(id).filter(|_| unnoted) else {
            return;
        };
        let fields = fields.unsourced();
        if let Some(j) = self.journal.as_deref_mut() {
            j.participation_fields.insert(id, fields);
        }
        self.note_sources(RecordId::Participation(id));
    }

    /// Undoes every change made since [`begin`](Self::begin): the graph holds what it held
    /// then, and hands out the same ids next. Costs what the changes did.
    pub(crate) fn rollback(&mut self) {
        let Some(journal) = self.journal.take() else {
            return;
        };
        let journal = *journal;
        // Facts first, so that no edge is left on a node about to go. Then each kind of record:
        // those added since go, and those changed take back their first values. A first value
        // passed every check when it was current, and names only records that were there
        // then, so putting it back through the update that re-indexes it succeeds; entities,
        // events and documents, whose names and keys the changes may have traded among
        // themselves, take back the records the journal kept, unchecked (`put_back_*`).
        for index in (journal.relations_bound..self.relations.bound()).rev() {
            let _ = self.remove_relation(RelationId::from_index(index as u32));
        }
        self.relations.truncate(journal.relations_bound);
        for index in (journal.participations_bound..self.participations.bound()).rev() {
            let _ = self.remove_participation(ParticipationId::from_index(index as u32));
        }
        self.participations.truncate(journal.participations_bound);

        for (id, old) in journal.relations {
            let first = RelationRef::new(self, &old).to_relation();
            let _ = self.update_relation(id, |held| *held = first);
            self.source_lists.release(old.sources);
        }
        for (id, old) in journal.participations {
            let _ = self.update_participation(id, |held| *held = old);
        }
        // Their sources were only appended to since, and the loop of lengths below truncates
        // them; so for events restated in place, below.
        for (id, old) in journal.participation_fields {
            let now = self.sources_or_none(RecordId::Participation(id)).into();
            let _ = self.update_participation(id, |held| {
                *held = Participation {
                    sources: now,
                    ..old
                }
            });
        }
        for index in (journal.events_bound..self.events.bound()).rev() {
            let _ = self.remove_event(EventId::from_index(index as u32));
        }
        self.events.truncate(journal.events_bound);
        self.put_back_events(journal.events);
        for (id, restated) in journal.restated_events {
            let Some(first) = self.events.get(id).map(|s| restated.first(&s.value)) else {
                continue;
            };
            let first = EventRef::new(self, &first).to_event();
            let _ = self.update_event(id, |held| *held = first);
        }
        for index in (journal.entities_bound..self.entities.bound()).rev() {
            self.drop_entity(EntityId::from_index(index as u32));
        }
        self.entities.truncate(journal.entities_bound);
        self.put_back_entities(journal.entities);
        for (record, len) in journal.lengths {
            if let Some(&mut held) = self.sources_mut(record) {
                let mut sources = self.source_lists.take(held);
                sources.truncate(len);
                // The table is full only past four billion distinct lists, which no graph that
                // fits in memory reaches; the shorter list mostly takes the slot the longer
                // one left.
                let shorter = self.source_lists.hold_vec(sources).unwrap_or(None);
                if let Some(held) = self.sources_mut(record) {
                    *held = shorter;
                }
            }
        }

        for index in (journal.documents_bound..self.documents.bound()).rev() {
            self.drop_document(DocumentId::from_index(index as u32));
        }
        self.documents.truncate(journal.documents_bound);
        self.put_back_documents(journal.documents);
        self.source_lists.forget_documents(journal.documents_bound);
        // Every record that named a string interned since is gone or back to its first value.
        self.strings.truncate(journal.strings_bound);
    }
}

/// Putting back the records a journal kept, as it kept them. Each passed every check when it
/// was current, together with the others, and its strings and source list are the ones it
/// held then; checked one at a time, a record whose first name or key another changed record
/// holds now (two entities that traded names) would be refused.
impl EventGraph {
    fn put_back_entities(&mut self, firsts: Firsts<EntityId, EntityRecord>) {
        for (id, first) in firsts {
            let Some(slot) = self.entities.get_mut(id) else {
                self.source_lists.release(first.sources);
                continue;
            };
            let now = std::mem::replace(&mut slot.value, first);
            self.links.entry_mut(id).kind = slot.value.kind;
            self.source_lists.release(now.sources);
            for name in now.names(&self.strings) {
                self.names.remove(name, id);
            }
            let (entities, strings, names) = (&self.entities, &self.strings, &mut self.names);
            if let Some(slot) = entities.get(id) {
                names.insert_all(slot.value.names(strings), id);
            }
        }
    }

    /// Every key leaves the index before any comes back, so that two events that traded
    /// keys each find theirs free.
    fn put_back_events(&mut self, firsts: Firsts<EventId, EventRecord>) {
        self.forget_keyless();
        for &id in firsts.keys() {
            if let Some(key) = self.events.get(id).and_then(|slot| slot.value.key) {
                self.event_keys.remove(self.strings.get(key), id);
            }
        }
        for (id, first) in firsts {
            let Some(slot) = self.events.get_mut(id) else {
                self.source_lists.release(first.sources);
                continue;
            };
            let now = std::mem::replace(&mut slot.value, first);
            self.source_lists.release(now.sources);
            self.index_event_key(id);
        }
    }

    /// As [`put_back_events`](Self::put_back_events), by their keys.
    fn put_back_documents(&mut self, firsts: Firsts<DocumentId, DocumentRecord>) {
        for &id in firsts.keys() {
            if let Some(slot) = self.documents.get(id) {
                self.document_keys
                    .remove(self.strings.get(slot.value.key), id);
            }
        }
        for (id, first) in firsts {
            if let Some(slot) = self.documents.get_mut(id) {
                slot.value = first;
                self.index_document_key(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Entity, EntityKind, Error, Event, EventGraph, EventKind};

    /// The graph's records, in full, for comparing a graph before and after a rollback.
    fn records(graph: &EventGraph) -> String {
        format!(
            "{:?}\n{:?}\n{:?}",
            graph
                .entities()
                .map(|(id, e)| (id, e.to_entity()))
                .collect::<Vec<_>>(),
            graph
                .events()
                .map(|(id, e)| (id, e.to_event()))
                .collect::<Vec<_>>(),
            graph
                .documents()
                .map(|(id, d)| (id, d.to_document()))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_changed_record_gets_back_a_name_or_key_that_a_record_added_since_took() -> Result<(), Error>
    {
        // Made-up records.
        let mut graph = EventGraph::new();
        let quist = graph.add_entity(Entity::new(EntityKind::Person, "made-up Quist"))?;
        let talks = graph.add_event(Event::new(EventKind::Meeting).key("made-up-talks"))?;
        let report =
            graph.add_document(Document::new("made-up-report").title("A made-up title"))?;
        let before = records(&graph);

        graph.begin();
        graph.update_entity(quist, |e| e.name = "made-up Marr".into())?;
        graph.add_entity(Entity::new(EntityKind::Person, "made-up Quist").alias("made-up Q"))?;
        graph.update_event(talks, |e| e.key = Some("made-up-visit".into()))?;
        graph.add_event(Event::new(EventKind::Statement).key("made-up-talks"))?;
        graph.update_document(report, |d| {
            d.key = "made-up-letter".into();
            d.title = Some("Another made-up title".into());
        })?;
        graph.add_document(Document::new("made-up-report"))?;
        graph.rollback();

        assert_eq!(records(&graph), before);
        assert_eq!(graph.find_entity("made-up Quist")?, quist);
        assert!(graph.find_entity("made-up Q").is_err());
        assert_eq!(graph.event_by_key("made-up-talks")?, talks);
        assert_eq!(graph.document_by_key("made-up-report")?, report);
        Ok(())
    }

    #[test]
    fn records_that_traded_names_and_keys_get_back_their_own() -> Result<(), Error> {
        // Made-up records, two of each kind, each pair trading its names or keys in a merge.
        let mut graph = EventGraph::new();
        let person = |name: &str| Entity::new(EntityKind::Person, name);
        let (quist, marr) = (
            graph.add_entity(person("made-up Quist"))?,
            graph.add_entity(person("made-up Marr"))?,
        );
        let keyed = |key: &str| Event::new(EventKind::Meeting).key(key);
        let (talks, visit) = (
            graph.add_event(keyed("made-up-talks"))?,
            graph.add_event(keyed("made-up-visit"))?,
        );
        let (report, letter) = (
            graph.add_document(Document::new("made-up-report"))?,
            graph.add_document(Document::new("made-up-letter"))?,
        );
        let before = records(&graph);

        graph.begin();
        graph.update_entity(quist, |e| e.name = "made-up Q".into())?;
        graph.update_entity(marr, |e| e.name = "made-up Quist".into())?;
        graph.update_entity(quist, |e| e.name = "made-up Marr".into())?;
        graph.update_event(talks, |e| e.key = Some("made-up-other".into()))?;
        graph.update_event(visit, |e| e.key = Some("made-up-talks".into()))?;
        graph.update_event(talks, |e| e.key = Some("made-up-visit".into()))?;
        graph.update_document(report, |d| d.key = "made-up-other".into())?;
        graph.update_document(letter, |d| d.key = "made-up-report".into())?;
        graph.update_document(report, |d| d.key = "made-up-letter".into())?;
        graph.rollback();

        assert_eq!(records(&graph), before);
        assert_eq!(graph.find_entity("made-up Quist")?, quist);
        assert_eq!(graph.find_entity("made-up Marr")?, marr);
        assert!(graph.find_entity("made-up Q").is_err());
        assert_eq!(graph.event_by_key("made-up-talks")?, talks);
        assert_eq!(graph.event_by_key("made-up-visit")?, visit);
        assert!(graph.event_by_key("made-up-other").is_err());
        assert_eq!(graph.document_by_key("made-up-report")?, report);
        assert_eq!(graph.document_by_key("made-up-letter")?, letter);
        assert!(graph.document_by_key("made-up-other").is_err());
        Ok(())
    }
}
