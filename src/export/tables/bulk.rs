//! The bulk files: one CSV file per node or relationship table, in the layout of Neo4j's bulk
//! importer, and the Kùzu scripts that create and fill the same tables.
//!
//! Every table is declared once, as a list of columns; the CSV header, the Kùzu schema and the
//! Kùzu load and merge scripts are all derived from that one declaration, so that they cannot
//! drift apart when a column is added.

use crate::RelationRef;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{csv_error, entity_label, gdelt_columns, node_id, pascal, relation_type, role_type};
use crate::graph::{Scope, View};
use crate::model::RecordId;
use crate::model::ShortName;
use crate::model::{NodeId, Polarity, Source};
use crate::{Error, EventGraph};

/// The character between the elements of a list cell (aliases, document keys, labels, a
/// reporting chain): U+001F, the ASCII unit separator.
///
/// Names, aliases and keys may hold commas, semicolons, quotes and brackets, but never a
/// control character (the graph refuses them), so this one cannot occur inside an element.
/// Neo4j reads it with `--array-delimiter=U+001F`; the Kùzu scripts split on it with
/// `string_split`.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::tables::{BulkTable, BulkWriter};
/// let mut graph = EventGraph::new();
/// let mut france = Entity::new(EntityKind::State, "France");
/// france.aliases = vec!["la République; française".into(), "FR".into()];
/// graph.add_entity(france)?;
/// let mut out = Vec::new();
/// BulkWriter::new(&graph).write_table(BulkTable::Entities, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// let sep = eventkg::export::tables::ARRAY_DELIMITER;
/// assert!(text.contains(&format!("la République; française{sep}FR")));
/// # Ok::<(), eventkg::Error>(())
/// ```
pub const ARRAY_DELIMITER: char = '\u{1F}';

