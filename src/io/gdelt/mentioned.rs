//! What one file's mentions found out as they were added: the event each `GLOBALEVENTID`
//! names, what the first mention of an event found, and which documents each event was cited
//! by. Each is kept for one file, and cleared with it (and with a file that is rolled back),
//! so that nothing a rolled-back file added is remembered.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxBuildHasher;
use smallvec::SmallVec;

use super::import::CODE;
use crate::model::{DocumentId, EventId, ParticipationId, RecordId, Role, Source};
use crate::{Error, EventGraph};

/// The state a mentions file keeps while it is added.
#[derive(Debug, Default)]
pub(super) struct FileMentions {
    /// The event each `GLOBALEVENTID` of the file names, as GDELT coded it, or none.
    /// Mentions add no event, so the first mention of an id answers for the file, and the
    /// next ones do not format the key, look it up and read the event's record and its GDELT
    /// coding: two misses in the cache at a random event of the graph.
    ids: foldhash::HashMap<u64, Option<EventId>>,
    /// What the file's first mention of each event found.
    events: HashMap<EventId, Mentioned, FxBuildHasher>,
    /// The documents each event mentioned often in this file gained by its mentions. What an
    /// event gained in a file is its mentions' sources alone; a few are looked through, and
    /// from [`SCANNED`] on, this answers: a story mentioned by thousands of articles of one
    /// file scanned them all for each one.
    cited: HashSet<(EventId, DocumentId), FxBuildHasher>,
    /// The documents from before this file that each record of [`known_records`] cites by a
    /// mention, taken from its list the first time a mention of such a document needed it
    /// (a long list), and kept as the file's mentions cite more.
    ///
    /// [`known_records`]: Self::known_records
    known: HashSet<(RecordId, DocumentId), FxBuildHasher>,
    known_records: HashSet<RecordId, FxBuildHasher>,
}

impl FileMentions {
    /// Forgets the file: at the start of the next, or when it is rolled back.
    pub(super) fn clear(&mut self) {
        self.ids.clear();
        self.events.clear();
        self.cited.clear();
        self.known.clear();
        self.known_records.clear();
    }

    /// The event GDELT coded under `id`, if the graph holds it. A mention tells the event as
    /// GDELT coded it: an event by that key from elsewhere (a graph file's own key) is not the
    /// one it mentions.
    pub(super) fn event(&mut self, graph: &EventGraph, id: u64) -> Option<EventId> {
        *self.ids.entry(id).or_insert_with(|| {
            graph
                .event_with_key(itoa::Buffer::new().format(id))
                .filter(|&event| graph.event(event).is_some_and(|e| e.gdelt().is_some()))
        })
    }

    /// Cites `document` for `event` and the participants GDELT coded it with, unless an
    /// earlier mention did.
    pub(super) fn cite(
        &mut self,
        graph: &mut EventGraph,
        event: EventId,
        document: DocumentId,
    ) -> Result<(), Error> {
        let added_here = graph
            .journal()
            .is_some_and(|journal| !journal.document_existed(document));
        let mentioned = self
            .events
            .entry(event)
            .or_insert_with(|| Mentioned::first(graph, event));
        if added_here && mentioned.cited(graph, &mut self.cited, event, document) {
            // Cited by an earlier mention in this file, the event and its participants both.
            return Ok(());
        }
        let coded: SmallVec<[RecordId; 2]> = mentioned
            .coded
            .iter()
            .map(|&p| RecordId::Participation(p))
            .collect();
        let noted = std::mem::replace(&mut mentioned.noted, true);
        if added_here {
            let sources = [Source::new(document)];
            graph.cite_alike(RecordId::Event(event), &coded, &sources, true, noted)
        } else {
            self.cite_known(graph, RecordId::Event(event), &coded, document, noted)
        }
    }

    /// Cites `document`, which the graph held before this file, for `event` and each of
    /// `coded`, unless the record holds it already: looked for in a short list, and in a long
    /// one through [`known`](Self::known), filled from the record's list the first time the
    /// file asks. A file imported again, or a day's mentions of a story already cited by
    /// thousands, scanned the whole list for each mention.
    fn cite_known(
        &mut self,
        graph: &mut EventGraph,
        event: RecordId,
        coded: &[RecordId],
        document: DocumentId,
        noted: bool,
    ) -> Result<(), Error> {
        let sources = [Source::new(document)];
        let records = std::iter::once(&event).chain(coded);
        if !noted {
            for &record in records.clone() {
                graph.note_sources(record);
            }
        }
        for &record in records {
            if !self.known_records.contains(&record) {
                let held = graph.sources_or_none(record);
                if held.len() < SCANNED {
                    graph.cite_alike(record, &[], &sources, false, true)?;
                    continue;
                }
                self.known_records.insert(record);
                let bare = held.iter().filter(|s| **s == Source::new(s.document));
                self.known.extend(bare.map(|s| (record, s.document)));
            }
            if self.known.insert((record, document)) {
                graph.cite_alike(record, &[], &sources, true, true)?;
            }
        }
        Ok(())
    }
}

/// An event a file's mentions mention, as they first found it.
#[derive(Debug)]
struct Mentioned {
    /// How many sources it had when the file first mentioned it: what it gained in the file
    /// comes after them.
    since: usize,
    /// Its participants as GDELT coded them (Actor1 and Actor2), whom its mentions cite too.
    coded: SmallVec<[ParticipationId; 2]>,
    /// Whether [`FileMentions::cited`] answers for it.
    often: bool,
    /// Whether the file's journal has noted it and its coded participants, which a mention
    /// that cites them does first.
    noted: bool,
}

impl Mentioned {
    /// What the file's first mention of `event` finds: its sources so far, and its
    /// participants as GDELT coded them. A mention states GDELT's Actor1 and Actor2, and no
    /// participant an analyst added to the event from another report. Mentions add no
    /// participant, so that what the first finds holds for the whole file.
    fn first(graph: &EventGraph, event: EventId) -> Mentioned {
        let coded = graph
            .participations_in(event)
            .filter(|(_, p)| {
                matches!(p.role(), Role::Initiator | Role::Target)
                    && !p.polarity().is_negated()
                    && graph
                        .entity(p.entity())
                        .is_some_and(|e| e.attributes().get(CODE).is_some())
            })
            .map(|(p, _)| p)
            .collect();
        Mentioned {
            since: graph.event(event).map_or(0, |e| e.sources().len()),
            coded,
            often: false,
            noted: false,
        }
    }

    /// Whether an earlier mention in this file cited `document`, a document the file added,
    /// for `event`, this one: looked for among the few sources the event gained in the file,
    /// or in `cited` (the file's [`FileMentions::cited`]) once they are many.
    fn cited(
        &mut self,
        graph: &EventGraph,
        cited: &mut HashSet<(EventId, DocumentId), FxBuildHasher>,
        event: EventId,
        document: DocumentId,
    ) -> bool {
        if !self.often {
            let sources = graph.event(event).map_or(&[][..], |e| e.sources());
            let gained = sources.get(self.since..).unwrap_or_default();
            let bare = Source::new(document);
            if gained.len() < SCANNED {
                return gained.iter().any(|s| s.document == document && *s == bare);
            }
            self.often = true;
            let held = gained.iter().filter(|s| **s == Source::new(s.document));
            cited.extend(held.map(|s| (event, s.document)));
        }
        !cited.insert((event, document))
    }
}

/// How many sources an event may gain in a file before its mentions are looked up in a set
/// rather than looked through.
const SCANNED: usize = 16;
