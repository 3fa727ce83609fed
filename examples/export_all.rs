//! Writes a graph in every interchange format into one folder, with `expected.json`: the counts
//! and one query's answer as this crate computes them, for other tools to check against.
//!
//! ```sh
//! cargo run --example export_all -- OUT_DIR [GRAPH_FILE …]   # default: the seed article
//! cargo run --release --features workload --example export_all -- OUT_DIR --generated 100000
//! ```
//!
//! With the `parquet` feature, the bulk tables are written as Parquet files too, into
//! `OUT_DIR/parquet`.
//!
//! `--generated N` exports a generated graph of N events told in made-up articles of hostile
//! text (`Workload::build_with_text`): line breaks, quotes, commas, backslashes, tabs and
//! non-Latin scripts in every quote, description, title and alias.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use eventkg::export::{GraphmlWriter, RdfFormat, RdfWriter, tables};
use eventkg::query::Position;
use eventkg::*;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: export_all OUT_DIR [GRAPH_FILE …]")?,
    );
    let mut files: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let graph = if files
        .first()
        .is_some_and(|f| f.as_os_str() == "--generated")
    {
        let events: usize = files
            .get(1)
            .and_then(|n| n.to_str()?.parse().ok())
            .ok_or("--generated takes a number of events")?;
        generated(events)?
    } else {
        if files.is_empty() {
            files.push(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/000_404871ae4e9fadb6.toml"),
            );
        }
        io::read_files(&files)?
    };
    std::fs::create_dir_all(&dir)?;
    let create = |name: &str| -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::new(File::create(dir.join(name))?))
    };

    io::json::to_writer(&graph, create("graph.json")?, true)?;
    GraphmlWriter::new(&graph).write(create("graph.graphml")?)?;
    RdfWriter::new(&graph).write(create("graph.ttl")?)?;
    RdfWriter::new(&graph)
        .format(RdfFormat::NTriples)
        .write(create("graph.nt")?)?;
    tables::CypherWriter::new(&graph).write(create("graph.cypher")?)?;
    tables::EventTableWriter::new(&graph).write(create("events_table.csv")?)?;
    tables::BulkWriter::new(&graph).write_dir(dir.join("bulk"))?;
    #[cfg(feature = "parquet")]
    tables::BulkWriter::new(&graph).write_parquet(dir.join("parquet"))?;

    // What other tools must find: counts, and the opponents of the first proposed event.
    let proposal = graph
        .search_events()
        .status(EventStatus::Proposed)
        .ids()
        .next();
    let mut opponents: Vec<String> = match proposal {
        Some(event) => graph
            .participations_in(event)
            .filter(|(_, p)| p.role() == Role::Opponent && !p.polarity().is_negated())
            .filter_map(|(_, p)| graph.entity(p.entity()).map(|e| e.name().to_owned()))
            .collect(),
        None => Vec::new(),
    };
    opponents.sort();
    let stance_opponents = proposal
        .map(|event| {
            graph
                .stance(event)
                .map(|s| s.members(Position::Opposes).count())
        })
        .transpose()?
        .unwrap_or(0);
    // Three questions the engines must answer as the crate does: events per kind, the most
    // active entities, and every source of a sample of facts.
    let mut per_kind = std::collections::BTreeMap::<String, usize>::new();
    for (_, event) in graph.events() {
        *per_kind.entry(event.kind().to_string()).or_default() += 1;
    }
    let mut activity = std::collections::BTreeMap::<u32, usize>::new();
    for (_, p) in graph.participations() {
        *activity.entry(p.entity().index()).or_default() += 1;
    }
    let mut top: Vec<(u32, usize)> = activity.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(10);
    let top: Vec<(String, usize)> = top.into_iter().map(|(e, n)| (format!("e{e}"), n)).collect();
    let sample = sample_sources(&graph);
    let expected = serde_json::json!({
        "events_per_kind": per_kind,
        "top_participants": top,
        "sample_sources": sample,
        "documents": graph.document_count(),
        "sources": graph.claims().count(),
        "entities": graph.entity_count(),
        "events": graph.event_count(),
        "participations": graph.participation_count(),
        "relations": graph.relation_count(),
        "proposal": proposal.map(|e| format!("v{}", e.index())),
        "opponents": opponents,
        "stance_opponents": stance_opponents,
    });
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected)?,
    )?;
    println!("Wrote every format to {}", dir.display());
    Ok(())
}

#[cfg(feature = "workload")]
fn generated(events: usize) -> Result<EventGraph, Error> {
    eventkg::workload::Workload::generate(events, 42).build_with_text(7)
}

#[cfg(not(feature = "workload"))]
fn generated(_: usize) -> Result<EventGraph, Box<dyn std::error::Error>> {
    Err("--generated needs the workload feature: cargo run --release --features workload …".into())
}

/// Every source of about two hundred facts spread over the graph, by the fact's bulk id:
/// position, document key, quote, speaker's id and reporting chain, as the crate holds them.
fn sample_sources(graph: &EventGraph) -> serde_json::Map<String, serde_json::Value> {
    let mut facts: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
    for claim in graph.claims() {
        let fact = tables::bulk_id(claim.record);
        if facts.last().is_none_or(|(last, _)| *last != fact) {
            facts.push((fact, Vec::new()));
        }
        if let Some((_, rows)) = facts.last_mut() {
            let s = claim.source;
            rows.push(serde_json::json!([
                rows.len(),
                graph.document(s.document).map(|d| d.key().to_owned()),
                s.quote,
                s.attributed_to.map(tables::bulk_id),
                s.reported_via
                    .iter()
                    .map(|&e| tables::bulk_id(e))
                    .collect::<Vec<_>>(),
            ]));
        }
    }
    let step = (facts.len() / 200).max(1);
    facts
        .into_iter()
        .step_by(step)
        .map(|(fact, rows)| (fact, serde_json::Value::Array(rows)))
        .collect()
}
