//! The data model: what the graph's records are, independent of how they are stored.
//!
//! * [`Entity`]: a person, state, body, outlet, group or place ([`EntityKind`]).
//! * [`Event`]: an act as a node of its own ([`EventKind`], [`EventStatus`]), with an honest
//!   [`FuzzyDate`].
//! * [`Participation`]: an entity's [`Role`] in an event; [`Relation`]: a typed link between
//!   two entities or two events ([`RelationKind`]). Both are facts with a [`Polarity`], a
//!   [`Confidence`] and [`Source`]s.
//! * [`Document`]: what sources cite.
//! * [`Joined`]: an entity joined into another, kept on it with the word it was joined on.
//! * [`GdeltCoding`] and [`Coordinates`]: what GDELT rows say beyond the crate's own fields.
//! * [`StatedValues`]: what each report says of an event's attributes, where reports tell one
//!   event differently ([`EventField`], [`FieldValue`]).

mod dispute;
mod entity;
mod event;
mod fact;
mod from_text;
mod gdelt;
mod ids;
mod joined;
mod provenance;
mod quote;
pub(crate) mod time;
pub(crate) mod vocabulary;

pub(crate) use dispute::Statement;
pub use dispute::{EventField, FieldValue, StatedValue, StatedValues};
pub use entity::{CountryCode, Entity, EntityKind};
pub use event::{Event, EventKind, EventStatus, QuadClass};
pub(crate) use event::{cameo_root_of, quad_class_of};
pub(crate) use fact::holds_on;
pub use fact::{
    Attributes, Confidence, NodeKind, Participation, Polarity, Relation, RelationKind, Role,
};
pub use gdelt::{CameoCode, Coordinates, GdeltCoding};
pub use ids::{
    DocumentId, EntityId, EventId, FactId, NodeId, ParticipationId, RecordId, RelationId,
};
pub(crate) use ids::{ShortName, TableId};
pub use joined::Joined;
pub use provenance::{Document, Source, Sources};
pub(crate) use quote::{contains, fold_white_space, occurs_as_written, quote_occurs};
pub use time::{FuzzyDate, MonthPart, Precision, Season};
