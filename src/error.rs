//! The crate's one error type.

use crate::model::{
    DocumentId, EntityId, EntityKind, EventId, FactId, ParticipationId, RelationId,
};

/// Everything that can go wrong when building, changing or reading a graph.
///
/// Each variant names the offending id, name, key or value, and where a near miss is likely
/// (an unknown name, a misspelt kind) the closest known one, so that a message is enough to fix
/// the input. A failed call leaves the graph exactly as it was.
///
/// ```
/// use eventkg::{Entity, EntityKind, Error, EventGraph};
/// let mut graph = EventGraph::new();
/// graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").alias("Macron"))?;
/// let error = graph.find_entity("Macon").unwrap_err();
/// assert_eq!(error.to_string(), "unknown entity name `Macon` — did you mean `Macron`?");
/// assert!(matches!(error, Error::UnknownName { .. }));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
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
    /// A graph file is not well-formed: bad TOML, a wrong type, a missing or unknown field.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file, as the caller named it.
        file: String,
        /// The line, from 1.
        line: usize,
        /// The column, from 1, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A value in a graph file is refused; `error` says why.
    #[error("{file}:{line}:{column}: {error}")]
    At {
        /// The file, as the caller named it.
        file: String,
        /// The line, from 1.
        line: usize,
        /// The column, from 1, in characters.
        column: usize,
        /// Why the value is refused.
        error: Box<Error>,
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
    /// A row of a GDELT file with a value its column does not take.
    #[error("{file}:{line}: column {column}: invalid value `{value}`: {reason}")]
    GdeltRow {
        /// The file.
        file: String,
        /// The line, counted from 1.
        line: u64,
        /// The column's name in the GDELT codebook (`SQLDATE`, `Actor1CountryCode`).
        column: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A GDELT file whose rows are not of one known layout.
    #[error("{file}:{line}: {found} columns, {reason}")]
    GdeltLayout {
        /// The file.
        file: String,
        /// The line of the first row that does not fit, counted from 1.
        line: u64,
        /// How many tab-separated columns that row has.
        found: usize,
        /// What was expected.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        message: String,
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
