//! What an entity was before another was joined into it, and on whose word.

use serde::{Deserialize, Serialize};

use super::{Entity, Sources};

/// An entity joined into another, kept whole on the one that remains: its name, kind,
/// aliases, country and attributes as they were, the sources that mentioned it, and the
/// sources on whose word the two were found to be one (a graph file's `same_as`, or what
/// [`EventGraph::merge_entities`](crate::EventGraph::merge_entities) was given).
///
/// So an export can say that two records were joined, and on whose word; nothing the joined
/// record said is lost, not even an attribute the kept one gives differently.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let doc = graph.add_document(Document::new("courier"))?;
/// let varek = graph.add_entity(Entity::new(EntityKind::Person, "Varek Tolminsky"))?;
/// let again = graph.add_entity(Entity::new(EntityKind::Person, "President Tolminskiy"))?;
/// graph.merge_entities(varek, again, Sources::from(Source::new(doc)))?;
/// let kept = graph.entity(varek).unwrap();
/// assert_eq!(kept.aliases().collect::<Vec<_>>(), ["President Tolminskiy"]);
/// assert_eq!(kept.joined()[0].entity.name, "President Tolminskiy");
/// assert_eq!(kept.joined()[0].sources[0].document, doc);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Joined {
    /// The entity as it was before it was joined (its own joined records move to the kept
    /// entity's list).
    pub entity: Entity,
    /// On whose word the two are one.
    #[serde(default, skip_serializing_if = "Sources::is_empty")]
    pub sources: Sources,
}

impl Joined {
    /// `entity`, joined on the word of `sources`.
    pub fn new(entity: Entity, sources: Sources) -> Self {
        Joined { entity, sources }
    }
}
