//! Events: the things that happen, are planned, proposed or feared, as nodes of their own.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::fact::record_setters;
use super::vocabulary::vocabulary;
use super::{
    Attributes, Confidence, EntityId, FuzzyDate, GdeltCoding, Source, Sources, StatedValues,
};

vocabulary! {
    /// What kind of act an event is.
    ///
    /// The first sixteen terms are PLOVER's event types; the rest are the acts news is made of
    /// (statements, proposals, invitations, meetings, visits, reports), which PLOVER folds into
    /// its types and modes but which readers of news want to see by name. Each maps to its
    /// PLOVER type, CAMEO root code and quad class where one exists, so that counts by kind
    /// line up with GDELT and POLECAT data.
    ///
    /// ```
    /// use eventkg::{EventKind, QuadClass};
    /// assert_eq!(EventKind::Invitation.plover(), Some("REQUEST"));
    /// assert_eq!(EventKind::Invitation.cameo_root(), Some(2));
    /// assert_eq!(EventKind::Reject.quad_class(), Some(QuadClass::VerbalConflict));
    /// assert_eq!(EventKind::Report.quad_class(), None);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    EventKind, "event kind" {
        /// Agree to, or sign, an arrangement (PLOVER AGREE, CAMEO 03).
        Agree = "agree",
        /// Consult, discuss, negotiate (PLOVER CONSULT, CAMEO 04).
        Consult = "consult",
        /// Express support, praise, endorse (PLOVER SUPPORT, CAMEO 05).
        Support = "support",
        /// Give in, ease a position (PLOVER CONCEDE, CAMEO 08).
        Concede = "concede",
        /// Cooperate materially: military, economic, intelligence (PLOVER COOPERATE, CAMEO 06).
        Cooperate = "cooperate",
        /// Give aid: humanitarian, military, economic (PLOVER AID, CAMEO 07).
        Aid = "aid",
        /// Withdraw, demobilise, de-escalate (PLOVER RETREAT, CAMEO 08).
        Retreat = "retreat",
        /// Ask for something: aid, cooperation, participation (PLOVER REQUEST, CAMEO 02).
        Request = "request",
        /// Accuse, blame, criticise (PLOVER ACCUSE, CAMEO 11).
        Accuse = "accuse",
        /// Reject, refuse, oppose (PLOVER REJECT, CAMEO 12).
        Reject = "reject",
        /// Threaten (PLOVER THREATEN, CAMEO 13).
        Threaten = "threaten",
        /// Protest, demonstrate (PLOVER PROTEST, CAMEO 14).
        Protest = "protest",
        /// Sanction, cut relations (PLOVER SANCTION, CAMEO 16).
        Sanction = "sanction",
        /// Mobilise or posture forces (PLOVER MOBILIZE, CAMEO 15).
        Mobilize = "mobilize",
        /// Coerce: arrest, expel, seize (PLOVER COERCE, CAMEO 17).
        Coerce = "coerce",
        /// Attack (PLOVER ASSAULT, CAMEO 18).
        Assault = "assault",
        /// A public statement, whose content is linked with an `about` relation (CAMEO 01).
        Statement = "statement",
        /// A proposal made to others (PLOVER REQUEST, CAMEO 02).
        Proposal = "proposal",
        /// An invitation to take part (PLOVER REQUEST, CAMEO 02).
        Invitation = "invitation",
        /// A meeting of several parties (PLOVER CONSULT, CAMEO 04).
        Meeting = "meeting",
        /// A visit by one party to another (PLOVER CONSULT, CAMEO 04).
        Visit = "visit",
        /// A news report: an outlet telling of other events.
        Report = "report",
    }
}

