//! What the page knows of the graph: every record it draws, with every source behind it, as
//! one JSON document that the page's script reads as data, never as markup.

use rustc_hash::FxHashSet;
use serde_json::{Map, Value, json};

use crate::graph::View;
use crate::model::ShortName;
use crate::query::ActorNetwork;
use crate::{
    DocumentId, EntityId, EventGraph, EventId, EventRef, FieldValue, NodeId, ParticipationId,
    ParticipationRef, Polarity, Source,
};

/// Gathers the records a page shows, and every entity and document their sources name, so
/// that a panel can print a speaker, an outlet or a title that is not itself drawn.
pub(super) struct Payload<'g> {
    graph: &'g EventGraph,
    entities: Vec<Value>,
    seen_entities: FxHashSet<EntityId>,
    documents: Vec<Value>,
    seen_documents: FxHashSet<DocumentId>,
    events: Vec<Value>,
    seen_events: FxHashSet<EventId>,
    facts: Vec<Value>,
    links: Vec<Value>,
}

impl<'g> Payload<'g> {
    pub(super) fn new(graph: &'g EventGraph) -> Self {
        Payload {
            graph,
            entities: Vec::new(),
            seen_entities: FxHashSet::default(),
            documents: Vec::new(),
            seen_documents: FxHashSet::default(),
            events: Vec::new(),
            seen_events: FxHashSet::default(),
            facts: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Every node and fact of a view, as the event diagram draws them.
    pub(super) fn add_view(&mut self, view: &View<'g>) {
        for (id, _) in view.entities() {
            self.entity(id);
        }
        for (id, event) in view.events() {
            self.event(id, event);
        }
        for (id, _) in view.documents() {
            self.document(id);
        }
        for (id, p) in view.participations() {
            self.participation(id, p);
        }
        for (id, r) in view.relations() {
            let label = match r.title() {
                Some(title) => format!("{} ({title})", r.kind().as_str()),
                None => r.kind().as_str().to_owned(),
            };
            let mut fact = json!({
                "id": id.short().to_string(),
                "type": "relation",
                "from": r.from().short().to_string(),
                "to": r.to().short().to_string(),
                "label": label,
                "negated": r.polarity() == Polarity::Negated,
                "confidence": r.confidence().to_string(),
                "sources": self.sources(r.sources()),
            });
            let valid = [r.valid_from(), r.valid_until()].map(|d| d.map(|d| d.to_string()));
            if valid.iter().any(Option::is_some) {
                fact["valid"] = json!(valid);
            }
            for end in [r.from(), r.to()] {
                self.node(end);
            }
            self.facts.push(fact);
        }
        for (id, event) in view.events() {
            let Some(place) = event.location() else {
                continue;
            };
            if self.graph.entity(place).is_none() {
                continue;
            }
            self.entity(place);
            // Drawn only where the place is; the page finds the edge by this id or not at all.
            let fact = json!({
                "id": format!("{}_{}", id.short(), place.short()),
                "type": "location",
                "from": id.short().to_string(),
                "to": place.short().to_string(),
                "label": "in",
                "negated": false,
                "confidence": event.confidence().to_string(),
                "sources": self.sources(event.sources()),
            });
            self.facts.push(fact);
        }
    }

    /// The links of an actor network, each with its events; the events' participations come
    /// too, so that a filter by document or date reaches the links through them.
    pub(super) fn add_network(&mut self, network: &ActorNetwork<'g>) {
        let graph = self.graph;
        for actor in network.actors() {
            self.entity(actor.entity());
        }
        for (index, link) in network.links().enumerate() {
            let events: Vec<String> = link
                .events()
                .iter()
                .map(|e| e.short().to_string())
                .collect();
            for &id in link.events() {
                let Some(event) = graph.event(id) else {
                    continue;
                };
                if self.seen_events.contains(&id) {
                    continue;
                }
                self.event(id, event);
                for (pid, p) in graph.participations_in(id) {
                    self.participation(pid, p);
                }
            }
            self.links.push(json!({
                "id": format!("k{index}"),
                "from": link.from().short().to_string(),
                "to": link.to().short().to_string(),
                "directed": link.is_directed(),
                "weight": link.weight(),
                "cooperation": link.cooperation(),
                "conflict": link.conflict(),
                "events": events,
            }));
        }
    }

    fn participation(&mut self, id: ParticipationId, p: ParticipationRef<'g>) {
        let fact = json!({
            "id": id.short().to_string(),
            "type": "participation",
            "from": p.entity().short().to_string(),
            "to": p.event().short().to_string(),
            "label": p.role().as_str(),
            "negated": p.polarity() == Polarity::Negated,
            "confidence": p.confidence().to_string(),
            "sources": self.sources(p.sources()),
        });
        self.entity(p.entity());
        self.facts.push(fact);
    }

    fn node(&mut self, node: NodeId) {
        match node {
            NodeId::Entity(id) => self.entity(id),
            NodeId::Event(id) => {
                if let Some(event) = self.graph.event(id) {
                    self.event(id, event);
                }
            }
        }
    }

    /// Lists an entity once, its slot taken before its sources are read, since they may
    /// name it again (a speaker quoted about herself).
    fn entity(&mut self, id: EntityId) {
        let Some(entity) = self.graph.entity(id) else {
            return;
        };
        if !self.seen_entities.insert(id) {
            return;
        }
        let slot = self.entities.len();
        let mut value = json!({
            "id": id.short().to_string(),
            "name": entity.name(),
            "kind": entity.kind().as_str(),
        });
        self.entities.push(Value::Null);
        let fields = value.as_object_mut().expect("an object");
        let aliases: Vec<&str> = entity.aliases().collect();
        if !aliases.is_empty() {
            fields.insert("aliases".into(), aliases.into());
        }
        if let Some(country) = entity.country() {
            fields.insert("country".into(), country.to_string().into());
        }
        let attributes = attributes(entity.attributes().iter());
        if !attributes.is_empty() {
            fields.insert("attributes".into(), attributes.into());
        }
        let joined: Vec<String> = entity
            .joined()
            .iter()
            .map(|joined| format!("{} ({})", joined.entity.name, joined.entity.kind))
            .collect();
        if !joined.is_empty() {
            fields.insert("joined".into(), joined.into());
        }
        value["sources"] = self.sources(entity.sources());
        self.entities[slot] = value;
    }

    fn document(&mut self, id: DocumentId) {
        let Some(document) = self.graph.document(id) else {
            return;
        };
        if !self.seen_documents.insert(id) {
            return;
        }
        let mut value = json!({
            "id": id.short().to_string(),
            "key": document.key(),
        });
        let fields = value.as_object_mut().expect("an object");
        if let Some(title) = document.title() {
            fields.insert("title".into(), title.into());
        }
        if let Some(url) = document.url() {
            fields.insert("url".into(), url.into());
        }
        if let Some(day) = document.published() {
            fields.insert("published".into(), day.to_string().into());
        }
        if let Some(publisher) = document.publisher() {
            fields.insert("publisher".into(), publisher.short().to_string().into());
        }
        self.documents.push(value);
        if let Some(publisher) = document.publisher() {
            self.entity(publisher);
        }
    }

    fn event(&mut self, id: EventId, event: EventRef<'g>) {
        if !self.seen_events.insert(id) {
            return;
        }
        let mut value = json!({
            "id": id.short().to_string(),
            "kind": event.kind().as_str(),
            "status": event.status().to_string(),
            "confidence": event.confidence().to_string(),
            "sources": self.sources(event.sources()),
        });
        let fields = value.as_object_mut().expect("an object");
        if let Some(key) = event.key() {
            fields.insert("key".into(), key.into());
        }
        if let Some(date) = event.date() {
            let (earliest, latest) = date.bounds();
            fields.insert(
                "date".into(),
                json!({
                    "text": date.to_string(),
                    "from": earliest.to_string(),
                    "to": latest.to_string(),
                    "precision": date.precision().as_str(),
                    "approximate": date.is_approximate(),
                }),
            );
        }
        if let Some(description) = event.description() {
            fields.insert("description".into(), description.into());
        }
        if let Some(class) = event.quad_class() {
            fields.insert("quad".into(), json!(class));
        }
        if let Some(root) = event.cameo_root() {
            fields.insert("cameo".into(), format!("{root:02}").into());
        }
        if let Some(place) = event.location()
            && self.graph.entity(place).is_some()
        {
            fields.insert("location".into(), place.short().to_string().into());
            self.entity(place);
        }
        let attributes = attributes(event.attributes().iter());
        if !attributes.is_empty() {
            fields.insert("attributes".into(), attributes.into());
        }
        let mut disputes = Vec::new();
        for field in event.disputed() {
            let mut values = Vec::new();
            for (stated, sources) in event.stated(field) {
                let text = match stated {
                    FieldValue::Location(place) => {
                        self.entity(place);
                        self.graph
                            .entity(place)
                            .map_or(place.to_string(), |e| e.name().to_owned())
                    }
                    other => other.to_string(),
                };
                values.push(json!({"value": text, "sources": self.sources(sources)}));
            }
            disputes.push(json!({"field": field.as_str(), "values": values}));
        }
        if !disputes.is_empty() {
            value["disputes"] = disputes.into();
        }
        self.events.push(value);
    }

    fn sources(&mut self, sources: &[Source]) -> Value {
        let mut list = Vec::with_capacity(sources.len());
        for source in sources {
            self.document(source.document);
            let mut value = Map::new();
            value.insert(
                "document".into(),
                source.document.short().to_string().into(),
            );
            if let Some(quote) = &source.quote {
                value.insert("quote".into(), quote.as_str().into());
            }
            if let Some(speaker) = source.attributed_to {
                self.entity(speaker);
                value.insert("speaker".into(), speaker.short().to_string().into());
            }
            if !source.reported_via.is_empty() {
                for &outlet in &source.reported_via {
                    self.entity(outlet);
                }
                let via: Vec<String> = source
                    .reported_via
                    .iter()
                    .map(|outlet| outlet.short().to_string())
                    .collect();
                value.insert("via".into(), via.into());
            }
            list.push(Value::Object(value));
        }
        list.into()
    }

    /// The JSON document: the records gathered, each once, in the order first met.
    pub(super) fn finish(self, head: Map<String, Value>) -> Value {
        let mut page = head;
        page.insert("entities".into(), self.entities.into());
        page.insert("events".into(), self.events.into());
        page.insert("facts".into(), self.facts.into());
        page.insert("links".into(), self.links.into());
        page.insert("documents".into(), self.documents.into());
        Value::Object(page)
    }
}

fn attributes<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Value> {
    pairs.map(|(key, value)| json!([key, value])).collect()
}
