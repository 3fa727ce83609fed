//! The queries of the `scale` bench, each on the crate and on the bare baseline, shared with
//! the `scale_queries` example, which runs each once on graphs too big for criterion's
//! repeated samples (10M events).

#![allow(dead_code)]

use std::io::{self, Write};

use chrono::NaiveDate;
use eventkg::export::{DotWriter, RdfFormat, RdfWriter};
use eventkg::io as files;
use eventkg::query::{DateMatch, NetworkOptions, PathOptions, Rank};
use eventkg::workload::Workload;
use eventkg::*;
use petgraph::dot::Dot;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::baseline::{Bare, BareRecords, kind_code};

mod counter;
pub use counter::Counter;

/// A generated graph of `size` events, built by the crate and by the baseline, with the
/// inputs of the queries chosen once.
pub struct Fixture {
    pub size: usize,
    pub workload: Workload,
    pub records: BareRecords,
    pub graph: EventGraph,
    pub bare: Bare,
    pub entities: Vec<EntityId>,
    /// Names and aliases to look up, hubs' among them, in a fixed shuffled order.
    pub names: Vec<String>,
    /// Pairs of entities (indices into `entities`) whose shortest paths are asked.
    pub pairs: Vec<(usize, usize)>,
    /// Requests whose stance is asked.
    pub requests: Vec<EventId>,
    /// The busiest entity, whose two-hop ego network is drawn.
    pub hub: EntityId,
}

impl Fixture {
    pub fn new(size: usize) -> Fixture {
        let workload = Workload::generate(size, 42);
        let records = BareRecords::of(&workload);
        let graph = workload.build().expect("the workload builds");
        let bare = Bare::build(&records);
        Fixture::of(size, workload, records, graph, bare)
    }

    /// A fixture of graphs built elsewhere (timed by the caller).
    pub fn of(
        size: usize,
        workload: Workload,
        records: BareRecords,
        graph: EventGraph,
        bare: Bare,
    ) -> Fixture {
        let entities: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
        let all: Vec<String> = workload
            .entities
            .iter()
            .flat_map(|e| std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()))
            .collect();
        let names = (0..100_000)
            .map(|i| all[(i * 7919) % all.len()].clone())
            .collect();
        let pairs = (0..1000)
            .map(|i| {
                (
                    (i * 7919) % entities.len(),
                    (i * 104_729 + 17) % entities.len(),
                )
            })
            .collect();
        let requests = graph
            .events_of_kind(EventKind::Request)
            .map(|(id, _)| id)
            .take(100)
            .collect();
        let hub = *entities
            .iter()
            .max_by_key(|&&e| graph.degree(e))
            .expect("the workload has entities");
        Fixture {
            size,
            workload,
            records,
            graph,
            bare,
            entities,
            names,
            pairs,
            requests,
            hub,
        }
    }

    fn bare_entity(&self, entity: EntityId) -> NodeIndex {
        self.bare.entities[entity.index() as usize]
    }
}

/// One query of the bench: its group's name, the crate's answer and the baseline's, each a
/// count (of results, or of bytes for an export) that keeps the work from being optimised
/// away; `agree` says the two counts must be equal.
pub struct Query {
    pub name: &'static str,
    pub eventkg: fn(&Fixture) -> u64,
    pub baseline: fn(&Fixture) -> u64,
    pub agree: bool,
    /// The counts are bytes written: the bench reports a throughput.
    pub bytes: bool,
}

/// Searches run to completion: no hop limit a path through the hubs could reach.
const MAX_HOPS: usize = 64;

fn march() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(2022, 3, 31).unwrap(),
    )
}

