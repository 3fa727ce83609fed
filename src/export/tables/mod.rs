//! Tables for graph databases and data frames: node and relationship CSV files in the layout of
//! Neo4j's bulk importer with the Kùzu scripts that load them, an openCypher script for small
//! graphs, a GDELT-style event table and an actor network's links. `docs/engines.md` gives the
//! commands for each engine.
//!
//! The bulk files ([`BulkWriter`]) carry every source of every fact: a `Source` row per source,
//! with its quote, speaker and reporting chain, joined to a `Document` row with its URL, title,
//! publisher, date and text. Lists (aliases, labels, document keys, reporting chains) are lists,
//! their elements joined by [`ARRAY_DELIMITER`].
//!
//! | file | rows |
//! |---|---|
//! | `entities.csv` | one per entity: `id:ID(Entity)`, name, kind, country, aliases, documents, coordinates, `:LABEL` |
//! | `events.csv` | one per event: `id:ID(Event)`, key, kind, status, date, earliest, latest, … |
//! | `documents.csv` | one per document: `id:ID(Document)`, key, title, URL, publisher, date, language, text |
//! | `sources.csv` | one per source of a fact: `id:ID(Source)`, fact, position, document, quote, speaker, reporting chain |
//! | `participations.csv` | entity → event, `:TYPE` the role in capitals |
//! | `entity_relations.csv` | entity → entity, `:TYPE` the relation kind in capitals |
//! | `event_relations.csv` | event → event |
//! | `event_entity_relations.csv` | event → entity (`about` an entity) |
//! | `entity_event_relations.csv` | entity → event (relations of `other:` kinds) |
//! | `cites.csv` | source → document |
//! | `publishes.csv` | outlet → document it published |
//! | `kuzu_schema.cypher`, `kuzu_load.cypher`, `kuzu_merge.cypher` | Kùzu: the tables, a load into an empty database, an update of a loaded one |
//! | `neo4j_import.sh` | the `neo4j-admin database import full` command for these files |

use std::io::{self, Write};

use crate::graph::View;
use crate::model::ShortName;
use crate::model::{EntityKind, NodeId, Polarity, RelationKind, Role, Source};
use crate::query::ActorNetwork;
use crate::{Error, EventGraph};

mod bulk;
#[cfg(feature = "parquet")]
mod parquet;

pub use bulk::{
    ARRAY_DELIMITER, BulkTable, BulkWriter, Endpoints, bulk_id, kuzu_load_script,
    kuzu_merge_script, kuzu_schema, neo4j_import_command,
};
#[cfg(feature = "parquet")]
pub use parquet::kuzu_parquet_script;

fn csv_error(error: csv::Error) -> io::Error {
    io::Error::other(error.to_string())
}

/// `state` → `State`, `government_body` → `GovernmentBody`.
fn pascal(word: &str) -> String {
    word.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A Neo4j label or relationship type from a vocabulary word: letters, digits and `_` only.
fn type_name(word: &str) -> String {
    let name: String = word
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("T_{name}")
    } else {
        name
    }
}

fn entity_label(kind: &EntityKind) -> String {
    match kind {
        EntityKind::Other(_) => "OtherEntity".into(),
        named => pascal(named.as_str()),
    }
}

fn role_type(role: &Role) -> String {
    match role {
        Role::Other(_) => "PARTICIPANT_OTHER".into(),
        named => type_name(named.as_str()),
    }
}

fn relation_type(kind: &RelationKind) -> String {
    match kind {
        RelationKind::Other(_) => "RELATED".into(),
        named => type_name(named.as_str()),
    }
}

fn node_id(node: NodeId) -> String {
    node.short().to_string()
}

impl EventGraph {
    fn first_quote(sources: &[Source]) -> String {
        sources
            .iter()
            .find_map(|s| s.quote.clone())
            .unwrap_or_default()
    }

