//! Writes a graph in every interchange format into one folder, with `expected.json`: the counts
//! and one query's answer as this crate computes them, for other tools to check against.
//!
//! ```sh
//! cargo run --example export_all -- OUT_DIR [GRAPH_FILE …]   # default: the seed article
//! ```

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use eventkg::export::{graphml, rdf, tables};
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
    if files.is_empty() {
        files.push(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/000_404871ae4e9fadb6.toml"),
        );
    }
    let graph = io::read_files(&files)?;
    std::fs::create_dir_all(&dir)?;
    let create = |name: &str| -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::new(File::create(dir.join(name))?))
    };

    io::json::to_writer(&graph, create("graph.json")?, true)?;
    graphml::write(&graph, create("graph.graphml")?)?;
    rdf::write_turtle(&graph, &rdf::RdfOptions::default(), create("graph.ttl")?)?;
    rdf::write_ntriples(&graph, &rdf::RdfOptions::default(), create("graph.nt")?)?;
    tables::write_cypher(&graph, create("graph.cypher")?)?;
    tables::write_event_table(&graph, create("events_table.csv")?)?;
    tables::write_bulk(&graph, &dir.join("bulk"))?;

    // What other tools must find: counts, and the opponents of the first proposed event.
    let proposal = graph
        .search_events()
        .status(EventStatus::Proposed)
        .ids()
        .next();
    let mut opponents: Vec<String> = match proposal {
        Some(event) => graph
            .participations_in(event)
            .filter(|(_, p)| p.role == Role::Opponent && !p.polarity.is_negated())
            .filter_map(|(_, p)| graph.entity(p.entity).map(|e| e.name.clone()))
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
    let expected = serde_json::json!({
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
