//! Many reports of one story: merging files with an account of what changed, checking a file
//! against graphs already written, and listing where reports disagree.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eventkg::RecordId;
use eventkg::io as files;
use eventkg::*;
use serde_json::{Value, json};

use crate::commands::{
    GraphFormat, Outcome, entity_json, event_json, event_title, name, print_json, source_line,
    sources_json, write_graph_file,
};
use crate::progress::Progress;
use crate::resolving;

/// A value as a person reads it: a location by its name.
fn value_text(graph: &EventGraph, value: &FieldValue) -> String {
    match value {
        FieldValue::Location(place) => name(graph, *place),
        other => other.to_string(),
    }
}

fn record_text(graph: &EventGraph, record: RecordId) -> String {
    match record {
        RecordId::Entity(id) => format!("{} ({id})", name(graph, id)),
        RecordId::Event(id) => format!("{} ({id})", event_title(graph, id)),
        RecordId::Participation(id) => match graph.participation(id) {
            Some(p) => format!(
                "{} {} {} ({id})",
                name(graph, p.entity()),
                p.role(),
                event_title(graph, p.event())
            ),
            None => id.to_string(),
        },
        RecordId::Relation(id) => format!("{id}"),
        _ => record.to_string(),
    }
}

/// The record that kept a value, as a person reads it: a document by its key.
fn keeper_text(graph: &EventGraph, keeper: Keeper) -> String {
    match keeper {
        Keeper::Document(id) => match graph.document(id) {
            Some(document) => format!("document `{}` ({id})", document.key()),
            None => id.to_string(),
        },
        Keeper::Record(record) => record_text(graph, record),
        _ => keeper.to_string(),
    }
}

/// A value on one line: its first 60 characters, and an ellipsis where it goes on (a
/// document's text); `--json` gives it whole.
fn short(value: &str) -> String {
    let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}

fn kept_json(graph: &EventGraph, kept: &KeptValue) -> Value {
    let mut value = json!({
        "record": keeper_text(graph, kept.record),
        "field": kept.field.to_string(),
        "held": kept.held,
        "given": kept.given,
    });
    if let Some(at) = &kept.at {
        value["file"] = json!(at.file());
        value["line"] = json!(at.line());
    }
    value
}

fn fact_record(fact: FactId) -> RecordId {
    match fact {
        FactId::Participation(id) => RecordId::Participation(id),
        FactId::Relation(id) => RecordId::Relation(id),
    }
}

/// Every value of one event attribute, with its sources, as JSON.
pub(crate) fn values_json(graph: &EventGraph, event: EventId, field: EventField) -> Value {
    let Some(e) = graph.event(event) else {
        return json!([]);
    };
    json!(
        e.stated(field)
            .map(|(value, sources)| json!({
                "value": value_text(graph, &value),
                "sources": sources_json(graph, sources),
            }))
            .collect::<Vec<_>>()
    )
}

/// Prints an event attribute's values, each with the sources that give it.
pub(crate) fn print_values(graph: &EventGraph, event: EventId, field: EventField, indent: &str) {
    let Some(e) = graph.event(event) else {
        return;
    };
    for (value, sources) in e.stated(field) {
        out!("{indent}{}", value_text(graph, &value));
        for source in sources.iter() {
            out!("{indent}    {}", source_line(graph, source));
        }
    }
}

