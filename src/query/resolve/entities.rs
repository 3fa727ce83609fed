//! Pairs of entities that are probably one actor: blocked on shared words and sound keys,
//! then scored name by name.

use std::collections::HashMap;

use rustc_hash::{FxBuildHasher, FxHashSet};

use super::names::{NameForm, NameMatch, WordMatch, match_names, score_names};
use super::{CandidateOptions, Reason};
use crate::EventGraph;
use crate::model::{EntityId, EntityKind};

/// Two entities that are probably one actor, with the score and the evidence for it.
///
/// `one` is the older record (the smaller id): the one an analyst would usually keep.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityCandidate {
    pub(super) one: EntityId,
    pub(super) other: EntityId,
    pub(super) score: f64,
    pub(super) names: (String, String),
    pub(super) reasons: Vec<Reason>,
}

impl EntityCandidate {
    /// The older of the two entities.
    pub fn one(&self) -> EntityId {
        self.one
    }

    /// The newer of the two entities.
    pub fn other(&self) -> EntityId {
        self.other
    }

    /// How likely the two are one actor, from 0 to 1.
    pub fn score(&self) -> f64 {
        self.score
    }

    /// The two names, as the entities spell them, whose match the score rests on.
    pub fn names(&self) -> (&str, &str) {
        (&self.names.0, &self.names.1)
    }

    /// The evidence, for and against, strongest first.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// Whether `entity` is one of the two.
    pub fn involves(&self, entity: EntityId) -> bool {
        self.one == entity || self.other == entity
    }

    /// The entity paired with `entity`, if it is one of the two.
    pub fn partner_of(&self, entity: EntityId) -> Option<EntityId> {
        if self.one == entity {
            Some(self.other)
        } else if self.other == entity {
            Some(self.one)
        } else {
            None
        }
    }
}

/// An entity as resolution reads it.
struct Profile<'g> {
    id: EntityId,
    kind: &'g EntityKind,
    country: Option<crate::model::CountryCode>,
    /// Each distinct name form with the name it came from.
    forms: Vec<(NameForm, &'g str)>,
}

/// Whether entities of these kinds may be one actor seen two ways, and if so, whether as the
/// same kind. A state and its government are kept apart on purpose (the model tells a state
/// acting as a whole from the body that acted for it), and so are a person and any body.
fn kinds_meet(a: &EntityKind, b: &EntityKind) -> Option<bool> {
    use EntityKind::*;
    if a == b {
        return Some(true);
    }
    let pair = |x: &EntityKind, y: &EntityKind| {
        matches!(
            (x, y),
            (State, Place)
                | (Organisation, MediaOutlet)
                | (Organisation, Intergovernmental)
                | (Intergovernmental, Mission)
                | (Group, Organisation)
                | (Group, Intergovernmental)
                | (
                    Other(_),
                    State | GovernmentBody | ArmedForce | Intergovernmental
                )
                | (
                    Other(_),
                    Mission | MediaOutlet | Organisation | Group | Other(_)
                )
        )
    };
    (pair(a, b) || pair(b, a)).then_some(false)
}

/// What a search for entity candidates found.
pub(super) struct EntitySearch {
    pub(super) candidates: Vec<EntityCandidate>,
    pub(super) crowded: Vec<(String, usize)>,
}