/// What a column holds, and so how each engine is told its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    /// The node's id, in a Neo4j id space named after the table.
    Key(&'static str),
    /// A relationship's start node, in that id space.
    From(&'static str),
    /// A relationship's end node.
    To(&'static str),
    /// The node's labels, a list.
    Labels,
    /// The relationship's Neo4j type.
    Type,
    Text,
    List,
    Int,
    Float,
    Bool,
    Day,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    pub(super) name: &'static str,
    pub(super) ty: Ty,
}

const fn col(name: &'static str, ty: Ty) -> Column {
    Column { name, ty }
}

impl Column {
    fn neo4j(&self) -> String {
        match self.ty {
            Ty::Key(space) => format!("{}:ID({space})", self.name),
            Ty::From(space) => format!(":START_ID({space})"),
            Ty::To(space) => format!(":END_ID({space})"),
            Ty::Labels => ":LABEL".into(),
            Ty::Type => ":TYPE".into(),
            Ty::Text => self.name.into(),
            Ty::List => format!("{}:string[]", self.name),
            Ty::Int => format!("{}:long", self.name),
            Ty::Float => format!("{}:double", self.name),
            Ty::Bool => format!("{}:boolean", self.name),
            Ty::Day => format!("{}:date", self.name),
        }
    }

    /// The Kùzu property this column fills, with its type; `None` for a relationship's ends.
    fn kuzu(&self) -> Option<String> {
        let ty = match self.ty {
            Ty::From(_) | Ty::To(_) => return None,
            Ty::Key(_) | Ty::Type | Ty::Text => "STRING",
            Ty::Labels | Ty::List => "STRING[]",
            Ty::Int => "INT64",
            Ty::Float => "DOUBLE",
            Ty::Bool => "BOOLEAN",
            Ty::Day => "DATE",
        };
        Some(format!("{} {ty}", self.property()))
    }

    /// The property, or Parquet column, this column fills.
    pub(super) fn property(&self) -> &'static str {
        match self.ty {
            Ty::Labels => "labels",
            Ty::Type => "type",
            _ => self.name,
        }
    }

    /// The expression that turns the file's text cell `column{i}` into the property's value.
    /// A list's delimiter is written as itself: Kùzu's string literals have no `\u` escape.
    fn kuzu_value(&self, i: usize) -> String {
        let cell = format!("column{i}");
        match self.ty {
            Ty::Key(_) | Ty::From(_) | Ty::To(_) | Ty::Type | Ty::Text => cell,
            Ty::Labels | Ty::List => format!(
                "CASE WHEN {cell} IS NULL THEN CAST([] AS STRING[]) ELSE string_split({cell}, '{ARRAY_DELIMITER}') END"
            ),
            Ty::Int => format!("CAST({cell} AS INT64)"),
            Ty::Float => format!("CAST({cell} AS DOUBLE)"),
            Ty::Bool => format!("CAST({cell} AS BOOLEAN)"),
            Ty::Day => format!("CAST({cell} AS DATE)"),
        }
    }
}

/// One bulk file: its name, its table and its columns, in the file's order.
#[derive(Clone, Debug)]
pub(super) struct Table {
    pub(super) file: String,
    pub(super) name: &'static str,
    pub(super) columns: Vec<Column>,
}

impl Table {
    fn header(&self) -> Vec<String> {
        self.columns.iter().map(Column::neo4j).collect()
    }

    fn ends(&self) -> Option<(&'static str, &'static str)> {
        let from = self.columns.iter().find_map(|c| match c.ty {
            Ty::From(space) => Some(space),
            _ => None,
        })?;
        let to = self.columns.iter().find_map(|c| match c.ty {
            Ty::To(space) => Some(space),
            _ => None,
        })?;
        Some((from, to))
    }

    fn create(&self) -> String {
        let properties: Vec<String> = self.columns.iter().filter_map(Column::kuzu).collect();
        match self.ends() {
            Some((from, to)) => format!(
                "CREATE REL TABLE IF NOT EXISTS {}(FROM {from} TO {to}, {});\n",
                self.name,
                properties.join(", ")
            ),
            None => format!(
                "CREATE NODE TABLE IF NOT EXISTS {}({}, PRIMARY KEY(id));\n",
                self.name,
                properties.join(", ")
            ),
        }
    }

    /// `LOAD FROM` the file as text cells: no header sniffing (Kùzu would read Neo4j's
    /// `name:type` headers as its own types), and the serial reader, since real quotes and
    /// descriptions have line breaks inside their fields, which the parallel reader refuses.
    fn load_from(&self) -> String {
        format!(
            "LOAD FROM '{}' (HEADER=false, SKIP=1, PARALLEL=false)",
            self.file
        )
    }

    fn copy(&self) -> String {
        let values: Vec<String> = (self.columns.iter().enumerate())
            .map(|(i, c)| c.kuzu_value(i))
            .collect();
        format!(
            "COPY {} FROM ({} RETURN {});\n",
            self.name,
            self.load_from(),
            values.join(", ")
        )
    }

    fn merge(&self) -> String {
        let set = |var: &str| -> String {
            (self.columns.iter().enumerate())
                .filter(|(_, c)| c.kuzu().is_some() && !matches!(c.ty, Ty::Key(_)))
                .filter(|(_, c)| !(self.ends().is_some() && c.name == "id"))
                .map(|(i, c)| format!("{var}.{} = {}", c.property(), c.kuzu_value(i)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self.ends() {
            None => format!(
                "{} MERGE (n:{} {{id: column0}}) SET {};\n",
                self.load_from(),
                self.name,
                set("n")
            ),
            Some((from, to)) => {
                // A relationship is one of its kind between the two nodes, or the one with its
                // id where the file has ids. The ends are matched one clause each: Kùzu plans
                // two patterns in one MATCH as a join of both tables, which runs out of memory
                // at 100 000 events.
                let id = (self.columns.iter().position(|c| c.name == "id"))
                    .map(|i| format!(" {{id: column{i}}}"))
                    .unwrap_or_default();
                let props = set("r");
                let set = if props.is_empty() {
                    String::new()
                } else {
                    format!(" SET {props}")
                };
                format!(
                    "{} MATCH (a:{from} {{id: column0}}) MATCH (b:{to} {{id: column1}}) MERGE (a)-[r:{}{id}]->(b){set};\n",
                    self.load_from(),
                    self.name,
                )
            }
        }
    }
}

fn entities_table() -> Table {
    use Ty::*;
    Table {
        file: "entities.csv".into(),
        name: "Entity",
        columns: vec![
            col("id", Key("Entity")),
            col("name", Text),
            col("kind", Text),
            col("country", Text),
            col("aliases", List),
            col("documents", List),
            col("lat", Float),
            col("lon", Float),
            col("labels", Labels),
        ],
    }
}

fn events_table() -> Table {
    use Ty::*;
    Table {
        file: "events.csv".into(),
        name: "Event",
        columns: vec![
            col("id", Key("Event")),
            col("key", Text),
            col("kind", Text),
            col("status", Text),
            col("date", Text),
            col("earliest", Day),
            col("latest", Day),
            col("precision", Text),
            col("description", Text),
            col("plover", Text),
            col("cameo_root", Int),
            col("quad_class", Int),
            col("confidence", Float),
            col("quote", Text),
            col("documents", List),
            col("cameo_code", Text),
            col("goldstein", Float),
            col("num_mentions", Int),
            col("gdelt_num_sources", Int),
            col("num_articles", Int),
            col("avg_tone", Float),
            col("is_root_event", Bool),
            col("labels", Labels),
        ],
    }
}

fn documents_table() -> Table {
    use Ty::*;
    Table {
        file: "documents.csv".into(),
        name: "Document",
        columns: vec![
            col("id", Key("Document")),
            col("key", Text),
            col("title", Text),
            col("url", Text),
            col("publisher", Text),
            col("published", Day),
            col("language", Text),
            col("text", Text),
            col("labels", Labels),
        ],
    }
}

fn sources_table() -> Table {
    use Ty::*;
    Table {
        file: "sources.csv".into(),
        name: "Source",
        columns: vec![
            col("id", Key("Source")),
            col("fact", Text),
            col("fact_type", Text),
            col("position", Int),
            col("document", Text),
            col("quote", Text),
            col("speaker", Text),
            col("reported_via", List),
            col("labels", Labels),
        ],
    }
}

fn participations_table() -> Table {
    use Ty::*;
    Table {
        file: "participations.csv".into(),
        name: "Participates",
        columns: vec![
            col("from", From("Entity")),
            col("to", To("Event")),
            col("type", Type),
            col("id", Text),
            col("role", Text),
            col("negated", Bool),
            col("confidence", Float),
            col("quote", Text),
            col("documents", List),
        ],
    }
}

fn relations_table(endpoints: Endpoints) -> Table {
    use Ty::*;
    let (file, name, from, to) = endpoints.tables();
    Table {
        file: format!("{file}.csv"),
        name,
        columns: vec![
            col("from", From(from)),
            col("to", To(to)),
            col("type", Type),
            col("id", Text),
            col("kind", Text),
            col("title", Text),
            col("valid_from", Text),
            col("valid_until", Text),
            col("negated", Bool),
            col("confidence", Float),
            col("quote", Text),
            col("documents", List),
        ],
    }
}

fn cites_table() -> Table {
    use Ty::*;
    Table {
        file: "cites.csv".into(),
        name: "Cites",
        columns: vec![
            col("from", From("Source")),
            col("to", To("Document")),
            col("type", Type),
        ],
    }
}

fn publishes_table() -> Table {
    use Ty::*;
    Table {
        file: "publishes.csv".into(),
        name: "Publishes",
        columns: vec![
            col("from", From("Entity")),
            col("to", To("Document")),
            col("type", Type),
        ],
    }
}

/// One of the bulk tables, to be written on its own with [`BulkWriter::write_table`]; the
/// order of [`BulkTable::ALL`] is the order to load them in, nodes before the relationships
/// that join them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BulkTable {
    /// `entities.csv` (Neo4j node file; Kùzu node table `Entity`): id, name, kind, country,
    /// aliases and the keys of the documents that name it (lists), coordinates, labels.
    Entities,
    /// `events.csv` (Neo4j node file; Kùzu node table `Event`).
    Events,
    /// `documents.csv` (Neo4j node file; Kùzu node table `Document`): every document with
    /// its key, title, URL, publisher, date, language and text.
    Documents,
    /// `sources.csv` (Neo4j node file; Kùzu node table `Source`): one row for every source of
    /// every fact. `fact` is the fact's id (an entity's or event's `id`, a participation's or
    /// relation's `id` property), `position` the source's place in the fact's list,
    /// `document` the document's id, `speaker` the entity the document attributes the fact
    /// to, and `reported_via` the outlets the report passed through, the original first. A
    /// source's id is its fact's and its position (`p12#0`), so that it stays the same when
    /// the fact gains sources.
    Sources,
    /// `participations.csv` (Neo4j relationship file, `:TYPE` the role; Kùzu rel table
    /// `Participates`); `id` (`p0`, …) is the `fact` of its rows in `sources.csv`.
    Participations,
    /// The relations whose endpoints are of the given types (Neo4j relationship file, `:TYPE`
    /// the relation kind); `id` (`r0`, …) is the `fact` of its rows in `sources.csv`.
    Relations(Endpoints),
    /// `cites.csv` (Neo4j relationship file, `:TYPE` `CITES`; Kùzu rel table `Cites`): each
    /// source to its document.
    Cites,
    /// `publishes.csv` (Neo4j relationship file, `:TYPE` `PUBLISHED`; Kùzu rel table
    /// `Publishes`): each outlet to the documents it published.
    Publishes,
}

impl BulkTable {
    /// Every table, in the order to load them in.
    pub const ALL: [BulkTable; 11] = [
        BulkTable::Entities,
        BulkTable::Events,
        BulkTable::Documents,
        BulkTable::Sources,
        BulkTable::Participations,
        BulkTable::Relations(Endpoints::EntityToEntity),
        BulkTable::Relations(Endpoints::EventToEvent),
        BulkTable::Relations(Endpoints::EventToEntity),
        BulkTable::Relations(Endpoints::EntityToEvent),
        BulkTable::Cites,
        BulkTable::Publishes,
    ];

    /// The table's declaration.
    pub(super) fn table(self) -> Table {
        match self {
            BulkTable::Entities => entities_table(),
            BulkTable::Events => events_table(),
            BulkTable::Documents => documents_table(),
            BulkTable::Sources => sources_table(),
            BulkTable::Participations => participations_table(),
            BulkTable::Relations(endpoints) => relations_table(endpoints),
            BulkTable::Cites => cites_table(),
            BulkTable::Publishes => publishes_table(),
        }
    }

    /// The table's rows from `scope`.
    pub(super) fn rows(self, scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
        match self {
            BulkTable::Entities => entities_rows(scope, emit),
            BulkTable::Events => events_rows(scope, emit),
            BulkTable::Documents => documents_rows(scope, emit),
            BulkTable::Sources => sources_rows(scope, emit),
            BulkTable::Participations => participations_rows(scope, emit),
            BulkTable::Relations(endpoints) => relations_rows(scope, endpoints, emit),
            BulkTable::Cites => cites_rows(scope, emit),
            BulkTable::Publishes => publishes_rows(scope, emit),
        }
    }
}

/// Every table, in the order to load them in.
pub(super) fn tables() -> Vec<Table> {
    BulkTable::ALL.iter().map(|t| t.table()).collect()
}

/// Writes the bulk tables of a graph, or of a [`View`] of a part of it, as CSV files in the
/// layout of Neo4j's importer, with the Kùzu scripts that load them (and, with the `parquet`
/// feature, as Parquet files).
///
/// A part is written with the graph's own ids, and with what its provenance names (the
/// documents its sources cite, their publishers, speakers, outlets and places), so that a
/// database loaded from it refers to nothing it does not hold.
pub struct BulkWriter<'g> {
    pub(super) scope: Scope<'g>,
}

impl<'g> BulkWriter<'g> {
    /// A writer for a graph or a view.
    pub fn new(view: impl Into<View<'g>>) -> Self {
        BulkWriter {
            scope: Scope::of(view.into()),
        }
    }

    /// Writes one table as CSV to `out`, with its header.
    pub fn write_table(&self, table: BulkTable, out: impl Write) -> Result<(), Error> {
        Ok(write_csv(&table.table(), out, &mut |emit| {
            table.rows(&self.scope, emit)
        })?)
    }

    /// Writes every bulk file into `dir` (created if need be) and returns their paths: the
    /// CSV files, the Kùzu schema (`kuzu_schema.cypher`), load (`kuzu_load.cypher`) and merge
    /// (`kuzu_merge.cypher`) scripts, and the Neo4j import command (`neo4j_import.sh`).
    pub fn write_dir(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        write_bulk(&self.scope, dir.as_ref())
    }
}

/// The four ways a relation's endpoints can be typed, each a relationship file of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoints {
    /// Entity to entity: `entity_relations.csv`, Kùzu `EntityRelation`.
    EntityToEntity,
    /// Event to event: `event_relations.csv`, Kùzu `EventRelation`.
    EventToEvent,
    /// Event to entity: `event_entity_relations.csv`, Kùzu `EventEntityRelation`.
    EventToEntity,
    /// Entity to event: `entity_event_relations.csv`, Kùzu `EntityEventRelation`.
    EntityToEvent,
}

impl Endpoints {
    fn of(relation: RelationRef<'_>) -> Endpoints {
        match (relation.from(), relation.to()) {
            (NodeId::Entity(_), NodeId::Entity(_)) => Endpoints::EntityToEntity,
            (NodeId::Event(_), NodeId::Event(_)) => Endpoints::EventToEvent,
            (NodeId::Event(_), NodeId::Entity(_)) => Endpoints::EventToEntity,
            (NodeId::Entity(_), NodeId::Event(_)) => Endpoints::EntityToEvent,
        }
    }

    fn tables(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Endpoints::EntityToEntity => ("entity_relations", "EntityRelation", "Entity", "Entity"),
            Endpoints::EventToEvent => ("event_relations", "EventRelation", "Event", "Event"),
            Endpoints::EventToEntity => (
                "event_entity_relations",
                "EventEntityRelation",
                "Event",
                "Entity",
            ),
            Endpoints::EntityToEvent => (
                "entity_event_relations",
                "EntityEventRelation",
                "Entity",
                "Event",
            ),
        }
    }
}

