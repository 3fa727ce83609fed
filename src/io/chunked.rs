//! A large graph file parsed a part at a time.
//!
//! `toml` parses a document into a table of spanned values before serde sees any of it: about
//! twenty bytes of memory for every byte of text (1.9 GB for the 95 MB file of 100,000 GDELT
//! rows), held whole until the last record is typed. A graph file is a list of records, each
//! under its own `[[kind]]` header, and a run of whole records parses alone to the very records
//! it holds. So a large file is cut at such headers into parts of a few hundred kilobytes,
//! each parsed alone, its spans moved to where the part lies in the file, and the records
//! joined in the file's order: the parser's tables are then never more than a part's. The
//! loader goes further where the records' order allows ([`read_windows_ahead`]): it takes each
//! part's records into the graph before the next parts are typed, so that the file's records
//! are never held whole either; and a file read from disk is cut as it is read
//! ([`stream`](super::stream)), so that its text is not held whole.
//!
//! A cut is made only before a line that is exactly a header of an array of tables with a bare
//! name, and only when nothing but blank lines and comments comes before the file's first such
//! header (a key or a table there could be one that a later part extends). A line that looks
//! like a header inside a multi-line string or array leaves the part before it unclosed, so
//! that part fails to parse; a table header that adds to a record of an earlier part makes its
//! part a table where a list of records is expected, which fails too. When a part fails, its
//! error is the file's if the part fails in the same place with its neighbours around it (a
//! typo, a truncated file), and is told without parsing the rest; otherwise the whole file is
//! parsed as one, so that what is read, and any error and its place, are `toml`'s own.

use std::ops::Range;

use super::repr::{FileRepr, Shift};

/// Files up to this size are parsed whole: parts would save little, and a corpus's files are
/// far smaller.
pub(super) const WHOLE_UP_TO: usize = 1 << 20;

/// How long a part is, at least, before the next header starts another.
pub(super) const PART: usize = 256 << 10;

/// Why a graph file's text did not parse: `toml`'s message, and the byte of the text it
/// points at.
pub(super) struct SyntaxError {
    pub(super) message: String,
    pub(super) offset: usize,
}

impl From<toml::de::Error> for SyntaxError {
    fn from(error: toml::de::Error) -> Self {
        SyntaxError {
            message: error.message().trim().to_owned(),
            offset: error.span().map_or(0, |span| span.start),
        }
    }
}

/// Where a graph file's text is cut into parts: `None` for a file that is parsed whole, being
/// small or not one that may be cut.
pub(super) fn cut(text: &str) -> Option<Vec<Range<usize>>> {
    if text.len() <= WHOLE_UP_TO {
        return None;
    }
    parts(text, PART).filter(|parts| parts.len() > 1)
}