/// Entity pairs; with `only`, the pairs with at least one entity among those.
pub(super) fn entity_candidates(
    graph: &EventGraph,
    options: &CandidateOptions,
    only: Option<&FxHashSet<EntityId>>,
) -> EntitySearch {
    let wanted =
        |a: EntityId, b: EntityId| only.is_none_or(|set| set.contains(&a) || set.contains(&b));
    let profiles: Vec<Profile<'_>> = graph
        .entities()
        .map(|(id, entity)| {
            let person = entity.kind() == EntityKind::Person;
            let mut forms: Vec<(NameForm, &str)> = Vec::new();
            for name in entity.names() {
                let form = NameForm::of(name, person);
                if !forms.iter().any(|(f, _)| f.words == form.words) {
                    forms.push((form, name));
                }
            }
            Profile {
                id,
                kind: entity.kind(),
                country: entity.country(),
                forms,
            }
        })
        .collect();

    // Blocks: every word of three letters or more, and every word's sound key. An entity is
    // in a block once however many of its names share the key.
    let mut blocks: HashMap<String, Vec<u32>, foldhash::fast::RandomState> = HashMap::default();
    for (index, profile) in profiles.iter().enumerate() {
        let index = index as u32;
        for (form, _) in &profile.forms {
            for word in &form.words {
                if word.text.chars().count() < 3 {
                    continue;
                }
                let keys = [format!("w {}", word.text), format!("k {}", word.skeleton)]
                    .into_iter()
                    .chain(word.sound.as_ref().map(|key| format!("s {key}")));
                for key in keys {
                    let members = blocks.entry(key).or_default();
                    if members.last() != Some(&index) {
                        members.push(index);
                    }
                }
            }
        }
    }
    let mut pairs: Vec<u64> = Vec::new();
    let mut crowded: Vec<(String, usize)> = Vec::new();
    for (key, members) in &blocks {
        if members.len() > options.block_limit {
            if let Some(word) = key.strip_prefix("w ") {
                crowded.push((word.to_owned(), members.len()));
            }
            continue;
        }
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if wanted(profiles[a as usize].id, profiles[b as usize].id) {
                    pairs.push(u64::from(a) << 32 | u64::from(b));
                }
            }
        }
    }
    drop(blocks);
    pairs.sort_unstable();
    pairs.dedup();
    crowded.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    // Entities a relation joins are two on someone's word (a minister of a ministry, a
    // member of an alliance): never offered as one.
    let related: FxHashSet<(EntityId, EntityId)> = graph
        .relations()
        .filter_map(|(_, r)| Some((r.from().as_entity()?, r.to().as_entity()?)))
        .flat_map(|(a, b)| [(a, b), (b, a)])
        .collect();

    // First the names, kinds and countries of every blocked pair.
    let mut scored: Vec<EntityCandidate> = Vec::new();
    for pair in pairs {
        let (a, b) = (
            &profiles[(pair >> 32) as usize],
            &profiles[pair as u32 as usize],
        );
        if let Some(candidate) = assess(a, b, &related)
            && candidate.score + PARTNERS_MAX >= options.threshold
        {
            // Only pairs that shared partners could lift over the threshold go on.
            scored.push(candidate);
        }
    }

    // Then shared partners: the same entity, or two alike on names, kinds and countries alone
    // (scoring the threshold before partners), so that "Mr Quist" and "Hallvard Quist", each
    // seen with a differently spelled Tolminsky, share him. Partners are compared pair by
    // pair, the same way whether all candidates are searched for or those of a few entities.
    let profile = |id: EntityId| {
        profiles
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|at| &profiles[at])
    };
    let mut partners: HashMap<EntityId, Vec<EntityId>, FxBuildHasher> = HashMap::default();
    let mut alike: HashMap<(EntityId, EntityId), bool, FxBuildHasher> = HashMap::default();
    let mut candidates = Vec::new();
    for mut candidate in scored {
        let (a, b) = (candidate.one, candidate.other);
        for id in [a, b] {
            partners.entry(id).or_insert_with(|| {
                let mut found = graph.co_participant_ids(id);
                found.sort_unstable();
                found
            });
        }
        let (pa, pb) = (&partners[&a], &partners[&b]);
        let others = |p: &EntityId| *p != a && *p != b;
        // Past this many pairs of partners (two hubs), only the same partner counts.
        let compare = pa.len() * pb.len() <= PARTNER_PAIRS;
        let mut shared = 0;
        for &p in pa.iter().filter(|p| others(p)) {
            if pb.binary_search(&p).is_ok() {
                shared += 1;
                continue;
            }
            if !compare {
                continue;
            }
            let met = pb.iter().filter(|q| others(q)).any(|&q| {
                let key = if p < q { (p, q) } else { (q, p) };
                *alike
                    .entry(key)
                    .or_insert_with(|| match (profile(key.0), profile(key.1)) {
                        (Some(x), Some(y)) => {
                            assess(x, y, &related).is_some_and(|c| c.score >= options.threshold)
                        }
                        _ => false,
                    })
            });
            if met {
                shared += 1;
            }
        }
        if shared > 0 {
            candidate.score += (shared as f64 * 0.02).min(PARTNERS_MAX);
            candidate.reasons.push(Reason::SharedPartners(shared));
        }
        // Only names that are the same once folded score 1: any difference leaves room.
        let same = matches!(candidate.reasons.first(), Some(Reason::SameName { .. }));
        candidate.score = candidate.score.clamp(0.0, if same { 1.0 } else { 0.99 });
        if candidate.score >= options.threshold {
            candidates.push(candidate);
        }
    }
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.one.cmp(&y.one))
            .then(x.other.cmp(&y.other))
    });
    EntitySearch {
        candidates,
        crowded,
    }
}