/// A list cell: the elements joined by [`ARRAY_DELIMITER`]. An element holding the delimiter
/// would come back as two, so it is refused, named.
fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> io::Result<String> {
    let mut cell = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if item.contains(ARRAY_DELIMITER) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{item:?} holds the list delimiter U+001F and cannot be a list element"),
            ));
        }
        if i > 0 {
            cell.push(ARRAY_DELIMITER);
        }
        cell.push_str(item);
    }
    Ok(cell)
}

/// Where a table's rows go, one text cell per column in the table's order: a CSV file, or
/// the columns of a Parquet file.
pub(super) type Emit<'a> = dyn FnMut(&[String]) -> io::Result<()> + 'a;

/// `table` as CSV: its header, then the rows `rows` emits.
fn write_csv(
    table: &Table,
    out: impl Write,
    rows: &mut dyn FnMut(&mut Emit<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(table.header()).map_err(csv_error)?;
    rows(&mut |cells| w.write_record(cells).map_err(csv_error))?;
    w.flush()
}

/// The id a record has in the bulk files: `e3` for an entity, `v5` for an event (their nodes'
/// `id`), `p12` for a participation, `r4` for a relation (their relationships' `id`
/// property). It is the `fact` of the record's rows in `sources.csv`, so that a record found in
/// the graph can be looked up in the database.
///
/// ```
/// use eventkg::{EntityId, ParticipationId};
/// use eventkg::export::tables::bulk_id;
/// assert_eq!(bulk_id(EntityId::new(3)), "e3");
/// assert_eq!(bulk_id(ParticipationId::new(12)), "p12");
/// ```
pub fn bulk_id(record: impl Into<RecordId>) -> String {
    record.into().short().to_string()
}

fn fact_type(record: RecordId) -> &'static str {
    match record {
        RecordId::Entity(_) => "entity",
        RecordId::Event(_) => "event",
        RecordId::Participation(_) => "participation",
        RecordId::Relation(_) => "relation",
    }
}

