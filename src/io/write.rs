//! Writing a graph as a graph file, in the explicit form that reads back to the same graph.

use std::io::{self, Write as _};

use indexmap::IndexMap;
use toml::Spanned;

use super::repr::{
    DocumentRepr, EntityRepr, EventRepr, FileRepr, JoinedRepr, ParticipationRepr, RelationRepr,
    SourceRepr, Text, ValueRepr,
};
use crate::ErrorKind;
use crate::graph::View;
use crate::model::fold_white_space;
use crate::model::{
    Attributes, Confidence, EntityId, EventId, EventStatus, FieldValue, NodeId, Source,
};
use crate::{Error, EventGraph};

fn text(value: impl AsRef<str>) -> Text {
    Text::new(value)
}

fn entity_id(id: EntityId) -> Text {
    text(format!("e{}", id.index()))
}

/// The name an event is referred to by: its key, or a local `v<N>` for one without, chosen so
/// that it shadows no key.
fn event_name(graph: &EventGraph, id: EventId) -> String {
    match graph.event(id).and_then(|e| e.key()) {
        Some(key) => key.to_owned(),
        None => {
            let mut name = format!("v{}", id.index());
            while graph.event_by_key(&name).is_ok() {
                name.push('_');
            }
            name
        }
    }
}

fn node_id(graph: &EventGraph, node: NodeId) -> Text {
    match node {
        NodeId::Entity(id) => entity_id(id),
        NodeId::Event(id) => text(event_name(graph, id)),
    }
}

