//! Loading a corpus: a failing file leaves the graph as it was, without a copy of it; folders
//! load in a stable order; the graph does not depend on the number of threads.
//!
//! The reports are made up and generated (see `common/story.rs`).

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::story::{STATES, Told, corpus, text};
use eventkg::*;
use proptest::prelude::*;

/// Ways for a report to fail after it has added and restated records: an unknown entity
/// in a relation (the last records read), a participation in an unknown event, and a quote
/// its document does not hold (the first event's source).
const POISONS: [&str; 3] = [
    "\n[[relation]]\nfrom = \"Nowhere\"\nkind = \"member_of\"\nto = \"Freedonia\"\n",
    "\n[[participation]]\nentity = \"Sylvania\"\nrole = \"target\"\nevent = \"no-such-event\"\n",
    "\n[[event]]\nkind = \"meeting\"\nquote = \"words the text never holds\"\nparticipant = [\"Genovia\"]\n",
];

/// A report that restates the corpus's states (one under a new alias) and events, then fails.
fn poisoned(index: usize, events: &[Told], poison: usize) -> String {
    let mut text = text(index, events);
    text = text.replacen(
        "name = \"Freedonia\"\n",
        "name = \"Freedonia\"\naliases = [\"Fredonia\"]\n",
        1,
    );
    if poison == 2 {
        text = text.replacen(
            "published = 2024-03-10\n",
            "published = 2024-03-10\ntext = \"Made-up text.\"\n",
            1,
        );
    }
    text + POISONS[poison]
}

