//! The line and column of a place in a graph file's text, for messages.
//!
//! A message names the line and column of the record it is about, and a file can give many:
//! each value a restated record does not keep is listed with its place, and `validate` lists
//! every record it refuses. Counting the lines before each place from the start of the text
//! made a file of many such messages quadratic in its length (50,000 values kept from a
//! 95 MB file took minutes). The lines are counted once instead, a block at a time, the first
//! time a place is asked for; a place is then found by counting within its block.

use std::io::{self, Read};
use std::sync::OnceLock;

/// How many bytes of text each count of lines stands for: the most a place costs to find.
const BLOCK: usize = 1 << 16;

/// How many lines end before each block of a text, counted when first needed. The index is
/// kept beside the text it counts, which each call is given again.
#[derive(Debug)]
pub(super) struct LineIndex {
    /// Line ends before the first byte of each block, then before the end of the text.
    ends_before: OnceLock<Vec<usize>>,
    block: usize,
}

impl Default for LineIndex {
    fn default() -> Self {
        LineIndex::with_block(BLOCK)
    }
}

impl LineIndex {
    fn with_block(block: usize) -> Self {
        LineIndex {
            ends_before: OnceLock::new(),
            block,
        }
    }

    /// The line and column, from 1, of the byte at `offset` in `text` (the text's end when
    /// past it). The column counts characters.
    pub(super) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        let ends_before = self.ends_before.get_or_init(|| count(bytes, self.block));
        let block = offset / self.block;
        let from = block * self.block;
        let ends = ends_before.get(block).copied().unwrap_or(0)
            + memchr::memchr_iter(b'\n', &bytes[from..offset]).count();
        let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |end| end + 1);
        (ends + 1, chars(&bytes[line_start..offset]) + 1)
    }
}

/// The line and column, from 1, of each of `offsets` (ascending) in the text `reader` gives,
/// as [`LineIndex::position`] finds them in the text in memory (the text's end for an offset
/// past it). A large file read from disk does not hold its text: the places of its messages
/// are found in one more pass over the file, which holds a block at a time.
pub(super) fn positions_in(
    mut reader: impl Read,
    offsets: &[usize],
) -> io::Result<Vec<(usize, usize)>> {
    let mut found = Vec::with_capacity(offsets.len());
    let mut offsets = offsets.iter().copied().peekable();
    let mut buffer = vec![0; BLOCK];
    let mut place = Place::default();
    // The file's offset of the buffer's first byte.
    let mut at = 0;
    while offsets.peek().is_some() {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let bytes = &buffer[..read];
        let mut from = 0;
        while let Some(offset) = offsets.next_if(|&offset| offset <= at + read) {
            let to = offset.saturating_sub(at).max(from);
            place.advance(&bytes[from..to]);
            found.push(place.found());
            from = to;
        }
        place.advance(&bytes[from..]);
        at += read;
    }
    found.extend(offsets.map(|_| place.found()));
    Ok(found)
}

/// How far a pass over a text has come: the lines ended, and the characters since the last.
#[derive(Default)]
struct Place {
    ends: usize,
    column: usize,
}

impl Place {
    fn advance(&mut self, bytes: &[u8]) {
        let from = match memchr::memrchr(b'\n', bytes) {
            Some(end) => {
                self.ends += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 0;
                end + 1
            }
            None => 0,
        };
        self.column += chars(&bytes[from..]);
    }

    fn found(&self) -> (usize, usize) {
        (self.ends + 1, self.column + 1)
    }
}

/// How many characters start in `bytes`: the bytes that do not continue one. A block read from
/// a file may end inside a character, which counts in the block where it starts.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn count(bytes: &[u8], size: usize) -> Vec<usize> {
    let mut ends_before = Vec::with_capacity(bytes.len() / size + 2);
    let mut ends = 0;
    for block in bytes.chunks(size) {
        ends_before.push(ends);
        ends += memchr::memchr_iter(b'\n', block).count();
    }
    ends_before.push(ends);
    ends_before
}

#[cfg(test)]
mod tests {
    use super::super::stream::Trickle;
    use super::*;
    use proptest::prelude::*;

