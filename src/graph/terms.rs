//! The distinct terms of a vocabulary that a graph's records use (event kinds, roles), each
//! held once and named by a 2-byte code, since a term with its `other:NAME` escape is as
//! large as a `String` and a graph uses a few dozen of them. A vocabulary of more than 65,535
//! distinct terms (names made up per record, most likely) is refused with an error naming it.

use std::hash::Hash;

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;

use crate::{Error, ErrorKind};

/// A term's code in its [`Terms`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TermCode(u16);

impl TermCode {
    /// No term: [`Terms::code`] never hands it out.
    pub(crate) const NONE: TermCode = TermCode(u16::MAX);
}

/// The terms in use, in the order first used.
#[derive(Clone, Debug)]
pub(crate) struct Terms<T> {
    terms: IndexSet<T, FxBuildHasher>,
}

impl<T> Default for Terms<T> {
    fn default() -> Self {
        Terms {
            terms: IndexSet::default(),
        }
    }
}

impl<T: Hash + Eq + Clone> Terms<T> {
    /// The term of `code`.
    pub(crate) fn get(&self, code: TermCode) -> &T {
        &self.terms[code.0 as usize]
    }

    /// The term of `code`, none for [`TermCode::NONE`].
    pub(crate) fn try_get(&self, code: TermCode) -> Option<&T> {
        self.terms.get_index(code.0 as usize)
    }

    /// The code of `term`, added if not used yet. `what` names the vocabulary in the error
    /// for a graph that uses more distinct terms than a code can name.
    pub(crate) fn code(&mut self, term: &T, what: &'static str) -> Result<TermCode, Error> {
        if let Some(index) = self.terms.get_index_of(term) {
            return Ok(TermCode(index as u16));
        }
        let code = u16::try_from(self.terms.len())
            .ok()
            .filter(|&n| n < u16::MAX)
            .ok_or(ErrorKind::CapacityExceeded { what })?;
        self.terms.insert(term.clone());
        Ok(TermCode(code))
    }

    /// The code of `term` if it is in use.
    pub(crate) fn find(&self, term: &T) -> Option<TermCode> {
        self.terms
            .get_index_of(term)
            .map(|index| TermCode(index as u16))
    }
}
