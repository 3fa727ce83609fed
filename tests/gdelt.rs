//! Reading GDELT files, on small made-up fixtures written from the codebooks
//! (`tests/data/gdelt/README.md`).

use std::path::{Path, PathBuf};

use eventkg::io::gdelt::{GdeltImport, GdeltReader, Layout, Record};
use eventkg::{
    EntityKind, ErrorKind, EventGraph, EventKind, NaiveDate, Precision, QuadClass, Role, export, io,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/gdelt")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn import(files: &[&str]) -> (EventGraph, eventkg::io::gdelt::ImportSummary) {
    let mut graph = EventGraph::new();
    let summary = GdeltReader::new()
        .add_to(&mut graph, files.iter().map(|f| data(f)))
        .unwrap();
    (graph, summary)
}

fn entity<'g>(graph: &'g EventGraph, name: &str) -> eventkg::EntityRef<'g> {
    let id = graph.find_entity(name).unwrap();
    graph.entity(id).unwrap()
}

#[test]
fn each_layout_is_told_by_its_column_count() {
    for (file, layout) in [
        ("events2.export.tsv", Layout::Events2),
        ("events1.daily.tsv", Layout::Events1Daily),
        ("events1.historical.tsv", Layout::Events1Historical),
        ("mentions2.tsv", Layout::Mentions2),
    ] {
        let mut opened = GdeltReader::new().open(data(file)).unwrap();
        assert_eq!(opened.layout(), layout, "{file}");
        let records: Vec<Record> = opened.records().unwrap().map(Result::unwrap).collect();
        assert!(!records.is_empty());
        assert!(
            records
                .iter()
                .all(|r| matches!(r, Record::Event(_)) == layout.is_events())
        );
        assert_eq!(opened.counts().read, records.len() as u64);
    }
}

#[test]
fn a_row_of_no_known_layout_is_refused_at_open() {
    let error = GdeltReader::new()
        .open(data("sixty_columns.tsv"))
        .unwrap_err();
    let ErrorKind::GdeltLayout { found, .. } = error.kind() else {
        panic!("{error}")
    };
    let line = &error.location().expect("located").line();
    assert_eq!((*line, *found), (1, 60));
    let message = error.to_string();
    assert!(
        message.contains("sixty_columns.tsv:1: 60 columns"),
        "{message}"
    );
    assert!(message.contains("61 (GDELT 2.0 events)"), "{message}");
}

#[test]
fn a_row_of_one_column_is_named_so() {
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("one_column.CSV");
    std::fs::write(&path, "made-up text, not a GDELT row\n").unwrap();
    let error = GdeltReader::new().open(&path).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("one_column.CSV:1: 1 column, not a GDELT layout"),
        "{message}"
    );
}

#[test]
fn events_map_to_kinds_dates_codings_places_and_documents() {
    let (graph, summary) = import(&["events2.export.tsv"]);
    assert_eq!(summary.events_added, 6);
    assert_eq!(summary.rows.read, 6);
    let visit = graph.event(graph.event_by_key("1000001").unwrap()).unwrap();
    assert_eq!(visit.kind(), EventKind::Visit);
    let date = visit.date().unwrap();
    assert_eq!(date.precision(), Precision::Day);
    assert_eq!(date.earliest(), day("2024-06-01"));
    let coding = visit.gdelt().unwrap();
    assert_eq!(coding.event_code.as_str(), "0431");
    assert_eq!(coding.base_code.as_str(), "043");
    assert_eq!(coding.root_code.root(), 4);
    assert_eq!(coding.quad_class, QuadClass::VerbalCooperation);
    assert_eq!(coding.goldstein, 2.8);
    assert_eq!(
        (coding.num_mentions, coding.num_sources, coding.num_articles),
        (6, 2, 6)
    );
    assert_eq!(coding.avg_tone, -1.25);
    assert!(coding.is_root_event);

    // The action's geography is a place with its coordinates and feature id.
    let kyiv = graph.entity(visit.location().unwrap()).unwrap();
    assert_eq!(kyiv.kind(), EntityKind::Place);
    assert_eq!(kyiv.name(), "Kyiv, Kyyiv, Misto, Ukraine");
    let point = kyiv.coordinates().unwrap();
    assert_eq!((point.lat(), point.lon()), (50.4333, 30.5167));
    assert_eq!(kyiv.attributes().get("gdelt_feature_id"), Some("-1044367"));
    assert_eq!(kyiv.attributes().get("fips_country"), Some("UP"));

    // SOURCEURL is a document with its URL and the day GDELT added the event.
    let source = &visit.sources()[0];
    assert!(source.quote.is_none() && source.attributed_to.is_none());
    assert!(source.reported_via.is_empty());
    let document = graph.document(source.document).unwrap();
    assert_eq!(
        document.url(),
        Some("https://news.example.org/2024/06/01/visit")
    );
    assert_eq!(document.published(), Some(day("2024-06-01")));

    // Demand is a request by kind, verbal conflict by GDELT's quad class.
    let demand = graph.event(graph.event_by_key("1000005").unwrap()).unwrap();
    assert_eq!(demand.kind(), EventKind::Request);
    assert_eq!(
        demand.gdelt().unwrap().quad_class,
        QuadClass::VerbalConflict
    );
    assert_eq!(
        graph
            .event(graph.event_by_key("1000002").unwrap())
            .unwrap()
            .kind(),
        EventKind::Assault
    );
    // Nothing GDELT does not say is made up: no negation.
    assert!(
        graph
            .participations()
            .all(|(_, p)| !p.polarity().is_negated())
    );
}

