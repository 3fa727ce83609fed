//! Entities: the people, states, bodies, outlets and places that events happen between.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::fact::record_setters;
use super::vocabulary::vocabulary;
use super::{Attributes, Coordinates, Joined, Source, Sources};
use crate::Error;
use crate::ErrorKind;

vocabulary! {
    /// What an entity is.
    ///
    /// The kinds follow the actor types of CAMEO (government, military, media, IGO, …) closely
    /// enough that [`EntityKind::cameo_type`] can say which a kind codes as, while keeping apart
    /// what analysts keep apart: a state acting as a whole ("France invited…") and the body that
    /// acted for it ("the Ministry of Defence in Berlin").
    ///
    /// ```
    /// use eventkg::EntityKind;
    /// let kind: EntityKind = "government_body".parse()?;
    /// assert_eq!(kind, EntityKind::GovernmentBody);
    /// assert_eq!(kind.cameo_type(), Some("GOV"));
    /// assert_eq!("other:coalition".parse::<EntityKind>()?, EntityKind::Other("coalition".into()));
    /// let typo = "goverment_body".parse::<EntityKind>().unwrap_err();
    /// assert!(typo.to_string().contains("did you mean `government_body`"));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    EntityKind, "entity kind" {
        /// A named person.
        Person = "person",
        /// A country acting as a whole ("France", "Washington" as metonym).
        State = "state",
        /// A government or one of its bodies: cabinet, ministry, general staff, security council.
        GovernmentBody = "government_body",
        /// An armed force or a part of one ("German soldiers" as the Bundeswehr).
        ArmedForce = "armed_force",
        /// An intergovernmental organisation, alliance or coalition of states (EU, NATO).
        Intergovernmental = "intergovernmental",
        /// A mission or programme run by others (EUMAM, a training mission).
        Mission = "mission",
        /// A newspaper, agency, broadcaster or other outlet (Welt, UNN).
        MediaOutlet = "media_outlet",
        /// A non-governmental organisation, company, party or other formal body.
        Organisation = "organisation",
        /// An unnamed or informal collective that a text quotes or counts: "Brussels
        /// diplomats", "several partners", "most EU countries".
        Group = "group",
        /// A place that is not acting as an actor: a city, region, battlefield.
        Place = "place",
    }
}

impl EntityKind {
    /// Whether entities of this kind can act: everything but a [`Place`](EntityKind::Place).
    pub fn is_actor(&self) -> bool {
        !matches!(self, EntityKind::Place)
    }

    /// Whether entities of this kind can have members, parts, leaders and role holders.
    pub fn is_organisation(&self) -> bool {
        !matches!(self, EntityKind::Person | EntityKind::Place)
    }

    /// Whether an entity of this kind can be where things are located.
    pub fn is_location(&self) -> bool {
        matches!(self, EntityKind::Place | EntityKind::State)
    }

    /// The CAMEO actor type code this kind codes as, where there is one.
    pub fn cameo_type(&self) -> Option<&'static str> {
        match self {
            EntityKind::GovernmentBody => Some("GOV"),
            EntityKind::ArmedForce => Some("MIL"),
            EntityKind::Intergovernmental | EntityKind::Mission => Some("IGO"),
            EntityKind::MediaOutlet => Some("MED"),
            EntityKind::Organisation => Some("NGO"),
            _ => None,
        }
    }
}

/// An ISO 3166-1 alpha-3 country code, as CAMEO and GDELT stack it into actor codes
/// (`FRA`, `USA`, `DEU`).
///
/// Only the form is checked (three ASCII capitals), so that codes for entities ISO does not
/// list, such as CAMEO's `EUR`, remain usable.
///
/// ```
/// use eventkg::CountryCode;
/// let france: CountryCode = "FRA".parse()?;
/// assert_eq!(france.as_str(), "FRA");
/// assert!("fr".parse::<CountryCode>().is_err());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// The code, if `code` is three ASCII capital letters.
    pub fn new(code: &str) -> Result<Self, Error> {
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Ok(CountryCode([*a, *b, *c]))
            }
            _ => Err(ErrorKind::InvalidValue {
                what: "country code",
                value: code.to_owned(),
                reason: "expected three capital letters (ISO 3166-1 alpha-3, e.g. `FRA`)".into(),
            }
            .into()),
        }
    }

    /// The code for three letters `A`–`Z`, each taken modulo 26 onto the alphabet.
    #[cfg(feature = "workload")]
    pub(crate) fn from_letters(letters: [u8; 3]) -> Self {
        CountryCode(letters.map(|l| b'A' + l % 26))
    }

    /// The three letters.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = Error;
    fn from_str(code: &str) -> Result<Self, Error> {
        CountryCode::new(code)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::from_text::from_text(
            deserializer,
            "a three-letter country code",
            CountryCode::new,
        )
    }
}

/// A person, state, body, outlet, place or group, known by a canonical name and its aliases.
///
/// Built with [`Entity::new`] and the chained setters, then added with
/// [`EventGraph::add_entity`](crate::EventGraph::add_entity), which validates it.
///
/// ```
/// use eventkg::{Entity, EntityKind};
/// let burkhardt = Entity::new(EntityKind::Person, "Thierry Burkhardt")
///     .alias("Burkhard")
///     .country("FRA".parse()?);
/// assert_eq!(burkhardt.names().collect::<Vec<_>>(), ["Thierry Burkhardt", "Burkhard"]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Entity {
    /// What the entity is.
    pub kind: EntityKind,
    /// The canonical name, as shown in exports.
    pub name: String,
    /// Other names the entity goes by: spellings, short forms, metonyms ("Paris" for France).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The country the entity belongs to or acts for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Where a place lies, as a gazetteer gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// Free key–value attributes (a Wikidata QID, a CAMEO code, …).
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Where the entity is mentioned.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
    /// Entities found to be this one and joined into it, each kept as it was with the word
    /// it was joined on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<Joined>,
}

impl Entity {
    /// An entity of `kind` called `name`, with no aliases, country, attributes or sources.
    pub fn new(kind: EntityKind, name: impl Into<String>) -> Self {
        Entity {
            kind,
            name: name.into(),
            aliases: Vec::new(),
            country: None,
            coordinates: None,
            attributes: Attributes::new(),
            sources: Sources::new(),
            joined: Vec::new(),
        }
    }

    /// Adds another name the entity goes by.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Sets the country the entity belongs to.
    pub fn country(mut self, country: CountryCode) -> Self {
        self.country = Some(country);
        self
    }

    /// Sets where a place lies.
    pub fn coordinates(mut self, point: Coordinates) -> Self {
        self.coordinates = Some(point);
        self
    }

    /// The canonical name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

record_setters!(Entity, "mentions the entity");
