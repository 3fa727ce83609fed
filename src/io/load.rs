//! Reading graph files into a graph, whole or not at all.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use compact_str::CompactString;
use toml::Spanned;

use super::chunked;
use super::lines::{self, LineIndex};
use super::reader::{read_graph_file, utf8_text};
use super::repr::{
    DocumentRepr, EntityRepr, EventRepr, FileRepr, Mention, ParticipationRepr, RelationRepr,
    SourceFields, SourceRepr, Text, ValueRepr,
};
use super::stream::Windows;
use super::text_root::TextRoot;
use crate::ErrorKind;
use crate::error::Location;
use crate::graph::{EventContent, LookAlike, SameAs};
use crate::model::vocabulary::nearest_term;
use crate::model::{
    Confidence, CountryCode, Document, DocumentId, Entity, EntityId, EntityKind, Event, EventField,
    EventId, EventKind, EventStatus, FieldValue, FuzzyDate, NodeId, Participation, Relation,
    RelationKind, Role, Source, Sources, StatedValue, StatedValues,
};
use crate::model::{RecordId, contains, fold_white_space, occurs_as_written, quote_occurs};
use crate::{Error, EventGraph, Joined, MergeReport, normalize_name};
use indexmap::IndexMap;

/// Maps keyed by the file's own text (local ids, names), with a hasher seeded at random.
type TextMap<'a, V> = HashMap<&'a str, V, foldhash::fast::RandomState>;

/// Events' local ids, each held by the map: a large file's events are read a part at a time,
/// and each part is let go once its events are in the graph.
type EventIds = HashMap<CompactString, (EventId, usize), foldhash::fast::RandomState>;

/// Documents' local ids, each held by the map, as events' are.
type DocumentIds = HashMap<CompactString, DocumentId, foldhash::fast::RandomState>;

/// One file being read into a graph, under the journal that undoes it if it fails.
struct Loader<'a> {
    graph: &'a mut EventGraph,
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    /// The text is at hand to say where a record is: not for a file read from disk in parts.
    placed: bool,
    /// Read from disk, the kept values each record noted (by their order in the journal),
    /// with the record's offset in the file: placed once every part is in
    /// ([`place_kept`](Self::place_kept)).
    unplaced: Vec<(Range<usize>, usize)>,
    /// How many values had been kept when the head's entities were in.
    kept_by_entities: usize,
    texts: TextRoot<'a>,
    /// Local ids, with the byte offset where each was defined (lines are counted only for a
    /// message: counting them here would make loading quadratic in the file's length).
    entities: TextMap<'a, (EntityId, usize)>,
    events: EventIds,
    /// Documents' local ids, held by the map: a large file's first documents go into the graph
    /// part by part ([`documents`](Self::documents)).
    documents: DocumentIds,
    /// The file's sets and lists that hold no text of it.
    scratch: Scratch,
    look_alikes: Vec<LookAlike>,
    same_as: Vec<SameAs>,
    /// Records an entity's `same_as` joined, with the entity they joined.
    joined: Vec<(EntityId, String)>,
    /// Keyless events held before this file that one of its events has restated already.
    claimed: FxHashSet<EventId>,
    /// The file's explicit `[[participation]]` records by the event they name: (entity,
    /// role, negated), for a keyless event's content.
    explicit_parts: TextMap<'a, Vec<(&'a str, &'a str, bool)>>,
    default_document: Option<DocumentId>,
    /// When collecting, errors are gathered here and the failing record is skipped.
    collected: Option<Vec<Error>>,
    /// Each document's text with its white space folded, for the quotes checked against it:
    /// folded once per file rather than once per quote.
    folded: RefCell<FxHashMap<DocumentId, String>>,
    /// The sources of a record that names none, once the file's one document is known.
    default_sources: OnceCell<Sources>,
    /// The events' relations to other events, which wait until every event is in.
    later: Vec<LaterRelation>,
}

impl<'a> Loader<'a> {
    /// Stops at `error`, or, when collecting, notes it and goes on.
    fn fail(&mut self, error: Error) -> Result<(), Error> {
        match &mut self.collected {
            Some(errors) => {
                errors.push(error);
                Ok(())
            }
            None => Err(error),
        }
    }

    fn attempt(&mut self, step: Result<(), Error>) -> Result<(), Error> {
        match step {
            Ok(()) => Ok(()),
            Err(error) => self.fail(error),
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(self.text, offset)
    }

    /// Reads a record at `span` with `step`, and locates there the values records kept
    /// against what it gave.
    fn locating<T>(
        &mut self,
        span: Range<usize>,
        step: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let from = self.graph.kept_count();
        let done = step(self);
        let noted = from..self.graph.kept_count();
        if !self.placed {
            if !noted.is_empty() {
                self.unplaced.push((noted, span.start));
            }
            return done;
        }
        let (file, text, lines) = (self.file, self.text, self.lines);
        self.graph.locate_kept(noted, span, |span| {
            let (line, column) = lines.position(text, span.start);
            Location::new(file, line, Some(column))
        });
        done
    }

    /// Says where the kept values of a file read from disk were given, from one more pass
    /// over the file ([`lines::positions_in`]): the text was let go part by part, and reading
    /// the file into memory again to place them cost 2 bytes of memory a byte, and its parse.
    fn place_kept(&mut self, path: &Path) -> std::io::Result<()> {
        if self.unplaced.is_empty() {
            return Ok(());
        }
        let mut offsets: Vec<usize> = self.unplaced.iter().map(|&(_, at)| at).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let places = lines::positions_in(std::fs::File::open(path)?, &offsets)?;
        for (noted, at) in std::mem::take(&mut self.unplaced) {
            let Ok(found) = offsets.binary_search(&at) else {
                continue;
            };
            let (line, column) = places[found];
            let file = self.file;
            self.graph
                .locate_kept(noted, at..at, |_| Location::new(file, line, Some(column)));
        }
        Ok(())
    }

    fn at(&self, span: Range<usize>) -> impl FnOnce(Error) -> Error + '_ {
        move |error| {
            let (line, column) = self.position(span.start);
            error.at(Location::new(self.file, line, Some(column)))
        }
    }

    /// The span of a mention's target: its own, or the list entry's when it was a bare string.
    fn span_of(mention: &Spanned<Mention>) -> Range<usize> {
        let inner = mention.get_ref().target.span();
        if inner.is_empty() {
            mention.span()
        } else {
            inner
        }
    }

    fn entity_ref(&self, name: &str) -> Result<EntityId, Error> {
        if let Some((id, _)) = self.entities.get(name) {
            return Ok(*id);
        }
        self.graph
            .lookup_entity(name)
            .map_err(|error| match error.into_kind() {
                ErrorKind::UnknownName { name, suggestion } => ErrorKind::UnknownName {
                    suggestion: suggestion.or_else(|| {
                        nearest_term(&name, self.entities.keys().copied()).map(str::to_owned)
                    }),
                    name,
                }
                .into(),
                other => other.into(),
            })
    }

    /// The entity `name` refers to where it stands in `slot`, of the `kind` the reference
    /// gives if it gives one. A name several entities go by is settled by what the slot
    /// admits (an initiator is an actor, a location a place or state) and by the kind given,
    /// before it is called ambiguous; a kind given that the entity named is not is an error.
    fn entity_in(&self, name: &str, slot: Slot, kind: Option<&Text>) -> Result<EntityId, Error> {
        let wanted: Option<EntityKind> = kind.map(|k| self.parse(k)).transpose()?;
        let kind_of = |id: EntityId| self.graph.entity(id).map(|e| e.kind().clone());
        let fits = |id: EntityId| {
            kind_of(id).is_some_and(|k| slot.admits(&k) && wanted.as_ref().is_none_or(|w| *w == k))
        };
        match self.entity_ref(name) {
            Ok(id) => match (&wanted, kind_of(id)) {
                (Some(wanted), Some(found)) if *wanted != found => Err(ErrorKind::InvalidValue {
                    what: "reference",
                    value: name.to_owned(),
                    reason: format!("it names {id}, a {found} entity, not a {wanted} one"),
                }
                .into()),
                _ => Ok(id),
            },
            Err(error) => match error.into_kind() {
                ErrorKind::AmbiguousName { name, candidates } => {
                    let fitting: Vec<&(EntityId, String)> =
                        candidates.iter().filter(|(id, _)| fits(*id)).collect();
                    if let [(id, _)] = fitting[..] {
                        return Ok(*id);
                    }
                    let shown = if fitting.is_empty() {
                        candidates.iter().collect()
                    } else {
                        fitting
                    };
                    Err(ErrorKind::AmbiguousReference {
                        name,
                        candidates: shown
                            .into_iter()
                            .filter_map(|(id, n)| Some((*id, n.clone(), kind_of(*id)?)))
                            .collect(),
                    }
                    .into())
                }
                other => Err(other.into()),
            },
        }
    }

    /// The event `name` refers to, if any: a local id, a key, or `event#N`. Cheap on a miss,
    /// which resolving entity-or-event references relies on.
    fn find_event(&self, name: &str) -> Option<EventId> {
        if let Some((id, _)) = self.events.get(name) {
            return Some(*id);
        }
        self.graph.find_event_text(name)
    }

    fn event_ref(&self, name: &str) -> Result<EventId, Error> {
        self.find_event(name).ok_or_else(|| {
            ErrorKind::UnknownReference {
                what: "event",
                id: name.to_owned(),
                suggestion: nearest_term(name, self.events.keys().map(CompactString::as_str))
                    .map(str::to_owned),
            }
            .into()
        })
    }

    /// An event by local id, or else an entity; events first.
    fn node_ref(&self, name: &str) -> Result<NodeId, Error> {
        if let Some(event) = self.find_event(name) {
            return Ok(event.into());
        }
        self.entity_ref(name)
            .map(NodeId::from)
            .map_err(|error| match error.into_kind() {
                ErrorKind::UnknownName { name, suggestion } => ErrorKind::UnknownReference {
                    what: "entity or event",
                    suggestion: suggestion.or_else(|| {
                        nearest_term(&name, self.events.keys().map(CompactString::as_str))
                            .map(str::to_owned)
                    }),
                    id: name,
                }
                .into(),
                other => other.into(),
            })
    }

    /// Refuses a local id this file has already defined.
    fn check_undefined(&self, id: &Text) -> Result<(), Error> {
        let name = id.get_ref();
        let earlier = self
            .entities
            .get(name)
            .map(|(_, offset)| *offset)
            .or_else(|| self.events.get(name).map(|(_, offset)| *offset));
        match earlier {
            Some(offset) => Err(self.at(id.span())(
                ErrorKind::DuplicateId {
                    id: name.to_owned(),
                    line: self.position(offset).0,
                }
                .into(),
            )),
            None => Ok(()),
        }
    }

    /// Names the entity `entity` in this file by `id`.
    fn define(&mut self, id: &'a Text, entity: EntityId) -> Result<(), Error> {
        self.check_undefined(id)?;
        self.entities
            .insert(id.get_ref(), (entity, id.span().start));
        Ok(())
    }

    /// Names the event `event` in this file by `id`.
    fn define_event(&mut self, id: &Text, event: EventId) -> Result<(), Error> {
        self.check_undefined(id)?;
        self.events
            .insert(id.get_ref().into(), (event, id.span().start));
        Ok(())
    }

