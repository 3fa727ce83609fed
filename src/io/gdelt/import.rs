//! GDELT rows into an [`EventGraph`]: the mapping of `docs/gdelt.md`, a file at a time, each
//! whole or not at all.

use std::io;
use std::path::Path;
use std::sync::mpsc;

use compact_str::CompactString;
use foldhash::HashMap;

use super::check::{Checked, Parsed};
use super::mapping::{event_kind, kind_of};
use super::mentioned::FileMentions;
use super::numbering::Numbering;
use super::row::{ActorRef, EventRef, GeoRef, MentionRef, actor_key};
use super::split::Row;
use super::{GdeltFile, GdeltReader, OpenedFiles, RowCounts};
use crate::ErrorKind;
use crate::error::Location;
use crate::graph::Vouched;
use crate::model::{
    Document, DocumentId, Entity, EntityId, EntityKind, Event, EventId, FuzzyDate, Participation,
    Role, Source,
};
use crate::{Capacity, Error, EventGraph};

/// What an import did: rows read and kept, and the records they became.
///
/// Nothing is left out without being counted here: rows the filters left out, bad rows passed
/// over (the first errors kept in [`bad_rows`](Self::bad_rows)), and mentions of events the
/// graph does not hold.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct ImportSummary {
    /// Files read.
    pub files: usize,
    /// Rows read, kept, left out and passed over, over every file.
    pub rows: RowCounts,
    /// The errors of the first bad rows passed over, up to ten a file.
    pub bad_rows: Vec<Error>,
    /// Events added.
    pub events_added: u64,
    /// Event rows whose `GLOBALEVENTID` the graph already held: their documents were added
    /// to the event as sources, and the first coding kept.
    pub events_restated: u64,
    /// Of those, the rows whose coding (codes, counts, scores, tone) differs from the one
    /// kept.
    pub codings_not_kept: u64,
    /// Actors added as entities.
    pub actors_added: u64,
    /// Places added.
    pub places_added: u64,
    /// Entities added under GDELT's name with a qualifier, because another entity of their
    /// kind already had the name: `POLICE (GBRCOP)` beside `POLICE` (`docs/gdelt.md`).
    pub names_qualified: u64,
    /// Outlets added (the `MentionSourceName`s of mentions).
    pub outlets_added: u64,
    /// Documents added.
    pub documents_added: u64,
    /// Mentions added as sources.
    pub mentions_added: u64,
    /// Mentions of events the graph does not hold as read from GDELT (not read, left out by
    /// a filter, or only an event of a graph file with the same key); they are not added.
    pub mentions_of_unknown_events: u64,
    /// The files of a folder passed over because they hold a GDELT table the import does not
    /// read (a GKG file), each as the error that names it
    /// ([`ErrorKind::GdeltNotRead`](crate::ErrorKind::GdeltNotRead)); set by
    /// [`GdeltReader::add_to`].
    pub passed_over: Vec<Error>,
}

impl ImportSummary {
    fn absorb(&mut self, other: ImportSummary) {
        self.files += other.files;
        self.rows.read += other.rows.read;
        self.rows.kept += other.rows.kept;
        self.rows.filtered += other.rows.filtered;
        self.rows.bad += other.rows.bad;
        self.bad_rows.extend(other.bad_rows);
        self.events_added += other.events_added;
        self.events_restated += other.events_restated;
        self.codings_not_kept += other.codings_not_kept;
        self.actors_added += other.actors_added;
        self.places_added += other.places_added;
        self.names_qualified += other.names_qualified;
        self.outlets_added += other.outlets_added;
        self.documents_added += other.documents_added;
        self.mentions_added += other.mentions_added;
        self.mentions_of_unknown_events += other.mentions_of_unknown_events;
        self.passed_over.extend(other.passed_over);
    }
}

