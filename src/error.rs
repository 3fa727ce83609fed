//! The crate's one error type: small (one pointer), located where a file is at fault, and the
//! source of every I/O failure kept.

use std::fmt;

use crate::model::{
    DocumentId, EntityId, EntityKind, EventId, FactId, NodeId, ParticipationId, RelationId,
};

/// Everything that can go wrong when building, changing, reading or writing a graph.
///
/// What went wrong is its [`kind`](Error::kind); where, for an error in a file, its
/// [`location`](Error::location). Each kind names the offending id, name, key or value, and
/// where a near miss is likely (an unknown name, a misspelt kind) the closest known one, so
/// that a message is enough to fix the input. A failed call leaves the graph exactly as it
/// was.
///
/// The error is one pointer wide, as `serde_json`'s is, so that a `Result` costs no more than
/// its value on the happy path. It converts from [`std::io::Error`], so that a function
/// returning `Result<_, eventkg::Error>` can use `?` on a writer.
///
/// ```
/// use eventkg::{Entity, EntityKind, ErrorKind, EventGraph};
/// let mut graph = EventGraph::new();
/// graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").alias("Macron"))?;
/// let error = graph.find_entity("Macon").unwrap_err();
/// assert_eq!(error.to_string(), "unknown entity name `Macon` — did you mean `Macron`?");
/// assert!(matches!(error.kind(), ErrorKind::UnknownName { .. }));
/// assert!(error.location().is_none());
/// # Ok::<(), eventkg::Error>(())
/// ```
///
/// Files and writers mix with the crate's calls under one `?`:
///
/// ```no_run
/// fn save(graph: &eventkg::EventGraph, path: &str) -> Result<(), eventkg::Error> {
///     let mut file = std::fs::File::create(path)?;
///     eventkg::io::json::to_writer(graph, &mut file, false)?;
///     std::io::Write::flush(&mut file)?;
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    location: Option<Location>,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// What went wrong, owned.
    pub fn into_kind(self) -> ErrorKind {
        self.inner.kind
    }

    /// Where in a file it went wrong: a graph file's line and column, a GDELT file's line.
    /// `None` for an error that is not about a place in a file.
    ///
    /// ```
    /// let text = "[[entity]]\nname = \"France\"\nkind = \"sate\"\n";
    /// let error = eventkg::io::from_str(text, "pasted.toml").unwrap_err();
    /// let location = error.location().unwrap();
    /// assert_eq!((location.line(), location.column()), (3, Some(8)));
    /// assert!(error.to_string().starts_with("pasted.toml:3:8: unknown entity kind `sate`"));
    /// ```
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    /// The error placed at `location`, unless it already has a place of its own (which is
    /// nearer to the fault).
    pub(crate) fn at(mut self, location: Location) -> Self {
        if self.inner.location.is_none() {
            self.inner.location = Some(location);
        }
        self
    }

    /// An error at a place in `file`.
    pub(crate) fn located(
        kind: ErrorKind,
        file: impl Into<String>,
        line: impl TryInto<usize>,
        column: Option<usize>,
    ) -> Self {
        let line = line.try_into().unwrap_or(usize::MAX);
        Error::from(kind).at(Location::new(file, line, column))
    }

    /// An I/O error about the file `path`.
    pub(crate) fn io(path: impl fmt::Display, source: std::io::Error) -> Self {
        ErrorKind::Io {
            path: Some(path.to_string()),
            error: source.into(),
        }
        .into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                location: None,
            }),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        ErrorKind::Io {
            path: None,
            error: source.into(),
        }
        .into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.location {
            Some(location) => write!(f, "{location}: {}", self.inner.kind),
            None => write!(f, "{}", self.inner.kind),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Error");
        debug.field("kind", &self.inner.kind);
        if let Some(location) = &self.inner.location {
            debug.field("location", location);
        }
        debug.finish()
    }
}