    /// The distinct keys of the documents `sources` cite, in the order first cited.
    fn cited_keys<'a>(&'a self, sources: &[Source]) -> Vec<&'a str> {
        let mut keys: Vec<&str> = Vec::new();
        for source in sources {
            if let Some(document) = self.document(source.document)
                && !keys.contains(&document.key())
            {
                keys.push(document.key());
            }
        }
        keys
    }

    fn document_keys(&self, sources: &[Source]) -> String {
        self.cited_keys(sources).join(";")
    }
}

/// The columns of an event's GDELT coding: CAMEO code, Goldstein score, mentions, sources,
/// articles, tone and whether it is a root event (written by `flag`); empty for an event not
/// read from GDELT.
fn gdelt_columns(event: crate::EventRef<'_>, flag: fn(bool) -> &'static str) -> [String; 7] {
    match event.gdelt() {
        Some(c) => [
            c.event_code.to_string(),
            c.goldstein.to_string(),
            c.num_mentions.to_string(),
            c.num_sources.to_string(),
            c.num_articles.to_string(),
            c.avg_tone.to_string(),
            flag(c.is_root_event).to_owned(),
        ],
        None => Default::default(),
    }
}

/// `text` as an openCypher string literal.
fn cypher_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Writes an openCypher script that creates a graph or a [`View`] of a part of it: one
/// `CREATE` per node, one `MATCH … CREATE` per fact, with the graph's own ids. For small
/// graphs; use the bulk files ([`BulkWriter`]) for large ones.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::tables::CypherWriter;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France's \"republic\""))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// let mut out = Vec::new();
/// CypherWriter::new(&graph).write(&mut out)?;
/// let script = String::from_utf8(out).unwrap();
/// assert!(script.contains(r#"CREATE (:Entity:State {id: 'e0', name: 'France\'s "republic"'"#));
/// assert!(script.contains("CREATE (a)-[:INITIATOR"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CypherWriter<'g> {
    view: View<'g>,
}

impl<'g> CypherWriter<'g> {
    /// A writer for a graph or a view.
    pub fn new(view: impl Into<View<'g>>) -> Self {
        CypherWriter { view: view.into() }
    }

    /// Writes the script to `out`, streaming.
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        Ok(cypher(&self.view, out)?)
    }
}

fn cypher(view: &View<'_>, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for (id, entity) in view.entities() {
        let aliases: Vec<String> = entity.aliases().map(cypher_string).collect();
        writeln!(
            out,
            "CREATE (:Entity:{} {{id: '{}', name: {}, kind: {}, country: {}, aliases: [{}]}});",
            entity_label(entity.kind()),
            id.short(),
            cypher_string(entity.name()),
            cypher_string(&entity.kind().to_string()),
            entity
                .country()
                .map_or("null".into(), |c| cypher_string(c.as_str())),
            aliases.join(", ")
        )?;
    }
    for (id, event) in view.events() {
        writeln!(
            out,
            "CREATE (:Event:{} {{id: '{}', key: {}, kind: {}, status: {}, date: {}, earliest: {}, latest: {}, description: {}, confidence: {}}});",
            pascal(event.kind().as_str()),
            id.short(),
            event.key().map_or("null".into(), cypher_string),
            cypher_string(&event.kind().to_string()),
            cypher_string(event.status().as_str()),
            event
                .date()
                .map_or("null".into(), |d| cypher_string(&d.to_string())),
            event
                .date()
                .map_or("null".into(), |d| format!("date('{}')", d.earliest())),
            event
                .date()
                .map_or("null".into(), |d| format!("date('{}')", d.latest())),
            event.description().map_or("null".into(), cypher_string),
            event.confidence().value()
        )?;
    }
    for (_, p) in view.participations() {
        writeln!(
            out,
            "MATCH (a:Entity {{id: '{}'}}), (b:Event {{id: '{}'}}) CREATE (a)-[:{} {{role: {}, negated: {}, confidence: {}, quote: {}}}]->(b);",
            p.entity().short(),
            p.event().short(),
            role_type(p.role()),
            cypher_string(&p.role().to_string()),
            p.polarity().is_negated(),
            p.confidence().value(),
            cypher_string(&EventGraph::first_quote(p.sources()))
        )?;
    }
    let label = |node: NodeId| match node {
        NodeId::Entity(_) => "Entity",
        NodeId::Event(_) => "Event",
    };
    for (_, r) in view.relations() {
        writeln!(
            out,
            "MATCH (a:{} {{id: '{}'}}), (b:{} {{id: '{}'}}) CREATE (a)-[:{} {{kind: {}, title: {}, negated: {}, confidence: {}}}]->(b);",
            label(r.from()),
            node_id(r.from()),
            label(r.to()),
            node_id(r.to()),
            relation_type(r.kind()),
            cypher_string(&r.kind().to_string()),
            r.title().map_or("null".into(), cypher_string),
            r.polarity() == Polarity::Negated,
            r.confidence().value()
        )?;
    }
    out.flush()
}

