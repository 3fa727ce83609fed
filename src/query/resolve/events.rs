//! Pairs of events that are probably one happening: blocked on kind and participant, then
//! scored on participants and dates.

use std::collections::HashMap;

use rustc_hash::{FxBuildHasher, FxHashSet};

use super::{CandidateOptions, EntityCandidate, Reason};
use crate::EventGraph;
use crate::model::{DocumentId, EntityId, EventId, EventKind, FuzzyDate, Polarity, Precision};

/// Two events that are probably one happening, told by different reports, with the score
/// and the evidence for it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCandidate {
    pub(super) one: EventId,
    pub(super) other: EventId,
    pub(super) score: f64,
    pub(super) reasons: Vec<Reason>,
}

impl EventCandidate {
    /// The older of the two events.
    pub fn one(&self) -> EventId {
        self.one
    }

    /// The newer of the two events.
    pub fn other(&self) -> EventId {
        self.other
    }

    /// How likely the two are one happening, from 0 to 1.
    pub fn score(&self) -> f64 {
        self.score
    }

    /// The evidence, strongest first.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }
}

/// An event as resolution reads it.
struct Profile<'g> {
    id: EventId,
    kind: &'g EventKind,
    date: Option<FuzzyDate>,
    /// The entities taking part, affirmed, sorted.
    participants: Vec<EntityId>,
    /// The documents reporting the event or any of its participations, sorted.
    documents: Vec<DocumentId>,
}

/// Event pairs, where a participant of one and a participant of the other count as shared
/// when they are one entity or an entity candidate pair: two reports that spell the actors
/// differently still tell one meeting.
pub(super) fn event_candidates(
    graph: &EventGraph,
    options: &CandidateOptions,
    entity_pairs: &[EntityCandidate],
) -> Vec<EventCandidate> {
    // Entities a candidate pair joins block together, under the smallest id among them.
    let mut group: HashMap<EntityId, EntityId, FxBuildHasher> = HashMap::default();
    let find = |group: &HashMap<EntityId, EntityId, FxBuildHasher>, mut id: EntityId| {
        while let Some(&up) = group.get(&id) {
            if up == id {
                break;
            }
            id = up;
        }
        id
    };
    for pair in entity_pairs {
        let (a, b) = (find(&group, pair.one), find(&group, pair.other));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            group.insert(high, low);
        }
    }
    let alike: FxHashSet<(EntityId, EntityId)> = entity_pairs
        .iter()
        .flat_map(|p| [(p.one, p.other), (p.other, p.one)])
        .collect();
    let profiles: Vec<Profile<'_>> = graph
        .events()
        .map(|(id, event)| {
            let mut participants = Vec::new();
            let mut documents: Vec<DocumentId> =
                event.sources().iter().map(|s| s.document).collect();
            for (_, p) in graph.participations_in(id) {
                documents.extend(p.sources().iter().map(|s| s.document));
                if p.polarity() == Polarity::Affirmed {
                    participants.push(p.entity());
                }
            }
            participants.sort_unstable();
            participants.dedup();
            documents.sort_unstable();
            documents.dedup();
            Profile {
                id,
                kind: event.kind(),
                date: event.date(),
                participants,
                documents,
            }
        })
        .collect();

    // Blocks: an event kind with one of its participants.
    let mut blocks: HashMap<(&str, EntityId), Vec<u32>, foldhash::fast::RandomState> =
        HashMap::default();
    for (index, profile) in profiles.iter().enumerate() {
        for &entity in &profile.participants {
            let members = blocks
                .entry((profile.kind.as_str(), find(&group, entity)))
                .or_default();
            if members.last() != Some(&(index as u32)) {
                members.push(index as u32);
            }
        }
    }
    let mut pairs: Vec<u64> = Vec::new();
    for members in blocks.values() {
        if members.len() > options.block_limit {
            continue;
        }
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                pairs.push(u64::from(a) << 32 | u64::from(b));
            }
        }
    }
    drop(blocks);
    pairs.sort_unstable();
    pairs.dedup();

    let mut candidates = Vec::new();
    for pair in pairs {
        let (a, b) = (
            &profiles[(pair >> 32) as usize],
            &profiles[pair as u32 as usize],
        );
        if a.kind != b.kind || shares_any(&a.documents, &b.documents) {
            continue;
        }
        if a.documents.is_empty() || b.documents.is_empty() {
            continue;
        }
        let (dating, date_score) = match (a.date, b.date) {
            (Some(x), Some(y)) if !x.overlaps(&y) => continue,
            (Some(x), Some(y))
                if x.precision() == Precision::Day && y.precision() == Precision::Day =>
            {
                (Reason::SameDay, 0.2)
            }
            (Some(_), Some(_)) => (Reason::OverlappingDates, 0.1),
            (None, None) => (Reason::Undated, 0.0),
            // One dated, the other not: nothing joins or parts them.
            _ => (Reason::Undated, 0.0),
        };
        // Each participant of `a` is matched to at most one of `b`: the same entity first,
        // then a candidate.
        let mut taken = vec![false; b.participants.len()];
        let (mut same, mut likely) = (0, 0);
        for p in &a.participants {
            if let Ok(i) = b.participants.binary_search(p) {
                taken[i] = true;
                same += 1;
            }
        }
        for p in &a.participants {
            if b.participants.binary_search(p).is_ok() {
                continue;
            }
            let found = b
                .participants
                .iter()
                .enumerate()
                .find(|(i, q)| !taken[*i] && alike.contains(&(*p, **q)));
            if let Some((i, _)) = found {
                taken[i] = true;
                likely += 1;
            }
        }
        let shared = same + likely;
        if shared == 0 {
            continue;
        }
        let of = a.participants.len() + b.participants.len() - shared;
        let score = (0.5 + 0.3 * shared as f64 / of.max(1) as f64 + date_score).min(1.0);
        if score >= options.threshold {
            candidates.push(EventCandidate {
                one: a.id,
                other: b.id,
                score,
                reasons: [
                    Some(Reason::SameEventKind),
                    Some(Reason::SharedParticipants { shared, of }),
                    (likely > 0).then_some(Reason::LikelySameParticipants(likely)),
                    Some(dating),
                    Some(Reason::DifferentDocuments),
                ]
                .into_iter()
                .flatten()
                .collect(),
            });
        }
    }
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.one.cmp(&y.one))
            .then(x.other.cmp(&y.other))
    });
    candidates
}

/// Whether two sorted lists share an item.
fn shares_any<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}
