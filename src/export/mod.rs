//! Writing graphs out for other tools: Graphviz DOT, GraphML, RDF.

pub mod dot;
pub mod graphml;
pub mod rdf;

pub use dot::{DotAttributes, DotStyle, DotWriter, EdgeFact, NodeLook, RankDir, clusters};