/// Adds GDELT files to a graph, one after another, knowing the GDELT actors and places the
/// graph already holds so that an actor is one entity across rows, files and imports.
///
/// Each file is added whole or not at all: a bad row (unless the reader
/// [skips](GdeltReader::skip_bad) bad rows) leaves the graph as it was before the file.
///
/// ```no_run
/// use eventkg::EventGraph;
/// use eventkg::io::gdelt::{GdeltImport, GdeltReader};
/// let reader = GdeltReader::new().skip_bad(true);
/// let mut graph = EventGraph::new();
/// let mut import = GdeltImport::new(&mut graph);
/// for path in ["20240601.export.CSV.zip", "20240601.mentions.CSV.zip"] {
///     import.add(&mut reader.open(path)?)?;
/// }
/// let summary = import.finish();
/// println!("{} events, {} bad rows", summary.events_added, summary.rows.bad);
/// # Ok::<(), eventkg::Error>(())
/// ```
pub struct GdeltImport<'g> {
    graph: &'g mut EventGraph,
    /// Actors by `code\tname`. The maps keyed by a file's text hash with a seed of their own,
    /// so that no file can be made to collide its keys, and hold a short key in their own
    /// slots, so that comparing it reads no other memory.
    actors: HashMap<CompactString, EntityId>,
    /// Places by feature id, or full name where there is none.
    places: HashMap<CompactString, EntityId>,
    outlets: HashMap<CompactString, EntityId>,
    summary: ImportSummary,
    key: String,
    /// The event of the row being added, its key, coding and source list written over from
    /// row to row. Its source list is the one its participants are told by; holding no other
    /// handle on it between rows, the next row writes it in place.
    event: Event,
    /// The last row's document, by its identifier. An article's events come one after
    /// another, and so do its mentions, so that most rows find their document here rather
    /// than in a table the size of the graph, at a random place of it.
    last_document: Option<(String, DocumentId)>,
    /// The entities of the file's actors and places by their numbers
    /// ([`Numbering`]), filled as the rows name them.
    numbered: Numbered,
    /// What this file's mentions found out about the events they mention.
    mentions: FileMentions,
}

/// The entity of each numbered actor and place of the file being added.
#[derive(Debug, Default)]
struct Numbered {
    actors: Vec<Option<EntityId>>,
    places: Vec<Option<EntityId>>,
}

impl Numbered {
    fn clear(&mut self) {
        self.actors.clear();
        self.places.clear();
    }
}

/// The entity numbered `number` in `ids`, if it is known.
fn numbered(ids: &[Option<EntityId>], number: Option<u32>) -> Option<EntityId> {
    ids.get(number? as usize).copied().flatten()
}

/// Notes that `number` is `id`.
fn number(ids: &mut Vec<Option<EntityId>>, number: Option<u32>, id: EntityId) {
    if let Some(n) = number.map(|n| n as usize) {
        if ids.len() <= n {
            ids.resize(n + 1, None);
        }
        ids[n] = Some(id);
    }
}

/// The event a row tells: new, or held before and told again.
#[derive(Clone, Copy)]
enum Told {
    New(EventId),
    Again(EventId),
}

/// The attribute that says an entity came from GDELT, and under which code.
pub(super) const CODE: &str = "cameo_code";
/// The name GDELT gave an actor, where the entity's name had to differ from it.
const GDELT_NAME: &str = "gdelt_name";
const FEATURE: &str = "gdelt_feature_id";
const GEO_TYPE: &str = "gdelt_geo_type";
const SOURCE_NAME: &str = "gdelt_source_name";

/// Rows handed from the parsing thread to the graph at a time. A batch of rows is about 60
/// KiB, and the few in flight are still in cache when the graph reads them; batches of a
/// thousand rows (a megabyte each) had left it by then, and the import of 100k rows took a
/// third longer.
const BATCH: usize = 64;