fn merge(graph: &mut EventGraph, index: usize, events: &[Told]) -> MergeReport {
    io::merge_str(graph, &text(index, events), &format!("r{index}.toml"), None)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("eventkg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A report that fails half way through leaves the graph exactly as it was: the same
    /// records under the same ids, the same names to look up, and the same graph after the
    /// rest of the corpus, id for id and report for report.
    #[test]
    fn a_failing_report_in_the_middle_leaves_the_graph_as_it_was(
        corpus in corpus(),
        bad in any::<prop::sample::Index>(),
        poison in 0usize..POISONS.len(),
        events in common::story::report(),
    ) {
        let middle = bad.index(corpus.len());
        let mut graph = EventGraph::new();
        for (i, report) in corpus[..middle].iter().enumerate() {
            merge(&mut graph, i, report);
        }
        let before = graph.clone();
        let before_json = io::json::to_string(&graph, false).unwrap();
        let failed = io::merge_str(&mut graph, &poisoned(99, &events, poison), "bad.toml", None);
        let error = failed.expect_err("the poisoned report loads");
        prop_assert!(error.to_string().starts_with("bad.toml:"), "{error}");
        prop_assert!(graph == before);
        prop_assert_eq!(io::json::to_string(&graph, false).unwrap(), before_json);
        prop_assert!(graph.find_entity("Fredonia").is_err(), "the new alias was left behind");
        prop_assert!(graph.document_by_key("doc99").is_err());

        let mut untouched = before;
        for (i, report) in corpus.iter().enumerate().skip(middle) {
            let a = merge(&mut graph, i, report);
            let b = merge(&mut untouched, i, report);
            prop_assert_eq!(a, b);
        }
        prop_assert!(graph == untouched);
        prop_assert_eq!(io::to_string(&graph).unwrap(), io::to_string(&untouched).unwrap());
    }

    /// Reading a corpus's files at once gives the graph that merging them one by one gives.
    #[test]
    fn reading_files_is_merging_them_one_by_one(corpus in corpus()) {
        let scratch = Scratch::new("files");
        let mut one_by_one = EventGraph::new();
        let mut paths = Vec::new();
        for (i, report) in corpus.iter().enumerate() {
            let path = scratch.write(&format!("r{i:02}.toml"), &text(i, report));
            io::merge_file(&mut one_by_one, &path).unwrap();
            paths.push(path);
        }
        let read = io::read_files(&paths).unwrap();
        prop_assert!(read == one_by_one);
        prop_assert!(io::read_dir(&scratch.0).unwrap() == one_by_one);
    }
}

/// A change through the API between merges, to an event a later report may restate.
#[derive(Clone, Debug)]
enum Change {
    /// A state joins an event as participant.
    Join(prop::sample::Index, usize),
    /// The event is copied, keyless, under the same document.
    Copy(prop::sample::Index),
}

fn change() -> impl Strategy<Value = Option<Change>> {
    prop::option::of(prop_oneof![
        (any::<prop::sample::Index>(), 0usize..STATES.len()).prop_map(|(e, s)| Change::Join(e, s)),
        any::<prop::sample::Index>().prop_map(Change::Copy),
    ])
}

fn apply(graph: &mut EventGraph, change: &Change) {
    let events: Vec<EventId> = graph.events().map(|(id, _)| id).collect();
    if events.is_empty() {
        return;
    }
    match change {
        Change::Join(at, state) => {
            let event = events[at.index(events.len())];
            let entity = graph.find_entity(STATES[*state]).unwrap();
            let sources = graph.event(event).unwrap().sources().into();
            let _ = graph.add_participation(
                Participation::new(entity, Role::Participant, event).sources(sources),
            );
        }
        Change::Copy(at) => {
            let event = events[at.index(events.len())];
            let mut copy = graph.event(event).unwrap().to_event();
            copy.key = None;
            let parts: Vec<Participation> = graph
                .participations_in(event)
                .map(|(_, p)| p.to_participation())
                .collect();
            let id = graph.add_event(copy).unwrap();
            for mut p in parts {
                p.event = id;
                let _ = graph.add_participation(p);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The index of keyless events a graph keeps from one merge to the next answers as one
    /// built afresh, whatever was changed through the API in between: every merge gives the
    /// same graph and report as on a copy that never had an index (read back from JSON).
    #[test]
    fn the_kept_index_of_keyless_events_answers_as_a_fresh_one(
        corpus in corpus(),
        changes in prop::collection::vec(change(), 4),
        again in any::<prop::sample::Index>(),
    ) {
        let mut kept = EventGraph::new();
        let mut order: Vec<usize> = (0..corpus.len()).collect();
        order.push(again.index(corpus.len()));
        for (step, &i) in order.iter().enumerate() {
            if let Some(change) = changes.get(step).cloned().flatten() {
                apply(&mut kept, &change);
            }
            let mut fresh = io::json::from_str(&io::json::to_string(&kept, false).unwrap()).unwrap();
            let a = merge(&mut kept, i, &corpus[i]);
            let b = merge(&mut fresh, i, &corpus[i]);
            prop_assert_eq!(a, b);
            prop_assert!(kept == fresh);
        }
    }
}

#[test]
fn a_failing_in_memory_merge_leaves_the_graph_as_it_was() -> Result<(), Error> {
    // Two states of one kind that share an alias: merging a graph that names the alias alone
    // cannot tell which it means, after the merge has added a document and an entity.
    let mut graph = EventGraph::new();
    graph.add_entity(Entity::new(EntityKind::State, "Freedonia").alias("The Republic"))?;
    graph.add_entity(Entity::new(EntityKind::State, "Sylvania").alias("The Republic"))?;
    let before = graph.clone();
    let mut other = EventGraph::new();
    other.add_document(Document::new("made-up"))?;
    other.add_entity(Entity::new(EntityKind::State, "Genovia"))?;
    other.add_entity(Entity::new(EntityKind::State, "The Republic"))?;
    let error = graph.merge(&other).expect_err("an ambiguous name merges");
    assert!(
        matches!(error.kind(), ErrorKind::AmbiguousName { .. }),
        "{error}"
    );
    assert!(graph == before);
    assert!(graph.find_entity("Genovia").is_err());
    assert_eq!(
        graph.add_document(Document::new("next"))?.to_string(),
        "document#0"
    );
    Ok(())
}

#[test]
fn a_folder_loads_in_a_stable_order_with_its_subfolders() {
    let scratch = Scratch::new("folder");
    let report = |i: usize| {
        text(
            i,
            &[Told {
                key: Some(0),
                kind: i % 3,
                day: None,
                planned: false,
                parts: vec![(i % STATES.len(), 0)],
                about: None,
            }],
        )
    };
    // Written out of order; read as b/… after a.toml, and 10.toml before 9.toml.
    for (name, i) in [
        ("b/2.toml", 2),
        ("a.toml", 1),
        ("9.toml", 4),
        ("10.toml", 3),
    ] {
        scratch.write(name, &report(i));
    }
    scratch.write(".hidden/5.toml", "not toml at all [");
    scratch.write("notes.txt", "not a graph file");
    let files = io::graph_files(&scratch.0).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&scratch.0).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["10.toml", "9.toml", "a.toml", "b/2.toml"]);

    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let graph = io::GraphFileReader::new()
        .with_progress(move |path: &Path| log.lock().unwrap().push(path.to_path_buf()))
        .read_dir(&scratch.0)
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), files);
    assert!(graph == io::read_files(&files).unwrap());
    let docs: Vec<&str> = graph.documents().map(|(_, d)| d.key()).collect();
    assert_eq!(docs, ["doc3", "doc4", "doc1", "doc2"]);
}