#[cfg(test)]
thread_local! {
    /// How many large texts this thread has parsed into one file's records, at about five
    /// bytes of memory a byte: for the tests of what is told without doing so.
    pub(super) static PARSED_WHOLE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Parses a graph file's text, in parts when it is large.
pub(super) fn parse(text: &str) -> Result<FileRepr, SyntaxError> {
    if let Some(parts) = cut(text) {
        #[cfg(test)]
        PARSED_WHOLE.with(|count| count.set(count.get() + 1));
        match parse_parts(text, &parts) {
            Ok(file) => return Ok(file),
            Err(failed) => {
                if let Some(error) = error_in_part(text, &parts, failed) {
                    return Err(error);
                }
            }
        }
    }
    Ok(toml::from_str(text)?)
}

/// The error of the part `failed` when it is the file's own: the same message at the same
/// place when the parts around it are parsed with it, so that the cut is not what failed.
/// A truncated file, or a typo in a large one, is then told without parsing the whole text
/// (twenty bytes of memory for each of its bytes). `None` when the part may have failed only
/// for being cut from the records around it: a header line inside a multi-line text that
/// began before it, or a table that adds to a record of an earlier part (a table where a
/// list of records is expected).
pub(super) fn error_in_part(
    text: &str,
    parts: &[Range<usize>],
    failed: usize,
) -> Option<SyntaxError> {
    let alone = parts.get(failed)?;
    let error = parse_at(text, alone.clone())?;
    if error.message.starts_with("invalid type") {
        return None;
    }
    let around = parts[failed.saturating_sub(1)].start
        ..parts.get(failed + 1).map_or(text.len(), |part| part.end);
    let with_neighbours = parse_at(text, around)?;
    (with_neighbours.offset == error.offset && with_neighbours.message == error.message)
        .then_some(error)
}

/// The error of parsing `text[range]` alone, placed in `text`; `None` when it parses.
fn parse_at(text: &str, range: Range<usize>) -> Option<SyntaxError> {
    let error = toml::from_str::<FileRepr>(text.get(range.clone())?).err()?;
    let mut error = SyntaxError::from(error);
    error.offset += range.start;
    Some(error)
}

/// How many parts are parsed at a time, on each thread, before their records join the file's:
/// the blocks a part's lists took are freed on the thread that made them, and taken again
/// there by the next part, rather than kept in every thread's heap until the end.
const PARTS_AT_A_TIME: usize = 2;

/// Every part parsed alone, its spans moved into the file, and the records joined in order;
/// else the first part that failed.
fn parse_parts(text: &str, parts: &[Range<usize>]) -> Result<FileRepr, usize> {
    let mut file = FileRepr::default();
    for (at, repr) in each_part(text, parts).enumerate() {
        join(&mut file, repr.ok_or(at)?);
    }
    Ok(file)
}

/// Each part parsed alone, its spans moved into the file, in order; `None` for a part that
/// failed. The parts are parsed a few at a time on each thread, as they are asked for, so that
/// a reader that takes each part's records into the graph holds no more than those few.
pub(super) fn each_part<'t>(
    text: &'t str,
    parts: &'t [Range<usize>],
) -> impl Iterator<Item = Option<FileRepr>> + 't {
    windows(text, parts).flatten()
}

/// The parts of `text`, parsed alone a window at a time, in order.
pub(super) fn windows<'t>(
    text: &'t str,
    parts: &'t [Range<usize>],
) -> impl Iterator<Item = Vec<Option<FileRepr>>> + Send + 't {
    parts
        .chunks(window())
        .map(move |window| parse_window(text, window, 0))
}

/// Hands `read` the parts of each window `windows` gives, in order, while the next window is
/// made on another thread: a reader that takes each part's records into the graph then waits
/// for the parse only when it is quicker than the parse.
#[cfg(feature = "parallel")]
pub(super) fn read_windows_ahead<R>(
    windows: impl Iterator<Item = Vec<Option<FileRepr>>> + Send,
    read: impl FnOnce(&mut dyn Iterator<Item = Option<FileRepr>>) -> R,
) -> R {
    // On a thread of rayon's pool, the windows are made in turn, this thread taking its share
    // of each: a thread of its own would wait for the pool, whose every thread may be reading
    // a file too, each waiting for the pool in turn.
    if rayon::current_thread_index().is_some() {
        return read(&mut windows.flatten());
    }
    // One window waits while `read` takes another: the parts held stay a few.
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    std::thread::scope(move |scope| {
        scope.spawn(move || {
            for window in windows {
                if sender.send(window).is_err() {
                    // `read` stopped early.
                    break;
                }
            }
        });
        // The receiver goes before the scope waits for the parsing thread, which then stops
        // at its next window.
        let receiver = receiver;
        read(&mut receiver.iter().flatten())
    })
}

#[cfg(not(feature = "parallel"))]
pub(super) fn read_windows_ahead<R>(
    windows: impl Iterator<Item = Vec<Option<FileRepr>>> + Send,
    read: impl FnOnce(&mut dyn Iterator<Item = Option<FileRepr>>) -> R,
) -> R {
    read(&mut windows.flatten())
}

/// How many parts are parsed at once: a few on each thread.
pub(super) fn window() -> usize {
    PARTS_AT_A_TIME * threads()
}

#[cfg(feature = "parallel")]
fn threads() -> usize {
    rayon::current_num_threads()
}

#[cfg(not(feature = "parallel"))]
fn threads() -> usize {
    1
}

/// Each part of `text` parsed alone, in order, its spans moved to where it lies in the file
/// (`text` starting at the file's byte `at`); `None` for a part that failed.
#[cfg(feature = "parallel")]
pub(super) fn parse_window(text: &str, parts: &[Range<usize>], at: usize) -> Vec<Option<FileRepr>> {
    use rayon::prelude::*;
    parts
        .par_iter()
        .map(|part| parse_part(text, part, at))
        .collect()
}

