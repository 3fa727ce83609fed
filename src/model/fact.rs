//! Facts: the edges of the graph (participations and relations) and what every fact carries:
//! a polarity, a confidence, attributes and sources.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::vocabulary::vocabulary;
use super::{EntityId, EntityKind, EventId, FuzzyDate, NodeId, Source, Sources};
use crate::Error;
use crate::ErrorKind;

/// Whether a fact is asserted or denied.
///
/// "The Ministry of Defence in Berlin did not receive an invitation letter" is a fact in its
/// own right, told by a source: a negated participation, not a missing one. Queries can ask for
/// either polarity, so that an absence the text reports is never confused with an absence of
/// knowledge.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// The fact holds, as the sources tell it.
    #[default]
    Affirmed,
    /// The sources tell that the fact does not hold.
    Negated,
}

impl Polarity {
    /// Whether this is [`Polarity::Negated`].
    pub fn is_negated(self) -> bool {
        self == Polarity::Negated
    }

    fn is_affirmed(&self) -> bool {
        *self == Polarity::Affirmed
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Polarity::Affirmed => "affirmed",
            Polarity::Negated => "negated",
        })
    }
}

/// How sure the sources are of a fact, from 0 (pure speculation) to 1 (the default: stated as
/// certain).
///
/// ```
/// use eventkg::Confidence;
/// let likely = Confidence::new(0.7)?;
/// assert_eq!(likely.value(), 0.7);
/// assert!(Confidence::new(1.5).is_err());
/// assert!(Confidence::new(f32::NAN).is_err());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Confidence(f32);

impl Confidence {
    /// Stated as certain.
    pub const CERTAIN: Confidence = Confidence(1.0);

    /// A confidence, if `value` lies in `0.0..=1.0`.
    pub fn new(value: f32) -> Result<Self, Error> {
        if (0.0..=1.0).contains(&value) {
            Ok(Confidence(value))
        } else {
            Err(ErrorKind::InvalidValue {
                what: "confidence",
                value: value.to_string(),
                reason: "expected a number from 0 to 1".into(),
            }
            .into())
        }
    }

    /// The number, from 0 to 1.
    pub fn value(self) -> f32 {
        self.0
    }

    /// Whether this is full confidence.
    pub fn is_certain(&self) -> bool {
        self.0 >= 1.0
    }
}

impl Default for Confidence {
    fn default() -> Self {
        Confidence::CERTAIN
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Confidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(self.0)
    }
}

impl<'de> Deserialize<'de> for Confidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Confidence::new(f32::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// Free key–value attributes, kept in insertion order so that exports are stable.
///
/// Most records have none, so the map is allocated only when the first attribute is set: an
/// empty `Attributes` takes one pointer, not the 72 bytes of an empty map, on every event and
/// fact of the graph.
///
/// ```
/// use eventkg::Attributes;
/// let mut attributes = Attributes::new();
/// attributes.insert("wikidata", "Q3052772");
/// assert_eq!(attributes.get("wikidata"), Some("Q3052772"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes(Option<Box<IndexMap<String, String>>>);

impl Attributes {
    /// No attributes.
    pub const fn new() -> Self {
        Attributes(None)
    }

    /// Sets `key` to `value`, returning the value it replaces; a new key goes last.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> Option<String> {
        self.0
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.as_ref()?.get(key).map(String::as_str)
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let map = self.0.as_mut()?;
        let removed = map.shift_remove(key);
        if map.is_empty() {
            self.0 = None;
        }
        removed
    }

    /// The attributes in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .flat_map(|map| map.iter())
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |map| map.len())
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the attributes of `other` whose keys this lacks.
    pub(crate) fn fill_from(&mut self, other: &Attributes) {
        for (key, value) in other.iter() {
            if self.get(key).is_none() {
                self.insert(key, value);
            }
        }
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = IndexMap::<String, String>::deserialize(deserializer)?;
        Ok(Attributes((!map.is_empty()).then(|| Box::new(map))))
    }
}