impl EventKind {
    /// The PLOVER event type this kind codes as.
    pub fn plover(&self) -> Option<&'static str> {
        Some(match self {
            EventKind::Agree => "AGREE",
            EventKind::Consult | EventKind::Meeting | EventKind::Visit => "CONSULT",
            EventKind::Support => "SUPPORT",
            EventKind::Concede => "CONCEDE",
            EventKind::Cooperate => "COOPERATE",
            EventKind::Aid => "AID",
            EventKind::Retreat => "RETREAT",
            EventKind::Request | EventKind::Proposal | EventKind::Invitation => "REQUEST",
            EventKind::Accuse => "ACCUSE",
            EventKind::Reject => "REJECT",
            EventKind::Threaten => "THREATEN",
            EventKind::Protest => "PROTEST",
            EventKind::Sanction => "SANCTION",
            EventKind::Mobilize => "MOBILIZE",
            EventKind::Coerce => "COERCE",
            EventKind::Assault => "ASSAULT",
            EventKind::Statement | EventKind::Report | EventKind::Other(_) => return None,
        })
    }

    /// The CAMEO root event code (1 to 20) this kind codes as.
    pub fn cameo_root(&self) -> Option<u8> {
        Some(match self {
            EventKind::Statement => 1,
            EventKind::Request | EventKind::Proposal | EventKind::Invitation => 2,
            EventKind::Agree => 3,
            EventKind::Consult | EventKind::Meeting | EventKind::Visit => 4,
            EventKind::Support => 5,
            EventKind::Cooperate => 6,
            EventKind::Aid => 7,
            EventKind::Concede | EventKind::Retreat => 8,
            EventKind::Accuse => 11,
            EventKind::Reject => 12,
            EventKind::Threaten => 13,
            EventKind::Protest => 14,
            EventKind::Mobilize => 15,
            EventKind::Sanction => 16,
            EventKind::Coerce => 17,
            EventKind::Assault => 18,
            EventKind::Report | EventKind::Other(_) => return None,
        })
    }

    /// GDELT's quad class for this kind, from its CAMEO root.
    pub fn quad_class(&self) -> Option<QuadClass> {
        self.cameo_root().map(QuadClass::of_cameo_root)
    }
}

/// GDELT's four-way split of events into verbal or material cooperation or conflict.
///
/// ```
/// use eventkg::QuadClass;
/// assert_eq!(QuadClass::of_cameo_root(12), QuadClass::VerbalConflict);
/// assert!(QuadClass::VerbalConflict.is_conflict());
/// assert_eq!(QuadClass::MaterialCooperation.code(), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    /// CAMEO 01–05: statements, appeals, intents, consultations, diplomacy.
    VerbalCooperation,
    /// CAMEO 06–08: material cooperation, aid, yielding.
    MaterialCooperation,
    /// CAMEO 09–13: investigations, demands, disapproval, rejection, threats.
    VerbalConflict,
    /// CAMEO 14–20: protest, force posture, reduced relations, coercion, violence.
    MaterialConflict,
}

impl QuadClass {
    /// The class of a CAMEO root code; codes past 20 count as material conflict.
    pub fn of_cameo_root(root: u8) -> QuadClass {
        match root {
            0..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }

    /// The class GDELT numbers `code` (1 to 4).
    ///
    /// ```
    /// use eventkg::QuadClass;
    /// assert_eq!(QuadClass::from_code(4), Some(QuadClass::MaterialConflict));
    /// assert_eq!(QuadClass::from_code(0), None);
    /// ```
    pub fn from_code(code: u8) -> Option<QuadClass> {
        Some(match code {
            1 => QuadClass::VerbalCooperation,
            2 => QuadClass::MaterialCooperation,
            3 => QuadClass::VerbalConflict,
            4 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// GDELT's number for the class, 1 to 4.
    pub fn code(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// Whether the class is one of conflict.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            QuadClass::VerbalConflict | QuadClass::MaterialConflict
        )
    }

    /// Whether the class is one of deeds rather than words.
    pub fn is_material(self) -> bool {
        matches!(
            self,
            QuadClass::MaterialCooperation | QuadClass::MaterialConflict
        )
    }
}

/// Whether an event happened, or is only planned, proposed or imagined.
///
/// News tells of many events that have not happened: a coalition Macron "plans to form", a
/// mission France proposes, an escalation governments fear. They are events all the same, with
/// participants and sources; the status keeps them apart from what took place.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventStatus {
    /// It took place.
    #[default]
    Happened,
    /// It is taking place as the source writes.
    Ongoing,
    /// An actor intends it ("plans to form a coalition").
    Planned,
    /// Someone proposed it to others ("a training mission in Ukraine").
    Proposed,
    /// Feared, hoped for or merely possible ("a significant risk of escalation").
    Hypothetical,
}

impl EventStatus {
    /// The status's word, as used in text and files.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Happened => "happened",
            EventStatus::Ongoing => "ongoing",
            EventStatus::Planned => "planned",
            EventStatus::Proposed => "proposed",
            EventStatus::Hypothetical => "hypothetical",
        }
    }
}

impl std::str::FromStr for EventStatus {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Self, crate::Error> {
        const NAMES: [&str; 5] = ["happened", "ongoing", "planned", "proposed", "hypothetical"];
        match text {
            "happened" => Ok(EventStatus::Happened),
            "ongoing" => Ok(EventStatus::Ongoing),
            "planned" => Ok(EventStatus::Planned),
            "proposed" => Ok(EventStatus::Proposed),
            "hypothetical" | "feared" => Ok(EventStatus::Hypothetical),
            _ => Err(crate::model::vocabulary::unknown_value(
                "event status",
                text,
                &NAMES,
            )),
        }
    }
}