/// The source of an I/O error is the `std::io::Error` itself, so that a caller walking the
/// chain can downcast it and read its kind.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.kind {
            ErrorKind::Io { error, .. } => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// A place in a file: the file as the caller named it, a line counted from 1 and, where the
/// format has them, a column counted from 1 in characters. Displays as `file:line:column`, the
/// form editors jump to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    file: String,
    line: usize,
    column: Option<usize>,
}

impl Location {
    pub(crate) fn new(file: impl Into<String>, line: usize, column: Option<usize>) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    /// The file, as the caller named it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column, from 1, in characters; `None` for a whole row.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

/// What went wrong: the [`kind`](Error::kind) of an [`Error`].
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No live entity has this id.
    #[error("unknown {0}")]
    UnknownEntity(EntityId),
    /// No live event has this id.
    #[error("unknown {0}")]
    UnknownEvent(EventId),
    /// No live document has this id.
    #[error("unknown {0}")]
    UnknownDocument(DocumentId),
    /// No live participation has this id.
    #[error("unknown {0}")]
    UnknownParticipation(ParticipationId),
    /// No live relation has this id.
    #[error("unknown {0}")]
    UnknownRelation(RelationId),
    /// The graph holds this node, but the view a query was asked of does not: a part answers
    /// for its own nodes only, so that "outside" is not mistaken for "none".
    #[error("{0} is not in the view")]
    NotInView(NodeId),
    /// No entity goes by this name or alias.
    #[error("unknown entity name `{name}`{}", did_you_mean(suggestion))]
    UnknownName {
        /// The name asked for.
        name: String,
        /// The closest known name or alias, if one is close.
        suggestion: Option<String>,
    },
    /// No document has this key.
    #[error("unknown document key `{key}`{}", did_you_mean(suggestion))]
    UnknownDocumentKey {
        /// The key asked for.
        key: String,
        /// The closest known key, if one is close.
        suggestion: Option<String>,
    },
    /// Several entities go by this name or alias; the caller must say which.
    #[error(
        "the name `{name}` is ambiguous: it names {}",
        list_candidates(candidates)
    )]
    AmbiguousName {
        /// The name asked for.
        name: String,
        /// Every entity that goes by it, with its canonical name.
        candidates: Vec<(EntityId, String)>,
    },
    /// A reference in a graph file names several entities that could all stand where it
    /// stands; the message says how to name one.
    #[error(
        "the name `{name}` is ambiguous here: it names {}; write {} or the entity's id",
        list_kinded(candidates),
        qualified(name, candidates)
    )]
    AmbiguousReference {
        /// The name as written.
        name: String,
        /// The entities it could mean: id, canonical name and kind.
        candidates: Vec<(EntityId, String, EntityKind)>,
    },
    /// An entity of this kind already has this canonical name.
    #[error("a {kind} entity named `{name}` already exists as {existing}")]
    DuplicateEntity {
        /// The name of the refused entity.
        name: String,
        /// Its kind.
        kind: EntityKind,
        /// The entity already in the graph.
        existing: EntityId,
    },
    /// A document with this key already exists.
    #[error("a document with key `{key}` already exists as {existing}")]
    DuplicateDocument {
        /// The refused key.
        key: String,
        /// The document already in the graph.
        existing: DocumentId,
    },
    /// An event with this key already exists.
    #[error("an event with key `{key}` already exists as {existing}")]
    DuplicateEventKey {
        /// The refused key.
        key: String,
        /// The event already in the graph.
        existing: EventId,
    },
    /// No event has this key.
    #[error("unknown event key `{key}`{}", did_you_mean(suggestion))]
    UnknownEventKey {
        /// The key asked for.
        key: String,
        /// The closest known key, if one is close.
        suggestion: Option<String>,
    },
    /// A change would turn one fact into a copy of another.
    #[error("{fact} would become the same fact as {existing}")]
    DuplicateFact {
        /// The fact being changed.
        fact: FactId,
        /// The fact it would duplicate.
        existing: FactId,
    },
    /// A word is not a term of the named vocabulary.
    #[error(
        "unknown {vocabulary} `{value}`{} (write `other:NAME` for a term the vocabulary lacks)",
        did_you_mean(suggestion)
    )]
    UnknownTerm {
        /// Which vocabulary: "entity kind", "event kind", "role", "relation kind".
        vocabulary: &'static str,
        /// The word given.
        value: String,
        /// The closest term, if one is close.
        suggestion: Option<String>,
    },
    /// A word is not one of the values a closed list accepts (an event status, an event
    /// field), which, unlike a vocabulary, takes no `other:NAME`.
    #[error(
        "unknown {what} `{value}` (one of {}){}",
        list_values(accepted),
        did_you_mean(suggestion)
    )]
    UnknownValue {
        /// Which list: "event status", "event field".
        what: &'static str,
        /// The word given.
        value: String,
        /// Every value the list accepts.
        accepted: Vec<&'static str>,
        /// The closest value, if one is close.
        suggestion: Option<String>,
    },
    /// A relation or participation joins nodes it may not join.
    #[error("{fact}: {reason}")]
    InvalidFact {
        /// The fact, as `from -kind-> to` with names.
        fact: String,
        /// Why it is refused.
        reason: String,
    },
    /// A value is out of its domain.
    #[error("invalid {what} `{value}`: {reason}")]
    InvalidValue {
        /// What the value is for.
        what: &'static str,
        /// The value given.
        value: String,
        /// What was expected.
        reason: String,
    },
    /// A date text or phrase could not be read.
    #[error("invalid date `{text}`: {reason}")]
    InvalidDate {
        /// The text given.
        text: String,
        /// Why it was refused.
        reason: String,
    },
    /// Two entities cannot be joined into one.
    #[error("{other} cannot be joined into {keep}: {reason}")]
    CannotJoin {
        /// The entity that would remain, with its name.
        keep: String,
        /// The entity that would be joined into it, with its name.
        other: String,
        /// Why not.
        reason: String,
    },
    /// A record is still referred to and cannot be removed.
    #[error("{record} cannot be removed: {used_by} refers to it")]
    InUse {
        /// The record to be removed, with its name.
        record: String,
        /// The first record found that refers to it.
        used_by: String,
    },
    /// A graph cannot hold more records of this kind (ids are 32-bit).
    #[error("a graph holds at most 2^32 - 1 {what}")]
    CapacityExceeded {
        /// What ran out.
        what: &'static str,
    },
    /// A serialised graph is inconsistent.
    #[error("invalid graph data: {0}")]
    InvalidGraph(String),
    /// A graph file is not well-formed: bad TOML or JSON, a wrong type, a missing or unknown
    /// field. Its [location](Error::location) says where.
    #[error("{message}")]
    Syntax {
        /// What is wrong.
        message: String,
    },
    /// A local id in a graph file names nothing defined in it.
    #[error("unknown {what} `{id}`{}", did_you_mean(suggestion))]
    UnknownReference {
        /// What the id should name: "event", "entity or event".
        what: &'static str,
        /// The id given.
        id: String,
        /// The closest known id or name, if one is close.
        suggestion: Option<String>,
    },
    /// Two records in graph files share a local id.
    #[error("the id `{id}` is already defined at line {line}")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first defined.
        line: usize,
    },
    /// A quote does not occur in the text of the document it cites.
    #[error("the quote `{quote}` does not occur in the text of document `{document}`")]
    QuoteNotInDocument {
        /// The quote.
        quote: String,
        /// The key of the cited document.
        document: String,
    },
    /// A graph file named a path the loader may not read; `reason` says why and how to allow it.
    #[error("refused to read `{path}`: {reason}")]
    RefusedPath {
        /// The path as the graph file gave it.
        path: String,
        /// Why it was refused.
        reason: crate::io::PathRefusal,
    },
    /// A row of a GDELT file with a value its column does not take. Its
    /// [location](Error::location) names the file and the line.
    #[error("column {column}: invalid value `{value}`: {reason}")]
    GdeltRow {
        /// The column's name in the GDELT codebook (`SQLDATE`, `Actor1CountryCode`).
        column: &'static str,
        /// The value as written; a byte sequence that is not UTF-8 shows as U+FFFD.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A GDELT file whose rows are not of one known layout. Its [location](Error::location)
    /// names the file and the first row that does not fit.
    #[error("{found} {noun}, {reason}", noun = if *.found == 1 { "column" } else { "columns" })]
    GdeltLayout {
        /// How many tab-separated columns that row has.
        found: usize,
        /// What was expected.
        reason: String,
    },
    /// A GDELT file of a table the import does not read: the Global Knowledge Graph, which
    /// codes each document's themes, names, counts and tone rather than events. Its
    /// [location](Error::location) names the file. Named alone, such a file is refused; in a
    /// folder, it is passed over and reported (`ImportSummary::passed_over`).
    #[error(
        "a GDELT {table} file: the import reads GDELT event and mentions files, not this table"
    )]
    GdeltNotRead {
        /// The table and its version, as GDELT names them: `Global Knowledge Graph 2.1 (GKG)`.
        table: String,
    },
    /// Graphviz, which lays out a diagram for an HTML page, could not be run or failed.
    #[error("Graphviz `{program}` {reason}")]
    Graphviz {
        /// The program as it was asked for (`dot` unless set).
        program: String,
        /// What went wrong: not installed, or what it printed when it failed.
        reason: String,
    },
    /// A file or stream could not be read or written; `error` is what the system said, and
    /// the [source](std::error::Error::source) of the crate's error.
    #[error("{}{error}", path.as_deref().map(|p| format!("{p}: ")).unwrap_or_default())]
    Io {
        /// The file, when there is one.
        path: Option<String>,
        /// What the system said, kept whole: its kind tells a missing file from a broken pipe.
        /// Shared, so that an error can be cloned into a report.
        error: std::sync::Arc<std::io::Error>,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(" — did you mean `{s}`?"),
        None => String::new(),
    }
}