#[cfg(not(feature = "parallel"))]
pub(super) fn parse_window(text: &str, parts: &[Range<usize>], at: usize) -> Vec<Option<FileRepr>> {
    parts
        .iter()
        .map(|part| parse_part(text, part, at))
        .collect()
}

fn parse_part(text: &str, part: &Range<usize>, at: usize) -> Option<FileRepr> {
    let repr: FileRepr = toml::from_str(text.get(part.clone())?).ok()?;
    Some(repr.shifted(at + part.start))
}

/// Adds a part's records after the file's.
pub(super) fn join(file: &mut FileRepr, part: FileRepr) {
    let FileRepr {
        documents,
        entities,
        events,
        participations,
        relations,
    } = part;
    file.documents.extend(documents);
    file.entities.extend(entities);
    file.events.extend(events);
    file.participations.extend(participations);
    file.relations.extend(relations);
}

/// Where `text` is cut: byte ranges that cover it, each but the first starting at a header
/// line, each at least `size` bytes but the last. `None` when the text may not be cut, as the
/// module says.
fn parts(text: &str, size: usize) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut cutter = Cutter::new(size);
    let mut parts = Vec::with_capacity(text.len() / size + 1);
    let mut from = 0;
    for (start, line) in lines(bytes) {
        if cutter.line(start, line)? {
            parts.push(from..start);
            from = start;
        }
    }
    // A text without a header holds no records to cut between.
    if !cutter.open {
        return None;
    }
    parts.push(from..text.len());
    Some(parts)
}

/// Where a text is cut, told its lines in order: the one rule for a text in memory
/// ([`parts`]) and a file read from disk ([`stream`](super::stream)).
pub(super) struct Cutter {
    /// How long a part is, at least.
    size: usize,
    /// A header has been seen: the text may be cut from there on.
    open: bool,
    /// Where the part being made starts.
    from: usize,
}

impl Cutter {
    pub(super) fn new(size: usize) -> Self {
        Cutter {
            size,
            open: false,
            from: 0,
        }
    }

    /// Takes the line at byte `start` of the text, without its `\n`: whether a part starts
    /// there, or `None` when something other than blank lines and comments comes before the
    /// first header, so that the text may not be cut.
    pub(super) fn line(&mut self, start: usize, line: &[u8]) -> Option<bool> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !self.open {
            self.open = is_header(line);
            let content = line.trim_ascii_start();
            return (self.open || content.is_empty() || content.starts_with(b"#")).then_some(false);
        }
        let cut = start - self.from >= self.size && is_header(line);
        if cut {
            self.from = start;
        }
        Some(cut)
    }
}

/// Each line's first byte and its text, without its `\n`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> + '_ {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    ends.filter_map(move |end| {
        let line = start;
        start = end + 1;
        (line < bytes.len()).then(|| (line, &bytes[line..end]))
    })
}

