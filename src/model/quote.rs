//! Quotes matched against their documents' text, white space folded, by the graph and its
//! files alike.

use std::borrow::Cow;

/// Whether `quote` occurs in `text`, white space folded.
pub(crate) fn quote_occurs(quote: &str, text: &str) -> bool {
    fold_white_space(text).contains(&*fold_white_space(quote))
}

/// `text` with every run of white space made one space: quotes are matched across line
/// breaks and double spaces. Text already so (most quotes) is handed back as it is.
pub(crate) fn fold_white_space(text: &str) -> Cow<'_, str> {
    if is_folded(text) {
        return Cow::Borrowed(text);
    }
    if text.is_ascii() {
        return Cow::Owned(fold_ascii(text));
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

/// What `char::is_whitespace` says of an ASCII byte (vertical tab included, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// An ASCII text folded byte by byte, with no char decoded: an article's text, folded for
/// each file that quotes it, is nearly always ASCII.
fn fold_ascii(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut word = None;
    let push = |folded: &mut String, word: &str| {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    };
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match (is_ascii_space(b), word) {
            (true, Some(start)) => {
                push(&mut folded, &text[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    if let Some(start) = word {
        push(&mut folded, &text[start..]);
    }
    folded
}

/// Whether folding `text` would leave it as it is: its only white space is single spaces
/// between other characters.
fn is_folded(text: &str) -> bool {
    if text.is_ascii() {
        let mut after_space = true;
        for &b in text.as_bytes() {
            match is_ascii_space(b) {
                true if b != b' ' || after_space => return false,
                space => after_space = space,
            }
        }
        return !after_space || text.is_empty();
    }
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
    }
}