    fn source(&self, repr: SourceFields<'_>, fallback: Range<usize>) -> Result<Source, Error> {
        let document = match repr.document {
            Some(key) => match self.documents.get(key.get_ref()) {
                Some(&id) => id,
                None => self
                    .graph
                    .document_by_key(key.get_ref())
                    .map_err(self.at(key.span()))?,
            },
            None => self.default_document.ok_or_else(|| {
                self.at(fallback.clone())(
                    ErrorKind::InvalidValue {
                        what: "source",
                        value: String::new(),
                        reason: "no document to cite: the file defines more or fewer than one; \
                             name it with `document`"
                            .into(),
                    }
                    .into(),
                )
            })?,
        };
        let mut source = Source::new(document);
        if let Some(quote) = repr.quote {
            let doc = self.graph.document(document);
            if let Some(text) = doc.and_then(|d| d.text())
                && repr.verbatim != Some(false)
                && !self.quote_in(document, text, &fold_white_space(quote.get_ref()))
            {
                return Err(self.at(quote.span())(
                    ErrorKind::QuoteNotInDocument {
                        quote: quote.get_ref().to_owned(),
                        document: doc.map_or(String::new(), |d| d.key().to_owned()),
                    }
                    .into(),
                ));
            }
            source = source.quote(quote.get_ref().to_owned());
        }
        if let Some(speaker) = repr.said_by {
            source = source.attributed_to(
                self.entity_in(speaker.get_ref(), Slot::Actor, None)
                    .map_err(self.at(speaker.span()))?,
            );
        }
        match repr.via {
            Some(outlets) => {
                for outlet in outlets {
                    source = source.via(
                        self.entity_in(outlet.get_ref(), Slot::Actor, None)
                            .map_err(self.at(outlet.span()))?,
                    );
                }
            }
            None => {
                for &outlet in self
                    .scratch
                    .default_via
                    .get(&document)
                    .into_iter()
                    .flatten()
                {
                    source = source.via(outlet);
                }
            }
        }
        Ok(source)
    }

    /// Whether `quote` (white space folded) occurs in `text`, the text of `document`: as the
    /// text is written, or else in the text folded, which is kept for the file's other quotes.
    fn quote_in(&self, document: DocumentId, text: &str, quote: &str) -> bool {
        occurs_as_written(quote, text) || {
            let mut folded = self.folded.borrow_mut();
            let text = folded
                .entry(document)
                .or_insert_with(|| fold_white_space(text).into_owned());
            contains(text, quote)
        }
    }

    /// A record's sources: its own keys, then its `sources` list; with neither, `inherit` (the
    /// event's source, for a participant) or the file's one document.
    fn sources(
        &self,
        own: SourceFields<'_>,
        listed: &Option<Vec<SourceRepr>>,
        inherit: &Sources,
        span: Range<usize>,
    ) -> Result<Sources, Error> {
        if own.is_empty() && listed.is_none() && !inherit.is_empty() {
            return Ok(inherit.clone());
        }
        let by_default = own.is_empty() && listed.is_none() && self.default_document.is_some();
        if by_default {
            // The file's one document, for every record that names no source: one list.
            if let Some(sources) = self.default_sources.get() {
                return Ok(sources.clone());
            }
            let sources = Sources::from(self.source(SourceFields::default(), span)?);
            return Ok(self.default_sources.get_or_init(|| sources).clone());
        }
        if listed.is_none() {
            // One source, the common case: its list made at once, with no `Vec` to copy it from.
            return Ok(if own.is_empty() {
                Sources::new()
            } else {
                Sources::from(self.source(own, span)?)
            });
        }
        // Room for exactly the sources given, so that the list is not grown and shrunk again.
        let count = usize::from(!own.is_empty()) + listed.as_ref().map_or(0, Vec::len);
        let mut sources = Vec::with_capacity(count);
        if !own.is_empty() {
            sources.push(self.source(own, span.clone())?);
        }
        for repr in listed.iter().flatten() {
            sources.push(self.source(repr.fields(), span.clone())?);
        }
        Ok(Sources::from(sources))
    }

    /// The sources a record states itself, inheriting none.
    fn stated_sources(
        &self,
        own: SourceFields<'_>,
        listed: &Option<Vec<SourceRepr>>,
        span: Range<usize>,
    ) -> Result<Sources, Error> {
        self.sources(own, listed, &Sources::new(), span)
    }

    fn anchor(&self, sources: &[Source]) -> Option<NaiveDate> {
        sources
            .iter()
            .find_map(|s| self.graph.document(s.document)?.published())
            .or_else(|| self.graph.document(self.default_document?)?.published())
    }

    fn date(&self, phrase: &Text, sources: &[Source]) -> Result<FuzzyDate, Error> {
        let result = match self.anchor(sources) {
            Some(anchor) => FuzzyDate::resolve(phrase.get_ref(), anchor),
            None => phrase.get_ref().parse(),
        };
        result.map_err(self.at(phrase.span()))
    }

    fn parse<T: std::str::FromStr<Err = Error>>(&self, text: &Text) -> Result<T, Error> {
        text.get_ref().parse().map_err(self.at(text.span()))
    }

    fn confidence(&self, value: &Option<Spanned<f32>>) -> Result<Confidence, Error> {
        match value {
            Some(v) => Confidence::new(*v.get_ref()).map_err(self.at(v.span())),
            None => Ok(Confidence::CERTAIN),
        }
    }

    // ----- the passes -----------------------------------------------------------------------

    /// The entity a record describes, without its sources (read once documents are).
    fn entity_record(
        &self,
        kind: &Text,
        name: &Text,
        aliases: &[Text],
        country: &Option<Text>,
        coordinates: Option<crate::model::Coordinates>,
        attributes: &IndexMap<String, String>,
    ) -> Result<Entity, Error> {
        let kind: EntityKind = self.parse(kind)?;
        let country = self.country(country)?;
        Ok(entity_of(
            (kind, country),
            name,
            aliases,
            coordinates,
            attributes,
        ))
    }

    /// A record's country code, checked.
    fn country(&self, country: &Option<Text>) -> Result<Option<CountryCode>, Error> {
        country
            .as_ref()
            .map(|c| CountryCode::new(c.get_ref()).map_err(self.at(c.span())))
            .transpose()
    }

    fn entity(&mut self, spanned: &'a Spanned<EntityRepr>) -> Result<(), Error> {
        let repr = spanned.get_ref();
        let kind: EntityKind = self.parse(&repr.kind)?;
        let country = self.country(&repr.country)?;
        let names =
            std::iter::once(repr.name.get_ref()).chain(repr.aliases.iter().map(Text::get_ref));
        let named = self.graph.named(names);
        // Restating an entity from an earlier file folds into it; within one file, a second
        // entity of the same kind and name is a mistake.
        let known = named.iter().flatten().any(|&id| {
            !self.scratch.created.contains(&id)
                && self.graph.entity(id).is_some_and(|e| *e.kind() == kind)
        });
        // A restatement that brings only names the entity goes by, and no place it lacks, is
        // the entity itself (the common case of a corpus: an actor named again): it is found
        // without building the entity a merge takes.
        if known
            && repr.same_as.is_none()
            && repr.joined.is_empty()
            && repr.attributes.is_empty()
            && let Some(id) = self.graph.restates_as_is(
                &kind,
                repr.name.get_ref(),
                &named,
                (country, repr.coordinates),
            )
        {
            self.scratch.created.insert(id);
            return self.name_record(repr, id);
        }
        let mut entity = entity_of(
            (kind, country),
            &repr.name,
            &repr.aliases,
            repr.coordinates,
            &repr.attributes,
        );
        for joined in &repr.joined {
            let j = joined.get_ref();
            let record = self.entity_record(
                &j.kind,
                &j.name,
                &j.aliases,
                &j.country,
                j.coordinates,
                &j.attributes,
            )?;
            entity.joined.push(Joined::new(record, Sources::new()));
        }
        if let Some(target) = &repr.same_as {
            return self.join_entity(repr, target, entity);
        }
        let id = if known {
            self.graph.merge_entity_named(entity, &named)
        } else {
            self.graph.add_entity(entity)
        }
        .map_err(self.at(repr.name.span()))?;
        self.scratch.created.insert(id);
        self.name_record(repr, id)
    }

    /// Notes that the record touched `id`, and names `id` in this file by the record's `id`,
    /// or else its name, unless that name already stands for it.
    fn name_record(&mut self, repr: &'a EntityRepr, id: EntityId) -> Result<(), Error> {
        self.scratch.touched.push(RecordId::Entity(id));
        let local = repr.id.as_ref().unwrap_or(&repr.name);
        if self
            .entities
            .get(local.get_ref())
            .is_none_or(|(e, _)| *e != id)
        {
            self.define(local, id)?;
        }
        Ok(())
    }

    /// A record with `same_as`: the entity it names gains its names, and keeps it whole as
    /// joined, on the record's sources (read with the other sources). A record that is already
    /// an entity of its own is refused: joining two entities removes one, which a file cannot
    /// undo if it fails later; `EventGraph::merge_entities` does it.
    fn join_entity(
        &mut self,
        repr: &'a EntityRepr,
        target: &Text,
        mut entity: Entity,
    ) -> Result<(), Error> {
        let into = self
            .entity_in(target.get_ref(), Slot::Any, None)
            .map_err(self.at(target.span()))?;
        let held = self
            .graph
            .entity(into)
            .map(|e| e.to_entity())
            .ok_or(ErrorKind::UnknownEntity(into))?;
        if !crate::graph::may_be_one(&held.kind, &entity.kind) {
            return Err(self.at(target.span())(
                ErrorKind::CannotJoin {
                    keep: format!("{into} {:?}", held.name),
                    other: format!("{:?}", entity.name),
                    reason: format!("a {} cannot be a {}", entity.kind, held.kind),
                }
                .into(),
            ));
        }
        let separate = entity.names().find_map(|name| {
            self.graph.entities_named(name).find(|&id| {
                id != into
                    && self
                        .graph
                        .entity(id)
                        .is_some_and(|e| e.kind() == entity.kind)
            })
        });
        if let Some(separate) = separate {
            return Err(self.at(target.span())(
                ErrorKind::CannotJoin {
                    keep: format!("{into} {:?}", held.name),
                    other: format!("{separate} {:?}", entity.name),
                    reason:
                        "both are entities already; join them with `EventGraph::merge_entities`"
                            .into(),
                }
                .into(),
            ));
        }
        let earlier = std::mem::take(&mut entity.joined);
        let known: Vec<String> = held.names().map(normalize_name).collect();
        let names: Vec<String> = entity
            .names()
            .filter(|n| !known.contains(&normalize_name(n)))
            .map(str::to_owned)
            .collect();
        let recorded = held
            .joined
            .iter()
            .any(|j| j.entity.name == entity.name && j.entity.kind == entity.kind);
        if !names.is_empty() || !recorded || !earlier.is_empty() {
            self.graph
                .update_entity(into, |held| {
                    for name in names {
                        if !held.aliases.contains(&name) {
                            held.aliases.push(name);
                        }
                    }
                    for joined in earlier {
                        if !held.joined.contains(&joined) {
                            held.joined.push(joined);
                        }
                    }
                    if !recorded {
                        held.joined.push(Joined::new(entity, Sources::new()));
                    }
                })
                .map_err(self.at(repr.name.span()))?;
            if !recorded {
                self.joined.push((into, repr.name.get_ref().to_owned()));
            }
        }
        self.name_record(repr, into)
    }

