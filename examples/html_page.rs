//! The HTML page of a generated GDELT-like graph: too many events to draw one by one, so the
//! page draws its actor network, and its events, up to the page's budget, stay one click away.
//!
//! ```sh
//! cargo run --release --features workload --example html_page               # 10 000 events
//! cargo run --release --features workload --example html_page -- 100000
//! ```
//!
//! It writes `target/browser/generated-N.html` and prints how long the page took to write
//! and how big it is; `node tests/browser/bench.mjs` then times how soon a browser can use it.

use std::error::Error;
use std::time::Instant;

use eventkg::export::HtmlWriter;
use eventkg::workload::Workload;

fn main() -> Result<(), Box<dyn Error>> {
    let events: usize = std::env::args().nth(1).map_or(Ok(10_000), |a| a.parse())?;
    let start = Instant::now();
    let graph = Workload::generate(events, 42).build()?;
    println!(
        "generated {} events and {} entities in {:.2?}",
        graph.event_count(),
        graph.entity_count(),
        start.elapsed()
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("generated-{events}.html"));
    let start = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let summary = HtmlWriter::new(&graph)
        .title(format!("{events} generated events"))
        .write(file)?;
    println!(
        "wrote {} ({} bytes) in {:.2?}: {}, an actor network of {} actors and {} links; \
         it holds {} events ({} left out)",
        path.display(),
        std::fs::metadata(&path)?.len(),
        start.elapsed(),
        if summary.events_drawn {
            "the events drawn"
        } else {
            "too many events to draw one by one"
        },
        summary.actors,
        summary.links,
        summary.events,
        summary.events_left_out
    );
    Ok(())
}
