//! Checks that DOT text is valid: always with a Rust DOT parser, and also with Graphviz's own
//! `dot` where it is installed (CI installs it and sets `EVENTKG_REQUIRE_GRAPHVIZ=1`, so there a
//! missing `dot` is a failure, not a skip).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

use dot_parser::{ast, canonical};

/// Parses `dot` with the Rust parser and returns its canonical form.
pub fn parse(dot: &str) -> canonical::Graph<(String, String)> {
    let ast = ast::Graph::try_from(dot).unwrap_or_else(|e| panic!("invalid DOT: {e}\n{dot}"));
    let graph = canonical::Graph::from(ast);
    let owned = |list: dot_parser::ast::AList<(ast::ID<'_>, ast::ID<'_>)>| dot_parser::ast::AList {
        elems: list
            .elems
            .into_iter()
            .map(|(k, v)| (Into::<String>::into(k), Into::<String>::into(v)))
            .collect(),
    };
    canonical::Graph {
        strict: graph.strict,
        is_digraph: graph.is_digraph,
        name: graph.name,
        attr: Vec::new(),
        nodes: canonical::NodeSet {
            set: graph
                .nodes
                .set
                .into_iter()
                .map(|(id, node)| {
                    let node = canonical::Node {
                        id: node.id,
                        port: node.port,
                        attr: owned(node.attr),
                    };
                    (id, node)
                })
                .collect(),
        },
        edges: canonical::EdgeSet {
            set: graph
                .edges
                .set
                .into_iter()
                .map(|edge| canonical::Edge {
                    from: edge.from,
                    to: edge.to,
                    attr: owned(edge.attr),
                })
                .collect(),
        },
        ideqs: graph.ideqs,
    }
}

/// The text of a quoted DOT label, unescaped as Graphviz reads a label: `\\` is a backslash,
/// `\n` a line break, `\"` a quote, `&amp;` an ampersand.
pub fn label_text(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&amp;", "&")
}

/// Saves `dot` under `target/dot-check/NAME.dot` (CI renders every file there again) and, where
/// Graphviz is installed, renders it to SVG, failing on any error or warning.
pub fn render(name: &str, dot: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/dot-check");
    std::fs::create_dir_all(&dir).expect("create target/dot-check");
    std::fs::write(dir.join(format!("{name}.dot")), dot).expect("write DOT");
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var_os("EVENTKG_REQUIRE_GRAPHVIZ").is_none() => return None,
        Err(e) => panic!("EVENTKG_REQUIRE_GRAPHVIZ is set but `dot` cannot run: {e}"),
    };
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(dot.as_bytes()).expect("feed dot");
    }
    let output = child.wait_with_output().expect("run dot");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot rejected {name}: {stderr}\n{dot}"
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}
