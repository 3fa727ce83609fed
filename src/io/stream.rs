//! A large graph file read from disk a window of parts at a time.
//!
//! Read into the graph a part at a time ([`chunked`](super::chunked)), a large file's records
//! are never held whole; its text was, for the whole of the read: 0.96 GB of the 1.75 GB a
//! file of a million GDELT rows took to read. Read from disk, the text is taken a few parts
//! ahead of the parse and let go once they are parsed. The parts are cut as a text in memory
//! is cut: at a header line at least [`PART`] bytes after the last cut, once nothing but
//! blank lines and comments came before the first header. A file that may not be cut so, that
//! does not read as UTF-8, or that cannot be read, gives a part that failed, for the caller to
//! read the file whole and say why.

use std::io::Read;
use std::ops::Range;

use super::chunked::{Cutter, PART, parse_window, window};
use super::repr::FileRepr;

/// How much is read from the file at a time.
const READ: usize = 256 << 10;

/// The windows of a file's parts, each part parsed alone, in the file's order.
pub(super) struct Windows<R> {
    reader: R,
    /// Text read and not yet parsed, from the file's byte `at`.
    buffer: Vec<u8>,
    at: usize,
    /// Where, in the buffer, the lines not yet looked at start.
    scanned: usize,
    /// Where each part waiting in the buffer ends, the next starting there.
    cuts: Vec<usize>,
    /// Where the file is cut, told its lines at their offsets in the file.
    cutter: Cutter,
    /// The whole file is in the buffer.
    ended: bool,
    /// Nothing more comes: the last window was given, or one failed.
    done: bool,
}

impl<R: Read> Windows<R> {
    pub(super) fn new(reader: R) -> Self {
        Windows {
            reader,
            buffer: Vec::with_capacity(PART * (window() + 1) + READ),
            at: 0,
            scanned: 0,
            cuts: Vec::new(),
            cutter: Cutter::new(PART),
            ended: false,
            done: false,
        }
    }

    /// Reads on until a window's parts are whole in the buffer, or the file ends. `false`
    /// when the file cannot be cut, or read.
    fn fill(&mut self) -> bool {
        while self.cuts.len() < window() && !self.ended {
            match (&mut self.reader)
                .take(READ as u64)
                .read_to_end(&mut self.buffer)
            {
                Ok(0) => self.ended = true,
                Ok(_) => {}
                Err(_) => return false,
            }
            if !self.scan() {
                return false;
            }
        }
        true
    }

    /// Looks at each whole line not yet looked at, noting a cut before each header that
    /// starts a part. `false` when the file may not be cut.
    fn scan(&mut self) -> bool {
        loop {
            let start = self.scanned;
            let rest = &self.buffer[start..];
            let end = match memchr::memchr(b'\n', rest) {
                Some(end) => end,
                // The last line, when the file has ended.
                None if self.ended && !rest.is_empty() => rest.len(),
                None => return true,
            };
            match self.cutter.line(self.at + start, &rest[..end]) {
                Some(true) => self.cuts.push(start),
                Some(false) => {}
                None => return false,
            }
            self.scanned = (start + end + 1).min(self.buffer.len());
        }
    }
}

impl<R: Read> Iterator for Windows<R> {
    type Item = Vec<Option<FileRepr>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if !self.fill() {
            self.done = true;
            return Some(vec![None]);
        }
        // The parts ending at a cut, and at the end the last one.
        let mut ends = std::mem::take(&mut self.cuts);
        if self.ended {
            ends.push(self.buffer.len());
            self.done = true;
        }
        // Never empty: the buffer is read until a part is whole in it, or the file ends.
        let &last = ends.last()?;
        let Ok(text) = std::str::from_utf8(&self.buffer[..last]) else {
            self.done = true;
            return Some(vec![None]);
        };
        let parts: Vec<Range<usize>> = std::iter::once(0)
            .chain(ends.iter().copied())
            .zip(ends.iter().copied())
            .map(|(start, end)| start..end)
            .collect();
        let parsed = parse_window(text, &parts, self.at);
        self.buffer.drain(..last);
        self.at += last;
        self.scanned -= last;
        Some(parsed)
    }
}

/// A reader that gives at most `step` bytes a call, as a pipe may: for the tests of what reads
/// a file as it comes.
#[cfg(test)]
pub(super) struct Trickle<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) step: usize,
}

#[cfg(test)]
impl Read for Trickle<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buffer.len()).min(self.bytes.len());
        buffer[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up file of `n` events after a comment, each with a sub-table and a text over
    /// lines, with characters of several bytes, lines ending in `\r\n` or `\n`.
    fn events(n: usize) -> String {
        let mut text = String::from("# made up for the tests\r\n\n");
        for i in 0..n {
            text.push_str(&format!(
                "[[event]]\r\nkind = \"meet\"\ndescription = \"\"\"talks in Zürich,\n\
                 [[not a header]]\"\"\"\n[event.attributes]\nround = \"{i}\"\n\n"
            ));
        }
        text
    }

    fn read(text: &[u8], step: usize) -> Vec<Option<FileRepr>> {
        Windows::new(Trickle { bytes: text, step })
            .flatten()
            .collect()
    }

    #[test]
    fn parts_read_from_a_stream_are_the_records_of_the_whole_file() {
        let text = events(30_000);
        assert!(text.len() > 6 * PART);
        let whole: FileRepr = toml::from_str(&text).unwrap();
        for step in [READ, 1_000, 7] {
            let parts = read(text.as_bytes(), step);
            assert!(parts.len() > 5, "{}", parts.len());
            let mut joined = FileRepr::default();
            for part in parts {
                super::super::chunked::join(&mut joined, part.expect("every part parses"));
            }
            // Spans and all.
            assert_eq!(format!("{joined:?}"), format!("{whole:?}"), "step {step}");
        }
    }

    #[test]
    fn a_file_that_may_not_be_cut_or_read_gives_a_failed_part() {
        // A key before the first record, which a later part could not see.
        let text = format!("event = []\n{}", events(3_000));
        assert!(matches!(read(text.as_bytes(), READ).as_slice(), [None]));
        // Not UTF-8, after the first parts.
        let mut text = events(30_000).into_bytes();
        let at = text.len() - 100;
        text[at] = 0xff;
        let parts = read(&text, READ);
        assert!(parts.len() > 1 && parts[..parts.len() - 1].iter().all(Option::is_some));
        assert!(parts.last().is_some_and(Option::is_none));
        // A read that fails.
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("the disk is gone"))
            }
        }
        let parts: Vec<_> = Windows::new(Broken).flatten().collect();
        assert!(matches!(parts.as_slice(), [None]));
    }

    #[test]
    fn a_short_or_empty_file_is_one_part() {
        let text = events(3);
        assert!(matches!(read(text.as_bytes(), READ).as_slice(), [Some(_)]));
        let parts = read(b"", READ);
        assert!(matches!(parts.as_slice(), [Some(file)] if file.events.is_empty()));
    }
}
