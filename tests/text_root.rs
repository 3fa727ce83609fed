//! Graph files from strangers: a `text_file` reads only regular files inside the text root.
//!
//! Every graph file and text here is made up for the test.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use eventkg::io::{GraphFileReader, PathRefusal};
use eventkg::{Error, ErrorKind, EventGraph, MAX_TEXT_BYTES};
use proptest::prelude::*;

const SECRET: &str = "SECRET: a made-up credential outside the root";

/// A fresh folder: `outer/secret.txt`, and the root `outer/root` holding `a.txt`, `sub/b.txt`,
/// a link `sub/up` back to the root, and links `out` and `outfile` that leave it.
fn sandbox() -> tempfile::TempDir {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("root");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(outer.path().join("secret.txt"), SECRET).unwrap();
    fs::write(root.join("a.txt"), "inside a").unwrap();
    fs::write(root.join("sub/b.txt"), "inside b").unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("..", root.join("out")).unwrap();
    symlink("../secret.txt", root.join("outfile")).unwrap();
    outer
}

fn graph_file(text_file: &str) -> String {
    format!("[[document]]\nid = \"d\"\ntext_file = {text_file:?}\n")
}

/// Loads a graph file at `root/graph.toml` naming `text_file`, and gives its document's text.
fn load(reader: &GraphFileReader, root: &Path, text_file: &str) -> Result<String, Error> {
    let path = root.join("graph.toml");
    fs::write(&path, graph_file(text_file)).unwrap();
    let graph = reader.read_files([&path])?;
    let (_, document) = graph.documents().next().unwrap();
    Ok(document.text().unwrap_or_default().to_owned())
}

fn refusal(result: Result<String, Error>) -> PathRefusal {
    match result {
        Err(error) => match (error.kind(), error.location()) {
            (ErrorKind::RefusedPath { reason, .. }, Some(at)) => {
                assert_eq!(at.line(), 3, "located at the text_file line");
                *reason
            }
            _ => panic!("not a located refusal: {error}"),
        },
        other => panic!("not a located refusal: {other:?}"),
    }
}

#[test]
fn a_path_inside_the_folder_is_read() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    let reader = GraphFileReader::new();
    assert_eq!(load(&reader, &root, "a.txt").unwrap(), "inside a");
    assert_eq!(load(&reader, &root, "sub/b.txt").unwrap(), "inside b");
    assert_eq!(load(&reader, &root, "sub/../a.txt").unwrap(), "inside a");
    // A link that stays inside is followed.
    assert_eq!(load(&reader, &root, "sub/up/a.txt").unwrap(), "inside a");
}

#[test]
fn an_absolute_path_is_refused_and_says_how_to_allow_it() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    let absolute = outer.join("secret.txt").display().to_string();
    let result = load(&GraphFileReader::new(), &root, &absolute);
    let message = result.as_ref().unwrap_err().to_string();
    assert!(message.contains("graph.toml:3:13"), "{message}");
    assert!(message.contains("--text-root"), "{message}");
    assert!(!message.contains("SECRET"), "{message}");
    assert_eq!(refusal(result), PathRefusal::Absolute);
    // Even an absolute path inside the folder: a shared file does not name the sender's disk.
    let inside = root.join("a.txt").display().to_string();
    assert_eq!(
        refusal(load(&GraphFileReader::new(), &root, &inside)),
        PathRefusal::Absolute
    );
}

#[test]
fn a_parent_escape_is_refused() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    for path in [
        "../secret.txt",
        "sub/../../secret.txt",
        "../../../../../../etc/passwd",
    ] {
        assert_eq!(
            refusal(load(&GraphFileReader::new(), &root, path)),
            PathRefusal::LeavesRoot,
            "{path}"
        );
    }
}

#[test]
fn a_symlink_out_is_refused() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    for path in ["outfile", "out/secret.txt", "sub/up/outfile"] {
        assert_eq!(
            refusal(load(&GraphFileReader::new(), &root, path)),
            PathRefusal::LinkLeavesRoot,
            "{path}"
        );
    }
}

#[test]
fn a_wider_root_allows_what_the_user_trusts() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    let reader = GraphFileReader::new().with_text_root(outer);
    assert_eq!(load(&reader, &root, "../secret.txt").unwrap(), SECRET);
    assert_eq!(load(&reader, &root, "outfile").unwrap(), SECRET);
    let absolute = outer.join("secret.txt").display().to_string();
    assert_eq!(load(&reader, &root, &absolute).unwrap(), SECRET);
    // Still not past the wider root.
    assert_eq!(
        refusal(load(&reader, &root, "../../x.txt")),
        PathRefusal::LeavesRoot
    );
    assert_eq!(
        refusal(load(&reader, &root, "/etc/passwd")),
        PathRefusal::Absolute
    );
    // A narrower root is a sandbox: the graph file's own folder is out of it.
    let narrow = GraphFileReader::new().with_text_root(root.join("sub"));
    assert_eq!(
        refusal(load(&narrow, &root, "a.txt")),
        PathRefusal::LeavesRoot
    );
    assert_eq!(load(&narrow, &root, "sub/b.txt").unwrap(), "inside b");
}

