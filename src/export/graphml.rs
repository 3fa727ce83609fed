//! GraphML: [`GraphmlWriter`].

use crate::EventRef;
use std::io::{self, Write};

use crate::graph::View;
use crate::model::ShortName;
use crate::model::{Confidence, EventField, FieldValue, NodeId, Source};
use crate::query::ActorNetwork;
use crate::{Error, EventGraph};

/// The attribute keys: id, domain, name, type.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_type", "node", "type", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_country", "node", "country", "string"),
    ("n_status", "node", "status", "string"),
    ("n_date", "node", "date", "string"),
    ("n_date_earliest", "node", "date_earliest", "string"),
    ("n_date_latest", "node", "date_latest", "string"),
    ("n_precision", "node", "precision", "string"),
    ("n_plover", "node", "plover", "string"),
    ("n_cameo_root", "node", "cameo_root", "int"),
    ("n_quad_class", "node", "quad_class", "int"),
    ("n_confidence", "node", "confidence", "double"),
    ("n_quote", "node", "quote", "string"),
    ("n_documents", "node", "documents", "string"),
    ("n_disputed", "node", "disputed", "string"),
    ("n_disputed_values", "node", "disputed_values", "string"),
    ("n_lat", "node", "lat", "double"),
    ("n_lon", "node", "lon", "double"),
    ("n_cameo_code", "node", "cameo_code", "string"),
    ("n_goldstein", "node", "goldstein", "double"),
    ("n_num_mentions", "node", "num_mentions", "int"),
    ("n_gdelt_num_sources", "node", "gdelt_num_sources", "int"),
    ("n_num_articles", "node", "num_articles", "int"),
    ("n_avg_tone", "node", "avg_tone", "double"),
    ("n_is_root_event", "node", "is_root_event", "boolean"),
    ("e_type", "edge", "type", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_negated", "edge", "negated", "boolean"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_title", "edge", "title", "string"),
    ("e_valid_from", "edge", "valid_from", "string"),
    ("e_valid_until", "edge", "valid_until", "string"),
    ("e_quote", "edge", "quote", "string"),
    ("e_documents", "edge", "documents", "string"),
];

/// `text` escaped for XML content and attributes; characters XML 1.0 forbids become U+FFFD.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes a graph, a [`View`] of a part of it, or an actor network as GraphML.
///
/// A part is written with the graph's own ids, the facts between its nodes and nothing else;
/// an actor network as its actors and weighted links.
///
/// GraphML, for Gephi, yEd, Cytoscape, networkx and igraph.
///
/// Entities and events are nodes (`e<N>`, `v<N>`), participations and relations directed edges
/// (`p<N>`, `r<N>`), with typed attribute keys: strings for kinds, names and dates, `double`
/// for confidence, `int` for CAMEO codes and quad classes, `boolean` for negation. A disputed
/// event has `disputed` (its attributes reports differ on) and `disputed_values` (each value
/// with the documents that give it; the event's `date` is then the span covering them). Dates are
/// written three ways: the crate's text form (`2024-05-late`), and the earliest and latest
/// possible day, so that tools without fuzzy dates can still sort and filter. Text is escaped
/// for XML, and characters XML 1.0 cannot hold become U+FFFD.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation).date("2024-W22".parse()?))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// let mut out = Vec::new();
/// eventkg::export::GraphmlWriter::new(&graph).write(&mut out)?;
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<edge id="p0" source="e0" target="v0">"#));
/// assert!(xml.contains(r#"<data key="n_date_earliest">2024-05-27</data>"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use eventkg::*;
/// use eventkg::export::GraphmlWriter;
/// let mut graph = EventGraph::new();
/// let [france, spain] = ["France", "Spain"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
/// let mut out = Vec::new();
/// GraphmlWriter::new(graph.select([spain.into()])?).write(&mut out)?;
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<node id="e1">"#) && !xml.contains(r#"<node id="e0">"#));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct GraphmlWriter<'g> {
    view: View<'g>,
}

