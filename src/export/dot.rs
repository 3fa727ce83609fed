//! Graphviz DOT: [`DotWriter`] and its style.

use crate::EntityRef;
use crate::EventRef;
use crate::ParticipationRef;
use crate::RelationRef;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use indexmap::IndexMap;

use crate::graph::View;
use crate::model::ShortName;
use crate::model::{
    Confidence, EntityId, EntityKind, EventField, EventId, EventStatus, FieldValue, NodeId,
    ParticipationId, Polarity, QuadClass, RelationId, RelationKind, Role, Source,
};
use crate::query::{Actor, Link};
use crate::{Error, EventGraph};

/// The direction in which Graphviz ranks the graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RankDir {
    /// Left to right: actors on the left, the events they act in to the right.
    #[default]
    LeftToRight,
    /// Top to bottom.
    TopToBottom,
    /// Right to left.
    RightToLeft,
    /// Bottom to top.
    BottomToTop,
}

impl RankDir {
    fn as_str(self) -> &'static str {
        match self {
            RankDir::LeftToRight => "LR",
            RankDir::TopToBottom => "TB",
            RankDir::RightToLeft => "RL",
            RankDir::BottomToTop => "BT",
        }
    }
}

/// The Graphviz layout engine a diagram is meant for.
///
/// The writer names it in the DOT (`layout=…`), so that `dot -Tsvg` uses it whatever command
/// renders the file, and sets the graph attributes it needs to give a readable picture.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::{DotWriter, Engine};
/// let mut graph = EventGraph::new();
/// let poland = graph.add_entity(Entity::new(EntityKind::State, "Poland"))?;
/// let nato = graph.add_entity(Entity::new(EntityKind::Intergovernmental, "NATO"))?;
/// graph.add_relation(Relation::new(poland, RelationKind::MemberOf, nato))?;
/// let dot = DotWriter::new(&graph).engine(Engine::Sfdp).to_string();
/// assert!(dot.contains("layout=sfdp, overlap=prism"));
/// assert_eq!(Engine::Dot.comfortable_size(), (500, 1_000));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Engine {
    /// `dot`: layered, with edges flowing one way; the clearest for up to a few hundred
    /// nodes, and minutes past a thousand.
    #[default]
    Dot,
    /// `sfdp`: multiscale force-directed layout for large graphs, with overlapping nodes
    /// pushed apart (`overlap=prism`), straight edges drawn under the nodes.
    Sfdp,
}

impl Engine {
    /// The engine's Graphviz name.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Sfdp => "sfdp",
        }
    }

    /// The most nodes and edges the engine lays out in seconds on an ordinary machine; past
    /// either, [`DotSize::warning`] speaks up. Measured with Graphviz 2.43 on generated graphs
    /// (see `BENCHMARKS.md`).
    pub fn comfortable_size(self) -> (usize, usize) {
        match self {
            Engine::Dot => (DOT_COMFORTABLE_NODES, DOT_COMFORTABLE_EDGES),
            Engine::Sfdp => (SFDP_COMFORTABLE_NODES, SFDP_COMFORTABLE_EDGES),
        }
    }
}

// Graphviz 2.43 on generated event graphs (one core of the 2-core machine): dot took 1.1 s
// for 440 nodes and 873 edges, 30 s for 880 and 1 756; sfdp 1.2 s for 1 759 and 3 514,
// 18 s for 8 793 and 17 576.
const DOT_COMFORTABLE_NODES: usize = 500;
const DOT_COMFORTABLE_EDGES: usize = 1_000;
const SFDP_COMFORTABLE_NODES: usize = 5_000;
const SFDP_COMFORTABLE_EDGES: usize = 10_000;

/// How many nodes and edges a diagram has, counted by [`DotWriter::size`] before writing or
/// returned by [`DotWriter::write`] after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DotSize {
    /// Nodes drawn, the legend's aside.
    pub nodes: usize,
    /// Edges drawn, the legend's aside.
    pub edges: usize,
    /// The engine the diagram is meant for.
    pub engine: Engine,
}

impl DotSize {
    /// A warning when the diagram is past what its engine lays out in seconds
    /// ([`Engine::comfortable_size`]), with what to do instead.
    ///
    /// ```
    /// use eventkg::export::{DotSize, Engine};
    /// let size = DotSize { nodes: 2_000, edges: 4_000, engine: Engine::Dot };
    /// let warning = size.warning().unwrap();
    /// assert!(warning.to_string().contains("sfdp"));
    /// assert!(DotSize { nodes: 2_000, edges: 4_000, engine: Engine::Sfdp }.warning().is_none());
    /// ```
    pub fn warning(&self) -> Option<SizeWarning> {
        let (nodes, edges) = self.engine.comfortable_size();
        (self.nodes > nodes || self.edges > edges).then_some(SizeWarning { size: *self })
    }
}

/// A diagram too big for its engine to lay out in seconds; its `Display` says so and what to
/// do instead, for a tool to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeWarning {
    /// The diagram's size.
    pub size: DotSize,
}

impl std::fmt::Display for SizeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let DotSize {
            nodes,
            edges,
            engine,
        } = self.size;
        let (most_nodes, most_edges) = engine.comfortable_size();
        write!(
            f,
            "the diagram has {nodes} nodes and {edges} edges, more than Graphviz {} lays out in \
             seconds ({most_nodes} nodes or {most_edges} edges); ",
            engine.name()
        )?;
        write!(
            f,
            "draw the actor network (EventGraph::actor_network) pruned to its top actors \
             (ActorNetwork::top) or above a weight (ActorNetwork::min_weight), or a smaller part \
             of the graph"
        )?;
        let (sfdp_nodes, sfdp_edges) = Engine::Sfdp.comfortable_size();
        if engine == Engine::Dot && nodes <= sfdp_nodes && edges <= sfdp_edges {
            write!(f, "; or lay it out with sfdp (Engine::Sfdp)")?;
        }
        Ok(())
    }
}

/// How a node of some kind is drawn: a Graphviz shape, fill colour and extra style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeLook {
    /// A Graphviz shape name: `box`, `ellipse`, `hexagon`, `note`, ….
    pub shape: String,
    /// A Graphviz colour: a name or `#rrggbb`.
    pub fill: String,
    /// Extra Graphviz styles joined to `filled`: `rounded`, `dashed`, ….
    pub style: String,
}

impl NodeLook {
    /// A look with this shape, fill and extra style.
    pub fn new(shape: &str, fill: &str, style: &str) -> Self {
        NodeLook {
            shape: shape.into(),
            fill: fill.into(),
            style: style.into(),
        }
    }
}

