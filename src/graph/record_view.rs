//! What every record view shares: it prints as the owned record it reads back, and two views
//! are equal when every field is, whichever graphs hold them (two graphs may code the same
//! kind or text under different ids, so the packed records themselves cannot be compared).

use crate::model::{Attributes, Source};

/// Implements `Debug` and `PartialEq` for a record view from its owned form and its fields.
macro_rules! record_view_traits {
    ($view:ident, $to_owned:ident, [$($field:ident),* $(,)?]) => {
        impl std::fmt::Debug for $view<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.$to_owned(), f)
            }
        }

        impl PartialEq for $view<'_> {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$field() == other.$field())*
            }
        }
    };
}

pub(super) use record_view_traits;

/// Whether a view's attributes are empty: a record's serde form leaves them out then.
pub(super) fn no_attributes(attributes: &&Attributes) -> bool {
    attributes.is_empty()
}

/// Whether a view's sources are empty: a record's serde form leaves them out then.
pub(super) fn no_sources(sources: &&[Source]) -> bool {
    sources.is_empty()
}

/// Whether a view's polarity is the default: a record's serde form leaves it out then.
pub(super) fn affirmed(polarity: &crate::model::Polarity) -> bool {
    !polarity.is_negated()
}