/// Every query, in the order of `BENCHMARKS.md`'s tables.
pub fn queries() -> Vec<Query> {
    vec![
        Query {
            name: "lookups_100k",
            eventkg: |f| {
                f.names
                    .iter()
                    .filter(|name| f.graph.find_entity(name).is_ok())
                    .count() as u64
            },
            baseline: |f| {
                f.names
                    .iter()
                    .filter(|name| f.bare.lookup(name).is_some())
                    .count() as u64
            },
            agree: false,
            bytes: false,
        },
        Query {
            name: "typed_neighbours_10k",
            eventkg: |f| {
                f.entities[..f.entities.len().min(10_000)]
                    .iter()
                    .map(|&e| {
                        f.graph
                            .participations_as(e, Role::Initiator)
                            .filter(|(_, p)| {
                                f.graph
                                    .event(p.event())
                                    .is_some_and(|ev| ev.kind() == EventKind::Reject)
                            })
                            .count() as u64
                    })
                    .sum()
            },
            baseline: |f| {
                let reject = kind_code(&EventKind::Reject);
                f.bare.entities[..f.bare.entities.len().min(10_000)]
                    .iter()
                    .map(|&e| f.bare.typed(e, reject) as u64)
                    .sum()
            },
            agree: false,
            bytes: false,
        },
        Query {
            name: "co_participants_1k",
            eventkg: |f| {
                f.entities[..1000.min(f.entities.len())]
                    .iter()
                    .map(|&e| f.graph.co_participants(e).unwrap().count() as u64)
                    .sum()
            },
            baseline: |f| {
                f.bare.entities[..1000.min(f.bare.entities.len())]
                    .iter()
                    .map(|&e| f.bare.co_participants(e) as u64)
                    .sum()
            },
            agree: true,
            bytes: false,
        },
        Query {
            name: "shortest_paths_1k",
            eventkg: |f| {
                let options = PathOptions::default().max_hops(MAX_HOPS);
                f.pairs
                    .iter()
                    .filter_map(|&(a, z)| {
                        f.graph
                            .shortest_path(f.entities[a], f.entities[z], &options)
                            .unwrap()
                    })
                    .map(|p| p.len() as u64)
                    .sum()
            },
            baseline: |f| {
                f.pairs
                    .iter()
                    .filter_map(|&(a, z)| {
                        f.bare
                            .shortest(f.bare.entities[a], f.bare.entities[z], MAX_HOPS)
                    })
                    .map(|length| length as u64)
                    .sum()
            },
            agree: true,
            bytes: false,
        },
        Query {
            name: "window_month",
            eventkg: |f| {
                let (first, last) = march();
                f.graph
                    .search_events()
                    .between(first, last, DateMatch::Overlaps)
                    .iter()
                    .count() as u64
            },
            baseline: |f| {
                let (first, last) = march();
                f.bare.window(first, last) as u64
            },
            agree: false,
            bytes: false,
        },
        Query {
            name: "stance_100",
            eventkg: |f| {
                f.requests
                    .iter()
                    .map(|&e| f.graph.stance(e).unwrap().entries().count() as u64)
                    .sum()
            },
            baseline: |f| {
                f.requests
                    .iter()
                    .map(|&e| {
                        let (a, z) = f.bare.stance(f.bare.events[e.index() as usize]);
                        (a + z) as u64
                    })
                    .sum()
            },
            agree: false,
            bytes: false,
        },
        Query {
            name: "export_dot",
            eventkg: |f| {
                let mut bytes = Counter(0);
                DotWriter::new(&f.graph).write(&mut bytes).unwrap();
                bytes.0
            },
            baseline: |f| {
                let mut bytes = Counter(0);
                write!(bytes, "{:?}", Dot::new(&f.bare.graph)).unwrap();
                bytes.0
            },
            agree: false,
            bytes: true,
        },
        Query {
            name: "export_json",
            eventkg: |f| {
                let mut bytes = Counter(0);
                files::json::to_writer(&f.graph, &mut bytes, false).unwrap();
                bytes.0
            },
            baseline: |f| {
                let mut bytes = Counter(0);
                serde_json::to_writer(&mut bytes, &f.records).unwrap();
                bytes.0
            },
            agree: false,
            bytes: true,
        },
        Query {
            name: "export_ntriples",
            eventkg: |f| {
                let mut bytes = Counter(0);
                RdfWriter::new(&f.graph)
                    .format(RdfFormat::NTriples)
                    .write(&mut bytes)
                    .unwrap();
                bytes.0
            },
            baseline: |f| {
                let mut bytes = Counter(0);
                {
                    let mut out = io::BufWriter::new(&mut bytes);
                    for edge in (&f.bare.graph).edge_references() {
                        writeln!(
                            out,
                            "<urn:n{}> <urn:p{:?}> <urn:n{}> .",
                            edge.source().index(),
                            edge.weight(),
                            edge.target().index()
                        )
                        .unwrap();
                    }
                    out.flush().unwrap();
                }
                bytes.0
            },
            agree: false,
            bytes: true,
        },
        Query {
            name: "actor_network_top100",
            eventkg: |f| {
                f.graph
                    .actor_network(&NetworkOptions::new())
                    .top(100, Rank::Strength)
                    .link_count() as u64
            },
            baseline: |f| f.bare.projection_top(100) as u64,
            agree: false,
            bytes: false,
        },
        Query {
            name: "ego_dot",
            eventkg: |f| {
                let ego = f.graph.ego(f.hub, 2, &PathOptions::default()).unwrap();
                let mut bytes = Counter(0);
                DotWriter::new(&ego).write(&mut bytes).unwrap();
                bytes.0
            },
            baseline: |f| {
                let hub = f.bare_entity(f.hub);
                let mut keep = std::collections::HashSet::from([hub]);
                let mut frontier = vec![hub];
                for _ in 0..2 {
                    let next: Vec<_> = frontier
                        .iter()
                        .flat_map(|&x| f.bare.graph.neighbors_undirected(x))
                        .filter(|x| keep.insert(*x))
                        .collect();
                    frontier = next;
                }
                let part =
                    petgraph::visit::NodeFiltered::from_fn(&f.bare.graph, |x| keep.contains(&x));
                let mut bytes = Counter(0);
                write!(bytes, "{:?}", Dot::new(&part)).unwrap();
                bytes.0
            },
            agree: false,
            bytes: true,
        },
    ]
}

/// The shortest-path lengths of every pair on both sides, which must agree: the bench checks
/// it once, before timing (the query's `agree` checks only their sum).
pub fn paths_agree(f: &Fixture) -> bool {
    let options = PathOptions::default().max_hops(MAX_HOPS);
    f.pairs.iter().all(|&(a, z)| {
        let ours = f
            .graph
            .shortest_path(f.entities[a], f.entities[z], &options)
            .unwrap()
            .map(|p| p.len());
        ours == f
            .bare
            .shortest(f.bare.entities[a], f.bare.entities[z], MAX_HOPS)
    })
}