impl<'g> GdeltImport<'g> {
    /// An import into `graph`, which may already hold GDELT data from earlier imports.
    pub fn new(graph: &'g mut EventGraph) -> Self {
        let mut import = GdeltImport {
            actors: HashMap::default(),
            places: HashMap::default(),
            outlets: HashMap::default(),
            summary: ImportSummary::default(),
            key: String::new(),
            event: Event::new(crate::EventKind::Statement),
            last_document: None,
            numbered: Numbered::default(),
            mentions: FileMentions::default(),
            graph,
        };
        for (id, entity) in import.graph.entities() {
            let get = |key: &str| entity.attributes().get(key);
            if entity.kind() == EntityKind::Place && get(GEO_TYPE).is_some() {
                let key = get(FEATURE).unwrap_or(get(GDELT_NAME).unwrap_or(entity.name()));
                import.places.insert(key.into(), id);
            } else if let Some(code) = get(CODE) {
                let name = get(GDELT_NAME).unwrap_or(entity.name());
                actor_key(code, name, &mut import.key);
                import.actors.insert(import.key.as_str().into(), id);
            } else if let Some(source) = get(SOURCE_NAME) {
                import.outlets.insert(source.into(), id);
            }
        }
        import
    }

    /// What the import has done so far.
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Ends the import, with what it did.
    pub fn finish(self) -> ImportSummary {
        self.summary
    }

    /// Adds every row of `file` that its reader keeps, whole or not at all: on an error the
    /// graph is as it was before the file, and the error names the file, line and column.
    ///
    /// Rows are parsed on a second thread while the first adds them, so that reading and
    /// building overlap.
    pub fn add(&mut self, file: &mut GdeltFile) -> Result<(), Error> {
        let before = std::mem::take(&mut self.summary);
        self.graph.begin();
        let added = self.add_rows(file);
        let mut summary = std::mem::replace(&mut self.summary, before);
        match added {
            Ok(()) => {
                self.graph.commit();
                summary.files = 1;
                summary.rows = file.counts();
                summary.bad_rows = file.bad_rows().to_vec();
                self.summary.absorb(summary);
                Ok(())
            }
            Err(e) => {
                self.graph.rollback();
                self.forget_added();
                Err(e)
            }
        }
    }

    /// Drops from the identity maps what a rolled-back file added.
    fn forget_added(&mut self) {
        self.last_document = None;
        self.mentions.clear();
        let graph = &*self.graph;
        for map in [&mut self.actors, &mut self.places, &mut self.outlets] {
            map.retain(|_, id| graph.entity(*id).is_some());
        }
    }

    fn add_rows(&mut self, file: &mut GdeltFile) -> Result<(), Error> {
        let name = file.name().to_owned();
        let mut file_document = None;
        self.numbered.clear();
        self.mentions.clear();
        let mut raw = file.raw()?;
        let checker = file.checker();
        if file.layout().is_events() {
            let rows = file.rows_hint();
            self.graph.reserve(
                Capacity::new()
                    .events(rows)
                    .participations(2 * rows)
                    .documents(rows / 2),
            );
        }
        // Rows are read and checked on a second thread, and go to this one in batches, their
        // text still in the rows; the batches come back to be filled again, so that no row is
        // allocated, copied or freed on its way.
        type Batch = Vec<(Row, Checked)>;
        let (full, filled) = mpsc::sync_channel::<(Batch, Option<Error>)>(4);
        let (empty, emptied) = mpsc::channel::<Batch>();
        std::thread::scope(|scope| {
            let checker = &checker;
            let reading = scope.spawn(move || {
                let mut numbering = Numbering::default();
                loop {
                    let mut batch = emptied.try_recv().unwrap_or_default();
                    let mut used = 0;
                    let mut error = None;
                    while used < BATCH {
                        if batch.len() == used {
                            batch.push((Row::new(), Checked::Filtered));
                        }
                        let (row, checked) = &mut batch[used];
                        *checked = match raw.read(row) {
                            None => break,
                            Some(Err(e)) if matches!(e.kind(), ErrorKind::Io { .. }) => {
                                error = Some(e);
                                break;
                            }
                            // A bad row goes on with the others, to be counted or refused.
                            Some(read) => {
                                let mut checked = checker.check(row, read);
                                checker.number(&mut numbering, row, &mut checked);
                                checked
                            }
                        };
                        used += 1;
                    }
                    batch.truncate(used);
                    let last = used < BATCH || error.is_some();
                    // The receiver hangs up only on an error of its own.
                    if send_unwaited(&full, (batch, error)).is_err() || last {
                        return;
                    }
                }
            });
            let add = || -> Result<(), Error> {
                for (mut batch, error) in filled {
                    for (row, checked) in &mut batch {
                        if !file.tally(checked)? {
                            continue;
                        }
                        let added = match checker.parsed(row, checked) {
                            None => continue,
                            Some(Parsed::Event(event)) => {
                                let line = event.line();
                                (self.event(&event, &name, &mut file_document), line)
                            }
                            Some(Parsed::Mention(mention)) => {
                                let line = mention.line;
                                (self.mention(&mention), line)
                            }
                        };
                        if let (Err(error), line) = added {
                            return Err(located(error, &name, line));
                        }
                    }
                    if let Some(error) = error {
                        return Err(error);
                    }
                    let _ = empty.send(batch);
                }
                Ok(())
            };
            // Returning, the loop drops the receiving end, so that the reading thread stops
            // at its next batch; it is then joined, not left to end on its own, so that
            // nothing of it (its thread-locals) outlives the import.
            let added = add();
            if let Err(panic) = reading.join() {
                std::panic::resume_unwind(panic);
            }
            added
        })
    }

