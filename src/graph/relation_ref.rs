//! A relation as the graph hands it out: a borrowed view with accessors, like events and
//! participations, so that the store may pack relations as it packs them.

use serde::{Serialize, Serializer};

use super::EventGraph;
use super::relation_record::RelationRecord;
use crate::model::{
    Attributes, Confidence, FuzzyDate, NodeId, Polarity, Relation, RelationKind, Source,
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
    graph: &'g EventGraph,
    record: &'g RelationRecord,
}

impl<'g> RelationRef<'g> {
    pub(crate) fn new(graph: &'g EventGraph, record: &'g RelationRecord) -> Self {
        RelationRef { graph, record }
    }

    /// Where the relation starts.
    pub fn from(&self) -> NodeId {
        self.record.from()
    }

    /// What it says.
    pub fn kind(&self) -> &'g RelationKind {
        self.graph.relation_kinds.get(self.record.kind)
    }

    /// Where it ends.
    pub fn to(&self) -> NodeId {
        self.record.to()
    }

    /// For a role or membership, its title ("communications director").
    pub fn title(&self) -> Option<&'g str> {
        self.record.rare().title.map(|t| self.graph.strings.get(t))
    }

    /// Since when it holds.
    pub fn valid_from(&self) -> Option<FuzzyDate> {
        self.record.rare().valid_from
    }

    /// Until when it holds.
    pub fn valid_until(&self) -> Option<FuzzyDate> {
        self.record.rare().valid_until
    }

    /// Whether the sources assert or deny it.
    pub fn polarity(&self) -> Polarity {
        self.record.polarity
    }

    /// How sure the sources are.
    pub fn confidence(&self) -> Confidence {
        self.record.rare().confidence
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.rare().attributes
    }

    /// Who states it.
    pub fn sources(&self) -> &'g [Source] {
        self.graph.source_lists.get(self.record.sources)
    }

    /// Whether the relation may hold on `date`. See [`Relation::holds_on`].
    pub fn holds_on(&self, date: &FuzzyDate) -> bool {
        crate::model::holds_on(self.valid_from(), self.valid_until(), date)
    }

    /// The relation as an owned value, to change and give back, or to keep past the graph.
    pub fn to_relation(&self) -> Relation {
        Relation {
            from: self.from(),
            kind: self.kind().clone(),
            to: self.to(),
            title: self.title().map(str::to_owned),
            valid_from: self.valid_from(),
            valid_until: self.valid_until(),
            polarity: self.polarity(),
            confidence: self.confidence(),
            attributes: self.attributes().clone(),
            sources: self.sources().into(),
        }
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
        self.from() == other.from
            && *self.kind() == other.kind
            && self.to() == other.to
            && self.title() == other.title.as_deref()
            && self.valid_from() == other.valid_from
            && self.valid_until() == other.valid_until
            && self.polarity() == other.polarity
            && self.confidence() == other.confidence
            && *self.attributes() == other.attributes
            && self.sources() == other.sources.as_slice()
    }
}

/// Written as the [`Relation`] it reads back would be, field for field.
impl Serialize for RelationRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Relation")]
        struct Fields<'a> {
            from: NodeId,
            kind: &'a RelationKind,
            to: NodeId,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            valid_from: Option<FuzzyDate>,
            #[serde(skip_serializing_if = "Option::is_none")]
            valid_until: Option<FuzzyDate>,
            #[serde(skip_serializing_if = "super::record_view::affirmed")]
            polarity: Polarity,
            #[serde(skip_serializing_if = "Confidence::is_certain")]
            confidence: Confidence,
            #[serde(skip_serializing_if = "super::record_view::no_attributes")]
            attributes: &'a Attributes,
            #[serde(skip_serializing_if = "super::record_view::no_sources")]
            sources: &'a [Source],
        }
        Fields {
            from: self.from(),
            kind: self.kind(),
            to: self.to(),
            title: self.title(),
            valid_from: self.valid_from(),
            valid_until: self.valid_until(),
            polarity: self.polarity(),
            confidence: self.confidence(),
            attributes: self.attributes(),
            sources: self.sources(),
        }
        .serialize(serializer)
    }
}
