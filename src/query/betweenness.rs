//! Betweenness centrality (Brandes), from every node as a source or, estimated, from some of
//! them, as Brandes and Pich (2007) propose and networkx's `betweenness_centrality(G, k,
//! seed)` does: each source's shortest paths are counted exactly, and the sum over a random
//! sample of sources, scaled up, estimates the sum over all.
//!
//! rustworkx-core computed the exact score before, and cannot be given some of the sources;
//! a year of GDELT names tens of thousands of actors, and every source is then hours of work.
//! Over compressed rows, with no lists of predecessors kept, the exact score also takes less
//! than half of rustworkx-core's time (0.42× on the actor network of 100k GDELT rows;
//! BENCHMARKS.md); the tests hold the two to the same scores.

use rand_pcg::Pcg64;
use rand_pcg::rand_core::{Rng, SeedableRng};

/// An undirected network in compressed rows: node `v`'s neighbours are
/// `neighbours[offsets[v]..offsets[v + 1]]`, in the order the links were given.
pub(super) struct Compressed {
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
}

impl Compressed {
    /// The network of `nodes` nodes joined by `links`, each pair given once.
    pub(super) fn new(nodes: usize, links: &[(u32, u32)]) -> Self {
        let mut offsets = vec![0usize; nodes + 1];
        for &(a, b) in links {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for v in 0..nodes {
            offsets[v + 1] += offsets[v];
        }
        let mut next = offsets.clone();
        let mut neighbours = vec![0u32; 2 * links.len()];
        for &(a, b) in links {
            for (from, to) in [(a, b), (b, a)] {
                neighbours[next[from as usize]] = to;
                next[from as usize] += 1;
            }
        }
        Compressed {
            offsets,
            neighbours,
        }
    }

    pub(super) fn nodes(&self) -> usize {
        self.offsets.len() - 1
    }

    fn of(&self, v: u32) -> &[u32] {
        &self.neighbours[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }
}

/// `k` distinct nodes of `0..n` (all of them if `k >= n`), drawn by a partial Fisher–Yates
/// shuffle from a PCG seeded with `seed`. Each draw is reduced to its range by a multiplication
/// rather than through `rand`'s range sampling, whose algorithm may change between versions:
/// PCG's output is fixed by its definition, so a seed names the same sample on every platform
/// and every version of the crate.
pub(super) fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut nodes: Vec<u32> = (0..n as u32).collect();
    let k = k.min(n);
    let mut rng = Pcg64::seed_from_u64(seed);
    for i in 0..k {
        let range = (n - i) as u128;
        let j = i + ((u128::from(rng.next_u64()) * range) >> 64) as usize;
        nodes.swap(i, j);
    }
    nodes.truncate(k);
    nodes
}

/// Betweenness from `sources`, normalised as networkx and rustworkx-core normalise the exact
/// score (by the (n-1)(n-2) ordered pairs of other nodes; a network of two nodes or fewer
/// has no path through a third) and, from some of the nodes, scaled up to all of them.
pub(super) fn scores(network: &Compressed, sources: &[u32]) -> Vec<f64> {
    let n = network.nodes();
    let mut scores = dependencies(network, sources);
    if n > 2 && !sources.is_empty() {
        let scale = n as f64 / sources.len() as f64 / ((n - 1) as f64 * (n - 2) as f64);
        for score in &mut scores {
            *score *= scale;
        }
    }
    scores
}

/// The sources are split into this many runs, whatever the number of threads, each summed on
/// its own and the runs added in order: floating-point sums are the same on one core or on
/// many, so that a seed gives the same scores, to the last bit, on every machine.
const RUNS: usize = 16;

/// Each node's dependency on `sources` (Brandes): the sum, over the sources and every other
/// node, of the share of their shortest paths that pass through it.
pub(super) fn dependencies(network: &Compressed, sources: &[u32]) -> Vec<f64> {
    let run = sources.len().div_ceil(RUNS).max(1);
    #[cfg(feature = "parallel")]
    let partial: Vec<Vec<f64>> = {
        use rayon::prelude::*;
        sources
            .par_chunks(run)
            .map(|run| Paths::new(network).sum(run))
            .collect()
    };
    #[cfg(not(feature = "parallel"))]
    let partial: Vec<Vec<f64>> = sources
        .chunks(run)
        .map(|run| Paths::new(network).sum(run))
        .collect();
    let mut total = vec![0.0; network.nodes()];
    for part in partial {
        for (sum, value) in total.iter_mut().zip(part) {
            *sum += value;
        }
    }
    total
}

/// One thread's room for Brandes's passes, each set back only where the last pass went, so
/// that a source in a small component costs its component, not the network.
struct Paths<'n> {
    network: &'n Compressed,
    /// Hops from the source; `u32::MAX` where the pass has not been.
    distance: Vec<u32>,
    /// Shortest paths from the source.
    paths: Vec<f64>,
    dependency: Vec<f64>,
    /// The nodes reached, in the order reached: the breadth-first queue, then read backwards.
    order: Vec<u32>,
}

impl<'n> Paths<'n> {
    fn new(network: &'n Compressed) -> Self {
        let n = network.nodes();
        Paths {
            network,
            distance: vec![u32::MAX; n],
            paths: vec![0.0; n],
            dependency: vec![0.0; n],
            order: Vec::new(),
        }
    }