#[test]
fn actors_are_one_entity_by_code_and_name() {
    let (graph, summary) = import(&["events2.export.tsv"]);
    // `FRANCE` is both the government (FRAGOV) and the state (FRA): two kinds, two entities.
    let ids: Vec<_> = graph.entities_named("FRANCE").collect();
    assert_eq!(ids.len(), 2);
    let kinds: Vec<_> = ids
        .iter()
        .map(|&id| graph.entity(id).unwrap().kind().clone())
        .collect();
    assert!(kinds.contains(&EntityKind::GovernmentBody) && kinds.contains(&EntityKind::State));
    let fragov = ids
        .iter()
        .copied()
        .find(|&id| graph.entity(id).unwrap().kind() == EntityKind::GovernmentBody)
        .unwrap();
    // The government acts in one event and is the target of another: one entity.
    let roles: Vec<Role> = graph
        .participations_of(fragov)
        .map(|(_, p)| p.role().clone())
        .collect();
    assert_eq!(roles, [Role::Initiator, Role::Target]);
    let fragov = graph.entity(fragov).unwrap();
    assert_eq!(fragov.country().unwrap().as_str(), "FRA");
    assert_eq!(fragov.attributes().get("cameo_code"), Some("FRAGOV"));

    // Two police forces share GDELT's name: the second is told apart by its code.
    let us = entity(&graph, "POLICE");
    assert_eq!(us.attributes().get("cameo_code"), Some("USACOP"));
    let gb = entity(&graph, "POLICE (GBRCOP)");
    assert_eq!(gb.attributes().get("gdelt_name"), Some("POLICE"));
    assert_eq!(gb.kind(), EntityKind::GovernmentBody);

    assert_eq!(entity(&graph, "RUSSIA").kind(), EntityKind::ArmedForce);
    assert_eq!(
        entity(&graph, "UNITED NATIONS").kind(),
        EntityKind::Intergovernmental
    );
    assert_eq!(entity(&graph, "UNITED NATIONS").country(), None);
    // Quotes inside a field are kept as written (GDELT's files are not quoted), and so are
    // names beyond ASCII.
    let militia = entity(&graph, "\"NORTHERN\" MILITIA");
    assert_eq!(militia.kind(), EntityKind::ArmedForce);
    assert_eq!(
        entity(&graph, "BÜRGERMEISTER").kind(),
        EntityKind::GovernmentBody
    );
    assert!(graph.find_entity("Zürich, Zurich, Switzerland").is_ok());
    assert_eq!(summary.actors_added, 9);
    assert_eq!(
        summary.names_qualified, 1,
        "the second POLICE, and it is told"
    );
    assert_eq!(summary.places_added, 3);

    // A second import of the same file adds no actor, place or event: it restates them.
    let mut again = graph.clone();
    let second = GdeltReader::new()
        .add_to(&mut again, [data("events2.export.tsv")])
        .unwrap();
    assert_eq!(second.events_restated, 6);
    assert_eq!(second.codings_not_kept, 0);
    assert_eq!(
        (
            second.events_added,
            second.actors_added,
            second.places_added
        ),
        (0, 0, 0)
    );
    assert_eq!(again.entity_count(), graph.entity_count());
    assert_eq!(
        io::json::to_string(&again, false).unwrap(),
        io::json::to_string(&graph, false).unwrap()
    );
}

#[test]
fn mentions_become_sources_of_their_events() {
    // Mentions first on the command line: events are still read first.
    let (graph, summary) = import(&["mentions2.tsv", "events2.export.tsv"]);
    assert_eq!(summary.mentions_added, 4);
    assert_eq!(summary.mentions_of_unknown_events, 1);
    let visit = graph.event_by_key("1000001").unwrap();
    let documents: Vec<String> = graph
        .event(visit)
        .unwrap()
        .sources()
        .iter()
        .map(|s| graph.document(s.document).unwrap().key().to_owned())
        .collect();
    // The first mention is the SOURCEURL itself: one source, not two.
    assert_eq!(
        documents,
        [
            "https://news.example.org/2024/06/01/visit",
            "https://courier.example.com/world/france-ukraine",
            "Example Policy Journal, vol. 12, 2024",
        ]
    );
    for (_, participation) in graph.participations_in(visit) {
        assert_eq!(participation.sources().len(), 3);
    }
    let citation = graph
        .document(
            graph
                .document_by_key("Example Policy Journal, vol. 12, 2024")
                .unwrap(),
        )
        .unwrap();
    assert_eq!(citation.url(), None, "a citation-only mention has no URL");
    assert_eq!(citation.published(), Some(day("2024-06-02")));
    let courier = graph
        .document(
            graph
                .document_by_key("https://courier.example.com/world/clashes")
                .unwrap(),
        )
        .unwrap();
    let outlet = graph.entity(courier.publisher().unwrap()).unwrap();
    assert_eq!(
        (outlet.kind().clone(), outlet.name()),
        (EntityKind::MediaOutlet, "courier.example.com")
    );
    assert_eq!(summary.outlets_added, 3);
}

#[test]
fn gdelt_1_layouts_read_with_and_without_source_urls() {
    let (graph, _) = import(&["events1.daily.tsv", "events1.historical.tsv"]);
    let daily = graph.event(graph.event_by_key("2000001").unwrap()).unwrap();
    let url = graph.document(daily.sources()[0].document).unwrap().url();
    // The daily file ends its lines with CRLF; the URL does not keep the CR.
    assert_eq!(url, Some("https://news.example.org/2013/04/15/visit"));
    let historical = graph.event(graph.event_by_key("3000001").unwrap()).unwrap();
    let document = graph.document(historical.sources()[0].document).unwrap();
    assert_eq!(document.key(), "gdelt-file:events1.historical.tsv");
    assert_eq!(historical.kind(), EventKind::Agree);
    assert_eq!(
        graph
            .event(graph.event_by_key("3000002").unwrap())
            .unwrap()
            .kind(),
        EventKind::Retreat
    );
    let france = graph.entity(historical.location().unwrap()).unwrap();
    assert_eq!(france.attributes().get("gdelt_geo_type"), Some("country"));
}