/// Whether `line` is exactly `[[name]]` of a bare name, then perhaps blanks and a comment.
fn is_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"[[") else {
        return false;
    };
    let name = rest
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    let Some(after) = rest[name..].strip_prefix(b"]]") else {
        return false;
    };
    let after = after.trim_ascii_start();
    name > 0 && (after.is_empty() || after.starts_with(b"#"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up file of `n` events, each with a sub-table, after a comment.
    fn events(n: usize) -> String {
        let mut text = String::from("# made up for the tests\n\n");
        for i in 0..n {
            text.push_str(&format!(
                "[[event]]\nkind = \"meet\"\ndescription = \"\"\"talks,\n[[not a header]]\"\"\"\n\
                 [event.attributes]\nround = \"{i}\"\n\n"
            ));
        }
        text
    }

    #[test]
    fn headers_are_told_exactly() {
        assert!(is_header(b"[[event]]"));
        assert!(is_header(b"[[event]]  # a comment"));
        assert!(is_header(b"[[my-kind_2]]\t"));
        assert!(!is_header(b"[[event.values]]"));
        assert!(!is_header(b"[[ event ]]"));
        assert!(!is_header(b"[[\"event\"]]"));
        assert!(!is_header(b"[[]]"));
        assert!(!is_header(b"[event]"));
        assert!(!is_header(b" [[event]]"));
        assert!(!is_header(b"[[event]] x"));
    }

    #[test]
    fn parts_start_at_headers_and_cover_the_text() {
        let text = events(50);
        let parts = parts(&text, 200).expect("the file may be cut");
        assert!(parts.len() > 5);
        assert_eq!(parts[0].start, 0);
        assert_eq!(parts.last().map(|p| p.end), Some(text.len()));
        for pair in parts.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[pair[1].clone()].starts_with("[[event]]\n"));
            assert!(pair[0].len() >= 200);
        }
    }

    #[test]
    fn a_file_with_keys_before_its_first_record_is_not_cut() {
        let text = format!("event = []\n{}", events(50));
        assert_eq!(parts(&text, 200), None);
        let text = format!("[event]\n{}", events(50));
        assert_eq!(parts(&text, 200), None);
    }

    /// The records, spans and all, as one parse of the whole file reads them.
    fn assert_same(text: &str, size: usize) {
        let parts = parts(text, size).expect("the file may be cut");
        assert!(parts.len() > 1);
        let joined = parse_parts(text, &parts).expect("every part parses");
        let whole: FileRepr = toml::from_str(text).expect("the file parses");
        assert_eq!(format!("{joined:?}"), format!("{whole:?}"));
    }

    #[test]
    fn parts_read_as_the_whole_file_does() {
        assert_same(&events(40), 300);
        let mixed = "[[document]]\nid = \"d\"\ntext = \"Made up.\"\n\n\
                     [[entity]]\nkind = \"person\"\nname = \"A\"\nmember_of = [\"B\"]\n\n\
                     [[entity]]\nkind = \"state\"\nname = \"B\"\n\n\
                     [[event]]\nkind = \"meet\"\nparticipant = [\"A\", { to = \"B\", quote = \"up\" }]\n\n\
                     [[event.values]]\nfield = \"f\"\nvalue = \"v\"\n\n\
                     [[relation]]\nfrom = \"A\"\nkind = \"leads\"\nto = \"B\"\nconfidence = 0.5\n";
        assert_same(&mixed.repeat(3), 10);
    }

    #[test]
    fn an_error_of_the_file_is_told_from_its_part() {
        let mut text = events(40);
        let bad = text.find("round = \"25\"").expect("the 26th event");
        text.replace_range(bad..bad + 12, "round = 25 x");
        let cut = parts(&text, 300).expect("the file may be cut");
        let failed = parse_parts(&text, &cut).expect_err("a part fails");
        let error = error_in_part(&text, &cut, failed).expect("the file's own error");
        let whole = toml::from_str::<FileRepr>(&text).expect_err("the file fails");
        assert_eq!(error.message, whole.message().trim());
        assert_eq!(Some(error.offset), whole.span().map(|span| span.start));
        // A truncated file, its last text left open.
        let text = &events(40)[..events(40).len() - 30];
        let cut = parts(text, 300).expect("the file may be cut");
        let failed = parse_parts(text, &cut).expect_err("a part fails");
        assert_eq!(failed, cut.len() - 1);
        let error = error_in_part(text, &cut, failed).expect("the file's own error");
        let whole = toml::from_str::<FileRepr>(text).expect_err("the file fails");
        assert_eq!(Some(error.offset), whole.span().map(|span| span.start));
    }

    #[test]
    fn a_part_that_fails_leaves_the_file_to_be_parsed_whole() {
        // A sub-table that adds to a record of the part before.
        let text = "[[event]]\nkind = \"meet\"\n\n[[entity]]\nkind = \"state\"\nname = \"B\"\n\n\
                    [event.attributes]\nround = \"1\"\n";
        let cut = parts(text, 10).expect("the file may be cut");
        assert!(cut.len() > 1);
        let failed = parse_parts(text, &cut).expect_err("a part fails");
        assert!(error_in_part(text, &cut, failed).is_none());
        // A header line inside a multi-line string.
        let text = "[[event]]\nkind = \"meet\"\ndescription = \"\"\"\n[[event]]\n\"\"\"\n";
        let cut = parts(text, 10).expect("the file may be cut");
        let failed = parse_parts(text, &cut).expect_err("a part fails");
        assert!(error_in_part(text, &cut, failed).is_none());
    }
}
