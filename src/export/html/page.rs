//! The page around the data: markup, style and script, and the policy that lets only them
//! run.

use std::io::{self, Write};

use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Error;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Writes the page. The data goes into a `<script type="application/json">` element, which
/// the browser never runs, with `<`, `>` and `&` written as JSON escapes so that no string in
/// it can close the element; the script reads it with `JSON.parse`.
pub(super) fn write(out: &mut impl Write, title: &str, data: &Value) -> Result<(), Error> {
    let json = serde_json::to_string(data).map_err(io::Error::other)?;
    let mut safe = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    let policy = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash(SCRIPT),
        hash(STYLE)
    );
    let title = escape(title);
    write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="eventkg {version}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
{BODY}
<script type="application/json" id="eventkg-data">{safe}</script>
<script>{SCRIPT}</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
    )?;
    out.flush()?;
    Ok(())
}

/// A CSP source naming an inline element by the SHA-256 of its text.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Text for an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The page's fixed markup; everything drawn from the graph is put in by the script, as text.
const BODY: &str = r#"<header>
<h1 id="page-title"></h1>
<div class="search" role="search">
<label for="search">Find</label>
<input id="search" type="search" placeholder="a name or alias (press /)" autocomplete="off" spellcheck="false" aria-controls="results">
<ul id="results" role="listbox" aria-label="Names found"></ul>
</div>
</header>
<div class="layout">
<nav id="filters" aria-label="Filters">
<fieldset id="pictures"><legend>Picture</legend></fieldset>
<label for="f-document">Report</label>
<select id="f-document"><option value="">every document</option></select>
<fieldset class="dates"><legend>Dates</legend>
<label for="f-from">from</label> <input id="f-from" type="date">
<label for="f-to">to</label> <input id="f-to" type="date">
</fieldset>
<label for="f-kind">Event kind</label>
<select id="f-kind"><option value="">every kind</option></select>
<label for="f-quad">Quad class</label>
<select id="f-quad"><option value="">every class</option></select>
<label class="check"><input id="f-negated" type="checkbox" checked> show negated facts</label>
<button id="f-reset" type="button">Show everything</button>
<p id="status" role="status"></p>
<p class="keys">Keys: <kbd>/</kbd> find, <kbd>Tab</kbd> to a node, <kbd>Enter</kbd> open it, arrows pan, <kbd>+</kbd> <kbd>-</kbd> zoom, <kbd>0</kbd> fit, <kbd>Esc</kbd> close.</p>
</nav>
<main id="stage" tabindex="0" aria-label="Diagram: arrows pan, + and - zoom, 0 fits">
<div class="zoom"><button id="zoom-in" type="button" aria-label="Zoom in">+</button><button id="zoom-out" type="button" aria-label="Zoom out">−</button><button id="zoom-fit" type="button" aria-label="Fit the picture">fit</button></div>
<p id="note"></p>
</main>
<aside id="panel" tabindex="-1" aria-label="Details" aria-live="polite">
<p class="hint">Click a node or a line, or find a name, to read every source behind it.</p>
</aside>
</div>"#;
