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
    }
}