    fn document(&mut self, spanned: &Spanned<DocumentRepr>) -> Result<(), Error> {
        let repr = spanned.get_ref();
        let mut document = Document::new(repr.id.get_ref().to_owned());
        document.title = repr.title.clone();
        document.url = repr.url.clone();
        document.language = repr.language.clone();
        for (key, value) in &repr.attributes {
            document.attributes.insert(key.clone(), value.clone());
        }
        if let Some(publisher) = &repr.publisher {
            document.publisher = Some(
                self.entity_in(publisher.get_ref(), Slot::Actor, None)
                    .map_err(self.at(publisher.span()))?,
            );
        }
        if let Some(published) = &repr.published {
            // A day alone, read from its fields; a time or an offset is refused.
            let datetime = published.get_ref();
            let day = match datetime {
                toml::value::Datetime {
                    date: Some(date),
                    time: None,
                    offset: None,
                } => NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()),
                _ => None,
            };
            let day = day.ok_or_else(|| {
                self.at(published.span())(
                    ErrorKind::InvalidDate {
                        text: datetime.to_string(),
                        reason: "a publication day is a date such as 2024-06-09, with no time"
                            .into(),
                    }
                    .into(),
                )
            })?;
            document.published = Some(day);
        }
        document.text = repr.text.clone();
        if let Some(path) = &repr.text_file {
            let text = self
                .texts
                .read(path.get_ref())
                .map_err(self.at(path.span()))?;
            document.text = Some(text);
        }
        let id = match self.graph.document_with_key(&document.key) {
            Some(existing) => {
                self.graph
                    .restate_document(existing, document)
                    .map_err(self.at(repr.id.span()))?;
                existing
            }
            None => self
                .graph
                .add_document(document)
                .map_err(self.at(repr.id.span()))?,
        };
        let mut via = Vec::new();
        for outlet in &repr.via {
            via.push(
                self.entity_in(outlet.get_ref(), Slot::Actor, None)
                    .map_err(self.at(outlet.span()))?,
            );
        }
        // Most documents name no outlet: none is held for them.
        if via.is_empty() {
            self.scratch.default_via.remove(&id);
        } else {
            self.scratch.default_via.insert(id, via);
        }
        self.documents.insert(repr.id.get_ref().into(), id);
        self.scratch.documents_seen.push(id);
        Ok(())
    }

    fn entity_sources(&mut self, spanned: &Spanned<EntityRepr>) -> Result<(), Error> {
        let repr = spanned.get_ref();
        let local = repr.id.as_ref().unwrap_or(&repr.name);
        let id = self
            .entity_ref(local.get_ref())
            .map_err(self.at(local.span()))?;
        let sources = self.stated_sources(repr.own_fields(), &repr.sources, spanned.span())?;
        self.graph
            .restate_sources(RecordId::Entity(id), &sources)
            .map_err(self.at(spanned.span()))?;
        // The record a `same_as` joined: mentioned and joined on this record's sources.
        if repr.same_as.is_some() {
            let kind: EntityKind = self.parse(&repr.kind)?;
            self.joined_sources(id, repr.name.get_ref(), &kind, &sources, &sources)
                .map_err(self.at(spanned.span()))?;
        }
        for joined in &repr.joined {
            let j = joined.get_ref();
            let on = self.stated_sources(j.own_fields(), &j.sources, joined.span())?;
            let mentions = match &j.mentions {
                Some(listed) => self.stated_sources(
                    SourceFields::default(),
                    &Some(listed.clone()),
                    joined.span(),
                )?,
                None => Sources::new(),
            };
            let kind: EntityKind = self.parse(&j.kind)?;
            self.joined_sources(id, j.name.get_ref(), &kind, &mentions, &on)
                .map_err(self.at(joined.span()))?;
        }
        Ok(())
    }

    /// Adds to the record joined into `into` under `name` and `kind` the sources that mention
    /// it and those it was joined on, keeping those it had.
    fn joined_sources(
        &mut self,
        into: EntityId,
        name: &str,
        kind: &EntityKind,
        mentions: &Sources,
        on: &Sources,
    ) -> Result<(), Error> {
        let union = |held: &Sources, more: &Sources| -> Sources {
            let mut list: Vec<Source> = held.iter().cloned().collect();
            for source in more.iter() {
                if !list.contains(source) {
                    list.push(source.clone());
                }
            }
            Sources::from(list)
        };
        let Some(held) = self.graph.entity(into) else {
            return Err(ErrorKind::UnknownEntity(into).into());
        };
        let Some(at) = held
            .joined()
            .iter()
            .position(|j| j.entity.name == name && j.entity.kind == *kind)
        else {
            return Ok(());
        };
        let joined = &held.joined()[at];
        let (mentions, on) = (
            union(&joined.entity.sources, mentions),
            union(&joined.sources, on),
        );
        if mentions == joined.entity.sources && on == joined.sources {
            return Ok(());
        }
        self.graph.update_entity(into, |held| {
            held.joined[at].entity.sources = mentions;
            held.joined[at].sources = on;
        })
    }

    /// Adds or restates an event; returns it with the sources this block states it with: what
    /// a participant or relation listed under the block inherits when it says nothing of its
    /// source. Never the event's sources from other files (or other blocks naming the same
    /// event), which do not state the new fact.
    fn event(&mut self, spanned: &Spanned<EventRepr>) -> Result<(EventId, Sources), Error> {
        let repr = spanned.get_ref();
        if let Some(local) = &repr.id {
            self.check_undefined(local)?;
        }
        let kind: EventKind = self.parse(&repr.kind)?;
        let sources = self.stated_sources(repr.own_fields(), &repr.sources, spanned.span())?;
        let mut event = Event::new(kind);
        if let Some(status) = &repr.status {
            event.status = self.parse::<EventStatus>(status)?;
        }
        if let Some(date) = &repr.date {
            event.date = Some(self.date(date, &sources)?);
        }
        if let Some(location) = &repr.location {
            event.location = Some(
                self.entity_in(location.get_ref(), Slot::Location, None)
                    .map_err(self.at(location.span()))?,
            );
        }
        event.description = repr.description.as_ref().map(|d| d.get_ref().to_owned());
        event.confidence = self.confidence(&repr.confidence)?;
        for (key, value) in &repr.attributes {
            event.attributes.insert(key.clone(), value.clone());
        }
        event.gdelt = repr.gdelt.clone().map(Box::new);
        event.sources = sources.clone();
        event.key = repr.key.as_ref().map(|key| key.get_ref().to_owned());
        // What this statement says of the event: its values one by one where the file lists
        // them, else the attributes it gives: its kind and status always (a report that tells
        // an event says whether it happened, `happened` unless it writes otherwise), its date,
        // place and description where it writes them.
        let mut explicit = Vec::new();
        for value in &repr.values {
            explicit.push(self.stated_value(value)?);
        }
        event.values = StatedValues::from(explicit);
        let mut look_alikes = Vec::new();
        // An event an earlier file defined under this key, or named by `same_as`, is
        // restated: each value it gives is kept with its sources, and its sources are added.
        let restated = match (&repr.same_as, event.key.as_deref()) {
            (Some(other), _) => Some(self.same_as(other, &event)?),
            (None, Some(key)) => self
                .graph
                .event_with_key(key)
                .filter(|id| !self.scratch.created_events.contains(id)),
            (None, None) => {
                let (found, alike) = self.restated_keyless(&event, repr);
                look_alikes = alike;
                found
            }
        };
        let id = match restated {
            Some(existing) => {
                self.graph
                    .restate_event(existing, &event)
                    .map_err(self.at(repr.kind.span()))?;
                existing
            }
            None => {
                if !event.values.is_empty() {
                    event.settle();
                }
                let at = repr.key.as_ref().map_or(repr.kind.span(), Text::span);
                let id = self.graph.add_event(event).map_err(self.at(at))?;
                self.scratch.created_events.insert(id);
                self.look_alikes
                    .extend(look_alikes.into_iter().map(|held| LookAlike::new(id, held)));
                id
            }
        };
        if let Some(local) = &repr.id {
            self.define_event(local, id)?;
        }
        self.scratch.touched.push(RecordId::Event(id));
        Ok((id, sources))
    }

    /// The event a `same_as` names, which the event restates; its key, if it has one, must be
    /// that event's, since an event has one key.
    fn same_as(&mut self, other: &Text, event: &Event) -> Result<EventId, Error> {
        let held = self
            .event_ref(other.get_ref())
            .map_err(self.at(other.span()))?;
        let held_key = self.graph.event(held).and_then(|e| e.key());
        if let (Some(key), Some(held_key)) = (&event.key, &held_key)
            && key != held_key
        {
            return Err(self.at(other.span())(
                ErrorKind::InvalidValue {
                    what: "same_as",
                    value: other.get_ref().to_owned(),
                    reason: format!(
                        "names the event with key `{held_key}`, and an event has one key: drop \
                     `key = \"{key}\"` here, or write `key = \"{held_key}\"` instead of `same_as`"
                    ),
                }
                .into(),
            ));
        }
        if let Some(key) = &event.key
            && held_key.is_none()
            && let Some(existing) = self.graph.event_with_key(key)
        {
            return Err(self.at(other.span())(
                ErrorKind::DuplicateEventKey {
                    key: key.clone(),
                    existing,
                }
                .into(),
            ));
        }
        self.same_as.push(SameAs::new(held, event.sources.clone()));
        Ok(held)
    }

    /// One entry of an event's `values`.
    fn stated_value(&self, spanned: &Spanned<ValueRepr>) -> Result<StatedValue, Error> {
        let repr = spanned.get_ref();
        let sources = self.stated_sources(repr.own_fields(), &repr.sources, spanned.span())?;
        let field: EventField = self.parse(&repr.field)?;
        let text = &repr.value;
        let value = match field {
            EventField::Kind => FieldValue::Kind(self.parse(text)?),
            EventField::Status => FieldValue::Status(self.parse(text)?),
            EventField::Date => FieldValue::Date(self.date(text, &sources)?),
            EventField::Location => FieldValue::Location(
                self.entity_in(text.get_ref(), Slot::Location, None)
                    .map_err(self.at(text.span()))?,
            ),
            EventField::Description => FieldValue::Description(text.get_ref().to_owned()),
        };
        Ok(StatedValue::new(value, sources))
    }

    /// The keyless event, held before this file, that `event` with `repr`'s participants
    /// restates, if any: one that says exactly the same and is told by one of the same
    /// documents (the same report loaded again). Each is found once, so a file that states
    /// the same event twice still gets two. Look-alikes from other documents are left apart
    /// and returned, for the report: only the analyst can say two reports tell one event.
    fn restated_keyless(
        &mut self,
        event: &Event,
        repr: &EventRepr,
    ) -> (Option<EventId>, Vec<EventId>) {
        let Some(content) = self.keyless_content(event, repr) else {
            return (None, Vec::new());
        };
        let created = &self.scratch.created_events;
        let (found, alike) =
            self.graph
                .restated_keyless(&content, &event.sources, &self.claimed, |id| {
                    created.contains(&id)
                });
        self.claimed.extend(found);
        (found, alike)
    }

    /// What identifies a keyless event: its attributes and who took part in which role.
    fn keyless_content(&self, event: &Event, repr: &EventRepr) -> Option<EventContent> {
        let mut parts = Vec::new();
        for (role, negated, mentions) in repr.role_lists() {
            let role: Role = role.parse().ok()?;
            for mention in mentions {
                let m = mention.get_ref();
                let entity = self
                    .entity_in(m.target.get_ref(), Slot::Actor, m.kind.as_ref())
                    .ok()?;
                parts.push((entity, role.clone(), negated));
            }
        }
        let explicit = repr
            .id
            .as_ref()
            .and_then(|local| self.explicit_parts.get(local.get_ref()))
            .map_or(&[][..], Vec::as_slice);
        for &(entity, role, negated) in explicit {
            let entity = self.entity_in(entity, Slot::Actor, None).ok()?;
            parts.push((entity, role.parse().ok()?, negated));
        }
        Some(EventContent::new(event, parts))
    }

    fn participants(
        &mut self,
        event: EventId,
        repr: &EventRepr,
        inherited: &Sources,
    ) -> Result<(), Error> {
        let told = repr.own_fields();
        for (role, negated, mentions) in repr.role_lists() {
            let role: Role = role.parse()?;
            for mention in mentions {
                let span = Self::span_of(mention);
                let m = &nested(mention.get_ref(), told);
                let entity = self
                    .entity_in(m.target.get_ref(), Slot::Actor, m.kind.as_ref())
                    .map_err(self.at(span.clone()))?;
                let mut participation = Participation::new(entity, role.clone(), event);
                if negated {
                    participation = participation.negated();
                }
                participation.confidence = self.confidence(&m.confidence)?;
                for (key, value) in &m.attributes {
                    participation.attributes.insert(key.clone(), value.clone());
                }
                let added = self
                    .sources(m.source.fields(), &m.sources, inherited, span.clone())
                    .and_then(|sources| {
                        participation.sources = sources;
                        self.graph
                            .add_participation(participation)
                            .map_err(self.at(span))
                    });
                match added {
                    Ok(id) => self.scratch.touched.push(RecordId::Participation(id)),
                    Err(error) => self.fail(error)?,
                }
            }
        }
        Ok(())
    }

    /// Adds the relation `mention` names from `from`: the relation keys of entities and
    /// events, and the explicit `[[relation]]` tables, which become mentions.
    fn mention_relation(
        &mut self,
        from: NodeId,
        kind: RelationKind,
        mention: &Spanned<Mention>,
        inherited: &Sources,
        negated: bool,
    ) -> Result<(), Error> {
        let span = Self::span_of(mention);
        let m = mention.get_ref();
        let to = match kind {
            RelationKind::MemberOf
            | RelationKind::Leads
            | RelationKind::HoldsRole
            | RelationKind::SpeaksFor
            | RelationKind::AlliedWith => self
                .entity_in(m.target.get_ref(), Slot::Any, m.kind.as_ref())
                .map(NodeId::from),
            RelationKind::LocatedIn => self
                .entity_in(m.target.get_ref(), Slot::Location, m.kind.as_ref())
                .map(NodeId::from),
            _ => self.node_ref(m.target.get_ref()),
        }
        .map_err(self.at(span.clone()))?;
        let sources = self.sources(m.source.fields(), &m.sources, inherited, mention.span())?;
        let mut relation = Relation::new(from, kind, to);
        relation.title = m.title.as_ref().map(|t| t.get_ref().to_owned());
        relation.valid_from = m
            .valid_from
            .as_ref()
            .map(|d| self.date(d, &sources))
            .transpose()?;
        relation.valid_until = m
            .valid_until
            .as_ref()
            .map(|d| self.date(d, &sources))
            .transpose()?;
        if negated {
            relation = relation.negated();
        }
        relation.confidence = self.confidence(&m.confidence)?;
        for (key, value) in &m.attributes {
            relation.attributes.insert(key.clone(), value.clone());
        }
        relation.sources = sources;
        let id = self.graph.add_relation(relation).map_err(self.at(span))?;
        self.scratch.touched.push(RecordId::Relation(id));
        Ok(())
    }

    fn participation(&mut self, spanned: &Spanned<ParticipationRepr>) -> Result<(), Error> {
        let repr = spanned.get_ref();
        let entity = self
            .entity_in(repr.entity.get_ref(), Slot::Actor, None)
            .map_err(self.at(repr.entity.span()))?;
        let event = self
            .event_ref(repr.event.get_ref())
            .map_err(self.at(repr.event.span()))?;
        let role: Role = self.parse(&repr.role)?;
        let mut participation = Participation::new(entity, role, event);
        if repr.negated {
            participation = participation.negated();
        }
        participation.confidence = self.confidence(&repr.confidence)?;
        for (key, value) in &repr.attributes {
            participation.attributes.insert(key.clone(), value.clone());
        }
        participation.sources =
            self.stated_sources(repr.own_fields(), &repr.sources, spanned.span())?;
        let id = self
            .graph
            .add_participation(participation)
            .map_err(self.at(spanned.span()))?;
        self.scratch.touched.push(RecordId::Participation(id));
        Ok(())
    }

    fn relation(&mut self, spanned: &Spanned<RelationRepr>) -> Result<(), Error> {
        let repr = spanned.get_ref();
        let from = self
            .node_ref(repr.from.get_ref())
            .map_err(self.at(repr.from.span()))?;
        let kind: RelationKind = self.parse(&repr.kind)?;
        let mention = Mention {
            target: repr.to.clone(),
            kind: None,
            title: repr.title.clone(),
            valid_from: repr.valid_from.clone(),
            valid_until: repr.valid_until.clone(),
            confidence: repr.confidence.clone(),
            attributes: repr.attributes.clone(),
            source: repr.own_fields().to_repr(),
            sources: repr.sources.clone(),
        };
        self.mention_relation(
            from,
            kind,
            &Spanned::new(spanned.span(), mention),
            &Sources::new(),
            repr.negated,
        )
    }

    /// Reads a whole file: the stages below, one after the other.
    fn load(mut self, repr: &'a FileRepr) -> Result<Loaded, Error> {
        self.head(repr)?;
        self.events(&repr.events)?;
        self.flush(repr)?;
        self.relations(&repr.relations)?;
        Ok(self.finish())
    }

    /// The records everything else names: entities, then documents (whose publishers are
    /// entities), then the entities' sources (which cite documents). The explicit
    /// participations `head` holds are noted for the content of the events they name.
    fn head(&mut self, head: &'a FileRepr) -> Result<(), Error> {
        // Documents read before the head ([`documents`](Self::documents)).
        let early = self.scratch.documents_seen.len();
        // Entities that fail are reported once, not again by every later pass that names them.
        let mut loaded = std::mem::take(&mut self.scratch.loaded);
        for (at, entity) in head.entities.iter().enumerate() {
            match self.locating(entity.span(), |l| l.entity(entity)) {
                Ok(()) => loaded.push(at),
                Err(error) => self.fail(error)?,
            }
        }
        self.kept_by_entities = self.graph.kept_count();
        self.documents(&head.documents)?;
        match (early, head.documents.as_slice()) {
            (0, [only]) => {
                self.default_document = self.documents.get(only.get_ref().id.get_ref()).copied();
            }
            (1, []) => self.default_document = self.scratch.documents_seen.first().copied(),
            _ => {}
        }
        for &at in &loaded {
            let step = self.entity_sources(&head.entities[at]);
            self.attempt(step)?;
        }
        self.scratch.loaded = loaded;
        for participation in &head.participations {
            let p = participation.get_ref();
            self.explicit_parts
                .entry(p.event.get_ref())
                .or_default()
                .push((p.entity.get_ref(), p.role.get_ref(), p.negated));
        }
        Ok(())
    }

    /// Documents, in order. A large file read from disk gives its first ones before the head
    /// is whole, when they name no entity (the entities come after them in a file the crate
    /// writes): their records are let go part by part, rather than held until the first event
    /// (about 0.2 GB for the 500,000 documents of a million GDELT rows).
    fn documents(&mut self, list: &[Spanned<DocumentRepr>]) -> Result<(), Error> {
        for document in list {
            let step = self.locating(document.span(), |l| l.document(document));
            self.attempt(step)?;
        }
        Ok(())
    }

    /// Events, then their participants. Their relations to other events wait for
    /// [`flush`](Self::flush), since they may name events told after them.
    fn events(&mut self, list: &[Spanned<EventRepr>]) -> Result<(), Error> {
        let mut events = std::mem::take(&mut self.scratch.events);
        for (at, event) in list.iter().enumerate() {
            match self.locating(event.span(), |l| l.event(event)) {
                Ok((id, stated)) => events.push((id, stated, at)),
                Err(error) => self.fail(error)?,
            }
        }
        for (id, stated, at) in &events {
            let event = &list[*at];
            let step = self.locating(event.span(), |l| {
                l.participants(*id, event.get_ref(), stated)
            });
            self.attempt(step)?;
        }
        for (id, inherited, at) in &events {
            let event = list[*at].get_ref();
            let told = event.own_fields();
            for (kind, mentions) in event.relation_lists() {
                for mention in mentions {
                    let nested = nested(mention.get_ref(), told).into_owned();
                    self.later.push(LaterRelation {
                        from: *id,
                        kind,
                        mention: Spanned::new(mention.span(), nested),
                        inherited: inherited.clone(),
                    });
                }
            }
        }
        // The events' sources let go here, as when the lists were the loader's own.
        events.clear();
        self.scratch.events = events;
        Ok(())
    }

    /// Once every event is in: the events' relations, the entities' relations, and the
    /// explicit participations `head` holds.
    fn flush(&mut self, head: &'a FileRepr) -> Result<(), Error> {
        for later in std::mem::take(&mut self.later) {
            let step = self.locating(later.mention.span(), |l| {
                let kind = later.kind.parse()?;
                l.mention_relation(
                    later.from.into(),
                    kind,
                    &later.mention,
                    &later.inherited,
                    false,
                )
            });
            self.attempt(step)?;
        }
        let loaded = std::mem::take(&mut self.scratch.loaded);
        for &at in &loaded {
            let entity = &head.entities[at];
            let local = entity
                .get_ref()
                .id
                .as_ref()
                .unwrap_or(&entity.get_ref().name);
            // An entity that failed to load has been reported already.
            let Ok(id) = self.entity_ref(local.get_ref()) else {
                continue;
            };
            for (kind, mentions) in entity.get_ref().relation_lists() {
                for mention in mentions {
                    let step = self.locating(mention.span(), |l| {
                        let kind = kind.parse()?;
                        l.mention_relation(id.into(), kind, mention, &Sources::new(), false)
                    });
                    self.attempt(step)?;
                }
            }
        }
        self.scratch.loaded = loaded;
        self.participations(&head.participations)
    }

    fn participations(&mut self, list: &[Spanned<ParticipationRepr>]) -> Result<(), Error> {
        for participation in list {
            let step = self.locating(participation.span(), |l| l.participation(participation));
            self.attempt(step)?;
        }
        Ok(())
    }

    fn relations(&mut self, list: &[Spanned<RelationRepr>]) -> Result<(), Error> {
        for relation in list {
            let step = self.locating(relation.span(), |l| l.relation(relation));
            self.attempt(step)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Loaded {
        self.scratch.loaded.clear();
        Loaded {
            problems: self.collected.unwrap_or_default(),
            scratch: self.scratch,
            look_alikes: self.look_alikes,
            same_as: self.same_as,
            joined: self.joined,
        }
    }
}

/// An event's relation to another event, held until every event of the file is in.
struct LaterRelation {
    from: EventId,
    kind: &'static str,
    /// The mention with the event's source filled in where it names none.
    mention: Spanned<Mention>,
    /// The event's sources, which the relation takes where it names none.
    inherited: Sources,
}

/// What reading a file into a graph did.
struct Loaded {
    /// When collecting, every refused record.
    problems: Vec<Error>,
    /// Every record the file touched, and its documents, among the loader's buffers.
    scratch: Scratch,
    look_alikes: Vec<LookAlike>,
    same_as: Vec<SameAs>,
    joined: Vec<(EntityId, String)>,
}

/// The sets and lists a loader fills for one file, kept from one file of a corpus to the next:
/// for a file of a few records, making them afresh and freeing them cost 3 % of the load's
/// CPU at 100,000 files.
#[derive(Default)]
pub(super) struct Scratch {
    created: FxHashSet<EntityId>,
    created_events: FxHashSet<EventId>,
    /// Every record this file added or restated, in order, for the merge report.
    touched: Vec<RecordId>,
    documents_seen: Vec<DocumentId>,
    default_via: FxHashMap<DocumentId, Vec<EntityId>>,
    /// The file's entities that loaded, by their place in the file.
    loaded: Vec<usize>,
    /// The file's events that loaded, with their sources, by their place in the file.
    events: Vec<(EventId, Sources, usize)>,
}

impl Scratch {
    /// Empties every buffer, keeping its room.
    fn clear(&mut self) {
        self.created.clear();
        self.created_events.clear();
        self.touched.clear();
        self.documents_seen.clear();
        self.default_via.clear();
        self.loaded.clear();
        self.events.clear();
    }
}

impl Loaded {
    /// The account of what loading changed, read from the graph and its open journal.
    fn report(&self, graph: &EventGraph) -> MergeReport {
        let mut report = match graph.journal() {
            Some(journal) => MergeReport::compare(
                graph,
                journal,
                &self.scratch.touched,
                &self.scratch.documents_seen,
            ),
            None => MergeReport::default(),
        };
        // A `same_as` stated again, by a report loaded again, joins nothing new.
        report.same_as = self
            .same_as
            .iter()
            .filter(|link| report.restated.contains(&RecordId::Event(link.event)))
            .cloned()
            .collect();
        report.look_alikes.clone_from(&self.look_alikes);
        report.joined.clone_from(&self.joined);
        report
    }
}

/// A fact listed under an event, whose own source takes the reporting chain of the event's
/// source in the same document where it names none, and the event's speaker where its quote is
/// part of the speaker's quoted words (a sentence around them, such as "Kirby said on Friday",
/// is the reporter's, and a fact quoting another sentence names its speaker itself).
fn nested<'m>(mention: &'m Mention, event: SourceFields<'_>) -> Cow<'m, Mention> {
    // The source filled in, or `None` where it stays as written (most mentions name no source
    // of their own), so that an unchanged mention is not copied.
    let fill = |own: &SourceRepr| -> Option<SourceRepr> {
        let same_document = match (&own.document, event.document) {
            (None, None) => true,
            (Some(a), Some(b)) => a.get_ref() == b.get_ref(),
            _ => false,
        };
        if own.is_empty() || !same_document {
            return None;
        }
        let spoken = match (&own.quote, event.quote) {
            (Some(part), Some(words)) => quote_occurs(part.get_ref(), words.get_ref()),
            (None, _) => true,
            (Some(_), None) => false,
        };
        let said_by = (spoken && own.said_by.is_none() && event.said_by.is_some())
            .then(|| event.said_by.cloned());
        let via =
            (own.via.is_none() && event.via.is_some()).then(|| event.via.map(<[Text]>::to_vec));
        if said_by.is_none() && via.is_none() {
            return None;
        }
        let mut own = own.clone();
        if let Some(said_by) = said_by {
            own.said_by = said_by;
        }
        if let Some(via) = via {
            own.via = via;
        }
        Some(own)
    };
    let source = fill(&mention.source);
    let listed: Vec<(usize, SourceRepr)> = (mention.sources.iter().flatten())
        .enumerate()
        .filter_map(|(at, listed)| Some((at, fill(listed)?)))
        .collect();
    if source.is_none() && listed.is_empty() {
        return Cow::Borrowed(mention);
    }
    let mut mention = mention.clone();
    if let Some(source) = source {
        mention.source = source;
    }
    if let Some(sources) = &mut mention.sources {
        for (at, filled) in listed {
            sources[at] = filled;
        }
    }
    Cow::Owned(mention)
}

/// The entity a record describes, its kind and country already read, without its sources.
fn entity_of(
    (kind, country): (EntityKind, Option<CountryCode>),
    name: &Text,
    aliases: &[Text],
    coordinates: Option<crate::model::Coordinates>,
    attributes: &IndexMap<String, String>,
) -> Entity {
    let mut entity = Entity::new(kind, name.get_ref());
    entity.aliases = aliases.iter().map(|a| a.get_ref().to_owned()).collect();
    entity.country = country;
    entity.coordinates = coordinates;
    for (key, value) in attributes {
        entity.attributes.insert(key.clone(), value.clone());
    }
    entity
}

/// Parses a graph file's text; `file` names it in the error.
fn parse(text: &str, file: &str) -> Result<FileRepr, Error> {
    super::chunked::parse(text).map_err(|error| syntax_error(text, file, error))
}

/// A syntax error of `file`, placed in its `text`.
fn syntax_error(text: &str, file: &str, error: chunked::SyntaxError) -> Error {
    let (line, column) = LineIndex::default().position(text, error.offset);
    Error::located(
        ErrorKind::Syntax {
            message: error.message,
        },
        file,
        line,
        Some(column),
    )
}

/// The whole read's error when part `failed` of a text cut into `parts` does not parse, every
/// part before it having parsed: [`chunked::parse`] tells that part's error without joining
/// the parts before it (about five bytes of memory a byte of text) when the error is the
/// file's own. `None` when it may not be, and the text is to be parsed whole.
fn unparsed(text: &str, file: &str, parts: &[Range<usize>], failed: usize) -> Option<Error> {
    let error = chunked::error_in_part(text, parts, failed)?;
    Some(syntax_error(text, file, error))
}

/// A graph file ready to be read into a graph, with its name and its text (for the lines and
/// columns of messages): parsed, or, when large, cut into parts that are parsed as they are
/// read.
pub(super) struct Parsed<'t> {
    body: Body,
    text: Cow<'t, str>,
    /// The text's lines, counted for the first message that needs them.
    lines: LineIndex,
    file: Cow<'t, str>,
}

