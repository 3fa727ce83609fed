//! What a merge changed: the account a loader gives of every decision it made for the analyst.

use std::collections::HashSet;
use std::fmt;

use super::{Journal, KeptValue};
use crate::EventGraph;
use crate::model::RecordId;
use crate::model::{DocumentId, EntityId, EventField, EventId, FactId, Sources};
use crate::query::EntityCandidate;

/// What merging a graph file (or another graph) into a graph changed.
///
/// Nothing is merged, added or disputed silently: every record the merge added, every record
/// it restated with a further source, every attribute it stated anew or put in dispute, every
/// event an analyst's `same_as` joined, every look-alike it left apart, and every value a
/// record kept against another it was given is listed here, in the order the merge met them.
///
/// ```
/// let mut graph = eventkg::EventGraph::new();
/// let report = eventkg::io::merge_str(
///     &mut graph,
///     "[[document]]\nid = \"a\"\n\n[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\n",
///     "a.toml",
///     None,
/// )?;
/// assert_eq!((report.new_documents.len(), report.new_entities.len()), (1, 1));
/// assert_eq!(report.to_string(), "1 new document, 1 new entity");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct MergeReport {
    /// Documents the graph did not hold.
    pub new_documents: Vec<DocumentId>,
    /// Entities the graph did not hold.
    pub new_entities: Vec<EntityId>,
    /// Events the graph did not hold.
    pub new_events: Vec<EventId>,
    /// Participations and relations the graph did not hold.
    pub new_facts: Vec<FactId>,
    /// Records the graph held that gained a source.
    pub restated: Vec<RecordId>,
    /// Attributes of events the graph held that no earlier report gave (a date where there
    /// was none), each sourced only to the reports that give it.
    pub new_values: Vec<(EventId, EventField)>,
    /// Attributes the merge put in dispute, or added a value to a dispute of
    /// ([`EventGraph::disputes`]).
    pub disputes: Vec<(EventId, EventField)>,
    /// Events joined with another because the analyst said they are one (`same_as`).
    pub same_as: Vec<SameAs>,
    /// Events left apart that say exactly what an event from another document says: the
    /// same kind, status, date, place, description and participants. They may be one
    /// happening; only the analyst can say so (a shared `key`, or `same_as`).
    pub look_alikes: Vec<LookAlike>,
    /// Entities the merge introduced that look like another entity (a name spelled another
    /// way, a first name left out, a title added), scoring at least the reader's threshold
    /// ([`WARN_THRESHOLD`](crate::query::WARN_THRESHOLD) by default). They are kept apart:
    /// only the analyst can join them, by an alias.
    pub similar_entities: Vec<EntityCandidate>,
    /// Records a file's `same_as` joined into an entity the graph held: that entity, and the
    /// name of the record now kept in its [`joined`](crate::Entity::joined) list.
    pub joined: Vec<(EntityId, String)>,
    /// Values the merge was given for a record that holds another, which it keeps: a second
    /// country for an entity, another title for a document, another value of an attribute.
    /// See [`KeptValue`].
    pub kept: Vec<KeptValue>,
}

/// Two events joined because an analyst said they are one.
///
/// ```
/// let mut graph = eventkg::EventGraph::new();
/// let text = "[[document]]\nid = \"a\"\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\n";
/// eventkg::io::merge_str(&mut graph, text, "a.toml", None)?;
/// let linked = "[[document]]\nid = \"b\"\n\n[[event]]\nsame_as = \"talks\"\nkind = \"meeting\"\n";
/// let report = eventkg::io::merge_str(&mut graph, linked, "b.toml", None)?;
/// assert_eq!(report.same_as[0].event, graph.event_by_key("talks")?);
/// assert_eq!(graph.document(report.same_as[0].sources[0].document).unwrap().key(), "b");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SameAs {
    /// The event held before, into which the other was merged.
    pub event: EventId,
    /// Where the `same_as` was stated.
    pub sources: Sources,
}

/// An event the merge added beside one that says exactly the same, from another document.
///
/// ```
/// let mut graph = eventkg::EventGraph::new();
/// let text = "[[document]]\nid = \"a\"\n\n[[event]]\nkind = \"meeting\"\n";
/// eventkg::io::merge_str(&mut graph, text, "a.toml", None)?;
/// let report = eventkg::io::merge_str(&mut graph, &text.replace("\"a\"", "\"b\""), "b.toml", None)?;
/// // Two meetings, one per report: only the analyst can say they are one.
/// assert_eq!(graph.event_count(), 2);
/// let pair = report.look_alikes[0];
/// assert_ne!(pair.event, pair.held);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LookAlike {
    /// The event the merge added.
    pub event: EventId,
    /// The event already held that it looks like.
    pub held: EventId,
}

