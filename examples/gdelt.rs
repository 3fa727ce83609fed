//! A first look at GDELT files: the most frequent dyads, the balance of cooperation and
//! conflict by month, and the actor network drawn.
//!
//! ```sh
//! cargo run --example gdelt -- 20240601.export.CSV.zip 20240601.mentions.CSV.zip
//! cargo run --example gdelt -- tests/data/gdelt/events2.export.tsv tests/data/gdelt/mentions2.tsv
//! ```
//!
//! It writes `target/gdelt_network.dot` and, where Graphviz is installed, lays it out into
//! `target/gdelt_network.svg`.

use std::collections::BTreeMap;
use std::error::Error;
use std::process::Command;

use eventkg::export::{DotStyle, DotWriter};
use eventkg::io::gdelt::GdeltReader;
use eventkg::query::{NetworkOptions, Rank};
use eventkg::{EventGraph, QuadClass};

fn main() -> Result<(), Box<dyn Error>> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        return Err(
            "usage: gdelt FILE… (GDELT event and mentions files, plain or zipped, or folders of them)"
                .into(),
        );
    }
    let mut graph = EventGraph::new();
    let summary = GdeltReader::new()
        .skip_bad(true)
        .add_to(&mut graph, &files)?;
    println!(
        "{} rows read from {} file{} ({} bad, skipped): {} events, {} actors, {} places, {} mentions",
        summary.rows.read,
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        summary.rows.bad,
        graph.event_count(),
        summary.actors_added,
        summary.places_added,
        summary.mentions_added
    );
    for unread in &summary.passed_over {
        println!("passed over: {unread}");
    }

    println!("\nThe most frequent dyads:");
    let mut dyads: Vec<_> = graph.dyads().collect();
    dyads.sort_by_key(|d| std::cmp::Reverse(d.events.len()));
    let name = |id| graph.entity(id).map_or("?", |e| e.name());
    for dyad in dyads.iter().take(10) {
        println!(
            "  {:>5}  {} → {}: {}",
            dyad.events.len(),
            name(dyad.initiator),
            name(dyad.target),
            dyad.kind
        );
    }

    // GDELT's own quad class where the event has one, the kind's otherwise.
    println!("\nCooperation and conflict by month (events):");
    let mut months: BTreeMap<(i32, u32), [usize; 2]> = BTreeMap::new();
    for (_, event) in graph.events() {
        let class = event
            .gdelt()
            .map(|c| c.quad_class)
            .or(event.kind().quad_class());
        let (Some(class), Some(date)) = (class, event.date()) else {
            continue;
        };
        let day = date.earliest();
        let counts = months
            .entry((chrono::Datelike::year(&day), chrono::Datelike::month(&day)))
            .or_default();
        counts[usize::from(class.is_conflict())] += 1;
    }
    for ((year, month), [cooperation, conflict]) in &months {
        let balance = (*cooperation as f64 - *conflict as f64) / (cooperation + conflict) as f64;
        println!(
            "  {year}-{month:02}  {cooperation:>6} cooperation  {conflict:>6} conflict  balance {balance:+.2}"
        );
    }
    let material = graph
        .events()
        .filter_map(|(_, e)| e.gdelt())
        .filter(|c| c.quad_class == QuadClass::MaterialConflict)
        .count();
    println!("  ({material} events of material conflict in all)");

    let network = graph.actor_network(&NetworkOptions::new());
    let top = network.top(30, Rank::Strength).strongest_links(4);
    let dot = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/gdelt_network.dot");
    std::fs::create_dir_all(dot.parent().unwrap_or(std::path::Path::new(".")))?;
    let mut style = DotStyle::default();
    style.show_edge_labels = false;
    let size = DotWriter::new(&top)
        .style(style)
        .title("The most active actors of the GDELT files read".to_owned())
        .legend(true)
        .write(std::fs::File::create(&dot)?)?;
    println!(
        "\nwrote {} ({} actors, {} links)",
        dot.display(),
        size.nodes,
        size.edges
    );
    let svg = dot.with_extension("svg");
    match Command::new("dot")
        .arg("-Tsvg")
        .arg("-o")
        .arg(&svg)
        .arg(&dot)
        .status()
    {
        Ok(status) if status.success() => println!("drew {}", svg.display()),
        Ok(status) => return Err(format!("Graphviz dot failed: {status}").into()),
        Err(_) => println!("Graphviz is not installed: render the DOT file with `dot -Tsvg`"),
    }
    Ok(())
}
