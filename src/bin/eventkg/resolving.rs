//! Who is who: the `candidates` command, and the similar entities a merge or a check reports.

use std::process::ExitCode;

use eventkg::query::{CandidateOptions, EntityCandidate, EventCandidate};
use eventkg::*;
use serde_json::{Value, json};

use crate::commands::{Outcome, entity_json, event_json, event_title, name, print_json};

/// The reasons of a candidate, in words, joined.
fn why(reasons: &[query::Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A pair as JSON: the two records, the score to three places, the reasons in words.
fn pair_json(one: Value, other: Value, score: f64, reasons: &[query::Reason]) -> Value {
    json!({
        "one": one,
        "other": other,
        "score": (score * 1000.0).round() / 1000.0,
        "reasons": reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
    })
}

fn entity_pair_json(graph: &EventGraph, pair: &EntityCandidate) -> Value {
    let one = entity_json(graph, pair.one());
    let other = entity_json(graph, pair.other());
    let mut value = pair_json(one, other, pair.score(), pair.reasons());
    value["names"] = json!([pair.names().0, pair.names().1]);
    value
}

fn event_pair_json(graph: &EventGraph, pair: &EventCandidate) -> Value {
    let one = event_json(graph, pair.one());
    let other = event_json(graph, pair.other());
    pair_json(one, other, pair.score(), pair.reasons())
}

/// `eventkg candidates`: every entity and event pair that is probably one, for review.
pub(crate) fn candidates(graph: &EventGraph, threshold: f64, json: bool) -> Outcome {
    let found = graph.resolution_candidates(&CandidateOptions::new().threshold(threshold));
    if json {
        return print_json(&json!({
            "threshold": threshold,
            "entities": found.entities().iter().map(|p| entity_pair_json(graph, p)).collect::<Vec<_>>(),
            "events": found.events().iter().map(|p| event_pair_json(graph, p)).collect::<Vec<_>>(),
            "crowded_words": found.crowded_words().iter().map(|(w, n)| json!({"word": w, "entities": n})).collect::<Vec<_>>(),
        }));
    }
    if found.entities().is_empty() && found.events().is_empty() {
        out!("no candidates scoring {threshold} or more");
    }
    for pair in found.entities() {
        out!(
            "{:.2}  {} ({}) ~ {} ({}): {}",
            pair.score(),
            name(graph, pair.one()),
            pair.one(),
            name(graph, pair.other()),
            pair.other(),
            why(pair.reasons())
        );
    }
    for pair in found.events() {
        out!(
            "{:.2}  {} ({}) ~ {} ({}): {}",
            pair.score(),
            event_title(graph, pair.one()),
            pair.one(),
            event_title(graph, pair.other()),
            pair.other(),
            why(pair.reasons())
        );
    }
    if let Some((word, count)) = found.crowded_words().first() {
        out!(
            "not compared on {} word(s) shared by too many entities, `{word}` ({count}) the most",
            found.crowded_words().len()
        );
    }
    if !found.entities().is_empty() {
        out!(
            "to join two entities, write `same_as = \"NAME\"` on the newer one's record, or join \
             them with EventGraph::merge_entities"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Which of a pair a merge brought (the later if it brought both), and the other.
fn new_and_held(pair: &EntityCandidate, new: &[EntityId]) -> (EntityId, EntityId) {
    if new.contains(&pair.other()) {
        (pair.other(), pair.one())
    } else {
        (pair.one(), pair.other())
    }
}

/// A similar entity a merge or check reports, as a line an analyst can act on.
pub(crate) fn similar_line(graph: &EventGraph, pair: &EntityCandidate, new: &[EntityId]) -> String {
    let (fresh, held) = new_and_held(pair, new);
    format!(
        "`{}` ({fresh}) is new; it looks like `{}` ({held}, {:.2}: {}). If they are one, add \
         it as an alias, or write `same_as = \"{}\"` on its record",
        name(graph, fresh),
        name(graph, held),
        pair.score(),
        why(pair.reasons()),
        name(graph, held),
    )
}

pub(crate) fn similar_json(graph: &EventGraph, pair: &EntityCandidate, new: &[EntityId]) -> Value {
    let (fresh, held) = new_and_held(pair, new);
    let mut value = entity_pair_json(graph, pair);
    value["new"] = entity_json(graph, fresh);
    value["looks_like"] = entity_json(graph, held);
    value
}

/// A candidate of `entity`, as `show` lists it: the other entity, the score, the reasons.
pub(crate) fn looks_like_line(
    graph: &EventGraph,
    pair: &EntityCandidate,
    entity: EntityId,
) -> String {
    let other = pair.partner_of(entity).unwrap_or(pair.other());
    format!(
        "{} ({other}), {:.2}: {}",
        name(graph, other),
        pair.score(),
        why(pair.reasons())
    )
}

pub(crate) fn looks_like_json(
    graph: &EventGraph,
    pair: &EntityCandidate,
    entity: EntityId,
) -> Value {
    let other = pair.partner_of(entity).unwrap_or(pair.other());
    json!({
        "entity": entity_json(graph, other),
        "score": (pair.score() * 1000.0).round() / 1000.0,
        "reasons": pair.reasons().iter().map(|r| r.to_string()).collect::<Vec<_>>(),
    })
}
