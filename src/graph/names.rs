//! The normalised name index: case, white space, punctuation and diacritics folded, so that
//! "Bürkhardt", "BURKHARDT" and "burkhardt" meet.

use std::collections::HashMap;

use smallvec::SmallVec;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::EntityId;

/// The form under which names are indexed and compared.
///
/// Letters are decomposed and stripped of their diacritics, lower-cased, and every run of
/// characters that are neither letters nor digits becomes one space, trimmed at the ends.
///
/// ```
/// use eventkg::normalize_name;
/// assert_eq!(normalize_name("  Thierry  BURKHARDT "), "thierry burkhardt");
/// assert_eq!(normalize_name("Zürich"), "zurich");
/// assert_eq!(normalize_name("U.S."), "u s");
/// assert_eq!(normalize_name("Ministry of Defence (Berlin)"), "ministry of defence berlin");
/// ```
pub fn normalize_name(name: &str) -> String {
    if name.is_ascii() {
        normalize_ascii(name)
    } else {
        normalize_unicode(name)
    }
}

fn normalize_unicode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// [`normalize_name`] for ASCII text, which has no diacritics to fold: the same result
/// without Unicode decomposition, for the common case on every lookup.
fn normalize_ascii(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    fold_ascii(name, |b| out.push(b));
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the folded form of ASCII `name` byte by byte: only ASCII letters, digits and
/// single spaces, so any prefix of it is valid UTF-8.
fn fold_ascii(name: &str, mut emit: impl FnMut(u8)) {
    let (mut pending_space, mut started) = (false, false);
    for b in name.bytes() {
        match FOLDED[usize::from(b & 0x7f)] {
            0 => pending_space = true,
            folded => {
                if pending_space && started {
                    emit(b' ');
                }
                pending_space = false;
                started = true;
                emit(folded);
            }
        }
    }
}

/// Whether `name` normalises to nothing (it has no letter or digit once folded): the check a
/// name must pass, without building the normalised form for ASCII names.
pub(crate) fn folds_to_nothing(name: &str) -> bool {
    if name.is_ascii() {
        return name.bytes().all(|b| FOLDED[usize::from(b)] == 0);
    }
    normalize_name(name).is_empty()
}

/// Each ASCII byte folded: letters lower-cased, digits kept, anything else 0 (a separator).
const FOLDED: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Calls `with` on the normalised form of `name`, folding a short ASCII name on the stack:
/// a lookup then allocates nothing.
fn with_normalized<T>(name: &str, with: impl FnOnce(&str) -> T) -> T {
    const SHORT: usize = 128;
    if name.is_ascii() && name.len() <= SHORT {
        let mut buffer = [0u8; SHORT];
        let mut len = 0;
        fold_ascii(name, |b| {
            if let Some(slot) = buffer.get_mut(len) {
                *slot = b;
                len += 1;
            }
        });
        if let Ok(key) = std::str::from_utf8(&buffer[..len]) {
            return with(key);
        }
    }
    with(&normalize_name(name))
}

/// Normalised name to the entities that go by it, in the order they were indexed. Most names
/// are one entity's, held inline beside the key: a lookup reads no second allocation.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    map: HashMap<String, SmallVec<[EntityId; 2]>, foldhash::fast::RandomState>,
}

impl NameIndex {
    pub(crate) fn insert(&mut self, name: &str, id: EntityId) {
        let ids = self.map.entry(normalize_name(name)).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub(crate) fn remove(&mut self, name: &str, id: EntityId) {
        let key = normalize_name(name);
        if let Some(ids) = self.map.get_mut(&key) {
            ids.retain(|other| *other != id);
            if ids.is_empty() {
                self.map.remove(&key);
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> &[EntityId] {
        with_normalized(name, |key| self.map.get(key)).map_or(&[], SmallVec::as_slice)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &[EntityId])> {
        self.map
            .iter()
            .map(|(key, ids)| (key.as_str(), ids.as_slice()))
    }

    /// The indexed key closest to `name`, if one is close enough to be a likely typo.
    pub(crate) fn nearest(&self, name: &str) -> Option<(&str, EntityId)> {
        let key = crate::model::vocabulary::nearest_term(
            &normalize_name(name),
            self.map.keys().map(String::as_str),
        )?;
        Some((key, *self.map.get(key)?.first()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_and_stack_paths_fold_as_unicode_does(name in "[ -~]{0,140}|\\PC{0,20}") {
            let on_the_stack = with_normalized(&name, str::to_owned);
            prop_assert_eq!(&on_the_stack, &normalize_name(&name));
            prop_assert_eq!(on_the_stack, normalize_unicode(&name));
        }
    }
}

#[cfg(test)]
mod fold_tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folds_to_nothing_is_an_empty_normal_form(name in "[ -~]{0,12}|\\PC{0,6}") {
            prop_assert_eq!(super::folds_to_nothing(&name), super::normalize_name(&name).is_empty());
        }
    }
}