#[test]
fn devices_fifos_folders_and_system_files_are_never_read() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let reader = GraphFileReader::new();
    assert_eq!(
        refusal(load(&reader, &root, "pipe")),
        PathRefusal::NotRegularFile("a FIFO")
    );
    assert_eq!(
        refusal(load(&reader, &root, "sub")),
        PathRefusal::NotRegularFile("a folder")
    );
    // Even under a root as wide as the machine.
    let everything = GraphFileReader::new().with_text_root("/");
    assert_eq!(
        refusal(load(&everything, &root, "/dev/null")),
        PathRefusal::NotRegularFile("a device")
    );
    assert_eq!(
        refusal(load(&everything, &root, "/dev/zero")),
        PathRefusal::NotRegularFile("a device")
    );
    if Path::new("/proc/self/environ").exists() {
        assert_eq!(
            refusal(load(&everything, &root, "/proc/self/environ")),
            PathRefusal::SystemFile
        );
    }
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    // Sparse: the size is there without the bytes.
    let big = fs::File::create(root.join("big.txt")).unwrap();
    big.set_len(MAX_TEXT_BYTES as u64 + 1).unwrap();
    assert_eq!(
        refusal(load(&GraphFileReader::new(), &root, "big.txt")),
        PathRefusal::TooLarge {
            bytes: MAX_TEXT_BYTES as u64 + 1
        }
    );
    // At the limit, it is read.
    big.set_len(MAX_TEXT_BYTES as u64).unwrap();
    assert_eq!(
        load(&GraphFileReader::new(), &root, "big.txt")
            .unwrap()
            .len(),
        MAX_TEXT_BYTES
    );
}

#[test]
fn text_without_a_folder_reads_no_file() {
    let scratch = sandbox();
    let outer = scratch.path();
    let text = graph_file("a.txt");
    let error = eventkg::io::from_str(&text, "pasted.toml").unwrap_err();
    assert!(
        error.location().is_some()
            && matches!(
                error.kind(),
                ErrorKind::RefusedPath {
                    reason: PathRefusal::NoFolder,
                    ..
                }
            ),
        "{error}"
    );
    assert_eq!(eventkg::io::check_str(&text, "pasted.toml").len(), 1);
    // With a root, the same text reads inside it.
    let graph = GraphFileReader::new()
        .with_text_root(outer.join("root"))
        .from_str(&text, "pasted.toml")
        .unwrap();
    assert_eq!(graph.documents().next().unwrap().1.text(), Some("inside a"));
}

#[test]
fn a_refused_file_leaves_the_graph_untouched() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    fs::write(root.join("graph.toml"), graph_file("../secret.txt")).unwrap();
    let mut graph = EventGraph::new();
    graph
        .add_entity(eventkg::Entity::new(
            eventkg::EntityKind::State,
            "Freedonia",
        ))
        .unwrap();
    let before = graph.clone();
    assert!(
        GraphFileReader::new()
            .merge_file(&mut graph, root.join("graph.toml"))
            .is_err()
    );
    assert!(graph == before);
    // The checker reports it too, once.
    let problems = GraphFileReader::new().check_files([root.join("graph.toml")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
}

/// What a correct reader reads for `path`, asked of the file system directly: the contents of
/// a regular file whose path stays inside `root` both as written and once links are followed.
fn expected(root: &Path, path: &str) -> Option<String> {
    if Path::new(path).has_root() {
        return None;
    }
    let mut depth = 0usize;
    for part in Path::new(path).components() {
        match part {
            std::path::Component::ParentDir if depth == 0 => return None,
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let real = fs::canonicalize(root.join(path)).ok()?;
    let real_root = fs::canonicalize(root).ok()?;
    (real.starts_with(real_root) && real.is_file())
        .then(|| fs::read_to_string(real).ok())
        .flatten()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random relative paths through `..`, links in and out, and the outer folder's names:
    /// whatever loads is a file inside the root, and the secret outside is never read.
    #[test]
    fn nothing_outside_the_root_is_ever_read(
        parts in prop::collection::vec(
            prop::sample::select(vec!["..", ".", "a.txt", "sub", "b.txt", "up", "out", "outfile", "secret.txt", "root", "graph.toml"]),
            1..7,
        ),
        absolute in any::<bool>(),
    ) {
        let scratch = sandbox();
    let outer = scratch.path();
        let root = outer.join("root");
        let path = if absolute {
            format!("{}/{}", outer.display(), parts.join("/"))
        } else {
            parts.join("/")
        };
        let result = load(&GraphFileReader::new(), &root, &path);
        if let Ok(text) = &result {
            prop_assert!(!text.contains("SECRET"), "{path} read the secret");
            prop_assert!(text == "inside a" || text == "inside b" || text.starts_with("[[document]]"), "{path}: {text}");
        }
        prop_assert_eq!(result.ok(), expected(&root, &path), "{}", path);
    }
}

#[test]
fn a_path_that_climbs_out_and_back_in_is_refused() {
    let scratch = sandbox();
    let outer = scratch.path();
    let root = outer.join("root");
    assert_eq!(
        refusal(load(&GraphFileReader::new(), &root, "../root/a.txt")),
        PathRefusal::LeavesRoot
    );
    // Inside the folder, a `..` that stays within it is fine.
    assert_eq!(
        load(&GraphFileReader::new(), &root, "sub/../a.txt").unwrap(),
        "inside a"
    );
}
