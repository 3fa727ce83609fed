//! GDELT event data in: the event and mentions files users download, read as they stream and
//! added to a graph.
//!
//! GDELT codes the world's news into events: Actor1 does a CAMEO-coded act to Actor2, on a
//! day, at a place, first seen in a document. Its files are tab-separated, without a header,
//! plain or zipped. This module reads four layouts ([`Layout`]): the GDELT 1.0 historical and
//! daily event files, the GDELT 2.0 event export, and the GDELT 2.0 mentions table, in which
//! every document that mentions an event becomes one more source of that event.
//!
//! * [`GdeltReader`] holds the filters (dates, countries, root codes, mentions) and whether
//!   bad rows are skipped; [`GdeltReader::open`] gives a [`GdeltFile`], whose
//!   [`records`](GdeltFile::records) stream as typed rows ([`EventRow`], [`MentionRow`]).
//! * [`GdeltImport`] adds files to an [`EventGraph`](crate::EventGraph), each whole or not
//!   at all, and [`GdeltReader::add_to`] does it for a list of paths. [`ImportSummary`] says
//!   what was read, kept, left out and added.
//!
//! `docs/gdelt.md` gives the mapping, column by column: actors become entities by their code
//! and name, the event code becomes an [`EventKind`](crate::EventKind) with the CAMEO codes
//! kept in a typed [`GdeltCoding`](crate::GdeltCoding), the action's geography a place with
//! its [`Coordinates`](crate::Coordinates), `SOURCEURL` and each mention a
//! [`Document`](crate::Document). What GDELT does not say (quotes, speakers, negation) is
//! left empty.

mod check;
mod file;
mod folder;
mod import;
mod layout;
mod mapping;
mod mentioned;
mod numbering;
mod reader;
mod row;
pub(crate) mod split;
mod unread;

pub use file::{GdeltFile, Records, RowCounts};
pub use folder::{OpenedFiles, gdelt_files};
pub use import::{GdeltImport, ImportSummary};
pub use layout::Layout;
pub use mapping::{actor_kind, event_kind};
pub use reader::GdeltReader;
pub use row::{Actor, EventRow, Geo, MentionRow, Record};
