//! Resolution candidates held to a labelled set: made-up reports of one made-up story, each
//! spelling the actors its own way (`tests/data/resolution/`, whose `truth.toml` lists the
//! true pairs).

use std::collections::BTreeSet;
use std::path::PathBuf;

use eventkg::query::{self, CandidateOptions, Reason};
use eventkg::*;

/// The score above which `validate` and merging warn; the figures of `docs/merging.md`.
const WARN: f64 = query::WARN_THRESHOLD;

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/resolution")
        .join(file)
}

struct Truth {
    entities: Vec<(EntityId, EntityId)>,
    events: Vec<(EventId, EventId)>,
}

fn labelled() -> (EventGraph, Truth) {
    let graph = io::read_dir(data("reports")).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(data("truth.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    let pairs = |key: &str| -> Vec<(String, String)> {
        table[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_array().unwrap();
                (
                    p[0].as_str().unwrap().to_owned(),
                    p[1].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let entity = |name: &str| graph.find_entity(name).unwrap_or_else(|e| panic!("{e}"));
    let event = |key: &str| graph.event_by_key(key).unwrap_or_else(|e| panic!("{e}"));
    let truth = Truth {
        entities: pairs("entities")
            .iter()
            .map(|(a, b)| (entity(a), entity(b)))
            .collect(),
        events: pairs("events")
            .iter()
            .map(|(a, b)| (event(a), event(b)))
            .collect(),
    };
    (graph, truth)
}

fn ordered<T: Ord>(a: T, b: T) -> (T, T) {
    if a <= b { (a, b) } else { (b, a) }
}

#[test]
fn every_true_pair_is_among_each_entitys_three_best_candidates() {
    let (graph, truth) = labelled();
    let found = graph.resolution_candidates(&CandidateOptions::new());
    for &(a, b) in &truth.entities {
        for (entity, other) in [(a, b), (b, a)] {
            let best: Vec<EntityId> = found
                .for_entity(entity)
                .take(3)
                .filter_map(|c| c.partner_of(entity))
                .collect();
            assert!(
                best.contains(&other),
                "{} is not among the three best candidates of {}: {:?}",
                graph.entity(other).unwrap().name(),
                graph.entity(entity).unwrap().name(),
                found
                    .for_entity(entity)
                    .map(|c| (c.names(), c.score()))
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn at_most_one_false_candidate_per_ten_entities_above_the_warning_threshold() {
    let (graph, truth) = labelled();
    let found = graph.resolution_candidates(&CandidateOptions::new().threshold(WARN));
    let true_pairs: BTreeSet<(EntityId, EntityId)> =
        truth.entities.iter().map(|&(a, b)| ordered(a, b)).collect();
    let false_pairs: Vec<_> = found
        .entities()
        .iter()
        .filter(|c| !true_pairs.contains(&ordered(c.one(), c.other())))
        .map(|c| (c.names(), c.score()))
        .collect();
    let entities = graph.entities().count();
    assert!(entities >= 20, "the set has {entities} entities");
    assert!(
        false_pairs.len() * 10 <= entities,
        "{} false candidates among {entities} entities: {false_pairs:?}",
        false_pairs.len()
    );
    // Recall at the warning threshold: every true pair warns.
    let warned: BTreeSet<_> = found
        .entities()
        .iter()
        .map(|c| ordered(c.one(), c.other()))
        .collect();
    let missed: Vec<_> = true_pairs.difference(&warned).collect();
    assert!(
        missed.is_empty(),
        "true pairs that would not warn: {missed:?}"
    );
}

#[test]
fn one_happening_told_by_four_outlets_is_offered_as_one() {
    let (graph, truth) = labelled();
    let found = graph.resolution_candidates(&CandidateOptions::new());
    let offered: BTreeSet<(EventId, EventId)> = found
        .events()
        .iter()
        .map(|c| ordered(c.one(), c.other()))
        .collect();
    let true_pairs: BTreeSet<(EventId, EventId)> =
        truth.events.iter().map(|&(a, b)| ordered(a, b)).collect();
    assert_eq!(offered, true_pairs);
    // The meeting told with other spellings shares its participants only through the entity
    // candidates, and says so.
    let herald = graph.event_by_key("herald_meeting").unwrap();
    let courier = graph.event_by_key("courier_meeting").unwrap();
    let pair = found
        .events()
        .iter()
        .find(|c| ordered(c.one(), c.other()) == ordered(herald, courier))
        .unwrap();
    assert!(pair.reasons().contains(&Reason::LikelySameParticipants(2)));
    assert!(pair.reasons().contains(&Reason::SameDay));
}

#[test]
fn candidates_explain_themselves() {
    let (graph, _) = labelled();
    let found = graph.resolution_candidates(&CandidateOptions::new());
    let quist = graph.find_entity("Hallvard Quist").unwrap();
    let mr = graph.find_entity("Mr Quist").unwrap();
    let pair = found
        .for_entity(quist)
        .find(|c| c.partner_of(quist) == Some(mr))
        .unwrap();
    let why: Vec<String> = pair.reasons().iter().map(|r| r.to_string()).collect();
    assert_eq!(
        why[..2],
        [
            "same `quist`, one name adds `hallvard`",
            "title `mr` on one name only"
        ]
    );
    assert!(why.contains(&"same country FRD".to_owned()));
    // A state and its ministry are two on purpose; a relation joins them besides.
    let ministry = graph.find_entity("Freedonian Foreign Ministry").unwrap();
    let freedonia = graph.find_entity("Freedonia").unwrap();
    assert!(
        found
            .for_entity(ministry)
            .all(|c| c.partner_of(ministry) != Some(freedonia))
    );
}

#[test]
fn candidates_are_the_same_on_every_run_whatever_the_hash_seeds() {
    let (graph, _) = labelled();
    let options = CandidateOptions::new();
    assert_eq!(
        graph.resolution_candidates(&options),
        graph.clone().resolution_candidates(&options)
    );
}

#[test]
fn merging_reports_each_similar_entity_with_the_file_that_brought_it() {
    let files: Vec<PathBuf> = ["a_herald.toml", "b_courier.toml", "d_herald_sunday.toml"]
        .iter()
        .map(|f| data("reports").join(f))
        .collect();
    let mut graph = EventGraph::new();
    let reports = io::GraphFileReader::new()
        .merge_files(&mut graph, &files)
        .unwrap();
    assert!(reports[0].similar_entities.is_empty());
    let brought = |at: usize| -> BTreeSet<&str> {
        reports[at]
            .similar_entities
            .iter()
            .map(|c| graph.entity(c.other()).unwrap().name())
            .collect()
    };
    assert_eq!(
        brought(1),
        BTreeSet::from([
            "H. Quist",
            "President Tolminskiy",
            "Freedonian Ministry of Foreign Affairs"
        ])
    );
    assert!(brought(2).contains("Made-up Herald on Sunday"));
    assert!(reports[2].to_string().contains("similar entities"));
    // Every pair involves an entity its file brought, and every one scores at least the
    // warning threshold.
    for report in &reports {
        for pair in &report.similar_entities {
            assert!(report.new_entities.contains(&pair.other()));
            assert!(pair.score() >= WARN);
        }
    }
    // The same files one by one report the same pairs.
    let mut one_by_one = EventGraph::new();
    let single: Vec<_> = files
        .iter()
        .map(|f| io::merge_file(&mut one_by_one, f).unwrap())
        .collect();
    assert_eq!(single, reports);
    // Turned off, nothing is looked for.
    let mut quiet = EventGraph::new();
    let reports = io::GraphFileReader::new()
        .similar_entities(None)
        .merge_files(&mut quiet, &files)
        .unwrap();
    assert!(reports.iter().all(|r| r.similar_entities.is_empty()));
}

/// The generated set: made-up names, one in ten a variant of an earlier one (surname alone,
/// a title, a respelling, an initial), with the true pairs known.
#[cfg(feature = "workload")]
#[test]
fn generated_variants_are_found_with_few_false_candidates() {
    let workload = eventkg::workload::name_variants(5_000, 11);
    let graph = workload.build().unwrap();
    let ids: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
    let truth: BTreeSet<(EntityId, EntityId)> = workload
        .pairs
        .iter()
        .map(|&(a, b)| ordered(ids[a], ids[b]))
        .collect();
    let found = graph.resolution_candidates(&CandidateOptions::new().threshold(WARN));
    let offered: BTreeSet<_> = found
        .entities()
        .iter()
        .map(|c| ordered(c.one(), c.other()))
        .collect();
    let hits = truth.intersection(&offered).count();
    let false_pairs = offered.len() - hits;
    eprintln!(
        "{} entities, {} true pairs: {hits} found, {false_pairs} false above {WARN}",
        ids.len(),
        truth.len()
    );
    assert!(
        hits * 100 >= truth.len() * 95,
        "recall {hits}/{}",
        truth.len()
    );
    assert!(
        false_pairs * 10 <= ids.len(),
        "{false_pairs} false among {}",
        ids.len()
    );
}

#[test]
fn an_entitys_similar_entities_are_its_candidates_with_the_same_scores() {
    let (graph, _) = labelled();
    let options = CandidateOptions::new();
    let all = graph.resolution_candidates(&options);
    for (entity, _) in graph.entities() {
        let alone = graph.similar_entities(&[entity], &options);
        let among: Vec<_> = all.for_entity(entity).cloned().collect();
        assert_eq!(alone, among, "{entity}");
    }
}

#[test]
fn find_offers_a_name_a_word_away_not_only_a_letter_away() {
    let (graph, _) = labelled();
    let near: Vec<&str> = graph.suggest("Tolminskiy", 5).map(|s| s.name).collect();
    assert!(near.contains(&"Varek Tolminsky"), "{near:?}");
    let near: Vec<&str> = graph.suggest("Minister Kvist", 5).map(|s| s.name).collect();
    assert!(near.contains(&"Hallvard Quist"), "{near:?}");
}