impl<'g> GraphmlWriter<'g> {
    /// A writer for a graph or a view of a part of it.
    ///
    /// The view of an actor network (`GraphmlWriter::new(&network)`) is written as the
    /// network: actors as nodes (`e<N>`, the entity's index, as for the graph), links as edges
    /// with an integer `weight`, which Gephi and networkx read as the edge weight, the counts
    /// by kind (`reject:3; invitation:1`), by cooperation and conflict, the balance, the first
    /// and last date, and the number of distinct documents. Undirected links carry
    /// `directed="false"`.
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::export::GraphmlWriter;
    /// use eventkg::query::NetworkOptions;
    /// let mut graph = EventGraph::new();
    /// let [us, france] = ["United States", "France"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// let no = graph.add_event(Event::new(EventKind::Reject))?;
    /// graph.add_participation(Participation::new(us, Role::Initiator, no))?;
    /// graph.add_participation(Participation::new(france, Role::Target, no))?;
    /// let mut out = Vec::new();
    /// let network = graph.actor_network(&NetworkOptions::new());
    /// GraphmlWriter::new(&network).write(&mut out)?;
    /// let xml = String::from_utf8(out).unwrap();
    /// assert!(xml.contains(r#"<data key="e_weight">1</data>"#));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn new(view: impl Into<View<'g>>) -> Self {
        GraphmlWriter { view: view.into() }
    }

    /// Writes the GraphML text to `out`, streaming.
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        let mut writer = Writer {
            graph: self.view.graph(),
            view: &self.view,
            out: io::BufWriter::new(out),
        };
        match self.view.network() {
            Some(network) => writer.write_network(network)?,
            None => writer.write()?,
        }
        Ok(writer.out.flush()?)
    }
}

struct Writer<'v, 'g, W: Write> {
    graph: &'g EventGraph,
    view: &'v View<'g>,
    out: W,
}

impl<W: Write> Writer<'_, '_, W> {
    fn data(&mut self, key: &str, value: &str) -> io::Result<()> {
        writeln!(
            self.out,
            "      <data key=\"{key}\">{}</data>",
            xml_escape(value)
        )
    }

    fn provenance(&mut self, prefix: &str, sources: &[Source]) -> io::Result<()> {
        if let Some(quote) = sources.iter().find_map(|s| s.quote.as_deref()) {
            self.data(&format!("{prefix}_quote"), quote)?;
        }
        let mut keys: Vec<&str> = Vec::new();
        for source in sources {
            if let Some(document) = self.graph.document(source.document)
                && !keys.contains(&document.key())
            {
                keys.push(document.key());
            }
        }
        if !keys.is_empty() {
            self.data(&format!("{prefix}_documents"), &keys.join("; "))?;
        }
        Ok(())
    }

    /// A disputed event's attributes, and each of their values with the documents that give
    /// it, flat, as GraphML's typed scalars allow: `date = 2024-03-01 [doc-a]; date = …`.
    fn disputes(&mut self, event: EventRef<'_>) -> io::Result<()> {
        let fields: Vec<EventField> = event.disputed().collect();
        if fields.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
        self.data("n_disputed", &names.join("; "))?;
        let mut values = Vec::new();
        for &field in &fields {
            for (value, sources) in event.stated(field) {
                let documents: Vec<&str> = sources
                    .iter()
                    .filter_map(|s| self.graph.document(s.document).map(|d| d.key()))
                    .collect();
                let value = match value {
                    FieldValue::Location(place) => place.short().to_string(),
                    other => other.to_string(),
                };
                values.push(format!("{field} = {value} [{}]", documents.join(", ")));
            }
        }
        self.data("n_disputed_values", &values.join("; "))
    }

    fn confidence(&mut self, key: &str, confidence: Confidence) -> io::Result<()> {
        self.data(key, &confidence.value().to_string())
    }

