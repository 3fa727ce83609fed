//! GDELT's files split into rows and fields: a row is a line, its fields are separated by
//! tabs, and nothing is quoted, so a byte is a separator or it is text.
//!
//! A general CSV reader follows quotes and escapes byte by byte; GDELT writes none, and its
//! rows are dense with tabs (61 columns in about 450 bytes). Knowing that, the split takes the
//! tabs eight bytes at a time, and a file of a million rows splits in about two fifths of the
//! time the `csv` crate takes for it. The reading thread of an import is half of what bounds
//! it, and the split was half of that thread.

use std::io::{self, Read};

/// One row: its text, checked as UTF-8, and where each field ends.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    text: String,
    ends: Vec<u32>,
    line: u64,
}

impl Row {
    pub(crate) fn new() -> Row {
        Row::default()
    }

    /// How many fields the row has: one more than its tabs.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if the row has it.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize + 1,
        };
        self.text.get(start..end)
    }

    /// The row's line in its file, from 1.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }
}

/// Why a row could not be read.
#[derive(Debug)]
pub(crate) enum SplitError {
    /// The file could not be read.
    Io(io::Error),
    /// The row is not UTF-8: in field `field`, valid up to byte `valid_up_to` of it;
    /// `value` is the field with each sequence that is not UTF-8 replaced by U+FFFD.
    NotUtf8 {
        line: u64,
        field: usize,
        valid_up_to: usize,
        value: String,
    },
    /// The line runs past [`MAX_ROW`] bytes without ending.
    TooLong { line: u64 },
}

/// The longest row read: GDELT's are under 4 KiB, and a file without line ends is not read
/// whole into memory looking for one.
pub(crate) const MAX_ROW: usize = 1 << 20;

/// How much is read from the file at a time.
const BUFFER: usize = 1 << 16;

