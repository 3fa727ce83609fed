//! `eventkg`: answers and pictures from graph files, without writing Rust.
//!
//! Exit status: 0 on success, 1 on bad input (the error on stderr), 2 on bad usage.

/// Prints a line on standard output (see `commands::emit`).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::commands::emit(format_args!($($arg)*))
    };
}

mod commands;
mod importing;
mod merging;
mod progress;
mod resolving;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  eventkg validate seeds/000_404871ae4e9fadb6.toml
  eventkg -g seeds/000_404871ae4e9fadb6.toml stance mission
  eventkg -g seeds/000_404871ae4e9fadb6.toml events --actor \"United States\" --role opponent
  eventkg -g seeds/000_404871ae4e9fadb6.toml export svg -o seed.svg";

/// Ask questions of event graphs and draw them.
///
/// Graph files are the TOML format of `docs/format.md`, or the JSON that `eventkg export json`
/// writes (by the `.json` extension, or, for `-`, standard input, by a leading `{`).
#[derive(Parser, Debug)]
#[command(name = "eventkg", version, about, after_help = EXAMPLES)]
struct Cli {
    /// A graph file to load (repeatable; `-` reads standard input). Also from EVENTKG_GRAPH,
    /// several separated by `:`.
    #[arg(
        short = 'g',
        long = "graph",
        global = true,
        env = "EVENTKG_GRAPH",
        value_delimiter = ':'
    )]
    graph: Vec<PathBuf>,

    /// Let graph files read their `text_file`s from anywhere inside DIR, not only from their own
    /// folder. Only for files you trust: a file from a stranger could otherwise copy any file
    /// under DIR into the graph and its exports.
    #[arg(long, global = true, value_name = "DIR")]
    text_root: Option<PathBuf>,

    /// Print stable JSON instead of tables (see docs/cli.md).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check graph files and list every problem, each as file:line:column; with --graph, check
    /// them as they would merge into those graphs and say what merging would change.
    #[command(
        after_help = "Examples:\n  eventkg validate seeds/*.toml\n  eventkg -g corpus/a.toml -g corpus/b.toml validate new.toml"
    )]
    Validate {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Merge graph files into the --graph graphs and say what changed: new records, facts
    /// restated with further sources, values stated anew, disputes, same_as links,
    /// look-alikes left apart, and values a record kept against another a file gave.
    #[command(
        after_help = "Example:\n  eventkg -g story.json merge courier.toml gazette.toml -o story.json"
    )]
    Merge {
        /// The files to merge, in order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the merged graph here: JSON for a `.json` name, else a graph file.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Where reports disagree: each event attribute stated with different values, every value
    /// with its sources.
    #[command(after_help = "Example:\n  eventkg -g a.toml -g b.toml disputes")]
    Disputes,
    /// Entities that are probably one actor (names spelled another way, a first name left
    /// out, a title added) and events that are probably one happening, each pair scored and
    /// explained, best first. Nothing is joined.
    #[command(after_help = "Example:\n  eventkg -g corpus/ candidates --threshold 0.9 --json")]
    Candidates {
        /// Only pairs scoring at least this (0 to 1).
        #[arg(long, default_value_t = 0.8)]
        threshold: f64,
    },
    /// Counts by kind, documents, date range, most connected entities.
    #[command(after_help = "Example:\n  eventkg stats seeds/000_404871ae4e9fadb6.toml")]
    Stats {
        /// The files to load (instead of --graph).
        files: Vec<PathBuf>,
    },
    /// Entities going by a name or alias, or near it.
    #[command(after_help = "Example:\n  eventkg -g seed.toml find Burkhard")]
    Find {
        /// The name.
        name: String,
        /// At most this many near misses.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// An entity or event with its facts and their sources.
    #[command(
        after_help = "Examples:\n  eventkg -g seed.toml show Kirby\n  eventkg -g seed.toml show letter\n  eventkg -g seed.toml show event#3"
    )]
    Show {
        /// An entity's name, alias or id (`entity#3`), or an event's key or id (`event#5`).
        target: String,
        /// Print at most this many of its participations, and of its relations, each with
        /// its sources, and say how many more there are (0: all). `--json` lists all.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
    },
    /// Events matching filters, in insertion order (or by date with --by-date).
    #[command(
        after_help = "Example:\n  eventkg -g seed.toml events --kind reject --from 2024-05 --to 2024-06"
    )]
    Events {
        /// Only this kind (repeatable).
        #[arg(long)]
        kind: Vec<String>,
        /// Only events this entity takes part in.
        #[arg(long)]
        actor: Option<String>,
        /// Only with a participation in this role (the actor's, if given).
        #[arg(long)]
        role: Option<String>,
        /// Only participations the sources deny (with --actor or --role).
        #[arg(long)]
        negated: bool,
        /// Only events dated on or after this date (text form: 2024-05, 2024-05-late, …).
        #[arg(long)]
        from: Option<String>,
        /// Only events dated on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// With --from/--to: only events wholly within the range, not merely overlapping it.
        #[arg(long)]
        within: bool,
        /// Only this status (repeatable).
        #[arg(long)]
        status: Vec<String>,
        /// Only events told by this document (its key).
        #[arg(long)]
        source: Option<String>,
        /// In date order.
        #[arg(long)]
        by_date: bool,
        /// With --actor: also the events a group the actor is a member of takes part in.
        #[arg(long)]
        through_groups: bool,
    },
    /// Who supports, opposes, was asked or not asked about an event.
    #[command(after_help = "Example:\n  eventkg -g seed.toml stance mission")]
    Stance {
        /// The event's key or id.
        event: String,
        /// Pass a group's position on to its members (`member_of`), each marked as such.
        #[arg(long)]
        through_groups: bool,
    },
    /// The shortest connections between two entities or events, told in words.
    #[command(
        after_help = "Example:\n  eventkg -g seed.toml path Burkhardt France --relations-only"
    )]
    Path {
        /// Where the path starts.
        from: String,
        /// Where it ends.
        to: String,
        /// Every shortest path, not only one.
        #[arg(long)]
        all: bool,
        /// Only along relations, never through events.
        #[arg(long)]
        relations_only: bool,
        /// Also from an event to its location, and from a place to the events there.
        #[arg(long)]
        through_locations: bool,
        /// Do not cross relations of this kind (repeatable).
        #[arg(long)]
        ignore: Vec<String>,
        /// Search paths of at most this many facts.
        #[arg(long, default_value_t = 8)]
        max_hops: usize,
    },
    /// Every event in date order.
    Timeline,
    /// What an entity said, with the sentences and documents.
    #[command(after_help = "Example:\n  eventkg -g seed.toml said Kirby")]
    Said {
        /// The speaker.
        actor: String,
    },
    /// The most central actors.
    #[command(
        after_help = "Examples:\n  eventkg -g seed.toml centrality --measure betweenness --top 5\n  eventkg -g gdelt.json centrality --measure betweenness --sample 1000 --seed 7"
    )]
    Centrality {
        /// Which centrality.
        #[arg(long, value_enum, default_value_t = Measure::Degree)]
        measure: Measure,
        /// How many.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Estimate betweenness from this many entities, drawn at random, as the starts of
        /// shortest paths, rather than from every entity: the exact score costs as many
        /// breadth-first passes as the network has entities, minutes for tens of thousands.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        sample: Option<u32>,
        /// The seed that draws --sample's entities: the same seed, the same scores.
        #[arg(long, default_value_t = 0, requires = "sample")]
        seed: u64,
    },
    /// Write the graph, a part of it, or its actor network, in another format.
    #[command(
        after_help = "Examples:\n  eventkg -g seed.toml export dot -o seed.dot\n  eventkg -g seed.toml export svg --ego Kirby --hops 2 -o kirby.svg\n  eventkg -g seed.toml export neo4j-csv -o bulk/\n  eventkg -g gdelt.json export svg --network --top 100 --engine sfdp -o actors.svg"
    )]
    Export(ExportArgs),
    /// Read event data from other systems into a graph file.
    #[command(subcommand)]
    Import(ImportSource),
}

