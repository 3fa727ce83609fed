//! Writing graphs out for other tools: Graphviz DOT, GraphML.

pub mod dot;
pub mod graphml;

pub use dot::{DotAttributes, DotStyle, DotWriter, EdgeFact, NodeLook, RankDir, clusters};