#[test]
fn a_bad_row_is_located_and_leaves_the_graph_untouched() {
    let mut graph = EventGraph::new();
    GdeltReader::new()
        .add_to(&mut graph, [data("events1.daily.tsv")])
        .unwrap();
    let before = io::json::to_string(&graph, false).unwrap();
    let error = GdeltReader::new()
        .add_to(&mut graph, [data("events2.baddate.tsv")])
        .unwrap_err();
    let ErrorKind::GdeltRow { column, value, .. } = error.kind() else {
        panic!("{error}")
    };
    let line = &error.location().expect("located").line();
    assert_eq!(
        (*line, *column, value.as_str()),
        (2, "SQLDATE", "2024-06-02")
    );
    assert!(
        error
            .to_string()
            .contains("events2.baddate.tsv:2: column SQLDATE")
    );
    assert_eq!(io::json::to_string(&graph, false).unwrap(), before);

    // The next file still imports whole, with identities intact.
    let summary = GdeltReader::new()
        .add_to(&mut graph, [data("events2.export.tsv")])
        .unwrap();
    assert_eq!(summary.events_added, 6);
}

#[test]
fn a_truncated_last_line_fails_or_is_counted() {
    let mut graph = EventGraph::new();
    let error = GdeltReader::new()
        .add_to(&mut graph, [data("events2.truncated.tsv")])
        .unwrap_err();
    let ErrorKind::GdeltLayout { found, .. } = error.kind() else {
        panic!("{error}")
    };
    let line = &error.location().expect("located").line();
    assert_eq!((*line, *found), (6, 31));
    assert_eq!(graph.event_count(), 0);
    assert_eq!(graph.entity_count(), 0);

    let summary = GdeltReader::new()
        .skip_bad(true)
        .add_to(&mut graph, [data("events2.truncated.tsv")])
        .unwrap();
    assert_eq!(summary.events_added, 5);
    assert_eq!(
        (summary.rows.read, summary.rows.kept, summary.rows.bad),
        (6, 5, 1)
    );
    assert_eq!(summary.bad_rows.len(), 1);
    assert!(
        summary.bad_rows[0]
            .to_string()
            .contains("events2.truncated.tsv:6")
    );
}

#[test]
fn filters_keep_what_they_name() {
    let count = |reader: GdeltReader| {
        let mut graph = EventGraph::new();
        let summary = reader
            .add_to(&mut graph, [data("events2.export.tsv")])
            .unwrap();
        assert_eq!(summary.rows.kept + summary.rows.filtered, 6);
        assert_eq!(summary.events_added, summary.rows.kept);
        summary.rows.kept
    };
    assert_eq!(count(GdeltReader::new()), 6);
    assert_eq!(count(GdeltReader::new().from(day("2024-06-01"))), 5);
    assert_eq!(count(GdeltReader::new().to(day("2024-06-02"))), 3);
    assert_eq!(count(GdeltReader::new().country("UKR".parse().unwrap())), 2);
    assert_eq!(
        count(
            GdeltReader::new()
                .country("UKR".parse().unwrap())
                .country("USA".parse().unwrap())
        ),
        3
    );
    assert_eq!(count(GdeltReader::new().root_code(4)), 2);
    assert_eq!(count(GdeltReader::new().root_code(4).root_code(19)), 3);
    assert_eq!(count(GdeltReader::new().min_mentions(4)), 3);
}

#[cfg(feature = "zip")]
#[test]
fn zipped_files_read_as_the_plain_ones() {
    use std::io::Write;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let plain = std::fs::read(data("events2.export.tsv")).unwrap();
    let zipped = |name: &str, method: zip::CompressionMethod, files: &[&str]| {
        let path = dir.join(name);
        let mut archive = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for file in files {
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            archive.start_file(*file, options).unwrap();
            archive.write_all(&plain).unwrap();
        }
        archive.finish().unwrap();
        path
    };
    let (expected, _) = import(&["events2.export.tsv"]);
    let expected = io::json::to_string(&expected, false).unwrap();
    for method in [
        zip::CompressionMethod::Deflated,
        zip::CompressionMethod::Stored,
    ] {
        // Named as GDELT names them: the file is told zipped by its bytes, not its name.
        let path = zipped("20240601.export.CSV.zip", method, &["20240601.export.CSV"]);
        let mut graph = EventGraph::new();
        GdeltReader::new().add_to(&mut graph, [&path]).unwrap();
        assert_eq!(io::json::to_string(&graph, false).unwrap(), expected);
    }
    let two = zipped(
        "two.zip",
        zip::CompressionMethod::Deflated,
        &["a.CSV", "b.CSV"],
    );
    let error = GdeltReader::new().open(&two).unwrap_err();
    assert!(error.to_string().contains("holds 2"), "{error}");

    // A damaged archive is an error, not a short file.
    let good = zipped("damaged.zip", zip::CompressionMethod::Stored, &["x.CSV"]);
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.windows(7).position(|w| w == b"1000003").unwrap();
    bytes[at] = b'9';
    std::fs::write(&good, bytes).unwrap();
    let mut graph = EventGraph::new();
    let error = GdeltReader::new().add_to(&mut graph, [&good]).unwrap_err();
    assert!(error.to_string().contains("damaged"), "{error}");
    assert_eq!(graph.event_count(), 0);
}

