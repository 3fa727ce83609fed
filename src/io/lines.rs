//! The line and column of a place in a graph file's text, for messages.
//!
//! A message names the line and column of the record it is about, and a file can give many:
//! each value a restated record does not keep is listed with its place, and `validate` lists
//! every record it refuses. Counting the lines before each place from the start of the text
//! made a file of many such messages quadratic in its length (50,000 values kept from a
//! 95 MB file took minutes). The lines are counted once instead, a block at a time, the first
//! time a place is asked for; a place is then found by counting within its block.

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
        // Characters are the bytes that do not continue one.
        let column = bytes[line_start..offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        (ends + 1, column + 1)
    }
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
    use super::*;
    use proptest::prelude::*;

    /// The line and column found by counting from the start of the text.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    #[test]
    fn places_across_blocks_are_found_as_counted() {
        // Lines of every length about a block's, with characters of several bytes.
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"é".repeat(i * 1_700));
            text.push_str("x\n");
        }
        text.push_str(&"a".repeat(BLOCK));
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

    proptest! {
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