    /// The document that stands for a file whose rows name no source document (GDELT 1.0's
    /// historical files): the file itself.
    fn file_document(&mut self, path: &str) -> Result<DocumentId, Error> {
        let name = Path::new(path)
            .file_name()
            .map_or(path.to_owned(), |n| n.to_string_lossy().into_owned());
        let key = format!("gdelt-file:{name}");
        if let Some(id) = self.graph.document_with_key(&key) {
            return Ok(id);
        }
        let mut document = Document::new(key);
        document.title = Some(format!("GDELT event file {name}"));
        self.summary.documents_added += 1;
        self.graph.add_document(document)
    }

    /// The document `identifier` names, added the first time.
    fn document(
        &mut self,
        identifier: &str,
        published: chrono::NaiveDate,
        web: bool,
        publisher: Option<EntityId>,
    ) -> Result<DocumentId, Error> {
        let remembered = match &self.last_document {
            Some((last, id)) if last == identifier => Some(*id),
            _ => None,
        };
        let (id, added) = match remembered {
            Some(id) => (id, false),
            None => self
                .graph
                .keyed_document(identifier, web, Some(published), publisher)?,
        };
        if added {
            self.summary.documents_added += 1;
        } else if publisher.is_some()
            && self
                .graph
                .document(id)
                .is_some_and(|d| d.publisher().is_none())
        {
            self.graph
                .update_document(id, |d| d.publisher = publisher)?;
        }
        if remembered.is_none() {
            let (last, last_id) = self
                .last_document
                .get_or_insert_with(|| (String::new(), id));
            last.clear();
            last.push_str(identifier);
            *last_id = id;
        }
        Ok(id)
    }

