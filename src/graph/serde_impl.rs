//! The graph's serde form: one array per table, in id order, with `null` where a record was
//! removed, so that ids survive a round trip. Reading validates everything that adding
//! through the API would, and names the first offending record.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    DocumentRef, EntityRef, EventGraph, EventRef, ParticipationRef, Placed, RelationRef, Table,
    check_document_fields,
};
use crate::Error;
use crate::ErrorKind;
use crate::model::{Document, Entity, Event, Participation, Relation, TableId};

/// A table written as an array, each record through `show`: the record itself, or for a
/// packed record its view, which writes the fields of the value that was added.
struct Column<'a, I, T, F>(&'a Table<I, Placed<T>>, F);

impl<'a, I: TableId, T, V: Serialize, F: Fn(I, &'a T) -> V> Serialize for Column<'a, I, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .slots()
                .enumerate()
                .map(|(index, slot)| slot.map(|p| (self.1)(I::from_index(index as u32), &p.value))),
        )
    }
}

impl Serialize for EventGraph {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("EventGraph", 5)?;
        let document = |_, d| DocumentRef::new(self, d);
        out.serialize_field("documents", &Column(&self.documents, document))?;
        let entity = |_, e| EntityRef::new(self, e);
        out.serialize_field("entities", &Column(&self.entities, entity))?;
        let event = |_, e| EventRef::new(self, e);
        out.serialize_field("events", &Column(&self.events, event))?;
        let participation = |id, p| ParticipationRef::new(self, id, p);
        out.serialize_field(
            "participations",
            &Column(&self.participations, participation),
        )?;
        let relation = |_, r| RelationRef::new(self, r);
        out.serialize_field("relations", &Column(&self.relations, relation))?;
        out.end()
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Snapshot {
    #[serde(default)]
    pub(crate) documents: Vec<Option<Document>>,
    #[serde(default)]
    pub(crate) entities: Vec<Option<Entity>>,
    #[serde(default)]
    pub(crate) events: Vec<Option<Event>>,
    #[serde(default)]
    pub(crate) participations: Vec<Option<Participation>>,
    #[serde(default)]
    pub(crate) relations: Vec<Option<Relation>>,
}

fn at(record: impl std::fmt::Display) -> impl FnOnce(Error) -> Error {
    move |error| ErrorKind::InvalidGraph(format!("{record}: {error}")).into()
}

/// The tables of the serde form, in the order they are built: each may refer only to those
/// before it (documents and entities to each other, checked once both are in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Part {
    Documents,
    Entities,
    Events,
    Participations,
    Relations,
}

const PARTS: [Part; 5] = [
    Part::Documents,
    Part::Entities,
    Part::Events,
    Part::Participations,
    Part::Relations,
];

/// A graph being built from its serde form, record by record as they are read.
///
/// The tables come in the order [`Part`] lists them when the graph was written by this crate;
/// then every record goes into the graph as soon as it is read, and the serde form is never
/// held whole beside the graph (at a million events, that doubled the memory reading
/// needed, and the time with it). A table that comes before one it refers to is held until
/// that one is in.
#[derive(Default)]
struct Builder {
    graph: EventGraph,
    /// How many of [`PARTS`] are in the graph.
    built: usize,
    held: Snapshot,
    /// Which parts are held, waiting for an earlier one.
    waiting: [bool; 5],
}

impl Builder {
    fn add_document(&mut self, slot: Option<Document>) -> Result<(), Error> {
        let graph = &mut self.graph;
        let Some(document) = slot else {
            graph.documents.push_hole();
            return Ok(());
        };
        let id = graph.documents.next_id("documents")?;
        check_document_fields(&document).map_err(at(id))?;
        if let Some(existing) = graph.document_with_key(&document.key) {
            return Err(at(id)(
                ErrorKind::DuplicateDocument {
                    key: document.key,
                    existing,
                }
                .into(),
            ));
        }
        let record = graph.pack_document(document, None).map_err(at(id))?;
        graph.documents.push(Placed { value: record });
        graph.index_document_key(id);
        Ok(())
    }