#[derive(Subcommand, Debug)]
enum ImportSource {
    /// GDELT event and mentions files (1.0 historical and daily, 2.0 export and mentions),
    /// plain or zipped; the layout is told from the column count (docs/gdelt.md).
    #[command(
        after_help = "Examples:\n  eventkg import gdelt 20240601.export.CSV.zip 20240601.mentions.CSV.zip -o june.json\n  eventkg import gdelt data/*.export.CSV.zip --country UKR --root-code 14 --root-code 18 --min-mentions 3 -o protests.json\n  eventkg -g june.json import gdelt 20240602.export.CSV.zip -o june.json"
    )]
    Gdelt(GdeltArgs),
}

#[derive(clap::Args, Debug)]
struct GdeltArgs {
    /// The files, or folders of them (every `*.csv`, `*.tsv` and `*.zip` inside, by name, but
    /// for Global Knowledge Graph files, which are passed over and listed); event files are
    /// read before mentions files, whatever the order given.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the graph: versioned JSON, or a graph file if the name ends in `.toml`.
    #[arg(short = 'o', long, required = true)]
    output: PathBuf,
    /// Keep events on or after this day (YYYY-MM-DD or YYYYMMDD).
    #[arg(long)]
    from: Option<String>,
    /// Keep events on or before this day.
    #[arg(long)]
    to: Option<String>,
    /// Keep events with an actor of this CAMEO country code (repeatable: any of them).
    #[arg(long)]
    country: Vec<String>,
    /// Keep events of this CAMEO root code, 01 to 20 (repeatable: any of them).
    #[arg(long)]
    root_code: Vec<String>,
    /// Keep events with at least this many mentions (NumMentions).
    #[arg(long, default_value_t = 0)]
    min_mentions: u32,
    /// Count bad rows and go on, rather than stop at the first.
    #[arg(long)]
    skip_bad: bool,
}

