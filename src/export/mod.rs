//! Writing graphs out for other tools: Graphviz DOT.

pub mod dot;

pub use dot::{DotAttributes, DotStyle, DotWriter, EdgeFact, NodeLook, RankDir, clusters};