fn attributes(attributes: &Attributes) -> IndexMap<String, String> {
    attributes
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

type Texts = std::collections::HashMap<crate::DocumentId, String>;

fn confidence(confidence: Confidence) -> Option<Spanned<f32>> {
    (!confidence.is_certain()).then(|| Spanned::new(0..0, confidence.value()))
}

impl EventGraph {
    /// A source as the file writes it. A quote its document's text does not hold (the graph
    /// allows one: see [`EventGraph::ungrounded_quotes`]) is marked `verbatim = false`, so that
    /// the file loads again rather than being refused for it.
    fn source_repr(&self, source: &Source, texts: &Texts) -> SourceRepr {
        let ungrounded = source.quote.as_deref().is_some_and(|quote| {
            texts
                .get(&source.document)
                .is_some_and(|folded| !folded.contains(&*fold_white_space(quote)))
        });
        SourceRepr {
            document: self.document(source.document).map(|d| text(d.key())),
            quote: source.quote.as_deref().map(text),
            said_by: source.attributed_to.map(entity_id),
            via: (!source.reported_via.is_empty())
                .then(|| source.reported_via.iter().map(|&e| entity_id(e)).collect()),
            verbatim: ungrounded.then_some(false),
        }
    }

    fn source_list(&self, sources: &[Source], texts: &Texts) -> Option<Vec<SourceRepr>> {
        Some(sources.iter().map(|s| self.source_repr(s, texts)).collect())
    }

    /// Every record as the one record of a file, in the file's order, handed to `each` in
    /// turn: the writer serializes one record at a time, so that writing a graph holds one
    /// record's text beside it, not a second copy of the whole graph.
    fn each_record(
        &self,
        mut each: impl FnMut(FileRepr) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // Each document's text, white space folded once, for checking quotes against it.
        let texts: Texts = self
            .documents()
            .filter_map(|(id, d)| Some((id, fold_white_space(d.text()?).into_owned())))
            .collect();
        for (_, document) in self.documents() {
            let published = document
                .published()
                .map(|day| {
                    day.format("%Y-%m-%d")
                        .to_string()
                        .parse::<toml::value::Datetime>()
                        .map(|d| Spanned::new(0..0, d))
                        .map_err(|e| ErrorKind::InvalidGraph(e.to_string()))
                })
                .transpose()?;
            let record = DocumentRepr {
                id: text(document.key()),
                title: document.title().map(str::to_owned),
                publisher: document.publisher().map(entity_id),
                published,
                url: document.url().map(str::to_owned),
                language: document.language().map(str::to_owned),
                via: Vec::new(),
                attributes: attributes(document.attributes()),
                text_file: None,
                text: document.text().map(str::to_owned),
            };
            each(FileRepr {
                documents: vec![Spanned::new(0..0, record)],
                ..FileRepr::default()
            })?;
        }
        for (id, entity) in self.entities() {
            let record = EntityRepr {
                id: Some(entity_id(id)),
                kind: text(entity.kind().to_string()),
                name: text(entity.name()),
                aliases: entity.aliases().map(text).collect(),
                country: entity.country().map(|c| text(c.to_string())),
                coordinates: entity.coordinates(),
                attributes: attributes(entity.attributes()),
                sources: self.source_list(entity.sources(), &texts),
                joined: entity
                    .joined()
                    .iter()
                    .map(|joined| {
                        let record = &joined.entity;
                        Spanned::new(
                            0..0,
                            JoinedRepr {
                                kind: text(record.kind.to_string()),
                                name: text(record.name.clone()),
                                aliases: record.aliases.iter().cloned().map(text).collect(),
                                country: record.country.map(|c| text(c.to_string())),
                                coordinates: record.coordinates,
                                attributes: attributes(&record.attributes),
                                mentions: self.source_list(&record.sources, &texts),
                                sources: self.source_list(&joined.sources, &texts),
                                ..JoinedRepr::default()
                            },
                        )
                    })
                    .collect(),
                ..EntityRepr::default()
            };
            each(FileRepr {
                entities: vec![Spanned::new(0..0, record)],
                ..FileRepr::default()
            })?;
        }
        for (id, event) in self.events() {
            let record = EventRepr {
                id: event.key().is_none().then(|| node_id(self, id.into())),
                key: event.key().map(text),
                kind: text(event.kind().to_string()),
                status: (event.status() != EventStatus::Happened)
                    .then(|| text(event.status().to_string())),
                date: event.date().map(|d| text(d.to_string())),
                location: event.location().map(entity_id),
                description: event.description().map(text),
                confidence: confidence(event.confidence()),
                attributes: attributes(event.attributes()),
                gdelt: event.gdelt().cloned(),
                sources: self.source_list(event.sources(), &texts),
                values: event
                    .values()
                    .iter()
                    .map(|stated| {
                        let value = match &stated.value {
                            FieldValue::Location(place) => entity_id(*place),
                            other => text(other.to_string()),
                        };
                        Spanned::new(
                            0..0,
                            ValueRepr {
                                field: text(stated.value.field().as_str()),
                                value,
                                sources: self.source_list(&stated.sources, &texts),
                                ..ValueRepr::default()
                            },
                        )
                    })
                    .collect(),
                ..EventRepr::default()
            };
            each(FileRepr {
                events: vec![Spanned::new(0..0, record)],
                ..FileRepr::default()
            })?;
        }
        for (_, p) in self.participations() {
            let record = ParticipationRepr {
                entity: entity_id(p.entity()),
                role: text(p.role().to_string()),
                event: node_id(self, p.event().into()),
                negated: p.polarity().is_negated(),
                confidence: confidence(p.confidence()),
                attributes: attributes(p.attributes()),
                sources: self.source_list(p.sources(), &texts),
                ..ParticipationRepr::default()
            };
            each(FileRepr {
                participations: vec![Spanned::new(0..0, record)],
                ..FileRepr::default()
            })?;
        }
        for (_, r) in self.relations() {
            let record = RelationRepr {
                from: node_id(self, r.from()),
                kind: text(r.kind().to_string()),
                to: node_id(self, r.to()),
                title: r.title().map(text),
                valid_from: r.valid_from().map(|d| text(d.to_string())),
                valid_until: r.valid_until().map(|d| text(d.to_string())),
                negated: r.polarity().is_negated(),
                confidence: confidence(r.confidence()),
                attributes: attributes(r.attributes()),
                sources: self.source_list(r.sources(), &texts),
                ..RelationRepr::default()
            };
            each(FileRepr {
                relations: vec![Spanned::new(0..0, record)],
                ..FileRepr::default()
            })?;
        }
        Ok(())
    }
}

/// A graph, or a [`View`] of a part of it, as a graph file: every record explicit, entities
/// and events under local ids `e<N>` and `v<N>`, participations and relations in their own
/// tables in id order, so that reading the text back gives the same graph (ids are renumbered
/// densely where records were removed). A part is written as the graph of its own that
/// [`View::to_graph`] makes, with every record its provenance names.
pub fn to_string<'g>(view: impl Into<View<'g>>) -> Result<String, Error> {
    let mut text = Vec::new();
    write(view, &mut text)?;
    String::from_utf8(text).map_err(|e| ErrorKind::InvalidGraph(e.to_string()).into())
}

