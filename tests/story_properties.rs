//! Properties of many reports merged into one story, over random corpora of made-up reports:
//! every source names a document whose file stated the record, merging is idempotent and,
//! where it should be, independent of order, and merging graphs in memory is merging files.
//!
//! The states and reports are invented; the texts are generated.

use std::collections::{BTreeMap, BTreeSet};

mod common;

use common::story::{DAYS, KINDS, ROLES, STATES, Told, corpus, text};
use eventkg::*;
use proptest::prelude::*;

fn load(corpus: &[Vec<Told>], order: &[usize]) -> (EventGraph, Vec<MergeReport>) {
    let mut graph = EventGraph::new();
    let reports = order
        .iter()
        .map(|&i| {
            io::merge_str(
                &mut graph,
                &text(i, &corpus[i]),
                &format!("r{i}.toml"),
                None,
            )
            .unwrap_or_else(|e| panic!("{e}\n{}", text(i, &corpus[i])))
        })
        .collect();
    (graph, reports)
}

fn doc_index(graph: &EventGraph, source: &Source) -> usize {
    graph.document(source.document).unwrap().key()[3..]
        .parse()
        .unwrap()
}

/// What a keyed event is called across graphs.
fn key_of(graph: &EventGraph, event: EventId) -> Option<String> {
    graph.event(event).unwrap().key().map(str::to_owned)
}

fn states_in(events: &[Told], key: usize) -> Option<&Told> {
    events.iter().find(|e| e.key == Some(key))
}

/// For each keyed event and each fact on it: the documents that state it.
type Credit = BTreeMap<String, BTreeSet<usize>>;

fn credit(graph: &EventGraph) -> Credit {
    let mut credit = Credit::new();
    for (_, p) in graph.participations() {
        if let Some(key) = key_of(graph, p.event()) {
            let name = format!(
                "{key} {} {}",
                p.role(),
                graph.entity(p.entity()).unwrap().name()
            );
            let docs = p.sources().iter().map(|s| doc_index(graph, s)).collect();
            credit.insert(name, docs);
        }
    }
    for (id, event) in graph.events() {
        let Some(key) = &event.key() else { continue };
        for field in EventField::ALL {
            for (value, sources) in event.stated(field) {
                let docs = sources.iter().map(|s| doc_index(graph, s)).collect();
                credit.insert(format!("{key} {field} = {value}"), docs);
            }
        }
        let _ = id;
    }
    credit
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Every source on every record names a document whose report stated that record.
    #[test]
    fn every_source_names_a_report_that_stated_the_record(corpus in corpus()) {
        let order: Vec<usize> = (0..corpus.len()).collect();
        let (graph, _) = load(&corpus, &order);
        for (_, p) in graph.participations() {
            let entity = graph.entity(p.entity()).unwrap().name();
            let state = STATES.iter().position(|s| *s == entity).unwrap();
            let role = ROLES.iter().position(|r| *r == p.role().as_str()).unwrap();
            let event = graph.event(p.event()).unwrap();
            prop_assert!(!p.sources().is_empty());
            for source in p.sources().iter() {
                let report = &corpus[doc_index(&graph, source)];
                let stated = match &event.key() {
                    Some(key) => {
                        let key: usize = key[1..].parse().unwrap();
                        states_in(report, key).is_some_and(|e| e.parts.contains(&(state, role)))
                    }
                    // A keyless event is one report's: it is told by that report alone.
                    None => event.sources().iter().all(|s| s.document == source.document)
                        && report.iter().any(|e| e.key.is_none() && e.parts.contains(&(state, role))),
                };
                prop_assert!(stated, "{entity} {role} of {:?} credited to doc{}", event.key(), doc_index(&graph, source));
            }
        }
        for (id, event) in graph.events() {
            for source in event.sources().iter() {
                let report = &corpus[doc_index(&graph, source)];
                if let Some(key) = &event.key() {
                    let key: usize = key[1..].parse().unwrap();
                    prop_assert!(states_in(report, key).is_some(), "{id} credited to a report that never tells it");
                }
            }
            // Each value is credited only to reports that gave it.
            for field in [EventField::Kind, EventField::Date, EventField::Status] {
                for (value, sources) in event.stated(field) {
                    for source in sources.iter() {
                        let report = &corpus[doc_index(&graph, source)];
                        let Some(key) = &event.key() else { continue };
                        let told = states_in(report, key[1..].parse().unwrap()).unwrap();
                        let gave = match &value {
                            FieldValue::Kind(kind) => KINDS[told.kind] == kind.as_str(),
                            FieldValue::Date(date) => told.day.is_some_and(|d| DAYS[d] == date.to_string()),
                            FieldValue::Status(status) => told.planned == (*status == EventStatus::Planned),
                            _ => true,
                        };
                        prop_assert!(gave, "{key} {field} = {value} credited to doc{}", doc_index(&graph, source));
                    }
                }
            }
        }
        for (_, relation) in graph.relations() {
            for source in relation.sources().iter() {
                prop_assert!(
                    graph.sources_of(relation.from().as_event().unwrap()).unwrap().iter().any(|s| s.document == source.document),
                    "a relation credited to a report that does not tell its event"
                );
            }
        }
    }

    /// Loading every report again changes nothing, and each report says so.
    #[test]
    fn merging_the_corpus_again_changes_nothing(corpus in corpus()) {
        let order: Vec<usize> = (0..corpus.len()).collect();
        let (mut graph, _) = load(&corpus, &order);
        let before = graph.clone();
        for &i in &order {
            let report = io::merge_str(&mut graph, &text(i, &corpus[i]), "again.toml", None).unwrap();
            prop_assert!(report.is_empty(), "{report:?}");
        }
        prop_assert!(graph == before);
    }

    /// In any order, every fact and every value is credited to the same reports, and the
    /// same attributes are disputed.
    #[test]
    fn the_order_of_the_reports_does_not_change_who_is_credited(corpus in corpus(), seed in any::<u64>()) {
        let forward: Vec<usize> = (0..corpus.len()).collect();
        let mut shuffled = forward.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let (a, _) = load(&corpus, &forward);
        let (b, _) = load(&corpus, &shuffled);
        prop_assert_eq!(credit(&a), credit(&b));
        let disputed = |g: &EventGraph| -> BTreeSet<(String, EventField)> {
            g.disputes().filter_map(|d| Some((key_of(g, d.event)?, d.field))).collect()
        };
        prop_assert_eq!(disputed(&a), disputed(&b));
        let spans = |g: &EventGraph| -> BTreeMap<String, Option<String>> {
            g.events().filter_map(|(_, e)| Some((e.key()?.to_owned(), e.date().map(|d| d.to_string())))).collect()
        };
        prop_assert_eq!(spans(&a), spans(&b));
    }

    /// Merging graphs in memory gives the graph, and the report, that merging the files gives.
    #[test]
    fn merging_graphs_is_merging_files(corpus in corpus()) {
        let mut files = EventGraph::new();
        let mut memory = EventGraph::new();
        for (i, report) in corpus.iter().enumerate() {
            let text = text(i, report);
            let by_file = io::merge_str(&mut files, &text, "r.toml", None).unwrap();
            let alone = io::from_str(&text, "r.toml").unwrap();
            let by_graph = memory.merge(&alone).unwrap();
            prop_assert_eq!(&by_file, &by_graph);
        }
        prop_assert!(files == memory, "{}\n---\n{}", io::to_string(&files).unwrap(), io::to_string(&memory).unwrap());
    }
}