enum Body {
    Whole(FileRepr),
    /// Where the text is cut ([`chunked::cut`]).
    Parts(Vec<Range<usize>>),
    /// A large file, read from disk as it is read into the graph ([`stream`](super::stream));
    /// the text is empty.
    OnDisk(PathBuf),
}

impl<'t> Parsed<'t> {
    pub(super) fn new(
        text: impl Into<Cow<'t, str>>,
        file: impl Into<Cow<'t, str>>,
    ) -> Result<Self, Error> {
        let (text, file) = (text.into(), file.into());
        let body = match chunked::cut(&text) {
            Some(parts) => Body::Parts(parts),
            None => Body::Whole(parse(&text, &file)?),
        };
        Ok(Parsed {
            body,
            text,
            lines: LineIndex::default(),
            file,
        })
    }

    /// A graph file's text parsed whole, however large: for a file that cannot be read in
    /// parts.
    fn whole(text: impl Into<Cow<'t, str>>, file: impl Into<Cow<'t, str>>) -> Result<Self, Error> {
        let (text, file) = (text.into(), file.into());
        Ok(Parsed {
            body: Body::Whole(parse(&text, &file)?),
            text,
            lines: LineIndex::default(),
            file,
        })
    }

    /// The graph file at `path`: read and parsed when small, else left on disk to be read as
    /// it goes into the graph.
    pub(super) fn read(path: &Path) -> Result<Parsed<'static>, Error> {
        use std::io::Read;
        let failed = |error| Error::io(path.display(), error);
        // Opened once, for its size and then its text, as `fs::read_to_string` does: a corpus
        // is tens of thousands of small files.
        let mut opened = std::fs::File::open(path).map_err(failed)?;
        let size = opened.metadata().map_err(failed)?.len();
        let file = path.display().to_string();
        if size <= chunked::WHOLE_UP_TO as u64 {
            let mut bytes = Vec::with_capacity(size as usize);
            // Through `take`, whose reads ask nothing more of the file: `File`'s own
            // `read_to_end` asks for its size and position again, two system calls more a
            // file, a fifth of a corpus's.
            Read::take(&mut opened, u64::MAX)
                .read_to_end(&mut bytes)
                .map_err(failed)?;
            return Parsed::new(utf8_text(&file, bytes)?, file);
        }
        Ok(Parsed {
            body: Body::OnDisk(path.to_owned()),
            text: Cow::Borrowed(""),
            lines: LineIndex::default(),
            file: file.into(),
        })
    }
}

