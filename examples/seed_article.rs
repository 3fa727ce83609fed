//! The seed article: loads its encoding from `seeds/`, prints a briefing that answers the
//! article's questions through the query API with the quote behind each answer, writes the
//! graph as Graphviz DOT, and renders an SVG and a PNG beside it where Graphviz's `dot` is
//! installed.
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

use eventkg::RecordId;
use eventkg::query::Position;
use eventkg::*;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The first quote among a record's sources, as the briefing cites it; the records come
/// from the graph's own queries.
fn quoted(graph: &EventGraph, record: impl Into<RecordId>) -> String {
    graph
        .sources_of(record)
        .unwrap_or_default()
        .iter()
        .find_map(|s| s.quote.as_deref())
        .map_or(String::new(), |q| format!(" — “{q}”"))
}

fn name(graph: &EventGraph, entity: EntityId) -> &str {
    graph.entity(entity).map_or("?", |e| e.name())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/000_404871ae4e9fadb6.toml");
    let graph = io::read_files([&file])?;
    let g = &graph;
    println!("Loaded {}", file.display());
    println!(
        "  {} entities, {} events, {} participations, {} relations; {} quotes, all found in the article.\n",
        g.entity_count(),
        g.event_count(),
        g.participation_count(),
        g.relation_count(),
        g.claims().filter(|c| c.source.quote.is_some()).count() - g.ungrounded_quotes().count()
    );

    let mission = g
        .search_events()
        .kind(EventKind::Cooperate)
        .status(EventStatus::Proposed)
        .ids()
        .next()
        .ok_or("the seed has no proposed mission")?;
    let letter = g
        .search_events()
        .kind(EventKind::Invitation)
        .ids()
        .next()
        .ok_or("the seed has no invitation")?;
    let stance = g.stance(mission)?;
    let describe = |event: EventId| {
        g.event(event)
            .and_then(|e| e.description().map(str::to_owned))
            .unwrap_or_default()
    };

    println!("Who proposed the mission ({})?", describe(mission));
    for (id, p) in g
        .participations_in(mission)
        .filter(|(_, p)| p.role() == Role::Initiator)
    {
        println!("  {}{}", name(g, p.entity()), quoted(g, id));
    }

    let date = g
        .event(letter)
        .and_then(|e| e.date())
        .map(|d| d.to_string())
        .unwrap_or_default();
    println!("\nWho was invited (letters sent in {date})?");
    for (id, p) in g
        .participations_in(letter)
        .filter(|(_, p)| p.role() == Role::Target && !p.polarity().is_negated())
    {
        println!("  {}{}", name(g, p.entity()), quoted(g, id));
        // A group the letter named, and the members the article counts in it.
        for (member, membership) in g.group_members(p.entity())? {
            println!("    {}, a member{}", name(g, member), quoted(g, membership));
        }
    }

    println!("\nWho was not?");
    let members = |position: Position| {
        for entry in stance.entries().filter(|e| e.position == position) {
            let quote = entry
                .basis
                .first()
                .map(|f| quoted(g, *f))
                .unwrap_or_default();
            println!("  {}{quote}", name(g, entry.entity));
        }
    };
    members(Position::NotAsked);

    println!("\nWho opposed it, and why?");
    members(Position::Opposes);
    for contradiction in stance.contradictions() {
        if let query::Contradiction::AskedYetOpposed(entity) = contradiction {
            println!("  (note: {} was invited, yet opposed it)", name(g, entity));
        }
    }
    let opposing = g.search_events().kind(EventKind::Reject);
    for (event, _) in opposing.iter() {
        for (id, reason) in g.relations_of(event).filter(|(_, r)| {
            r.kind() == RelationKind::MotivatedBy && r.from() == NodeId::Event(event)
        }) {
            let Some(feared) = reason.to().as_event() else {
                continue;
            };
            let fearing: Vec<&str> = g
                .participations_in(feared)
                .filter(|(_, p)| p.role() == Role::Concerned)
                .map(|(_, p)| name(g, p.entity()))
                .collect();
            println!(
                "  Why: {} fear {}{}",
                fearing.join(", "),
                describe(feared),
                quoted(g, id)
            );
        }
    }

    println!("\nWho refused to send soldiers?");
    for (id, p) in g
        .participations_in(mission)
        .filter(|(_, p)| p.polarity().is_negated())
    {
        let said = g
            .sources_of(id)?
            .first()
            .and_then(|s| s.attributed_to)
            .map(|e| format!(" (said by {})", name(g, e)))
            .unwrap_or_default();
        println!(
            "  {} will not take part{said}{}",
            name(g, p.entity()),
            quoted(g, id)
        );
    }

    let eumam = g.find_entity("EUMAM")?;
    println!("\nWhat role does EUMAM play?");
    for (id, r) in g.relations_of(eumam) {
        match (r.kind().clone(), r.from(), r.to()) {
            (RelationKind::PartOf, NodeId::Entity(_), NodeId::Entity(to)) => {
                println!("  It is the {}'s mission{}", name(g, to), quoted(g, id))
            }
            (RelationKind::About, NodeId::Event(event), _) => {
                let e = g.event(event);
                let status = e.map(|e| e.status().to_string()).unwrap_or_default();
                let when = e
                    .and_then(|e| e.date())
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default();
                println!("  {} ({status}{when}){}", describe(event), quoted(g, event));
            }
            _ => {}
        }
    }
    for (_, p) in g.participations_of(eumam) {
        let event = p.event();
        println!("  Part of: {}{}", describe(event), quoted(g, event));
        for (_, r) in g
            .relations_of(event)
            .filter(|(_, r)| r.kind() == RelationKind::Requires && r.from() == NodeId::Event(event))
        {
            if let Some(needed) = r.to().as_event() {
                println!(
                    "    which requires: {}{}",
                    describe(needed),
                    quoted(g, needed)
                );
            }
        }
    }

    println!("\nWho reported the story?");
    if let Some(chain) = g.reported_by(letter)?.next() {
        let names: Vec<&str> = chain.into_iter().map(|e| name(g, e)).collect();
        println!("  {}", names.join(" → "));
    }

    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/seed_article"));
    std::fs::create_dir_all(&dir)?;
    let dot = dir.join("seed.dot");
    seed::diagram(g).write(File::create(&dot)?)?;
    println!("\nWrote the graph as DOT to {}", dot.display());
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