    fn add_entity(&mut self, slot: Option<Entity>) -> Result<(), Error> {
        let graph = &mut self.graph;
        let Some(entity) = slot else {
            graph.entities.push_hole();
            return Ok(());
        };
        let id = graph.entities.next_id("entities")?;
        if let Some(existing) = graph.same_entity(&entity, None) {
            return Err(at(id)(
                ErrorKind::DuplicateEntity {
                    name: entity.name,
                    kind: entity.kind,
                    existing,
                }
                .into(),
            ));
        }
        graph.insert_entity(id, entity).map_err(at(id))?;
        Ok(())
    }

    /// Checks the documents and entities against each other, once both are in.
    fn check_documents_and_entities(&self) -> Result<(), Error> {
        let graph = &self.graph;
        // Their fields and keys were checked as they came in; their publishers can be only
        // now that the entities are.
        for (id, slot) in graph.documents.iter() {
            graph
                .check_publisher(slot.value.publisher)
                .map_err(at(id))?;
        }
        for (id, entity) in graph.entities() {
            graph
                .check_entity(&entity.to_entity(), Some(id))
                .map_err(at(id))?;
        }
        Ok(())
    }

    fn add_event(&mut self, slot: Option<Event>) -> Result<(), Error> {
        let graph = &mut self.graph;
        match slot {
            Some(event) => {
                let id = graph.events.next_id("events")?;
                graph.check_event(&event, None).map_err(at(id))?;
                graph.insert_event(id, event).map_err(at(id))?;
            }
            None => graph.events.push_hole(),
        }
        Ok(())
    }

    fn add_participation(&mut self, slot: Option<Participation>) -> Result<(), Error> {
        let graph = &mut self.graph;
        let Some(participation) = slot else {
            graph.participations.push_hole();
            return Ok(());
        };
        let id = graph.participations.next_id("participations")?;
        if let Some(existing) = graph
            .check_participation(&participation, None)
            .map_err(at(id))?
        {
            return Err(at(id)(
                ErrorKind::InvalidGraph(format!("repeats {existing}")).into(),
            ));
        }
        graph.insert_participation(id, participation)
    }

    fn add_relation(&mut self, slot: Option<Relation>) -> Result<(), Error> {
        let graph = &mut self.graph;
        let Some(relation) = slot else {
            graph.relations.push_hole();
            return Ok(());
        };
        let id = graph.relations.next_id("relations")?;
        if let Some(existing) = graph.check_relation(&relation, None).map_err(at(id))? {
            return Err(at(id)(
                ErrorKind::InvalidGraph(format!("repeats {existing}")).into(),
            ));
        }
        graph.insert_relation(id, relation)
    }

    /// Whether `part`, read now, can go straight into the graph: every part before it is in.
    fn ready(&self, part: Part) -> bool {
        self.built == part as usize
    }

    /// Notes that `part` is in, then builds what was held for the parts after it.
    fn built(&mut self, part: Part) -> Result<(), Error> {
        self.built = part as usize + 1;
        if part == Part::Entities {
            self.check_documents_and_entities()?;
        }
        self.build_held(false)
    }

    /// Builds the held parts that are next in order; at the `end`, every held part, and the
    /// parts never read count as empty.
    fn build_held(&mut self, end: bool) -> Result<(), Error> {
        while let Some(&part) = PARTS.get(self.built) {
            if !self.waiting[part as usize] && !end {
                return Ok(());
            }
            self.waiting[part as usize] = false;
            match part {
                Part::Documents => {
                    for slot in std::mem::take(&mut self.held.documents) {
                        self.add_document(slot)?;
                    }
                }
                Part::Entities => {
                    for slot in std::mem::take(&mut self.held.entities) {
                        self.add_entity(slot)?;
                    }
                }
                Part::Events => {
                    for slot in std::mem::take(&mut self.held.events) {
                        self.add_event(slot)?;
                    }
                }
                Part::Participations => {
                    for slot in std::mem::take(&mut self.held.participations) {
                        self.add_participation(slot)?;
                    }
                }
                Part::Relations => {
                    for slot in std::mem::take(&mut self.held.relations) {
                        self.add_relation(slot)?;
                    }
                }
            }
            self.built = part as usize + 1;
            if part == Part::Entities {
                self.check_documents_and_entities()?;
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<EventGraph, Error> {
        self.build_held(true)?;
        Ok(self.graph)
    }
}

/// The rows of one table of the serde form, read one by one into a [`Builder`].
struct Rows<'b, T> {
    builder: &'b mut Builder,
    add: fn(&mut Builder, Option<T>) -> Result<(), Error>,
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for Rows<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Rows<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of records, or null for a removed one")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(slot) = seq.next_element::<Option<T>>()? {
            (self.add)(self.builder, slot).map_err(A::Error::custom)?;
        }
        Ok(())
    }
}