vocabulary! {
    /// The part an entity plays in an event (SEM's roles).
    ///
    /// ```
    /// use eventkg::Role;
    /// assert_eq!("opponent".parse::<Role>()?, Role::Opponent);
    /// assert_eq!(Role::Target.to_string(), "target");
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    Role, "role" {
        /// Who does it: CAMEO's Actor1, the sender of a letter, the maker of a proposal.
        Initiator = "initiator",
        /// Whom it is done to or addressed to: CAMEO's Actor2, the recipient of a letter.
        Target = "target",
        /// Carries it out on the initiator's behalf (the chief of staff who signs the letter
        /// a state sends).
        Agent = "agent",
        /// Takes part, with no side of its own.
        Participant = "participant",
        /// Speaks in a statement.
        Speaker = "speaker",
        /// Hosts a meeting or visit.
        Host = "host",
        /// Supports a proposal or plan.
        Supporter = "supporter",
        /// Opposes a proposal or plan.
        Opponent = "opponent",
        /// Is meant to gain from it (those a training mission would train).
        Beneficiary = "beneficiary",
        /// Mediates between others.
        Mediator = "mediator",
        /// Fears or worries about it: the holders of a feared event's fear.
        Concerned = "concerned",
    }
}

impl Role {
    /// Whether the role is a part in what happened, rather than a position on it.
    /// Supporters, opponents and the concerned hold positions: they belong to
    /// [`EventGraph::stance`](crate::EventGraph::stance), and joining them to the initiator as
    /// if they had acted together would misstate the event. A role outside the vocabulary
    /// (`other:…`) is taken to take part.
    ///
    /// ```
    /// use eventkg::Role;
    /// assert!(Role::Host.takes_part());
    /// assert!(!Role::Opponent.takes_part());
    /// ```
    pub fn takes_part(&self) -> bool {
        !matches!(self, Role::Supporter | Role::Opponent | Role::Concerned)
    }
}

vocabulary! {
    /// A typed link between two entities, or between two events.
    ///
    /// Which kinds of node each relation may join is checked when it is added: `member_of`
    /// points at an organisation or alliance, `holds_role` joins a person to a body, `about` starts
    /// at an event, `requires` joins two events. See [`RelationKind::check_endpoints`].
    ///
    /// ```
    /// use eventkg::RelationKind;
    /// assert!(RelationKind::AlliedWith.is_symmetric());
    /// assert_eq!("holds_role".parse::<RelationKind>()?, RelationKind::HoldsRole);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    RelationKind, "relation kind" {
        /// A state or body is a member of an organisation or alliance.
        MemberOf = "member_of",
        /// A body is part of a larger one (a ministry of a government), a place of a larger
        /// place, or an event of a larger event (a statement made at a meeting).
        PartOf = "part_of",
        /// An actor leads or heads an organisation, state or mission.
        Leads = "leads",
        /// A person holds a titled role in an organisation or state, over a validity interval
        /// ("communications director" of the National Security Council). Needs a title.
        HoldsRole = "holds_role",
        /// An actor speaks for another.
        SpeaksFor = "speaks_for",
        /// Two actors are allied; the relation has no direction.
        AlliedWith = "allied_with",
        /// An entity is located in a place or state.
        LocatedIn = "located_in",
        /// An event (a statement, report, refusal) is about another event or an entity.
        About = "about",
        /// An event needs another to happen first (a mandate change before a mission).
        Requires = "requires",
        /// An event is motivated by another, often a feared one (opposition motivated by a
        /// feared escalation).
        MotivatedBy = "motivated_by",
        /// An event responds to another (a refusal to an invitation). Stance reads it: the
        /// responder has answered, and takes the side its answer takes.
        RespondsTo = "responds_to",
    }
}

/// The kind of a node, as relation endpoint rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind<'a> {
    /// An entity of this kind.
    Entity(&'a EntityKind),
    /// An event.
    Event,
}

impl RelationKind {
    /// Whether the relation has no direction, so that `a–b` and `b–a` are one fact.
    pub fn is_symmetric(&self) -> bool {
        matches!(self, RelationKind::AlliedWith)
    }

