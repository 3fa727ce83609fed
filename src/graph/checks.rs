//! The checks every record passes before it enters the graph: lengths, text without control
//! characters, well-formed attributes.

use super::*;

/// Refuses a value longer than `limit`, showing only its start: the error names the value
/// without copying megabytes into a message.
pub(super) fn check_length(what: &'static str, value: &str, limit: usize) -> Result<(), Error> {
    if value.len() <= limit {
        return Ok(());
    }
    let shown: String = value.chars().take(40).collect();
    Err(ErrorKind::InvalidValue {
        what,
        value: format!("{shown}…"),
        reason: format!(
            "is {} bytes long, more than the {limit} bytes it may hold",
            value.len()
        ),
    }
    .into())
}

/// The checks a document's own fields must pass, wherever it comes from.
pub(super) fn check_document_fields(document: &Document) -> Result<(), Error> {
    check_name("document key", &document.key)?;
    for (what, text) in [
        ("document title", &document.title),
        ("document text", &document.text),
        ("document url", &document.url),
    ] {
        if let Some(text) = text {
            check_length(what, text, MAX_TEXT_BYTES)?;
        }
    }
    check_attributes(&document.attributes)
}

/// Free attributes are bounded like the fields they sit beside: keys like names, values like
/// text.
pub(super) fn check_attributes(attributes: &crate::Attributes) -> Result<(), Error> {
    for (key, value) in attributes.iter() {
        check_length("attribute name", key, MAX_NAME_BYTES)?;
        check_length("attribute value", value, MAX_TEXT_BYTES)?;
    }
    Ok(())
}

pub(super) fn check_text(what: &'static str, value: &str) -> Result<(), Error> {
    check_length(what, value, MAX_TEXT_BYTES)?;
    if value.trim().is_empty() {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must not be blank".into(),
        }
        .into());
    }
    Ok(())
}

/// Whether `value` passes every check of a name in one pass over its bytes: printable ASCII,
/// within a name's length, with a letter or digit. Nearly every name is one; any other is
/// checked char by char, which also tells what is wrong with it.
pub(crate) fn is_plain_name(value: &str) -> bool {
    let bytes = value.as_bytes();
    // Every byte is looked at, without a branch on each, so that the loop runs on vectors.
    let unprintable = bytes.iter().fold(0u8, |found, &b| {
        found | u8::from(!(0x20..0x7f).contains(&b))
    });
    bytes.len() <= MAX_NAME_BYTES && unprintable == 0 && bytes.iter().any(u8::is_ascii_alphanumeric)
}

pub(super) fn check_name(what: &'static str, value: &str) -> Result<(), Error> {
    match is_plain_name(value) {
        true => Ok(()),
        false => check_name_char_by_char(what, value),
    }
}

fn check_name_char_by_char(what: &'static str, value: &str) -> Result<(), Error> {
    check_length(what, value, MAX_NAME_BYTES)?;
    check_text(what, value)?;
    if value.chars().any(char::is_control) {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must not contain control characters such as line breaks".into(),
        }
        .into());
    }
    if names::folds_to_nothing(value) {
        return Err(ErrorKind::InvalidValue {
            what,
            value: value.to_owned(),
            reason: "must contain a letter or digit".into(),
        }
        .into());
    }
    Ok(())
}

pub(super) fn max_confidence(a: Confidence, b: Confidence) -> Confidence {
    if b.value() > a.value() { b } else { a }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The one-pass check passes only names the full check passes.
        #[test]
        fn a_plain_name_passes_every_check(name in "[ -~]{0,12}|[\\x00-\\x7f]{0,6}|\\PC{0,6}|\\pC{0,3}") {
            if super::is_plain_name(&name) {
                prop_assert!(super::check_name_char_by_char("name", &name).is_ok());
            }
            prop_assert_eq!(
                super::check_name("name", &name).is_ok(),
                super::check_name_char_by_char("name", &name).is_ok()
            );
        }
    }

    #[test]
    fn a_plain_name_is_at_most_the_longest_name() {
        let longest = "a".repeat(crate::MAX_NAME_BYTES);
        assert!(super::is_plain_name(&longest));
        assert!(!super::is_plain_name(&format!("{longest}a")));
        assert!(!super::is_plain_name(" - "));
        assert!(!super::is_plain_name("a\tb"));
        assert!(!super::is_plain_name("a\u{7f}"));
        assert!(!super::is_plain_name("café"));
    }
}