/// Every source of every record, with the record's bulk id and the source's position in the
/// record's list, in the order of `EventGraph::claims`.
fn positioned<'s>(
    scope: &'s Scope<'_>,
) -> impl Iterator<Item = (RecordId, String, usize, &'s Source)> + 's {
    let mut last: Option<(RecordId, String, usize)> = None;
    let of = |record: RecordId, sources: &'s [Source]| {
        sources.iter().map(move |source| (record, source))
    };
    let claims = scope
        .entities()
        .flat_map(move |(id, e)| of(id.into(), e.sources()))
        .chain(
            scope
                .events()
                .flat_map(move |(id, e)| of(id.into(), e.sources())),
        )
        .chain(
            scope
                .participations()
                .flat_map(move |(id, p)| of(id.into(), p.sources())),
        )
        .chain(
            scope
                .relations()
                .flat_map(move |(id, r)| of(id.into(), r.sources())),
        );
    claims.map(move |(record, source)| {
        let (fact, position) = match &mut last {
            Some((previous, fact, position)) if *previous == record => {
                *position += 1;
                (fact.clone(), *position)
            }
            _ => {
                let fact = bulk_id(record);
                last = Some((record, fact.clone(), 0));
                (fact, 0)
            }
        };
        (record, fact, position, source)
    })
}

