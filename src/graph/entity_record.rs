//! How the graph holds an entity: its name and aliases in the string table, its kind as a term
//! code, and what few entities have (coordinates, attributes, the records joined into it)
//! behind one pointer that is null for the rest. [`EntityRef`](super::EntityRef) reads it
//! back.

use super::sources::ListId;
use super::strings::{Strings, TextId};
use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{Attributes, Coordinates, CountryCode, Entity, EntityKind, Joined, Sources};

/// An entity as stored.
#[derive(Clone, Debug)]
pub(crate) struct EntityRecord {
    pub(crate) sources: Option<ListId>,
    aliases: Box<[TextId]>,
    rare: Option<Box<RareFields>>,
    name: TextId,
    pub(crate) kind: TermCode,
    pub(crate) country: Option<CountryCode>,
}

/// What few entities have: places have coordinates, records from a gazetteer or Wikidata
/// attributes, and few entities were joined from others.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RareFields {
    pub(crate) coordinates: Option<Coordinates>,
    pub(crate) attributes: Attributes,
    pub(crate) joined: Vec<Joined>,
}

/// What an entity without rare fields reads for them.
static NO_RARE_FIELDS: RareFields = RareFields {
    coordinates: None,
    attributes: Attributes::new(),
    joined: Vec::new(),
};

impl EntityRecord {
    /// Packs `entity`, interning its names and kind; its sources are handed back for the
    /// caller to hold once the record is packed.
    pub(crate) fn pack(
        entity: Entity,
        strings: &mut Strings,
        kinds: &mut Terms<EntityKind>,
    ) -> Result<(EntityRecord, Sources), Error> {
        let Entity {
            kind,
            name,
            aliases,
            country,
            coordinates,
            attributes,
            sources,
            joined,
        } = entity;
        let rare = RareFields {
            coordinates,
            attributes,
            joined,
        };
        let record = EntityRecord {
            sources: None,
            aliases: aliases
                .iter()
                .map(|alias| strings.intern(alias))
                .collect::<Result<_, _>>()?,
            rare: (rare != NO_RARE_FIELDS).then(|| Box::new(rare)),
            name: strings.intern(&name)?,
            kind: kinds.code(&kind, "entity kinds")?,
            country,
        };
        Ok((record, sources))
    }

    pub(crate) fn name<'s>(&self, strings: &'s Strings) -> &'s str {
        strings.get(self.name)
    }

    pub(crate) fn aliases<'s>(
        &'s self,
        strings: &'s Strings,
    ) -> impl ExactSizeIterator<Item = &'s str> + DoubleEndedIterator + 's {
        self.aliases.iter().map(|&alias| strings.get(alias))
    }

    /// The name, then the aliases.
    pub(crate) fn names<'s>(&'s self, strings: &'s Strings) -> impl Iterator<Item = &'s str> + 's {
        std::iter::once(self.name(strings)).chain(self.aliases(strings))
    }

    pub(crate) fn rare(&self) -> &RareFields {
        self.rare.as_deref().unwrap_or(&NO_RARE_FIELDS)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Entity, EntityKind, EventGraph};

    #[test]
    fn an_entity_is_held_in_40_bytes() {
        // As the public `Entity` it was 144 bytes, with a heap string for each name.
        assert_eq!(std::mem::size_of::<super::EntityRecord>(), 40);
    }

    #[test]
    fn names_are_held_once_in_the_string_table() {
        let mut graph = EventGraph::new();
        let id = graph
            .add_entity(Entity::new(EntityKind::State, "A made-up state").alias("Made-up"))
            .unwrap();
        let held = graph.strings.bound();
        for _ in 0..10 {
            graph
                .update_entity(id, |e| e.country = Some("FRA".parse().unwrap()))
                .unwrap();
        }
        assert_eq!(graph.strings.bound(), held);
        let entity = graph.entity(id).unwrap();
        assert_eq!(
            entity.names().collect::<Vec<_>>(),
            ["A made-up state", "Made-up"]
        );
        assert!(graph.entities.get(id).unwrap().value.rare.is_none());
    }
}