#[test]
fn import_then_event_table_agree_with_the_rows() {
    let (graph, _) = import(&["events2.export.tsv"]);
    let mut table = Vec::new();
    export::tables::EventTableWriter::new(&graph)
        .write(&mut table)
        .unwrap();
    let mut written = csv::Reader::from_reader(&table[..]);
    let header: Vec<String> = written
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = written.records().map(Result::unwrap).collect();
    let source = std::fs::read_to_string(data("events2.export.tsv")).unwrap();
    let originals: Vec<Vec<&str>> = source.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), originals.len());
    for original in &originals {
        let row = rows
            .iter()
            .find(|r| &r[column("key")] == original[0])
            .unwrap();
        let sqldate = original[1];
        let iso = format!("{}-{}-{}", &sqldate[..4], &sqldate[4..6], &sqldate[6..]);
        for (ours, theirs) in [
            ("date", iso.as_str()),
            ("actor1", original[6]),
            ("actor1_country", original[7]),
            ("actor2", original[16]),
            ("actor2_country", original[17]),
            ("cameo_code", original[26]),
            ("cameo_root", original[28]),
            ("quad_class", original[29]),
            ("num_mentions", original[31]),
            ("gdelt_num_sources", original[32]),
            ("num_articles", original[33]),
            ("location", original[52]),
            ("source_url", original[60]),
        ] {
            // The second police force is named apart in the graph; the table says so.
            let value = &row[column(ours)];
            let value = value.strip_suffix(" (GBRCOP)").unwrap_or(value);
            assert_eq!(value, theirs, "{ours} of event {}", original[0]);
        }
        for (ours, theirs) in [("goldstein", original[30]), ("avg_tone", original[34])] {
            let value: f64 = row[column(ours)].parse().unwrap();
            assert_eq!(value, theirs.parse::<f64>().unwrap(), "{ours}");
        }
        assert_eq!(&row[column("is_root_event")], original[25]);
    }
}

#[test]
fn codings_and_coordinates_survive_json_and_graph_files() {
    let (graph, _) = import(&["events2.export.tsv", "mentions2.tsv"]);
    let json = io::json::to_string(&graph, false).unwrap();
    let back = io::json::from_str(&json).unwrap();
    assert_eq!(io::json::to_string(&back, false).unwrap(), json);
    let toml = io::to_string(&graph).unwrap();
    let from_toml = io::from_str(&toml, "gdelt.toml").unwrap();
    let visit = from_toml
        .event(from_toml.event_by_key("1000001").unwrap())
        .unwrap();
    assert_eq!(visit.gdelt().unwrap().event_code.as_str(), "0431");
    let kyiv = from_toml.entity(visit.location().unwrap()).unwrap();
    assert_eq!(kyiv.coordinates().unwrap().lat(), 50.4333);
}

/// A copy of a fixture with `edit` applied to its text, in a temporary folder of its own that
/// goes with it.
fn edited(name: &str, as_name: &str, edit: impl Fn(String) -> String) -> Edited {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(as_name);
    std::fs::write(&path, edit(std::fs::read_to_string(data(name)).unwrap())).unwrap();
    Edited { _dir: dir, path }
}

