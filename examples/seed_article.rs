//! The seed article as a graph: builds it, prints what it holds, writes it as Graphviz DOT, and
//! renders an SVG and a PNG beside the DOT file where Graphviz's `dot` is installed.
//!
//! ```sh
//! cargo run --example seed_article            # writes target/seed_article/seed.dot (+ .svg, .png)
//! cargo run --example seed_article -- out/dir # writes out/dir/seed.dot (+ .svg, .png)
//! ```

#[path = "../tests/common/seed.rs"]
mod seed;

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let seed = seed::build()?;
    let graph = &seed.graph;
    println!(
        "The seed article holds {} entities, {} events, {} participations and {} relations.",
        graph.entity_count(),
        graph.event_count(),
        graph.participation_count(),
        graph.relation_count()
    );

    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/seed_article"));
    std::fs::create_dir_all(&dir)?;
    let dot = dir.join("seed.dot");
    seed::diagram(graph).write(File::create(&dot)?)?;
    println!("Wrote the graph as DOT to {}", dot.display());

    for format in ["svg", "png"] {
        let picture = dot.with_extension(format);
        match Command::new("dot")
            .arg(format!("-T{format}"))
            .arg(&dot)
            .arg("-o")
            .arg(&picture)
            .status()
        {
            Ok(status) if status.success() => println!("Rendered {}", picture.display()),
            Ok(status) => return Err(format!("Graphviz `dot` failed ({status})").into()),
            Err(_) => {
                println!(
                    "Graphviz `dot` is not installed, so no picture was rendered; install Graphviz \
                     (e.g. `apt-get install graphviz`) or paste the DOT file into any Graphviz viewer."
                );
                break;
            }
        }
    }
    Ok(())
}
