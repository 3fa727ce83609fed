//! Writing graphs out for other tools: Graphviz DOT, GraphML, RDF (Turtle, N-Triples), bulk
//! CSV files for Neo4j and Kùzu, an openCypher script, and a GDELT-style event table.

mod dot;
mod graphml;
mod rdf;
pub mod tables;

pub use dot::{
    DotAttributes, DotSize, DotStyle, DotWriter, EdgeFact, Engine, NodeLook, RankDir, SizeWarning,
    clusters,
};
pub use graphml::GraphmlWriter;
pub use rdf::{NS as RDF_NS, RdfFormat, RdfWriter};