    /// Whether the relation may join a node of kind `from` to one of kind `to`; if not, why not.
    ///
    /// ```
    /// use eventkg::{EntityKind, NodeKind, RelationKind};
    /// let state = NodeKind::Entity(&EntityKind::State);
    /// let alliance = NodeKind::Entity(&EntityKind::Intergovernmental);
    /// assert!(RelationKind::MemberOf.check_endpoints(state, alliance).is_ok());
    /// assert!(RelationKind::MemberOf.check_endpoints(alliance, state).is_err());
    /// assert!(RelationKind::Requires.check_endpoints(state, NodeKind::Event).is_err());
    /// ```
    pub fn check_endpoints(&self, from: NodeKind<'_>, to: NodeKind<'_>) -> Result<(), String> {
        use NodeKind::{Entity, Event};
        if self.fits(from, to) {
            return Ok(());
        }
        let describe = |node: NodeKind<'_>| match node {
            Entity(kind) => format!("a {} entity", kind.as_str()),
            Event => "an event".to_owned(),
        };
        let rule = match self {
            RelationKind::MemberOf => "joins an actor to an organisation, alliance or group",
            RelationKind::PartOf => "joins two non-person entities or two events",
            RelationKind::Leads => "joins an actor to an organisation or state",
            RelationKind::HoldsRole => "joins a person to an organisation or state",
            RelationKind::SpeaksFor | RelationKind::AlliedWith => "joins two actors",
            RelationKind::LocatedIn => "joins an entity to a place or state",
            RelationKind::About => "starts at an event",
            _ => "joins two events",
        };
        Err(format!(
            "`{self}` {rule}, not {} to {}",
            describe(from),
            describe(to)
        ))
    }

    /// [`RelationKind::check_endpoints`] without the reason: for callers that only choose,
    /// and would build the reason's text for nothing.
    pub(crate) fn fits(&self, from: NodeKind<'_>, to: NodeKind<'_>) -> bool {
        use NodeKind::{Entity, Event};
        match self {
            RelationKind::MemberOf => matches!(
                (from, to),
                (Entity(a), Entity(b)) if a.is_actor() && b.is_organisation() && *b != EntityKind::State
            ),
            RelationKind::PartOf => match (from, to) {
                (Entity(a), Entity(b)) => *a != EntityKind::Person && *b != EntityKind::Person,
                (Event, Event) => true,
                _ => false,
            },
            RelationKind::Leads => matches!(
                (from, to),
                (Entity(a), Entity(b)) if a.is_actor() && b.is_organisation()
            ),
            RelationKind::HoldsRole => matches!(
                (from, to),
                (Entity(EntityKind::Person), Entity(b)) if b.is_organisation()
            ),
            RelationKind::SpeaksFor | RelationKind::AlliedWith => matches!(
                (from, to),
                (Entity(a), Entity(b)) if a.is_actor() && b.is_actor()
            ),
            RelationKind::LocatedIn => {
                matches!((from, to), (Entity(_), Entity(b)) if b.is_location())
            }
            RelationKind::About => matches!(from, Event),
            RelationKind::Requires | RelationKind::MotivatedBy | RelationKind::RespondsTo => {
                matches!((from, to), (Event, Event))
            }
            RelationKind::Other(_) => true,
        }
    }
}

/// The setters every sourced record shares.
macro_rules! record_setters {
    ($record:ident, $told:literal) => {
        impl $record {
            /// Sets a free attribute.
            pub fn attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
                self.attributes.insert(key, value);
                self
            }

            #[doc = concat!("Adds a source that ", $told, ".")]
            pub fn source(mut self, source: Source) -> Self {
                self.sources.push(source);
                self
            }

            /// Sets the sources to a list that other records share: one sentence that tells
            /// an event and its participants is then held once, and the graph recognises
            /// it without comparing its contents.
            pub fn sources(mut self, sources: Sources) -> Self {
                self.sources = sources;
                self
            }
        }
    };
}

pub(crate) use record_setters;

macro_rules! fact_setters {
    ($fact:ident) => {
        impl $fact {
            /// Marks the fact as denied by its sources.
            pub fn negated(mut self) -> Self {
                self.polarity = Polarity::Negated;
                self
            }

            /// Sets how sure the sources are.
            pub fn confidence(mut self, confidence: Confidence) -> Self {
                self.confidence = confidence;
                self
            }
        }
        record_setters!($fact, "states the fact");
    };
}