struct Edited {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl std::ops::Deref for Edited {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for Edited {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

#[test]
fn a_name_the_graph_would_refuse_is_a_bad_row() {
    // The second row's Actor1Name has no letter or digit.
    let path = edited("events2.export.tsv", "badname.tsv", |text| {
        text.replacen("\tRUSSIA\t", "\t---\t", 1)
    });
    let mut graph = EventGraph::new();
    let error = GdeltReader::new().add_to(&mut graph, [&path]).unwrap_err();
    let ErrorKind::GdeltRow { column, .. } = error.kind() else {
        panic!("{error}")
    };
    let line = &error.location().expect("located").line();
    assert_eq!((*line, *column), (2, "Actor1Name"));
    assert_eq!(graph.event_count(), 0);
    let summary = GdeltReader::new()
        .skip_bad(true)
        .add_to(&mut graph, [&path])
        .unwrap();
    assert_eq!((summary.events_added, summary.rows.bad), (5, 1));
}

#[test]
fn an_event_told_again_differently_keeps_both_values() {
    // A second file restates event 1000001 a day later, from another URL.
    let path = edited("events2.export.tsv", "restated.tsv", |text| {
        let first = text.lines().next().unwrap();
        first
            .replacen("\t20240601\t", "\t20240602\t", 1)
            .replace("2024/06/01/visit", "2024/06/02/visit-again")
            + "\n"
    });
    let mut graph = EventGraph::new();
    let reader = GdeltReader::new();
    reader
        .add_to(&mut graph, [data("events2.export.tsv")])
        .unwrap();
    let summary = reader.add_to(&mut graph, [&path]).unwrap();
    assert_eq!((summary.events_added, summary.events_restated), (0, 1));
    assert_eq!(summary.codings_not_kept, 0, "the same coding, another day");
    let visit = graph.event(graph.event_by_key("1000001").unwrap()).unwrap();
    assert_eq!(visit.sources().len(), 2);
    assert!(visit.is_disputed(eventkg::EventField::Date));
    let dates: Vec<String> = visit
        .values()
        .of(eventkg::EventField::Date)
        .map(|v| v.value.to_string())
        .collect();
    assert_eq!(dates, ["2024-06-01", "2024-06-02"]);

    // A row with other counts keeps the first coding, and says so.
    let recounted = edited("events2.export.tsv", "recounted.tsv", |text| {
        text.lines()
            .next()
            .unwrap()
            .replacen("\t6\t2\t6\t", "\t9\t3\t9\t", 1)
            + "\n"
    });
    let summary = reader.add_to(&mut graph, [&recounted]).unwrap();
    assert_eq!((summary.events_restated, summary.codings_not_kept), (1, 1));
    let visit = graph.event(graph.event_by_key("1000001").unwrap()).unwrap();
    assert_eq!(visit.gdelt().unwrap().num_mentions, 6);
}

#[test]
fn a_row_that_is_not_utf8_is_a_bad_row_of_its_column() {
    let text = std::fs::read(data("events2.export.tsv")).unwrap();
    let at = text.windows(8).position(|w| w == b"\tRUSSIA\t").unwrap();
    let mut bytes = text.clone();
    bytes[at + 5] = 0xff;
    let path = edited("events2.export.tsv", "latin1.tsv", |t| t);
    std::fs::write(&path, bytes).unwrap();
    let mut graph = EventGraph::new();
    let error = GdeltReader::new().add_to(&mut graph, [&path]).unwrap_err();
    let ErrorKind::GdeltRow { column, value, .. } = error.kind() else {
        panic!("{error}")
    };
    let line = &error.location().expect("located").line();
    assert_eq!((*line, *column), (2, "Actor1Name"), "{error}");
    // The value as written, its byte that is not UTF-8 shown as U+FFFD.
    assert_eq!(value, "RUSS\u{fffd}A", "{error}");
    let summary = GdeltReader::new()
        .skip_bad(true)
        .add_to(&mut graph, [&path])
        .unwrap();
    assert_eq!(
        (summary.rows.read, summary.rows.bad, summary.events_added),
        (6, 1, 5)
    );
}

#[test]
fn every_export_carries_the_coding_and_the_coordinates() {
    use eventkg::export::tables;
    let (graph, _) = import(&["events2.export.tsv"]);
    let text = |write: &dyn Fn(&mut Vec<u8>) -> Result<(), eventkg::Error>| {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let graphml = text(&|o| export::GraphmlWriter::new(&graph).write(o));
    assert!(graphml.contains(r#"<data key="n_cameo_code">0431</data>"#));
    assert!(graphml.contains(r#"<data key="n_goldstein">2.8</data>"#));
    assert!(graphml.contains(r#"<data key="n_lat">50.4333</data>"#));
    let turtle = text(&|o| export::RdfWriter::new(&graph).write(o));
    assert!(turtle.contains(r#""0431""#), "{turtle}");
    assert!(turtle.contains("wgs84_pos#lat"), "{turtle}");
    let events =
        text(&|o| tables::BulkWriter::new(&graph).write_table(tables::BulkTable::Events, o));
    let header = events.lines().next().unwrap();
    assert!(header.contains("cameo_code,goldstein:double,num_mentions:long"));
    // The demand keeps GDELT's quad class (3, verbal conflict) in every export.
    let demand = events.lines().find(|l| l.contains(",1000005,")).unwrap();
    assert!(demand.contains(",10,3,"), "{demand}");
    let entities =
        text(&|o| tables::BulkWriter::new(&graph).write_table(tables::BulkTable::Entities, o));
    assert!(entities.contains(",50.4333,30.5167,"), "{entities}");
    let schema = tables::kuzu_schema();
    assert!(schema.contains("lat DOUBLE, lon DOUBLE, labels STRING[]"));
    assert!(schema.contains("is_root_event BOOLEAN, labels STRING[]"));
}

#[test]
fn queries_count_cooperation_and_conflict_by_gdelt_quad_class() {
    let (graph, _) = import(&["events2.export.tsv"]);
    // Verbal conflict: the demand (a request by kind) and nothing else; material conflict:
    // the fight.
    let keys = |class: QuadClass| -> Vec<String> {
        graph
            .search_events()
            .quad_class(class)
            .iter()
            .map(|(_, e)| e.key().unwrap().to_owned())
            .collect()
    };
    assert_eq!(keys(QuadClass::VerbalConflict), ["1000005"]);
    assert_eq!(keys(QuadClass::MaterialConflict), ["1000002"]);
    let conflict: Vec<String> = graph
        .search_events()
        .conflict(true)
        .iter()
        .map(|(_, e)| e.key().unwrap().to_owned())
        .collect();
    assert_eq!(conflict, ["1000002", "1000005"]);
}

#[test]
fn a_tone_that_is_not_a_finite_number_is_a_bad_row() {
    for tone in ["NaN", "inf", "-infinity"] {
        let path = edited("events2.export.tsv", "nan.tsv", |text| {
            text.replacen("\t-1.25\t", &format!("\t{tone}\t"), 1)
        });
        let error = GdeltReader::new()
            .add_to(&mut EventGraph::new(), [&path])
            .unwrap_err();
        let ErrorKind::GdeltRow { column, .. } = error.kind() else {
            panic!("{error}")
        };
        let line = &error.location().expect("located").line();
        assert_eq!((*line, *column), (1, "AvgTone"), "{tone}");
    }
}

#[test]
fn a_mention_credits_only_what_gdelt_coded() {
    // A made-up report joins GDELT's event 1000001 by its key and adds a supporter of its
    // own, and gives an event of its own the key of a mention whose event GDELT's file lacks.
    let mut graph = EventGraph::new();
    GdeltReader::new()
        .add_to(&mut graph, [data("events2.export.tsv")])
        .unwrap();
    let report = r#"
[[document]]
id = "made-up-herald"
[[entity]]
kind = "organisation"
name = "Acme Relief"
[[event]]
kind = "visit"
key = "1000001"
supporter = ["Acme Relief"]
document = "made-up-herald"
[[event]]
kind = "meeting"
key = "9999999"
participant = ["Acme Relief"]
document = "made-up-herald"
"#;
    io::merge_str(&mut graph, report, "herald.toml", None).unwrap();
    let summary = GdeltReader::new()
        .add_to(&mut graph, [data("mentions2.tsv")])
        .unwrap();
    // The mention of 9999999 is of no event GDELT coded: the graph file's event keeps its
    // one source.
    assert_eq!(summary.mentions_of_unknown_events, 1);
    let own = graph.event(graph.event_by_key("9999999").unwrap()).unwrap();
    assert_eq!(own.sources().len(), 1);
    let visit = graph.event_by_key("1000001").unwrap();
    for (_, p) in graph.participations_in(visit) {
        let documents: Vec<String> = p
            .sources()
            .iter()
            .map(|s| graph.document(s.document).unwrap().key().to_owned())
            .collect();
        if p.role() == Role::Supporter {
            assert_eq!(
                documents,
                ["made-up-herald"],
                "no mention states the supporter"
            );
        } else {
            assert_eq!(documents.len(), 3, "{documents:?}");
        }
    }
}

#[test]
fn a_document_of_a_file_rolled_back_is_added_again_by_the_next() {
    // Made up from the export fixture: its first row, then a row of the same article whose
    // SQLDATE is no date; after it, a file of the first row alone.
    let bad = edited("events2.export.tsv", "rolled-back.tsv", |text| {
        let first = text.lines().next().unwrap().to_owned();
        let second = first.replacen("1000001\t20240601", "1000009\t2024-06-01", 1);
        format!("{first}\n{second}\n")
    });
    let good = edited("events2.export.tsv", "after.tsv", |text| {
        format!("{}\n", text.lines().next().unwrap())
    });
    let reader = GdeltReader::new();
    let mut graph = EventGraph::new();
    let mut import = GdeltImport::new(&mut graph);
    let error = import.add(&mut reader.open(&bad).unwrap()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("rolled-back.tsv:2: column SQLDATE")
    );
    import.add(&mut reader.open(&good).unwrap()).unwrap();
    assert_eq!(import.finish().documents_added, 1);
    let url = "https://news.example.org/2024/06/01/visit";
    let document = graph.document_by_key(url).unwrap();
    let event = graph.event_by_key("1000001").unwrap();
    let sources = graph.event(event).unwrap().sources().to_vec();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].document, document);
}

#[test]
fn rows_of_one_article_cite_one_document_near_or_far() {
    // Made up from the export fixture: its rows, then its first row again as a new event of
    // the same article, right after the fourth (another article) and right after itself.
    let path = edited("events2.export.tsv", "one-article.tsv", |text| {
        let first = text.lines().next().unwrap().to_owned();
        let again = |id: &str| first.replacen("1000001", id, 1);
        format!("{text}{}\n{}\n", again("1000007"), again("1000008"))
    });
    let mut graph = EventGraph::new();
    let summary = GdeltReader::new().add_to(&mut graph, [&path]).unwrap();
    assert_eq!((summary.events_added, summary.documents_added), (8, 6));
    let document = graph
        .document_by_key("https://news.example.org/2024/06/01/visit")
        .unwrap();
    for key in ["1000001", "1000007", "1000008"] {
        let event = graph.event(graph.event_by_key(key).unwrap()).unwrap();
        let cited: Vec<_> = event.sources().iter().map(|s| s.document).collect();
        assert_eq!(cited, [document], "{key}");
    }
}

#[test]
fn actors_numbered_file_by_file_find_their_own_entities() {
    // Made up from the export fixture: its rows in reverse order, so that the reading thread
    // numbers the actors otherwise than in the file after it; then a file that names a new
    // actor and fails on its second row; then the rows as written, and that new actor again.
    let with_actor = |line: &str, id: &str, code: &str, name: &str| {
        let mut fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
        fields[0] = id.into();
        fields[5] = code.into();
        fields[6] = name.into();
        fields.join("\t")
    };
    let reversed = edited("events2.export.tsv", "reversed.tsv", |text| {
        let lines: Vec<&str> = text.lines().rev().collect();
        format!("{}\n", lines.join("\n"))
    });
    let failing = edited("events2.export.tsv", "failing.tsv", |text| {
        let first = text.lines().next().unwrap();
        let new = with_actor(first, "2000001", "ZZZREB", "MADE-UP REBELS");
        let bad = first.replacen("\t20240601\t", "\t2024-06-01\t", 1);
        format!("{new}\n{bad}\n")
    });
    let forward = edited("events2.export.tsv", "forward.tsv", |text| {
        let last = text.lines().last().unwrap();
        let new = with_actor(last, "2000002", "ZZZREB", "MADE-UP REBELS");
        format!("{text}{new}\n")
    });
    let reader = GdeltReader::new();
    let mut one = EventGraph::new();
    let mut import = GdeltImport::new(&mut one);
    import.add(&mut reader.open(&reversed).unwrap()).unwrap();
    assert!(import.add(&mut reader.open(&failing).unwrap()).is_err());
    import.add(&mut reader.open(&forward).unwrap()).unwrap();
    let summary = import.finish();
    assert_eq!(
        summary.actors_added, 10,
        "the fixture's nine and the new one"
    );

    // The same files, each in an import of its own.
    let mut apart = EventGraph::new();
    reader.add_to(&mut apart, [&reversed]).unwrap();
    reader.add_to(&mut apart, [&failing]).unwrap_err();
    reader.add_to(&mut apart, [&forward]).unwrap();
    assert_eq!(
        io::json::to_string(&one, false).unwrap(),
        io::json::to_string(&apart, false).unwrap()
    );
    let rebels = one.find_entity("MADE-UP REBELS").unwrap();
    let events: Vec<_> = one
        .participations_of(rebels)
        .map(|(_, p)| one.event(p.event()).unwrap().key().unwrap().to_owned())
        .collect();
    assert_eq!(events, ["2000002"]);
}

#[test]
fn a_row_left_out_between_two_of_one_article_does_not_part_them() {
    // Made up from the export fixture's first row: an event of its article, one of another
    // article with another root code, and a second event of the first article. The filters
    // keep the first root code only.
    let path = edited("events2.export.tsv", "left-out.tsv", |text| {
        let first = text.lines().next().unwrap();
        let row = |id: &str, code: Option<&str>, url: Option<&str>| {
            let mut fields: Vec<String> = first.split('\t').map(str::to_owned).collect();
            fields[0] = id.into();
            if let Some(code) = code {
                fields[26] = format!("{code}1");
                fields[27] = format!("{code}1");
                fields[28] = code.into();
            }
            if let Some(url) = url {
                *fields.last_mut().unwrap() = url.into();
            }
            fields.join("\t")
        };
        let other = row(
            "3000002",
            Some("14"),
            Some("https://news.example.org/made-up"),
        );
        format!(
            "{}\n{other}\n{}\n",
            row("3000001", None, None),
            row("3000003", None, None)
        )
    });
    let first_root = std::fs::read_to_string(data("events2.export.tsv")).unwrap();
    let first_root: u8 = first_root
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(28)
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(first_root, 14);
    let mut graph = EventGraph::new();
    let summary = GdeltReader::new()
        .root_code(first_root)
        .add_to(&mut graph, [&path])
        .unwrap();
    assert_eq!((summary.events_added, summary.documents_added), (2, 1));
    let document = graph
        .document_by_key("https://news.example.org/2024/06/01/visit")
        .unwrap();
    for key in ["3000001", "3000003"] {
        let event = graph.event(graph.event_by_key(key).unwrap()).unwrap();
        let cited: Vec<_> = event.sources().iter().map(|s| s.document).collect();
        assert_eq!(cited, [document], "{key}");
    }
    assert!(
        graph
            .document_by_key("https://news.example.org/made-up")
            .is_err()
    );
}

#[test]
fn a_story_mentioned_by_thousands_of_articles_cites_each_once() {
    // Made-up mention rows of the export fixture's events: every other row mentions the
    // visit (1000001), one row in three is told again from another sentence of its article,
    // one in ten is the article the event was coded from, and the rest are new articles.
    let coded: Vec<(String, String)> = std::fs::read_to_string(data("events2.export.tsv"))
        .unwrap()
        .lines()
        .map(|row| {
            let cells: Vec<&str> = row.split('\t').collect();
            (cells[0].to_owned(), cells[60].to_owned())
        })
        .collect();
    let mut expected: Vec<Vec<String>> = coded.iter().map(|(_, url)| vec![url.clone()]).collect();
    let mut rows = String::new();
    for i in 0..3000 {
        let event = if i % 2 == 0 { 0 } else { i % coded.len() };
        let url = if i % 10 == 0 {
            coded[event].1.clone()
        } else {
            format!("https://made-up.example.org/article-{}", i / 3)
        };
        for sentence in 1..=1 + usize::from(i % 3 == 0) {
            rows.push_str(&format!(
                "{}\t20240601120000\t20240601130000\t1\tmade-up.example.org\t{url}\t{sentence}\t10\t40\t25\t1\t100\t2400\t-1.25\t\t\n",
                coded[event].0
            ));
        }
        if !expected[event].contains(&url) {
            expected[event].push(url);
        }
        // An event no file coded, mentioned again and again: each mention is counted, and
        // none adds its article.
        if i % 7 == 0 {
            rows.push_str(&format!(
                "1999999\t20240601120000\t20240601130000\t1\tmade-up.example.org\thttps://made-up.example.org/unknown-{i}\t1\t10\t40\t25\t1\t100\t2400\t-1.25\t\t\n"
            ));
        }
    }
    let unknown = rows
        .lines()
        .filter(|row| row.starts_with("1999999"))
        .count() as u64;
    let scratch = tempfile::tempdir().unwrap();
    let mentions = scratch.path().join("made-up.mentions.CSV");
    std::fs::write(&mentions, &rows).unwrap();
    let broken = scratch.path().join("broken.mentions.CSV");
    std::fs::write(&broken, format!("{rows}1000001\tnot a time\n")).unwrap();

    let mut graph = EventGraph::new();
    let reader = GdeltReader::new();
    reader
        .add_to(&mut graph, [data("events2.export.tsv")])
        .unwrap();
    // A file that fails on its last row leaves nothing of its mentions behind, and the next
    // file of the same import cites its own documents afresh.
    let mut import = GdeltImport::new(&mut graph);
    assert!(import.add(&mut reader.open(&broken).unwrap()).is_err());
    import.add(&mut reader.open(&mentions).unwrap()).unwrap();
    let summary = import.finish();
    assert_eq!(
        summary.mentions_added,
        rows.lines().count() as u64 - unknown
    );
    assert_eq!((unknown, summary.mentions_of_unknown_events), (429, 429));
    assert!(
        graph
            .document_by_key("https://made-up.example.org/unknown-0")
            .is_err()
    );
    let mut alone = EventGraph::new();
    reader
        .add_to(&mut alone, [data("events2.export.tsv"), mentions.clone()])
        .unwrap();
    assert_eq!(
        io::json::to_string(&graph, false).unwrap(),
        io::json::to_string(&alone, false).unwrap()
    );

    // Mentions read before their events mention no event; read again after them, they cite.
    let mut late = EventGraph::new();
    let mut import = GdeltImport::new(&mut late);
    import.add(&mut reader.open(&mentions).unwrap()).unwrap();
    import
        .add(&mut reader.open(data("events2.export.tsv")).unwrap())
        .unwrap();
    import.add(&mut reader.open(&mentions).unwrap()).unwrap();
    let summary = import.finish();
    assert_eq!(
        summary.mentions_of_unknown_events,
        rows.lines().count() as u64 + unknown
    );
    assert_eq!(
        io::json::to_string(&late, false).unwrap(),
        io::json::to_string(&alone, false).unwrap()
    );

    let keys = |sources: &[eventkg::Source]| -> Vec<String> {
        sources
            .iter()
            .map(|s| graph.document(s.document).unwrap().key().to_owned())
            .collect()
    };
    for ((id, _), expected) in coded.iter().zip(&expected) {
        let event = graph.event_by_key(id).unwrap();
        assert_eq!(
            &keys(graph.event(event).unwrap().sources()),
            expected,
            "{id}"
        );
        for (_, participation) in graph.participations_in(event) {
            assert_eq!(&keys(participation.sources()), expected, "{id}");
        }
    }
    assert!(expected[0].len() > 500);
    // Told again, by the same file, the mentions change nothing.
    let once = io::json::to_string(&graph, false).unwrap();
    reader.add_to(&mut graph, [&mentions]).unwrap();
    assert_eq!(io::json::to_string(&graph, false).unwrap(), once);
}

/// Made-up files in the shapes of GDELT's Global Knowledge Graph, which GDELT publishes beside
/// each quarter hour's events and mentions: a 2.1 row (27 columns, no header) and a 1.0 file
/// (a header, then a row).
fn write_gkg_files(folder: &Path) -> [PathBuf; 2] {
    let gkg2 = folder.join("20990101000000.gkg.csv");
    let mut row = vec!["20990101000000-3", "20990101000000", "1", "made-up.example"];
    row.resize(27, "");
    std::fs::write(&gkg2, row.join("\t") + "\n").unwrap();
    let gkg1 = folder.join("20990101.gkg.csv");
    let header = "DATE\tNUMARTS\tCOUNTS\tTHEMES\tLOCATIONS\tPERSONS\tORGANIZATIONS\tTONE\t\
                  CAMEOEVENTIDS\tSOURCES\tSOURCEURLS";
    std::fs::write(&gkg1, format!("{header}\n20990101\t1{}\n", "\t".repeat(9))).unwrap();
    [gkg1, gkg2]
}

#[test]
fn a_folder_passes_over_the_knowledge_graph_files_and_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let top = folder.path();
    std::fs::copy(
        data("events2.export.tsv"),
        top.join("20990101000000.export.CSV"),
    )
    .unwrap();
    let [gkg1, gkg2] = write_gkg_files(top);

    let mut graph = EventGraph::new();
    let summary = GdeltReader::new().add_to(&mut graph, [top]).unwrap();
    let (alone, alone_summary) = import(&["events2.export.tsv"]);
    assert_eq!(summary.files, 1);
    assert_eq!(
        io::json::to_string(&graph, false).unwrap(),
        io::json::to_string(&alone, false).unwrap()
    );
    assert!(alone_summary.passed_over.is_empty());
    let passed: Vec<String> = summary.passed_over.iter().map(|e| e.to_string()).collect();
    assert_eq!(passed.len(), 2, "{passed:?}");
    for (error, (file, version)) in summary
        .passed_over
        .iter()
        .zip([(&gkg1, "1.0"), (&gkg2, "2.1")])
    {
        assert!(
            matches!(error.kind(), ErrorKind::GdeltNotRead { table } if table.contains(version)),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}:1: ", file.display())),
            "{error}"
        );
    }
    let opened = GdeltReader::new().open_all_passing_over([top]).unwrap();
    assert_eq!(opened.files.len(), 1);
    assert_eq!(opened.passed_over.len(), 2);

    // Named alone, or met by `open_all`, such a file is refused, by name.
    for error in [
        GdeltReader::new().open(&gkg2).unwrap_err(),
        GdeltReader::new().open_all([top]).unwrap_err(),
    ] {
        assert!(
            matches!(error.kind(), ErrorKind::GdeltNotRead { .. }),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .contains(".gkg.csv:1: a GDELT Global Knowledge Graph"),
            "{error}"
        );
    }
    // A folder of nothing else is refused, and a file of no layout beside them still is.
    let only = tempfile::tempdir().unwrap();
    write_gkg_files(only.path());
    let error = GdeltReader::new()
        .open_all_passing_over([only.path()])
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a folder with no GDELT event or mentions file, only 2"),
        "{error}"
    );
    std::fs::write(top.join("made-up.csv"), "a\tb\tc\n").unwrap();
    let error = GdeltReader::new().open_all_passing_over([top]).unwrap_err();
    assert!(
        error.to_string().contains("made-up.csv:1: 3 columns"),
        "{error}"
    );
}

#[cfg(feature = "zip")]
#[test]
fn a_zipped_knowledge_graph_file_is_told_by_what_it_holds() {
    use std::io::Write;
    let scratch = tempfile::tempdir().unwrap();
    let [_, gkg2] = write_gkg_files(scratch.path());
    // As GDELT publishes it: one file, deflated, in a zip archive named for it.
    let zipped = scratch.path().join("20990101000000.gkg.csv.zip");
    let mut archive = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    archive
        .start_file("20990101000000.gkg.csv", options)
        .unwrap();
    archive.write_all(&std::fs::read(&gkg2).unwrap()).unwrap();
    archive.finish().unwrap();
    let error = GdeltReader::new().open(&zipped).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::GdeltNotRead { table } if table.contains("2.1")),
        "{error}"
    );
    assert!(error.to_string().contains(".gkg.csv.zip:1: "), "{error}");
}

#[test]
fn a_folder_stands_for_the_gdelt_files_in_it() {
    let folder = tempfile::tempdir().unwrap();
    let (top, day) = (folder.path(), folder.path().join("day"));
    let hidden = top.join(".partial");
    for dir in [&day, &hidden] {
        std::fs::create_dir(dir).unwrap();
    }
    // The mentions file comes first by name; the events are read first all the same.
    std::fs::copy(data("mentions2.tsv"), top.join("a.mentions.CSV")).unwrap();
    std::fs::copy(data("events2.export.tsv"), day.join("b.export.CSV")).unwrap();
    // Neither of these is read: a hidden folder, and a name that is not a GDELT file's.
    std::fs::copy(data("events1.daily.tsv"), hidden.join("c.export.CSV")).unwrap();
    std::fs::write(top.join("notes.txt"), "made-up notes").unwrap();

    let found = eventkg::io::gdelt::gdelt_files(top).unwrap();
    assert_eq!(
        found,
        [top.join("a.mentions.CSV"), day.join("b.export.CSV")]
    );
    let mut graph = EventGraph::new();
    let summary = GdeltReader::new().add_to(&mut graph, [top]).unwrap();
    let (apart, apart_summary) = import(&["mentions2.tsv", "events2.export.tsv"]);
    assert_eq!(summary.files, 2);
    assert_eq!(summary.events_added, apart_summary.events_added);
    assert_eq!(summary.mentions_added, apart_summary.mentions_added);
    assert_eq!(
        io::json::to_string(&graph, false).unwrap(),
        io::json::to_string(&apart, false).unwrap()
    );

    // A file of no GDELT layout in the folder is refused by name.
    std::fs::write(day.join("made-up.gkg.csv"), "a\tb\tc\n").unwrap();
    let error = GdeltReader::new().open_all([top]).unwrap_err();
    assert!(
        error.to_string().contains("made-up.gkg.csv:1: 3 columns"),
        "{error}"
    );

    let empty = tempfile::tempdir().unwrap();
    let error = GdeltReader::new().open_all([empty.path()]).unwrap_err();
    assert!(
        error.to_string().contains("a folder with no GDELT files"),
        "{error}"
    );
}