impl fmt::Display for EventStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something that happened, or is planned, proposed or feared, as a node of the graph.
///
/// Events are nodes, not edges, because an event has many participants, each in a role of its
/// own (SEM's n-ary events): one invitation letter reaches nine recipients, and one of its
/// would-be recipients is recorded as *not* having received it.
///
/// ```
/// use eventkg::{Event, EventKind, EventStatus, FuzzyDate};
/// let mission = Event::new(EventKind::Cooperate)
///     .status(EventStatus::Proposed)
///     .description("training mission in Ukraine")
///     .date(FuzzyDate::year(2024)?);
/// assert_eq!(mission.status, EventStatus::Proposed);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// A stable handle, unique in a graph when present ("mission", a GDELT event id): what
    /// graph files and links use to name the event, so that a second document restating it
    /// adds to it rather than duplicating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What kind of act it is.
    pub kind: EventKind,
    /// Whether it happened.
    #[serde(default)]
    pub status: EventStatus,
    /// When, as precisely as the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<FuzzyDate>,
    /// Where: a place or state entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EntityId>,
    /// A short description, shown in exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How sure the sources are that the event is as described.
    #[serde(default, skip_serializing_if = "Confidence::is_certain")]
    pub confidence: Confidence,
    /// Free key–value attributes.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Where the event is told.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
    /// What each report says of the kind, status, date, place and description, where several
    /// reports tell the event; empty for an event told once. See [`StatedValues`].
    #[serde(default, skip_serializing_if = "StatedValues::is_empty")]
    pub values: StatedValues,
    /// How GDELT coded the event, for events read from GDELT files: the CAMEO codes, quad
    /// class, Goldstein score, counts and tone. Boxed, since hand-coded events have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdelt: Option<Box<GdeltCoding>>,
}

impl Event {
    /// An event of `kind` that happened, with nothing else known yet.
    pub fn new(kind: EventKind) -> Self {
        Event {
            key: None,
            kind,
            status: EventStatus::Happened,
            date: None,
            location: None,
            description: None,
            confidence: Confidence::CERTAIN,
            attributes: Attributes::new(),
            sources: Sources::new(),
            values: StatedValues::new(),
            gdelt: None,
        }
    }

    /// Sets the stable handle.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Sets whether it happened.
    pub fn status(mut self, status: EventStatus) -> Self {
        self.status = status;
        self
    }

    /// Sets when.
    pub fn date(mut self, date: FuzzyDate) -> Self {
        self.date = Some(date);
        self
    }

    /// Sets where.
    pub fn location(mut self, place: EntityId) -> Self {
        self.location = Some(place);
        self
    }

    /// Sets the short description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets how sure the sources are.
    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// The event's CAMEO root code: GDELT's own for an event read from GDELT, else its
    /// kind's.
    pub fn cameo_root(&self) -> Option<u8> {
        cameo_root_of(&self.kind, self.gdelt.as_deref())
    }

    /// The event's quad class: GDELT's own for an event read from GDELT (CAMEO's demand, root
    /// 10, is verbal conflict though its kind is a request), else its kind's. Counts of
    /// cooperation and conflict go by this.
    ///
    /// ```
    /// use eventkg::{Event, EventKind, GdeltCoding, QuadClass};
    /// let demand = Event::new(EventKind::Request)
    ///     .gdelt(GdeltCoding::new("1041".parse()?, "104".parse()?, "10".parse()?, QuadClass::VerbalConflict));
    /// assert_eq!(demand.quad_class(), Some(QuadClass::VerbalConflict));
    /// assert_eq!(Event::new(EventKind::Request).quad_class(), Some(QuadClass::VerbalCooperation));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn quad_class(&self) -> Option<QuadClass> {
        quad_class_of(&self.kind, self.gdelt.as_deref())
    }

    /// Sets how GDELT coded the event.
    pub fn gdelt(mut self, coding: GdeltCoding) -> Self {
        self.gdelt = Some(Box::new(coding));
        self
    }
}

record_setters!(Event, "tells of the event");

/// An event's CAMEO root code: GDELT's own where it has one, else its kind's.
pub(crate) fn cameo_root_of(kind: &EventKind, gdelt: Option<&GdeltCoding>) -> Option<u8> {
    match gdelt {
        Some(coding) => Some(coding.root_code.root()),
        None => kind.cameo_root(),
    }
}

/// An event's quad class: GDELT's own where it has one, else its kind's.
pub(crate) fn quad_class_of(kind: &EventKind, gdelt: Option<&GdeltCoding>) -> Option<QuadClass> {
    match gdelt {
        Some(coding) => Some(coding.quad_class),
        None => kind.quad_class(),
    }
}