fn entities_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, entity) in scope.entities() {
        let point = entity.coordinates();
        emit(&[
            id.short().to_string(),
            entity.name().to_owned(),
            entity.kind().to_string(),
            entity.country().map(|c| c.to_string()).unwrap_or_default(),
            list(entity.aliases())?,
            list(scope.graph().cited_keys(entity.sources()))?,
            point.map(|p| p.lat().to_string()).unwrap_or_default(),
            point.map(|p| p.lon().to_string()).unwrap_or_default(),
            list(["Entity", entity_label(entity.kind()).as_str()])?,
        ])?;
    }
    Ok(())
}

fn events_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, event) in scope.events() {
        let date = event.date();
        let coding = gdelt_columns(event, |b| if b { "true" } else { "false" });
        let record = [
            id.short().to_string(),
            event.key().unwrap_or_default().to_owned(),
            event.kind().to_string(),
            event.status().to_string(),
            date.map(|d| d.to_string()).unwrap_or_default(),
            date.map(|d| d.earliest().to_string()).unwrap_or_default(),
            date.map(|d| d.latest().to_string()).unwrap_or_default(),
            date.map(|d| d.precision().as_str().to_owned())
                .unwrap_or_default(),
            event.description().unwrap_or_default().to_owned(),
            event.kind().plover().unwrap_or_default().to_owned(),
            event
                .cameo_root()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            event
                .quad_class()
                .map(|c| c.code().to_string())
                .unwrap_or_default(),
            event.confidence().value().to_string(),
            EventGraph::first_quote(event.sources()),
            list(scope.graph().cited_keys(event.sources()))?,
        ];
        let labels = list(["Event", pascal(event.kind().as_str()).as_str()])?;
        let row: Vec<String> = record.into_iter().chain(coding).chain([labels]).collect();
        emit(&row)?;
    }
    Ok(())
}