impl<'a> Loader<'a> {
    /// A loader for a file of `repr`'s records (or, read a part at a time, of those it holds
    /// from the start), its maps made at the size they need, so that none grows, rehashing,
    /// while the file is read: a corpus reads tens of thousands of small files, each with its
    /// own maps.
    fn new(
        graph: &'a mut EventGraph,
        parsed: &'a Parsed<'_>,
        texts: TextRoot<'a>,
        collect: bool,
        mut scratch: Scratch,
        repr: &FileRepr,
    ) -> Self {
        let (entities, events, documents) =
            (repr.entities.len(), repr.events.len(), repr.documents.len());
        scratch.created.reserve(entities);
        scratch.created_events.reserve(events);
        // Each entity and event, and an event's participants (two, most often).
        let facts = entities + 3 * events + repr.participations.len();
        scratch.touched.reserve(facts);
        scratch.documents_seen.reserve(documents);
        scratch.default_via.reserve(documents);
        Loader {
            graph,
            file: &parsed.file,
            text: &parsed.text,
            lines: &parsed.lines,
            placed: !matches!(parsed.body, Body::OnDisk(_)),
            unplaced: Vec::new(),
            kept_by_entities: 0,
            texts,
            entities: TextMap::with_capacity_and_hasher(entities, Default::default()),
            // Local ids of events: few files give their events one.
            events: EventIds::with_capacity_and_hasher(
                repr.events
                    .iter()
                    .filter(|e| e.get_ref().id.is_some())
                    .count(),
                Default::default(),
            ),
            documents: DocumentIds::with_capacity_and_hasher(documents, Default::default()),
            scratch,
            look_alikes: Vec::new(),
            same_as: Vec::new(),
            joined: Vec::new(),
            claimed: Default::default(),
            explicit_parts: Default::default(),
            default_document: None,
            collected: collect.then(Vec::new),
            // Made only for a quote not found in its text as written.
            folded: RefCell::default(),
            default_sources: OnceCell::new(),
            later: Vec::new(),
        }
    }
}

/// Reads a parsed file into `graph` and says what it changed (when `report`; else the report
/// holds only the values records kept): all of it, or, on the first error, nothing, at a cost
/// proportional to the file. When `collect`, every refused record is left out and returned
/// instead, and the rest is kept.
pub(super) fn load_parsed(
    graph: &mut EventGraph,
    parsed: &Parsed<'_>,
    texts: TextRoot<'_>,
    collect: bool,
    report: bool,
    scratch: &mut Scratch,
) -> Result<(MergeReport, Vec<Error>), Error> {
    let whole;
    let reading = Reading {
        texts,
        collect,
        report,
    };
    let repr = match &parsed.body {
        Body::Whole(repr) => repr,
        Body::Parts(parts) => {
            let windows = chunked::windows(&parsed.text, parts);
            match load_in_parts(graph, parsed, windows, reading, scratch) {
                Ok(done) => return Ok(done),
                Err(Stop::Refused(error)) => return Err(error),
                Err(Stop::Unparsed(failed)) => {
                    if let Some(error) = unparsed(&parsed.text, &parsed.file, parts, failed) {
                        return Err(error);
                    }
                }
                Err(Stop::Unread) => {}
            }
            whole = parse(&parsed.text, &parsed.file)?;
            &whole
        }
        Body::OnDisk(path) => {
            let mut stop = Stop::Unread;
            // Collecting, every problem is placed, which takes the text.
            if !collect && let Ok(file) = std::fs::File::open(path) {
                let windows = Windows::new(file);
                match load_in_parts(graph, parsed, windows, reading, scratch) {
                    Ok(done) => return Ok(done),
                    Err(why) => stop = why,
                }
            }
            let text = read_graph_file(path)?;
            let file = Cow::Borrowed(&*parsed.file);
            if let Stop::Unparsed(failed) = stop
                && let Some(parts) = chunked::cut(&text)
                && let Some(error) = unparsed(&text, &file, &parts, failed)
            {
                // The text is cut as it was read from disk, so that `failed` is the same part.
                return Err(error);
            }
            let read = if collect || matches!(stop, Stop::Refused(_)) {
                // Read in parts with the text at hand, which places the errors, rather than
                // whole.
                Parsed::new(text, file)?
            } else {
                // Read whole, as a file in memory is.
                Parsed::whole(text, file)?
            };
            return load_parsed(graph, &read, texts, collect, report, scratch);
        }
    };
    graph.begin();
    let scratch_now = std::mem::take(scratch);
    let loaded = Loader::new(graph, parsed, texts, collect, scratch_now, repr).load(repr);
    settle(graph, loaded, report, scratch)
}