/// Writes a graph, or a view of a part of it, as a graph file to `out`; see [`to_string`].
///
/// Record by record, as `toml` serializes one file of that one record, the files joined by
/// the blank line that `toml` puts between tables: the same text as the whole graph
/// serialized at once, without holding a second copy of the graph, and in one pass.
/// `toml::to_string` puts each table body it set aside (an event's fields after its
/// `[event.gdelt]`) back with `String::insert_str`, which moves the rest of the text every
/// time: a graph of a million GDELT events took hours. The buffer's `Display` writes the
/// same text straight through.
pub fn write<'g>(view: impl Into<View<'g>>, out: impl io::Write) -> Result<(), Error> {
    let view = view.into();
    let mut out = io::BufWriter::new(out);
    let mut buffer = toml::ser::Buffer::new();
    let mut first = true;
    let mut each = |record: FileRepr| -> Result<(), Error> {
        buffer.clear();
        serde::Serialize::serialize(&record, toml::Serializer::new(&mut buffer))
            .map_err(|e| Error::from(ErrorKind::InvalidGraph(e.to_string())))?;
        if !first {
            out.write_all(b"\n")?;
        }
        first = false;
        write!(out, "{buffer}")?;
        Ok(())
    };
    if view.is_whole() {
        view.graph().each_record(&mut each)?;
    } else {
        view.to_graph()?.each_record(&mut each)?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::*;

    /// Record by record, through the buffer's one-pass `Display`, the text is
    /// `toml::to_string`'s of the whole file, byte for byte, on a graph whose records have
    /// sub-tables after their fields (`[event.gdelt]`, `[entity.attributes]`), which are what
    /// the serializer sets aside.
    #[test]
    fn the_text_is_tomls_own() {
        let mut graph = EventGraph::new();
        let report = graph.add_document(Document::new("made-up report")).unwrap();
        let mut coding = GdeltCoding::new(
            "0431".parse().unwrap(),
            "043".parse().unwrap(),
            "04".parse().unwrap(),
            QuadClass::VerbalCooperation,
        );
        coding = coding.goldstein(2.8).counts(6, 1, 6);
        let mut ids = Vec::new();
        for i in 0..5 {
            let entity = Entity::new(EntityKind::State, format!("State {i}"))
                .attribute("cameo_code", format!("S{i}"));
            ids.push(graph.add_entity(entity).unwrap());
        }
        for &state in ids.iter().take(4) {
            let event = Event::new(EventKind::Meeting)
                .gdelt(coding.clone())
                .source(Source::new(report));
            let event = graph.add_event(event).unwrap();
            graph
                .add_participation(Participation::new(state, Role::Initiator, event))
                .unwrap();
        }
        graph
            .add_relation(Relation::new(ids[0], RelationKind::AlliedWith, ids[1]))
            .unwrap();
        let mut all = super::FileRepr::default();
        graph
            .each_record(|one| {
                all.documents.extend(one.documents);
                all.entities.extend(one.entities);
                all.events.extend(one.events);
                all.participations.extend(one.participations);
                all.relations.extend(one.relations);
                Ok(())
            })
            .unwrap();
        let expected = toml::to_string(&all).unwrap();
        for table in [
            "[event.gdelt]",
            "[entity.attributes]",
            "[[relation]]",
            "[[document]]",
        ] {
            assert!(expected.contains(table), "{table}");
        }
        assert_eq!(super::to_string(&graph).unwrap(), expected);
        let mut written = Vec::new();
        super::write(&graph, &mut written).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }
}
