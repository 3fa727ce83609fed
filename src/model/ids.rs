//! Typed identifiers.
//!
//! Every record in an [`EventGraph`](crate::EventGraph) is named by an id of its own type, so an
//! event id can never be passed where an entity id is expected. Ids are handed out in insertion
//! order and are never reused: after a removal, a stale id is reported as unknown instead of
//! silently naming whatever record took its place.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The ids that name rows of the graph's tables.
pub(crate) trait TableId: Copy {
    fn from_index(index: u32) -> Self;
    fn index(self) -> u32;
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            /// The id with this number; whether it names a live record is for the graph to say.
            pub const fn new(index: u32) -> Self {
                Self(index)
            }

            /// The number behind the id: its position in insertion order.
            pub const fn index(self) -> u32 {
                self.0
            }
        }

        impl TableId for $name {
            fn from_index(index: u32) -> Self {
                Self(index)
            }
            fn index(self) -> u32 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;

            /// Reads the id as it is displayed: `entity#3`.
            fn from_str(text: &str) -> Result<Self, crate::Error> {
                text.strip_prefix(concat!($prefix, "#"))
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|n| n.parse().ok())
                    .map(Self)
                    .ok_or_else(|| crate::ErrorKind::InvalidValue {
                        what: concat!($prefix, " id"),
                        value: text.to_owned(),
                        reason: concat!("expected `", $prefix, "#` and a number").into(),
                    }.into())
            }
        }
    };
}

id_type!(
    /// Names an [`Entity`](crate::Entity): a person, state, body, outlet, place, ….
    ///
    /// ```
    /// use eventkg::EntityId;
    /// assert_eq!(EntityId::new(3).to_string(), "entity#3");
    /// ```
    EntityId,
    "entity"
);
id_type!(
    /// Names an [`Event`](crate::Event).
    ///
    /// ```
    /// use eventkg::EventId;
    /// assert_eq!(EventId::new(0).to_string(), "event#0");
    /// ```
    EventId,
    "event"
);
id_type!(
    /// Names a [`Document`](crate::Document), the text that facts are sourced from.
    ///
    /// ```
    /// use eventkg::DocumentId;
    /// assert_eq!(DocumentId::new(1).to_string(), "document#1");
    /// ```
    DocumentId,
    "document"
);
id_type!(
    /// Names a [`Participation`](crate::Participation): an entity's role in an event.
    ///
    /// ```
    /// use eventkg::ParticipationId;
    /// assert_eq!(ParticipationId::new(2).to_string(), "participation#2");
    /// ```
    ParticipationId,
    "participation"
);
id_type!(
    /// Names a [`Relation`](crate::Relation) between two entities or two events.
    ///
    /// ```
    /// use eventkg::RelationId;
    /// assert_eq!(RelationId::new(5).to_string(), "relation#5");
    /// ```
    RelationId,
    "relation"
);

/// A node of the graph: an entity or an event.
///
/// Relations join nodes of either kind (a member state to an alliance, a statement to the
/// proposal it is about), so their endpoints are `NodeId`s.
///
/// ```
/// use eventkg::{EntityId, NodeId};
/// let node: NodeId = EntityId::new(4).into();
/// assert_eq!(node.as_entity(), Some(EntityId::new(4)));
/// assert_eq!(node.to_string(), "entity#4");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeId {
    /// An entity node.
    Entity(EntityId),
    /// An event node.
    Event(EventId),
}

impl NodeId {
    /// The entity, if this node is one.
    pub fn as_entity(self) -> Option<EntityId> {
        match self {
            NodeId::Entity(id) => Some(id),
            NodeId::Event(_) => None,
        }
    }

    /// The event, if this node is one.
    pub fn as_event(self) -> Option<EventId> {
        match self {
            NodeId::Event(id) => Some(id),
            NodeId::Entity(_) => None,
        }
    }
}

impl From<EntityId> for NodeId {
    fn from(id: EntityId) -> Self {
        NodeId::Entity(id)
    }
}

impl From<EventId> for NodeId {
    fn from(id: EventId) -> Self {
        NodeId::Event(id)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeId::Entity(id) => id.fmt(f),
            NodeId::Event(id) => id.fmt(f),
        }
    }
}

/// A fact that is an edge of the graph: a participation or a relation.
///
/// ```
/// use eventkg::{FactId, RelationId};
/// let fact: FactId = RelationId::new(1).into();
/// assert_eq!(fact.to_string(), "relation#1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactId {
    /// An entity's role in an event.
    Participation(ParticipationId),
    /// A typed link between two nodes.
    Relation(RelationId),
}

impl From<ParticipationId> for FactId {
    fn from(id: ParticipationId) -> Self {
        FactId::Participation(id)
    }
}

impl From<RelationId> for FactId {
    fn from(id: RelationId) -> Self {
        FactId::Relation(id)
    }
}

impl fmt::Display for FactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactId::Participation(id) => id.fmt(f),
            FactId::Relation(id) => id.fmt(f),
        }
    }
}

/// Any record of the graph that carries sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RecordId {
    /// An entity.
    Entity(EntityId),
    /// An event.
    Event(EventId),
    /// A participation.
    Participation(ParticipationId),
    /// A relation.
    Relation(RelationId),
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordId::Entity(id) => id.fmt(f),
            RecordId::Event(id) => id.fmt(f),
            RecordId::Participation(id) => id.fmt(f),
            RecordId::Relation(id) => id.fmt(f),
        }
    }
}

impl From<NodeId> for RecordId {
    fn from(node: NodeId) -> Self {
        match node {
            NodeId::Entity(id) => RecordId::Entity(id),
            NodeId::Event(id) => RecordId::Event(id),
        }
    }
}

impl From<FactId> for RecordId {
    fn from(fact: FactId) -> Self {
        match fact {
            FactId::Participation(id) => RecordId::Participation(id),
            FactId::Relation(id) => RecordId::Relation(id),
        }
    }
}

macro_rules! record_from {
    ($($id:ident => $variant:ident),*) => {
        $(impl From<$id> for RecordId {
            fn from(id: $id) -> Self {
                RecordId::$variant(id)
            }
        })*
    };
}

record_from!(EntityId => Entity, EventId => Event, ParticipationId => Participation, RelationId => Relation);

/// The short name exporters give a record: `e3` for an entity, `v5` for an event, `p12` for a
/// participation, `r4` for a relation, `d2` for a document. DOT node names, GraphML ids and
/// the bulk tables' ids are all this one form, so that a record found in one export is found
/// under the same name in every other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Short(char, u32);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.0, self.1)
    }
}

/// Records with a [`Short`] name.
pub(crate) trait ShortName {
    /// The record's short name.
    fn short(self) -> Short;
}

macro_rules! short_name {
    ($($id:ident => $letter:literal),*) => {
        $(impl ShortName for $id {
            fn short(self) -> Short {
                Short($letter, self.index())
            }
        })*
    };
}

short_name!(EntityId => 'e', EventId => 'v', ParticipationId => 'p', RelationId => 'r', DocumentId => 'd');

impl ShortName for NodeId {
    fn short(self) -> Short {
        match self {
            NodeId::Entity(id) => id.short(),
            NodeId::Event(id) => id.short(),
        }
    }
}

impl ShortName for RecordId {
    fn short(self) -> Short {
        match self {
            RecordId::Entity(id) => id.short(),
            RecordId::Event(id) => id.short(),
            RecordId::Participation(id) => id.short(),
            RecordId::Relation(id) => id.short(),
        }
    }
}
