//! One self-contained HTML page to explore a graph in a browser.

mod data;
mod graphviz;
mod page;

use std::io::Write;

use serde_json::{Map, Value};

use super::{DotStyle, DotWriter, Engine};
use crate::graph::View;
use crate::query::{ActorNetwork, NetworkOptions, Rank};
use crate::{Error, EventGraph};

/// How many actors the page's actor network keeps unless told otherwise: what Graphviz `dot`
/// lays out in seconds, and what a reader can still take in.
const DEFAULT_TOP: usize = 100;

/// How many events a page that draws only the actor network holds unless told otherwise:
/// some 17 MB of a page, which a browser reads in about a second.
const DEFAULT_MAX_EVENTS: usize = 20_000;

/// How many of its strongest links each actor keeps when the top actors' links are too many
/// for `dot` to lay out in seconds.
const LINKS_PER_ACTOR: usize = 5;

/// Writes an [`EventGraph`], or a [`View`] of a part of it, as one HTML page that works
/// offline from disk: click a node or a line to read every source behind it (document,
/// verbatim quote, speaker, reporting chain), search names and aliases with spelling
/// forgiven, filter by document, date, event kind and quad class, hide negated facts, and
/// expand a node's neighbourhood.
///
/// The diagram is the one [`DotWriter`] draws, laid out by Graphviz when the page is written
/// (Graphviz must be installed; [`ErrorKind::Graphviz`](crate::ErrorKind::Graphviz) says
/// when it is not), so that the page's picture, colours and legend are the DOT export's. A
/// part too big for `dot` to lay out in seconds ([`DotSize::warning`](super::DotSize::warning))
/// is drawn as its actor network only: the [`top`](Self::top) actors by events and, if their
/// links are still too many for `dot`, each actor's five strongest links
/// ([`ActorNetwork::strongest_links`]). Otherwise the page holds both pictures, the events
/// and the actor network, and the reader switches between them.
///
/// A page that draws only the actor network holds at most [`max_events`](Self::max_events)
/// of its events for the panels and filters, since a year of event data puts hundreds of
/// thousands on the links. Links of few events keep them all; the heavy ones share the rest
/// evenly, each keeping events spread from its earliest to its latest. A filter still hides
/// a link only when none of its events, held or not, can pass, and fades one that only a
/// left-out event might pass; [`HtmlSummary`] says how many were left out.
///
/// Every name, quote, title and URL reaches the page as JSON text that the page's script puts
/// into the document as text, never as markup; only `http` and `https` URLs become links; and
/// the page's Content-Security-Policy allows its own script and style and forbids every load
/// from elsewhere. The output is byte-stable for the same graph and Graphviz version.
///
/// ```no_run
/// use eventkg::*;
/// use eventkg::export::HtmlWriter;
///
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
///
/// let page = std::fs::File::create("story.html")?;
/// HtmlWriter::new(&graph).title("The letters").write(page)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct HtmlWriter<'g> {
    view: View<'g>,
    title: Option<String>,
    style: DotStyle,
    top: usize,
    max_events: usize,
    graphviz: String,
}

/// What a page holds, as [`HtmlWriter::write`] returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct HtmlSummary {
    /// Whether the page draws the events themselves; `false` when the part was too big and
    /// only the actor network is drawn.
    pub events_drawn: bool,
    /// The actors of the page's actor network.
    pub actors: usize,
    /// Its links.
    pub links: usize,
    /// The events the page holds, each with its participations and sources.
    pub events: usize,
    /// The actor network's events the page does not hold, past
    /// [`max_events`](HtmlWriter::max_events); 0 when it holds them all.
    pub events_left_out: usize,
    /// When events were left out, how many each link holds at most.
    pub events_per_link: Option<usize>,
}

impl<'g> HtmlWriter<'g> {
    /// A writer for a graph or a [`View`] of a part of it, or for an actor network
    /// (`HtmlWriter::new(&network)`), which is then the page's one picture.
    pub fn new(view: impl Into<View<'g>>) -> Self {
        HtmlWriter {
            view: view.into(),
            title: None,
            style: DotStyle::default(),
            top: DEFAULT_TOP,
            max_events: DEFAULT_MAX_EVENTS,
            graphviz: "dot".into(),
        }
    }

    /// The page's title, shown in its header and the browser's tab.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The DOT style the diagrams are drawn in.
    pub fn style(mut self, style: DotStyle) -> Self {
        self.style = style;
        self
    }

    /// How many actors, ranked by the events they take part in, the page's actor network
    /// keeps (100 unless set).
    pub fn top(mut self, actors: usize) -> Self {
        self.top = actors;
        self
    }