    /// The line and column found by counting from the start of the text.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    /// Lines of every length about a block's, with characters of several bytes.
    fn long_lines() -> String {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"é".repeat(i * 1_700));
            text.push_str("x\n");
        }
        text.push_str(&"a".repeat(BLOCK));
        text
    }

    #[test]
    fn places_across_blocks_are_found_as_counted() {
        let text = long_lines();
        let index = LineIndex::default();
        for (offset, _) in text.char_indices().step_by(997) {
            assert_eq!(index.position(&text, offset), counted(&text, offset));
        }
        let end = text.len();
        assert_eq!(index.position(&text, end), counted(&text, end));
        assert_eq!(index.position(&text, end + 5), counted(&text, end));
    }

    #[test]
    fn every_place_of_a_short_text_is_found_in_blocks_of_any_size() {
        let text = "\n\nab\né\n\n\u{1F600}x\n\n";
        for block in 1..=text.len() + 1 {
            let index = LineIndex::with_block(block);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let found = index.position(text, offset);
                assert_eq!(
                    found,
                    counted(text, offset),
                    "block {block}, offset {offset}"
                );
            }
        }
    }

    #[test]
    fn a_text_of_whole_blocks_has_an_end() {
        let text = "ab\n".repeat(BLOCK);
        let index = LineIndex::default();
        assert_eq!(index.position(&text, text.len()), (BLOCK + 1, 1));
        assert_eq!(index.position(&text, BLOCK), counted(&text, BLOCK));
        assert_eq!(LineIndex::default().position("", 0), (1, 1));
    }

    #[test]
    fn places_found_in_a_pass_over_a_reader_are_those_in_memory() {
        let text = long_lines();
        let mut offsets: Vec<usize> = text.char_indices().step_by(997).map(|(o, _)| o).collect();
        // The same place twice, the end, and past it.
        offsets.extend([text.len(), text.len(), text.len() + 5]);
        offsets.insert(1, offsets[1]);
        let index = LineIndex::default();
        let expected: Vec<_> = offsets.iter().map(|&o| index.position(&text, o)).collect();
        for step in [BLOCK, 1_000, 7] {
            let reader = Trickle {
                bytes: text.as_bytes(),
                step,
            };
            assert_eq!(positions_in(reader, &offsets).unwrap(), expected, "{step}");
        }
        assert_eq!(positions_in(&b""[..], &[0, 3]).unwrap(), [(1, 1), (1, 1)]);
        assert!(positions_in(&b"x"[..], &[]).unwrap().is_empty());
    }

    proptest! {
        #[test]
        fn places_in_a_pass_are_found_as_counted(
            lines in proptest::collection::vec("[a-zé\u{1F600}]{0,40}", 0..60),
            at in proptest::collection::vec(0usize..4_000, 0..8),
            step in 1usize..300,
        ) {
            let text = lines.join("\n");
            let mut offsets: Vec<usize> = at
                .iter()
                .map(|&at| (0..=at.min(text.len())).rev().find(|&o| text.is_char_boundary(o)))
                .map(|o| o.unwrap_or(0))
                .collect();
            offsets.sort_unstable();
            let reader = Trickle { bytes: text.as_bytes(), step };
            let found = positions_in(reader, &offsets).unwrap();
            let counted: Vec<_> = offsets.iter().map(|&o| counted(&text, o)).collect();
            prop_assert_eq!(found, counted);
        }

        #[test]
        fn any_place_is_found_as_counted(
            lines in proptest::collection::vec("[a-zé\u{1F600}]{0,40}", 0..60),
            at in 0usize..4_000,
            block in 1usize..300,
        ) {
            let text = lines.join("\n");
            let offset = (0..=at.min(text.len())).rev().find(|&o| text.is_char_boundary(o));
            let offset = offset.unwrap_or(0);
            let index = LineIndex::with_block(block);
            prop_assert_eq!(index.position(&text, offset), counted(&text, offset));
            // Asked again, from the counts made.
            prop_assert_eq!(index.position(&text, offset), counted(&text, offset));
        }
    }
}