#[test]
fn a_bad_file_in_a_folder_is_named_and_nothing_loads() {
    let scratch = Scratch::new("bad-folder");
    scratch.write(
        "1.toml",
        "[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\n",
    );
    scratch.write(
        "2.toml",
        "[[entity]]\nkind = \"stat\"\nname = \"Sylvania\"\n",
    );
    let error = io::read_dir(&scratch.0).expect_err("a bad file loads");
    let message = error.to_string();
    assert!(message.contains("2.toml:2:8"), "{message}");
    let missing = io::read_dir(scratch.0.join("no-such-folder")).expect_err("reads a folder");
    assert!(missing.to_string().contains("no-such-folder"), "{missing}");
}

/// A file whose bytes are not UTF-8 is refused at the line and column of the first such byte,
/// whether it is small enough to be read whole or large enough to be read from disk a part at
/// a time, and nothing loads.
#[test]
fn a_file_that_is_not_utf8_is_named_and_nothing_loads() {
    let good = "[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\n";
    let mut large = String::new();
    for i in 0..40_000 {
        large.push_str(&format!(
            "[[entity]]\nkind = \"state\"\nname = \"Made-up State {i}\"\n"
        ));
    }
    assert!(large.len() > 1 << 20, "read from disk");
    for (what, text) in [("small", good.to_owned()), ("large", large)] {
        let scratch = Scratch::new(&format!("not-utf8-{what}"));
        scratch.write("1.toml", good);
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 10;
        bytes[at] = 0xff;
        std::fs::write(scratch.0.join("2.toml"), &bytes).unwrap();
        // The text is ASCII: the line and column of the byte are counted in bytes.
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at - bytes[..at].iter().rposition(|&b| b == b'\n').unwrap();
        let error = io::read_dir(&scratch.0).expect_err("a file that is not UTF-8 loads");
        let location = error.location().expect("a place");
        assert!(location.file().ends_with("2.toml"), "{what}: {error}");
        assert_eq!(
            (location.line(), location.column()),
            (line, Some(column)),
            "{what}: {error}"
        );
        assert!(error.to_string().contains("not UTF-8"), "{what}: {error}");
        let mut graph = EventGraph::new();
        io::merge_file(&mut graph, scratch.0.join("1.toml")).unwrap();
        let before = io::json::to_string(&graph, false).unwrap();
        let error = io::merge_file(&mut graph, scratch.0.join("2.toml"))
            .expect_err("a file that is not UTF-8 merges");
        assert!(error.to_string().contains("2.toml"), "{what}: {error}");
        let after = io::json::to_string(&graph, false).unwrap();
        assert_eq!(before, after, "{what}: the graph is left as it was");
    }
}

/// A bad file far into a folder, past the files parsed ahead of the merge at the start, stops
/// the load with its own error, whichever file is bad and however far the parsing has run
/// ahead; a syntax error and a record the graph refuses alike.
#[test]
fn a_bad_file_far_into_a_folder_is_named() {
    for (bad, text) in [
        (130, "[[entity]]\nkind = \"stat\"\nname = \"Sylvania\"\n"),
        (199, "[[entity\nkind = \"state\"\n"),
        (0, "[[entity]]\nkind = \"stat\"\nname = \"Sylvania\"\n"),
    ] {
        let scratch = Scratch::new("bad-late");
        for i in 0..200 {
            let good = format!("[[entity]]\nkind = \"state\"\nname = \"Made-up State {i}\"\n");
            scratch.write(&format!("{i:03}.toml"), if i == bad { text } else { &good });
        }
        let error = io::read_dir(&scratch.0).expect_err("a bad file loads");
        let message = error.to_string();
        assert!(message.contains(&format!("{bad:03}.toml:")), "{message}");
    }
}

