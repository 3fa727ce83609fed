//! `eventkg import gdelt`: GDELT files into a graph file, with a bar over the bytes read.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use eventkg::io::gdelt::{GdeltImport, GdeltReader, ImportSummary, OpenedFiles};
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
    let OpenedFiles {
        files: mut opened,
        passed_over,
        ..
    } = reader.open_all_passing_over(&args.files)?;
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
        let mut summary = import.finish();
        summary.passed_over = passed_over;
        summary
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
        "{}: {} read, {} kept, {} left out by the filters, {} skipped",
        counted(summary.files, "file"),
        counted(rows.read, "row"),
        rows.kept,
        rows.filtered,
        counted(rows.bad, "bad row")
    );
    if !summary.passed_over.is_empty() {
        out!(
            "passed over {} of a GDELT table the import does not read:",
            counted(summary.passed_over.len(), "file")
        );
        for unread in &summary.passed_over {
            out!("  {unread}");
        }
    }
    for error in &summary.bad_rows {
        out!("  skipped: {error}");
    }
    if rows.bad > summary.bad_rows.len() as u64 {
        out!("  … and {} more", rows.bad - summary.bad_rows.len() as u64);
    }
    out!(
        "added {} ({} already held, now with these sources too), {}, {}, {}, {}",
        counted(summary.events_added, "event"),
        summary.events_restated,
        counted(summary.actors_added, "actor"),
        counted(summary.places_added, "place"),
        counted(summary.outlets_added, "outlet"),
        counted(summary.documents_added, "document")
    );
    if summary.names_qualified > 0 {
        let (count, its) = match summary.names_qualified {
            1 => ("1 entity".to_owned(), "its"),
            n => (format!("{n} entities"), "their"),
        };
        out!(
            "{count} named with {its} code added, as another of {its} kind had GDELT's name (gdelt_name keeps it)"
        );
    }
    if summary.codings_not_kept > 0 {
        out!(
            "{} told an event already held with another coding; the first coding is kept",
            counted(summary.codings_not_kept, "row")
        );
    }
    if summary.mentions_added + summary.mentions_of_unknown_events > 0 {
        out!(
            "{} added as sources; {} the graph does not hold, not added",
            counted(summary.mentions_added, "mention"),
            counted(summary.mentions_of_unknown_events, "mention event")
        );
    }
    out!(
        "the graph: {}, {}, {}",
        counted(graph.entity_count(), "entity"),
        counted(graph.event_count(), "event"),
        counted(graph.document_count(), "document")
    );
}

/// `count` and `noun`, the noun in the plural unless the count is one.
fn counted(count: impl std::fmt::Display, noun: &str) -> String {
    let count = count.to_string();
    match (count.as_str(), noun.strip_suffix('y')) {
        ("1", _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        _ => format!("{count} {noun}s"),
    }
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
        "passed_over": summary.passed_over.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
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