    /// Adds an event row. A row without a `SOURCEURL` (all of the historical layout's, and
    /// the odd blank one elsewhere) is sourced to the file it comes from.
    fn event(
        &mut self,
        row: &EventRef<'_>,
        file: &str,
        file_document: &mut Option<DocumentId>,
    ) -> Result<(), Error> {
        // The reading thread tells when the URL is the last row's: the last document is then
        // taken without reading the URL, memory the other thread wrote.
        let again = match &self.last_document {
            Some((_, id)) if row.numbers().source_again => Some(*id),
            _ => None,
        };
        let document = match again {
            Some(id) => id,
            None => match (row.source_url(), *file_document) {
                (Some(url), _) => {
                    let web = url.starts_with("http://") || url.starts_with("https://");
                    self.document(url, row.date_added(), web, None)?
                }
                (None, Some(document)) => document,
                (None, None) => *file_document.insert(self.file_document(file)?),
            },
        };
        let source = Source::new(document);
        let location = match &row.action_geo() {
            Some(geo) => match numbered(&self.numbered.places, row.numbers().place) {
                Some(id) => Some(id),
                None => {
                    let id = self.place(geo)?;
                    number(&mut self.numbered.places, row.numbers().place, id);
                    Some(id)
                }
            },
            None => None,
        };
        let event = &mut self.event;
        event.kind = event_kind(row.coding().event_code);
        let key = event.key.get_or_insert_default();
        key.clear();
        key.push_str(itoa::Buffer::new().format(row.id()));
        event.date = Some(FuzzyDate::day(row.date())?);
        match &mut event.gdelt {
            Some(coding) => coding.as_mut().clone_from(row.coding()),
            None => event.gdelt = Some(Box::new(row.coding().clone())),
        }
        event.location = location;
        let key = event.key.as_deref().unwrap_or_default();
        let id = match self.graph.event_with_key(key) {
            // Told again (a second file of the same day, a 1.0 and a 2.0 file): the new
            // document is one more source, and where the rows differ in kind, date or place,
            // both values are kept with their sources, as when reports disagree.
            Some(existing) => {
                event.sources.set_only(source);
                // A row gives an event no attributes and no confidence short of certain, so
                // the one value it can keep against another is the coding.
                if self.graph.restate_event(existing, event)? > 0 {
                    self.summary.codings_not_kept += 1;
                }
                self.summary.events_restated += 1;
                Told::Again(existing)
            }
            None => {
                self.summary.events_added += 1;
                // The key was just looked up, and places are added as places.
                let vouched = Vouched {
                    new_key: true,
                    location: true,
                };
                Told::New(self.graph.add_event_copy(event, &[source], vouched)?)
            }
        };
        let [actor1, actor2] = row.actors();
        let actors = [(actor1, Role::Initiator), (actor2, Role::Target)];
        for ((actor, role), n) in actors.into_iter().zip(row.numbers().actors) {
            if let Some(actor) = actor {
                let entity = match numbered(&self.numbered.actors, n) {
                    Some(id) => id,
                    None => {
                        let id = self.actor(&actor)?;
                        number(&mut self.numbered.actors, n, id);
                        id
                    }
                };
                match id {
                    // The new event's participants are told by the row, as the event is.
                    Told::New(id) => {
                        self.graph
                            .add_participation_told_as_event(entity, role, id)?;
                    }
                    // An event told before is told by more than this row.
                    Told::Again(id) => {
                        let sources = self.event.sources.clone();
                        self.graph.add_participation(
                            Participation::new(entity, role, id).sources(sources),
                        )?;
                    }
                }
            }
        }
        Ok(())
    }

    fn mention(&mut self, row: &MentionRef<'_>) -> Result<(), Error> {
        let Some(event) = self.mentions.event(self.graph, row.event_id) else {
            self.summary.mentions_of_unknown_events += 1;
            return Ok(());
        };
        let outlet = match row.source_name.trim() {
            "" => None,
            name => Some(self.outlet(name)?),
        };
        let document = self.document(
            row.identifier,
            row.mention_time.date(),
            row.mention_type == 1,
            outlet,
        )?;
        self.mentions.cite(self.graph, event, document)?;
        self.summary.mentions_added += 1;
        Ok(())
    }

    /// The entity of an actor, by its code and name; added the first time.
    fn actor(&mut self, actor: &ActorRef<'_>) -> Result<EntityId, Error> {
        let (code, name) = (actor.code(), actor.name());
        actor.key_into(&mut self.key);
        if let Some(&id) = self.actors.get(self.key.as_str()) {
            return Ok(id);
        }
        let gdelt_name = match name.trim() {
            "" => code,
            name => name,
        };
        let kind = kind_of(actor.types(), actor.country.is_some(), actor.known_group());
        let mut entity = Entity::new(kind.clone(), self.free_name(gdelt_name, &kind, code));
        entity.country = actor.country;
        let attributes = &mut entity.attributes;
        if entity.name != name {
            attributes.insert(GDELT_NAME, name);
        }
        attributes.insert(CODE, code);
        let mut set = |key: &str, values: &[&str]| {
            let given: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
            if !given.is_empty() {
                attributes.insert(key, given.join(";"));
            }
        };
        set("cameo_known_group", &[actor.known_group()]);
        set("cameo_ethnic", &[actor.ethnic()]);
        set("cameo_religion", &actor.religions());
        set("cameo_types", &actor.types());
        let id = self.graph.add_entity(entity)?;
        self.summary.actors_added += 1;
        self.actors.insert(self.key.as_str().into(), id);
        Ok(id)
    }