impl LookAlike {
    pub(crate) fn new(event: EventId, held: EventId) -> Self {
        LookAlike { event, held }
    }
}

impl SameAs {
    pub(crate) fn new(event: EventId, sources: Sources) -> Self {
        SameAs { event, sources }
    }
}

impl MergeReport {
    /// Whether the merge changed nothing: the same file loaded a second time.
    pub fn is_empty(&self) -> bool {
        self == &MergeReport::default()
    }

    /// Builds the account of a merge from the graph after it, the journal of what it held
    /// before, and the records the merge touched, in the order it touched them: each is new,
    /// restated, or unchanged.
    pub(crate) fn compare(
        graph: &EventGraph,
        journal: &Journal,
        touched: &[RecordId],
        documents: &[DocumentId],
    ) -> MergeReport {
        let mut report = MergeReport {
            kept: journal.kept().to_vec(),
            ..MergeReport::default()
        };
        let mut seen = HashSet::new();
        for &document in documents {
            if !journal.document_existed(document)
                && graph.document(document).is_some()
                && !report.new_documents.contains(&document)
            {
                report.new_documents.push(document);
            }
        }
        for &record in touched {
            if !seen.insert(record) {
                continue;
            }
            if !journal.existed(record) {
                if exists(graph, record) {
                    match record {
                        RecordId::Entity(id) => report.new_entities.push(id),
                        RecordId::Event(id) => report.new_events.push(id),
                        RecordId::Participation(id) => report.new_facts.push(id.into()),
                        RecordId::Relation(id) => report.new_facts.push(id.into()),
                    }
                }
                continue;
            }
            if graph.sources_or_none(record).len() > journal.sources_before(graph, record) {
                report.restated.push(record);
            }
            if let RecordId::Event(id) = record
                && let Some(new) = graph.event(id)
            {
                for field in EventField::ALL {
                    let Some((had, kept)) = journal.field_before(graph, id, field) else {
                        continue;
                    };
                    if !had && new.value_of(field).is_some() {
                        report.new_values.push((id, field));
                    }
                    if new.is_disputed(field) && new.values().of(field).count() > kept {
                        report.disputes.push((id, field));
                    }
                }
            }
        }
        report
    }

    /// Appends another merge's account, as for files merged one after another.
    pub fn extend(&mut self, other: MergeReport) {
        self.new_documents.extend(other.new_documents);
        self.new_entities.extend(other.new_entities);
        self.new_events.extend(other.new_events);
        self.new_facts.extend(other.new_facts);
        self.restated.extend(other.restated);
        self.new_values.extend(other.new_values);
        self.disputes.extend(other.disputes);
        self.same_as.extend(other.same_as);
        self.look_alikes.extend(other.look_alikes);
        self.similar_entities.extend(other.similar_entities);
        self.joined.extend(other.joined);
        self.kept.extend(other.kept);
    }
}

fn exists(graph: &EventGraph, record: RecordId) -> bool {
    match record {
        RecordId::Entity(id) => graph.entity(id).is_some(),
        RecordId::Event(id) => graph.event(id).is_some(),
        RecordId::Participation(id) => graph.participation(id).is_some(),
        RecordId::Relation(id) => graph.relation(id).is_some(),
    }
}

impl fmt::Display for MergeReport {
    /// The counts, in words: `2 new events, 3 restated, 1 dispute`; `nothing new` for an empty
    /// report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = [
            (self.new_documents.len(), "new document", "new documents"),
            (self.new_entities.len(), "new entity", "new entities"),
            (self.new_events.len(), "new event", "new events"),
            (self.new_facts.len(), "new fact", "new facts"),
            (self.restated.len(), "restated", "restated"),
            (self.new_values.len(), "new value", "new values"),
            (self.disputes.len(), "dispute", "disputes"),
            (self.same_as.len(), "same_as", "same_as"),
            (self.look_alikes.len(), "look-alike", "look-alikes"),
            (
                self.similar_entities.len(),
                "similar entity",
                "similar entities",
            ),
            (self.joined.len(), "joined", "joined"),
            (self.kept.len(), "value kept", "values kept"),
        ];
        let words: Vec<String> = counts
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        if words.is_empty() {
            f.write_str("nothing new")
        } else {
            f.write_str(&words.join(", "))
        }
    }
}
