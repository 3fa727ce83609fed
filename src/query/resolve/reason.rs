//! Why two records may be one: each piece of evidence a candidate's score rests on.

use std::fmt;

use crate::model::{CountryCode, EntityKind};

/// One piece of evidence that two entities are one actor, or two events one happening.
///
/// Each says what it saw in the records, so that an analyst can weigh it: "same surname"
/// means little for "Kim", much for "Zelenskyy".
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// The two names are the same once case, diacritics, punctuation and script are folded.
    SameName {
        /// The folded name.
        name: String,
    },
    /// Every word of the shorter name is a word of the longer; the longer adds these words
    /// (a first name, an outlet's edition word, a country's adjective).
    SharedCore {
        /// The words both names have.
        core: Vec<String>,
        /// The words only the longer name has.
        added: Vec<String>,
    },
    /// A word spelled two ways that are alike letter by letter ("zelensky", "zelenskyy").
    Spelling {
        /// The word in one name.
        one: String,
        /// The word in the other.
        other: String,
        /// Their Jaro–Winkler similarity, from 0 to 1.
        similarity: f64,
    },
    /// A word spelled two ways that sound alike (the same Double Metaphone key).
    SoundsAlike {
        /// The word in one name.
        one: String,
        /// The word in the other.
        other: String,
    },
    /// An initial in one name stands for a word of the other ("J." for "John").
    Initial {
        /// The initial.
        initial: String,
        /// The word it may stand for.
        word: String,
    },
    /// One name carries a title the other lacks ("President Macron").
    Title {
        /// The title.
        title: String,
    },
    /// Both entities are of this kind.
    SameKind(EntityKind),
    /// The kinds differ but may be one actor seen two ways (a state and a place, an outlet and
    /// the company that runs it): weaker evidence than the same kind.
    CompatibleKinds(EntityKind, EntityKind),
    /// Both entities belong to this country.
    SameCountry(CountryCode),
    /// The entities belong to different countries: evidence against.
    DifferentCountries(CountryCode, CountryCode),
    /// Both entities took part in events with this many of the same partners: the same
    /// entity, or two alike by name, kind and country.
    SharedPartners(usize),
    /// Both events are of the same kind.
    SameEventKind,
    /// Both events are dated to the same day.
    SameDay,
    /// The events' dates overlap, one of them or both imprecise.
    OverlappingDates,
    /// Neither event has a date, so dates neither join nor part them.
    Undated,
    /// The events share this many of their participants, out of this many in all.
    SharedParticipants {
        /// Entities in both events.
        shared: usize,
        /// Entities in either.
        of: usize,
    },
    /// Of the shared participants, this many are not one entity but an entity candidate pair
    /// (one actor spelled two ways, as far as the candidates tell).
    LikelySameParticipants(usize),
    /// Each event is reported by documents the other is not: two reports of one happening,
    /// not two happenings one report tells apart.
    DifferentDocuments,
}

impl Reason {
    /// Whether this is evidence against the match rather than for it.
    pub fn is_against(&self) -> bool {
        matches!(self, Reason::DifferentCountries(..))
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SameName { name } => write!(f, "same name `{name}` once folded"),
            Reason::SharedCore { core, added } => {
                let (core, added) = (core.join(" "), added.join(" "));
                match (core.is_empty(), added.is_empty()) {
                    (false, false) => write!(f, "same `{core}`, one name adds `{added}`"),
                    (false, true) => write!(f, "same `{core}`"),
                    (true, _) => write!(f, "one name adds `{added}`"),
                }
            }
            Reason::Spelling {
                one,
                other,
                similarity,
            } => write!(f, "`{one}` spelled `{other}` ({similarity:.2})"),
            Reason::SoundsAlike { one, other } => write!(f, "`{one}` sounds like `{other}`"),
            Reason::Initial { initial, word } => write!(f, "`{initial}` may stand for `{word}`"),
            Reason::Title { title } => write!(f, "title `{title}` on one name only"),
            Reason::SameKind(kind) => write!(f, "both {kind}"),
            Reason::CompatibleKinds(a, b) => write!(f, "{a} and {b} may be one actor"),
            Reason::SameCountry(code) => write!(f, "same country {code}"),
            Reason::DifferentCountries(a, b) => write!(f, "different countries {a} and {b}"),
            Reason::SharedPartners(1) => write!(f, "1 shared partner"),
            Reason::SharedPartners(n) => write!(f, "{n} shared partners"),
            Reason::SameEventKind => write!(f, "same kind"),
            Reason::SameDay => write!(f, "same day"),
            Reason::OverlappingDates => write!(f, "overlapping dates"),
            Reason::Undated => write!(f, "neither dated"),
            Reason::SharedParticipants { shared, of } => {
                write!(f, "{shared} of {of} participants shared")
            }
            Reason::LikelySameParticipants(n) => {
                write!(f, "{n} of them only through entity candidates")
            }
            Reason::DifferentDocuments => write!(f, "reported by different documents"),
        }
    }
}
