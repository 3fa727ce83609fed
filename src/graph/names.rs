//! The normalised name index: case, white space, punctuation and diacritics folded, so that
//! "Bürkhardt", "BURKHARDT" and "burkhardt" meet.

use std::collections::HashMap;

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
        return normalize_ascii(name);
    }
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
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Normalised name to the entities that go by it, in the order they were indexed.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    map: HashMap<String, Vec<EntityId>>,
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
            ids.retain(|&other| other != id);
            if ids.is_empty() {
                self.map.remove(&key);
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> &[EntityId] {
        self.map
            .get(&normalize_name(name))
            .map_or(&[], Vec::as_slice)
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