/// The most shared partners add to a score.
const PARTNERS_MAX: f64 = 0.06;

/// The most pairs of partners compared for one candidate: two actors with a hundred partners
/// each. Past it only the same partner counts, so that two hubs cost no more than that.
const PARTNER_PAIRS: usize = 10_000;

/// Two entities scored on their names, kinds and countries, before partners: `None` when no
/// name of one meets a name of the other, the kinds cannot be one actor, or a relation joins
/// them.
fn assess(
    a: &Profile<'_>,
    b: &Profile<'_>,
    related: &FxHashSet<(EntityId, EntityId)>,
) -> Option<EntityCandidate> {
    let same_kind = kinds_meet(a.kind, b.kind)?;
    if related.contains(&(a.id, b.id)) {
        return None;
    }
    // The best-scoring pair of names, the first such on a tie; only it is explained.
    let mut best: Option<(f64, &NameForm, &str, &NameForm, &str)> = None;
    for (fa, na) in &a.forms {
        for (fb, nb) in &b.forms {
            if let Some(score) = score_names(fa, fb)
                && best.is_none_or(|b| score > b.0)
            {
                best = Some((score, fa, na, fb, nb));
            }
        }
    }
    let (_, fa, name_a, fb, name_b) = best?;
    let matched = match_names(fa, fb)?;
    let mut score = matched.score;
    let mut reasons = name_reasons(&matched);
    if same_kind {
        reasons.push(Reason::SameKind(a.kind.clone()));
    } else {
        score -= 0.1;
        reasons.push(Reason::CompatibleKinds(a.kind.clone(), b.kind.clone()));
    }
    match (a.country, b.country) {
        (Some(x), Some(y)) if x == y => {
            score += 0.05;
            reasons.push(Reason::SameCountry(x));
        }
        (Some(x), Some(y)) => {
            score -= 0.25;
            reasons.push(Reason::DifferentCountries(x, y));
        }
        _ => {}
    }
    let (one, other) = if a.id < b.id { (a, b) } else { (b, a) };
    let names = if one.id == a.id {
        (name_a.to_owned(), name_b.to_owned())
    } else {
        (name_b.to_owned(), name_a.to_owned())
    };
    Some(EntityCandidate {
        one: one.id,
        other: other.id,
        score,
        names,
        reasons,
    })
}

fn name_reasons(matched: &NameMatch) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let core: Vec<String> = matched
        .pairs
        .iter()
        .filter(|(_, _, how)| *how == WordMatch::Same)
        .map(|(word, _, _)| word.clone())
        .collect();
    if matched.score >= 1.0 {
        reasons.push(Reason::SameName {
            name: core.join(" "),
        });
    } else if !core.is_empty() || !matched.extra.is_empty() {
        reasons.push(Reason::SharedCore {
            core,
            added: matched.extra.to_vec(),
        });
    }
    for (one, other, how) in &matched.pairs {
        let (one, other) = (one.clone(), other.clone());
        match how {
            WordMatch::Same => {}
            WordMatch::Spelling(similarity) => reasons.push(Reason::Spelling {
                one,
                other,
                similarity: *similarity,
            }),
            WordMatch::Sound => reasons.push(Reason::SoundsAlike { one, other }),
            WordMatch::Initial => reasons.push(Reason::Initial {
                initial: one,
                word: other,
            }),
        }
    }
    for title in &matched.titles {
        reasons.push(Reason::Title {
            title: title.clone(),
        });
    }
    reasons
}