/// An entity's part in an event: an edge from the entity to the event, with a [`Role`].
///
/// Stating the same participation (entity, role, event and polarity) again adds its sources to
/// the one already in the graph; see [`EventGraph::add_participation`](crate::EventGraph::add_participation).
///
/// ```
/// use eventkg::{EntityId, EventId, Participation, Role};
/// let not_invited = Participation::new(EntityId::new(7), Role::Target, EventId::new(0)).negated();
/// assert!(not_invited.polarity.is_negated());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Participation {
    /// Who takes part.
    pub entity: EntityId,
    /// In what part.
    pub role: Role,
    /// In what.
    pub event: EventId,
    /// Whether the sources assert or deny it.
    #[serde(default, skip_serializing_if = "Polarity::is_affirmed")]
    pub polarity: Polarity,
    /// How sure the sources are.
    #[serde(default, skip_serializing_if = "Confidence::is_certain")]
    pub confidence: Confidence,
    /// Free key–value attributes.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Who states it.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
}

impl Participation {
    /// `entity` takes part in `event` as `role`, affirmed and certain.
    pub fn new(entity: EntityId, role: Role, event: EventId) -> Self {
        Participation {
            entity,
            role,
            event,
            polarity: Polarity::Affirmed,
            confidence: Confidence::CERTAIN,
            attributes: Attributes::new(),
            sources: Sources::new(),
        }
    }
}

fact_setters!(Participation);

/// A typed link between two nodes: entity to entity (a state member of an alliance), or event
/// to event (a statement about a proposal).
///
/// ```
/// use eventkg::{EntityId, FuzzyDate, Relation, RelationKind};
/// let kirby = EntityId::new(1);
/// let council = EntityId::new(2);
/// let role = Relation::new(kirby, RelationKind::HoldsRole, council)
///     .title("communications director")
///     .valid_from(FuzzyDate::year(2022)?);
/// assert_eq!(role.title.as_deref(), Some("communications director"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Relation {
    /// Where the relation starts.
    pub from: NodeId,
    /// What it says.
    pub kind: RelationKind,
    /// Where it ends.
    pub to: NodeId,
    /// The title of a held role ("chief of the General Staff").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the relation began to hold, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<FuzzyDate>,
    /// When it stopped holding, if it has and that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<FuzzyDate>,
    /// Whether the sources assert or deny it.
    #[serde(default, skip_serializing_if = "Polarity::is_affirmed")]
    pub polarity: Polarity,
    /// How sure the sources are.
    #[serde(default, skip_serializing_if = "Confidence::is_certain")]
    pub confidence: Confidence,
    /// Free key–value attributes.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Who states it.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
}

impl Relation {
    /// `from` relates to `to` as `kind`, affirmed, certain, with no title or validity.
    pub fn new(from: impl Into<NodeId>, kind: RelationKind, to: impl Into<NodeId>) -> Self {
        Relation {
            from: from.into(),
            kind,
            to: to.into(),
            title: None,
            valid_from: None,
            valid_until: None,
            polarity: Polarity::Affirmed,
            confidence: Confidence::CERTAIN,
            attributes: Attributes::new(),
            sources: Sources::new(),
        }
    }

    /// Sets the title of a held role.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets when the relation began to hold.
    pub fn valid_from(mut self, date: FuzzyDate) -> Self {
        self.valid_from = Some(date);
        self
    }

    /// Sets when the relation stopped holding.
    pub fn valid_until(mut self, date: FuzzyDate) -> Self {
        self.valid_until = Some(date);
        self
    }

    /// Whether the relation can have held on some day of `date`, by its validity interval.
    ///
    /// ```
    /// use eventkg::{EntityId, FuzzyDate, Relation, RelationKind};
    /// let role = Relation::new(EntityId::new(0), RelationKind::HoldsRole, EntityId::new(1))
    ///     .title("President")
    ///     .valid_from(FuzzyDate::ymd(2017, 5, 14)?);
    /// assert!(role.holds_on(&FuzzyDate::ymd(2024, 6, 9)?));
    /// assert!(!role.holds_on(&FuzzyDate::year(2016)?));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn holds_on(&self, date: &FuzzyDate) -> bool {
        holds_on(self.valid_from, self.valid_until, date)
    }
}

/// Whether a relation valid from `from` until `until` may hold on `date`.
pub(crate) fn holds_on(
    from: Option<FuzzyDate>,
    until: Option<FuzzyDate>,
    date: &FuzzyDate,
) -> bool {
    let started = from.is_none_or(|from| from.earliest() <= date.latest());
    let not_ended = until.is_none_or(|until| until.latest() >= date.earliest());
    started && not_ended
}

fact_setters!(Relation);
