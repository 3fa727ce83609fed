//! The graph's serde form: one array per table, in id order, with `null` where a record was
//! removed, so that ids survive a round trip. Reading validates everything that adding
//! through the API would, and names the first offending record.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{EventGraph, Placed, Table, check_document_fields};
use crate::Error;
use crate::model::{Document, Entity, Event, Participation, Relation, TableId};

struct Column<'a, I, T, H>(&'a Table<I, Placed<T, H>>);

impl<I: TableId, T: Serialize, H> Serialize for Column<'_, I, T, H> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.slots().map(|slot| slot.map(|p| &p.value)))
    }
}

impl Serialize for EventGraph {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("EventGraph", 5)?;
        out.serialize_field("documents", &Column(&self.documents))?;
        out.serialize_field("entities", &Column(&self.entities))?;
        out.serialize_field("events", &Column(&self.events))?;
        out.serialize_field("participations", &Column(&self.participations))?;
        out.serialize_field("relations", &Column(&self.relations))?;
        out.end()
    }
}

#[derive(Deserialize)]
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
    move |error| Error::InvalidGraph(format!("{record}: {error}"))
}

impl EventGraph {
    pub(crate) fn from_snapshot(snapshot: Snapshot) -> Result<EventGraph, Error> {
        let mut graph = EventGraph::new();
        // Documents and entities refer to each other (publishers, sources), so both go in
        // before either's references are checked.
        for slot in snapshot.documents {
            let Some(document) = slot else {
                graph.documents.push_hole();
                continue;
            };
            let id = graph.documents.next_id("documents")?;
            check_document_fields(&document).map_err(at(id))?;
            if let Some(&existing) = graph.document_keys.get(&document.key) {
                return Err(at(id)(Error::DuplicateDocument {
                    key: document.key,
                    existing,
                }));
            }
            graph.document_keys.insert(document.key.clone(), id);
            graph.documents.push(Placed {
                value: document,
                at: (),
            });
        }
        for slot in snapshot.entities {
            let Some(entity) = slot else {
                graph.entities.push_hole();
                continue;
            };
            let id = graph.entities.next_id("entities")?;
            if let Some(existing) = graph.same_entity(&entity, None) {
                return Err(at(id)(Error::DuplicateEntity {
                    name: entity.name,
                    kind: entity.kind,
                    existing,
                }));
            }
            graph.insert_entity(id, entity);
        }
        for slot in snapshot.events {
            match slot {
                Some(event) => {
                    let id = graph.events.next_id("events")?;
                    graph.check_event(&event, None).map_err(at(id))?;
                    graph.insert_event(id, event);
                }
                None => graph.events.push_hole(),
            }
        }
        for (id, document) in graph.documents() {
            graph.check_document(document, Some(id)).map_err(at(id))?;
        }
        for (id, entity) in graph.entities() {
            graph.check_entity(entity, Some(id)).map_err(at(id))?;
        }
        for slot in snapshot.participations {
            let Some(participation) = slot else {
                graph.participations.push_hole();
                continue;
            };
            let id = graph.participations.next_id("participations")?;
            if let Some(existing) = graph
                .check_participation(&participation, None)
                .map_err(at(id))?
            {
                return Err(at(id)(Error::InvalidGraph(format!("repeats {existing}"))));
            }
            graph.insert_participation(id, participation)?;
        }
        for slot in snapshot.relations {
            let Some(relation) = slot else {
                graph.relations.push_hole();
                continue;
            };
            let id = graph.relations.next_id("relations")?;
            if let Some(existing) = graph.check_relation(&relation, None).map_err(at(id))? {
                return Err(at(id)(Error::InvalidGraph(format!("repeats {existing}"))));
            }
            graph.insert_relation(id, relation)?;
        }
        Ok(graph)
    }
}

impl<'de> Deserialize<'de> for EventGraph {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        EventGraph::from_snapshot(Snapshot::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}
