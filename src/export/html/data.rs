//! What the page knows of the graph: every record it draws, with every source behind it, as
//! one JSON document that the page's script reads as data, never as markup.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Map, Value, json};

use crate::graph::View;
use crate::model::ShortName;
use crate::query::{ActorNetwork, Link};
use crate::{
    DocumentId, EntityId, EventGraph, EventId, EventRef, FieldValue, NodeId, ParticipationId,
    ParticipationRef, Polarity, QuadClass, Source,
};

/// Gathers the records a page shows, and every entity and document their sources name, so
/// that a panel can print a speaker, an outlet or a title that is not itself drawn.
pub(super) struct Payload<'g> {
    graph: &'g EventGraph,
    entities: Vec<Value>,
    seen_entities: FxHashSet<EntityId>,
    documents: Vec<Value>,
    /// Each document listed, with its place in `documents`.
    seen_documents: FxHashMap<DocumentId, usize>,
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
            seen_documents: FxHashMap::default(),
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
    ///
    /// A network of a year of event data has hundreds of thousands of events on its links,
    /// more than a browser reads in seconds, so a link holds at most as many as keeps the
    /// page within `max_events` ([`allowances`]), spread over its dates. A link that holds
    /// fewer than it has carries what the page's filters need to tell, for all of its events,
    /// what cannot pass: its date span, kinds and quad classes; and each document on the page
    /// names the links whose left-out events cite it.
    pub(super) fn add_network(&mut self, network: &ActorNetwork<'g>, max_events: usize) -> Held {
        let graph = self.graph;
        for actor in network.actors() {
            self.entity(actor.entity());
        }
        let weights: Vec<usize> = network.links().map(Link::weight).collect();
        let allowed = allowances(&weights, max_events);
        let mut shortened = Vec::new();
        for (index, link) in network.links().enumerate() {
            let held = match allowed.as_ref().map(|a| a[index]) {
                Some(count) if count < link.weight() => spread(graph, link.events(), count),
                _ => link.events().to_vec(),
            };
            for &id in &held {
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
            let events: Vec<String> = held.iter().map(|e| e.short().to_string()).collect();
            let mut value = json!({
                "id": link_id(index),
                "from": link.from().short().to_string(),
                "to": link.to().short().to_string(),
                "directed": link.is_directed(),
                "weight": link.weight(),
                "cooperation": link.cooperation(),
                "conflict": link.conflict(),
                "events": events,
            });
            if held.len() < link.weight() {
                value["omitted"] = omitted(link);
                shortened.push((index, link));
            }
            self.links.push(value);
        }
        // Which of the page's documents the left-out events cite, link by link, so that
        // choosing a document hides exactly the links none of whose events cite it.
        let mut cited: Vec<Vec<usize>> = vec![Vec::new(); self.documents.len()];
        for &(index, link) in &shortened {
            for &event in link.events() {
                let Some(record) = graph.event(event) else {
                    continue;
                };
                let participations = graph.participations_in(event).map(|(_, p)| p.sources());
                for sources in std::iter::once(record.sources()).chain(participations) {
                    for source in sources {
                        let Some(&slot) = self.seen_documents.get(&source.document) else {
                            continue;
                        };
                        if cited[slot].last() != Some(&index) {
                            cited[slot].push(index);
                        }
                    }
                }
            }
        }
        for (document, links) in self.documents.iter_mut().zip(cited) {
            if !links.is_empty() {
                document["links"] = links.into_iter().map(link_id).collect();
            }
        }
        let mut all = FxHashSet::default();
        for link in network.links() {
            all.extend(link.events().iter().copied());
        }
        Held {
            events: self.seen_events.len(),
            left_out: all.iter().filter(|e| !self.seen_events.contains(e)).count(),
            per_link: allowed.and_then(|a| a.into_iter().max()),
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
        if self.seen_documents.contains_key(&id) {
            return;
        }
        self.seen_documents.insert(id, self.documents.len());
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

/// The page's id of the network's `index`th link.
fn link_id(index: usize) -> String {
    format!("k{index}")
}

/// What a page holds of an actor network's events.
pub(super) struct Held {
    /// The events on the page.
    pub(super) events: usize,
    /// The network's events that are not.
    pub(super) left_out: usize,
    /// How many events a link holds at most, when some link holds fewer than it has.
    pub(super) per_link: Option<usize>,
}

/// The most events each link may hold so that all of them together hold at most `budget`:
/// the largest `c` with `Σ min(weight, c) ≤ budget`, so that links of few events keep them
/// all and the rest is shared evenly among the heavy ones. `usize::MAX` when every event
/// fits; at least 1, so that every link keeps an example.
fn per_link(weights: &[usize], budget: usize) -> usize {
    let held = |cap: usize| -> usize { weights.iter().map(|&w| w.min(cap)).sum() };
    let heaviest = weights.iter().copied().max().unwrap_or(0);
    if held(heaviest) <= budget {
        return usize::MAX;
    }
    // held(1) may already pass the budget; then one each.
    let (mut fits, mut over) = (1, heaviest);
    while over - fits > 1 {
        let middle = fits + (over - fits) / 2;
        if held(middle) <= budget {
            fits = middle;
        } else {
            over = middle;
        }
    }
    fits
}

/// How many events each link may hold so that all of them together hold `budget`: each
/// at most the [`per_link`] cap, and what that leaves, one more each to the heaviest links
/// (there are fewer left than links past the cap, or the cap would be higher). `None` when
/// every event fits.
fn allowances(weights: &[usize], budget: usize) -> Option<Vec<usize>> {
    let cap = per_link(weights, budget);
    if cap == usize::MAX {
        return None;
    }
    let mut allowed: Vec<usize> = weights.iter().map(|&w| w.min(cap)).collect();
    let mut left = budget.saturating_sub(allowed.iter().sum());
    let mut heavy: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > cap).collect();
    heavy.sort_by_key(|&i| (std::cmp::Reverse(weights[i]), i));
    for i in heavy {
        if left == 0 {
            break;
        }
        allowed[i] += 1;
        left -= 1;
    }
    Some(allowed)
}

/// `count` of `events`, evenly spaced in date order from the earliest to the latest, so that
/// a date filter on the page finds some of a link's events in most ranges it has events in.
/// Undated events come last, and ties go by id, so the choice is stable.
fn spread(graph: &EventGraph, events: &[EventId], count: usize) -> Vec<EventId> {
    // Undated after dated; then by earliest and latest day; then by id.
    let mut ordered = events.to_vec();
    ordered.sort_by_cached_key(|&id| {
        let date = graph.event(id).and_then(|e| e.date()).map(|d| d.bounds());
        (date.is_none(), date, id)
    });
    let n = ordered.len();
    if count == 0 || n == 0 {
        return Vec::new();
    }
    if count >= n {
        return ordered;
    }
    if count == 1 {
        return vec![ordered[n - 1]];
    }
    (0..count)
        .map(|i| ordered[i * (n - 1) / (count - 1)])
        .collect()
}

/// What a link's left-out events could match: the days they span, their kinds and classes.
fn omitted(link: &Link) -> Value {
    let span = match (link.first(), link.last()) {
        (Some(first), Some(last)) => {
            json!([first.earliest().to_string(), last.latest().to_string()])
        }
        _ => Value::Null,
    };
    let mut kinds: Vec<&str> = link.kinds().map(|(kind, _)| kind.as_str()).collect();
    kinds.sort_unstable();
    let quads: Vec<Value> = (1..=4)
        .filter_map(QuadClass::from_code)
        .filter(|&class| link.class_count(class) > 0)
        .map(|class| json!(class))
        .collect();
    json!({"span": span, "kinds": kinds, "quads": quads})
}

#[cfg(test)]
mod tests {
    use super::{allowances, per_link};

    #[test]
    fn the_budget_is_shared_evenly_among_the_heavy_links() {
        assert_eq!(per_link(&[], 10), usize::MAX);
        assert_eq!(per_link(&[3, 4], 7), usize::MAX);
        // 2 + 4 + 4 = 10: the light link keeps its 2, the heavy ones 4 each.
        assert_eq!(per_link(&[2, 100, 50], 10), 4);
        assert_eq!(per_link(&[2, 100, 50], 11), 4);
        assert_eq!(per_link(&[2, 100, 50], 12), 5);
        // More links than the budget: one each.
        assert_eq!(per_link(&[5, 5, 5], 2), 1);
        assert_eq!(per_link(&[5, 5, 5], 0), 1);
    }

    #[test]
    fn what_the_cap_leaves_goes_to_the_heaviest_links() {
        assert_eq!(allowances(&[3, 4], 7), None);
        // 2 + 4 + 4 = 10; the eleventh to the heaviest.
        assert_eq!(allowances(&[2, 100, 50], 11), Some(vec![2, 5, 4]));
        assert_eq!(allowances(&[2, 100, 50], 10), Some(vec![2, 4, 4]));
        // Ties go to the first.
        assert_eq!(allowances(&[9, 9, 9], 7), Some(vec![3, 2, 2]));
        // One each, past the budget, when the links outnumber it.
        assert_eq!(allowances(&[5, 5, 5], 2), Some(vec![1, 1, 1]));
        for budget in 0..40 {
            let weights = [1, 7, 7, 12, 3, 30];
            let allowed = allowances(&weights, budget).unwrap_or(weights.to_vec());
            let held: usize = allowed.iter().sum();
            assert!(
                held == budget.max(weights.len()).min(60),
                "{budget}: {allowed:?}"
            );
            assert!(allowed.iter().zip(weights).all(|(&a, w)| a >= 1 && a <= w));
        }
    }
}
