//! One copy of each distinct source list, shared by every record that cites it and named by
//! a 4-byte id.
//!
//! A record's sources were a shared pointer of 8 bytes to a counted block holding a `Vec`;
//! participations, the most numerous records, are 8 bytes in all with a 4-byte id, and a list
//! is one block, its sources end to end. The table counts each list's holders itself, so that
//! a list goes with the last record that cites it. A list is found again by its sources
//! (hashed) or, when it is one source that names a document and nothing more, by that
//! document: such a list's id is made of its document's, and it takes no slot and no count.

use std::num::NonZeroU32;

use hashbrown::HashTable;

use super::index_hash::IndexHash;

use crate::model::{Source, Sources};
use crate::{DocumentId, Error, ErrorKind};

/// A list of the table. Never zero, so that a record's `Option<ListId>` takes 4 bytes; `None`
/// is the empty list, which the table does not hold. The top bit marks the bare list of a
/// document, whose index is the rest (document ids stay below 2^31); any other list's id is
/// its slot plus one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ListId(NonZeroU32);

const BARE: u32 = 1 << 31;

/// Where the table keeps a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    /// In this slot of [`SourceLists::lists`].
    Slot(usize),
    /// It is the bare list of the document of this index.
    Bare(usize),
}

impl ListId {
    fn at(self) -> At {
        let id = self.0.get();
        if id & BARE == 0 {
            At::Slot(id as usize - 1)
        } else {
            At::Bare((id & !BARE) as usize)
        }
    }

    fn slot(at: usize) -> Option<ListId> {
        u32::try_from(at + 1)
            .ok()
            .filter(|&id| id & BARE == 0)
            .and_then(NonZeroU32::new)
            .map(ListId)
    }

    fn bare(document: usize) -> Option<ListId> {
        u32::try_from(document)
            .ok()
            .filter(|&document| document & BARE == 0)
            .and_then(|document| NonZeroU32::new(document | BARE))
            .map(ListId)
    }
}

/// The source lists of a graph's records. Sources are user text (quotes), so the index's
/// hasher is seeded at random, as std's is; foldhash's costs a fraction of SipHash on every
/// record a graph takes in.
#[derive(Clone, Debug, Default)]
pub(crate) struct SourceLists {
    /// The lists that are not bare, by slot; a free slot's is empty.
    lists: Vec<Vec<Source>>,
    /// How many records (and first values kept by a merge's journal) hold each slot's list;
    /// no holders marks a free slot. Apart from the lists, so that holding a list again, as
    /// each record that cites one does, touches 4 bytes beside other counts, not a list's
    /// slot.
    holders: Vec<u32>,
    /// The [`IndexHash`] each slot's list is indexed under, when it is short enough to be
    /// shared: freeing the slot then finds its entry without hashing the list again, quotes
    /// and all (a list that grows by a source is freed and held again, for every document
    /// that cites a record again).
    hashes: Vec<IndexHash>,
    /// Slots whose list went with its last holder, taken again first.
    free: Vec<usize>,
    hasher: foldhash::fast::RandomState,
    /// The lists up to [`SHARED_UP_TO`] sources long, not the bare ones, each with its
    /// [`IndexHash`], so that growing the index reads no list, quotes and all.
    shared: HashTable<(IndexHash, ListId)>,
    /// The bare source (its document, and nothing said of a quote, a speaker or an outlet)
    /// of every document up to the last that a record has cited so: what such a list reads.
    /// Coded data cites every fact so (a GDELT row, a coded article without quotes). Such a
    /// list is named by its document, and is not counted: there is nothing to free when its
    /// last holder goes, so holding it reads nothing in memory (a count by document was a
    /// miss in the cache for every event of a large graph).
    bare: Vec<Source>,
}

/// The longest list that is shared. Short lists are the ones records share (an event and its
/// participants, one article's events), and are held without room to grow; a long one is a
/// record cited again and again (an actor named by every article of a corpus), which no other
/// record cites alike. Left out of the index, it is never hashed again, and grows in place as
/// documents cite the record.
pub(super) const SHARED_UP_TO: usize = 16;