pub(crate) fn disputes(graph: &EventGraph, json: bool) -> Outcome {
    let found: Vec<_> = graph.disputes().collect();
    if json {
        return print_json(&json!(
            found
                .iter()
                .map(|d| json!({
                    "event": event_json(graph, d.event),
                    "field": d.field.as_str(),
                    "values": values_json(graph, d.event, d.field),
                }))
                .collect::<Vec<_>>()
        ));
    }
    if found.is_empty() {
        out!("no disputes: where reports tell the same event, they agree");
    }
    for dispute in &found {
        out!(
            "{} ({}) {}: {} values",
            event_title(graph, dispute.event),
            dispute.event,
            dispute.field,
            dispute.values.len()
        );
        print_values(graph, dispute.event, dispute.field, "  ");
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn report_json(graph: &EventGraph, report: &MergeReport) -> Value {
    let records = |records: &mut dyn Iterator<Item = RecordId>| -> Vec<Value> {
        records
            .map(|r| json!({"id": r.to_string(), "name": record_text(graph, r)}))
            .collect()
    };
    json!({
        "summary": report.to_string(),
        "new_documents": report.new_documents.iter().filter_map(|&d| graph.document(d).map(|d| d.key().to_owned())).collect::<Vec<_>>(),
        "new_entities": records(&mut report.new_entities.iter().map(|&e| RecordId::Entity(e))),
        "new_events": records(&mut report.new_events.iter().map(|&e| RecordId::Event(e))),
        "new_facts": records(&mut report.new_facts.iter().map(|&f| fact_record(f))),
        "restated": records(&mut report.restated.iter().copied()),
        "new_values": report.new_values.iter().map(|&(event, field)| json!({
            "event": event_json(graph, event),
            "field": field.as_str(),
            "values": values_json(graph, event, field),
        })).collect::<Vec<_>>(),
        "disputes": report.disputes.iter().map(|&(event, field)| json!({
            "event": event_json(graph, event),
            "field": field.as_str(),
            "values": values_json(graph, event, field),
        })).collect::<Vec<_>>(),
        "same_as": report.same_as.iter().map(|link| json!({
            "event": event_json(graph, link.event),
            "sources": sources_json(graph, &link.sources),
        })).collect::<Vec<_>>(),
        "look_alikes": report.look_alikes.iter().map(|pair| json!({
            "event": event_json(graph, pair.event),
            "looks_like": event_json(graph, pair.held),
        })).collect::<Vec<_>>(),
        "similar_entities": report.similar_entities.iter().map(|pair| {
            resolving::similar_json(graph, pair, &report.new_entities)
        }).collect::<Vec<_>>(),
        "joined": report.joined.iter().map(|(entity, joined)| json!({
            "entity": entity_json(graph, *entity),
            "name": joined,
        })).collect::<Vec<_>>(),
        "kept": report.kept.iter().map(|kept| kept_json(graph, kept)).collect::<Vec<_>>(),
    })
}

pub(crate) fn print_report(graph: &EventGraph, what: &str, report: &MergeReport) {
    out!("{what}: {report}");
    for &event in &report.new_events {
        out!(
            "  new event: {}",
            record_text(graph, RecordId::Event(event))
        );
    }
    for &record in &report.restated {
        out!(
            "  restated: {} (now {} sources)",
            record_text(graph, record),
            graph.sources_of(record).map_or(0, <[_]>::len)
        );
    }
    for &(event, field) in &report.new_values {
        out!(
            "  new value: {} ({event}) {field}, from no earlier report:",
            event_title(graph, event)
        );
        print_values(graph, event, field, "      ");
    }
    for &(event, field) in &report.disputes {
        out!(
            "  DISPUTE: {} ({event}) {field}; every value is kept:",
            event_title(graph, event)
        );
        print_values(graph, event, field, "      ");
    }
    for link in &report.same_as {
        out!(
            "  same_as: joined into {} ({})",
            event_title(graph, link.event),
            link.event
        );
        for source in link.sources.iter() {
            out!("      {}", source_line(graph, source));
        }
    }
    for pair in &report.look_alikes {
        out!(
            "  look-alike left apart: {} ({}) says what {} ({}) says, from another document; \
             if they are one, give both the same `key` or write `same_as = \"{}\"`",
            event_title(graph, pair.event),
            pair.event,
            event_title(graph, pair.held),
            pair.held,
            graph
                .event(pair.held)
                .and_then(|e| e.key())
                .map_or_else(|| pair.held.to_string(), str::to_owned)
        );
    }
    for pair in &report.similar_entities {
        out!(
            "  similar entity: {}",
            resolving::similar_line(graph, pair, &report.new_entities)
        );
    }
    for (entity, joined) in &report.joined {
        out!(
            "  joined: `{joined}` into {} ({entity}), on the file's `same_as`",
            name(graph, *entity)
        );
    }
    for kept in &report.kept {
        let at = kept
            .at
            .as_ref()
            .map_or_else(String::new, |at| format!(" at {}:{}", at.file(), at.line()));
        out!(
            "  KEPT: {} keeps {} `{}`; `{}` given{at} is not kept",
            keeper_text(graph, kept.record),
            kept.field,
            short(&kept.held),
            short(&kept.given)
        );
    }
}

pub(crate) fn merge(
    reader: &files::GraphFileReader,
    graph: &mut EventGraph,
    paths: &[PathBuf],
    output: Option<&Path>,
    json: bool,
) -> Outcome {
    let reports: Vec<_> = {
        let bar = Progress::files(paths.len(), "merging");
        let reports = bar.reader(reader).merge_files(graph, paths)?;
        paths.iter().zip(reports).collect()
    };
    if let Some(output) = output {
        let format = if output.extension().is_some_and(|e| e == "json") {
            GraphFormat::Json { pretty: true }
        } else {
            GraphFormat::Toml
        };
        write_graph_file(graph, output, format)?;
    }
    if json {
        return print_json(&json!(
            reports
                .iter()
                .map(|(path, report)| json!({
                    "file": path.display().to_string(),
                    "report": report_json(graph, report),
                }))
                .collect::<Vec<_>>()
        ));
    }
    for (path, report) in &reports {
        print_report(graph, &path.display().to_string(), report);
    }
    if let Some(output) = output {
        out!("wrote {}", output.display());
    }
    Ok(ExitCode::SUCCESS)
}