/// What the diagram looks like: layout direction, fonts, colours, and what labels show.
///
/// The defaults aim at a diagram a reader can take in at a glance; every field can be changed.
///
/// ```
/// use eventkg::EntityKind;
/// use eventkg::export::{DotStyle, NodeLook, RankDir};
/// let mut style = DotStyle::default();
/// style.rankdir = RankDir::TopToBottom;
/// style.wrap = 30;
/// style.set_look(EntityKind::State, NodeLook::new("box3d", "#ffffff", ""));
/// assert_eq!(style.look(&EntityKind::State).shape, "box3d");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DotStyle {
    /// Layout direction.
    pub rankdir: RankDir,
    /// Font for every label.
    pub font: String,
    /// Font size of node labels, in points; edge labels are one point smaller.
    pub font_size: f32,
    /// Labels wrap at about this many characters a line.
    pub wrap: usize,
    /// Whether event labels show the event's date.
    pub show_dates: bool,
    /// Whether event labels show the event's description.
    pub show_descriptions: bool,
    /// Whether edges are labelled with their role or relation.
    pub show_edge_labels: bool,
    /// Colour of cooperative events and of edges into them; supporters' edges too.
    pub cooperation_colour: String,
    /// Colour of conflictual events and of edges into them; opponents' edges too.
    pub conflict_colour: String,
    /// Colour of everything else.
    pub neutral_colour: String,
    /// Fill of events that are cooperative, conflictual and neither, in that order.
    pub event_fills: [String; 3],
    /// Whether to draw a legend of the kinds and styles the diagram uses.
    pub legend: bool,
    /// Whether to draw entities that take part in no fact (outlets and speakers that appear
    /// only in sources, say). Events are always drawn, with or without participants: an
    /// event is a fact its sources state. Every node of a part ([`View`]) is always
    /// drawn.
    pub show_isolated: bool,
    /// A caption drawn at the top of the diagram.
    pub title: Option<String>,
    /// The layout engine the diagram is meant for.
    pub engine: Engine,
    looks: IndexMap<EntityKind, NodeLook>,
}

impl Default for DotStyle {
    fn default() -> Self {
        DotStyle {
            rankdir: RankDir::LeftToRight,
            font: "Helvetica".into(),
            font_size: 11.0,
            wrap: 26,
            show_dates: true,
            show_descriptions: true,
            show_edge_labels: true,
            cooperation_colour: "#2e7d32".into(),
            conflict_colour: "#c62828".into(),
            neutral_colour: "#555555".into(),
            event_fills: ["#e3f1e4".into(), "#fbe3e4".into(), "#f2f2f2".into()],
            legend: false,
            show_isolated: false,
            title: None,
            engine: Engine::Dot,
            looks: IndexMap::new(),
        }
    }
}

impl DotStyle {
    /// Draws entities of `kind` with `look` instead of the default.
    pub fn set_look(&mut self, kind: EntityKind, look: NodeLook) {
        self.looks.insert(kind, look);
    }

    /// How entities of `kind` are drawn.
    pub fn look(&self, kind: &EntityKind) -> NodeLook {
        if let Some(look) = self.looks.get(kind) {
            return look.clone();
        }
        let (shape, fill, style) = match kind {
            EntityKind::Person => ("ellipse", "#fff8e1", ""),
            EntityKind::State => ("box", "#d6e6f5", "rounded,bold"),
            EntityKind::GovernmentBody => ("box", "#e3eef9", ""),
            EntityKind::ArmedForce => ("box", "#dfe9d8", ""),
            EntityKind::Intergovernmental => ("hexagon", "#fff2cc", ""),
            EntityKind::Mission => ("component", "#fde9d9", ""),
            EntityKind::MediaOutlet => ("note", "#efe3f3", ""),
            EntityKind::Organisation => ("box", "#eeeeee", ""),
            EntityKind::Group => ("ellipse", "#f5f5f5", "dashed"),
            EntityKind::Place => ("house", "#e0f2f1", ""),
            EntityKind::Other(_) => ("box", "#ffffff", ""),
        };
        NodeLook::new(shape, fill, style)
    }
}

/// Extra attributes for one node or edge, set by a caller's override closure.
///
/// Values are escaped like every other value, so an override cannot break the DOT.
///
/// ```
/// use eventkg::export::DotAttributes;
/// let mut attributes = DotAttributes::default();
/// attributes.set("penwidth", "3");
/// attributes.set("color", "gold");
/// assert_eq!(attributes.get("penwidth"), Some("3"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotAttributes(Vec<(Cow<'static, str>, String)>);

impl DotAttributes {
    /// Sets a Graphviz attribute, replacing the writer's own value for it; a new one goes last.
    pub fn set(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        // A node has a dozen attributes at most: a scan beats hashing, and keeps their order.
        match self.0.iter_mut().find(|(held, _)| *held == name) {
            Some((_, held)) => *held = value,
            None => self.0.push((name, value)),
        }
    }

    /// The value set for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(held, _)| held == name)
            .map(|(_, value)| value.as_str())
    }

    /// Removes an attribute, so that it is not written at all.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let at = self.0.iter().position(|(held, _)| held == name)?;
        Some(self.0.remove(at).1)
    }
}

/// A fact drawn as an edge, as override closures see it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum EdgeFact<'g> {
    /// An entity's part in an event.
    Participation(ParticipationRef<'g>),
    /// A relation between two nodes.
    Relation(RelationRef<'g>),
    /// A link of an actor network: the events between two actors.
    Link(&'g Link),
    /// Where an event took place: the event and its location.
    Location(EventId, EntityId),
}

type NodeHook<'g> = Box<dyn Fn(NodeId, &mut DotAttributes) + 'g>;
type EdgeHook<'g> = Box<dyn Fn(EdgeFact<'g>, &mut DotAttributes) + 'g>;
type ClusterFn<'g> = Box<dyn Fn(NodeId) -> Option<String> + 'g>;

/// Writes an [`EventGraph`], or a [`View`] of a part of it, as Graphviz DOT.
///
/// Graphviz DOT export.
///
/// [`DotWriter`] writes any [`EventGraph`] (or the part of it a caller selects) as a DOT
/// digraph that Graphviz renders without errors or warnings, whatever the names and quotes in
/// it contain. Unlike petgraph's `Dot`, it styles nodes and edges from the model (shape and
/// colour by entity kind, events apart from entities, cooperation and conflict in different
/// colours, negated facts dashed, uncertain ones faded), gives every node and edge a tooltip
/// with the quote and source behind it, and can group nodes into clusters and draw a legend.
///
/// # Escaping
///
/// Node ids are generated (`e3`, `v7`), never taken from names. Every attribute value is a
/// quoted string, written with the escaping its attribute needs: in labels a backslash becomes
/// `\\` (so `\N` in a name stays two characters), a line break `\n`, `"` becomes `\"`, and `&`
/// becomes `&amp;` (Graphviz decodes character entities); tooltips, which Graphviz unescapes
/// twice, double the backslashes again; other control characters become U+FFFD. Links are
/// written only for `http` and `https` URLs, so a `javascript:` URL in a document cannot end up
/// in a rendered SVG.
///
/// # Size
///
/// Graphviz `dot` takes seconds over a few hundred nodes and minutes over a thousand.
/// [`DotWriter::size`] counts what a diagram would hold before it is written, and
/// [`DotWriter::write`] returns the same count; [`DotSize::warning`] says when it is past what
/// the chosen [`Engine`] lays out in seconds, and what to draw instead: the actor network
/// (`DotWriter::new(&network)`), pruned, or the same diagram with `sfdp`.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::DotWriter;
///
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation).description("letters \"to allies\""))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
///
/// let dot = DotWriter::new(&graph).to_string();
/// assert!(dot.starts_with("digraph eventkg {"));
/// assert!(dot.contains(r#"letters \"to allies\""#));
/// assert!(dot.contains(r#"e0 -> v0 [label="initiator""#));
/// # Ok::<(), eventkg::Error>(())
/// ```
///
/// ```
/// use eventkg::*;
/// use eventkg::export::{DotWriter, clusters};
///
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France").country("FRA".parse()?))?;
/// let macron = graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").country("FRA".parse()?))?;
/// graph.add_relation(Relation::new(macron, RelationKind::HoldsRole, france).title("President"))?;
///
/// let mut out = Vec::new();
/// DotWriter::new(&graph)
///     .cluster_by(clusters::by_country(&graph))
///     .node_attributes(|node, attributes| {
///         if node == NodeId::Entity(macron) {
///             attributes.set("penwidth", "3");
///         }
///     })
///     .legend(true)
///     .write(&mut out)?;
/// let dot = String::from_utf8(out).unwrap();
/// assert!(dot.contains("subgraph cluster_0 {"));
/// assert!(dot.contains(r#"label="FRA""#));
/// assert!(dot.contains(r#"penwidth="3""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct DotWriter<'g> {
    graph: &'g EventGraph,
    view: View<'g>,
    /// The places some event of the whole graph took place at, found on first need: a place
    /// with no fact but a location is drawn.
    located: std::cell::OnceCell<rustc_hash::FxHashSet<EntityId>>,
    style: DotStyle,
    set: Settings,
    cluster: Option<ClusterFn<'g>>,
    node_hook: Option<NodeHook<'g>>,
    edge_hook: Option<EdgeHook<'g>>,
}

