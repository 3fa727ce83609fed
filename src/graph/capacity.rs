//! Room made ahead for a bulk build.

use super::*;

/// How many more records of each kind a graph is about to take, for
/// [`EventGraph::reserve`]. A loader that knows its input's size (a file of a million rows,
/// a generated workload) makes room once, and the graph's tables and indexes are not grown
/// by doubling, copied at each step, while it loads.
///
/// ```
/// use eventkg::{Capacity, EventGraph};
/// let mut graph = EventGraph::new();
/// graph.reserve(Capacity::new().events(1_000_000).participations(2_000_000).documents(200_000));
/// assert_eq!(graph.event_count(), 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capacity {
    entities: usize,
    names: Option<usize>,
    documents: usize,
    events: usize,
    participations: usize,
    relations: usize,
}

impl Capacity {
    /// Room for nothing more; each kind is set on its own.
    pub fn new() -> Self {
        Capacity::default()
    }

    /// Room for `n` more entities.
    pub fn entities(mut self, n: usize) -> Self {
        self.entities = n;
        self
    }

    /// Room for `n` more names and aliases, all the new entities' together; one an entity
    /// if unset. The names' table and index are hashed: grown while a build fills them,
    /// each is read through again to rehash it, a miss in the cache a name.
    ///
    /// ```
    /// use eventkg::Capacity;
    /// // A hundred thousand actors, known by a name and an alias each on average.
    /// let capacity = Capacity::new().entities(100_000).names(200_000);
    /// # let _ = capacity;
    /// ```
    pub fn names(mut self, n: usize) -> Self {
        self.names = Some(n);
        self
    }

    /// Room for `n` more documents.
    pub fn documents(mut self, n: usize) -> Self {
        self.documents = n;
        self
    }

    /// Room for `n` more events.
    pub fn events(mut self, n: usize) -> Self {
        self.events = n;
        self
    }

    /// Room for `n` more participations.
    pub fn participations(mut self, n: usize) -> Self {
        self.participations = n;
        self
    }

    /// Room for `n` more relations.
    pub fn relations(mut self, n: usize) -> Self {
        self.relations = n;
        self
    }
}

impl EventGraph {
    /// Makes room for the records `capacity` names. A hint: a wrong guess costs memory or a
    /// later growth, never a wrong answer, and the graph is the same with or without it.
    ///
    /// ```
    /// use eventkg::{Capacity, Entity, EntityKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// graph.reserve(Capacity::new().entities(2));
    /// graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// assert_eq!(graph.entity_count(), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn reserve(&mut self, capacity: Capacity) {
        let Capacity {
            entities,
            names,
            documents,
            events,
            participations,
            relations,
        } = capacity;
        self.entities.reserve(entities);
        // An entity's name, at least, is interned and indexed.
        let names = names.unwrap_or(entities);
        self.strings.reserve(names);
        self.names.reserve(names);
        self.documents.reserve(documents);
        self.source_lists.reserve(documents);
        self.document_keys.reserve(documents);
        self.events.reserve(events);
        self.event_keys.reserve(events);
        self.participations.reserve(participations);
        self.relations.reserve(relations);
        self.kinds.reserve(relations);
        self.links
            .reserve(entities, events, participations, relations);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Document, Entity, EntityKind, Event, EventKind, Participation, Relation, RelationKind,
        Role, Source,
    };
    use crate::{Capacity, Error, EventGraph};

    /// A made-up graph built into `graph`, with a removal in the middle, so that room made
    /// ahead meets tables with holes.
    fn build(mut graph: EventGraph) -> Result<EventGraph, Error> {
        let article = graph.add_document(Document::new("made-up-article"))?;
        let a = graph.add_entity(Entity::new(EntityKind::State, "Made-up State"))?;
        let b = graph.add_entity(Entity::new(EntityKind::Organisation, "Made-up Body"))?;
        for i in 0..40 {
            let event = graph.add_event(
                Event::new(EventKind::Meeting)
                    .key(format!("meeting-{i}"))
                    .source(Source::new(article)),
            )?;
            graph.add_participation(
                Participation::new(a, Role::Initiator, event).source(Source::new(article)),
            )?;
            if i == 20 {
                graph.remove_event(event)?;
            }
        }
        graph.add_relation(Relation::new(a, RelationKind::MemberOf, b))?;
        Ok(graph)
    }

    #[test]
    fn room_made_ahead_changes_nothing_in_the_graph() -> Result<(), Error> {
        let plain = build(EventGraph::new())?;
        let mut roomy = EventGraph::new();
        roomy.reserve(
            Capacity::new()
                .entities(5)
                .documents(3)
                .events(100)
                .participations(7)
                .relations(1),
        );
        let mut roomy = build(roomy)?;
        // More room on a graph that already has records (and a hole) changes nothing either.
        roomy.reserve(
            Capacity::new()
                .events(1_000)
                .participations(2_000)
                .names(50),
        );
        let json = |g: &EventGraph| crate::io::json::to_string(g, false);
        assert_eq!(json(&plain)?, json(&roomy)?);
        let more =
            |g: &mut EventGraph| g.add_event(Event::new(EventKind::Statement).key("made-up-last"));
        assert_eq!(more(&mut build(EventGraph::new())?)?, more(&mut roomy)?);
        Ok(())
    }
}
