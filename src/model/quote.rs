//! Quotes matched against their documents' text, white space folded, by the graph and its
//! files alike.

use std::borrow::Cow;

use memchr::arch::all::rabinkarp;

/// Whether `quote` occurs in `text`, white space folded.
pub(crate) fn quote_occurs(quote: &str, text: &str) -> bool {
    let quote = fold_white_space(quote);
    occurs_as_written(&quote, text) || contains(&fold_white_space(text), &quote)
}

/// Whether `quote`, folded by [`fold_white_space`], occurs in `text` as it stands: when it
/// does, it occurs in `text` folded too, and the text need not be folded to know it.
///
/// A folded quote has only single spaces, each between two other characters. Where it stands
/// in `text`, each of those spaces is a run of one, and folding keeps it, and every other
/// character, as it is. (Not the converse: a quote that spans a line break of the text is
/// found only in the text folded.)
pub(crate) fn occurs_as_written(quote: &str, text: &str) -> bool {
    contains(text, quote)
}

/// Whether `text` holds `part`, as `str::contains` says, by `memchr`'s substring searches: a
/// corpus checks two or three quotes against each article it loads, and the standard search
/// spent more on setting itself up for each quote than on finding it (a tenth of the
/// instructions of a merge). A Rabin-Karp search sets up in one pass over the quote; past a
/// few kilobytes of text, where a chance run of hash collisions would cost most, the search
/// that is linear at worst. Bytes found in UTF-8 are found at character boundaries, so
/// searching the bytes answers for the characters.
pub(crate) fn contains(text: &str, part: &str) -> bool {
    const SHORT_TEXT: usize = 4096;
    let (text, part) = (text.as_bytes(), part.as_bytes());
    if text.len() <= SHORT_TEXT {
        rabinkarp::Finder::new(part).find(text, part).is_some()
    } else {
        memchr::memmem::find(text, part).is_some()
    }
}

/// `text` with every run of white space made one space: quotes are matched across line
/// breaks and double spaces. Text already so (most quotes) is handed back as it is.
pub(crate) fn fold_white_space(text: &str) -> Cow<'_, str> {
    if is_folded(text) {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    Cow::Owned(folded)
}

/// Whether folding `text` would leave it as it is: its only white space is single spaces
/// between other characters.
fn is_folded(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn text_is_folded_as_its_words_joined_by_one_space(
            text in "[ a\\t\\n\u{a0}\u{2003}é]{0,24}|[ ab\\t\\n\\r\\x0b\\x0c]{0,24}"
        ) {
            let words: Vec<&str> = text.split_whitespace().collect();
            let folded = fold_white_space(&text);
            prop_assert_eq!(&*folded, words.join(" "));
            prop_assert_eq!(matches!(folded, Cow::Borrowed(_)), is_folded(&text));
        }

        #[test]
        fn a_quote_occurs_as_it_does_in_the_text_folded(
            text in "[ ab\\t\\n\u{a0}]{0,24}",
            quote in "[ ab\\t\\n\u{a0}]{0,8}",
        ) {
            let folded = fold_white_space(&quote);
            let expected = fold_white_space(&text).contains(&*folded);
            prop_assert_eq!(quote_occurs(&quote, &text), expected);
            // Found as written only where it is found folded.
            prop_assert!(!occurs_as_written(&folded, &text) || expected);
        }

        #[test]
        fn contains_answers_as_the_standard_search(
            text in "[ ab\u{e9}\u{2003}\u{1F600}]{0,40}",
            part in "[ ab\u{e9}\u{2003}\u{1F600}]{0,6}",
        ) {
            prop_assert_eq!(contains(&text, &part), text.contains(&*part));
        }

        /// Past 4 KiB, the other search answers alike: text made long by repeating a short
        /// one, the part placed at either end, in the middle or nowhere.
        #[test]
        fn contains_answers_alike_in_a_long_text(
            unit in "[ ab\u{e9}\u{1F600}]{1,8}",
            part in "[ abc\u{e9}\u{1F600}]{1,12}",
            at in 0usize..3,
        ) {
            let filler = unit.repeat(5_000 / unit.len() + 1);
            let text = match at {
                0 => format!("{part}{filler}"),
                1 => format!("{filler}{part}{filler}"),
                _ => format!("{filler}{part}"),
            };
            prop_assert!(text.len() > 4096);
            prop_assert!(contains(&text, &part));
            prop_assert_eq!(contains(&filler, &part), filler.contains(&*part));
        }
    }
}