fn list_values(values: &[&'static str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list_kinded(candidates: &[(EntityId, String, EntityKind)]) -> String {
    candidates
        .iter()
        .map(|(id, name, kind)| format!("`{name}` ({id}, {kind})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn qualified(name: &str, candidates: &[(EntityId, String, EntityKind)]) -> String {
    let kind = candidates
        .first()
        .map_or("KIND".to_owned(), |c| c.2.to_string());
    format!("`{{ to = \"{name}\", kind = \"{kind}\" }}`")
}

fn list_candidates(candidates: &[(EntityId, String)]) -> String {
    candidates
        .iter()
        .map(|(id, name)| format!("`{name}` ({id})"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_pointer_wide() {
        assert_eq!(size_of::<Error>(), size_of::<usize>());
        assert_eq!(size_of::<Result<(), Error>>(), size_of::<usize>());
    }

    #[test]
    fn an_io_error_keeps_its_kind_and_is_the_source() {
        let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let error = Error::io("a.toml", missing);
        assert_eq!(error.to_string(), "a.toml: gone");
        let source = std::error::Error::source(&error).expect("a source");
        let system = source
            .downcast_ref::<std::io::Error>()
            .expect("the io::Error");
        assert_eq!(system.kind(), std::io::ErrorKind::NotFound);
        let bare: Error = std::io::Error::other("pipe").into();
        assert_eq!(bare.to_string(), "pipe");
        assert!(bare.location().is_none());
    }

    #[test]
    fn the_nearest_place_wins() {
        let inner = Error::located(ErrorKind::InvalidGraph("x".into()), "a.tsv", 4u64, None);
        let outer = inner.at(Location::new("b.toml", 9, Some(2)));
        assert_eq!(
            outer.location().map(Location::to_string).as_deref(),
            Some("a.tsv:4")
        );
        assert_eq!(outer.to_string(), "a.tsv:4: invalid graph data: x");
    }
}