    /// `name`, or `name (qualifier)` where another entity of the kind already goes by it,
    /// which the summary counts.
    fn free_name(&mut self, name: &str, kind: &EntityKind, qualifier: &str) -> String {
        let graph = &*self.graph;
        let taken = graph
            .entities_named(name)
            .any(|e| graph.entity(e).is_some_and(|e| e.kind() == *kind));
        if taken && !qualifier.is_empty() {
            self.summary.names_qualified += 1;
            return format!("{name} ({qualifier})");
        }
        name.to_owned()
    }

    fn place(&mut self, geo: &GeoRef<'_>) -> Result<EntityId, Error> {
        let (full_name, feature_id, key) = (geo.full_name(), geo.feature_id(), geo.key());
        if let Some(&id) = self.places.get(key) {
            return Ok(id);
        }
        let gdelt_name = match full_name.trim() {
            "" => key,
            name => name,
        };
        let mut place = Entity::new(
            EntityKind::Place,
            self.free_name(gdelt_name, &EntityKind::Place, feature_id),
        );
        place.coordinates = geo.coordinates;
        let attributes = &mut place.attributes;
        if place.name != full_name {
            attributes.insert(GDELT_NAME, full_name);
        }
        attributes.insert(GEO_TYPE, geo.kind_name());
        for (name, value) in [
            (FEATURE, feature_id),
            ("fips_country", geo.country()),
            ("adm1", geo.adm1()),
            ("adm2", geo.adm2()),
        ] {
            if !value.is_empty() {
                attributes.insert(name, value);
            }
        }
        let key = CompactString::from(key);
        let id = self.graph.add_entity(place)?;
        self.summary.places_added += 1;
        self.places.insert(key, id);
        Ok(id)
    }

    fn outlet(&mut self, name: &str) -> Result<EntityId, Error> {
        if let Some(&id) = self.outlets.get(name) {
            return Ok(id);
        }
        let mut outlet = Entity::new(
            EntityKind::MediaOutlet,
            self.free_name(name, &EntityKind::MediaOutlet, "GDELT source"),
        );
        outlet.attributes.insert(SOURCE_NAME, name.to_owned());
        let id = self.graph.add_entity(outlet)?;
        self.summary.outlets_added += 1;
        self.outlets.insert(name.into(), id);
        Ok(id)
    }
}

