//! A relation as the graph hands it out: a borrowed view with accessors, like events and
//! participations, so that the store may pack relations as it packs them.

use super::EventGraph;
use crate::model::{
    Attributes, Confidence, FuzzyDate, NodeId, Polarity, Relation, RelationKind, Sources,
};

/// A relation of a graph, borrowed from it: what [`EventGraph::relation`] and every query
/// that yields relations hand out.
///
/// [`Relation`] is what goes in ([`add_relation`](EventGraph::add_relation), the closure of
/// [`update_relation`](EventGraph::update_relation)); [`to_relation`](Self::to_relation)
/// makes one from a view.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let kirby = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby"))?;
/// let council = graph.add_entity(Entity::new(EntityKind::Organisation, "National Security Council"))?;
/// let role = graph.add_relation(
///     Relation::new(kirby, RelationKind::HoldsRole, council).title("communications director"),
/// )?;
/// let r = graph.relation(role).unwrap();
/// assert_eq!((r.from(), r.kind(), r.to()), (kirby.into(), &RelationKind::HoldsRole, council.into()));
/// assert_eq!(r.title(), Some("communications director"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct RelationRef<'g> {
    record: &'g Relation,
}

impl<'g> RelationRef<'g> {
    pub(crate) fn new(_graph: &'g EventGraph, record: &'g Relation) -> Self {
        RelationRef { record }
    }

    /// Where the relation starts.
    pub fn from(&self) -> NodeId {
        self.record.from
    }

    /// What it says.
    pub fn kind(&self) -> &'g RelationKind {
        &self.record.kind
    }

    /// Where it ends.
    pub fn to(&self) -> NodeId {
        self.record.to
    }

    /// For a role or membership, its title ("communications director").
    pub fn title(&self) -> Option<&'g str> {
        self.record.title.as_deref()
    }

    /// Since when it holds.
    pub fn valid_from(&self) -> Option<FuzzyDate> {
        self.record.valid_from
    }

    /// Until when it holds.
    pub fn valid_until(&self) -> Option<FuzzyDate> {
        self.record.valid_until
    }

    /// Whether the sources assert or deny it.
    pub fn polarity(&self) -> Polarity {
        self.record.polarity
    }

    /// How sure the sources are.
    pub fn confidence(&self) -> Confidence {
        self.record.confidence
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.attributes
    }

    /// Who states it.
    pub fn sources(&self) -> &'g Sources {
        &self.record.sources
    }

    /// Whether the relation may hold on `date`. See [`Relation::holds_on`].
    pub fn holds_on(&self, date: &FuzzyDate) -> bool {
        crate::model::holds_on(self.valid_from(), self.valid_until(), date)
    }

    /// The relation as an owned value, to change and give back, or to keep past the graph.
    pub fn to_relation(&self) -> Relation {
        self.record.clone()
    }
}

super::record_view::record_view_traits!(
    RelationRef,
    to_relation,
    [
        from,
        kind,
        to,
        title,
        valid_from,
        valid_until,
        polarity,
        confidence,
        attributes,
        sources
    ]
);

impl PartialEq<Relation> for RelationRef<'_> {
    fn eq(&self, other: &Relation) -> bool {
        self.record == other
    }
}
