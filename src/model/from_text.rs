//! Values written as text in the graph's files (dates, country and CAMEO codes), read from the
//! text as the format hands it over.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error, Visitor};

/// Reads a value written as text with `parse`, from the text as the deserializer lends it:
/// reading it into a `String` first cost an allocation for every date and code of a graph
/// file, a few million of them in a large JSON graph. `expecting` ends the error a value of
/// another type gets ("expected a date in the text form").
pub(crate) fn from_text<'de, D, T, E>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    deserializer.deserialize_str(Text {
        expecting,
        parse,
        value: PhantomData,
    })
}

struct Text<T, E> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, E>,
    value: PhantomData<fn() -> T>,
}

impl<T, E: fmt::Display> Visitor<'_> for Text<T, E> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.expecting)
    }

    fn visit_str<Fail: Error>(self, text: &str) -> Result<T, Fail> {
        (self.parse)(text).map_err(Fail::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::{CameoCode, CountryCode, FuzzyDate};

    #[test]
    fn values_written_as_text_read_back_and_name_what_they_expected() {
        let date: FuzzyDate = serde_json::from_str("\"2024-06-07~\"").expect("a date");
        assert_eq!(date.to_string(), "2024-06-07~");
        let country: CountryCode = serde_json::from_str("\"FRA\"").expect("a country");
        assert_eq!(country.as_str(), "FRA");
        let code: CameoCode = serde_json::from_str("\"0231\"").expect("a CAMEO code");
        assert_eq!(code.as_str(), "0231");
        // Escaped text, which a reader cannot lend as it stands, reads the same.
        let date: FuzzyDate = serde_json::from_str("\"2024\\u002d06\"").expect("a month");
        assert_eq!(date.to_string(), "2024-06");
        // From a reader, which lends text from its buffer.
        let date: FuzzyDate = serde_json::from_reader(&b"\"2024-W23\""[..]).expect("a week");
        assert_eq!(date.to_string(), "2024-W23");

        let wrong = serde_json::from_str::<FuzzyDate>("20240607").unwrap_err();
        assert!(wrong.to_string().contains("expected a date"), "{wrong}");
        let wrong = serde_json::from_str::<FuzzyDate>("\"2024-02-30\"").unwrap_err();
        assert!(wrong.to_string().contains("no such day"), "{wrong}");
        let wrong = serde_json::from_str::<CountryCode>("7").unwrap_err();
        assert!(wrong.to_string().contains("country code"), "{wrong}");
        let wrong = serde_json::from_str::<CameoCode>("\"9\"").unwrap_err();
        assert!(wrong.to_string().contains("9"), "{wrong}");
    }
}