fn documents_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, document) in scope.documents() {
        emit(&[
            id.short().to_string(),
            document.key().to_owned(),
            document.title().unwrap_or_default().to_owned(),
            document.url().unwrap_or_default().to_owned(),
            document
                .publisher()
                .map(|e| e.short().to_string())
                .unwrap_or_default(),
            document
                .published()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            document.language().unwrap_or_default().to_owned(),
            document.text().unwrap_or_default().to_owned(),
            "Document".to_owned(),
        ])?;
    }
    Ok(())
}

fn sources_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (record, fact, position, source) in positioned(scope) {
        let via: Vec<String> = source.reported_via.iter().map(|&e| bulk_id(e)).collect();
        emit(&[
            format!("{fact}#{position}"),
            fact,
            fact_type(record).to_owned(),
            position.to_string(),
            source.document.short().to_string(),
            source.quote.clone().unwrap_or_default(),
            source.attributed_to.map(bulk_id).unwrap_or_default(),
            list(via.iter().map(String::as_str))?,
            "Source".to_owned(),
        ])?;
    }
    Ok(())
}

fn cites_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (_, fact, position, source) in positioned(scope) {
        emit(&[
            format!("{fact}#{position}"),
            source.document.short().to_string(),
            "CITES".to_owned(),
        ])?;
    }
    Ok(())
}