/// A text cell made safe to open in a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (OWASP's CSV injection), so it gets a
/// leading `'`, which spreadsheets show as text and do not display. Used for the tables meant
/// for people (the event table, the actor network's links); the bulk files for databases keep
/// every value verbatim, since an importer would keep the `'` as part of a name.
fn inert(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

/// Writes a GDELT-style event table: one row per event, with its initiators as actor 1 and its
/// targets as actor 2 (several joined by `;`), their countries and CAMEO types, the event kind
/// with its PLOVER type, CAMEO root and quad class, the date with its bounds and precision, and
/// its sources. For pandas, Polars or DuckDB.
///
/// For an event read from GDELT, the root code and quad class are GDELT's own (CAMEO's demand,
/// root 10, is verbal conflict though its PLOVER kind is a request), and the last columns give
/// the rest of its [`GdeltCoding`](crate::GdeltCoding): the full CAMEO code, Goldstein score,
/// mention, source and article counts, tone and `IsRootEvent`; for other events they are empty.
///
/// Of a [`View`], the table has the part's events, each with the actors the part holds.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::tables::EventTableWriter;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// let mut out = Vec::new();
/// EventTableWriter::new(&graph).write(&mut out)?;
/// let table = String::from_utf8(out).unwrap();
/// assert!(table.lines().nth(1).unwrap().starts_with("v0,"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct EventTableWriter<'g> {
    view: View<'g>,
}

impl<'g> EventTableWriter<'g> {
    /// A writer for a graph or a view.
    pub fn new(view: impl Into<View<'g>>) -> Self {
        EventTableWriter { view: view.into() }
    }

    /// Writes the table to `out`, streaming.
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        Ok(event_table(&self.view, out)?)
    }
}

fn event_table(view: &View<'_>, out: impl Write) -> io::Result<()> {
    let graph = view.graph();
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "event_id",
        "key",
        "date",
        "date_earliest",
        "date_latest",
        "date_precision",
        "kind",
        "plover",
        "cameo_root",
        "quad_class",
        "status",
        "actor1",
        "actor1_country",
        "actor1_type",
        "actor2",
        "actor2_country",
        "actor2_type",
        "location",
        "confidence",
        "num_sources",
        "documents",
        "source_url",
        "quote",
        "cameo_code",
        "goldstein",
        "num_mentions",
        "gdelt_num_sources",
        "num_articles",
        "avg_tone",
        "is_root_event",
    ])
    .map_err(csv_error)?;
    for (id, event) in view.events() {
        // GDELT writes its flag as 0 or 1.
        let coding = gdelt_columns(event, |b| if b { "1" } else { "0" });
        let actors = |role: Role| {
            let members: Vec<crate::EntityRef<'_>> = graph
                .participations_in(id)
                .filter(|(_, p)| {
                    p.role() == role
                        && p.polarity() == Polarity::Affirmed
                        && view.contains(p.entity())
                })
                .filter_map(|(_, p)| graph.entity(p.entity()))
                .collect();
            let join = |f: &dyn Fn(&crate::EntityRef<'_>) -> String| {
                members.iter().map(f).collect::<Vec<_>>().join(";")
            };
            [
                join(&|e| e.name().to_owned()),
                join(&|e| e.country().map(|c| c.to_string()).unwrap_or_default()),
                join(&|e| e.kind().cameo_type().unwrap_or_default().to_owned()),
            ]
        };
        let [a1, a1c, a1t] = actors(Role::Initiator);
        let [a2, a2c, a2t] = actors(Role::Target);
        let url = event
            .sources()
            .iter()
            .find_map(|s| graph.document(s.document)?.url().map(str::to_owned))
            .unwrap_or_default();
        let date = event.date();
        let record = [
            id.short().to_string(),
            inert(event.key().unwrap_or_default().to_owned()),
            date.map(|d| d.to_string()).unwrap_or_default(),
            date.map(|d| d.earliest().to_string()).unwrap_or_default(),
            date.map(|d| d.latest().to_string()).unwrap_or_default(),
            date.map(|d| d.precision().as_str().to_owned())
                .unwrap_or_default(),
            event.kind().to_string(),
            event.kind().plover().unwrap_or_default().to_owned(),
            event
                .cameo_root()
                .map(|c| format!("{c:02}"))
                .unwrap_or_default(),
            event
                .quad_class()
                .map(|c| c.code().to_string())
                .unwrap_or_default(),
            event.status().to_string(),
            inert(a1),
            a1c,
            a1t,
            inert(a2),
            a2c,
            a2t,
            inert(
                event
                    .location()
                    .and_then(|l| graph.entity(l))
                    .map(|e| e.name().to_owned())
                    .unwrap_or_default(),
            ),
            event.confidence().value().to_string(),
            event.sources().len().to_string(),
            inert(graph.document_keys(event.sources())),
            inert(url),
            inert(EventGraph::first_quote(event.sources())),
        ];
        w.write_record(record.into_iter().chain(coding))
            .map_err(csv_error)?;
    }
    w.flush()
}

