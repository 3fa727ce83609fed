//! A graph file of many megabytes (a year of coded events, a merged corpus) reads as a small
//! one does: the same graph, and every error at its own line and column. Such a file is
//! parsed a part at a time, and these tests make files well past the size where that starts.
//!
//! Every document, name and quote here is made up.

use eventkg::*;

/// A made-up file of `stories` short reports, each a document with its text, two actors, an
/// event quoted from the text with its participants, attributes in a sub-table, a stated value,
/// an explicit participation and a relation: more than a megabyte from 2,000 on.
fn reports(stories: usize, tag: &str) -> String {
    let mut text = String::from("# Made-up reports, for the tests.\n\n");
    for i in 0..stories {
        text.push_str(&format!(
            r#"[[document]]
id = "{tag}report-{i}"
published = 2024-03-{day:02}
text = """
Made-up report {i}. The ministry of Avaria met the envoy of Borlund {i} on Tuesday.
"Talks went well," a spokesperson said."""

[[entity]]
id = "{tag}a{i}"
kind = "government_body"
name = "Ministry {tag}{i} of Avaria"
document = "{tag}report-{i}"

[[entity]]
id = "{tag}b{i}"
kind = "person"
name = "Envoy {tag}{i} of Borlund"
aliases = ["the envoy {tag}{i}"]
document = "{tag}report-{i}"
member_of = [{{ to = "{tag}a{i}", document = "{tag}report-{i}", quote = "The ministry of Avaria met" }}]

[[event]]
id = "{tag}m{i}"
key = "{tag}meeting-{i}"
kind = "meeting"
date = "2024-03-{day:02}"
participant = ["{tag}a{i}", {{ to = "{tag}b{i}", document = "{tag}report-{i}", quote = "the envoy of Borlund {i}" }}]
document = "{tag}report-{i}"
quote = "The ministry of Avaria met the envoy of Borlund {i} on Tuesday."

[event.attributes]
round = "{i}"

[[event.values]]
field = "status"
value = "happened"
document = "{tag}report-{i}"
quote = "The ministry of Avaria met the envoy of Borlund {i} on Tuesday."

[[participation]]
entity = "{tag}b{i}"
role = "speaker"
event = "{tag}m{i}"
document = "{tag}report-{i}"

[[relation]]
from = "{tag}b{i}"
kind = "speaks_for"
to = "{tag}a{i}"
document = "{tag}report-{i}"
confidence = 0.5

"#,
            day = i % 28 + 1
        ));
    }
    text
}

const LARGE: usize = 3_000;

#[test]
fn a_large_file_reads_as_it_was_written() {
    let text = reports(LARGE, "");
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    let graph = io::from_str(&text, "reports.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(graph.document_count(), LARGE);
    assert_eq!(graph.entity_count(), 2 * LARGE);
    assert_eq!(graph.event_count(), LARGE);
    assert_eq!(graph.ungrounded_quotes().count(), 0);
    let last = graph.event_by_key("meeting-2999").expect("the last event");
    assert_eq!(graph.participations_in(last).count(), 3);

    let written = io::to_string(&graph).unwrap();
    assert!(written.len() > 2 << 20, "{} bytes", written.len());
    let back = io::from_str(&written, "written.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, graph);
    assert_eq!(io::to_string(&back).unwrap(), written);
    // From disk, both.
    assert_eq!(from_file(&text).unwrap(), graph);
    let back = from_file(&written).unwrap();
    assert_eq!(back, graph);
    assert_eq!(io::to_string(&back).unwrap(), written);
}

/// Reads `text` from a file, as a large file on disk is read: a part at a time as it goes
/// into the graph, its text never held whole.
fn from_file(text: &str) -> Result<EventGraph, String> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("reports.toml");
    std::fs::write(&path, text).unwrap();
    // Messages name the file as `from_str` was told to.
    let folder = format!("{}/", folder.path().display());
    io::read_files([&path]).map_err(|e| e.to_string().replace(&folder, ""))
}

/// The line and column of the error loading `text`, which reading it from a file gives too.
fn error_at(text: &str) -> (Error, usize, Option<usize>) {
    let error = io::from_str(text, "reports.toml").expect_err("must be refused");
    let from_file = from_file(text).expect_err("must be refused from a file");
    assert_eq!(from_file, error.to_string());
    let location = error.location().expect("located").clone();
    (error, location.line(), location.column())
}

/// The line, from 1, of the `n`th (from 1) line of `text` that `matches`.
fn line_of(text: &str, n: usize, matches: impl Fn(&str) -> bool) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, line)| matches(line))
        .nth(n - 1)
        .map(|(at, _)| at + 1)
        .expect("the line is there")
}

#[test]
fn an_error_late_in_a_large_file_names_its_own_line() {
    // A kind the model does not know, in the last report.
    let text = reports(LARGE, "").replace(
        "name = \"Envoy 2999 of Borlund\"",
        "name = \"Envoy 2999 of Borlund\"\ncountry = \"Borlund\"",
    );
    let (error, line, column) = error_at(&text);
    let expected = line_of(&text, 1, |l| l == "country = \"Borlund\"");
    assert_eq!((line, column), (expected, Some(11)), "{error}");

    // A participant no record names, in a report near the middle.
    let text = reports(LARGE, "").replace("participant = [\"a1500\"", "participant = [\"a15000\"");
    let (error, line, column) = error_at(&text);
    let expected = line_of(&text, 1, |l| l.starts_with("participant = [\"a15000\""));
    assert_eq!((line, column), (expected, Some(16)), "{error}");
    assert!(error.to_string().contains("a15000"), "{error}");
}

#[test]
fn a_syntax_error_late_in_a_large_file_names_its_own_line() {
    let text = reports(LARGE, "").replace(
        "value = \"happened\"\ndocument = \"report-2998\"",
        "value = happened",
    );
    let (error, line, _) = error_at(&text);
    let expected = line_of(&text, 1, |l| l == "value = happened");
    assert_eq!(line, expected, "{error}");
}

#[test]
fn a_header_inside_a_text_does_not_cut_the_file() {
    // A document's text holding a line that reads as a header, a record of the same kind
    // after it, and a sub-table that adds to a record far above it: the file reads whole,
    // as TOML says.
    let mut text = reports(LARGE, "");
    text.push_str(
        "[[document]]\nid = \"odd\"\ntext = \"\"\"\nA made-up text.\n[[event]]\nkind = \"x\"\n\"\"\"\n\n",
    );
    text.push_str(&reports(LARGE, "second-"));
    let graph = io::from_str(&text, "reports.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file(&text).unwrap(), graph);
    assert_eq!(graph.document_count(), 2 * LARGE + 1);
    let odd = graph.document_by_key("odd").expect("the odd document");
    assert!(
        graph
            .document(odd)
            .unwrap()
            .text()
            .unwrap()
            .contains("[[event]]")
    );
}

#[test]
fn a_truncated_large_file_is_refused_at_its_end() {
    // A download cut off inside the last report's text.
    let whole = reports(LARGE, "");
    let cut = whole
        .rfind("Talks went well")
        .expect("the last report's text");
    let text = &whole[..cut];
    let (error, line, _) = error_at(text);
    assert!(error.to_string().contains("reports.toml:"), "{error}");
    // Where `toml` reading the whole text says, the file's last line or past it.
    let last = text.lines().count();
    assert!(line >= last, "{error}: line {line} of {last}");
}