struct GraphVisitor;

impl<'de> serde::de::Visitor<'de> for GraphVisitor {
    type Value = EventGraph;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a graph: documents, entities, events, participations and relations")
    }

    /// The tables as a list, in their order, as formats without field names write a struct.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<EventGraph, A::Error> {
        let mut builder = Builder::default();
        let read = [
            seq.next_element_seed(Rows {
                builder: &mut builder,
                add: Builder::add_document,
            })?,
            seq.next_element_seed(Rows {
                builder: &mut builder,
                add: Builder::add_entity,
            })?,
        ];
        if read.iter().all(Option::is_some) {
            builder.built(Part::Entities).map_err(A::Error::custom)?;
            let _ = seq.next_element_seed(Rows {
                builder: &mut builder,
                add: Builder::add_event,
            })?;
            let _ = seq.next_element_seed(Rows {
                builder: &mut builder,
                add: Builder::add_participation,
            })?;
            let _ = seq.next_element_seed(Rows {
                builder: &mut builder,
                add: Builder::add_relation,
            })?;
        }
        builder.finish().map_err(A::Error::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<EventGraph, A::Error> {
        let mut builder = Builder::default();
        let mut seen = [false; 5];
        while let Some(part) = map.next_key::<Part>()? {
            if std::mem::replace(&mut seen[part as usize], true) {
                return Err(A::Error::duplicate_field(FIELDS[part as usize]));
            }
            if builder.ready(part) {
                match part {
                    Part::Documents => map.next_value_seed(Rows {
                        builder: &mut builder,
                        add: Builder::add_document,
                    })?,
                    Part::Entities => map.next_value_seed(Rows {
                        builder: &mut builder,
                        add: Builder::add_entity,
                    })?,
                    Part::Events => map.next_value_seed(Rows {
                        builder: &mut builder,
                        add: Builder::add_event,
                    })?,
                    Part::Participations => map.next_value_seed(Rows {
                        builder: &mut builder,
                        add: Builder::add_participation,
                    })?,
                    Part::Relations => map.next_value_seed(Rows {
                        builder: &mut builder,
                        add: Builder::add_relation,
                    })?,
                }
                builder.built(part).map_err(A::Error::custom)?;
            } else {
                let held = &mut builder.held;
                match part {
                    Part::Documents => held.documents = map.next_value()?,
                    Part::Entities => held.entities = map.next_value()?,
                    Part::Events => held.events = map.next_value()?,
                    Part::Participations => held.participations = map.next_value()?,
                    Part::Relations => held.relations = map.next_value()?,
                }
                builder.waiting[part as usize] = true;
            }
        }
        builder.finish().map_err(A::Error::custom)
    }
}

const FIELDS: &[&str] = &[
    "documents",
    "entities",
    "events",
    "participations",
    "relations",
];

impl EventGraph {
    pub(crate) fn from_snapshot(snapshot: Snapshot) -> Result<EventGraph, Error> {
        let mut builder = Builder {
            held: snapshot,
            waiting: [true; 5],
            ..Builder::default()
        };
        builder.build_held(false)?;
        builder.finish()
    }
}

impl<'de> Deserialize<'de> for EventGraph {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("EventGraph", FIELDS, GraphVisitor)
    }
}