/// The rows of a stream, a buffer at a time.
pub(crate) struct TabRows<R> {
    source: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`; those up to `scanned` hold no line end.
    start: usize,
    scanned: usize,
    end: usize,
    line: u64,
    eof: bool,
}

impl<R: Read> TabRows<R> {
    pub(crate) fn new(source: R) -> Self {
        TabRows {
            source,
            buf: vec![0; BUFFER],
            start: 0,
            scanned: 0,
            end: 0,
            line: 0,
            eof: false,
        }
    }

    /// Reads the next line into `row`: `false` at the end of the file. A line that is not
    /// UTF-8 is read past, so that the next call reads the line after it.
    pub(crate) fn read(&mut self, row: &mut Row) -> Result<bool, SplitError> {
        let (from, to) = match self.next_line()? {
            Some(line) => line,
            None => return Ok(false),
        };
        self.line += 1;
        let mut bytes = &self.buf[from..to];
        if let [rest @ .., b'\r'] = bytes {
            bytes = rest;
        }
        row.line = self.line;
        row.text.clear();
        row.ends.clear();
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let field_start = valid.iter().rposition(|&b| b == b'\t').map_or(0, |t| t + 1);
            let field = &bytes[field_start..];
            let field_end = memchr::memchr(b'\t', field).unwrap_or(field.len());
            SplitError::NotUtf8 {
                line: self.line,
                field: valid.iter().filter(|&&b| b == b'\t').count(),
                valid_up_to: valid.len() - field_start,
                value: String::from_utf8_lossy(&field[..field_end]).into_owned(),
            }
        })?;
        row.text.push_str(text);
        split_tabs(row.text.as_bytes(), &mut row.ends);
        Ok(true)
    }

    /// The bounds in `buf` of the next line, without its `\n`; the last line of a file may
    /// have none.
    fn next_line(&mut self) -> Result<Option<(usize, usize)>, SplitError> {
        loop {
            if let Some(at) = memchr::memchr(b'\n', &self.buf[self.scanned..self.end]) {
                let (from, to) = (self.start, self.scanned + at);
                self.start = to + 1;
                self.scanned = self.start;
                return Ok(Some((from, to)));
            }
            self.scanned = self.end;
            if self.eof {
                if self.start == self.end {
                    return Ok(None);
                }
                let from = self.start;
                self.start = self.end;
                return Ok(Some((from, self.end)));
            }
            self.fill()?;
        }
    }

    /// Reads more of the file after the unread bytes, moved to the buffer's start.
    fn fill(&mut self) -> Result<(), SplitError> {
        let unread = self.end - self.start;
        if unread >= MAX_ROW {
            self.eof = true;
            self.start = self.end;
            return Err(SplitError::TooLong {
                line: self.line + 1,
            });
        }
        self.buf.copy_within(self.start..self.end, 0);
        self.scanned -= self.start;
        self.start = 0;
        self.end = unread;
        if self.end == self.buf.len() {
            self.buf
                .resize((2 * self.buf.len()).min(MAX_ROW + BUFFER), 0);
        }
        loop {
            match self.source.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(SplitError::Io(e)),
            }
        }
    }
}

/// Puts in `ends` where each tab-separated field of `text` ends.
fn split_tabs(text: &[u8], ends: &mut Vec<u32>) {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const TABS: u64 = ONES * b'\t' as u64;
    let mut words = text.chunks_exact(8);
    let mut at = 0u32;
    for word in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(word);
        // A byte of `x` is zero where the word has a tab; its high bit is then set in `tabs`,
        // and only then (no carry crosses a byte, unlike the shorter form of the trick).
        let x = u64::from_le_bytes(bytes) ^ TABS;
        let mut tabs = !((x & !HIGH).wrapping_add(!HIGH) | x | !HIGH);
        while tabs != 0 {
            ends.push(at + tabs.trailing_zeros() / 8);
            tabs &= tabs - 1;
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b'\t' {
            ends.push(at + i as u32);
        }
    }
    ends.push(text.len() as u32);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn rows(input: &[u8], buffer: usize) -> Vec<Result<(u64, Vec<String>), String>> {
        let mut reader = TabRows::new(input);
        reader.buf = vec![0; buffer];
        let mut row = Row::new();
        let mut out = Vec::new();
        loop {
            match reader.read(&mut row) {
                Ok(false) => return out,
                Ok(true) => out.push(Ok((
                    row.line(),
                    (0..row.len())
                        .map(|i| row.get(i).unwrap().to_owned())
                        .collect(),
                ))),
                Err(SplitError::Io(e)) => panic!("{e}"),
                Err(e) => out.push(Err(format!("{e:?}"))),
            }
            if matches!(out.last(), Some(Err(e)) if e.starts_with("TooLong")) {
                return out;
            }
        }
    }

    /// The rows as a plain split reads them.
    fn plainly(input: &[u8]) -> Vec<Result<(u64, Vec<String>), String>> {
        let mut lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
                let mut strings = Vec::new();
                for (field, bytes) in fields.iter().enumerate() {
                    match std::str::from_utf8(bytes) {
                        Ok(s) => strings.push(s.to_owned()),
                        Err(e) => {
                            return Err(format!(
                                "{:?}",
                                SplitError::NotUtf8 {
                                    line: i as u64 + 1,
                                    field,
                                    valid_up_to: e.valid_up_to(),
                                    value: String::from_utf8_lossy(bytes).into_owned(),
                                }
                            ));
                        }
                    }
                }
                Ok((i as u64 + 1, strings))
            })
            .collect()
    }

    #[test]
    fn fields_lines_and_a_last_line_without_its_end() {
        let input = "a\tb\t\tc\r\n\n\tmade-up ünïcode\tx\nlast\t1";
        assert_eq!(
            rows(input.as_bytes(), 4),
            vec![
                Ok((1, vec!["a".into(), "b".into(), "".into(), "c".into()])),
                Ok((2, vec!["".into()])),
                Ok((3, vec!["".into(), "made-up ünïcode".into(), "x".into()])),
                Ok((4, vec!["last".into(), "1".into()])),
            ]
        );
    }

    #[test]
    fn a_row_that_is_not_utf8_is_read_past() {
        let input = b"ok\t1\nbad\tx\xff\t2\nok\t3\n";
        let read = rows(input, 16);
        assert_eq!(read[0], Ok((1, vec!["ok".into(), "1".into()])));
        assert_eq!(
            read[1],
            Err("NotUtf8 { line: 2, field: 1, valid_up_to: 1, value: \"x\u{fffd}\" }".into())
        );
        assert_eq!(read[2], Ok((3, vec!["ok".into(), "3".into()])));
    }

    #[test]
    fn a_line_without_an_end_is_not_read_whole() {
        let input = vec![b'x'; MAX_ROW + 10];
        let read = rows(&input, BUFFER);
        assert_eq!(read, vec![Err("TooLong { line: 1 }".into())]);
    }

    proptest! {
        #[test]
        fn the_split_is_the_plain_one(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'\t'), Just(b'\n'), Just(b'\r'), Just(b'a'), Just(0xC3), Just(0xA9), any::<u8>()],
                0..300,
            ),
            buffer in 1usize..40,
        ) {
            prop_assert_eq!(rows(&bytes, buffer), plainly(&bytes));
        }
    }
}