fn publishes_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, document) in scope.documents() {
        if let Some(outlet) = document.publisher() {
            emit(&[
                outlet.short().to_string(),
                id.short().to_string(),
                "PUBLISHED".to_owned(),
            ])?;
        }
    }
    Ok(())
}

fn participations_rows(scope: &Scope<'_>, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, p) in scope.participations() {
        emit(&[
            p.entity().short().to_string(),
            p.event().short().to_string(),
            role_type(p.role()),
            id.short().to_string(),
            p.role().to_string(),
            p.polarity().is_negated().to_string(),
            p.confidence().value().to_string(),
            EventGraph::first_quote(p.sources()),
            list(scope.graph().cited_keys(p.sources()))?,
        ])?;
    }
    Ok(())
}

fn relations_rows(scope: &Scope<'_>, endpoints: Endpoints, emit: &mut Emit<'_>) -> io::Result<()> {
    for (id, r) in scope
        .relations()
        .filter(|(_, r)| Endpoints::of(*r) == endpoints)
    {
        emit(&[
            node_id(r.from()),
            node_id(r.to()),
            relation_type(r.kind()),
            id.short().to_string(),
            r.kind().to_string(),
            r.title().unwrap_or_default().to_owned(),
            r.valid_from().map(|d| d.to_string()).unwrap_or_default(),
            r.valid_until().map(|d| d.to_string()).unwrap_or_default(),
            (r.polarity() == Polarity::Negated).to_string(),
            r.confidence().value().to_string(),
            EventGraph::first_quote(r.sources()),
            list(scope.graph().cited_keys(r.sources()))?,
        ])?;
    }
    Ok(())
}

/// The Kùzu schema matching the bulk files, column for column: `CREATE … IF NOT EXISTS`, so
/// that running it on a database that has the tables changes nothing.
pub fn kuzu_schema() -> String {
    tables().iter().map(Table::create).collect()
}

/// The Kùzu statements that fill an empty database from the bulk files: one `COPY … FROM
/// (LOAD FROM …)` per table, nodes first. Files are named without a folder: run them from the
/// folder the files are in. Lists are split on [`ARRAY_DELIMITER`], and the serial CSV
/// reader is used, since quoted line breaks, which real text has, stop the parallel one.
pub fn kuzu_load_script() -> String {
    tables().iter().map(Table::copy).collect()
}

/// The Kùzu statements that bring a database loaded from an earlier export of the same graph
/// up to date: each row is `MERGE`d on its id (a relationship on its ends and id) and its
/// properties set, so it can be run again and again. It adds and updates, and never deletes:
/// an entity joined into another since, or a file dropped from the corpus, stays in the
/// database until it is loaded afresh.
pub fn kuzu_merge_script() -> String {
    tables().iter().map(Table::merge).collect()
}

