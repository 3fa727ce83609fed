//! Arbitrary sequences of graph operations, the way a program using the crate might call it:
//! ids are small so that most references hit records that exist, and names are whatever bytes
//! the fuzzer finds.

use arbitrary::Arbitrary;
use eventkg::*;

#[derive(Arbitrary, Debug, Clone)]
pub enum Op {
    Document(String, Option<String>),
    Entity(u8, String, Vec<String>),
    Merge(u8, String),
    Event(u8, Option<DateText>, Option<u8>, Option<u8>, Option<String>),
    Participation(u8, u8, u8, bool, Option<u8>, Option<String>),
    Relation(u8, bool, u8, bool, u8, Option<String>),
    Rename(u8, String),
    RemoveEntity(u8),
    RemoveEvent(u8),
    RemoveParticipation(u8),
    RemoveRelation(u8),
    RemoveDocument(u8),
    Join(u8, u8, Option<u8>),
}

/// A date as text: one of the forms the crate reads, or anything at all.
#[derive(Arbitrary, Debug, Clone)]
pub enum DateText {
    Known(u8),
    Any(String),
}

const DATES: &[&str] = &[
    "2024-06-07",
    "2024-05-late",
    "2024-W22",
    "2024-summer~",
    "2024-05-20/2024-06-02",
    "2024",
];

fn pick<T: std::str::FromStr>(names: &[&str], i: u8) -> Option<T> {
    names.get(i as usize % names.len())?.parse().ok()
}

fn node(is_event: bool, i: u8) -> NodeId {
    if is_event {
        EventId::new(u32::from(i % 8)).into()
    } else {
        EntityId::new(u32::from(i % 8)).into()
    }
}

/// Applies `op`; a refused operation must leave the graph as it was.
pub fn apply(graph: &mut EventGraph, op: &Op) {
    let before = graph.clone();
    if try_apply(graph, op).is_err() {
        assert!(*graph == before, "a refused {op:?} changed the graph");
    }
}

fn try_apply(graph: &mut EventGraph, op: &Op) -> Result<(), Error> {
    let entity = |i: u8| EntityId::new(u32::from(i % 8));
    let document = |i: u8| DocumentId::new(u32::from(i % 4));
    match op.clone() {
        Op::Document(key, text) => {
            let mut d = Document::new(key);
            d.text = text;
            graph.add_document(d).map(drop)
        }
        Op::Entity(k, name, aliases) => {
            let mut e = Entity::new(
                pick(EntityKind::NAMES, k).unwrap_or(EntityKind::Person),
                name,
            );
            e.aliases = aliases;
            graph.add_entity(e).map(drop)
        }
        Op::Merge(k, name) => graph
            .merge_entity(Entity::new(
                pick(EntityKind::NAMES, k).unwrap_or(EntityKind::State),
                name,
            ))
            .map(drop),
        Op::Event(k, date, location, doc, key) => {
            let mut event = Event::new(pick(EventKind::NAMES, k).unwrap_or(EventKind::Meeting));
            event.date = match date {
                Some(DateText::Known(i)) => pick(DATES, i),
                Some(DateText::Any(text)) => text.parse().ok(),
                None => None,
            };
            event.location = location.map(entity);
            event.key = key;
            event.sources = doc.map(|d| Source::new(document(d))).into_iter().collect();
            graph.add_event(event).map(drop)
        }
        Op::Participation(a, r, e, negated, doc, quote) => {
            let mut p = Participation::new(
                entity(a),
                pick(Role::NAMES, r).unwrap_or(Role::Participant),
                EventId::new(u32::from(e % 8)),
            );
            if negated {
                p = p.negated();
            }
            if let Some(d) = doc {
                let mut source = Source::new(document(d))
                    .attributed_to(entity(a))
                    .via(entity(0));
                source.quote = quote;
                p = p.source(source);
            }
            graph.add_participation(p).map(drop)
        }
        Op::Relation(a, a_event, k, b_event, b, title) => {
            let mut r = Relation::new(
                node(a_event, a),
                pick(RelationKind::NAMES, k).unwrap_or(RelationKind::AlliedWith),
                node(b_event, b),
            );
            r.title = title;
            graph.add_relation(r).map(drop)
        }
        Op::Rename(e, name) => graph.update_entity(entity(e), |x| x.name = name),
        Op::RemoveEntity(e) => graph.remove_entity(entity(e)).map(drop),
        Op::RemoveEvent(e) => graph.remove_event(EventId::new(u32::from(e % 8))).map(drop),
        Op::RemoveParticipation(p) => graph
            .remove_participation(ParticipationId::new(u32::from(p % 16)))
            .map(drop),
        Op::RemoveRelation(r) => graph
            .remove_relation(RelationId::new(u32::from(r % 16)))
            .map(drop),
        Op::RemoveDocument(d) => graph.remove_document(document(d)).map(drop),
        Op::Join(keep, other, doc) => graph
            .merge_entities(
                entity(keep),
                entity(other),
                doc.map(|d| Source::new(document(d))).into_iter().collect(),
            )
            .map(drop),
    }
}

pub fn build(ops: &[Op]) -> EventGraph {
    let mut graph = EventGraph::new();
    for op in ops.iter().take(200) {
        apply(&mut graph, op);
    }
    graph
}