/// What was set on a writer itself, which a style given later must not undo.
#[derive(Default)]
struct Settings {
    legend: Option<bool>,
    /// Graphviz `id`s on nodes and edges (the records' short names), so that the elements of
    /// a rendered SVG can be found from the records they draw.
    element_ids: bool,
    engine: Option<Engine>,
    title: Option<String>,
}

impl<'g> DotWriter<'g> {
    /// Gives every node and edge a Graphviz `id`, which SVG output keeps on the element:
    /// nodes `e3` and `v7`, participations `p12`, relations `r4`, locations `v7_e5`, the links
    /// of an actor network `k0`, `k1`, … in the network's order.
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub(crate) fn element_ids(mut self) -> Self {
        self.set.element_ids = true;
        self
    }

    /// A writer for a graph or a [`View`] of a part of it (an ego network, a window, a
    /// selection), in the default style. A part is drawn the same way as the whole, with the
    /// graph's own ids.
    ///
    /// The view of an actor network (`DotWriter::new(&network)`) is drawn as the network: its
    /// actors as nodes, styled like the graph's entities, and its links as edges whose width
    /// grows with their weight and whose colour runs from the conflict colour through the
    /// neutral one to the cooperation colour with their balance. Node overrides see
    /// [`NodeId::Entity`], edge overrides [`EdgeFact::Link`].
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::export::DotWriter;
    /// use eventkg::query::NetworkOptions;
    /// let mut graph = EventGraph::new();
    /// let [us, france] = ["United States", "France"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// let no = graph.add_event(Event::new(EventKind::Reject))?;
    /// graph.add_participation(Participation::new(us, Role::Initiator, no))?;
    /// graph.add_participation(Participation::new(france, Role::Target, no))?;
    ///
    /// let network = graph.actor_network(&NetworkOptions::new());
    /// let dot = DotWriter::new(&network).to_string();
    /// assert!(dot.contains(r#"e0 -> e1 [label="1""#));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn new(view: impl Into<View<'g>>) -> Self {
        let view = view.into();
        DotWriter {
            graph: view.graph(),
            view,
            located: std::cell::OnceCell::new(),
            style: DotStyle::default(),
            set: Settings::default(),
            cluster: None,
            node_hook: None,
            edge_hook: None,
        }
    }

    /// Uses `style` instead of the default. A legend, engine or title set on the writer,
    /// before or after, is kept: options compose, in any order.
    ///
    /// ```
    /// use eventkg::EventGraph;
    /// use eventkg::export::{DotStyle, DotWriter};
    /// let graph = EventGraph::new();
    /// let dot = DotWriter::new(&graph).title("Week 22").style(DotStyle::default()).to_string();
    /// assert!(dot.contains("Week 22"));
    /// ```
    pub fn style(mut self, style: DotStyle) -> Self {
        self.style = style;
        let set = &self.set;
        if let Some(legend) = set.legend {
            self.style.legend = legend;
        }
        if let Some(engine) = set.engine {
            self.style.engine = engine;
        }
        if let Some(title) = &set.title {
            self.style.title = Some(title.clone());
        }
        self
    }

    /// Draws a legend of the kinds and styles the diagram uses.
    pub fn legend(mut self, legend: bool) -> Self {
        self.style.legend = legend;
        self.set.legend = Some(legend);
        self
    }

    /// Lays the diagram out with `engine`, setting the graph attributes it needs.
    pub fn engine(mut self, engine: Engine) -> Self {
        self.style.engine = engine;
        self.set.engine = Some(engine);
        self
    }

    /// Draws `title` as a caption at the top of the diagram.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        let title = title.into();
        self.style.title = Some(title.clone());
        self.set.title = Some(title);
        self
    }

    /// Groups nodes into clusters: nodes for which `cluster` gives the same name are drawn in a
    /// box labelled with it; nodes it gives `None` stay outside. See [`clusters`] for the usual
    /// groupings.
    pub fn cluster_by(mut self, cluster: impl Fn(NodeId) -> Option<String> + 'g) -> Self {
        self.cluster = Some(Box::new(cluster));
        self
    }

    /// Lets `hook` add or change the attributes of each node after the writer has set its own.
    pub fn node_attributes(mut self, hook: impl Fn(NodeId, &mut DotAttributes) + 'g) -> Self {
        self.node_hook = Some(Box::new(hook));
        self
    }

    /// Lets `hook` add or change the attributes of each edge after the writer has set its own.
    pub fn edge_attributes(mut self, hook: impl Fn(EdgeFact<'g>, &mut DotAttributes) + 'g) -> Self {
        self.edge_hook = Some(Box::new(hook));
        self
    }

    /// Whether a node is drawn: every node of a part, or of the whole every event and any
    /// entity with a fact, or every entity when isolated ones are shown.
    fn includes(&self, node: NodeId) -> bool {
        if !self.view.is_whole() {
            return self.view.contains(node);
        }
        self.style.show_isolated
            || matches!(node, NodeId::Event(_))
            || self.graph.adjacent(node).next().is_some()
            || node
                .as_entity()
                .is_some_and(|place| self.located().contains(&place))
    }

    fn located(&self) -> &rustc_hash::FxHashSet<EntityId> {
        self.located.get_or_init(|| {
            self.graph
                .events()
                .filter_map(|(_, event)| event.location())
                .collect()
        })
    }

    /// The events of the view with a location drawn beside them, each with its place.
    fn locations(&self) -> impl Iterator<Item = (EventId, EventRef<'g>, EntityId)> + '_ {
        self.view.events().filter_map(|(id, event)| {
            let place = event.location()?;
            self.includes(NodeId::Entity(place))
                .then_some((id, event, place))
        })
    }

    /// The nodes drawn, in order: the network's actors, or the graph's entities then events.
    fn drawn_nodes(&self) -> Box<dyn Iterator<Item = NodeId> + '_> {
        let all: Box<dyn Iterator<Item = NodeId> + '_> = match self.view.network() {
            Some(network) => Box::new(network.actors().map(|a| NodeId::Entity(a.entity()))),
            None => Box::new(self.view.nodes()),
        };
        Box::new(all.filter(|&node| self.includes(node)))
    }

    /// How many nodes and edges [`write`](Self::write) would draw, counted without writing:
    /// what a caller checks, with [`DotSize::warning`], before handing a diagram to Graphviz.
    pub fn size(&self) -> DotSize {
        let edges = match self.view.network() {
            Some(network) => network.link_count(),
            None => {
                self.view.participations().count()
                    + self.view.relations().count()
                    + self.locations().count()
            }
        };
        DotSize {
            nodes: self.drawn_nodes().count(),
            edges,
            engine: self.style.engine,
        }
    }

    /// Writes the DOT text to `out`, streaming: memory use does not grow with the graph beyond
    /// the cluster grouping, when one is asked for. Returns the size written, whose
    /// [`warning`](DotSize::warning) tells whether Graphviz will take long over it.
    pub fn write(&self, out: impl Write) -> Result<DotSize, Error> {
        Ok(self.write_dot(out)?)
    }

    fn write_dot(&self, out: impl Write) -> io::Result<DotSize> {
        let mut out = io::BufWriter::new(out);
        let style = &self.style;
        writeln!(out, "digraph eventkg {{")?;
        writeln!(
            out,
            "  graph [rankdir={}, fontname={}, fontsize={}, newrank=true, nodesep=0.25, ranksep=0.6, \
             charset=\"UTF-8\", labelloc=t];",
            style.rankdir.as_str(),
            quoted(&style.font, Escape::Plain),
            style.font_size + 2.0,
        )?;
        if style.engine == Engine::Sfdp {
            writeln!(
                out,
                "  graph [layout=sfdp, overlap=prism, splines=false, outputorder=edgesfirst];"
            )?;
        }
        if let Some(title) = &style.title {
            writeln!(out, "  label={};", quoted(title, Escape::Label))?;
        }
        writeln!(
            out,
            "  node [fontname={}, fontsize={}, margin=\"0.12,0.05\"];",
            quoted(&style.font, Escape::Plain),
            style.font_size
        )?;
        writeln!(
            out,
            "  edge [fontname={}, fontsize={}, arrowsize=0.7];",
            quoted(&style.font, Escape::Plain),
            style.font_size - 1.0
        )?;
        let mut size = DotSize {
            nodes: 0,
            edges: 0,
            engine: style.engine,
        };
        let nodes = self.drawn_nodes().inspect(|_| size.nodes += 1);
        match &self.cluster {
            None => {
                for node in nodes {
                    self.write_node(&mut out, node, "  ")?;
                }
            }
            Some(cluster) => {
                let mut groups: IndexMap<Option<String>, Vec<NodeId>> = IndexMap::new();
                for node in nodes {
                    groups.entry(cluster(node)).or_default().push(node);
                }
                for (index, (name, members)) in groups.iter().enumerate() {
                    let indent = match name {
                        Some(name) => {
                            writeln!(out, "  subgraph cluster_{index} {{")?;
                            writeln!(
                                out,
                                "    graph [label={}, style=\"rounded,dashed\", color=\"#9e9e9e\", fontcolor=\"#616161\"];",
                                quoted(name, Escape::Label)
                            )?;
                            "    "
                        }
                        None => "  ",
                    };
                    for &node in members {
                        self.write_node(&mut out, node, indent)?;
                    }
                    if name.is_some() {
                        writeln!(out, "  }}")?;
                    }
                }
            }
        }
        if let Some(network) = self.view.network() {
            let heaviest = network.links().map(Link::weight).max().unwrap_or(1);
            for (index, link) in network.links().enumerate() {
                self.write_link(&mut out, index, link, heaviest)?;
                size.edges += 1;
            }
        } else {
            for (id, participation) in self.view.participations() {
                self.write_participation(&mut out, id, participation)?;
                size.edges += 1;
            }
            for (id, relation) in self.view.relations() {
                self.write_relation(&mut out, id, relation)?;
                size.edges += 1;
            }
            for (id, event, place) in self.locations() {
                self.write_location(&mut out, id, event, place)?;
                size.edges += 1;
            }
        }
        if style.legend {
            self.write_legend(&mut out)?;
        }
        writeln!(out, "}}")?;
        out.flush()?;
        Ok(size)
    }

    fn write_node(&self, out: &mut impl Write, node: NodeId, indent: &str) -> io::Result<()> {
        let mut attributes = DotAttributes::default();
        match node {
            NodeId::Entity(id) => {
                let Some(entity) = self.graph.entity(id) else {
                    return Ok(());
                };
                let actor = self.view.network().and_then(|network| network.actor(id));
                self.entity_attributes(entity, actor, &mut attributes);
            }
            NodeId::Event(id) => {
                let Some(event) = self.graph.event(id) else {
                    return Ok(());
                };
                self.event_attributes(event, &mut attributes);
            }
        }
        if self.set.element_ids {
            attributes.set("id", dot_id(node));
        }
        if let Some(hook) = &self.node_hook {
            hook(node, &mut attributes);
        }
        write!(out, "{indent}{}", dot_id(node))?;
        write_attributes(out, &attributes)?;
        writeln!(out, ";")
    }

    fn entity_attributes(
        &self,
        entity: EntityRef<'_>,
        actor: Option<&Actor>,
        attributes: &mut DotAttributes,
    ) {
        let look = self.style.look(entity.kind());
        attributes.set("label", wrap(entity.name(), self.style.wrap));
        attributes.set("shape", look.shape);
        attributes.set("style", join_style("filled", &look.style));
        attributes.set("fillcolor", look.fill);
        // Sized for the sources that follow, rather than grown by copying.
        let mut tip = String::with_capacity(TOOLTIP_CAPACITY);
        let _ = write!(tip, "{} ({})", entity.name(), entity.kind().as_str());
        if let Some(actor) = actor {
            let _ = write!(
                tip,
                "\n{} events, {} partners, links weighing {} in all",
                actor.events(),
                actor.partners(),
                actor.strength()
            );
        }
        if entity.aliases().len() > 0 {
            let _ = write!(
                tip,
                "\nalso: {}",
                entity.aliases().collect::<Vec<_>>().join(", ")
            );
        }
        if let Some(country) = entity.country() {
            let _ = write!(tip, "\ncountry: {country}");
        }
        // Records joined into this one, and on whose word.
        for joined in entity.joined() {
            let _ = write!(
                tip,
                "\njoined: {} ({})",
                joined.entity.name, joined.entity.kind
            );
            let documents: Vec<&str> = joined
                .sources
                .iter()
                .filter_map(|s| self.graph.document(s.document))
                .map(|d| d.key())
                .collect();
            if !documents.is_empty() {
                let _ = write!(tip, ", on {}", documents.join(", "));
            }
        }
        self.tooltip(&mut tip, entity.sources(), attributes);
    }

    fn event_attributes(&self, event: EventRef<'_>, attributes: &mut DotAttributes) {
        let style = &self.style;
        let mut label = event.kind().as_str().to_uppercase();
        if event.status() != EventStatus::Happened {
            let _ = write!(label, " ({})", event.status());
        }
        if style.show_dates
            && let Some(date) = &event.date()
        {
            let _ = write!(label, "\n{date}");
        }
        if style.show_descriptions
            && let Some(description) = &event.description()
        {
            label.push('\n');
            label.push_str(&wrap(description, style.wrap));
        }
        let fill = match event.quad_class() {
            Some(class) if class.is_conflict() => &style.event_fills[1],
            Some(_) => &style.event_fills[0],
            None => &style.event_fills[2],
        };
        // A disputed event says so in its label and with a bold border, and its tooltip gives
        // every value with the documents behind it.
        let disputed: Vec<&str> = event.disputed().map(EventField::as_str).collect();
        if !disputed.is_empty() {
            let _ = write!(label, "\nDISPUTED: {}", disputed.join(", "));
        }
        attributes.set("label", label);
        attributes.set("shape", "box");
        let dashed = event.status() != EventStatus::Happened;
        attributes.set(
            "style",
            match (dashed, disputed.is_empty()) {
                (true, true) => "filled,rounded,dashed",
                (false, true) => "filled,rounded",
                (true, false) => "filled,rounded,dashed,bold",
                (false, false) => "filled,rounded,bold",
            },
        );
        attributes.set("fillcolor", fill.clone());
        attributes.set("color", self.class_colour(event.quad_class()));
        fade(attributes, event.confidence());
        // Sized for the sources that follow, rather than grown by copying.
        let mut tip = String::with_capacity(TOOLTIP_CAPACITY);
        let _ = write!(
            tip,
            "{} ({}, {})",
            event.description().unwrap_or(event.kind().as_str()),
            event.kind(),
            event.status()
        );
        if let Some(date) = &event.date() {
            let _ = write!(tip, "\ndate: {date}");
        }
        if let Some(place) = event.location().and_then(|p| self.graph.entity(p)) {
            let _ = write!(tip, "\nin: {}", place.name());
        }
        for field in event.disputed() {
            let _ = write!(tip, "\ndisputed {field}:");
            for (value, sources) in event.stated(field) {
                let value = match value {
                    FieldValue::Location(place) => self
                        .graph
                        .entity(place)
                        .map_or(place.to_string(), |e| e.name().to_owned()),
                    other => other.to_string(),
                };
                let documents: Vec<&str> = sources
                    .iter()
                    .filter_map(|s| self.graph.document(s.document).map(|d| d.key()))
                    .collect();
                let _ = write!(tip, "\n  {value} ({})", documents.join(", "));
            }
        }
        if let Some(code) = event.cameo_root() {
            let _ = write!(tip, "\nCAMEO {code:02}");
            if let Some(plover) = event.kind().plover() {
                let _ = write!(tip, ", PLOVER {plover}");
            }
        }
        self.tooltip(&mut tip, event.sources(), attributes);
    }

    fn class_colour(&self, class: Option<QuadClass>) -> String {
        match class {
            Some(class) if class.is_conflict() => self.style.conflict_colour.clone(),
            Some(_) => self.style.cooperation_colour.clone(),
            None => self.style.neutral_colour.clone(),
        }
    }

    /// Appends the sources to `tip` and sets the tooltip, and a link to the first source's
    /// document where it has a web URL.
    fn tooltip(&self, tip: &mut String, sources: &[Source], attributes: &mut DotAttributes) {
        for source in sources {
            tip.push_str("\n\n");
            if let Some(quote) = &source.quote {
                let _ = writeln!(tip, "“{quote}”");
            }
            let document = self.graph.document(source.document);
            let _ = write!(
                tip,
                "— {}",
                document.map_or(source.document.to_string(), |d| d
                    .title()
                    .unwrap_or(d.key())
                    .to_owned())
            );
            let chain: Vec<&str> = self
                .graph
                .reporting_chain(source)
                .filter_map(|id| self.graph.entity(id).map(|e| e.name()))
                .collect();
            if !chain.is_empty() {
                let _ = write!(tip, " ({})", chain.join(" → "));
            }
        }
        attributes.set("tooltip", std::mem::take(tip));
        let url = sources
            .iter()
            .filter_map(|s| self.graph.document(s.document)?.url())
            .find(|url| is_web_url(url));
        if let Some(url) = url {
            attributes.set("URL", url);
        }
    }

    fn write_participation(
        &self,
        out: &mut impl Write,
        id: ParticipationId,
        participation: ParticipationRef<'g>,
    ) -> io::Result<()> {
        let mut attributes = DotAttributes::default();
        if self.set.element_ids {
            attributes.set("id", id.short().to_string());
        }
        let class = self
            .graph
            .event(participation.event())
            .and_then(|e| e.quad_class());
        let colour = match participation.role() {
            Role::Opponent => self.style.conflict_colour.clone(),
            Role::Supporter => self.style.cooperation_colour.clone(),
            _ => self.class_colour(class),
        };
        let negated = participation.polarity() == Polarity::Negated;
        if self.style.show_edge_labels {
            let role = participation.role().as_str();
            attributes.set(
                "label",
                if negated {
                    format!("not {role}")
                } else {
                    role.to_owned()
                },
            );
        }
        attributes.set("color", colour.clone());
        attributes.set("fontcolor", colour);
        if negated {
            attributes.set("style", "dashed");
            attributes.set("arrowhead", "odot");
        }
        fade(&mut attributes, participation.confidence());
        // Sized for the sources that follow, rather than grown by copying.
        let mut tip = String::with_capacity(TOOLTIP_CAPACITY);
        let _ = write!(
            tip,
            "{} {}{} {}",
            self.name(participation.entity().into()),
            if negated { "NOT " } else { "" },
            participation.role(),
            self.name(participation.event().into())
        );
        self.tooltip(&mut tip, participation.sources(), &mut attributes);
        if let Some(hook) = &self.edge_hook {
            hook(EdgeFact::Participation(participation), &mut attributes);
        }
        write!(
            out,
            "  {} -> {}",
            dot_id(participation.entity().into()),
            dot_id(participation.event().into())
        )?;
        write_attributes(out, &attributes)?;
        writeln!(out, ";")
    }

    /// Where an event took place: a dotted, undirected line to its place.
    fn write_location(
        &self,
        out: &mut impl Write,
        id: EventId,
        event: EventRef<'g>,
        place: EntityId,
    ) -> io::Result<()> {
        let mut attributes = DotAttributes::default();
        if self.set.element_ids {
            attributes.set("id", format!("{}_{}", id.short(), place.short()));
        }
        if self.style.show_edge_labels {
            attributes.set("label", "in");
        }
        let colour = self.style.neutral_colour.clone();
        attributes.set("color", colour.clone());
        attributes.set("fontcolor", colour);
        attributes.set("style", "dotted");
        attributes.set("arrowhead", "none");
        let mut tip = String::new();
        let _ = write!(
            tip,
            "{}\nlocation: {}",
            self.name(id.into()),
            self.name(place.into())
        );
        self.tooltip(&mut tip, event.sources(), &mut attributes);
        if let Some(hook) = &self.edge_hook {
            hook(EdgeFact::Location(id, place), &mut attributes);
        }
        write!(out, "  {} -> {}", dot_id(id.into()), dot_id(place.into()))?;
        write_attributes(out, &attributes)?;
        writeln!(out, ";")
    }

    fn write_relation(
        &self,
        out: &mut impl Write,
        id: RelationId,
        relation: RelationRef<'g>,
    ) -> io::Result<()> {
        let mut attributes = DotAttributes::default();
        if self.set.element_ids {
            attributes.set("id", id.short().to_string());
        }
        let negated = relation.polarity() == Polarity::Negated;
        if self.style.show_edge_labels {
            let mut label = match relation.title() {
                Some(title) => title.to_owned(),
                None => relation.kind().as_str().replace('_', " "),
            };
            if negated {
                label.insert_str(0, "not ");
            }
            attributes.set("label", wrap(&label, self.style.wrap));
        }
        let between_events = matches!(
            (relation.from(), relation.to()),
            (NodeId::Event(_), NodeId::Event(_))
        );
        attributes.set("color", "#78909c");
        attributes.set("fontcolor", "#546e7a");
        let mut styles = Vec::new();
        if between_events || relation.kind() == RelationKind::About {
            styles.push("dotted");
        }
        if negated {
            styles.push("dashed");
        }
        if !styles.is_empty() {
            attributes.set("style", styles.join(","));
        }
        if relation.kind().is_symmetric() {
            attributes.set("dir", "none");
        }
        fade(&mut attributes, relation.confidence());
        // Sized for the sources that follow, rather than grown by copying.
        let mut tip = String::with_capacity(TOOLTIP_CAPACITY);
        let _ = write!(
            tip,
            "{} {}{}{} {}",
            self.name(relation.from()),
            if negated { "NOT " } else { "" },
            relation.kind(),
            relation
                .title()
                .as_ref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default(),
            self.name(relation.to())
        );
        if relation.valid_from().is_some() || relation.valid_until().is_some() {
            let show = |d: Option<crate::FuzzyDate>| d.map_or("…".to_owned(), |d| d.to_string());
            let _ = write!(
                tip,
                "\nvalid: {} to {}",
                show(relation.valid_from()),
                show(relation.valid_until())
            );
        }
        self.tooltip(&mut tip, relation.sources(), &mut attributes);
        if let Some(hook) = &self.edge_hook {
            hook(EdgeFact::Relation(relation), &mut attributes);
        }
        write!(
            out,
            "  {} -> {}",
            dot_id(relation.from()),
            dot_id(relation.to())
        )?;
        write_attributes(out, &attributes)?;
        writeln!(out, ";")
    }

    fn write_link(
        &self,
        out: &mut impl Write,
        index: usize,
        link: &'g Link,
        heaviest: usize,
    ) -> io::Result<()> {
        let mut attributes = DotAttributes::default();
        if self.set.element_ids {
            attributes.set("id", format!("k{index}"));
        }
        let weight = link.weight();
        if self.style.show_edge_labels {
            attributes.set("label", weight.to_string());
        }
        let colour = match link.balance() {
            Some(balance) if balance >= 0.0 => blend(
                &self.style.neutral_colour,
                &self.style.cooperation_colour,
                balance,
            ),
            Some(balance) => blend(
                &self.style.neutral_colour,
                &self.style.conflict_colour,
                -balance,
            ),
            None => self.style.neutral_colour.clone(),
        };
        attributes.set("color", colour.clone());
        attributes.set("fontcolor", colour);
        attributes.set("penwidth", format!("{:.2}", pen_width(weight, heaviest)));
        attributes.set("weight", weight.to_string());
        if !link.is_directed() {
            attributes.set("dir", "none");
        }
        let (from, to) = (self.name(link.from().into()), self.name(link.to().into()));
        let arrow = if link.is_directed() { "→" } else { "and" };
        // Sized for the sources that follow, rather than grown by copying.
        let mut tip = String::with_capacity(TOOLTIP_CAPACITY);
        let _ = write!(
            tip,
            "{from} {arrow} {to}: {weight} event{}",
            if weight == 1 { "" } else { "s" }
        );
        let kinds: Vec<String> = link
            .kinds()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        let _ = write!(tip, "\n{}", kinds.join(", "));
        let _ = write!(
            tip,
            "\ncooperation {}, conflict {}",
            link.cooperation(),
            link.conflict()
        );
        match (link.first(), link.last()) {
            (Some(first), Some(last)) if first == last => {
                let _ = write!(tip, "\n{first}");
            }
            (Some(first), Some(last)) => {
                let _ = write!(tip, "\n{first} to {last}");
            }
            _ => {}
        }
        let _ = write!(
            tip,
            "\n{} document{}",
            link.sources(),
            if link.sources() == 1 { "" } else { "s" }
        );
        attributes.set("tooltip", tip);
        if let Some(hook) = &self.edge_hook {
            hook(EdgeFact::Link(link), &mut attributes);
        }
        write!(
            out,
            "  {} -> {}",
            dot_id(link.from().into()),
            dot_id(link.to().into())
        )?;
        write_attributes(out, &attributes)?;
        writeln!(out, ";")
    }

    fn name(&self, node: NodeId) -> String {
        match node {
            NodeId::Entity(id) => self
                .graph
                .entity(id)
                .map_or(id.to_string(), |e| e.name().to_owned()),
            NodeId::Event(id) => self.graph.event(id).map_or(id.to_string(), |e| {
                e.description()
                    .map_or_else(|| format!("{} ({id})", e.kind()), str::to_owned)
            }),
        }
    }

    fn write_legend(&self, out: &mut impl Write) -> io::Result<()> {
        let style = &self.style;
        let mut kinds: Vec<&EntityKind> = Vec::new();
        for node in self.drawn_nodes() {
            if let Some(entity) = node.as_entity().and_then(|id| self.graph.entity(id))
                && !kinds.contains(&entity.kind())
            {
                kinds.push(entity.kind());
            }
        }
        writeln!(out, "  subgraph cluster_legend {{")?;
        writeln!(
            out,
            "    graph [label=\"Legend\", style=\"rounded\", color=\"#bdbdbd\", fontcolor=\"#616161\"];"
        )?;
        writeln!(out, "    node [fontsize={}];", style.font_size - 1.0)?;
        let mut column = Vec::new();
        for (index, kind) in kinds.iter().enumerate() {
            let look = style.look(kind);
            let id = format!("legend_kind_{index}");
            writeln!(
                out,
                "    {id} [label={}, shape={}, style={}, fillcolor={}];",
                quoted(&kind.as_str().replace('_', " "), Escape::Label),
                quoted(&look.shape, Escape::Plain),
                quoted(&join_style("filled", &look.style), Escape::Plain),
                quoted(&look.fill, Escape::Plain)
            )?;
            column.push(id);
        }
        let events = [
            (
                "legend_coop",
                "cooperation",
                0,
                &style.cooperation_colour,
                "filled,rounded",
            ),
            (
                "legend_conflict",
                "conflict",
                1,
                &style.conflict_colour,
                "filled,rounded",
            ),
            (
                "legend_planned",
                "planned, proposed\nor hypothetical",
                2,
                &style.neutral_colour,
                "filled,rounded,dashed",
            ),
        ];
        let disputed = (
            "legend_disputed",
            "disputed:\nreports differ",
            2,
            &style.neutral_colour,
            "filled,rounded,bold",
        );
        let any_disputed = self
            .drawn_nodes()
            .filter_map(|node| node.as_event().and_then(|id| self.graph.event(id)))
            .any(|event| event.disputed().next().is_some());
        let mut events = events.to_vec();
        if any_disputed {
            events.push(disputed);
        }
        let events = if self.view.network().is_some() {
            &events[..0]
        } else {
            &events[..]
        };
        for &(id, label, fill, colour, node_style) in events {
            writeln!(
                out,
                "    {id} [label={}, shape=box, style={}, fillcolor={}, color={}];",
                quoted(label, Escape::Label),
                quoted(node_style, Escape::Plain),
                quoted(&style.event_fills[fill], Escape::Plain),
                quoted(colour, Escape::Plain)
            )?;
            column.push(id.to_owned());
        }
        let edges = if self.view.network().is_some() {
            vec![
                (
                    "legend_links_coop",
                    "mostly cooperation",
                    "solid",
                    style.cooperation_colour.clone(),
                    "normal",
                ),
                (
                    "legend_links_conflict",
                    "mostly conflict",
                    "solid",
                    style.conflict_colour.clone(),
                    "normal",
                ),
                (
                    "legend_links_together",
                    "took part together\n(width: events)",
                    "solid",
                    style.neutral_colour.clone(),
                    "none",
                ),
            ]
        } else {
            vec![
                (
                    "legend_negated",
                    "negated",
                    "dashed",
                    style.neutral_colour.clone(),
                    "odot",
                ),
                (
                    "legend_uncertain",
                    "uncertain",
                    "solid",
                    faded(&style.neutral_colour),
                    "normal",
                ),
            ]
        };
        let mut edges = edges;
        if self.view.network().is_none() {
            // The dotted lines, each only where the diagram draws one.
            let about = self.view.relations().any(|(_, relation)| {
                relation.kind() == RelationKind::About
                    || matches!(
                        (relation.from(), relation.to()),
                        (NodeId::Event(_), NodeId::Event(_))
                    )
            });
            if about {
                edges.push((
                    "legend_about",
                    "about an event,\nor between events",
                    "dotted",
                    "#78909c".to_owned(),
                    "normal",
                ));
            }
            if self.locations().next().is_some() {
                edges.push((
                    "legend_location",
                    "where it took place",
                    "dotted",
                    style.neutral_colour.clone(),
                    "none",
                ));
            }
        }
        for (id, label, edge_style, colour, head) in edges {
            writeln!(out, "    {id} [label=\"\", shape=point, width=0.05];")?;
            writeln!(out, "    {id}_end [label=\"\", shape=point, width=0.05];")?;
            writeln!(
                out,
                "    {id} -> {id}_end [label={}, style={edge_style}, arrowhead={head}, color={1}, fontcolor={1}];",
                quoted(label, Escape::Label),
                quoted(&colour, Escape::Plain)
            )?;
            column.push(id.to_owned());
        }
        // One rank, so that the legend stands as one column beside a left-to-right diagram.
        writeln!(out, "    {{ rank=same; {}; }}", column.join("; "))?;
        for pair in column.windows(2) {
            writeln!(out, "    {} -> {} [style=invis];", pair[0], pair[1])?;
        }
        writeln!(out, "  }}")
    }
}