/// The graph is the same, byte for byte in its exports, whatever the number of threads that
/// parse the files.
#[cfg(feature = "parallel")]
#[test]
fn the_graph_does_not_depend_on_the_number_of_threads() {
    use proptest::strategy::ValueTree;
    let scratch = Scratch::new("threads");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let stories = proptest::collection::vec(common::story::report(), 150..151);
    let reports = stories.new_tree(&mut runner).unwrap().current();
    for (i, report) in reports.iter().enumerate() {
        scratch.write(&format!("{i:03}.toml"), &text(i % 40, report));
    }
    let exports = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let graph = pool.install(|| io::read_dir(&scratch.0)).unwrap();
        (
            io::json::to_string(&graph, false).unwrap(),
            io::to_string(&graph).unwrap(),
        )
    };
    let one = exports(1);
    assert_eq!(one, exports(2));
    assert_eq!(one, exports(5));
}

/// A generated corpus loads whole, from a folder, as the benchmarks load it.
#[cfg(feature = "workload")]
#[test]
fn a_generated_corpus_loads_from_its_folder() {
    let scratch = Scratch::new("generated");
    let files = eventkg::workload::articles(400, 3);
    for file in &files {
        scratch.write(&file.name, &file.text);
    }
    let graph = io::read_dir(&scratch.0).unwrap();
    assert_eq!(graph.document_count(), 400);
    let keyed = graph.events().filter(|(_, e)| e.key().is_some()).count();
    assert!(
        keyed > 10 && graph.event_count() < 800,
        "stories shared across files"
    );
    assert!(graph.disputes().count() > 0);
    assert!(graph.entity_count() < 200, "actors recur across files");
}

/// Loading from threads of the pool, all of them loading at once, and from a pool of one
/// thread: a merge whose next file no helper has parsed parses it itself, so nothing waits
/// forever, and every load is the same graph.
#[cfg(all(feature = "parallel", feature = "workload"))]
#[test]
fn folders_load_from_inside_the_pool_while_every_thread_loads() {
    use rayon::prelude::*;
    let scratch = Scratch::new("in-pool");
    // Many windows of files, so that files parse while others merge.
    for file in eventkg::workload::articles(700, 5) {
        scratch.write(&file.name, &file.text);
    }
    let exported = |graph: EventGraph| io::json::to_string(&graph, false).unwrap();
    let alone = exported(io::read_dir(&scratch.0).unwrap());
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let loads: Vec<String> = pool.install(|| {
            (0..4)
                .into_par_iter()
                .map(|_| exported(io::read_dir(&scratch.0).unwrap()))
                .collect()
        });
        assert!(loads.iter().all(|load| *load == alone), "{threads} threads");
    }
}

const STATES_TOML: &str = "[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\n\n[[entity]]\nkind = \"state\"\nname = \"Sylvania\"\n\n";

/// A made-up report `doc` of one keyless meeting of the given initiator and targets.
fn meeting(doc: &str, targets: &[&str]) -> String {
    format!(
        "[[document]]\nid = \"{doc}\"\n\n{STATES_TOML}[[event]]\nkind = \"meeting\"\ninitiator = [\"Freedonia\"]\ntarget = {targets:?}\n"
    )
}

#[test]
fn a_keyless_event_changed_through_the_api_is_found_by_the_next_merge() -> Result<(), Error> {
    let mut graph = EventGraph::new();
    io::merge_str(&mut graph, &meeting("doc1", &[]), "one.toml", None)?;
    let (event, _) = graph.events().next().unwrap();
    let sylvania = graph.find_entity("Sylvania")?;
    let sources = graph.event(event).unwrap().sources().into();
    graph.add_participation(Participation::new(sylvania, Role::Target, event).sources(sources))?;
    // The same report, now telling the target too: the very event, restated.
    let report = io::merge_str(
        &mut graph,
        &meeting("doc1", &["Sylvania"]),
        "one.toml",
        None,
    )?;
    assert_eq!(graph.event_count(), 1, "{report}");
    Ok(())
}

#[test]
fn a_keyless_event_added_through_the_api_is_a_look_alike_for_the_next_merge() -> Result<(), Error> {
    let mut graph = EventGraph::new();
    io::merge_str(
        &mut graph,
        &meeting("doc1", &["Sylvania"]),
        "one.toml",
        None,
    )?;
    let (held, _) = graph.events().next().unwrap();
    let doc2 = graph.add_document(Document::new("doc2"))?;
    let mut copy = graph.event(held).unwrap().to_event();
    copy.sources = Sources::from(Source::new(doc2));
    let parts: Vec<Participation> = graph
        .participations_in(held)
        .map(|(_, p)| p.to_participation())
        .collect();
    let added = graph.add_event(copy)?;
    for mut part in parts {
        part.event = added;
        part.sources = Sources::from(Source::new(doc2));
        graph.add_participation(part)?;
    }
    let report = io::merge_str(
        &mut graph,
        &meeting("doc3", &["Sylvania"]),
        "three.toml",
        None,
    )?;
    let alike: Vec<EventId> = report.look_alikes.iter().map(|l| l.held).collect();
    assert_eq!(alike, [held, added]);
    Ok(())
}

