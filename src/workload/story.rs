//! A generated folder of reports that all tell one story, as a week of coverage of one
//! summit does: for benchmarks and load tests of an event, its participants and a relation
//! told again by every report.

use std::fmt::Write as _;

use super::Rng;
use super::articles::ArticleFile;

/// The made-up states of the story, and the body one of them belongs to.
const STATES: [&str; 4] = ["Freedonia", "Sylvania", "Osterlich", "Latveria"];
const BODY: &str = "Made-up Pact";

/// `files` made-up reports of one story: each one document whose text says that two of a few
/// made-up states met for talks, on one of three days (reports disagree on the day), and that
/// the first belongs to a body; one participant is told with a confidence. Every report tells
/// the talks under one key, so that the graph holds one event told by `files` reports, and the
/// same relation and participants, each cited by every report that names them. The same
/// `files` and seed give the same files.
///
/// ```
/// let reports = eventkg::workload::story(20, 7);
/// let mut graph = eventkg::EventGraph::new();
/// for report in &reports {
///     eventkg::io::merge_str(&mut graph, &report.text, &report.name, None)?;
/// }
/// let talks = graph.event(graph.event_by_key("made-up-talks")?).unwrap();
/// assert_eq!((graph.event_count(), talks.sources().len()), (1, 20));
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn story(files: usize, seed: u64) -> Vec<ArticleFile> {
    let mut rng = Rng(seed);
    (0..files)
        .map(|index| {
            let host = STATES[rng.below(2)];
            let guest = STATES[2 + rng.below(2)];
            let day = 1 + rng.below(3);
            let confidence = 1 + rng.below(9);
            let mut text = format!(
                "# A made-up report, generated for load tests.\n\n[[document]]\n\
                 id = \"report-{index:06}\"\ntitle = \"Generated report {index}\"\n\
                 url = \"https://example.org/reports/{index}\"\npublished = 2024-03-0{day}\n\
                 text = \"\"\"\n{host} met {guest} for talks, report {index} says. {host} \
                 belongs to the {BODY}.\n\"\"\"\n"
            );
            for name in [host, guest] {
                let _ = write!(text, "\n[[entity]]\nkind = \"state\"\nname = \"{name}\"\n");
            }
            let _ = write!(
                text,
                "\n[[entity]]\nkind = \"intergovernmental\"\nname = \"{BODY}\"\n\n\
                 [[relation]]\nfrom = \"{host}\"\nkind = \"member_of\"\nto = \"{BODY}\"\n\
                 quote = \"{host} belongs to the {BODY}\"\n\n\
                 [[event]]\nid = \"talks\"\nkey = \"made-up-talks\"\nkind = \"meeting\"\n\
                 date = \"2024-03-0{day}\"\nquote = \"{host} met {guest} for talks\"\n\
                 initiator = [\"{host}\"]\ntarget = [\"{guest}\"]\n\n\
                 [[participation]]\nentity = \"{BODY}\"\nrole = \"concerned\"\n\
                 event = \"talks\"\nconfidence = 0.{confidence}\n"
            );
            ArticleFile {
                name: format!("report-{index:06}.toml"),
                text,
            }
        })
        .collect()
}
