//! Quotes matched against their documents' text, white space folded, by the graph and its
//! files alike.

/// Whether `quote` occurs in `text`, white space folded.
pub(crate) fn quote_occurs(quote: &str, text: &str) -> bool {
    fold_white_space(text).contains(&fold_white_space(quote))
}

/// `text` with every run of white space made one space: quotes are matched across line
/// breaks and double spaces.
pub(crate) fn fold_white_space(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}
