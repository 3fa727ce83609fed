//! `eventkg import gdelt`: GDELT files into a graph file, with a bar over the bytes read.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use eventkg::io::gdelt::{GdeltImport, GdeltReader, ImportSummary};
use eventkg::{EventGraph, NaiveDate};
use serde_json::json;

use crate::GdeltArgs;
use crate::commands::{GraphFormat, Outcome, print_json, write_graph_file};
use crate::progress::Progress;

/// A day as `YYYY-MM-DD` or GDELT's `YYYYMMDD`.
fn day(text: &str, option: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y%m%d"))
        .map_err(|_| format!("{option} `{text}`: expected a day as YYYY-MM-DD or YYYYMMDD"))
}

fn reader(args: &GdeltArgs) -> Result<GdeltReader, Box<dyn std::error::Error>> {
    let mut reader = GdeltReader::new()
        .skip_bad(args.skip_bad)
        .min_mentions(args.min_mentions);
    if let Some(from) = &args.from {
        reader = reader.from(day(from, "--from")?);
    }
    if let Some(to) = &args.to {
        reader = reader.to(day(to, "--to")?);
    }
    for country in &args.country {
        reader = reader.country(country.parse()?);
    }
    for root in &args.root_code {
        match root.parse::<u8>() {
            Ok(code @ 1..=20) => reader = reader.root_code(code),
            _ => {
                return Err(
                    format!("--root-code `{root}`: expected a CAMEO root code, 01 to 20").into(),
                );
            }
        }
    }
    Ok(reader)
}

pub(crate) fn gdelt(graph: &mut EventGraph, args: &GdeltArgs, json: bool) -> Outcome {
    let reader = reader(args)?;
    let mut opened = reader.open_all(&args.files)?;
    let total: u64 = opened.iter().map(|f| f.size()).sum();
    let summary = {
        let bar = Progress::bytes(total, "importing");
        let mut import = GdeltImport::new(graph);
        let mut done = 0;
        for file in &mut opened {
            let read = file.bytes_read();
            let finished = AtomicBool::new(false);
            std::thread::scope(|scope| {
                scope.spawn(|| {
                    while !finished.load(Ordering::Relaxed) {
                        bar.set_position(done + read.load(Ordering::Relaxed));
                        std::thread::sleep(Duration::from_millis(100));
                    }
                });
                let added = import.add(file);
                finished.store(true, Ordering::Relaxed);
                added
            })?;
            done += file.size();
        }
        import.finish()
    };
    write(graph, &args.output)?;
    if json {
        return print_json(&summary_json(&summary, &args.output));
    }
    print_summary(&summary, graph);
    out!("wrote {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}

fn write(graph: &EventGraph, output: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let format = if output.extension().is_some_and(|e| e == "toml") {
        GraphFormat::Toml
    } else {
        GraphFormat::Json { pretty: false }
    };
    write_graph_file(graph, output, format)
}

fn print_summary(summary: &ImportSummary, graph: &EventGraph) {
    let rows = summary.rows;
    out!(
        "{} files: {} rows read, {} kept, {} left out by the filters, {} bad rows skipped",
        summary.files,
        rows.read,
        rows.kept,
        rows.filtered,
        rows.bad
    );
    for error in &summary.bad_rows {
        out!("  skipped: {error}");
    }
    if rows.bad > summary.bad_rows.len() as u64 {
        out!("  … and {} more", rows.bad - summary.bad_rows.len() as u64);
    }
    out!(
        "added {} events ({} already held, now with these sources too), {} actors, {} places, {} outlets, {} documents",
        summary.events_added,
        summary.events_restated,
        summary.actors_added,
        summary.places_added,
        summary.outlets_added,
        summary.documents_added
    );
    if summary.names_qualified > 0 {
        out!(
            "{} entities named with their code added, as another of their kind had GDELT's name (gdelt_name keeps it)",
            summary.names_qualified
        );
    }
    if summary.codings_not_kept > 0 {
        out!(
            "{} rows told an event already held with another coding; the first coding is kept",
            summary.codings_not_kept
        );
    }
    if summary.mentions_added + summary.mentions_of_unknown_events > 0 {
        out!(
            "{} mentions added as sources; {} mention events the graph does not hold, not added",
            summary.mentions_added,
            summary.mentions_of_unknown_events
        );
    }
    out!(
        "the graph: {} entities, {} events, {} documents",
        graph.entity_count(),
        graph.event_count(),
        graph.document_count()
    );
}

fn summary_json(summary: &ImportSummary, output: &Path) -> serde_json::Value {
    json!({
        "files": summary.files,
        "rows": {
            "read": summary.rows.read,
            "kept": summary.rows.kept,
            "filtered": summary.rows.filtered,
            "bad": summary.rows.bad,
        },
        "bad_rows": summary.bad_rows.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        "events_added": summary.events_added,
        "events_restated": summary.events_restated,
        "codings_not_kept": summary.codings_not_kept,
        "actors_added": summary.actors_added,
        "places_added": summary.places_added,
        "names_qualified": summary.names_qualified,
        "outlets_added": summary.outlets_added,
        "documents_added": summary.documents_added,
        "mentions_added": summary.mentions_added,
        "mentions_of_unknown_events": summary.mentions_of_unknown_events,
        "output": output.display().to_string(),
    })
}