impl SourceLists {
    /// The list `id` names.
    pub(crate) fn get(&self, id: Option<ListId>) -> &[Source] {
        id.map_or(&[], |id| read(&self.lists, &self.bare, id))
    }

    /// Makes room for the lists of `documents` more documents: coded data cites each fact by
    /// its document alone, one list a document.
    pub(crate) fn reserve(&mut self, documents: usize) {
        self.bare.reserve(documents);
    }

    /// Whether `id` names a list equal to `sources`: for a bare source, without reading
    /// anything (an event's participants are told by the event's own sources, as a rule).
    pub(crate) fn names(&self, id: Option<ListId>, sources: &[Source]) -> bool {
        match bare_document(sources) {
            Some(document) => id.is_some() && id == ListId::bare(document),
            None => self.get(id) == sources,
        }
    }

    /// Holds `sources` for one more record: the held list equal to it if it is short and one
    /// is, else a slot of its own. A record's sources are copied only when they are new to the
    /// table, not bare, and other handles share them.
    pub(crate) fn hold(&mut self, sources: Sources) -> Result<Option<ListId>, Error> {
        let found = self.find(&sources);
        self.hold_found(found, || sources.into_vec())
    }

    /// Holds a copy of `sources`, made only if the list is new to the table and not bare.
    pub(crate) fn hold_slice(&mut self, sources: &[Source]) -> Result<Option<ListId>, Error> {
        let found = self.find(sources);
        self.hold_found(found, || sources.to_vec())
    }

    /// Holds a list taken with [`take`](Self::take) and changed.
    pub(crate) fn hold_vec(&mut self, sources: Vec<Source>) -> Result<Option<ListId>, Error> {
        let found = self.find(&sources);
        self.hold_found(found, || sources)
    }

    /// Holds what [`find`](Self::find) found, taking the list from `owned` only if it is new
    /// and takes a slot.
    fn hold_found(
        &mut self,
        found: Found,
        owned: impl FnOnce() -> Vec<Source>,
    ) -> Result<Option<ListId>, Error> {
        match found {
            Found::Empty => Ok(None),
            Found::Held(id) => Ok(Some(self.hold_again_id(id))),
            Found::Bare(document) => self.hold_bare(document).map(Some),
            Found::New(index) => self.insert(owned(), index).map(Some),
        }
    }

    fn find(&self, sources: &[Source]) -> Found {
        if sources.is_empty() {
            return Found::Empty;
        }
        if let Some(document) = bare_document(sources) {
            return Found::Bare(document);
        }
        if sources.len() > SHARED_UP_TO {
            return Found::New(Index::Long);
        }
        let hash = IndexHash::of(&self.hasher, sources);
        let held =
            |&(bits, id): &(IndexHash, ListId)| bits == hash && self.get(Some(id)) == sources;
        match self.shared.find(hash.spread(), held) {
            Some(&(_, id)) => Found::Held(id),
            None => Found::New(Index::Shared(hash)),
        }
    }

    fn hold_again_id(&mut self, id: ListId) -> ListId {
        if let At::Slot(at) = id.at()
            && let Some(holders) = self.holders.get_mut(at)
        {
            *holders += 1;
        }
        id
    }

    /// Holds the bare list of the document of index `document`.
    fn hold_bare(&mut self, document: usize) -> Result<ListId, Error> {
        // Built only when refused, as in `Strings::push`.
        let Some(id) = ListId::bare(document) else {
            return Err(ErrorKind::CapacityExceeded {
                what: "source lists",
            }
            .into());
        };
        if self.bare.len() <= document {
            let next = self.bare.len();
            // Below 2^31, as the id says.
            self.bare
                .extend((next..=document).map(|at| Source::new(DocumentId::new(at as u32))));
        }
        Ok(id)
    }

