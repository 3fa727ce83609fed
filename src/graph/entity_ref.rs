//! An entity as the graph hands it out: a borrowed view with accessors, like every other
//! record, so that the store may keep names and aliases in its string table.

use super::EventGraph;
use crate::model::{Attributes, Coordinates, CountryCode, Entity, EntityKind, Joined, Sources};

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
    record: &'g Entity,
}

impl<'g> EntityRef<'g> {
    pub(crate) fn new(_graph: &'g EventGraph, record: &'g Entity) -> Self {
        EntityRef { record }
    }

    /// What the entity is.
    pub fn kind(&self) -> &'g EntityKind {
        &self.record.kind
    }

    /// The canonical name, as shown in exports.
    pub fn name(&self) -> &'g str {
        &self.record.name
    }

    /// Other names the entity goes by: spellings, short forms, metonyms ("Paris" for France).
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &'g str> + DoubleEndedIterator + 'g {
        self.record.aliases.iter().map(String::as_str)
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
        self.record.coordinates
    }

    /// Free key–value attributes (a Wikidata QID, a CAMEO code, …).
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.attributes
    }

    /// Where the entity is mentioned.
    pub fn sources(&self) -> &'g Sources {
        &self.record.sources
    }

    /// Entities found to be this one and joined into it, each kept as it was with the word
    /// it was joined on.
    pub fn joined(&self) -> &'g [Joined] {
        &self.record.joined
    }

    /// The entity as an owned value, to change and give back, or to keep past the graph.
    pub fn to_entity(&self) -> Entity {
        self.record.clone()
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
        self.record == other
    }
}
