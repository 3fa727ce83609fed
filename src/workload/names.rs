//! Made-up names with the variants reports give them, for timing resolution at scale.

use std::collections::HashSet;

use super::{Rng, country_code};
use crate::model::{Entity, EntityKind};
use crate::{Error, EventGraph};

/// Entities with made-up names, about one in ten a variant of an earlier one, and which
/// pairs are variants of one another.
#[derive(Clone, Debug)]
pub struct NameWorkload {
    /// The entities, in the order they are added.
    pub entities: Vec<Entity>,
    /// Pairs of indices into `entities` that name one actor.
    pub pairs: Vec<(usize, usize)>,
}

const ONSETS: &[&str] = &[
    "b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t",
    "tr", "v", "z", "zh", "sh", "ch", "j",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "y", "ai", "ei", "ou"];
const ENDINGS: &[&str] = &[
    "", "n", "r", "k", "v", "sky", "ski", "ov", "ova", "enko", "ic", "ard",
];
const BODIES: &[&str] = &[
    "Ministry",
    "Council",
    "Agency",
    "Office",
    "Committee",
    "Party",
];
const FIELDS: &[&str] = &[
    "Defence", "Interior", "Finance", "Energy", "Health", "Trade",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS[rng.below(ONSETS.len())]);
        w.push_str(VOWELS[rng.below(VOWELS.len())]);
    }
    w.push_str(ENDINGS[rng.below(ENDINGS.len())]);
    let mut chars = w.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A spelling another outlet might give: a letter doubled, a `y` for an `i`, `ks` for `x`,
/// a final `-iy` for `-y`.
fn respell(rng: &mut Rng, name: &str) -> String {
    match rng.below(4) {
        0 if name.ends_with('y') => format!("{name}y"),
        1 if name.contains('i') => name.replacen('i', "y", 1),
        2 if name.ends_with("sky") => format!("{}skiy", &name[..name.len() - 3]),
        _ => {
            let at = name.len() / 2;
            let (head, tail) = name.split_at(at);
            let doubled = tail.chars().next().map(String::from).unwrap_or_default();
            format!("{head}{doubled}{tail}")
        }
    }
}

/// `n` entities: people (first name and surname), bodies ("Ministry of Energy of Zorvia") and
/// states, about one in ten a variant of an earlier entity of its kind: the surname alone, a
/// title added, a respelling, an initial for the first name.
pub fn name_variants(n: usize, seed: u64) -> NameWorkload {
    let mut rng = Rng(seed);
    let mut entities: Vec<Entity> = Vec::with_capacity(n);
    let mut pairs = Vec::new();
    // Each actor's parts, so that a variant is built from the original, not from a variant.
    let mut people: Vec<(String, String, usize, usize)> = Vec::new();
    // Names already given, per kind: a made-up name drawn twice is drawn again.
    let mut taken: HashSet<(bool, String)> = HashSet::new();
    let mut fresh = |entity: &Entity| {
        taken.insert((
            entity.kind == EntityKind::Person,
            crate::normalize_name(&entity.name),
        ))
    };
    while entities.len() < n {
        let country = rng.below(200);
        if !people.is_empty() && rng.below(10) == 0 {
            let (first, last, country, at) = people[rng.below(people.len())].clone();
            let name = match rng.below(4) {
                0 => last.clone(),
                1 => format!("President {last}"),
                2 => format!("{first} {}", respell(&mut rng, &last)),
                _ => format!("{}. {last}", &first[..1]),
            };
            let entity = Entity::new(EntityKind::Person, name).country(country_code(country));
            if fresh(&entity) {
                pairs.push((at, entities.len()));
                entities.push(entity);
            }
            continue;
        }
        match rng.below(10) {
            0..=6 => {
                let first = word(&mut rng, 2);
                let syllables = 2 + rng.below(2);
                let last = word(&mut rng, syllables);
                let entity = Entity::new(EntityKind::Person, format!("{first} {last}"))
                    .country(country_code(country));
                if fresh(&entity) {
                    people.push((first, last, country, entities.len()));
                    entities.push(entity);
                }
            }
            7 | 8 => {
                let name = format!(
                    "{} of {} of {}",
                    BODIES[rng.below(BODIES.len())],
                    FIELDS[rng.below(FIELDS.len())],
                    word(&mut rng, 2)
                );
                let entity =
                    Entity::new(EntityKind::GovernmentBody, name).country(country_code(country));
                if fresh(&entity) {
                    entities.push(entity);
                }
            }
            _ => {
                let entity = Entity::new(EntityKind::State, word(&mut rng, 3))
                    .country(country_code(country));
                if fresh(&entity) {
                    entities.push(entity);
                }
            }
        }
    }
    NameWorkload { entities, pairs }
}

impl NameWorkload {
    /// The entities in a graph, one entity per record (no two share a name and kind).
    pub fn build(&self) -> Result<EventGraph, Error> {
        let mut graph = EventGraph::new();
        for entity in &self.entities {
            graph.add_entity(entity.clone())?;
        }
        Ok(graph)
    }
}