    /// Puts a new list, not bare, in a slot and where [`find`](Self::find) looks for it.
    fn insert(&mut self, mut list: Vec<Source>, index: Index) -> Result<ListId, Error> {
        if index != Index::Long {
            // A list read or collected one source at a time has room for more than it holds
            // (four, for one source): a graph of a million lists would keep that room.
            list.shrink_to_fit();
        }
        let at = self.free.last().copied().unwrap_or(self.lists.len());
        // Built only when refused, as in `Strings::push`.
        let Some(id) = ListId::slot(at) else {
            return Err(ErrorKind::CapacityExceeded {
                what: "source lists",
            }
            .into());
        };
        let hash = match index {
            Index::Shared(hash) => hash,
            // Never read: a long list is not in the index.
            Index::Long => IndexHash::NONE,
        };
        if self.free.pop().is_some() {
            self.lists[at] = list;
            self.holders[at] = 1;
            self.hashes[at] = hash;
        } else {
            self.lists.push(list);
            self.holders.push(1);
            self.hashes.push(hash);
        }
        if let Index::Shared(hash) = index {
            self.shared
                .insert_unique(hash.spread(), (hash, id), IndexHash::of_entry);
        }
        Ok(id)
    }

    /// Holds the list `id` for one more record, which cites the very same list.
    pub(crate) fn hold_again(&mut self, id: Option<ListId>) -> Option<ListId> {
        id.map(|id| self.hold_again_id(id))
    }

    /// Lets go of a record's list: a list no record holds any longer is forgotten.
    pub(crate) fn release(&mut self, id: Option<ListId>) {
        if let Some(at) = self.let_go(id) {
            drop(self.free_slot(at));
        }
    }

    /// Lets go of a record's list and hands it back, to change and hold again: the list
    /// itself if the record was its last holder, so that it grows in place, else a copy.
    pub(crate) fn take(&mut self, id: Option<ListId>) -> Vec<Source> {
        self.take_to_grow(id, 0)
    }

    /// Lets go of a record's list and hands it back with room for `more` sources, as
    /// [`take`](Self::take) does: exactly that room while the list stays short enough to be
    /// shared, since such a list is held without room to grow (grown by `Vec`'s doubling, it
    /// was moved twice, out to the doubled block and back into one that fits); a long list
    /// grows as a `Vec` does, in place from one source to the next.
    pub(crate) fn take_to_grow(&mut self, id: Option<ListId>, more: usize) -> Vec<Source> {
        let mut list = match self.let_go(id) {
            Some(freed) => self.free_slot(freed),
            None => {
                let held = self.get(id);
                let mut copy = Vec::with_capacity(held.len() + more);
                copy.extend_from_slice(held);
                copy
            }
        };
        if list.len() + more <= SHARED_UP_TO {
            list.reserve_exact(more);
        } else {
            list.reserve(more);
        }
        list
    }

    /// Counts one holder less of `id`; the list's slot if that was its last. A bare list
    /// has no last holder: it is its document's.
    fn let_go(&mut self, id: Option<ListId>) -> Option<usize> {
        let At::Slot(at) = id?.at() else {
            return None;
        };
        let holders = self.holders.get_mut(at)?;
        debug_assert!(*holders > 0, "a free source list released again");
        *holders = holders.saturating_sub(1);
        (*holders == 0).then_some(at)
    }

    /// Frees slot `at`, whose list no record holds, and hands back the list.
    fn free_slot(&mut self, at: usize) -> Vec<Source> {
        let list = std::mem::take(&mut self.lists[at]);
        if list.len() <= SHARED_UP_TO {
            let hash = self.hashes[at];
            if let Ok(entry) = self
                .shared
                .find_entry(hash.spread(), |&(_, held)| held.at() == At::Slot(at))
            {
                entry.remove();
            }
        }
        self.free.push(at);
        list
    }

    /// Forgets the bare lists of the documents from index `bound` on, which are gone: a
    /// failed merge's, whose records are gone with them.
    pub(crate) fn forget_documents(&mut self, bound: usize) {
        self.bare.truncate(bound);
    }

    /// Every list held, in no particular order, and the bare lists of documents that no
    /// record may cite any longer: a superset, for telling that nothing cites a value.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[Source]> {
        let bare = self.bare.iter().map(std::slice::from_ref);
        self.lists
            .iter()
            .zip(&self.holders)
            .filter(|&(_, &holders)| holders > 0)
            .map(|(list, _)| list.as_slice())
            .chain(bare)
    }
}

/// What the table holds of a list.
enum Found {
    /// Nothing: the list is empty, which no slot holds.
    Empty,
    /// The list, with this id.
    Held(ListId),
    /// The bare list of the document of this index.
    Bare(usize),
    /// Not the list: where to index it.
    New(Index),
}