    fn sum(mut self, sources: &[u32]) -> Vec<f64> {
        let mut total = vec![0.0; self.network.nodes()];
        for &source in sources {
            self.pass(source, &mut total);
        }
        total
    }

    /// Adds every node's dependency on `source` to `total`.
    fn pass(&mut self, source: u32, total: &mut [f64]) {
        let network = self.network;
        self.order.clear();
        self.order.push(source);
        self.distance[source as usize] = 0;
        self.paths[source as usize] = 1.0;
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let next = self.distance[v as usize] + 1;
            let through = self.paths[v as usize];
            for &w in network.of(v) {
                let w = w as usize;
                if self.distance[w] == u32::MAX {
                    self.distance[w] = next;
                    self.order.push(w as u32);
                }
                if self.distance[w] == next {
                    self.paths[w] += through;
                }
            }
        }
        // Farthest first: a node's dependency is complete before it is passed back to the
        // nodes one hop nearer the source, found again among its neighbours by distance
        // rather than kept as lists of predecessors.
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let Some(before) = self.distance[w].checked_sub(1) else {
                continue;
            };
            let share = (1.0 + self.dependency[w]) / self.paths[w];
            for &v in network.of(w as u32) {
                let v = v as usize;
                if self.distance[v] == before {
                    self.dependency[v] += self.paths[v] * share;
                }
            }
            total[w] += self.dependency[w];
        }
        for &v in &self.order {
            let v = v as usize;
            self.distance[v] = u32::MAX;
            self.paths[v] = 0.0;
            self.dependency[v] = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_distinct_nodes_and_the_same_for_a_seed() {
        let a = sample(1000, 100, 7);
        let mut distinct = a.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 100);
        assert!(a.iter().all(|&v| v < 1000));
        assert_eq!(a, sample(1000, 100, 7));
        assert_ne!(a, sample(1000, 100, 8));
        let mut all = sample(10, 50, 1);
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<u32>>());
    }

    #[test]
    fn a_path_of_three_runs_through_its_middle() {
        // 0 - 1 - 2, and 3 alone.
        let network = Compressed::new(4, &[(0, 1), (1, 2)]);
        let scores = dependencies(&network, &[0, 1, 2, 3]);
        // Both orders of the pair (0, 2) pass through 1.
        assert_eq!(scores, [0.0, 2.0, 0.0, 0.0]);
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn the_same_scores_to_the_last_bit_on_one_thread_and_on_four() {
        // A made-up network of 300 nodes, each joined to a few others picked by a PCG.
        let mut rng = Pcg64::seed_from_u64(3);
        let links: Vec<(u32, u32)> = (0..900)
            .map(|i| ((i % 300) as u32, (rng.next_u64() % 300) as u32))
            .filter(|(a, b)| a != b)
            .collect();
        let network = Compressed::new(300, &links);
        let sources = sample(300, 120, 5);
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| dependencies(&network, &sources))
        };
        let one = on(1);
        assert!(one.iter().any(|&score| score > 0.0));
        let bits = |scores: Vec<f64>| scores.into_iter().map(f64::to_bits).collect::<Vec<_>>();
        assert_eq!(bits(one), bits(on(4)));
    }

    proptest::proptest! {
        /// rustworkx-core's exact score is the reference: every node as a source gives it, on
        /// networks of every shape (lone nodes, several components, parallel shortest paths).
        #[test]
        fn every_source_gives_rustworkx_cores_exact_score(
            nodes in 0usize..40,
            pairs in proptest::collection::vec((0u32..40, 0u32..40), 0..120),
        ) {
            let mut seen = std::collections::HashSet::new();
            let links: Vec<(u32, u32)> = pairs
                .into_iter()
                .filter(|&(a, b)| (a as usize) < nodes && (b as usize) < nodes && a != b)
                .filter(|&(a, b)| seen.insert((a.min(b), a.max(b))))
                .collect();
            let network = Compressed::new(nodes, &links);
            let every: Vec<u32> = (0..nodes as u32).collect();
            let ours = scores(&network, &every);
            let mut reference = petgraph::graph::UnGraph::<(), ()>::with_capacity(nodes, links.len());
            for _ in 0..nodes {
                reference.add_node(());
            }
            for &(a, b) in &links {
                reference.add_edge(a.into(), b.into(), ());
            }
            let exact = rustworkx_core::centrality::betweenness_centrality(&reference, false, true, 200);
            proptest::prop_assert_eq!(ours.len(), exact.len());
            for (node, (ours, exact)) in ours.iter().zip(exact).enumerate() {
                let exact = exact.unwrap_or(0.0);
                proptest::prop_assert!((ours - exact).abs() < 1e-9, "node {}: {} against {}", node, ours, exact);
            }
        }
    }

    #[test]
    fn two_shortest_paths_share_the_dependency() {
        // A square 0 - 1 - 3 - 2 - 0: 0 to 3 goes through 1 or 2, half each.
        let network = Compressed::new(4, &[(0, 1), (1, 3), (3, 2), (2, 0)]);
        assert_eq!(dependencies(&network, &[0]), [0.0, 0.5, 0.5, 0.0]);
    }
}
