//! The actor network of a generated GDELT-like graph, pruned to its most active actors and
//! drawn: the picture a graph of thousands of events can still give.
//!
//! ```sh
//! cargo run --release --features workload --example actor_network              # 100 000 events, top 40, sfdp
//! cargo run --release --features workload --example actor_network -- 1000000 100 dot
//! ```
//!
//! It writes `target/actor_network.dot` and, where Graphviz is installed, lays it out with
//! the engine asked for (sfdp unless told) into `target/actor_network.png`, printing how long
//! each step took.

use std::error::Error;
use std::process::Command;
use std::time::Instant;

use eventkg::export::{DotStyle, DotWriter, Engine};
use eventkg::query::{NetworkOptions, Rank};
use eventkg::workload::Workload;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let events: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let top: usize = args.next().map_or(Ok(40), |a| a.parse())?;
    let engine = match args.next().as_deref() {
        None | Some("sfdp") => Engine::Sfdp,
        Some("dot") => Engine::Dot,
        Some(other) => return Err(format!("unknown engine {other}: dot or sfdp").into()),
    };

    let start = Instant::now();
    let graph = Workload::generate(events, 42).build()?;
    println!(
        "generated {} events and {} entities in {:.2?}",
        graph.event_count(),
        graph.entity_count(),
        start.elapsed()
    );

    let whole = DotWriter::new(&graph).size();
    if let Some(warning) = whole.warning() {
        println!("drawing every event: {warning}");
    }

    let start = Instant::now();
    let network = graph.actor_network(&NetworkOptions::new());
    let built = start.elapsed();
    let pruned = network.clone().top(top, Rank::Strength).strongest_links(4);
    println!(
        "actor network: {} actors, {} links in {built:.2?}; top {top} with their 4 strongest \
         links: {} actors, {} links in {:.2?} in all",
        network.actor_count(),
        network.link_count(),
        pruned.actor_count(),
        pruned.link_count(),
        start.elapsed()
    );

    let dot_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/actor_network.dot");
    let file = std::fs::File::create(&dot_path)?;
    let mut style = DotStyle::default();
    style.engine = engine;
    // Hundreds of counts on the edges are noise; their widths and tooltips carry them.
    style.show_edge_labels = false;
    let size = DotWriter::new(&pruned)
        .style(style)
        .title(format!(
            "The {top} most active actors of a generated graph of {events} events"
        ))
        .legend(true)
        .write(file)?;
    println!(
        "wrote {} ({} nodes, {} edges)",
        dot_path.display(),
        size.nodes,
        size.edges
    );
    if let Some(warning) = size.warning() {
        println!("{warning}");
    }

    let png_path = dot_path.with_extension("png");
    let start = Instant::now();
    match Command::new("dot")
        .args(["-Tpng", "-Gdpi=110", "-o"])
        .arg(&png_path)
        .arg(&dot_path)
        .status()
    {
        Ok(status) if status.success() => println!(
            "laid out and drew {} with Graphviz {} in {:.2?}",
            png_path.display(),
            engine.name(),
            start.elapsed()
        ),
        Ok(status) => return Err(format!("Graphviz dot failed: {status}").into()),
        Err(_) => println!("Graphviz is not installed: render the DOT file with `dot -Tpng`"),
    }
    Ok(())
}