/// Report `i` of a made-up story that every report tells: the talks (on one of three days, a
/// dispute), who took part (one with a confidence), and an alliance that one state is in.
fn story_report(i: usize) -> String {
    told_with(i, "")
}

/// Report `i`, its last participant told with `attributes` as well.
fn told_with(i: usize, attributes: &str) -> String {
    format!(
        "# A made-up report.\n\n[[document]]\nid = \"report-{i}\"\ntext = \"\"\"\nFreedonia \
         met Sylvania for talks, report {i} says. Freedonia is in the Made-up Pact.\n\"\"\"\n\n\
         [[entity]]\nkind = \"state\"\nname = \"Freedonia\"\naliases = [\"The Republic\"]\n\n\
         [[entity]]\nkind = \"state\"\nname = \"Sylvania\"\n\n\
         [[entity]]\nkind = \"intergovernmental\"\nname = \"Made-up Pact\"\n\n\
         [[relation]]\nfrom = \"Freedonia\"\nkind = \"member_of\"\nto = \"Made-up Pact\"\n\
         quote = \"Freedonia is in the Made-up Pact\"\n\n\
         [[event]]\nid = \"talks\"\nkey = \"made-up-talks\"\nkind = \"meeting\"\n\
         date = \"2024-03-0{}\"\nquote = \"Freedonia met Sylvania for talks\"\n\
         initiator = [\"Freedonia\"]\ntarget = [\"Sylvania\"]\n\n\
         [[participation]]\nentity = \"Made-up Pact\"\nrole = \"concerned\"\nevent = \"talks\"\n\
         confidence = 0.{}\n{attributes}",
        1 + i % 3,
        1 + i % 9,
    )
}

#[test]
fn a_story_told_by_many_reports_is_one_event_credited_to_each() -> Result<(), Error> {
    const REPORTS: usize = 300;
    let mut graph = EventGraph::new();
    for i in 0..REPORTS {
        io::merge_str(
            &mut graph,
            &story_report(i),
            &format!("report-{i}.toml"),
            None,
        )?;
    }
    assert_eq!(graph.event_count(), 1);
    let talks = graph.event_by_key("made-up-talks")?;
    let event = graph.event(talks).unwrap();
    let cited = |sources: &[Source]| {
        let mut documents: Vec<DocumentId> = sources.iter().map(|s| s.document).collect();
        documents.dedup();
        documents.len()
    };
    assert_eq!(cited(event.sources()), REPORTS);
    assert!(event.is_disputed(EventField::Date));
    let told: Vec<usize> = event
        .stated(EventField::Date)
        .map(|(_, sources)| cited(sources))
        .collect();
    assert_eq!(told, [REPORTS / 3; 3]);
    let kinds: Vec<usize> = event
        .stated(EventField::Kind)
        .map(|(_, s)| s.len())
        .collect();
    assert_eq!(kinds, [REPORTS]);
    for (_, participation) in graph.participations_in(talks) {
        assert_eq!(cited(participation.sources()), REPORTS);
    }
    assert_eq!(graph.participation_count(), 3);
    let (_, relation) = graph.relations().next().unwrap();
    assert_eq!(cited(relation.sources()), REPORTS);

    // A report that restates all of it, then fails, leaves the graph as it was.
    let before = graph.clone();
    let json = io::json::to_string(&graph, false)?;
    for (k, poison) in POISONS.iter().enumerate() {
        let text = told_with(REPORTS + k, "attributes = { tone = \"made-up\" }\n") + poison;
        let failed = io::merge_str(&mut graph, &text, "poisoned.toml", None);
        assert!(failed.is_err(), "poison {k} merged");
        assert!(graph == before, "poison {k} left a change");
        assert_eq!(io::json::to_string(&graph, false)?, json);
    }
    // And the next report is told as if the failed ones never were.
    let report = io::merge_str(&mut graph, &story_report(REPORTS), "next.toml", None)?;
    assert_eq!(report.new_documents.len(), 1);
    assert_eq!(cited(graph.event(talks).unwrap().sources()), REPORTS + 1);
    Ok(())
}