/// Writes an actor network's links as CSV, one row per link: the two actors by id and name,
/// whether it is directed, its weight, counts by kind (`reject:3;invitation:1`), cooperation,
/// conflict and balance, first and last date with their bounds, and distinct documents. An
/// edge list for pandas, igraph or a spreadsheet.
#[derive(Clone, Debug)]
pub struct LinksWriter<'n> {
    network: &'n ActorNetwork<'n>,
}

impl<'n> LinksWriter<'n> {
    /// A writer for the links of `network`.
    pub fn new(network: &'n ActorNetwork<'n>) -> Self {
        LinksWriter { network }
    }

    /// Writes the links to `out`, streaming.
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        Ok(links(self.network, out)?)
    }
}

fn links(network: &ActorNetwork<'_>, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "from_id",
        "from",
        "to_id",
        "to",
        "directed",
        "weight",
        "kinds",
        "cooperation",
        "conflict",
        "balance",
        "first",
        "first_earliest",
        "last",
        "last_latest",
        "sources",
    ])
    .map_err(csv_error)?;
    let graph = network.graph();
    let name = |id: crate::EntityId| {
        graph
            .entity(id)
            .map(|e| e.name().to_owned())
            .unwrap_or_default()
    };
    for link in network.links() {
        let kinds: Vec<String> = link
            .kinds()
            .map(|(kind, count)| format!("{kind}:{count}"))
            .collect();
        w.write_record([
            node_id(link.from().into()),
            inert(name(link.from())),
            node_id(link.to().into()),
            inert(name(link.to())),
            link.is_directed().to_string(),
            link.weight().to_string(),
            kinds.join(";"),
            link.cooperation().to_string(),
            link.conflict().to_string(),
            link.balance().map(|b| b.to_string()).unwrap_or_default(),
            link.first().map(|d| d.to_string()).unwrap_or_default(),
            link.first()
                .map(|d| d.earliest().to_string())
                .unwrap_or_default(),
            link.last().map(|d| d.to_string()).unwrap_or_default(),
            link.last()
                .map(|d| d.latest().to_string())
                .unwrap_or_default(),
            link.sources().to_string(),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_labels_and_types() {
        assert_eq!(pascal("government_body"), "GovernmentBody");
        assert_eq!(type_name("member_of"), "MEMBER_OF");
        assert_eq!(type_name("9lives"), "T_9LIVES");
        assert_eq!(cypher_string("a'b\\c\nd\u{7}"), r"'a\'b\\c\nd\u0007'");
    }
}