    /// How many events, at most, a page that draws only the actor network holds for its
    /// panels and filters (20,000 unless set). Every link holds at least one, so a network
    /// of more links than this holds one event per link. A page that draws the events holds
    /// all of them.
    ///
    /// ```no_run
    /// use eventkg::*;
    /// use eventkg::export::HtmlWriter;
    ///
    /// let graph = EventGraph::new(); // say, a year of GDELT
    /// let network = graph
    ///     .actor_network(&query::NetworkOptions::new())
    ///     .top(100, query::Rank::Events);
    /// let page = std::fs::File::create("actors.html")?;
    /// let summary = HtmlWriter::new(&network).max_events(50_000).write(page)?;
    /// if summary.events_left_out > 0 {
    ///     eprintln!("{} events are not on the page", summary.events_left_out);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_events(mut self, events: usize) -> Self {
        self.max_events = events;
        self
    }

    /// The Graphviz program that lays the diagrams out: `dot` on the `PATH` unless set.
    pub fn graphviz(mut self, program: impl Into<String>) -> Self {
        self.graphviz = program.into();
        self
    }

    /// Lays the diagrams out with Graphviz and writes the page to `out`.
    pub fn write(&self, mut out: impl Write) -> Result<HtmlSummary, Error> {
        let graph: &'g EventGraph = self.view.graph();
        let mut payload = data::Payload::new(graph);
        let mut diagrams = Vec::new();
        let given = self.view.network();
        let network: ActorNetwork<'g>;
        let network = match given {
            Some(network) => network,
            None => {
                let top = self
                    .view
                    .actor_network(&NetworkOptions::new())
                    .top(self.top, Rank::Events);
                // As the DOT export's advice goes: the top actors, then, if their links are
                // still too many for `dot`, each actor's strongest links.
                let pruned = DotWriter::new(&top).size().warning().is_some();
                network = if pruned {
                    top.strongest_links(LINKS_PER_ACTOR)
                } else {
                    top
                };
                &network
            }
        };
        let events = DotWriter::new(self.view.clone())
            .style(self.style.clone())
            .legend(true);
        let events_drawn = given.is_none() && events.size().warning().is_none();
        if events_drawn {
            payload.add_view(&self.view);
            let svg = graphviz::render(&self.graphviz, &events.element_ids())?;
            diagrams.push(diagram("events", "Events", svg, None));
        }
        // A page that draws the events holds them all already.
        let budget = if events_drawn {
            usize::MAX
        } else {
            self.max_events
        };
        let held = payload.add_network(network, budget);
        // A network has no direction to rank by: a force-directed layout shows its clusters,
        // where `dot` stacks hubs into long columns.
        let drawn = DotWriter::new(network)
            .style(self.style.clone())
            .legend(true)
            .engine(Engine::Sfdp);
        let svg = graphviz::render(&self.graphviz, &drawn.element_ids())?;
        let mut note = (given.is_none() && !events_drawn).then(|| {
            format!(
                "{} events are too many to draw one by one: this is the actor network of the {} \
                 most active actors, {} links.",
                grouped(self.view.event_count()),
                grouped(network.actor_count()),
                grouped(network.link_count())
            )
        });
        if let Some(per_link) = held.per_link {
            let shortened = format!(
                "The page holds {} of the network's {} events, at most {} per link, spread \
                 over each link's dates. A filter hides a link when none of its events can \
                 pass, and fades it when only events not on the page might.",
                grouped(held.events),
                grouped(held.events + held.left_out),
                grouped(per_link)
            );
            note = Some(match note {
                Some(note) => format!("{note} {shortened}"),
                None => shortened,
            });
        } else if let Some(note) = &mut note {
            note.push_str(" Filters and search reach every event of it.");
        }
        diagrams.push(diagram("network", "Actor network", svg, note));
        let title = self.title.clone().unwrap_or_else(|| "eventkg".into());
        let mut head = Map::new();
        head.insert("title".into(), title.clone().into());
        head.insert("diagrams".into(), diagrams.into());
        let data = payload.finish(head);
        page::write(&mut out, &title, &data)?;
        Ok(HtmlSummary {
            events_drawn,
            actors: network.actor_count(),
            links: network.link_count(),
            events: held.events,
            events_left_out: held.left_out,
            events_per_link: held.per_link,
        })
    }
}

/// A count as a reader of the page reads it: 185,749 rather than 185749. Always with commas,
/// whatever the machine's locale, so that the page is the same bytes everywhere.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn diagram(name: &str, label: &str, svg: String, note: Option<String>) -> Value {
    let mut value = Map::new();
    value.insert("name".into(), name.into());
    value.insert("label".into(), label.into());
    value.insert("svg".into(), svg.into());
    if let Some(note) = note {
        value.insert("note".into(), note.into());
    }
    Value::Object(value)
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(185_749), "185,749");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
