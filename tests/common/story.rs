//! Random corpora of made-up reports of one story, as graph files: invented states, generated
//! texts. Shared by the tests of merging and of corpus loading.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

pub const STATES: [&str; 5] = ["Freedonia", "Sylvania", "Osterlich", "Latveria", "Genovia"];
pub const KINDS: [&str; 3] = ["meeting", "consult", "statement"];
pub const ROLES: [&str; 3] = ["initiator", "target", "participant"];
pub const DAYS: [&str; 3] = ["2024-03-01", "2024-03-02", "2024-03"];

/// One event as a generated report tells it.
#[derive(Clone, Debug)]
pub struct Told {
    /// `k0`…`k3`, or none for a keyless event.
    pub key: Option<usize>,
    pub kind: usize,
    pub day: Option<usize>,
    pub planned: bool,
    pub parts: Vec<(usize, usize)>,
    /// An `about` relation to an earlier event of the same report.
    pub about: Option<usize>,
}

pub fn told() -> impl Strategy<Value = Told> {
    (
        prop::option::weighted(0.8, 0usize..4),
        0usize..KINDS.len(),
        prop::option::of(0usize..DAYS.len()),
        prop::bool::weighted(0.2),
        prop::collection::vec((0usize..STATES.len(), 0usize..ROLES.len()), 1..4),
        prop::option::of(0usize..4),
    )
        .prop_map(|(key, kind, day, planned, parts, about)| Told {
            key,
            kind,
            day,
            planned,
            parts,
            about,
        })
}

/// A report: its events, keys unique within it.
pub fn report() -> impl Strategy<Value = Vec<Told>> {
    prop::collection::vec(told(), 1..5).prop_map(|mut events| {
        let mut seen = BTreeSet::new();
        for event in &mut events {
            if event.key.is_some_and(|k| !seen.insert(k)) {
                event.key = None;
            }
        }
        events
    })
}

pub fn corpus() -> impl Strategy<Value = Vec<Vec<Told>>> {
    prop::collection::vec(report(), 2..5)
}

pub fn text(index: usize, events: &[Told]) -> String {
    let mut out = format!(
        "# Generated, made-up report {index}.\n[[document]]\nid = \"doc{index}\"\npublished = 2024-03-10\n\n"
    );
    for state in STATES {
        out.push_str(&format!(
            "[[entity]]\nkind = \"state\"\nname = \"{state}\"\n\n"
        ));
    }
    for (n, event) in events.iter().enumerate() {
        out.push_str(&format!("[[event]]\nid = \"x{n}\"\n"));
        if let Some(key) = event.key {
            out.push_str(&format!("key = \"k{key}\"\n"));
        }
        out.push_str(&format!("kind = \"{}\"\n", KINDS[event.kind]));
        if let Some(day) = event.day {
            out.push_str(&format!("date = \"{}\"\n", DAYS[day]));
        }
        if event.planned {
            out.push_str("status = \"planned\"\n");
        }
        let mut by_role: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for &(state, role) in &event.parts {
            by_role.entry(role).or_default().push(STATES[state]);
        }
        for (role, names) in by_role {
            out.push_str(&format!("{} = {:?}\n", ROLES[role], names));
        }
        if let Some(about) = event.about.filter(|&a| a < n) {
            out.push_str(&format!("about = [\"x{about}\"]\n"));
        }
        out.push('\n');
    }
    out
}