/// Sends `batch`, waiting while the channel is full by sleeping a little at a time rather
/// than blocking on it. A sender blocked on a full channel is woken by the receiver as it
/// takes the next batch, a system call on the thread that builds the graph, which the whole
/// import waits for: the reading thread is the faster one, so that was every batch (6 % of
/// the building thread at 100k rows, and at 1M rows the import took an eighth longer).
/// Sleeping, the reading thread is woken by its own timer instead. The channel holds a few
/// hundred rows, more than the building thread takes in a sleep.
fn send_unwaited<T>(channel: &mpsc::SyncSender<T>, batch: T) -> Result<(), T> {
    let mut batch = batch;
    loop {
        match channel.try_send(batch) {
            Ok(()) => return Ok(()),
            Err(mpsc::TrySendError::Full(back)) => {
                batch = back;
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            Err(mpsc::TrySendError::Disconnected(back)) => return Err(back),
        }
    }
}

/// An error of the graph's own checks, on a row the reader found well formed, with the file
/// and line it came from; the graph's error is kept as its source.
fn located(error: Error, file: &str, line: u64) -> Error {
    match error.kind() {
        ErrorKind::Io { .. } => error,
        _ => error.at(Location::new(file, line as usize, None)),
    }
}

impl GdeltReader {
    /// Opens every file of `paths`, the event files first, then the mentions files, so that
    /// mentions find their events whatever order the paths come in; otherwise in the order
    /// given. A folder stands for the GDELT files in it, in the order of
    /// [`gdelt_files`](super::gdelt_files); a folder that holds none is refused, and so is a
    /// file in a folder that holds a table the import does not read (a GKG file), which
    /// [`open_all_passing_over`](Self::open_all_passing_over) passes over instead.
    pub fn open_all(
        &self,
        paths: impl IntoIterator<Item = impl AsRef<Path>>,
    ) -> Result<Vec<GdeltFile>, Error> {
        let opened = self.open_all_passing_over(paths)?;
        match opened.passed_over.into_iter().next() {
            Some(unread) => Err(unread),
            None => Ok(opened.files),
        }
    }

    /// Opens every file of `paths` as [`open_all`](Self::open_all) does, but passes over
    /// each file of a folder that holds a GDELT table the import does not read (the Global
    /// Knowledge Graph, whose files GDELT publishes beside the events and mentions of the same
    /// quarter hour), and hands back the error that would refuse it, to be reported. A file
    /// named alone is refused as before, and so is a file in a folder of no GDELT layout.
    ///
    /// ```no_run
    /// use eventkg::io::gdelt::GdeltReader;
    /// let opened = GdeltReader::new().open_all_passing_over(["downloads"])?;
    /// for unread in &opened.passed_over {
    ///     eprintln!("passed over: {unread}");
    /// }
    /// println!("{} files to import", opened.files.len());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn open_all_passing_over(
        &self,
        paths: impl IntoIterator<Item = impl AsRef<Path>>,
    ) -> Result<OpenedFiles, Error> {
        let mut opened = OpenedFiles {
            files: Vec::new(),
            passed_over: Vec::new(),
        };
        for path in paths {
            let path = path.as_ref();
            if !path.is_dir() {
                opened.files.push(self.open(path)?);
                continue;
            }
            let found = super::gdelt_files(path)?;
            if found.is_empty() {
                return Err(Error::io(
                    path.display(),
                    io::Error::new(
                        io::ErrorKind::NotFound,
                        "a folder with no GDELT files (*.csv, *.tsv or *.zip)",
                    ),
                ));
            }
            let before = opened.files.len();
            for file in &found {
                match self.open(file) {
                    Ok(file) => opened.files.push(file),
                    Err(e) if matches!(e.kind(), ErrorKind::GdeltNotRead { .. }) => {
                        opened.passed_over.push(e);
                    }
                    Err(e) => return Err(e),
                }
            }
            if opened.files.len() == before {
                let message = format!(
                    "a folder with no GDELT event or mentions file, only {} of a table that is \
                     not read (the first: {})",
                    found.len(),
                    found[0].display()
                );
                return Err(Error::io(
                    path.display(),
                    io::Error::new(io::ErrorKind::NotFound, message),
                ));
            }
        }
        opened.files.sort_by_key(|f| !f.layout().is_events());
        Ok(opened)
    }

    /// Adds GDELT files to `graph`, in the order of [`open_all`](Self::open_all), each file
    /// whole or not at all. The files of a folder that hold a table the import does not read
    /// are passed over, as [`open_all_passing_over`](Self::open_all_passing_over) does, and
    /// listed in [`ImportSummary::passed_over`].
    ///
    /// ```no_run
    /// use eventkg::EventGraph;
    /// use eventkg::io::gdelt::GdeltReader;
    /// let mut graph = EventGraph::new();
    /// let summary = GdeltReader::new()
    ///     .root_code(14)
    ///     .add_to(&mut graph, ["20240601.export.CSV.zip", "20240601.mentions.CSV.zip"])?;
    /// println!("{} protests from {} rows", summary.events_added, summary.rows.read);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_to(
        &self,
        graph: &mut EventGraph,
        paths: impl IntoIterator<Item = impl AsRef<Path>>,
    ) -> Result<ImportSummary, Error> {
        let mut opened = self.open_all_passing_over(paths)?;
        let mut import = GdeltImport::new(graph);
        for file in &mut opened.files {
            import.add(file)?;
        }
        let mut summary = import.finish();
        summary.passed_over = opened.passed_over;
        Ok(summary)
    }
}
