//! Writing graphs out for other tools and readers: Graphviz DOT, a page to explore in a
//! browser, GraphML, RDF (Turtle, N-Triples), bulk CSV files for Neo4j and Kùzu, an openCypher
//! script, and a GDELT-style event table.

mod dot;
mod graphml;
#[cfg(feature = "html")]
mod html;
mod rdf;
pub mod tables;

pub use dot::{
    DotAttributes, DotSize, DotStyle, DotWriter, EdgeFact, Engine, NodeLook, RankDir, SizeWarning,
    clusters,
};
pub use graphml::GraphmlWriter;
#[cfg(feature = "html")]
pub use html::{HtmlSummary, HtmlWriter};
pub use rdf::{NS as RDF_NS, RdfFormat, RdfWriter};
