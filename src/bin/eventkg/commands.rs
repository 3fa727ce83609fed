//! The commands: each loads what it needs, asks the library, and prints a table or JSON.

use eventkg::ParticipationRef;
use eventkg::RelationRef;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use eventkg::export::{
    DotSize, DotWriter, Engine, GraphmlWriter, HtmlWriter, RdfFormat, RdfWriter, tables,
};
use eventkg::io as files;
use eventkg::query::{
    ActorNetwork, DateMatch, NetworkOptions, Path as GraphPath, PathOptions, Position, Rank,
};
use eventkg::*;
use indexmap::IndexMap;
use serde_json::{Value, json};

use crate::merging;
use crate::progress::Progress;
use crate::resolving;
use crate::{Cli, Command, ExportArgs, Format, Layout, Measure, RankBy};

pub(crate) type Outcome = Result<ExitCode, Box<dyn StdError>>;

/// Writes a line to standard output; a reader that has gone (`eventkg … | head`) ends the
/// program quietly, as command-line tools do.
pub fn emit(line: std::fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    if let Err(error) = out.write_fmt(line).and_then(|()| out.write_all(b"\n")) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

/// Above this many entities, exact betweenness (a breadth-first pass from each) takes minutes
/// rather than seconds, and `centrality` says so before it starts, with the option that
/// estimates it (about 7,000 entities of 100k GDELT rows take a second; 67,000 of a million
/// take minutes).
const SAMPLE_HINT_ABOVE: usize = 20_000;

/// A mistake in how the tool was called: exit status 2.
fn usage(message: &str) -> Outcome {
    eprintln!("error: {message}");
    eprintln!("(see `eventkg --help`)");
    Ok(ExitCode::from(2))
}

pub fn run(cli: Cli) -> Outcome {
    let json = cli.json;
    let reader = match &cli.text_root {
        Some(root) => files::GraphFileReader::new().with_text_root(root),
        None => files::GraphFileReader::new(),
    };
    match cli.command {
        Command::Validate { files } => {
            let files = expand(&files)?;
            let base = if cli.graph.is_empty() {
                None
            } else {
                Some(held(load(&reader, &cli.graph)?))
            };
            validate(&reader, base.as_deref(), &files, json)
        }
        Command::Merge { files, output } => {
            let files = expand(&files)?;
            let mut graph = held(if cli.graph.is_empty() {
                EventGraph::new()
            } else {
                load(&reader, &cli.graph)?
            });
            merging::merge(&reader, &mut graph, &files, output.as_deref(), json)
        }
        Command::Import(crate::ImportSource::Gdelt(args)) => {
            let mut graph = held(if cli.graph.is_empty() {
                EventGraph::new()
            } else {
                load(&reader, &cli.graph)?
            });
            crate::importing::gdelt(&mut graph, &args, json)
        }
        Command::Stats { files } => {
            let files = if files.is_empty() { cli.graph } else { files };
            if files.is_empty() {
                return usage("give graph files to `stats`, or --graph");
            }
            stats(&held(load(&reader, &files)?), json)
        }
        command => {
            if cli.graph.is_empty() {
                return usage("no graph: give --graph FILE (or set EVENTKG_GRAPH)");
            }
            let graph = held(load(&reader, &cli.graph)?);
            query(&graph, command, json)
        }
    }
}

fn query(graph: &EventGraph, command: Command, json: bool) -> Outcome {
    match command {
        Command::Find { name, limit } => find(graph, &name, limit, json),
        Command::Show { target, limit } => show(graph, &target, limit, json),
        Command::Events {
            kind,
            actor,
            role,
            negated,
            from,
            to,
            within,
            status,
            source,
            by_date,
            through_groups,
        } => {
            let mut search = graph.search_events();
            if through_groups {
                search = search.through_groups();
            }
            for kind in kind {
                search = search.kind(kind.parse()?);
            }
            if let Some(actor) = actor {
                search = search.participant(graph.lookup_entity(&actor)?);
            }
            if let Some(role) = role {
                search = search.role(role.parse()?);
            }
            if negated {
                search = search.polarity(Polarity::Negated);
            }
            if from.is_some() || to.is_some() {
                let (start, end) = range(from.as_deref(), to.as_deref())?;
                let how = if within {
                    DateMatch::Within
                } else {
                    DateMatch::Overlaps
                };
                search = search.between(start, end, how);
            }
            for status in status {
                search = search.status(status.parse()?);
            }
            if let Some(key) = source {
                search = search.source(graph.document_by_key(&key)?);
            }
            let events: Vec<EventId> = if by_date {
                search.timeline().map(|(id, _)| id).collect()
            } else {
                search.ids().collect()
            };
            print_events(graph, &events, json)
        }
        Command::Stance {
            event,
            through_groups,
        } => {
            let mut options = query::StanceOptions::new();
            if through_groups {
                options = options.through_groups();
            }
            stance(graph, resolve_event(graph, &event)?, &options, json)
        }
        Command::Path {
            from,
            to,
            all,
            relations_only,
            through_locations,
            ignore,
            max_hops,
        } => {
            let mut options = PathOptions::default().max_hops(max_hops);
            if relations_only {
                options = options.relations_only();
            }
            if through_locations {
                options = options.through_locations();
            }
            for kind in ignore {
                options = options.ignore_relation(kind.parse()?);
            }
            if !all {
                options = options.max_paths(1);
            }
            let (a, b) = (resolve_node(graph, &from)?, resolve_node(graph, &to)?);
            let paths: Vec<GraphPath> = graph.shortest_paths(a, b, &options)?.collect();
            if paths.is_empty() {
                return Err(
                    format!("no path from `{from}` to `{to}` within {max_hops} hops").into(),
                );
            }
            print_paths(graph, &paths, json)
        }
        Command::Timeline => {
            let events: Vec<EventId> = graph.timeline().map(|(id, _)| id).collect();
            print_events(graph, &events, json)
        }
        Command::Said { actor } => said(graph, graph.lookup_entity(&actor)?, json),
        Command::Centrality {
            measure,
            top,
            sample,
            seed,
        } => {
            let ranked: Vec<(EntityId, f64)> = match (measure, sample) {
                (Measure::Degree, None) => graph.degree_centrality().take(top).collect(),
                (Measure::Degree, Some(_)) => {
                    return usage(
                        "--sample estimates betweenness; degree centrality is counted \
                         exactly, and quickly, without it",
                    );
                }
                (Measure::Betweenness, None) => {
                    if graph.entity_count() > SAMPLE_HINT_ABOVE {
                        eprintln!(
                            "betweenness from every one of {} entities takes minutes; \
                             `--sample 1000` estimates it in seconds",
                            graph.entity_count()
                        );
                    }
                    graph.betweenness_centrality().take(top).collect()
                }
                (Measure::Betweenness, Some(sources)) => graph
                    .betweenness_centrality_sampled(sources as usize, seed)
                    .take(top)
                    .collect(),
            };
            if json {
                let rows: Vec<Value> = ranked
                    .iter()
                    .map(|(id, score)| json!({"entity": entity_json(graph, *id), "score": score}))
                    .collect();
                print_json(&json!(rows))
            } else {
                let rows = ranked
                    .iter()
                    .map(|(id, score)| {
                        vec![format!("{score:.3}"), name(graph, *id), id.to_string()]
                    })
                    .collect();
                print_table(&["score", "entity", "id"], rows)
            }
        }
        Command::Export(args) => export(graph, args),
        Command::Disputes => merging::disputes(graph, json),
        Command::Candidates { threshold } => {
            if !(0.0..=1.0).contains(&threshold) {
                return Err(format!("--threshold {threshold}: give a score from 0 to 1").into());
            }
            resolving::candidates(graph, threshold, json)
        }
        Command::Validate { .. }
        | Command::Stats { .. }
        | Command::Merge { .. }
        | Command::Import(_) => unreachable_command(),
    }
}

fn unreachable_command() -> Outcome {
    Err("this command does not take a loaded graph".into())
}

// ----- loading ---------------------------------------------------------------------------------

/// Reads the white space `input` starts with, and returns it, so that what comes next can be
/// told apart (JSON starts with `{`) and the text read whole again, its lines where they were.
fn leading_blank(input: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut blank = Vec::new();
    loop {
        let buffer = input.fill_buf()?;
        let white = buffer
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        blank.extend_from_slice(&buffer[..white]);
        let done = white < buffer.len() || buffer.is_empty();
        input.consume(white);
        if done {
            return Ok(blank);
        }
    }
}

/// A JSON graph, streamed from its file into the graph: a snapshot's text is larger than the
/// graph it holds, and read whole first it more than doubled the memory a load takes. The bar
/// moves over the file's bytes.
fn load_json(path: &Path) -> Result<EventGraph, Box<dyn StdError>> {
    let named = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = File::open(path).map_err(|e| named(&e))?;
    let length = file.metadata().map_or(0, |m| m.len());
    let bar = Progress::bytes(length, "loading");
    files::json::from_reader(bar.read(file)).map_err(|e| named(&e).into())
}

/// The files named, with every folder replaced by the graph files in it, in the stable order
/// of `eventkg::io::graph_files`.
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<dyn StdError>> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        if path.is_dir() {
            let found = files::graph_files(path)?;
            if found.is_empty() {
                return Err(
                    format!("{}: a folder with no graph files (*.toml)", path.display()).into(),
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// The graph a command works on, kept until the process ends with the command: the system
/// then takes its memory back at once, where freeing it record by record took 0.1 s of
/// `stats` over 100,000 article files.
fn held(graph: EventGraph) -> ManuallyDrop<EventGraph> {
    ManuallyDrop::new(graph)
}

pub(crate) fn load(
    reader: &files::GraphFileReader,
    paths: &[PathBuf],
) -> Result<EventGraph, Box<dyn StdError>> {
    let paths = expand(paths)?;
    let stdin = Path::new("-");
    if let [path] = paths.as_slice()
        && path.extension().is_some_and(|e| e == "json")
    {
        return load_json(path);
    }
    if let [path] = paths.as_slice()
        && path == stdin
    {
        let _progress = Progress::start("loading");
        let mut input = io::BufReader::new(io::stdin().lock());
        let blank = leading_blank(&mut input)?;
        if input.fill_buf()?.first() == Some(&b'{') {
            return Ok(files::json::from_reader(
                io::Cursor::new(blank).chain(input),
            )?);
        }
        let kept = Kept::default();
        let mut graph = EventGraph::new();
        kept.counted(reader).merge_reader(
            &mut graph,
            io::Cursor::new(blank).chain(input),
            "<stdin>",
            None,
        )?;
        kept.warn();
        return Ok(graph);
    }
    if let Some(json) = paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
    {
        return Err(format!(
            "{}: a JSON graph is complete in itself and loads alone",
            json.display()
        )
        .into());
    }
    if paths.iter().any(|p| p == stdin) {
        // Standard input has no folder of its own to read texts from, and is read in its
        // turn, one file after another.
        let _progress = Progress::start("loading");
        let mut graph = EventGraph::new();
        // Reports are not shown here, so similar entities are not looked for.
        let kept = Kept::default();
        let reader = kept.counted(reader).similar_entities(None);
        for path in &paths {
            if path == stdin {
                reader.merge_reader(&mut graph, io::stdin().lock(), "<stdin>", None)?;
            } else {
                reader.merge_file(&mut graph, path)?;
            }
        }
        kept.warn();
        return Ok(graph);
    }
    let kept = Kept::default();
    let graph = {
        let bar = Progress::files(paths.len(), "loading");
        bar.reader(&kept.counted(reader)).read_files(&paths)?
    };
    kept.warn();
    Ok(graph)
}

/// How a graph file is written: TOML or JSON, and JSON indented or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GraphFormat {
    Toml,
    Json { pretty: bool },
}

/// Writes `graph` to the file `output` as it is made, through a buffer, into a file beside
/// `output` that then takes its name: a million GDELT rows made a JSON text as large as the
/// graph, held whole before it was written, and a write that fails (a full disk) leaves the
/// file that was there before as it was.
pub(crate) fn write_graph_file(
    graph: &EventGraph,
    output: &Path,
    format: GraphFormat,
) -> Result<(), Box<dyn StdError>> {
    let mut partial = output.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = (|| -> Result<(), Box<dyn StdError>> {
        let mut out = io::BufWriter::new(File::create(&partial)?);
        match format {
            GraphFormat::Toml => files::write(graph, &mut out)?,
            GraphFormat::Json { pretty } => files::json::to_writer(graph, &mut out, pretty)?,
        }
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        if format == GraphFormat::Toml {
            note_big_graph_file(file.metadata()?.len());
        }
        std::fs::rename(&partial, output)?;
        Ok(())
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(format!("{}: {error}", output.display()).into());
    }
    Ok(())
}

/// How many values records kept against other values files gave, while graphs load: no
/// command but `merge` lists them, so loading says how many there are, and a disagreement
/// between files is never dropped unseen.
#[derive(Default)]
struct Kept(Arc<AtomicUsize>);

impl Kept {
    fn counted(&self, reader: &files::GraphFileReader) -> files::GraphFileReader {
        let count = Arc::clone(&self.0);
        reader.clone().on_kept(move |_| {
            count.fetch_add(1, Ordering::Relaxed);
        })
    }

    fn warn(&self) {
        let kept = self.0.load(Ordering::Relaxed);
        if kept > 0 {
            let values = if kept == 1 { "value" } else { "values" };
            eprintln!(
                "warning: {kept} {values} given by a file for a record that holds another, \
                 which it keeps (`eventkg merge` lists them, with the file and line)"
            );
        }
    }
}

fn resolve_event(graph: &EventGraph, text: &str) -> Result<EventId, eventkg::Error> {
    graph.lookup_event(text)
}

/// An event by key or id, or else an entity by name, alias or id.
fn resolve_node(graph: &EventGraph, text: &str) -> Result<NodeId, eventkg::Error> {
    resolve_event(graph, text)
        .map(NodeId::from)
        .or_else(|_| graph.lookup_entity(text).map(NodeId::from))
}

fn range(from: Option<&str>, to: Option<&str>) -> Result<(NaiveDate, NaiveDate), eventkg::Error> {
    let start = match from {
        Some(text) => text.parse::<FuzzyDate>()?.earliest(),
        None => FuzzyDate::year(1)?.earliest(),
    };
    let end = match to {
        Some(text) => text.parse::<FuzzyDate>()?.latest(),
        None => FuzzyDate::year(9999)?.latest(),
    };
    Ok((start, end))
}

// ----- output ----------------------------------------------------------------------------------

pub(crate) fn print_json(value: &Value) -> Outcome {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(headers: &[&str], rows: Vec<Vec<String>>) -> Outcome {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let mut out = io::stdout().lock();
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if i == last {
                    cell.to_string()
                } else {
                    format!("{cell:<width$}", width = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(headers.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn name(graph: &EventGraph, id: EntityId) -> String {
    graph
        .entity(id)
        .map_or(id.to_string(), |e| e.name().to_owned())
}

/// An event as a person names it: its description, else its key, else its kind.
pub(crate) fn event_title(graph: &EventGraph, id: EventId) -> String {
    graph.event(id).map_or(id.to_string(), |e| {
        e.description()
            .or_else(|| e.key())
            .map_or_else(|| e.kind().to_string(), str::to_owned)
    })
}

pub(crate) fn entity_json(graph: &EventGraph, id: EntityId) -> Value {
    match graph.entity(id) {
        Some(e) => json!({
            "id": id.to_string(),
            "name": e.name(),
            "kind": e.kind().to_string(),
            "country": e.country().map(|c| c.to_string()),
            "coordinates": e.coordinates(),
            "aliases": e.aliases().collect::<Vec<_>>(),
        }),
        None => json!({"id": id.to_string()}),
    }
}

pub(crate) fn event_json(graph: &EventGraph, id: EventId) -> Value {
    let Some(e) = graph.event(id) else {
        return json!({"id": id.to_string()});
    };
    let names = |role: Role| -> Vec<String> {
        graph
            .participations_in(id)
            .filter(|(_, p)| p.role() == role && !p.polarity().is_negated())
            .map(|(_, p)| name(graph, p.entity()))
            .collect()
    };
    json!({
        "id": id.to_string(),
        "key": e.key(),
        "kind": e.kind().to_string(),
        "status": e.status().to_string(),
        "date": e.date().map(|d| d.to_string()),
        "earliest": e.date().map(|d| d.earliest().to_string()),
        "latest": e.date().map(|d| d.latest().to_string()),
        "description": e.description(),
        "location": e.location().map(|l| name(graph, l)),
        "disputed": e.disputed().map(EventField::as_str).collect::<Vec<_>>(),
        "initiators": names(Role::Initiator),
        "targets": names(Role::Target),
        "gdelt": e.gdelt(),
    })
}

pub(crate) fn source_json(graph: &EventGraph, source: &Source) -> Value {
    json!({
        "document": graph.document(source.document).map(|d| d.key().to_owned()),
        "quote": source.quote,
        "said_by": source.attributed_to.map(|e| name(graph, e)),
        "chain": graph.reporting_chain(source).map(|e| name(graph, e)).collect::<Vec<_>>(),
    })
}

pub(crate) fn sources_json(graph: &EventGraph, sources: &[Source]) -> Value {
    json!(
        sources
            .iter()
            .map(|s| source_json(graph, s))
            .collect::<Vec<_>>()
    )
}

fn participation_json(graph: &EventGraph, id: ParticipationId, p: ParticipationRef<'_>) -> Value {
    json!({
        "id": id.to_string(),
        "entity": entity_json(graph, p.entity()),
        "event": event_json(graph, p.event()),
        "role": p.role().to_string(),
        "negated": p.polarity().is_negated(),
        "confidence": p.confidence().value(),
        "sources": sources_json(graph, p.sources()),
    })
}

/// Adds a record's sources, participations (under `key`) and relations to its JSON.
fn with_facts(
    value: &mut Value,
    graph: &EventGraph,
    sources: &[Source],
    key: &str,
    participations: &[(ParticipationId, ParticipationRef<'_>)],
    relations: &[(RelationId, RelationRef<'_>)],
) {
    value["sources"] = sources_json(graph, sources);
    value[key] = json!(
        participations
            .iter()
            .map(|(id, p)| participation_json(graph, *id, *p))
            .collect::<Vec<_>>()
    );
    value["relations"] = json!(
        relations
            .iter()
            .map(|(id, r)| relation_json(graph, *id, *r))
            .collect::<Vec<_>>()
    );
}

pub(crate) fn source_line(graph: &EventGraph, source: &Source) -> String {
    let document = graph
        .document(source.document)
        .map_or(source.document.to_string(), |d| d.key().to_owned());
    let chain: Vec<String> = graph
        .reporting_chain(source)
        .map(|e| name(graph, e))
        .collect();
    let quote = source
        .quote
        .as_ref()
        .map_or(String::new(), |q| format!("“{q}” "));
    if chain.is_empty() {
        format!("{quote}[{document}]")
    } else {
        format!("{quote}[{document}; {}]", chain.join(" → "))
    }
}

fn print_events(graph: &EventGraph, events: &[EventId], json: bool) -> Outcome {
    if json {
        let rows: Vec<Value> = events.iter().map(|&id| event_json(graph, id)).collect();
        return print_json(&json!(rows));
    }
    let rows = events
        .iter()
        .filter_map(|&id| {
            let e = graph.event(id)?;
            let who = |role: Role| -> String {
                graph
                    .participations_in(id)
                    .filter(|(_, p)| p.role() == role && !p.polarity().is_negated())
                    .map(|(_, p)| name(graph, p.entity()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Some(vec![
                id.to_string(),
                e.key().unwrap_or_default().to_owned(),
                e.date().map(|d| d.to_string()).unwrap_or_default(),
                e.kind().to_string(),
                e.status().to_string(),
                who(Role::Initiator),
                who(Role::Target),
                e.description().unwrap_or_default().to_owned(),
            ])
        })
        .collect();
    print_table(
        &[
            "id",
            "key",
            "date",
            "kind",
            "status",
            "initiators",
            "targets",
            "description",
        ],
        rows,
    )
}

// ----- commands --------------------------------------------------------------------------------

pub(crate) fn problem_json(error: &eventkg::Error) -> Value {
    let mut problem = json!({"message": error.kind().to_string()});
    if let Some(at) = error.location() {
        problem["file"] = json!(at.file());
        problem["line"] = json!(at.line());
        if let Some(column) = at.column() {
            problem["column"] = json!(column);
        }
    } else if let eventkg::ErrorKind::Io {
        path: Some(path),
        error,
    } = error.kind()
    {
        problem["file"] = json!(path);
        problem["message"] = json!(error.to_string());
    }
    problem
}

/// Checks files, onto `base` when given: then the report of what merging would change
/// follows the problems.
fn validate(
    reader: &files::GraphFileReader,
    base: Option<&EventGraph>,
    files: &[PathBuf],
    json: bool,
) -> Outcome {
    let checked = {
        let _progress = Progress::start("checking");
        reader.check_files_onto(base.unwrap_or(&EventGraph::new()), files)
    };
    let problems = &checked.problems;
    // The report, against graphs given and only when the files load.
    let report = (base.is_some() && problems.is_empty()).then_some(&checked.report);
    if json {
        let mut value = json!({
            "valid": problems.is_empty(),
            "files": files.len(),
            "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
        });
        if base.is_some() {
            value["report"] = json!(report.map(|r| merging::report_json(&checked.graph, r)));
        }
        let new = &checked.report.new_entities;
        value["similar_entities"] = json!(
            checked
                .report
                .similar_entities
                .iter()
                .map(|pair| resolving::similar_json(&checked.graph, pair, new))
                .collect::<Vec<_>>()
        );
        print_json(&value)?;
    } else {
        for problem in problems {
            out!("{problem}");
        }
        for pair in &checked.report.similar_entities {
            let line = resolving::similar_line(&checked.graph, pair, &checked.report.new_entities);
            out!("warning: {line}");
        }
        if problems.is_empty() {
            let onto = if base.is_some() {
                " onto the given graphs"
            } else {
                ""
            };
            out!("ok: {} file(s) load without problems{onto}", files.len());
        } else {
            eprintln!("{} problem(s) in {} file(s)", problems.len(), files.len());
        }
        if let Some(report) = report {
            merging::print_report(&checked.graph, "merging them would bring", report);
        }
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn stats(graph: &EventGraph, json: bool) -> Outcome {
    let entities = count(graph.entities().map(|(_, e)| e.kind()));
    let events = count(graph.events().map(|(_, e)| e.kind()));
    let statuses = count(graph.events().map(|(_, e)| e.status()));
    let relations = count(graph.relations().map(|(_, r)| r.kind()));
    let negated = graph
        .participations()
        .filter(|(_, p)| p.polarity().is_negated())
        .count();
    let dated: Vec<FuzzyDate> = graph.events().filter_map(|(_, e)| e.date()).collect();
    let first = dated.iter().map(FuzzyDate::earliest).min();
    let last = dated.iter().map(FuzzyDate::latest).max();
    let mut connected = entity_degrees(graph);
    // An entity with no fact at it is connected to nothing.
    connected.retain(|&(_, degree)| degree > 0);
    let most = |a: &(EntityId, usize), b: &(EntityId, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if connected.len() > 5 {
        connected.select_nth_unstable_by(4, most);
        connected.truncate(5);
    }
    connected.sort_by(most);
    if json {
        return print_json(&json!({
            "documents": graph.document_count(),
            "entities": graph.entity_count(),
            "entities_by_kind": entities,
            "events": graph.event_count(),
            "events_by_kind": events,
            "events_by_status": statuses,
            "participations": graph.participation_count(),
            "negated_participations": negated,
            "relations": graph.relation_count(),
            "relations_by_kind": relations,
            "dated_events": dated.len(),
            "first_day": first.map(|d| d.to_string()),
            "last_day": last.map(|d| d.to_string()),
            "most_connected": connected.iter().map(|(id, degree)| json!({"entity": entity_json(graph, *id), "facts": degree})).collect::<Vec<_>>(),
        }));
    }
    let list = |counts: &IndexMap<String, usize>| {
        counts
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A count and its parts by kind; a table with none has no parts to list.
    let counted = |total: usize, counts: &IndexMap<String, usize>| match total {
        0 => "0".to_owned(),
        _ => format!("{total} ({})", list(counts)),
    };
    out!("documents       {}", graph.document_count());
    out!(
        "entities        {}",
        counted(graph.entity_count(), &entities)
    );
    out!("events          {}", counted(graph.event_count(), &events));
    match statuses.is_empty() {
        true => out!("statuses        none"),
        false => out!("statuses        {}", list(&statuses)),
    }
    out!(
        "participations  {} ({negated} negated)",
        graph.participation_count()
    );
    out!(
        "relations       {}",
        counted(graph.relation_count(), &relations)
    );
    match (first, last) {
        (Some(first), Some(last)) => out!(
            "dates           {first} to {last} ({} dated events)",
            dated.len()
        ),
        _ => out!("dates           none"),
    }
    match connected.is_empty() {
        true => out!("most connected  none"),
        false => out!(
            "most connected  {}",
            connected
                .iter()
                .map(|(id, d)| format!("{} ({d})", name(graph, *id)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// How many records there are of each value, by its name, in the order the names first come.
/// Records are counted by value and named once each: naming each record made a string for each
/// of a million events.
fn count<T: std::hash::Hash + Eq + std::fmt::Display>(
    values: impl Iterator<Item = T>,
) -> IndexMap<String, usize> {
    let mut by_value: IndexMap<T, usize> = IndexMap::new();
    for value in values {
        *by_value.entry(value).or_default() += 1;
    }
    let mut by_name: IndexMap<String, usize> = IndexMap::with_capacity(by_value.len());
    for (value, n) in by_value {
        *by_name.entry(value.to_string()).or_default() += n;
    }
    by_name
}

/// Every entity with its degree (as [`EventGraph::degree`] counts it), in one pass over the
/// facts in the order they are stored. Asking `degree` of each entity walks each one's facts,
/// which lie far apart in a large graph: at a million events that walk took a tenth of `stats`.
fn entity_degrees(graph: &EventGraph) -> Vec<(EntityId, usize)> {
    let slots = graph
        .entities()
        .map(|(id, _)| id.index() as usize + 1)
        .max();
    let mut degrees = vec![0usize; slots.unwrap_or(0)];
    let mut add = |entity: EntityId| {
        if let Some(degree) = degrees.get_mut(entity.index() as usize) {
            *degree += 1;
        }
    };
    for (_, participation) in graph.participations() {
        add(participation.entity());
    }
    for (_, relation) in graph.relations() {
        for end in [relation.from(), relation.to()] {
            if let Some(entity) = end.as_entity() {
                add(entity);
            }
        }
    }
    graph
        .entities()
        .map(|(id, _)| (id, degrees.get(id.index() as usize).copied().unwrap_or(0)))
        .collect()
}

fn find(graph: &EventGraph, query: &str, limit: usize, json: bool) -> Outcome {
    let exact: Vec<EntityId> = match graph.lookup_entity(query) {
        Ok(id) => vec![id],
        Err(_) => graph.entities_named(query).collect(),
    };
    let near: Vec<_> = graph
        .suggest(query, limit + exact.len())
        .filter(|s| !exact.contains(&s.entity))
        .take(limit)
        .collect();
    if exact.is_empty() && near.is_empty() {
        return Err(format!("no entity goes by `{query}` or anything near it").into());
    }
    if json {
        return print_json(&json!({
            "query": query,
            "exact": exact.iter().map(|&id| entity_json(graph, id)).collect::<Vec<_>>(),
            "near": near.iter().map(|s| json!({"entity": entity_json(graph, s.entity), "matched": s.name, "score": s.score})).collect::<Vec<_>>(),
        }));
    }
    let mut rows: Vec<Vec<String>> = exact
        .iter()
        .filter_map(|&id| {
            let e = graph.entity(id)?;
            Some(vec![
                "=".into(),
                e.name().to_owned(),
                e.kind().to_string(),
                id.to_string(),
                String::new(),
            ])
        })
        .collect();
    for s in near {
        if let Some(e) = graph.entity(s.entity) {
            rows.push(vec![
                format!("{:.2}", s.score),
                e.name().to_owned(),
                e.kind().to_string(),
                s.entity.to_string(),
                s.name.to_owned(),
            ]);
        }
    }
    print_table(&["match", "name", "kind", "id", "via"], rows)
}

fn show(graph: &EventGraph, target: &str, limit: usize, json: bool) -> Outcome {
    if let Ok(event) = resolve_event(graph, target) {
        return show_event(graph, event, limit, json);
    }
    let entity = graph.lookup_entity(target)?;
    let e = graph.entity(entity).ok_or("the entity vanished")?;
    let participations: Vec<(ParticipationId, ParticipationRef<'_>)> =
        graph.participations_of(entity).collect();
    let relations: Vec<(RelationId, RelationRef<'_>)> = graph.relations_of(entity).collect();
    let similar = graph.similar_entities(&[entity], &query::CandidateOptions::new());
    if json {
        let mut value = entity_json(graph, entity);
        with_facts(
            &mut value,
            graph,
            e.sources(),
            "participations",
            &participations,
            &relations,
        );
        value["joined"] = json!(
            e.joined()
                .iter()
                .map(|j| json!({
                    "name": j.entity.name,
                    "kind": j.entity.kind.to_string(),
                    "aliases": j.entity.aliases,
                    "mentions": sources_json(graph, &j.entity.sources),
                    "sources": sources_json(graph, &j.sources),
                }))
                .collect::<Vec<_>>()
        );
        value["looks_like"] = json!(
            similar
                .iter()
                .map(|pair| resolving::looks_like_json(graph, pair, entity))
                .collect::<Vec<_>>()
        );
        return print_json(&value);
    }
    out!("{} ({}, {entity})", e.name(), e.kind());
    if e.aliases().len() > 0 {
        out!("  also: {}", e.aliases().collect::<Vec<_>>().join(", "));
    }
    if let Some(country) = e.country() {
        out!("  country: {country}");
    }
    if let Some(point) = e.coordinates() {
        out!("  coordinates: {}, {}", point.lat(), point.lon());
    }
    for (key, value) in e.attributes().iter() {
        out!("  {key}: {value}");
    }
    for source in e.sources() {
        out!("  source: {}", source_line(graph, source));
    }
    for joined in e.joined() {
        out!(
            "  joined: `{}` ({}), on:",
            joined.entity.name,
            joined.entity.kind
        );
        for source in &joined.sources {
            out!("      {}", source_line(graph, source));
        }
    }
    if !participations.is_empty() {
        out!("takes part in:");
    }
    let shown = shown(participations.len(), limit);
    for (_, p) in &participations[..shown] {
        let not = if p.polarity().is_negated() {
            "NOT "
        } else {
            ""
        };
        out!(
            "  {not}{} of {} ({})",
            p.role(),
            event_title(graph, p.event()),
            p.event()
        );
        for source in p.sources() {
            out!("      {}", source_line(graph, source));
        }
    }
    more(
        participations.len() - shown,
        ["participation", "participations"],
        Some(e.name()),
    );
    print_relations(graph, &relations, limit);
    if !similar.is_empty() {
        out!("looks like (not joined; `eventkg candidates` lists every pair):");
    }
    for pair in &similar {
        out!("  {}", resolving::looks_like_line(graph, pair, entity));
    }
    Ok(ExitCode::SUCCESS)
}

fn node_name(graph: &EventGraph, node: NodeId) -> String {
    match node {
        NodeId::Entity(id) => name(graph, id),
        NodeId::Event(id) => event_title(graph, id),
    }
}

fn relation_json(graph: &EventGraph, id: RelationId, r: RelationRef<'_>) -> Value {
    json!({
        "id": id.to_string(),
        "kind": r.kind().to_string(),
        "from": node_name(graph, r.from()),
        "from_id": r.from().to_string(),
        "to": node_name(graph, r.to()),
        "to_id": r.to().to_string(),
        "title": r.title(),
        "valid_from": r.valid_from().map(|d| d.to_string()),
        "valid_until": r.valid_until().map(|d| d.to_string()),
        "negated": r.polarity().is_negated(),
        "sources": sources_json(graph, r.sources()),
    })
}

/// How many of `count` facts a listing prints under `limit` (0: all).
fn shown(count: usize, limit: usize) -> usize {
    if limit == 0 { count } else { count.min(limit) }
}

/// Says how many facts a listing left out, and how to see them.
fn more(left: usize, what: [&str; 2], actor: Option<&str>) {
    if left == 0 {
        return;
    }
    let what = if left == 1 { what[0] } else { what[1] };
    let filter = actor.map_or(String::new(), |name| {
        format!(", or `events --actor {}` with filters", shell_word(name))
    });
    out!("  … and {left} more {what} (`--limit 0` shows all{filter})");
}

/// A name as one shell word, quoted when it has to be.
fn shell_word(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.#".contains(c))
    {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', r"'\''"))
    }
}

fn print_relations(graph: &EventGraph, relations: &[(RelationId, RelationRef<'_>)], limit: usize) {
    if !relations.is_empty() {
        out!("relations:");
    }
    let shown = shown(relations.len(), limit);
    for (_, r) in &relations[..shown] {
        let not = if r.polarity().is_negated() {
            "NOT "
        } else {
            ""
        };
        let title = r
            .title()
            .as_ref()
            .map_or(String::new(), |t| format!(" ({t})"));
        out!(
            "  {} {not}{}{title} {}",
            node_name(graph, r.from()),
            r.kind(),
            node_name(graph, r.to())
        );
        for source in r.sources() {
            out!("      {}", source_line(graph, source));
        }
    }
    more(relations.len() - shown, ["relation", "relations"], None);
}

fn show_event(graph: &EventGraph, event: EventId, limit: usize, json: bool) -> Outcome {
    let e = graph.event(event).ok_or("the event vanished")?;
    let participations: Vec<(ParticipationId, ParticipationRef<'_>)> =
        graph.participations_in(event).collect();
    let relations: Vec<(RelationId, RelationRef<'_>)> = graph.relations_of(event).collect();
    if json {
        let mut value = event_json(graph, event);
        value["values"] = json!(
            e.disputed()
                .map(|field| json!({
                    "field": field.as_str(),
                    "values": merging::values_json(graph, event, field),
                }))
                .collect::<Vec<_>>()
        );
        with_facts(
            &mut value,
            graph,
            e.sources(),
            "participants",
            &participations,
            &relations,
        );
        return print_json(&value);
    }
    out!(
        "{} ({}, {}, {event})",
        event_title(graph, event),
        e.kind(),
        e.status()
    );
    if let Some(key) = &e.key() {
        out!("  key: {key}");
    }
    let disputed = |field| {
        if e.is_disputed(field) {
            " (DISPUTED: reports differ, see below)"
        } else {
            ""
        }
    };
    if let Some(date) = e.date() {
        out!(
            "  date: {date} ({} to {}){}",
            date.earliest(),
            date.latest(),
            disputed(EventField::Date)
        );
    }
    if let Some(location) = e.location() {
        out!(
            "  where: {}{}",
            name(graph, location),
            disputed(EventField::Location)
        );
    }
    if let Some(c) = e.gdelt() {
        out!(
            "  gdelt: CAMEO {} (base {}, root {}), quad class {}, Goldstein {}, {} mentions in {} articles from {} sources, tone {}{}",
            c.event_code,
            c.base_code,
            c.root_code,
            c.quad_class.code(),
            c.goldstein,
            c.num_mentions,
            c.num_articles,
            c.num_sources,
            c.avg_tone,
            if c.is_root_event { ", root event" } else { "" }
        );
    }
    // A story GDELT saw mentioned thousands of times has as many sources.
    let sources = shown(e.sources().len(), limit);
    for source in &e.sources()[..sources] {
        out!("  source: {}", source_line(graph, source));
    }
    more(e.sources().len() - sources, ["source", "sources"], None);
    for field in e.disputed() {
        out!("  disputed {field}, every value with its sources:");
        merging::print_values(graph, event, field, "    ");
    }
    if !participations.is_empty() {
        out!("participants:");
    }
    let shown = shown(participations.len(), limit);
    for (_, p) in &participations[..shown] {
        let not = if p.polarity().is_negated() {
            "NOT "
        } else {
            ""
        };
        out!("  {not}{}: {}", p.role(), name(graph, p.entity()));
        for source in p.sources() {
            out!("      {}", source_line(graph, source));
        }
    }
    more(
        participations.len() - shown,
        ["participant", "participants"],
        None,
    );
    print_relations(graph, &relations, limit);
    Ok(ExitCode::SUCCESS)
}

fn stance(
    graph: &EventGraph,
    event: EventId,
    options: &query::StanceOptions,
    json: bool,
) -> Outcome {
    let stance = graph.stance_with(event, options)?;
    if json {
        return print_json(&json!({
            "event": event_json(graph, event),
            "positions": stance.entries().map(|entry| json!({
                "entity": entity_json(graph, entry.entity),
                "position": entry.position.as_str(),
                "through": entry.through.iter().map(|g| name(graph, *g)).collect::<Vec<_>>(),
                "facts": entry.basis.iter().map(|f| json!({
                    "id": f.to_string(),
                    "sources": graph.sources_of(RecordId::from(*f)).unwrap_or_default().iter().map(|s| source_json(graph, s)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "contradictions": stance.contradictions().map(|c| json!({
                "entity": entity_json(graph, c.entity()),
                "kind": c.as_str(),
            })).collect::<Vec<_>>(),
        }));
    }
    out!("Stance on {} ({event})", event_title(graph, event));
    for position in [
        Position::Supports,
        Position::Opposes,
        Position::Answered,
        Position::AskedNoAnswer,
        Position::NotAsked,
    ] {
        let entries: Vec<_> = stance
            .entries()
            .filter(|e| e.position == position)
            .collect();
        if entries.is_empty() {
            continue;
        }
        out!("{}:", position.as_str());
        for entry in entries {
            let quote = entry
                .basis
                .iter()
                .flat_map(|f| graph.sources_of(RecordId::from(*f)).unwrap_or_default())
                .find_map(|s| s.quote.as_deref())
                .map_or(String::new(), |q| format!(" — “{q}”"));
            let through = match entry.through.as_slice() {
                [] => String::new(),
                groups => format!(
                    " (through {})",
                    groups
                        .iter()
                        .map(|g| name(graph, *g))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out!("  {}{through}{quote}", name(graph, entry.entity));
        }
    }
    for contradiction in stance.contradictions() {
        match contradiction {
            query::Contradiction::AskedYetOpposed(e) => {
                out!("note: {} was asked, yet opposed", name(graph, e))
            }
            query::Contradiction::SupportsAndOpposes(e) => {
                out!("note: {} is recorded on both sides", name(graph, e))
            }
            _ => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_paths(graph: &EventGraph, paths: &[GraphPath], json: bool) -> Outcome {
    if json {
        return print_json(&json!(
            paths
                .iter()
                .map(|path| json!({
                    "length": path.len(),
                    "hops": path.hops.iter().map(|hop| json!({
                        "from": hop.from.to_string(),
                        "fact": hop.via.fact().map(|fact| fact.to_string()),
                        "location_of": match hop.via {
                            query::Via::Location(event) => Some(event.to_string()),
                            _ => None,
                        },
                        "to": hop.to.to_string(),
                        "text": graph.explain_hop(hop),
                    })).collect::<Vec<_>>(),
                }))
                .collect::<Vec<_>>()
        ));
    }
    for (n, path) in paths.iter().enumerate() {
        if paths.len() > 1 {
            out!("path {} ({} hops):", n + 1, path.len());
        }
        for line in path.explain(graph) {
            out!("  {line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn said(graph: &EventGraph, speaker: EntityId, json: bool) -> Outcome {
    let claims: Vec<_> = graph.said_by(speaker)?.collect();
    if json {
        return print_json(&json!(
            claims
                .iter()
                .map(|c| json!({
                    "record": c.record.to_string(),
                    "source": source_json(graph, c.source),
                }))
                .collect::<Vec<_>>()
        ));
    }
    let mut seen = Vec::new();
    out!("{} said:", name(graph, speaker));
    for claim in claims {
        let line = source_line(graph, claim.source);
        if !seen.contains(&line) {
            out!("  {line}");
            seen.push(line);
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn export(graph: &EventGraph, args: ExportArgs) -> Outcome {
    let ExportArgs {
        format,
        output,
        ego,
        hops,
        from,
        to,
        stance,
        ..
    } = &args;
    let (format, output, hops) = (*format, output.as_deref(), *hops);
    let (ego, from, to, stance) = (ego.clone(), from.clone(), to.clone(), stance.clone());
    let _progress = Progress::start("exporting");
    let mut camps: HashMap<NodeId, String> = HashMap::new();
    let part: Option<View> = if let Some(center) = ego {
        Some(graph.ego(resolve_node(graph, &center)?, hops, &PathOptions::default())?)
    } else if from.is_some() || to.is_some() {
        let (start, end) = range(from.as_deref(), to.as_deref())?;
        Some(graph.window(start, end, DateMatch::Overlaps))
    } else if let Some(event) = stance {
        let event = resolve_event(graph, &event)?;
        let stance = graph.stance(event)?;
        for entry in stance.entries() {
            if let Some(camp) = stance.camp_of(entry.entity.into()) {
                camps.insert(NodeId::Entity(entry.entity), camp);
            }
        }
        Some(stance.view(graph)?)
    } else {
        None
    };
    let engine = match args.engine {
        Layout::Dot => Engine::Dot,
        Layout::Sfdp => Engine::Sfdp,
    };
    // Every exporter writes a part itself, with the graph's own ids where the format keeps
    // them, and the actor network is made of the part's events.
    let view: View = part.unwrap_or_else(|| graph.view());
    if format == Format::Html {
        let network = if args.network {
            Some(network(&view, &args)?)
        } else {
            None
        };
        // The page lays a network it is given out with sfdp, at whatever size: refused, as
        // an SVG is, when the layout may take hours. A graph drawn whole the page thins
        // itself.
        if let Some(network) = &network
            && !args.force
            && let Some(refusal) = too_big_to_draw(
                DotWriter::new(network).engine(Engine::Sfdp).size(),
                &fewer_links(network, Engine::Sfdp),
            )
        {
            return usage(&refusal);
        }
        let mut sink = open_output(output)?;
        let mut writer = match &network {
            Some(network) => HtmlWriter::new(network),
            None => HtmlWriter::new(&view),
        };
        if let Some(title) = &args.title {
            writer = writer.title(title.clone());
        }
        if let Some(events) = args.max_events {
            writer = writer.max_events(events);
        }
        let summary = writer.write(&mut sink)?;
        sink.flush()?;
        if !summary.events_drawn && network.is_none() {
            eprintln!(
                "{} events are past what Graphviz `dot` lays out in seconds: the page draws the \
                 actor network of the {} most active actors ({} links)",
                view.event_count(),
                summary.actors,
                summary.links
            );
        }
        if let Some(per_link) = summary.events_per_link {
            eprintln!(
                "the page holds {} of the network's {} events, at most {per_link} per link, \
                 spread over each link's dates; --max-events N holds more (about 1 MB of page \
                 per 1 000 events)",
                summary.events,
                summary.events + summary.events_left_out
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.max_events.is_some() {
        return usage("--max-events is for the html page");
    }
    if args.network {
        return export_network(&network(&view, &args)?, format, output, engine, &args);
    }
    if format == Format::LinksCsv {
        return usage("links-csv is the actor network's links: add --network");
    }
    let dot = || {
        let mut writer = DotWriter::new(&view).legend(true).engine(engine);
        if let Some(title) = &args.title {
            writer = writer.title(title.clone());
        }
        if camps.is_empty() {
            writer
        } else {
            writer.cluster_by(|node| camps.get(&node).cloned())
        }
    };
    if format == Format::Neo4jCsv {
        let Some(dir) = output else {
            return usage("neo4j-csv writes several files: give a folder with -o");
        };
        let written = tables::BulkWriter::new(&view).write_dir(dir)?;
        eprintln!("wrote {} files to {}", written.len(), dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    if format == Format::Parquet {
        let Some(dir) = output else {
            return usage("parquet writes several files: give a folder with -o");
        };
        #[cfg(feature = "parquet")]
        {
            let written = tables::BulkWriter::new(&view).write_parquet(dir)?;
            eprintln!("wrote {} files to {}", written.len(), dir.display());
            return Ok(ExitCode::SUCCESS);
        }
        #[cfg(not(feature = "parquet"))]
        return usage(&format!(
            "this eventkg was built without Parquet, and wrote nothing to {}: build it with `--features cli,parquet`",
            dir.display()
        ));
    }
    if matches!(format, Format::Dot | Format::Svg) {
        let hint = format!(
            "`export {} --network --top 100` draws the most active actors; `--engine sfdp` \
             lays out large graphs",
            if format == Format::Dot { "dot" } else { "svg" }
        );
        return write_diagram(&dot(), format, &hint, output, args.force);
    }
    let mut sink = open_output(output)?;
    match format {
        Format::Json => files::json::to_writer(&view, &mut sink, true)?,
        Format::Toml => {
            let mut counted = Counted::new(&mut sink);
            files::write(&view, &mut counted)?;
            note_big_graph_file(counted.bytes);
        }
        Format::Graphml => GraphmlWriter::new(&view).write(&mut sink)?,
        Format::Turtle => RdfWriter::new(&view).write(&mut sink)?,
        Format::Ntriples => RdfWriter::new(&view)
            .format(RdfFormat::NTriples)
            .write(&mut sink)?,
        Format::Cypher => tables::CypherWriter::new(&view).write(&mut sink)?,
        Format::EventsCsv => tables::EventTableWriter::new(&view).write(&mut sink)?,
        Format::Dot
        | Format::Svg
        | Format::Neo4jCsv
        | Format::Parquet
        | Format::LinksCsv
        | Format::Html => {}
    }
    sink.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The actor network the export arguments ask for: filtered by kind, then pruned.
fn network<'g>(view: &View<'g>, args: &ExportArgs) -> Result<ActorNetwork<'g>, Box<dyn StdError>> {
    let mut options = NetworkOptions::new().min_weight(args.min_weight);
    if !args.kinds.is_empty() {
        let kinds = args
            .kinds
            .iter()
            .map(|kind| kind.parse::<EventKind>())
            .collect::<Result<Vec<_>, _>>()?;
        options = options.kinds(kinds);
    }
    let mut network = view.actor_network(&options);
    if let Some(per_actor) = args.links_per_actor {
        network = network.strongest_links(per_actor);
    }
    if let Some(k) = args.top {
        let rank = match args.rank {
            RankBy::Events => Rank::Events,
            RankBy::Strength => Rank::Strength,
            RankBy::Partners => Rank::Partners,
            RankBy::Eigenvector => Rank::Eigenvector,
        };
        network = network.top(k, rank);
    }
    Ok(network)
}

fn export_network(
    network: &ActorNetwork<'_>,
    format: Format,
    output: Option<&Path>,
    engine: Engine,
    args: &ExportArgs,
) -> Outcome {
    if !matches!(
        format,
        Format::Dot | Format::Svg | Format::Json | Format::Graphml | Format::LinksCsv
    ) {
        return usage("the actor network exports as dot, svg, json, graphml or links-csv");
    }
    eprintln!(
        "actor network: {} actors, {} links",
        network.actor_count(),
        network.link_count()
    );
    if matches!(format, Format::Dot | Format::Svg) {
        let mut writer = DotWriter::new(network).legend(true).engine(engine);
        if let Some(title) = &args.title {
            writer = writer.title(title.clone());
        }
        let hint = fewer_links(network, engine);
        return write_diagram(&writer, format, &hint, output, args.force);
    }
    let mut sink = open_output(output)?;
    match format {
        Format::Json => serde_json::to_writer_pretty(&mut sink, network)?,
        Format::Graphml => GraphmlWriter::new(network).write(&mut sink)?,
        _ => tables::LinksWriter::new(network).write(&mut sink)?,
    }
    sink.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Graph files past this size are told how much reading them back costs.
const BIG_GRAPH_FILE: u64 = 50_000_000;

/// Bytes of memory that reading a graph file back takes per byte of file: the graph, and a
/// few parts of the file, which is read from disk a part at a time as it goes into the graph
/// (0.09 GB for the 95 MB file of 100k GDELT rows, 0.64 GB for the 959 MB one of a million).
const TOML_READ_BYTES_PER_BYTE: f64 = 0.7;

/// A graph file of a million events reads back in half a minute and with gigabytes of memory,
/// where the JSON snapshot of the same graph takes a third of the time and a fifth of the
/// memory: said when it is written, not found out when it is read.
fn note_big_graph_file(bytes: u64) {
    if bytes > BIG_GRAPH_FILE {
        eprintln!(
            "note: this graph file is {} MB, and reading it back takes about {:.1} GB of \
             memory; the JSON snapshot of the same graph (`export json`, or `-o graph.json`) \
             reads back in a fraction of the time and memory (a million GDELT rows: a third \
             of the time, and 0.36 GB against 0.64 GB)",
            bytes / 1_000_000,
            bytes as f64 * TOML_READ_BYTES_PER_BYTE / 1e9
        );
    }
}

/// A writer that counts what passes through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Counted<W> {
    fn new(inner: W) -> Self {
        Counted { inner, bytes: 0 }
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn open_output(output: Option<&Path>) -> Result<Box<dyn Write>, Box<dyn StdError>> {
    Ok(match output {
        Some(path) => Box::new(io::BufWriter::new(
            File::create(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => Box::new(io::stdout().lock()),
    })
}

/// What draws an actor network too big for its engine in seconds: as many actors as the
/// engine lays out, each with its heaviest links, so that there are no more links than it
/// lays out either (a link is kept by one of its ends, so actors × links per actor bounds
/// them). Said with the numbers of this network, since `--top 100` may be what was asked
/// already: a year of GDELT's hundred most active actors are joined by nine thousand links.
fn fewer_links(network: &ActorNetwork<'_>, engine: Engine) -> String {
    let (most_actors, most_links) = engine.comfortable_size();
    let actors = network.actor_count().min(most_actors).max(1);
    let per_actor = (most_links / actors).max(1);
    let top = if network.actor_count() > most_actors {
        format!("`--top {most_actors}` and ")
    } else {
        String::new()
    };
    let sfdp = match engine {
        Engine::Dot => "; `--engine sfdp` draws a dense network better than dot",
        _ => "",
    };
    format!(
        "{top}`--links-per-actor {per_actor}` keep at most {} of the {} links, each actor's \
         heaviest; `--min-weight N` drops links of fewer than N events{sfdp}",
        actors * per_actor,
        network.link_count()
    )
}

/// How many times past what its engine lays out in seconds a diagram is drawn only with
/// `--force`. Graphviz's time grows much faster than the diagram: dot took 1.1 s for 440 nodes
/// and 873 edges and 30 s for twice that, so four times is a quarter of an hour or more for
/// dot; sfdp, which grows more gently (18 s at five times its 1.2 s size), a minute or more.
const REFUSED_PAST: usize = 4;

/// Why an SVG of `size` is not drawn without `--force`, with `hint`: what draws less.
fn too_big_to_draw(size: DotSize, hint: &str) -> Option<String> {
    let (nodes, edges) = size.engine.comfortable_size();
    (size.nodes > REFUSED_PAST * nodes || size.edges > REFUSED_PAST * edges).then(|| {
        format!(
            "the diagram has {} nodes and {} edges, more than {REFUSED_PAST} times what \
             Graphviz {} lays out in seconds ({nodes} nodes or {edges} edges): its layout may \
             take hours, and nothing was drawn.\n  here: {hint}\n  `export dot` writes the \
             DOT without a layout; `--force` runs Graphviz anyway",
            size.nodes,
            size.edges,
            size.engine.name(),
        )
    })
}

/// Writes DOT, or SVG rendered by Graphviz, to `output`, warning first when the diagram is
/// past what Graphviz lays out in seconds, with `hint`: what draws less. An SVG far past it
/// is refused before anything is opened or run, unless `force`.
fn write_diagram(
    writer: &DotWriter<'_>,
    format: Format,
    hint: &str,
    output: Option<&Path>,
    force: bool,
) -> Outcome {
    let size = writer.size();
    if format == Format::Svg
        && !force
        && let Some(refusal) = too_big_to_draw(size, hint)
    {
        return usage(&refusal);
    }
    if let Some(warning) = size.warning() {
        eprintln!("warning: {warning}\n  here: {hint}");
    }
    let mut sink = open_output(output)?;
    if format == Format::Dot {
        writer.write(&mut sink)?;
        sink.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|_| {
            "Graphviz `dot` is not installed (e.g. `apt-get install graphviz`); export dot instead"
        })?;
    if let Some(stdin) = child.stdin.take() {
        writer.write(stdin)?;
    }
    let rendered = child.wait_with_output()?;
    if !rendered.status.success() {
        return Err("Graphviz `dot` failed".into());
    }
    sink.write_all(&rendered.stdout)?;
    sink.flush()?;
    Ok(ExitCode::SUCCESS)
}