impl std::fmt::Display for DotWriter<'_> {
    /// The DOT text, for small graphs and tests; [`DotWriter::write`] streams large ones.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = Vec::new();
        self.write(&mut out).map_err(|_| std::fmt::Error)?;
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

/// The usual ways to group nodes into clusters, for [`DotWriter::cluster_by`].
pub mod clusters {
    use crate::EventGraph;
    use crate::model::NodeId;

    /// Entities by their country code; events stay outside.
    pub fn by_country(graph: &EventGraph) -> impl Fn(NodeId) -> Option<String> + '_ {
        move |node| {
            let entity = graph.entity(node.as_entity()?)?;
            entity.country().map(|c| c.to_string())
        }
    }

    /// Nodes by the key of the first document among their sources.
    pub fn by_document(graph: &EventGraph) -> impl Fn(NodeId) -> Option<String> + '_ {
        move |node| {
            let sources = match node {
                NodeId::Entity(id) => graph.entity(id)?.sources(),
                NodeId::Event(id) => graph.event(id)?.sources(),
            };
            let document = graph.document(sources.first()?.document)?;
            Some(document.title().unwrap_or(document.key()).to_owned())
        }
    }
}

fn dot_id(node: NodeId) -> String {
    node.short().to_string()
}

fn join_style(base: &str, extra: &str) -> String {
    if extra.is_empty() {
        base.to_owned()
    } else {
        format!("{base},{extra}")
    }
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The width of a link of `weight` events, from 1 for one event to 6 for the heaviest link,
/// on a log scale so that a hub's hundreds of events do not drown the rest.
fn pen_width(weight: usize, heaviest: usize) -> f64 {
    if heaviest <= 1 {
        return 1.0;
    }
    1.0 + 5.0 * (weight.max(1) as f64).ln() / (heaviest as f64).ln()
}

/// The colour `share` (0 to 1) of the way from `from` to `to`; colours that are not
/// `#rrggbb` are not blended, and the nearer one is taken.
fn blend(from: &str, to: &str, share: f64) -> String {
    let rgb = |colour: &str| -> Option<[u8; 3]> {
        let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some([channel(0)?, channel(2)?, channel(4)?])
    };
    let share = share.clamp(0.0, 1.0);
    match (rgb(from), rgb(to)) {
        (Some(a), Some(b)) => {
            let mix = |i: usize| (a[i] as f64 + (b[i] as f64 - a[i] as f64) * share).round() as u8;
            format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
        }
        _ if share < 0.5 => from.to_owned(),
        _ => to.to_owned(),
    }
}

/// Fades a colour to half opacity, for facts the sources are unsure of.
fn faded(colour: &str) -> String {
    if colour.len() == 7 && colour.starts_with('#') {
        format!("{colour}80")
    } else {
        colour.to_owned()
    }
}

fn fade(attributes: &mut DotAttributes, confidence: Confidence) {
    if confidence.is_certain() {
        return;
    }
    for key in ["color", "fontcolor"] {
        if let Some(colour) = attributes.get(key) {
            let colour = faded(colour);
            attributes.set(key, colour);
        }
    }
    let label = attributes.get("label").map(str::to_owned);
    if let Some(label) = label {
        attributes.set(
            "label",
            format!("{label} ({:.0}%)", confidence.value() * 100.0),
        );
    }
}

/// Breaks `text` into lines of about `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, paragraph) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut line = 0;
        for word in paragraph.split_whitespace() {
            let length = word.chars().count();
            if line > 0 && line + 1 + length > width.max(8) {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += length;
        }
    }
    out
}