/// Commits what a loader read, or undoes it on its error.
fn settle(
    graph: &mut EventGraph,
    loaded: Result<Loaded, Error>,
    report: bool,
    scratch: &mut Scratch,
) -> Result<(MergeReport, Vec<Error>), Error> {
    match loaded {
        Ok(loaded) => {
            let report = if report {
                loaded.report(graph)
            } else {
                // The values records kept, which a reader hands to its caller even when it
                // makes no report (an empty list takes no allocation).
                MergeReport {
                    kept: graph.journal().map_or_else(Vec::new, |j| j.kept().to_vec()),
                    ..MergeReport::default()
                }
            };
            graph.index_keyless(&loaded.scratch.touched);
            graph.commit();
            *scratch = loaded.scratch;
            scratch.clear();
            Ok((report, loaded.problems))
        }
        Err(error) => {
            graph.rollback();
            Err(error)
        }
    }
}

/// Reads a large file a part at a time, each part's records into the graph before the next
/// part is parsed, so that the records of the whole file are never held at once (about 4.5
/// kB for a GDELT row of 0.9 kB of text). The parts come in `windows`, the next parsed while
/// the loader takes the last, and are fed to the stages of [`Loader::load`]: the records
/// everything else names (documents, entities, and explicit participations given before any
/// event) from the parts before the first event, the events as their parts come, then what
/// waits for every event, then explicit participations as their parts come, and relations
/// last.
///
/// On a [`Stop`], the graph is as it was: [`Stop::Unread`] when the records come in an order
/// that the stages cannot take as they come, and the file is then read whole, so that what
/// reading it does, and any error and its place, are the same either way;
/// [`Stop::Unparsed`] at a part that does not parse alone; [`Stop::Refused`] when a record is
/// refused.
fn load_in_parts(
    graph: &mut EventGraph,
    parsed: &Parsed<'_>,
    windows: impl Iterator<Item = Vec<Option<FileRepr>>> + Send,
    reading: Reading<'_>,
    scratch: &mut Scratch,
) -> Result<(MergeReport, Vec<Error>), Stop> {
    let keyless_before = graph.holds_keyless_events();
    graph.begin();
    let scratch_now = std::mem::take(scratch);
    let loaded = chunked::read_windows_ahead(windows, |each| {
        read_each(graph, parsed, each, reading, keyless_before, scratch_now)
    });
    match loaded {
        Ok(loaded) => settle(graph, Ok(loaded), reading.report, scratch).map_err(|_| Stop::Unread),
        Err(why) => {
            graph.rollback();
            Err(why)
        }
    }
}

/// How [`load_in_parts`] reads: where `text_file`s may point, whether every refused record is
/// collected and the rest kept, and whether a report is made.
#[derive(Clone, Copy)]
struct Reading<'a> {
    texts: TextRoot<'a>,
    collect: bool,
    report: bool,
}

/// [`load_in_parts`] of the parts `each` gives.
fn read_each(
    graph: &mut EventGraph,
    parsed: &Parsed<'_>,
    each: &mut dyn Iterator<Item = Option<FileRepr>>,
    reading: Reading<'_>,
    keyless_before: bool,
    scratch: Scratch,
) -> Result<Loaded, Stop> {
    let mut head = FileRepr::default();
    let mut relations = Vec::new();
    let mut first = Vec::new();
    let mut loader = Loader::new(
        graph,
        parsed,
        reading.texts,
        reading.collect,
        scratch,
        &head,
    );
    let mut order = Order::new(keyless_before);
    // Read from disk, the first documents go in as they come, in the file's order, until one
    // names an entity (which may come later in the file); the values they keep are listed
    // where the whole read lists them, after the entities'. A file in memory keeps the whole
    // read's order throughout.
    let placed = loader.placed;
    let mut early = !placed;
    let kept_before = loader.graph.kept_count();
    // A refused record, and the rest of the file, to tell whether the whole read would
    // refuse it first.
    let refused = |error, rest: &mut dyn Iterator<Item = (usize, Option<FileRepr>)>, order| {
        if placed {
            Stop::refused(error, rest, order)
        } else {
            // Read from disk, the error's place is not at hand: the file is read again.
            Stop::Refused(error)
        }
    };
    // Each part with its place among the file's parts, for the error of one that does not
    // parse.
    let mut each = each.enumerate();
    while let Some((at, part)) = each.next() {
        let mut part = part.ok_or(Stop::Unparsed(at))?;
        order.takes(&part);
        if early {
            let held = part.documents.iter().position(names_an_entity);
            let upto = held.unwrap_or(part.documents.len());
            if let Err(error) = loader.documents(&part.documents[..upto]) {
                return Err(refused(error, &mut each, order));
            }
            part.documents.drain(..upto);
            early = held.is_none();
        }
        relations.append(&mut part.relations);
        std::mem::swap(&mut first, &mut part.events);
        chunked::join(&mut head, part);
        if !first.is_empty() {
            break;
        }
    }
    let kept_by_early_documents = loader.graph.kept_count();
    let done = loader.head(&head).and_then(|()| loader.events(&first));
    if let Err(error) = done {
        return Err(refused(error, &mut each, order));
    }
    drop(first);
    for (at, part) in each.by_ref() {
        let part = part.ok_or(Stop::Unparsed(at))?;
        // What waits for every event goes in before the first explicit participation.
        let flushed = order.participations;
        if !order.takes(&part) {
            return Err(Stop::Unread);
        }
        let FileRepr {
            events,
            participations,
            relations: more,
            ..
        } = part;
        let mut done = Ok(());
        if !events.is_empty() {
            done = loader.events(&events);
        }
        if !participations.is_empty() {
            if !flushed {
                done = done.and_then(|()| loader.flush(&head));
            }
            done = done.and_then(|()| loader.participations(&participations));
        }
        if let Err(error) = done {
            return Err(refused(error, &mut each, order));
        }
        relations.extend(more);
    }
    let mut done = Ok(());
    if !order.participations {
        done = loader.flush(&head);
    }
    if let Err(error) = done.and_then(|()| loader.relations(&relations)) {
        return Err(refused(error, &mut each, order));
    }
    if let Body::OnDisk(path) = &parsed.body {
        loader.place_kept(path).map_err(|_| Stop::Unread)?;
    }
    // The whole read keeps the head's entities' values before its documents'.
    let entities = loader.kept_by_entities;
    loader
        .graph
        .move_kept_after(kept_before..kept_by_early_documents, entities);
    Ok(loader.finish())
}

/// Whether a document names an entity, which must then be in the graph before it.
fn names_an_entity(document: &Spanned<DocumentRepr>) -> bool {
    let document = document.get_ref();
    document.publisher.is_some() || !document.via.is_empty()
}

/// Whether a file's parts come in an order that [`read_each`] takes as they come.
#[derive(Clone, Copy, Debug)]
struct Order {
    /// A keyless event is told apart by its content, which counts the explicit participations
    /// naming it, and only against keyless events held before this file: those given after
    /// the events (as the crate writes them) are then not yet counted.
    keyless_before: bool,
    /// An event has come: what events name was read before them.
    events: bool,
    /// An explicit participation has come after the events: explicit participations are read
    /// after every event.
    participations: bool,
}

impl Order {
    fn new(keyless_before: bool) -> Order {
        Order {
            keyless_before,
            events: false,
            participations: false,
        }
    }

    /// Whether `part`, the next, comes where the stages take it.
    fn takes(&mut self, part: &FileRepr) -> bool {
        if !self.events {
            // The head: anything, until the first event.
            self.events = !part.events.is_empty();
            return true;
        }
        if !(part.documents.is_empty() && part.entities.is_empty()) {
            return false;
        }
        if !part.events.is_empty() && self.participations {
            return false;
        }
        if !part.participations.is_empty() {
            if self.keyless_before {
                return false;
            }
            self.participations = true;
        }
        true
    }
}

/// Why a file was not read a part at a time. The graph is as it was.
#[derive(Debug)]
enum Stop {
    /// The parts cannot be read so: the file is read whole.
    Unread,
    /// The part at this place among the file's parts did not parse alone, and every part
    /// before it did: the whole read parses the file first, and the error is then its parse's
    /// ([`unparsed`]), whatever the records before.
    Unparsed(usize),
    /// A record was refused. With the text at hand, every part parsed and came where the
    /// stages take it, so the whole read would refuse it first, with this error, at this
    /// place: a file with an error is not read whole for it, at about five bytes of memory a
    /// byte. Read from disk, the error's place is not known, and the file is read again with
    /// its text.
    Refused(Error),
}

impl Stop {
    /// After `error`, whether the rest of the file would have been read a part at a time.
    fn refused(
        error: Error,
        rest: &mut dyn Iterator<Item = (usize, Option<FileRepr>)>,
        mut order: Order,
    ) -> Stop {
        let mut in_order = true;
        for (at, part) in rest {
            match part {
                // A part that does not parse decides, even after one out of order.
                None => return Stop::Unparsed(at),
                Some(part) => in_order = in_order && order.takes(&part),
            }
        }
        if in_order {
            Stop::Refused(error)
        } else {
            Stop::Unread
        }
    }
}

/// Parses `text` and reads it into `graph`, as [`load_parsed`] does.
pub(super) fn load_text(
    graph: &mut EventGraph,
    text: &str,
    file: &str,
    texts: TextRoot<'_>,
    collect: bool,
) -> Result<(MergeReport, Vec<Error>), Error> {
    let parsed = Parsed::new(text, file)?;
    load_parsed(
        graph,
        &parsed,
        texts,
        collect,
        true,
        &mut Scratch::default(),
    )
}

/// What may stand where a reference stands, which settles a name several entities go by.
#[derive(Clone, Copy, Debug)]
enum Slot {
    /// A participant, speaker, outlet or publisher: an actor, not a place.
    Actor,
    /// A location: a place or a state.
    Location,
    /// Anything an entity reference may name.
    Any,
}

impl Slot {
    fn admits(self, kind: &EntityKind) -> bool {
        match self {
            Slot::Actor => kind.is_actor(),
            Slot::Location => kind.is_location(),
            Slot::Any => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts given in the file only.
    const NO_TEXT_FILES: TextRoot<'static> = TextRoot {
        base: None,
        root: None,
    };

    /// A made-up file of `n` short reports, each a document with its text, two actors, and a
    /// meeting (with a key in even reports, keyless in odd ones) about the one before it, the
    /// records of each report together: a document comes after the events of the reports
    /// before it.
    fn reports(n: usize) -> String {
        // Made-up text, so that a file of few records passes the size where files are cut.
        let padding = "The talks went on all day, and neither side said more. ".repeat(10);
        let mut text = String::from("# Made-up reports, for the tests.\n\n");
        for i in 0..n {
            let key = if i % 2 == 0 {
                format!("key = \"meeting-{i}\"\n")
            } else {
                String::new()
            };
            let about = if i > 0 {
                format!("about = [\"m{}\"]\n", i - 1)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "[[document]]\nid = \"report-{i}\"\ntext = \"\"\"\nMade-up report {i}. The \
                 ministry of Avaria met the envoy {i} of Borlund on Tuesday. {padding}\"\"\"\n\n\
                 [[entity]]\nid = \"a{i}\"\nkind = \"government_body\"\nname = \"Ministry {i}\"\n\
                 document = \"report-{i}\"\n\n\
                 [[entity]]\nid = \"b{i}\"\nkind = \"person\"\nname = \"Envoy {i}\"\n\
                 document = \"report-{i}\"\n\n\
                 [[event]]\nid = \"m{i}\"\n{key}kind = \"meeting\"\n{about}\
                 participant = [\"a{i}\", \"b{i}\"]\ndocument = \"report-{i}\"\n\
                 quote = \"met the envoy {i} of Borlund\"\n\n\
                 [[relation]]\nfrom = \"b{i}\"\nkind = \"speaks_for\"\nto = \"a{i}\"\n\
                 document = \"report-{i}\"\n\n"
            ));
        }
        text
    }

    /// The same reports as the crate writes them: documents, entities, events, explicit
    /// participations, relations.
    fn written(n: usize) -> String {
        let graph = crate::io::from_str(&reports(n), "reports.toml").unwrap();
        crate::io::to_string(&graph).unwrap()
    }

