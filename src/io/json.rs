//! The full-fidelity JSON form: every record, under its id, in a versioned envelope.
//!
//! ```json
//! { "format": "eventkg", "format_version": 1, "graph": { "documents": [...], "entities": [...], ... } }
//! ```
//!
//! Each table is an array in id order, with `null` where a record was removed, so that ids
//! survive the trip. A file from a newer format version is refused rather than misread.

use std::io;

use serde::{Deserialize, Serialize};

use crate::ErrorKind;
use crate::graph::View;
use crate::{Error, EventGraph};

/// The format version this crate writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

const FORMAT: &str = "eventkg";

#[derive(Serialize)]
struct EnvelopeOut<'g> {
    format: &'static str,
    format_version: u32,
    graph: &'g EventGraph,
}

/// The envelope, read in one pass: the version is checked as soon as it is read, so a file from
/// a newer version is refused with a clear message (before its graph, which this crate writes
/// after the version) instead of an error about some field the newer version added.
struct EnvelopeIn(EventGraph);

impl<'de> Deserialize<'de> for EnvelopeIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = EnvelopeIn;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an eventkg JSON envelope")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<EnvelopeIn, A::Error> {
                use serde::de::Error as _;
                let (mut format, mut version, mut graph) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "format" => format = Some(map.next_value::<String>()?),
                        "format_version" => {
                            let found = map.next_value::<u32>()?;
                            check_version(found).map_err(A::Error::custom)?;
                            version = Some(found);
                        }
                        "graph" => graph = Some(map.next_value::<EventGraph>()?),
                        other => {
                            return Err(A::Error::unknown_field(
                                other,
                                &["format", "format_version", "graph"],
                            ));
                        }
                    }
                }
                let format = format.ok_or_else(|| A::Error::missing_field("format"))?;
                if format != FORMAT {
                    return Err(A::Error::custom(ErrorKind::InvalidValue {
                        what: "JSON format",
                        value: format,
                        reason: format!("expected `{FORMAT}`"),
                    }));
                }
                version.ok_or_else(|| A::Error::missing_field("format_version"))?;
                graph
                    .map(EnvelopeIn)
                    .ok_or_else(|| A::Error::missing_field("graph"))
            }
        }

        deserializer.deserialize_map(Visitor)
    }
}

fn json_error(error: serde_json::Error) -> Error {
    if error.is_io() {
        return Error::from(io::Error::from(error));
    }
    let (line, column) = (error.line(), error.column());
    // `serde_json` ends its message with the place, which the error's location holds already:
    // shown both ways, the place was told twice.
    let message = error.to_string();
    let message = match message.strip_suffix(&format!(" at line {line} column {column}")) {
        Some(bare) => bare.to_owned(),
        None => message,
    };
    Error::located(ErrorKind::Syntax { message }, "JSON", line, Some(column))
}

/// Writes a graph, or a [`View`] of a part of it, as versioned JSON to `out`, streaming;
/// `pretty` indents it. A part is written as the graph of its own that [`View::to_graph`]
/// makes: a file holds every record its provenance names, numbered afresh.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let mut out = Vec::new();
/// io::json::to_writer(&graph, &mut out, false)?;
/// let back = io::json::from_slice(&out)?;
/// assert_eq!(back, graph);
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn to_writer<'g>(
    view: impl Into<View<'g>>,
    out: impl io::Write,
    pretty: bool,
) -> Result<(), Error> {
    let view = view.into();
    if view.is_whole() {
        write_graph(view.graph(), out, pretty)
    } else {
        write_graph(&view.to_graph()?, out, pretty)
    }
}

fn write_graph(graph: &EventGraph, out: impl io::Write, pretty: bool) -> Result<(), Error> {
    let envelope = EnvelopeOut {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        graph,
    };
    let out = io::BufWriter::new(out);
    let result = if pretty {
        serde_json::to_writer_pretty(out, &envelope)
    } else {
        serde_json::to_writer(out, &envelope)
    };
    result.map_err(|e| {
        if e.is_io() {
            Error::from(io::Error::from(e))
        } else {
            ErrorKind::InvalidGraph(e.to_string()).into()
        }
    })
}

/// A graph, or a view of a part of it, as versioned JSON text; see [`to_writer`].
pub fn to_string<'g>(view: impl Into<View<'g>>, pretty: bool) -> Result<String, Error> {
    let mut out = Vec::new();
    to_writer(view, &mut out, pretty)?;
    String::from_utf8(out).map_err(|e| ErrorKind::InvalidGraph(e.to_string()).into())
}

/// Reads a graph from versioned JSON bytes, validating it as the API would.
///
/// Quicker than [`from_reader`] for a text already in memory (serde reads a slice faster
/// than a stream); for a file, [`from_reader`] leaves its text unread until it is needed and
/// takes half the memory.
pub fn from_slice(bytes: &[u8]) -> Result<EventGraph, Error> {
    let envelope: EnvelopeIn = serde_json::from_slice(bytes).map_err(json_error)?;
    Ok(envelope.0)
}

/// Reads a graph from versioned JSON text.
///
/// ```
/// let newer = r#"{"format": "eventkg", "format_version": 99, "graph": {}}"#;
/// let error = eventkg::io::json::from_str(newer).unwrap_err();
/// assert!(error.to_string().contains("format version 99 is newer than this crate reads (1)"));
/// ```
pub fn from_str(text: &str) -> Result<EventGraph, Error> {
    from_slice(text.as_bytes())
}

/// Reads a graph from versioned JSON read from `input`, streaming: record by record into the
/// graph, through a buffer of its own, so that loading a snapshot takes the memory of its
/// graph and not of its text as well (the text of a million GDELT rows is half as large
/// again as their graph). A reader that fails is an I/O error; a text that is not JSON of
/// this form, a located [`ErrorKind::Syntax`], as from [`from_slice`].
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let mut out = Vec::new();
/// io::json::to_writer(&graph, &mut out, false)?;
/// // A `std::fs::File` reads the same way, unbuffered: the reader buffers it.
/// let back = io::json::from_reader(out.as_slice())?;
/// assert_eq!(back, graph);
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn from_reader(input: impl io::Read) -> Result<EventGraph, Error> {
    let buffered = io::BufReader::with_capacity(1 << 16, input);
    let envelope: EnvelopeIn = serde_json::from_reader(buffered).map_err(json_error)?;
    Ok(envelope.0)
}

fn check_version(version: u32) -> Result<(), Error> {
    if version > FORMAT_VERSION {
        return Err(ErrorKind::InvalidValue {
            what: "JSON file",
            value: format!("format_version {version}"),
            reason: format!(
                "format version {version} is newer than this crate reads ({FORMAT_VERSION}); \
                 upgrade eventkg to read it"
            ),
        }
        .into());
    }
    Ok(())
}
