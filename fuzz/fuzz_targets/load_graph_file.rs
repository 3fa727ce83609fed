//! Any text as a graph file: a graph or a located error, never a panic; a graph that loads
//! writes back to a file that loads to the same graph. A generated `text_file` resolves in a
//! sandbox folder holding one made-up text, so that it can never reach the machine's files.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use eventkg::io::GraphFileReader;
use libfuzzer_sys::fuzz_target;

fn reader() -> &'static GraphFileReader {
    static READER: OnceLock<GraphFileReader> = OnceLock::new();
    READER.get_or_init(|| {
        let sandbox: PathBuf =
            std::env::temp_dir().join(format!("eventkg-fuzz-sandbox-{}", std::process::id()));
        std::fs::create_dir_all(&sandbox).expect("a sandbox folder");
        std::fs::write(sandbox.join("text.txt"), "A made-up text for the fuzzer.")
            .expect("a sandbox text");
        GraphFileReader::new().with_text_root(sandbox)
    })
}

fuzz_target!(|text: &str| {
    let loaded = reader().from_str(text, "fuzz.toml");
    let problems = reader().check_str(text, "fuzz.toml");
    assert_eq!(
        problems.is_empty(),
        loaded.is_ok(),
        "the checker and the loader disagree"
    );
    if let Ok(graph) = loaded {
        let written = eventkg::io::to_string(&graph).expect("a loaded graph writes");
        let again = eventkg::io::from_str(&written, "again.toml")
            .unwrap_or_else(|e| panic!("a written graph must load: {e}\n{written}"));
        assert!(
            again == graph,
            "the graph file round trip changed the graph\n{written}"
        );
    }
});
