//! The machinery shared by the crate's controlled vocabularies (entity kinds, event kinds, roles,
//! relation kinds): one snake_case word per term, an explicit `other:NAME` escape for what the
//! vocabulary does not foresee, and an error that suggests the nearest term for a typo, so that a
//! misspelt kind is never silently taken as a new one.

use crate::Error;
use crate::ErrorKind;

/// The term of `names` nearest to `value`, if any is near enough to be a likely typo; among
/// equally near terms, the alphabetically first, so that the answer never depends on the
/// order `names` come in.
pub(crate) fn nearest_term<'a>(
    value: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let value = value.to_lowercase();
    names
        .into_iter()
        .map(|name| (strsim::jaro_winkler(&value, name), name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

pub(crate) fn unknown_term(vocabulary: &'static str, value: &str, names: &[&'static str]) -> Error {
    ErrorKind::UnknownTerm {
        vocabulary,
        value: value.to_owned(),
        suggestion: nearest_term(value, names.iter().copied()).map(str::to_owned),
    }
    .into()
}

/// The error for a word that is not one of a closed list's `values`, which names them all.
pub(crate) fn unknown_value(what: &'static str, value: &str, values: &[&'static str]) -> Error {
    ErrorKind::UnknownValue {
        what,
        value: value.to_owned(),
        accepted: values.to_vec(),
        suggestion: nearest_term(value, values.iter().copied()).map(str::to_owned),
    }
    .into()
}

/// A vocabulary's terms, as the graph's term tables see them: a named term has a fixed place,
/// so that its code is found without hashing it.
pub(crate) trait Named {
    /// The place of a named term among the vocabulary's; `None` for an `other:` term.
    fn named_index(&self) -> Option<usize>;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A term the vocabulary does not foresee, written `other:NAME` in text.
            Other(String),
        }

        impl $name {
            /// The text of every named term, in documentation order.
            pub const NAMES: &'static [&'static str] = &[$($text),*];

            /// Every named term, in documentation order.
            pub fn named() -> impl Iterator<Item = $name> {
                [$($name::$variant),*].into_iter()
            }

            /// The place of a named term in [`Self::NAMES`]; `None` for [`Self::Other`].
            /// Indexes key on it, without comparing words.
            #[allow(dead_code)]
            pub(crate) fn named_index(&self) -> Option<usize> {
                #[allow(dead_code)]
                enum Index { $($variant,)* }
                match self {
                    $( $name::$variant => Some(Index::$variant as usize), )*
                    $name::Other(_) => None,
                }
            }

            /// The term's word: `"other"`'s own name for [`Self::Other`].
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $name::Other(name) => name,
                }
            }
        }

        impl $crate::model::vocabulary::Named for $name {
            fn named_index(&self) -> Option<usize> {
                $name::named_index(self)
            }
        }

        /// Records hand their terms out by reference: `event.kind() == EventKind::Visit`
        /// reads as it should.
        impl PartialEq<$name> for &$name {
            fn eq(&self, other: &$name) -> bool {
                **self == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $name::Other(name) => write!(f, "other:{name}"),
                    named => f.write_str(named.as_str()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(text: &str) -> Result<Self, $crate::Error> {
                match text {
                    $( $text => Ok($name::$variant), )*
                    _ => match text.strip_prefix("other:").map(str::trim) {
                        Some(name) if !name.is_empty() => Ok($name::Other(name.to_owned())),
                        _ => Err($crate::model::vocabulary::unknown_term($what, text, Self::NAMES)),
                    },
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use crate::model::{EntityKind, EventKind, RelationKind, Role};

    /// Indexes key on a term's place among the names: every vocabulary must agree with its
    /// own list, and an `other:` term has none.
    #[test]
    fn a_named_term_is_at_its_place_among_the_names() {
        fn check<T: std::str::FromStr<Err = crate::Error>>(
            names: &[&str],
            place: impl Fn(&T) -> Option<usize>,
        ) {
            for (i, name) in names.iter().enumerate() {
                let term: T = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(place(&term), Some(i), "{name}");
            }
            let other: T = "other:something".parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(place(&other), None);
        }
        check::<Role>(Role::NAMES, Role::named_index);
        check::<RelationKind>(RelationKind::NAMES, RelationKind::named_index);
        check::<EventKind>(EventKind::NAMES, EventKind::named_index);
        check::<EntityKind>(EntityKind::NAMES, EntityKind::named_index);
        // The kind index gives roles and each end of a relation a hundred codes each.
        assert!(Role::NAMES.len() <= 100 && RelationKind::NAMES.len() <= 100);
    }
}