/// Room for a tooltip's heading and a source or two, so that most are written without a copy.
const TOOLTIP_CAPACITY: usize = 384;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// Label-like attributes (escString): one level of backslash escapes, `\n` line breaks.
    Label,
    /// Tooltips: Graphviz unescapes them twice.
    Tooltip,
    /// Values that take no escapes: colours, shapes, names.
    Plain,
    /// Links: Graphviz copies them into SVG unescaped, so anything outside RFC 3986's
    /// characters is percent-encoded.
    Url,
}

/// `value` as a DOT quoted string, escaped for an attribute of class `escape`.
fn quoted(value: &str, escape: Escape) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    if escape == Escape::Url {
        for c in value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                c if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$()*+,;=%".contains(c) => {
                    out.push(c)
                }
                c => {
                    let mut bytes = [0; 4];
                    for byte in c.encode_utf8(&mut bytes).bytes() {
                        let _ = write!(out, "%{byte:02X}");
                    }
                }
            }
        }
        out.push('"');
        return out;
    }
    // Runs of characters that need nothing are copied whole; only the few that do are
    // looked at one by one.
    let needs = |c: char| c.is_control() || matches!(c, '"' | '\\' | '&');
    let mut rest = value;
    while let Some(at) = rest.find(needs) {
        out.push_str(&rest[..at]);
        let mut chars = rest[at..].chars();
        let c = chars.next().unwrap_or(' ');
        let after = chars.as_str();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(match escape {
                Escape::Label => "\\\\",
                Escape::Tooltip => "\\\\\\\\",
                Escape::Plain | Escape::Url => "%5C",
            }),
            '&' => out.push_str("&amp;"),
            '\r' if after.starts_with('\n') => {}
            '\n' | '\r' => out.push_str(if escape == Escape::Plain { " " } else { "\\n" }),
            '\t' => out.push(' '),
            _ => out.push('\u{FFFD}'),
        }
        rest = after;
    }
    out.push_str(rest);
    out.push('"');
    out
}