    fn header(&mut self, keys: &[(&str, &str, &str, &str)]) -> io::Result<()> {
        writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            self.out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        for (id, domain, name, kind) in keys {
            writeln!(
                self.out,
                r#"  <key id="{id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>"#
            )?;
        }
        writeln!(self.out, r#"  <graph id="eventkg" edgedefault="directed">"#)
    }

    fn write(&mut self) -> io::Result<()> {
        self.header(KEYS)?;
        let view = self.view;
        for (id, entity) in view.entities() {
            writeln!(self.out, r#"    <node id="{}">"#, id.short())?;
            self.data("n_type", "entity")?;
            self.data("n_label", entity.name())?;
            self.data("n_kind", &entity.kind().to_string())?;
            if !entity.aliases().len() == 0 {
                self.data(
                    "n_aliases",
                    &entity.aliases().collect::<Vec<_>>().join("; "),
                )?;
            }
            if let Some(country) = entity.country() {
                self.data("n_country", country.as_str())?;
            }
            if let Some(point) = entity.coordinates() {
                self.data("n_lat", &point.lat().to_string())?;
                self.data("n_lon", &point.lon().to_string())?;
            }
            self.provenance("n", entity.sources())?;
            writeln!(self.out, "    </node>")?;
        }
        for (id, event) in view.events() {
            writeln!(self.out, r#"    <node id="{}">"#, id.short())?;
            self.data("n_type", "event")?;
            let label = event
                .description()
                .map_or_else(|| event.kind().to_string(), str::to_owned);
            self.data("n_label", &label)?;
            self.data("n_kind", &event.kind().to_string())?;
            self.data("n_status", event.status().as_str())?;
            if let Some(date) = &event.date() {
                self.data("n_date", &date.to_string())?;
                self.data("n_date_earliest", &date.earliest().to_string())?;
                self.data("n_date_latest", &date.latest().to_string())?;
                self.data("n_precision", date.precision().as_str())?;
            }
            if let Some(plover) = event.kind().plover() {
                self.data("n_plover", plover)?;
            }
            if let Some(root) = event.cameo_root() {
                self.data("n_cameo_root", &root.to_string())?;
            }
            if let Some(class) = event.quad_class() {
                self.data("n_quad_class", &class.code().to_string())?;
            }
            self.confidence("n_confidence", event.confidence())?;
            if let Some(c) = event.gdelt() {
                for (key, value) in [
                    ("n_cameo_code", c.event_code.to_string()),
                    ("n_goldstein", c.goldstein.to_string()),
                    ("n_num_mentions", c.num_mentions.to_string()),
                    ("n_gdelt_num_sources", c.num_sources.to_string()),
                    ("n_num_articles", c.num_articles.to_string()),
                    ("n_avg_tone", c.avg_tone.to_string()),
                    ("n_is_root_event", c.is_root_event.to_string()),
                ] {
                    self.data(key, &value)?;
                }
            }
            self.provenance("n", event.sources())?;
            self.disputes(event)?;
            writeln!(self.out, "    </node>")?;
        }
        for (id, p) in view.participations() {
            writeln!(
                self.out,
                r#"    <edge id="{}" source="{}" target="{}">"#,
                id.short(),
                p.entity().short(),
                p.event().short()
            )?;
            self.data("e_type", "participation")?;
            self.data("e_label", &p.role().to_string())?;
            self.data(
                "e_negated",
                if p.polarity().is_negated() {
                    "true"
                } else {
                    "false"
                },
            )?;
            self.confidence("e_confidence", p.confidence())?;
            self.provenance("e", p.sources())?;
            writeln!(self.out, "    </edge>")?;
        }
        let node = |n: NodeId| n.short();
        for (id, r) in view.relations() {
            writeln!(
                self.out,
                r#"    <edge id="{}" source="{}" target="{}">"#,
                id.short(),
                node(r.from()),
                node(r.to())
            )?;
            self.data("e_type", "relation")?;
            self.data("e_label", &r.kind().to_string())?;
            self.data(
                "e_negated",
                if r.polarity().is_negated() {
                    "true"
                } else {
                    "false"
                },
            )?;
            self.confidence("e_confidence", r.confidence())?;
            if let Some(title) = &r.title() {
                self.data("e_title", title)?;
            }
            if let Some(date) = &r.valid_from() {
                self.data("e_valid_from", &date.to_string())?;
            }
            if let Some(date) = &r.valid_until() {
                self.data("e_valid_until", &date.to_string())?;
            }
            self.provenance("e", r.sources())?;
            writeln!(self.out, "    </edge>")?;
        }
        writeln!(self.out, "  </graph>")?;
        writeln!(self.out, "</graphml>")
    }
}

/// The attribute keys of an actor network: id, domain, name, type.
const NETWORK_KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_country", "node", "country", "string"),
    ("n_events", "node", "events", "int"),
    ("n_strength", "node", "strength", "int"),
    ("n_partners", "node", "partners", "int"),
    ("e_weight", "edge", "weight", "int"),
    ("e_directed", "edge", "directed", "boolean"),
    ("e_kinds", "edge", "kinds", "string"),
    ("e_cooperation", "edge", "cooperation", "int"),
    ("e_conflict", "edge", "conflict", "int"),
    ("e_balance", "edge", "balance", "double"),
    ("e_first", "edge", "first", "string"),
    ("e_first_earliest", "edge", "first_earliest", "string"),
    ("e_last", "edge", "last", "string"),
    ("e_last_latest", "edge", "last_latest", "string"),
    ("e_sources", "edge", "sources", "int"),
];

impl<W: Write> Writer<'_, '_, W> {
    fn write_network(&mut self, network: &ActorNetwork<'_>) -> io::Result<()> {
        self.header(NETWORK_KEYS)?;
        for actor in network.actors() {
            let id = actor.entity();
            writeln!(self.out, r#"    <node id="{}">"#, id.short())?;
            if let Some(entity) = self.graph.entity(id) {
                self.data("n_label", entity.name())?;
                self.data("n_kind", &entity.kind().to_string())?;
                if let Some(country) = entity.country() {
                    self.data("n_country", country.as_str())?;
                }
            }
            self.data("n_events", &actor.events().to_string())?;
            self.data("n_strength", &actor.strength().to_string())?;
            self.data("n_partners", &actor.partners().to_string())?;
            writeln!(self.out, "    </node>")?;
        }
        for (index, link) in network.links().enumerate() {
            writeln!(
                self.out,
                r#"    <edge id="l{index}" source="{}" target="{}" directed="{}">"#,
                link.from().short(),
                link.to().short(),
                link.is_directed()
            )?;
            self.data("e_weight", &link.weight().to_string())?;
            self.data("e_directed", &link.is_directed().to_string())?;
            let kinds: Vec<String> = link
                .kinds()
                .map(|(kind, count)| format!("{kind}:{count}"))
                .collect();
            self.data("e_kinds", &kinds.join("; "))?;
            self.data("e_cooperation", &link.cooperation().to_string())?;
            self.data("e_conflict", &link.conflict().to_string())?;
            if let Some(balance) = link.balance() {
                self.data("e_balance", &balance.to_string())?;
            }
            if let Some(first) = link.first() {
                self.data("e_first", &first.to_string())?;
                self.data("e_first_earliest", &first.earliest().to_string())?;
            }
            if let Some(last) = link.last() {
                self.data("e_last", &last.to_string())?;
                self.data("e_last_latest", &last.latest().to_string())?;
            }
            self.data("e_sources", &link.sources().to_string())?;
            writeln!(self.out, "    </edge>")?;
        }
        writeln!(self.out, "  </graph>")?;
        writeln!(self.out, "</graphml>")
    }
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn xml_escaping_and_forbidden_characters() {
        assert_eq!(
            xml_escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(xml_escape("bell\u{7}\u{FFFF}"), "bell\u{FFFD}\u{FFFD}");
        assert_eq!(xml_escape("tab\tline\n"), "tab\tline\n");
    }
}