    const MANY: usize = 1_000;

    fn json(graph: &EventGraph) -> String {
        crate::io::json::to_string(graph, false).unwrap()
    }

    /// The ways a large file is read a part at a time.
    #[derive(Clone, Copy, Debug)]
    enum Way {
        /// Its text in memory, cut into parts.
        Text,
        /// From disk, a window of parts at a time.
        Disk,
    }

    const WAYS: [Way; 2] = [Way::Text, Way::Disk];

    /// Reads `text` a part at a time, the `way` given, when it can be.
    fn in_parts(way: Way, graph: &mut EventGraph, text: &str) -> Option<MergeReport> {
        parts_or_stop(way, graph, text).ok()
    }

    /// A read that stops at the first error and makes a report.
    const READING: Reading = Reading {
        texts: NO_TEXT_FILES,
        collect: false,
        report: true,
    };

    /// Reads `text` a part at a time, the `way` given, or says why it stopped.
    fn parts_or_stop(way: Way, graph: &mut EventGraph, text: &str) -> Result<MergeReport, Stop> {
        let folder = tempfile::tempdir().unwrap();
        let parsed = match way {
            Way::Text => Parsed::new(text, "reports.toml").unwrap(),
            Way::Disk => {
                let path = folder.path().join("reports.toml");
                std::fs::write(&path, text).unwrap();
                Parsed::read(&path).unwrap()
            }
        };
        let scratch = &mut Scratch::default();
        let read = match &parsed.body {
            Body::Parts(parts) => {
                assert!(parts.len() > 3, "the file is cut");
                let windows = chunked::windows(&parsed.text, parts);
                load_in_parts(graph, &parsed, windows, READING, scratch)
            }
            Body::OnDisk(path) => {
                let windows = Windows::new(std::fs::File::open(path).unwrap());
                load_in_parts(graph, &parsed, windows, READING, scratch)
            }
            Body::Whole(_) => panic!("the file is not cut"),
        };
        read.map(|(report, _)| report)
    }

    /// Reads `text` as a graph file the `way` given, read whole when it cannot be read in
    /// parts.
    fn read(
        way: Way,
        graph: &mut EventGraph,
        text: &str,
        report: bool,
    ) -> Result<MergeReport, Error> {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("reports.toml");
        let parsed = match way {
            Way::Text => Parsed::new(text, path.display().to_string())?,
            Way::Disk => {
                std::fs::write(&path, text).unwrap();
                Parsed::read(&path)?
            }
        };
        let scratch = &mut Scratch::default();
        load_parsed(graph, &parsed, NO_TEXT_FILES, false, report, scratch).map(|(report, _)| report)
    }

    /// Reads `text` parsed whole, as a file that cannot be read in parts is.
    fn whole(graph: &mut EventGraph, text: &str) -> Result<MergeReport, Error> {
        let parsed = Parsed::whole(text, "reports.toml")?;
        let texts = NO_TEXT_FILES;
        load_parsed(graph, &parsed, texts, false, true, &mut Scratch::default())
            .map(|(report, _)| report)
    }

    #[test]
    fn a_written_file_read_in_parts_is_the_graph_a_whole_read_makes() {
        let text = written(MANY);
        let mut expected = EventGraph::new();
        let expected_report = whole(&mut expected, &text).unwrap();
        for way in WAYS {
            let mut graph = EventGraph::new();
            let report = in_parts(way, &mut graph, &text).expect("read in parts");
            assert_eq!(graph.event_count(), MANY, "{way:?}");
            assert_eq!(json(&graph), json(&expected), "{way:?}");
            assert_eq!(format!("{report:?}"), format!("{expected_report:?}"));
        }
    }

    #[test]
    fn documents_that_name_an_entity_wait_for_the_entities_in_the_file_order() {
        // Documents in the first and in a later part name an entity the file gives after
        // them: the documents before the first go in as they come, the rest after the
        // entities, and each keeps the id the whole read gives it.
        let text = written(MANY);
        for named in [0, 300] {
            let id = format!("id = \"report-{named}\"\n");
            let text = text.replacen(&id, &format!("{id}publisher = \"e3\"\n"), 1);
            let mut expected = EventGraph::new();
            let expected_report = whole(&mut expected, &text).unwrap();
            let document = expected
                .document_by_key(&format!("report-{named}"))
                .unwrap();
            assert!(expected.document(document).unwrap().publisher().is_some());
            for way in WAYS {
                let mut graph = EventGraph::new();
                let report = in_parts(way, &mut graph, &text).expect("read in parts");
                assert_eq!(json(&graph), json(&expected), "{way:?}");
                assert_eq!(format!("{report:?}"), format!("{expected_report:?}"));
            }
        }
    }

    #[test]
    fn a_large_file_of_one_document_cites_it_where_a_record_names_none() {
        let mut text = String::from(
            "[[document]]\nid = \"only\"\ntext = \"Made up: the ministry met the envoy.\"\n\n\
             [[entity]]\nkind = \"government_body\"\nname = \"Ministry\"\n\n",
        );
        for i in 0..20_000 {
            text.push_str(&format!(
                "[[event]]\nkey = \"m{i}\"\nkind = \"meeting\"\nquote = \"met the envoy\"\n\
                 participant = [\"Ministry\"]\n\n"
            ));
        }
        let mut expected = EventGraph::new();
        whole(&mut expected, &text).unwrap();
        let only = expected.document_by_key("only").unwrap();
        let last = expected.event_by_key("m19999").unwrap();
        let cited = expected
            .event(last)
            .unwrap()
            .sources()
            .iter()
            .map(|s| s.document);
        assert_eq!(cited.collect::<Vec<_>>(), vec![only]);
        for way in WAYS {
            let mut graph = EventGraph::new();
            in_parts(way, &mut graph, &text).expect("read in parts");
            assert_eq!(json(&graph), json(&expected), "{way:?}");
        }
    }

    #[test]
    fn records_out_of_the_stages_order_leave_the_file_to_a_whole_read() {
        for way in WAYS {
            // Documents and entities after the first events.
            let mut graph = EventGraph::new();
            assert!(in_parts(way, &mut graph, &reports(MANY)).is_none());
            assert_eq!((graph.entity_count(), graph.event_count()), (0, 0));
            // A document after the last relation.
            let written = written(MANY);
            let text = format!("{written}\n[[document]]\nid = \"late\"\ntext = \"Made up.\"\n");
            assert!(in_parts(way, &mut graph, &text).is_none());
            assert_eq!((graph.entity_count(), graph.event_count()), (0, 0));
            let mut late = EventGraph::new();
            read(way, &mut late, &text, false).unwrap();
            assert!(late.document_by_key("late").is_ok());
            assert_eq!(late.document_count(), MANY + 1);
            // Events after the explicit participations.
            let first = written.find("[[participation]]").unwrap();
            let again = written[written.find("[[event]]").unwrap()..first]
                .replace("id = \"v", "id = \"again-v")
                .replace("key = \"meeting-", "key = \"again-meeting-");
            let text = format!("{written}\n{again}");
            assert!(in_parts(way, &mut graph, &text).is_none());
            assert_eq!((graph.entity_count(), graph.event_count()), (0, 0));
            // Read whole, both load.
            let loaded = read(way, &mut graph, &text, false);
            assert!(loaded.is_ok(), "{:?}", loaded.err());
            assert_eq!(graph.event_count(), 2 * MANY);
        }
    }

    #[test]
    fn keyless_events_held_before_are_restated_through_a_whole_read() {
        let text = written(MANY);
        for way in WAYS {
            let mut graph = EventGraph::new();
            in_parts(way, &mut graph, &text).expect("read in parts");
            let before = json(&graph);
            // Their content counts the explicit participations, given after every event.
            assert!(in_parts(way, &mut graph, &text).is_none());
            assert_eq!(json(&graph), before);
            let report = read(way, &mut graph, &text, true).unwrap();
            assert_eq!(graph.event_count(), MANY);
            assert!(report.new_events.is_empty(), "{:?}", report.new_events);
        }
    }