/// The `neo4j-admin database import full` command for the files as written, run from their
/// folder; `database` names the database to create.
pub fn neo4j_import_command(database: &str) -> String {
    let mut command = format!("neo4j-admin database import full {database}");
    for table in tables() {
        let flag = if table.ends().is_some() {
            "relationships"
        } else {
            "nodes"
        };
        command.push_str(&format!(" \\\n  --{flag}={}", table.file));
    }
    command.push_str(" \\\n  --multiline-fields=true --array-delimiter=U+001F --id-type=string\n");
    command
}

/// Turns an error writing `path` into the crate's, naming the file.
pub(super) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + use<> {
    let path = path.display().to_string();
    move |e: io::Error| Error::io(path, e)
}

/// Writes every bulk file into `dir` (created if need be) and returns their paths: the CSV
/// files, the Kùzu schema (`kuzu_schema.cypher`), load (`kuzu_load.cypher`) and merge
/// (`kuzu_merge.cypher`) scripts, and the Neo4j import command (`neo4j_import.sh`).
fn write_bulk(scope: &Scope<'_>, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut written = Vec::new();
    let mut file = |name: &str, write: &dyn Fn(io::BufWriter<std::fs::File>) -> io::Result<()>| {
        let path = dir.join(name);
        let handle = std::fs::File::create(&path).map_err(io_error(&path))?;
        write(io::BufWriter::new(handle)).map_err(io_error(&path))?;
        written.push(path);
        Ok::<(), Error>(())
    };
    for table in BulkTable::ALL {
        let declared = table.table();
        file(&declared.file, &|f| {
            write_csv(&declared, f, &mut |emit| table.rows(scope, emit))
        })?;
    }
    let script = |text: String| {
        move |mut f: io::BufWriter<std::fs::File>| {
            f.write_all(text.as_bytes())?;
            f.flush()
        }
    };
    file("kuzu_schema.cypher", &script(kuzu_schema()))?;
    file("kuzu_load.cypher", &script(kuzu_load_script()))?;
    file("kuzu_merge.cypher", &script(kuzu_merge_script()))?;
    file(
        "neo4j_import.sh",
        &script(format!(
            "#!/bin/sh\n# Creates the Neo4j database \"${{1:-eventkg}}\" from the files in this folder; run it here.\n{}",
            neo4j_import_command("\"${1:-eventkg}\"")
        )),
    )?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_declared_once_for_every_engine() {
        let all = tables();
        for table in &all {
            assert_eq!(table.header().len(), table.columns.len());
            // Every file's name is its own, and the Kùzu statements name its table.
            assert_eq!(all.iter().filter(|t| t.file == table.file).count(), 1);
            assert!(
                table
                    .copy()
                    .starts_with(&format!("COPY {} FROM", table.name))
            );
        }
        assert!(kuzu_schema().contains(
            "CREATE NODE TABLE IF NOT EXISTS Source(id STRING, fact STRING, fact_type STRING, position INT64, document STRING, quote STRING, speaker STRING, reported_via STRING[], labels STRING[], PRIMARY KEY(id));"
        ));
        assert!(kuzu_schema().contains(
            "CREATE REL TABLE IF NOT EXISTS Cites(FROM Source TO Document, type STRING);"
        ));
        let merge = kuzu_merge_script();
        assert!(merge.contains(
            "MERGE (a)-[r:Participates {id: column3}]->(b) SET r.type = column2, r.role = column4"
        ));
        assert!(merge.contains("MERGE (n:Entity {id: column0}) SET n.name = column1"));
    }

    #[test]
    fn a_list_element_cannot_hold_the_delimiter() {
        assert_eq!(list(["a;b", "c,d"]).unwrap(), "a;b\u{1F}c,d");
        assert_eq!(list([]).unwrap(), "");
        let error = list(["a\u{1F}b"]).unwrap_err();
        assert!(error.to_string().contains("\"a\\u{1f}b\""), "{error}");
    }
}