#[derive(clap::Args, Debug)]
struct ExportArgs {
    /// The format.
    #[arg(value_enum)]
    format: Format,
    /// The file to write (a folder for neo4j-csv and parquet); standard output if absent.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
    /// Only the ego network of this entity or event.
    #[arg(long)]
    ego: Option<String>,
    /// With --ego: how many hops.
    #[arg(long, default_value_t = 2)]
    hops: usize,
    /// Only events dated on or after this date, with their participants.
    #[arg(long)]
    from: Option<String>,
    /// Only events dated on or before this date, with their participants.
    #[arg(long)]
    to: Option<String>,
    /// Only the stance view of this event: it and everyone with a position on it.
    #[arg(long)]
    stance: Option<String>,
    /// Draw the actor network instead: events collapsed into weighted links between the
    /// actors they join (dot, svg, json, graphml or links-csv).
    #[arg(long)]
    network: bool,
    /// With --network: only events of this kind (repeatable).
    #[arg(long = "kind", requires = "network")]
    kinds: Vec<String>,
    /// With --network: keep only the K highest-ranked actors and the links among them.
    #[arg(long, requires = "network")]
    top: Option<usize>,
    /// With --top: how actors are ranked.
    #[arg(long, value_enum, default_value_t = RankBy::Strength, requires = "network")]
    rank: RankBy,
    /// With --network: drop links of fewer events than this.
    #[arg(long, default_value_t = 1, requires = "network")]
    min_weight: usize,
    /// With --network: keep only each actor's N heaviest links.
    #[arg(long, requires = "network")]
    links_per_actor: Option<usize>,
    /// The Graphviz layout engine the DOT is written for (sfdp for large graphs).
    #[arg(long, value_enum, default_value_t = Layout::Dot)]
    engine: Layout,
    /// A title for the diagram or page (dot, svg, html).
    #[arg(long)]
    title: Option<String>,
    /// With svg, or html of a network: run Graphviz even on a diagram so far past what its
    /// engine lays out in seconds that the layout may take hours (refused unless this is
    /// given).
    #[arg(long)]
    force: bool,
    /// With html, when the page draws the actor network only: hold at most this many of its
    /// events for the panels and filters (default 20000), spread over each link's dates.
    #[arg(long, value_name = "N")]
    max_events: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum RankBy {
    Events,
    Strength,
    Partners,
    Eigenvector,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Dot,
    Sfdp,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Degree,
    Betweenness,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Dot,
    Svg,
    /// One self-contained page to explore in a browser, laid out by Graphviz.
    Html,
    Json,
    Toml,
    Graphml,
    Turtle,
    Ntriples,
    #[value(name = "neo4j-csv")]
    Neo4jCsv,
    /// The bulk tables as Parquet files (a folder; built with the `parquet` feature).
    Parquet,
    Cypher,
    #[value(name = "events-csv")]
    EventsCsv,
    /// The actor network's links as CSV (with --network).
    #[value(name = "links-csv")]
    LinksCsv,
}

/// Whether the error is only that the reader of our output went away (`eventkg … | head`),
/// which a command-line tool takes quietly.
fn reader_gone(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        let broken = error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || error
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe));
        if broken {
            return true;
        }
        current = error.source();
    }
    false
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            if reader_gone(error.as_ref()) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