    /// Reading a large file waits for parts parsed on rayon's pool: read on a thread of that
    /// pool, with every other thread of it reading too, it must not wait for a free one.
    #[cfg(feature = "parallel")]
    #[test]
    fn large_files_read_on_every_thread_of_the_pool_at_once() {
        let text = std::sync::Arc::new(written(MANY));
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let read = rayon::broadcast(|_| {
                crate::io::from_str(&text, "reports.toml").map(|graph| graph.event_count())
            });
            let _ = done.send(read);
        });
        let read = finished
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("every thread read its file");
        assert!(
            read.iter()
                .all(|events| events.as_ref().ok() == Some(&MANY))
        );
    }

    #[test]
    fn a_refused_record_in_a_part_leaves_the_graph_as_it_was() {
        let text = written(MANY);
        let middle = text[text.len() / 2..].find("role = \"").unwrap() + text.len() / 2;
        let text = format!("{}role = \"chair{}", &text[..middle], &text[middle + 8..]);
        let line = text[..middle].lines().count() + 1;
        for way in WAYS {
            let mut graph = crate::io::from_str(&reports(3), "three.toml").unwrap();
            let before = json(&graph);
            assert!(in_parts(way, &mut graph, &text).is_none());
            assert_eq!(json(&graph), before);
            let error = read(way, &mut graph, &text, false).expect_err("an unknown role");
            assert!(
                error.to_string().contains(&format!("reports.toml:{line}:")),
                "{error}"
            );
            assert_eq!(json(&graph), before);
        }
    }

    /// `text` with the first `from` at or after the share `at` of its length made `to`.
    fn changed(text: &str, at: f64, from: &str, to: &str) -> String {
        let start = (text.len() as f64 * at) as usize;
        let found = start + text[start..].find(from).expect("the text to change");
        format!("{}{to}{}", &text[..found], &text[found + from.len()..])
    }

    /// How many large texts this thread has parsed whole so far.
    fn parsed_whole() -> usize {
        chunked::PARSED_WHOLE.with(|count| count.get())
    }

    /// What reading a file in parts must do with a fault.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Then {
        /// Refuse the record itself.
        Refused,
        /// Stop at the first part that does not parse.
        Unparsed,
        /// Leave the file to the whole read.
        Whole,
    }

    #[test]
    fn a_refused_record_is_the_whole_reads_error_without_reading_the_file_whole() {
        let written = written(MANY);
        let first_event = written.find("[[event]]").unwrap() as f64 / written.len() as f64;
        let first_part = written.find("[[participation]]").unwrap() as f64 / written.len() as f64;
        let first_relation = written.find("[[relation]]").unwrap() as f64 / written.len() as f64;
        let in_events = (first_event + first_part) / 2.0;
        let in_participations = (first_part + first_relation) / 2.0;
        let event_kind = |text: &str| changed(text, in_events, "\"meeting\"", "\"meetnig\"");
        let late_entity = "\n[[entity]]\nid = \"late\"\nkind = \"person\"\nname = \"Late Envoy\"\n";
        // Header lines inside a made-up text longer than a part, so that the file is cut
        // inside it: the part after the cut does not parse alone, nor with its neighbours in
        // the same place, and the whole read reads it.
        let long_text = format!(
            "\n[[document]]\nid = \"long\"\ntext = \"\"\"\n{}\"\"\"\n",
            "A made-up line of a long text.\n[[relation]]\n".repeat(8_000)
        );
        // Made-up faults, each with what the read in memory, in parts, must do.
        let cases: Vec<(&str, String, Then)> = vec![
            (
                "an entity of an unknown kind",
                changed(&written, first_event / 2.0, "\"person\"", "\"persno\""),
                Then::Refused,
            ),
            (
                "an event of an unknown kind",
                event_kind(&written),
                Then::Refused,
            ),
            (
                "a participation in an unknown role",
                changed(&written, in_participations, "role = \"", "role = \"chair"),
                Then::Refused,
            ),
            (
                "a relation of an unknown kind",
                changed(&written, 0.97, "\"speaks_for\"", "\"speaks_fro\""),
                Then::Refused,
            ),
            (
                "an unknown event kind, then an unknown relation kind",
                changed(
                    &event_kind(&written),
                    0.97,
                    "\"speaks_for\"",
                    "\"speaks_fro\"",
                ),
                Then::Refused,
            ),
            (
                "an unknown event kind, then a document after the relations",
                format!(
                    "{}\n[[document]]\nid = \"late\"\ntext = \"Made up.\"\n",
                    event_kind(&written)
                ),
                Then::Whole,
            ),
            (
                "an unknown event kind, then a line that does not parse",
                format!("{}\n[[relation]\n", event_kind(&written)),
                Then::Unparsed,
            ),
            (
                "a participant given only after the relations, which the whole read reads",
                format!(
                    "{}{late_entity}",
                    changed(
                        &written,
                        in_participations,
                        "entity = \"",
                        "entity = \"late\"\n# was "
                    )
                ),
                Then::Whole,
            ),
            (
                "a value without its quotes among the events",
                changed(&written, in_events, "kind = \"meeting\"", "kind = meeting"),
                Then::Unparsed,
            ),
            (
                "a file cut short in its last record",
                written[..written.len() - 10].to_owned(),
                Then::Unparsed,
            ),
            (
                "a document after the relations, then a line that does not parse",
                format!(
                    "{written}\n[[document]]\nid = \"late\"\ntext = \"Made up.\"\n\
                     \n[[relation]\n"
                ),
                Then::Unparsed,
            ),
            (
                "header lines inside a text, which the whole read reads",
                format!("{written}{long_text}"),
                Then::Unparsed,
            ),
        ];
        // A graph of one made-up entity, and one that holds keyless events, whose content
        // counts the explicit participations given after the events: a file read into it is
        // left to the whole read.
        let one = "[[entity]]\nkind = \"person\"\nname = \"Someone Else\"\n";
        let starts = [(one, false), (reports(3).leak() as &str, true)];
        // Into the second, two of the faults: in the events, and in the relations.
        let runs = cases.iter().enumerate().flat_map(|(at, case)| {
            let starts = if matches!(at, 1 | 3) {
                &starts[..]
            } else {
                &starts[..1]
            };
            starts.iter().map(move |start| (case, start))
        });
        for ((case, text, then), (start, keyless)) in runs {
            let refused_in_memory = *then == Then::Refused && !keyless;
            let start = crate::io::from_str(start, "start.toml").unwrap();
            let before = json(&start);
            let mut expected = start.clone();
            let expected = whole(&mut expected, text).map(|_| json(&expected));
            assert_eq!(
                expected.is_ok(),
                case.ends_with("which the whole read reads"),
                "{case}"
            );
            for way in WAYS {
                let mut graph = start.clone();
                match (parts_or_stop(way, &mut graph, text), &expected) {
                    (Ok(_), Ok(_)) => panic!("{case}, {way:?}: read in parts"),
                    (Ok(_), Err(error)) => panic!("{case}, {way:?}: read despite {error}"),
                    (Err(Stop::Refused(error)), Err(wanted)) if refused_in_memory => {
                        if let Way::Text = way {
                            assert_eq!(error.to_string(), wanted.to_string(), "{case}");
                        }
                    }
                    (Err(Stop::Refused(_)), _) => assert!(
                        matches!(way, Way::Disk),
                        "{case}: refused in memory, where the file is left to the whole read"
                    ),
                    (Err(Stop::Unparsed(at)), wanted) => {
                        assert!(
                            *then == Then::Unparsed,
                            "{case}, {way:?}: a part did not parse"
                        );
                        // The part's error is the whole read's, told without it; or, where
                        // the cut is what failed, none, and the whole read reads the file.
                        let parts = chunked::cut(text).unwrap();
                        let told = unparsed(text, "reports.toml", &parts, at);
                        match (told, wanted) {
                            (Some(error), Err(wanted)) => {
                                assert_eq!(error.to_string(), wanted.to_string(), "{case}")
                            }
                            (None, Ok(_)) => {}
                            (told, wanted) => panic!("{case}, {way:?}: {told:?}, not {wanted:?}"),
                        }
                    }
                    (Err(Stop::Unread), _) => assert!(
                        *then == Then::Whole || *keyless,
                        "{case}, {way:?}: left to the whole read"
                    ),
                }
                assert_eq!(json(&graph), before, "{case}, {way:?}");
                let whole_before = parsed_whole();
                let read = read(way, &mut graph, text, true);
                // A record refused, or a part's error that is the file's, is told without
                // the whole file's records parsed at once.
                let told_in_parts = refused_in_memory || *then == Then::Unparsed && !*keyless;
                if told_in_parts && expected.is_err() {
                    let now = parsed_whole();
                    assert_eq!(now, whole_before, "{case}, {way:?}: parsed whole");
                }
                match (read, &expected) {
                    (Ok(_), Ok(wanted)) => assert_eq!(&json(&graph), wanted, "{case}, {way:?}"),
                    (Err(error), Err(wanted)) => {
                        let (got, wanted) = (error.to_string(), wanted.to_string());
                        assert!(
                            got.ends_with(&wanted) && got.len() > wanted.len(),
                            "{case}, {way:?}: {got}, where the whole read says {wanted}"
                        );
                        assert_eq!(json(&graph), before, "{case}, {way:?}");
                    }
                    (got, wanted) => panic!("{case}, {way:?}: {got:?}, not {wanted:?}"),
                }
            }
        }
    }

    /// Every problem of the file `parsed`, the graph of what loads, and the report, read into
    /// `graph` as a check of graph files reads it (or the one error that stops it).
    fn collected(
        graph: &mut EventGraph,
        parsed: &Parsed<'_>,
    ) -> (Vec<String>, String, Option<MergeReport>) {
        let scratch = &mut Scratch::default();
        match load_parsed(graph, parsed, NO_TEXT_FILES, true, true, scratch) {
            Ok((report, problems)) => {
                let problems = problems.iter().map(ToString::to_string).collect();
                (problems, json(graph), Some(report))
            }
            Err(error) => (vec![error.to_string()], json(graph), None),
        }
    }

    #[test]
    fn a_check_of_a_large_file_finds_every_problem_in_parts_as_a_whole_read_does() {
        let written = written(MANY);
        let first_event = written.find("[[event]]").unwrap() as f64 / written.len() as f64;
        let first_part = written.find("[[participation]]").unwrap() as f64 / written.len() as f64;
        let in_events = (first_event + first_part) / 2.0;
        // Made-up faults in every stage: two entities of an unknown kind (which the records
        // naming them then miss), an event kind, a role and a relation kind, and a relation
        // from an unknown entity.
        let mut faulty = changed(&written, first_event / 3.0, "\"person\"", "\"persno\"");
        faulty = changed(&faulty, first_event * 2.0 / 3.0, "\"person\"", "\"persno\"");
        faulty = changed(&faulty, in_events, "\"meeting\"", "\"meetnig\"");
        faulty = changed(
            &faulty,
            (first_part + 1.0) / 2.0,
            "role = \"",
            "role = \"chair",
        );
        faulty = changed(&faulty, 0.97, "\"speaks_for\"", "\"speaks_fro\"");
        faulty = changed(&faulty, 0.98, "from = \"", "from = \"nobody-made-up");
        let out_of_order = format!("{faulty}\n[[document]]\nid = \"late\"\ntext = \"Made up.\"\n");
        let cases = [
            ("faults in every stage", faulty.clone(), true),
            (
                "the same, then a document after the relations",
                out_of_order,
                false,
            ),
        ];
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("reports.toml");
        let file = path.display().to_string();
        for (case, text, in_parts) in cases {
            let whole = Parsed::whole(text.as_str(), file.as_str()).unwrap();
            let one = "[[entity]]\nkind = \"person\"\nname = \"Someone Else\"\n";
            let start = crate::io::from_str(one, "start.toml").unwrap();
            let expected = collected(&mut start.clone(), &whole);
            assert!(expected.0.len() >= 6, "{case}: {:?}", expected.0);
            std::fs::write(&path, &text).unwrap();
            let ways = [
                (
                    Way::Text,
                    Parsed::new(text.as_str(), file.as_str()).unwrap(),
                ),
                (Way::Disk, Parsed::read(&path).unwrap()),
            ];
            for (way, parsed) in ways {
                let whole_before = parsed_whole();
                let got = collected(&mut start.clone(), &parsed);
                assert_eq!(got.0, expected.0, "{case}, {way:?}: the problems");
                assert_eq!(got.1, expected.1, "{case}, {way:?}: the graph");
                assert_eq!(got.2, expected.2, "{case}, {way:?}: the report");
                let now = parsed_whole();
                assert_eq!(
                    now == whole_before,
                    in_parts,
                    "{case}, {way:?}: read in parts"
                );
            }
        }
        // A check of the text through the crate's reader, into a new graph.
        let whole = Parsed::whole(faulty.as_str(), "reports.toml").unwrap();
        let expected = collected(&mut EventGraph::new(), &whole).0;
        let whole_before = parsed_whole();
        let found = crate::io::GraphFileReader::new().check_str(&faulty, "reports.toml");
        let found: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(found, expected);
        assert_eq!(parsed_whole(), whole_before);
    }

    #[test]
    fn values_kept_from_a_file_read_from_disk_are_placed_and_listed_as_a_whole_read_does() {
        let text = written(MANY);
        // The documents and one entity held before: no keyless event is, which would have
        // the file read whole.
        let documents = &text[..text.find("[[entity]]").unwrap()];
        let mut held = EventGraph::new();
        let entity = "[[entity]]\nkind = \"government_body\"\nname = \"Ministry 5\"\n";
        whole(
            &mut held,
            &format!("{documents}{entity}country = \"FRA\"\n"),
        )
        .unwrap();
        // The file again, with three values the graph keeps against it: the texts of a
        // document in the first part and of one in a later part (documents the file gives
        // before its entities, which a read from disk takes first), and a country.
        let mut changed = text.clone();
        for (from, to) in [
            ("Made-up report 3. ", "Made-up report 3, again. "),
            ("Made-up report 700. ", "Made-up report 700, again. "),
            (
                "name = \"Ministry 5\"\n",
                "name = \"Ministry 5\"\ncountry = \"DEU\"\n",
            ),
        ] {
            assert!(changed.contains(from), "{from}");
            changed = changed.replacen(from, to, 1);
        }
        let mut expected = held.clone();
        let expected_report = whole(&mut expected, &changed).unwrap();
        let fields: Vec<String> = expected_report
            .kept
            .iter()
            .map(|kept| kept.field.to_string())
            .collect();
        assert_eq!(fields, ["country", "text", "text"]);
        let document = changed.find("id = \"report-700\"").unwrap();
        let line = changed[..document].lines().count();
        assert_eq!(
            expected_report.kept[2].at.as_ref().map(|at| at.line()),
            Some(line)
        );
        // Each kept value, and its place in the file (whatever the file's name).
        let places = |report: &MergeReport| -> Vec<_> {
            let place = |at: &Location| (at.line(), at.column());
            let kept = report.kept.iter();
            kept.map(|k| {
                (
                    k.record,
                    k.field.clone(),
                    k.given.clone(),
                    k.at.as_ref().map(place),
                )
            })
            .collect()
        };
        for way in WAYS {
            let mut graph = held.clone();
            let report = in_parts(way, &mut graph, &changed).expect("read in parts");
            assert_eq!(json(&graph), json(&expected), "{way:?}");
            assert_eq!(places(&report), places(&expected_report), "{way:?}");
            let mut graph = held.clone();
            let report = read(way, &mut graph, &changed, true).unwrap();
            assert_eq!(places(&report), places(&expected_report), "{way:?}");
            assert_eq!(json(&graph), json(&expected), "{way:?}");
        }
    }
}