/// Where the table finds a list again.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Index {
    /// Nowhere: it is too long to share.
    Long,
    /// In the hashed lists, under this hash.
    Shared(IndexHash),
}

/// The list `id` names, in a table's lists and bare sources.
fn read<'t>(lists: &'t [Vec<Source>], bare: &'t [Source], id: ListId) -> &'t [Source] {
    match id.at() {
        At::Slot(at) => lists.get(at).map_or(&[], Vec::as_slice),
        At::Bare(document) => bare.get(document).map_or(&[], std::slice::from_ref),
    }
}

/// The index of the document of `list`'s one source if that source says nothing more.
fn bare_document(list: &[Source]) -> Option<usize> {
    match list {
        [only] if *only == Source::new(only.document) => Some(only.document.index() as usize),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{At, Found, IndexHash, SHARED_UP_TO, bare_document};
    use crate::model::{
        Document, Entity, EntityKind, Event, EventKind, Participation, Role, Source,
    };
    use crate::{Error, EventGraph};

    fn told_twice() -> Result<(EventGraph, Source), Error> {
        let mut graph = EventGraph::new();
        let article = graph.add_document(Document::new("article"))?;
        let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
        let source = Source::new(article).quote("France invited about ten countries");
        for _ in 0..2 {
            let event = graph.add_event(Event::new(EventKind::Proposal).source(source.clone()))?;
            graph.add_participation(
                Participation::new(france, Role::Initiator, event).source(source.clone()),
            )?;
        }
        Ok((graph, source))
    }

    /// Every held list's count of holders is the number of records that name it, and every
    /// bare list a record names reads its document.
    pub(crate) fn assert_holders_counted(graph: &EventGraph) {
        let table = &graph.source_lists;
        let mut named = vec![0u32; table.lists.len()];
        let lists = (graph.entities.iter().map(|(_, s)| s.value.sources))
            .chain(graph.events.iter().map(|(_, s)| s.value.sources))
            .chain(graph.participations.iter().map(|(_, s)| s.value.sources))
            .chain(graph.relations.iter().map(|(_, s)| s.value.sources));
        for id in lists.flatten() {
            match id.at() {
                At::Slot(at) => named[at] += 1,
                At::Bare(document) => {
                    let source = table
                        .bare
                        .get(document)
                        .expect("a bare list past the table");
                    assert_eq!(source.document.index() as usize, document);
                }
            }
        }
        assert_eq!(
            table.holders, named,
            "holders counted by the table, and records naming each list"
        );
        for (list, holders) in table.lists.iter().zip(&table.holders) {
            assert_eq!(*holders == 0, list.is_empty(), "a free slot holds no list");
            assert_eq!(bare_document(list), None, "a bare list in a slot");
        }
        // Every short list held is found again as itself, and every bare one as its document's.
        let mut shared = 0;
        for (at, list) in table.lists.iter().enumerate() {
            if table.holders[at] > 0 && list.len() <= SHARED_UP_TO {
                assert!(
                    matches!(table.find(list), Found::Held(id) if id.at() == At::Slot(at)),
                    "list {at} is not found again"
                );
                assert_eq!(
                    table.hashes[at],
                    IndexHash::of(&table.hasher, list.as_slice()),
                    "list {at} is kept under another hash than its own"
                );
                shared += 1;
            }
        }
        // A freed list's entry went with it.
        assert_eq!(
            table.shared.len(),
            shared,
            "entries of the index, and short lists held"
        );
        for (document, source) in table.bare.iter().enumerate() {
            assert_eq!(bare_document(std::slice::from_ref(source)), Some(document));
        }
        // No bare list outlives its document's slot in the table.
        assert!(table.bare.len() <= graph.documents.bound());
        let mut free = table.free.clone();
        free.sort_unstable();
        let empty: Vec<usize> = (table.holders.iter().enumerate())
            .filter(|&(_, &holders)| holders == 0)
            .map(|(at, _)| at)
            .collect();
        assert_eq!(free, empty, "the free slots are those no record holds");
    }

    /// An event and the participants that share its list, cited alike by one new document
    /// after another (a GDELT mention): the list grows for them together, and a record that
    /// shares it from elsewhere keeps it as it was; a rollback gives every record back its list.
    #[test]
    fn records_cited_alike_grow_their_list_together() -> Result<(), Error> {
        use crate::model::RecordId;
        let mut graph = EventGraph::new();
        let documents: Vec<_> = (0..24)
            .map(|i| graph.add_document(Document::new(format!("made-up-{i}"))))
            .collect::<Result<_, _>>()?;
        let [a, b, c] =
            ["A", "B", "C"].map(|name| graph.add_entity(Entity::new(EntityKind::State, name)));
        let (a, b, c) = (a?, b?, c?);
        // A participant told by a sentence of its own holds a list of its own.
        let quoted = Source::new(documents[0]).quote("C took part");
        let first = vec![Source::new(documents[0]), Source::new(documents[1])];
        let told = |graph: &mut EventGraph| -> Result<_, Error> {
            let event =
                graph.add_event(Event::new(EventKind::Visit).sources(first.clone().into()))?;
            let mut records = vec![RecordId::Event(event)];
            for (entity, role) in [(a, Role::Initiator), (b, Role::Target)] {
                let told = Participation::new(entity, role, event).sources(first.clone().into());
                records.push(RecordId::Participation(graph.add_participation(told)?));
            }
            let told = Participation::new(c, Role::Participant, event).source(quoted.clone());
            records.push(RecordId::Participation(graph.add_participation(told)?));
            Ok(records)
        };
        let cited = told(&mut graph)?;
        let other = told(&mut graph)?;
        let lists = |graph: &EventGraph, records: &[RecordId]| -> Vec<Vec<Source>> {
            records
                .iter()
                .map(|&r| graph.sources_or_none(r).to_vec())
                .collect()
        };
        let grown =
            |n: usize| -> Vec<Source> { (0..n).map(|i| Source::new(documents[i])).collect() };
        graph.begin();
        for (i, &document) in documents.iter().enumerate().skip(2) {
            // The first citations share the list with `other`'s records; once `other` is
            // cited too, the two events' lists part, and each grows on its own.
            if i == 6 {
                let (event, alike) = other.split_first().unwrap();
                graph.cite_alike(*event, alike, &[Source::new(document)], true, false)?;
            }
            let (event, alike) = cited.split_first().unwrap();
            graph.cite_alike(*event, alike, &[Source::new(document)], true, i > 2)?;
            assert_eq!(lists(&graph, &cited[..3]), vec![grown(i + 1); 3], "{i}");
            // A short list is held once by the three; a long one, not shared, by each.
            let ids: Vec<_> = cited[..3]
                .iter()
                .map(|&r| graph.sources_mut(r).and_then(|held| *held))
                .collect();
            let distinct = ids.iter().collect::<std::collections::HashSet<_>>().len();
            assert_eq!(distinct, if i < SHARED_UP_TO { 1 } else { 3 }, "{i}");
            let mut own = vec![quoted.clone()];
            own.extend(grown(i + 1).into_iter().skip(2));
            assert_eq!(lists(&graph, &cited[3..]), vec![own], "{i}");
            assert_holders_counted(&graph);
        }
        let mut expected_other = grown(6);
        expected_other.truncate(2);
        expected_other.push(Source::new(documents[6]));
        assert_eq!(lists(&graph, &other[..3]), vec![expected_other; 3]);
        // A citation that fails changes nothing.
        let unknown = [Source::new(crate::DocumentId::new(999))];
        let (event, alike) = cited.split_first().unwrap();
        assert!(
            graph
                .cite_alike(*event, alike, &unknown, true, true)
                .is_err()
        );
        assert_eq!(lists(&graph, &cited[..3]), vec![grown(24); 3]);
        assert_holders_counted(&graph);
        graph.rollback();
        assert_eq!(lists(&graph, &cited[..3]), vec![first.clone(); 3]);
        assert_eq!(lists(&graph, &other[..3]), vec![first.clone(); 3]);
        assert_eq!(lists(&graph, &cited[3..]), vec![vec![quoted.clone()]]);
        assert_holders_counted(&graph);
        assert_eq!(
            graph.source_lists.iter().count(),
            2,
            "the six share one list again, and the two of C another"
        );
        Ok(())
    }

    #[test]
    fn records_told_by_the_same_sources_share_one_list() -> Result<(), Error> {
        let (graph, _) = told_twice()?;
        assert_eq!(graph.source_lists.iter().count(), 1);
        assert_eq!(graph.source_lists.holders[0], 4);
        assert_holders_counted(&graph);
        Ok(())
    }

    #[test]
    fn a_list_is_forgotten_with_its_last_record() -> Result<(), Error> {
        let (mut graph, source) = told_twice()?;
        let events: Vec<_> = graph.events().map(|(id, _)| id).collect();
        graph.remove_event(events[0])?;
        assert_eq!(graph.source_lists.iter().count(), 1);
        graph.update_event(events[1], |event| event.sources = Default::default())?;
        assert_eq!(
            graph.source_lists.iter().count(),
            1,
            "the participation still cites it"
        );
        let cited = graph.participations().map(|(id, _)| id).collect::<Vec<_>>();
        graph.update_participation(cited[0], |p| p.sources.push(source.clone().quote("again")))?;
        assert_eq!(
            graph.source_lists.iter().count(),
            1,
            "only the new list is held"
        );
        assert_holders_counted(&graph);
        graph.remove_event(events[1])?;
        assert_eq!(graph.source_lists.iter().count(), 0);
        assert_holders_counted(&graph);
        // The freed slot is taken again.
        told_again(&mut graph, &source)?;
        assert_eq!(graph.source_lists.lists.len(), 2);
        assert_holders_counted(&graph);
        Ok(())
    }

    fn told_again(graph: &mut EventGraph, source: &Source) -> Result<(), Error> {
        graph.add_event(Event::new(EventKind::Proposal).source(source.clone()))?;
        Ok(())
    }

    #[test]
    fn a_copy_of_the_graph_keeps_its_lists() -> Result<(), Error> {
        let (mut graph, source) = told_twice()?;
        let copy = graph.clone();
        for (id, _) in copy.events() {
            graph.remove_event(id)?;
        }
        assert_eq!(graph.source_lists.iter().count(), 0);
        assert_eq!(copy.source_lists.iter().count(), 1);
        for (_, event) in copy.events() {
            assert_eq!(event.sources(), std::slice::from_ref(&source));
        }
        assert_holders_counted(&copy);
        Ok(())
    }

    #[test]
    fn a_long_list_grows_in_place_and_is_not_shared() -> Result<(), Error> {
        let mut graph = EventGraph::new();
        let mut entities = Vec::new();
        for name in ["made-up Quist", "made-up Marr"] {
            entities.push(graph.add_entity(Entity::new(EntityKind::Person, name))?);
        }
        let mut told = Vec::new();
        for i in 0..40 {
            let article = graph.add_document(Document::new(format!("made-up-{i}")))?;
            told.push(Source::new(article));
            for &entity in &entities {
                graph.restate_sources(entity.into(), &told[i..=i])?;
            }
        }
        assert_holders_counted(&graph);
        for &entity in &entities {
            assert_eq!(graph.entity(entity).map(|e| e.sources().len()), Some(40));
        }
        // Both are equal and long: each has a list of its own (and the first document, which
        // each cited alone at first, its bare list).
        assert_eq!(graph.source_lists.holders, [1, 1]);
        Ok(())
    }

    #[test]
    fn a_failed_merge_leaves_the_holders_as_they_were() -> Result<(), Error> {
        let mut graph = EventGraph::new();
        let good = "[[document]]\nid = \"a\"\n\n[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"made-up X\"\nsources = [{ document = \"a\" }]\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\nsources = [{ document = \"a\" }]\n";
        crate::io::merge_str(&mut graph, good, "a.toml", None)?;
        let before = graph.source_lists.bare.clone();
        assert_eq!(before.len(), 1, "the entity and the event cite `a` bare");
        let bad = "[[document]]\nid = \"b\"\n\n[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"made-up X\"\nsources = [{ document = \"b\" }]\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\nsources = [{ document = \"b\" }]\n\n[[event]]\nkey = \"bad\"\nkind = \"meetin\"\n";
        assert!(crate::io::merge_str(&mut graph, bad, "b.toml", None).is_err());
        assert_holders_counted(&graph);
        assert_eq!(
            graph.source_lists.bare, before,
            "`b`'s bare list is gone with `b`"
        );
        assert_eq!(graph.source_lists.iter().count(), 1);
        Ok(())
    }

    /// One change to a graph, as the property below makes them.
    #[derive(Clone, Debug)]
    enum Change {
        AddEvent(usize),
        AddParticipation { event: usize, list: usize },
        RetellEvent { event: usize, list: usize },
        RemoveEvent(usize),
        Restate { entity: usize, list: usize },
        Merge { list: usize, bad: bool },
    }

    fn change() -> impl proptest::strategy::Strategy<Value = Change> {
        use proptest::prelude::*;
        prop_oneof![
            (0..7usize).prop_map(Change::AddEvent),
            (0..8usize, 0..7usize)
                .prop_map(|(event, list)| Change::AddParticipation { event, list }),
            (0..8usize, 0..7usize).prop_map(|(event, list)| Change::RetellEvent { event, list }),
            (0..8usize).prop_map(Change::RemoveEvent),
            (0..2usize, 0..7usize).prop_map(|(entity, list)| Change::Restate { entity, list }),
            (0..7usize, any::<bool>()).prop_map(|(list, bad)| Change::Merge { list, bad }),
        ]
    }

    proptest::proptest! {
        #[test]
        fn every_list_counts_the_records_that_hold_it(
            changes in proptest::collection::vec(change(), 1..40)
        ) {
            let mut graph = EventGraph::new();
            let mut lists = Vec::new();
            for i in 0..3 {
                let article = graph.add_document(Document::new(format!("made-up-{i}"))).unwrap();
                lists.push(crate::Sources::from(Source::new(article).quote(format!("quote {i}"))));
                // The same document bare: a list of its own, found by the document.
                lists.push(crate::Sources::from(Source::new(article)));
            }
            lists.push(crate::Sources::new());
            let actors: Vec<_> = ["made-up Quist", "made-up Marr"]
                .iter()
                .map(|name| graph.add_entity(Entity::new(EntityKind::Person, *name)).unwrap())
                .collect();
            for (step, change) in changes.into_iter().enumerate() {
                let events: Vec<_> = graph.events().map(|(id, _)| id).collect();
                let event = |i: usize| events.get(i % events.len().max(1)).copied();
                // Refusals (a duplicate, a missing record) are part of the walk: each must
                // leave the counts right, as every success must.
                match change {
                    Change::AddEvent(list) => {
                        let _ = graph.add_event(Event::new(EventKind::Meeting).sources(lists[list].clone()));
                    }
                    Change::AddParticipation { event: e, list } => {
                        if let Some(e) = event(e) {
                            let _ = graph.add_participation(
                                Participation::new(actors[step % 2], Role::Participant, e)
                                    .sources(lists[list].clone()),
                            );
                        }
                    }
                    Change::RetellEvent { event: e, list } => {
                        if let Some(e) = event(e) {
                            let _ = graph.update_event(e, |e| e.sources = lists[list].clone());
                        }
                    }
                    Change::RemoveEvent(e) => {
                        if let Some(e) = event(e) {
                            let _ = graph.remove_event(e);
                        }
                    }
                    Change::Restate { entity, list } => {
                        let _ = graph.restate_sources(actors[entity].into(), &lists[list]);
                    }
                    Change::Merge { list, bad } => {
                        let text = format!(
                            "[[document]]\nid = \"made-up-{list}\"\n\n[[entity]]\nid = \"q\"\nkind = \"person\"\nname = \"made-up Quist\"\naliases = [\"made-up Q{}\"]\nsources = [{{ document = \"made-up-{list}\", quote = \"step {step}\" }}]\n\n[[event]]\nkind = \"{}\"\nsources = [{{ document = \"made-up-{list}\" }}]\n",
                            step % 3,
                            if bad { "meetin" } else { "meeting" }
                        );
                        let _ = crate::io::merge_str(&mut graph, &text, "made-up.toml", None);
                    }
                }
                assert_holders_counted(&graph);
            }
        }
    }
}
