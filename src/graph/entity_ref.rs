//! An entity as the graph hands it out: a borrowed view with accessors, like every other
//! record, so that the store may keep names and aliases in its string table.

use serde::{Serialize, Serializer};

use super::EventGraph;
use super::entity_record::EntityRecord;
use crate::model::{Attributes, Coordinates, CountryCode, Entity, EntityKind, Joined, Source};

/// An entity of a graph, borrowed from it: what [`EventGraph::entity`] and every query that
/// yields entities hand out.
///
/// [`Entity`] is what goes in ([`add_entity`](EventGraph::add_entity), the closure of
/// [`update_entity`](EventGraph::update_entity)); [`to_entity`](Self::to_entity) makes one
/// from a view.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))?;
/// let entity = graph.entity(france).unwrap();
/// assert_eq!((entity.kind(), entity.name()), (&EntityKind::State, "France"));
/// assert_eq!(entity.aliases().collect::<Vec<_>>(), ["Paris"]);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct EntityRef<'g> {
    graph: &'g EventGraph,
    record: &'g EntityRecord,
}

impl<'g> EntityRef<'g> {
    pub(crate) fn new(graph: &'g EventGraph, record: &'g EntityRecord) -> Self {
        EntityRef { graph, record }
    }

    /// What the entity is.
    pub fn kind(&self) -> &'g EntityKind {
        self.graph.entity_kinds.get(self.record.kind)
    }

    /// The canonical name, as shown in exports.
    pub fn name(&self) -> &'g str {
        self.record.name(&self.graph.strings)
    }

    /// Other names the entity goes by: spellings, short forms, metonyms ("Paris" for France).
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &'g str> + DoubleEndedIterator + 'g {
        self.record.aliases(&self.graph.strings)
    }

    /// The aliases as a vector, for comparing.
    fn alias_list(&self) -> Vec<&'g str> {
        self.aliases().collect()
    }

    /// The canonical name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &'g str> + 'g {
        std::iter::once(self.name()).chain(self.aliases())
    }

    /// The country the entity belongs to or acts for.
    pub fn country(&self) -> Option<CountryCode> {
        self.record.country
    }

    /// Where a place lies, as a gazetteer gives it.
    pub fn coordinates(&self) -> Option<Coordinates> {
        self.record.rare().coordinates
    }

    /// Free key–value attributes (a Wikidata QID, a CAMEO code, …).
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.rare().attributes
    }

    /// Where the entity is mentioned.
    pub fn sources(&self) -> &'g [Source] {
        self.graph.source_lists.get(self.record.sources)
    }

    /// Entities found to be this one and joined into it, each kept as it was with the word
    /// it was joined on.
    pub fn joined(&self) -> &'g [Joined] {
        &self.record.rare().joined
    }

    /// The entity as an owned value, to change and give back, or to keep past the graph.
    pub fn to_entity(&self) -> Entity {
        Entity {
            kind: self.kind().clone(),
            name: self.name().to_owned(),
            aliases: self.aliases().map(str::to_owned).collect(),
            country: self.country(),
            coordinates: self.coordinates(),
            attributes: self.attributes().clone(),
            sources: self.sources().into(),
            joined: self.joined().to_vec(),
        }
    }
}

super::record_view::record_view_traits!(
    EntityRef,
    to_entity,
    [
        kind,
        name,
        alias_list,
        country,
        coordinates,
        attributes,
        sources,
        joined
    ]
);

impl PartialEq<Entity> for EntityRef<'_> {
    fn eq(&self, other: &Entity) -> bool {
        *self.kind() == other.kind
            && self.name() == other.name
            && self.aliases().eq(other.aliases.iter().map(String::as_str))
            && self.country() == other.country
            && self.coordinates() == other.coordinates
            && *self.attributes() == other.attributes
            && self.sources() == other.sources.as_slice()
            && self.joined() == other.joined
    }
}

/// Written as the [`Entity`] it reads back would be, field for field.
impl Serialize for EntityRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Entity")]
        struct Fields<'a> {
            kind: &'a EntityKind,
            name: &'a str,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            aliases: Vec<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            country: Option<CountryCode>,
            #[serde(skip_serializing_if = "Option::is_none")]
            coordinates: Option<Coordinates>,
            #[serde(skip_serializing_if = "super::record_view::no_attributes")]
            attributes: &'a Attributes,
            #[serde(skip_serializing_if = "super::record_view::no_sources")]
            sources: &'a [Source],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            joined: &'a [Joined],
        }
        Fields {
            kind: self.kind(),
            name: self.name(),
            aliases: self.alias_list(),
            country: self.country(),
            coordinates: self.coordinates(),
            attributes: self.attributes(),
            sources: self.sources(),
            joined: self.joined(),
        }
        .serialize(serializer)
    }
}
