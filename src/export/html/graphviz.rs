//! Graphviz, run once per diagram: DOT in, SVG out.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use crate::export::DotWriter;
use crate::{Error, ErrorKind};

/// The SVG Graphviz lays `writer`'s diagram out as, from its `<svg` element on: the XML
/// prolog, doctype and Graphviz's version comment are dropped, so that a page does not carry
/// them and stays the same across Graphviz builds that lay out alike.
pub(super) fn render(program: &str, writer: &DotWriter<'_>) -> Result<String, Error> {
    let failed = |reason: String| -> Error {
        ErrorKind::Graphviz {
            program: program.to_owned(),
            reason,
        }
        .into()
    };
    let mut child = Command::new(program)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            failed(if error.kind() == std::io::ErrorKind::NotFound {
                "is not installed: install Graphviz (`apt-get install graphviz`, \
                 `brew install graphviz`) or name the program with `graphviz`"
                    .to_owned()
            } else {
                format!("could not be started: {error}")
            })
        })?;
    let mut dot = Vec::new();
    writer.write(&mut dot)?;
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    // Written from a thread of its own while the output is read here, so that neither pipe
    // fills while the other waits.
    let (written, svg, messages) = std::thread::scope(|scope| {
        let writing = scope.spawn(move || stdin.write_all(&dot));
        let errors = scope.spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut svg = Vec::new();
        let read = stdout.read_to_end(&mut svg).map(|_| svg);
        (
            writing.join().unwrap_or(Ok(())),
            read,
            errors.join().unwrap_or_default(),
        )
    });
    let status = child.wait()?;
    if !status.success() {
        return Err(failed(format!("failed ({status}): {}", messages.trim())));
    }
    written?;
    let svg =
        String::from_utf8(svg?).map_err(|_| failed("wrote SVG that is not UTF-8".to_owned()))?;
    match svg.find("<svg") {
        Some(start) => Ok(svg[start..].trim_end().to_owned()),
        None => Err(failed("wrote no SVG".to_owned())),
    }
}