/// Writes `value` quoted and escaped for `escape`; a value with nothing to escape, as most are,
/// is written as it is, without building a copy.
fn write_quoted(out: &mut impl Write, value: &str, escape: Escape) -> io::Result<()> {
    let clean = escape != Escape::Url
        && value
            .chars()
            .all(|c| !c.is_control() && !matches!(c, '"' | '\\' | '&'));
    if clean {
        out.write_all(b"\"")?;
        out.write_all(value.as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(quoted(value, escape).as_bytes())
    }
}

fn write_attributes(out: &mut impl Write, attributes: &DotAttributes) -> io::Result<()> {
    let mut first = true;
    for (name, value) in &attributes.0 {
        let Some(name) = attribute_name(name) else {
            continue;
        };
        let escape = match name {
            "label" | "xlabel" | "headlabel" | "taillabel" => Escape::Label,
            "tooltip" | "labeltooltip" | "edgetooltip" | "headtooltip" | "tailtooltip" => {
                Escape::Tooltip
            }
            "URL" | "href" | "headURL" | "tailURL" | "labelURL" | "edgeURL" => Escape::Url,
            _ => Escape::Plain,
        };
        out.write_all(if first { b" [" } else { b", " })?;
        out.write_all(name.as_bytes())?;
        out.write_all(b"=")?;
        write_quoted(out, value, escape)?;
        first = false;
    }
    if !first {
        write!(out, "]")?;
    }
    Ok(())
}

/// An attribute name as written: only names made of ASCII letters, digits and `_` are kept, so
/// that an override cannot smuggle syntax in through a name.
fn attribute_name(name: &str) -> Option<&str> {
    let valid = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    valid.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_by_attribute_class() {
        assert_eq!(quoted(r#"a "b" \N"#, Escape::Label), r#""a \"b\" \\N""#);
        assert_eq!(quoted(r"end\", Escape::Label), r#""end\\""#);
        assert_eq!(quoted(r"t\N", Escape::Tooltip), r#""t\\\\N""#);
        assert_eq!(quoted("AT&amp;T", Escape::Label), r#""AT&amp;amp;T""#);
        assert_eq!(
            quoted("one\r\ntwo\nthree", Escape::Label),
            r#""one\ntwo\nthree""#
        );
        assert_eq!(
            quoted("bell\u{7}tab\t", Escape::Label),
            "\"bell\u{FFFD}tab \""
        );
        assert_eq!(quoted("x\\y", Escape::Plain), "\"x%5Cy\"");
        assert_eq!(
            quoted("https://x.org/a b?q=\"1\"&r='<2>'#é", Escape::Url),
            "\"https://x.org/a%20b?q=%221%22&amp;r=%27%3C2%3E%27#%C3%A9\""
        );
    }

    #[test]
    fn wrapping_breaks_at_spaces() {
        assert_eq!(
            wrap("multinational training mission in Ukraine", 16),
            "multinational\ntraining mission\nin Ukraine"
        );
        assert_eq!(wrap("short", 16), "short");
        assert_eq!(wrap("a\nb", 16), "a\nb");
    }

    #[test]
    fn only_plain_attribute_names_are_written() {
        assert_eq!(attribute_name("penwidth"), Some("penwidth"));
        assert_eq!(attribute_name("x] [label"), None);
        assert_eq!(attribute_name("1x"), None);
        assert_eq!(attribute_name(""), None);
    }

    #[test]
    fn links_blend_colours_and_widen_with_weight() {
        assert_eq!(blend("#000000", "#ffffff", 0.5), "#808080");
        assert_eq!(blend("#555555", "#2e7d32", 1.0), "#2e7d32");
        assert_eq!(blend("#555555", "#2e7d32", 0.0), "#555555");
        assert_eq!(blend("grey", "green", 0.7), "green");
        assert_eq!(blend("grey", "green", 0.2), "grey");
        assert_eq!(pen_width(1, 1), 1.0);
        assert_eq!(pen_width(1, 100), 1.0);
        assert_eq!(pen_width(100, 100), 6.0);
        assert!(pen_width(10, 100) > 3.0 && pen_width(10, 100) < 4.0);
    }

    #[test]
    fn only_web_links_are_kept() {
        assert!(is_web_url("https://unn.ua/x"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
    }
}
