//! Reading and writing graphs as files: the hand-written graph file format (TOML, documented in
//! `docs/format.md`), and the full-fidelity, versioned JSON form ([`json`]).
//!
//! An analyst reads an article and writes down what it says: the document, the entities, the
//! events with their participants listed under their roles, and the relations, each fact with
//! the quote that states it. Loading checks everything the API checks, and more: every
//! reference resolves (by local id, name or alias), every quote occurs in its document's text,
//! and dates given as phrases ("last week") resolve against the document's date. A file loads
//! whole or not at all, and every error names the file, line and column. A graph file may come
//! from a stranger: it reads no file outside its own folder ([`GraphFileReader`]).
//!
//! A project's folder of graph files, one per article, loads with [`read_dir`]: in a stable
//! order ([`graph_files`]), parsed in parallel and merged in order, each file whole or not at
//! all without a copy of the graph (`docs/corpus.md`).
//!
//! Event data from GDELT, the 1.0 and 2.0 event files and the 2.0 mentions, reads in with
//! [`gdelt`] (`docs/gdelt.md`).

mod chunked;
mod corpus;
pub mod gdelt;
pub mod json;
mod lines;
mod load;
mod parse_ahead;
mod reader;
mod repr;
mod stream;
mod text_root;
mod write;

pub use corpus::graph_files;
pub use reader::{
    Checked, GraphFileReader, check_files, check_str, from_str, merge_file, merge_str, read_dir,
    read_files,
};
pub use text_root::PathRefusal;
pub use write::{to_string, write};
