//! Entities: actors, bodies and places, their names and aliases, merged and joined.

use super::names::same_name;
use super::*;
use crate::model::{Coordinates, CountryCode};
use smallvec::SmallVec;

/// The entities that go by one name, as the name index lists them.
pub(crate) type Named = SmallVec<[EntityId; 2]>;

impl EventGraph {
    /// Adds an entity and indexes its name and aliases.
    ///
    /// Refused: a blank name or alias, unknown documents or entities in its sources, and a
    /// second entity of the same kind with the same canonical name (after
    /// [normalisation](normalize_name)); use [`merge_entity`](Self::merge_entity) to fold a
    /// restatement into the existing one. Entities of different kinds may share a name
    /// ("Georgia" the state and "Georgia" the place); looking that name up reports it as
    /// ambiguous.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// graph.add_entity(Entity::new(EntityKind::State, "Germany"))?;
    /// let again = graph.add_entity(Entity::new(EntityKind::State, "GERMANY")).unwrap_err();
    /// assert!(matches!(again.kind(), ErrorKind::DuplicateEntity { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_entity(&mut self, entity: Entity) -> Result<EntityId, Error> {
        self.check_entity(&entity, None)?;
        let id = self.entities.next_id("entities")?;
        self.insert_entity(id, entity)
    }

    pub(super) fn insert_entity(
        &mut self,
        id: EntityId,
        entity: Entity,
    ) -> Result<EntityId, Error> {
        let record = self.pack_entity(entity, id)?;
        let kind = record.kind;
        self.entities.push(Placed { value: record });
        self.links.entry_mut(id).kind = kind;
        Ok(id)
    }

    /// Packs an entity for its table under `id`, holds its sources and indexes its names:
    /// all of that, or on an error none of it.
    fn pack_entity(&mut self, entity: Entity, id: EntityId) -> Result<EntityRecord, Error> {
        let (mut record, sources) =
            EntityRecord::pack(entity, &mut self.strings, &mut self.entity_kinds)?;
        record.sources = self.source_lists.hold(sources)?;
        // A record's names, new and kept, are indexed before it replaces its old value, so
        // that a name it keeps is never out of the index.
        self.names.insert_all(record.names(&self.strings), id);
        Ok(record)
    }

    pub(super) fn check_entity(
        &self,
        entity: &Entity,
        this: Option<EntityId>,
    ) -> Result<(), Error> {
        check_name("entity name", &entity.name)?;
        check_attributes(&entity.attributes)?;
        for alias in &entity.aliases {
            check_name("alias", alias)?;
        }
        if let Some(existing) = self.same_entity(entity, this) {
            return Err(ErrorKind::DuplicateEntity {
                name: entity.name.clone(),
                kind: entity.kind.clone(),
                existing,
            }
            .into());
        }
        for joined in &entity.joined {
            check_name("entity name", &joined.entity.name)?;
            self.check_sources(&joined.entity.sources)?;
            self.check_sources(&joined.sources)?;
        }
        self.check_sources(&entity.sources)
    }

    /// Another entity of the same kind and canonical name.
    pub(super) fn same_entity(&self, entity: &Entity, this: Option<EntityId>) -> Option<EntityId> {
        self.same_named_among(
            &self.names.get(&entity.name),
            &entity.kind,
            &entity.name,
            this,
        )
    }

    /// The entity among `ids` of this kind whose canonical name is `name`.
    fn same_named_among(
        &self,
        ids: &[EntityId],
        kind: &EntityKind,
        name: &str,
        this: Option<EntityId>,
    ) -> Option<EntityId> {
        ids.iter().copied().find(|&id| {
            Some(id) != this
                && self
                    .entity(id)
                    .is_some_and(|other| *other.kind() == *kind && same_name(other.name(), name))
        })
    }

    /// Whether an entity of `kind`, folded into `held`, would give it a name that another
    /// entity of the same kind already goes by; `named` holds the entities that go by each of
    /// its names.
    fn adds_a_name_of_another(&self, held: EntityId, kind: &EntityKind, named: &[Named]) -> bool {
        named.iter().any(|ids| {
            !ids.contains(&held)
                && ids.iter().any(|&other| {
                    other != held && self.entity(other).is_some_and(|e| *e.kind() == *kind)
                })
        })
    }

    /// The entities an entity of `kind` named `name` restates, `named` holding the entities
    /// that go by each of its names: the one of this kind that bears this very name, even when
    /// others share an alias it already has, unless a new alias of it names another entity;
    /// else every entity of this kind that goes by one of its names.
    fn restated(&self, kind: &EntityKind, name: &str, named: &[Named]) -> SmallVec<[EntityId; 2]> {
        let mut matches: SmallVec<[EntityId; 2]> = named
            .first()
            .and_then(|ids| self.same_named_among(ids, kind, name, None))
            .filter(|&id| !self.adds_a_name_of_another(id, kind, named))
            .into_iter()
            .collect();
        if matches.is_empty() {
            for &id in named.iter().flatten() {
                let same_kind = self.entity(id).is_some_and(|e| *e.kind() == *kind);
                if same_kind && !matches.contains(&id) {
                    matches.push(id);
                }
            }
        }
        matches
    }

    /// The entity that a restatement of an entity of `kind` named `name` folds into, when
    /// folding it changes nothing: it restates one entity, which goes by every one of its
    /// names (`named`, the entities that go by each) and has the country and coordinates it
    /// gives, where it gives them. The restatement must bring nothing else (no attribute, no
    /// joined entity, no sources), for [`merge_entity`](Self::merge_entity) to leave the
    /// entity as it is too; `None` says only that the merge has something to decide.
    ///
    /// An actor named by one article after another is restated so, in every article: this
    /// answers without the `Entity` a merge takes.
    pub(crate) fn restates_as_is(
        &self,
        kind: &EntityKind,
        name: &str,
        named: &[Named],
        (country, coordinates): (Option<CountryCode>, Option<Coordinates>),
    ) -> Option<EntityId> {
        let [id] = self.restated(kind, name, named)[..] else {
            return None;
        };
        let existing = self.entity(id)?;
        let as_is = named.iter().all(|ids| ids.contains(&id))
            && country.is_none_or(|given| existing.country() == Some(given))
            && coordinates.is_none_or(|given| existing.coordinates() == Some(given));
        as_is.then_some(id)
    }

    /// Adds an entity, or folds it into the one of the same kind that already goes by one of
    /// its names: new names become aliases, new sources and attributes are added, a missing
    /// country is filled in. Returns the id of the entity that holds it.
    ///
    /// A country, coordinates or attribute value the entity holds otherwise than `entity`
    /// gives is kept. Merging a graph file or a graph reports each such value
    /// ([`MergeReport::kept`]); a caller of this method has both at hand.
    ///
    /// The entity of the same kind whose name is this entity's name is the one it restates,
    /// unless that would give it a new alias another entity goes by; several entities that
    /// share one of its names are an [`ErrorKind::AmbiguousName`].
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let first = graph.add_entity(Entity::new(EntityKind::Person, "Thierry Burkhardt"))?;
    /// let second = graph.merge_entity(
    ///     Entity::new(EntityKind::Person, "Burkhard").alias("Thierry Burkhardt"),
    /// )?;
    /// assert_eq!(first, second);
    /// assert_eq!(graph.entity(first).unwrap().aliases().collect::<Vec<_>>(), ["Burkhard"]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge_entity(&mut self, entity: Entity) -> Result<EntityId, Error> {
        let named = self.named(entity.names());
        self.merge_entity_named(entity, &named)
    }

    /// The entities that go by each of an entity's `names`, in order (its own name first).
    ///
    /// Each name is looked up once, and what a merge asks of the names is answered from these
    /// lists: a restated entity is the common case of a corpus (an actor named by one article
    /// after another), and every lookup reads the index and the name's text at random places
    /// of a large graph.
    pub(crate) fn named<'n>(&self, names: impl Iterator<Item = &'n str>) -> SmallVec<[Named; 4]> {
        names.map(|name| self.names.get(name)).collect()
    }

    /// [`merge_entity`](Self::merge_entity), with the entities that go by each of its names
    /// (from [`named`](Self::named), with nothing changed since).
    pub(crate) fn merge_entity_named(
        &mut self,
        entity: Entity,
        named: &[Named],
    ) -> Result<EntityId, Error> {
        let matches = self.restated(&entity.kind, &entity.name, named);
        match matches[..] {
            [] => self.add_entity(entity),
            [id] => {
                let mut entity = entity;
                let sources = std::mem::take(&mut entity.sources);
                self.check_sources(&sources)?;
                let existing = self.entity_checked(id)?;
                let new_name = named.iter().any(|ids| !ids.contains(&id));
                let new_place = existing.country().is_none() && entity.country.is_some()
                    || existing.coordinates().is_none() && entity.coordinates.is_some();
                let new_attribute = entity
                    .attributes
                    .iter()
                    .any(|(key, _)| existing.attributes().get(key).is_none());
                let mut differing = Differing::default();
                let place = (existing.country(), entity.country);
                differing.field(KeptField::Country, place.0, place.1, show_country);
                let place = (existing.coordinates(), entity.coordinates);
                differing.field(KeptField::Coordinates, place.0, place.1, show_coordinates);
                differing.attributes(existing.attributes(), &entity.attributes);
                let joined: Vec<crate::model::Joined> = std::mem::take(&mut entity.joined)
                    .into_iter()
                    .filter(|j| {
                        !existing.joined().iter().any(|held| {
                            held.entity.name == j.entity.name && held.entity.kind == j.entity.kind
                        })
                    })
                    .collect();
                // A restatement that only cites the entity again (the common case: an actor
                // named by one article after another) leaves the record as it is and appends
                // its sources.
                if new_name || new_place || new_attribute || !joined.is_empty() {
                    self.update_entity(id, |existing| {
                        existing.joined.extend(joined);
                        for name in entity.names() {
                            if !existing.names().any(|known| same_name(known, name)) {
                                existing.aliases.push(name.to_owned());
                            }
                        }
                        existing.country = existing.country.or(entity.country);
                        existing.coordinates = existing.coordinates.or(entity.coordinates);
                        existing.attributes.fill_from(&entity.attributes);
                    })?;
                }
                self.restate_sources(RecordId::Entity(id), &sources)?;
                self.note_kept(RecordId::Entity(id), differing);
                Ok(id)
            }
            _ => Err(ErrorKind::AmbiguousName {
                name: entity.name.clone(),
                candidates: self.with_names(matches.into_vec()),
            }
            .into()),
        }
    }

    fn with_names(&self, ids: Vec<EntityId>) -> Vec<(EntityId, String)> {
        ids.into_iter()
            .map(|id| {
                (
                    id,
                    self.entity(id)
                        .map_or(String::new(), |e| e.name().to_owned()),
                )
            })
            .collect()
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<EntityRef<'_>> {
        self.entities
            .get(id)
            .map(|p| EntityRef::new(self, &p.value))
    }

    /// An entity's kind, read where its facts are linked rather than from its record (see
    /// [`links`]); none for an unknown entity.
    pub(super) fn entity_kind(&self, id: EntityId) -> Option<&EntityKind> {
        if !self.entities.contains(id) {
            return None;
        }
        self.entity_kinds.try_get(self.links.entry(id)?.kind)
    }

    pub(super) fn entity_checked(&self, id: EntityId) -> Result<EntityRef<'_>, Error> {
        self.entity(id)
            .ok_or_else(|| ErrorKind::UnknownEntity(id).into())
    }

    /// Every entity, in insertion order.
    pub fn entities(&self) -> impl DoubleEndedIterator<Item = (EntityId, EntityRef<'_>)> {
        self.entities
            .iter()
            .map(|(id, p)| (id, EntityRef::new(self, &p.value)))
    }

    /// The entities of one kind, in insertion order.
    pub fn entities_of_kind(
        &self,
        kind: EntityKind,
    ) -> impl DoubleEndedIterator<Item = (EntityId, EntityRef<'_>)> {
        self.entities().filter(move |(_, e)| *e.kind() == kind)
    }

    /// Every entity that goes by `name` (canonical or alias, [normalised](normalize_name)), in
    /// insertion order. O(1) on average.
    pub fn entities_named(&self, name: &str) -> impl Iterator<Item = EntityId> + '_ {
        self.names.get(name).into_iter()
    }

    /// The one entity that goes by `name`.
    ///
    /// An unknown name is an [`ErrorKind::UnknownName`] with the closest known name or alias; a
    /// name several entities go by is an [`ErrorKind::AmbiguousName`] listing them, never resolved
    /// silently.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, ErrorKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))?;
    /// graph.add_entity(Entity::new(EntityKind::Place, "Paris"))?;
    /// assert_eq!(graph.find_entity("FRANCE")?, france);
    /// let paris = graph.find_entity("Paris").unwrap_err();
    /// assert!(matches!(paris.kind(), ErrorKind::AmbiguousName { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn find_entity(&self, name: &str) -> Result<EntityId, Error> {
        let ids = self.names.get(name);
        match ids[..] {
            [id] => Ok(id),
            [] => Err(ErrorKind::UnknownName {
                name: name.to_owned(),
                suggestion: self.names.nearest(name).map(|(key, id)| {
                    self.entity(id)
                        .and_then(|e| e.names().find(|n| normalize_name(n) == key))
                        .unwrap_or(key)
                        .to_owned()
                }),
            }
            .into()),
            _ => {
                // In id order, as the index gives them.
                Err(ErrorKind::AmbiguousName {
                    name: name.to_owned(),
                    candidates: self.with_names(ids.to_vec()),
                }
                .into())
            }
        }
    }

    /// Changes an entity through `change`, then validates and re-indexes it as
    /// [`add_entity`](Self::add_entity) would; on error the entity is left unchanged.
    ///
    /// ```
    /// use eventkg::{Entity, EntityKind, EventGraph};
    /// let mut graph = EventGraph::new();
    /// let id = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby"))?;
    /// graph.update_entity(id, |kirby| kirby.aliases.push("Kirby".into()))?;
    /// assert_eq!(graph.find_entity("kirby")?, id);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn update_entity(
        &mut self,
        id: EntityId,
        change: impl FnOnce(&mut Entity),
    ) -> Result<(), Error> {
        let mut entity = self.entity_checked(id)?.to_entity();
        change(&mut entity);
        self.check_entity(&entity, Some(id))?;
        self.note(Noted::Record(id.into()))?;
        let record = self.pack_entity(entity, id)?;
        let kept: Vec<String> = record.names(&self.strings).map(normalize_name).collect();
        let Some(slot) = self.entities.get_mut(id) else {
            self.source_lists.release(record.sources);
            return Err(ErrorKind::UnknownEntity(id).into());
        };
        let old = std::mem::replace(&mut slot.value, record);
        self.links.entry_mut(id).kind = slot.value.kind;
        self.source_lists.release(old.sources);
        for name in old.names(&self.strings) {
            if !kept.contains(&normalize_name(name)) {
                self.names.remove(name, id);
            }
        }
        Ok(())
    }

    /// Removes an entity together with its participations and relations, and returns it.
    ///
    /// Refused while anything else refers to the entity: a source attributed to it or reported
    /// through it, an event located in it, a document it published. Finding those scans every
    /// record: O(size of the graph). Other ids stay valid; this one is never handed out again.
    pub fn remove_entity(&mut self, id: EntityId) -> Result<Entity, Error> {
        self.entity_checked(id)?;
        let used_by = self
            .first_source_user(|s| s.attributed_to == Some(id) || s.reported_via.contains(&id))
            .or_else(|| {
                self.events()
                    .find(|(_, e)| {
                        e.location() == Some(id)
                            || e.values()
                                .of(EventField::Location)
                                .any(|v| v.value == FieldValue::Location(id))
                    })
                    .map(|(event, _)| format!("the location of {}", self.describe(event.into())))
            })
            .or_else(|| {
                self.documents()
                    .find(|(_, d)| d.publisher() == Some(id))
                    .map(|(doc, d)| format!("the publisher of {doc} {:?}", d.key()))
            });
        if let Some(used_by) = used_by {
            return Err(ErrorKind::InUse {
                record: self.describe(id.into()),
                used_by,
            }
            .into());
        }
        self.drop_entity(id)
            .ok_or_else(|| ErrorKind::UnknownEntity(id).into())
    }

    /// Removes an entity and its facts without asking whether anything refers to it: for
    /// callers that know nothing does.
    pub(super) fn drop_entity(&mut self, id: EntityId) -> Option<Entity> {
        let entity = self.entity(id)?.to_entity();
        self.remove_node_edges(id.into());
        let record = self.entities.remove(id)?.value;
        self.source_lists.release(record.sources);
        for name in record.names(&self.strings) {
            self.names.remove(name, id);
        }
        Some(entity)
    }

    pub(super) fn remove_node_edges(&mut self, node: NodeId) {
        self.forget_keyless();
        let facts = self.links.unlink_all(Spot::of(node));
        for fact in facts {
            match fact {
                FactId::Participation(id) => {
                    // Unlinked, a participation's ends are still where they were.
                    let ends = self.links.participation_ends(id);
                    if let (Some(slot), Some(ends)) = (self.participations.remove(id), ends) {
                        self.forget_participation(id, ends.entity, &slot.value);
                    }
                }
                FactId::Relation(id) => {
                    if let Some(slot) = self.relations.remove(id) {
                        self.unindex_relation(id, slot.value.index_key());
                        self.source_lists.release(slot.value.sources);
                    }
                }
            }
        }
    }

    /// A description of the first record with a source matching `cites`.
    pub(super) fn first_source_user(&self, cites: impl Fn(&Source) -> bool) -> Option<String> {
        let cited = |sources: &[Source]| sources.iter().any(&cites);
        // Every record's list is among the held lists, so an uncited value is found without
        // visiting the records; the lists of joined records are not among them.
        if !self.source_lists.iter().any(&cited)
            && self.entities().all(|(_, e)| e.joined().is_empty())
        {
            return None;
        }
        self.entities()
            .find(|(_, e)| cited(e.sources()))
            .map(|(id, _)| format!("a source of {}", self.describe(id.into())))
            .or_else(|| {
                self.entities()
                    .find(|(_, e)| {
                        e.joined()
                            .iter()
                            .any(|j| cited(&j.sources) || cited(&j.entity.sources))
                    })
                    .map(|(id, _)| {
                        format!(
                            "a source of a record joined into {}",
                            self.describe(id.into())
                        )
                    })
            })
            .or_else(|| {
                self.events()
                    .find(|(_, e)| cited(e.sources()))
                    .map(|(id, _)| format!("a source of {}", self.describe(id.into())))
            })
            .or_else(|| {
                self.participations()
                    .find(|(_, p)| cited(p.sources()))
                    .map(|(id, _)| format!("a source of {id}"))
            })
            .or_else(|| {
                self.relations()
                    .find(|(_, r)| cited(r.sources()))
                    .map(|(id, _)| format!("a source of {id}"))
            })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::model::{Coordinates, CountryCode, Entity, EntityKind};
    use crate::{EntityId, EventGraph};

    /// Made-up names, two of them folding to one form.
    const NAMES: [&str; 5] = ["Quist", "QUIST.", "Marr", "Tolminsky", "Ostrava Desk"];

    /// An entity of one of two kinds, with a name, up to two aliases, and maybe a country and
    /// coordinates, all drawn from small pools so that they meet.
    fn entity() -> impl Strategy<Value = Entity> {
        (
            any::<bool>(),
            0..NAMES.len(),
            proptest::collection::vec(0..NAMES.len(), 0..3),
            proptest::option::of(0..2usize),
            proptest::option::of(0..2usize),
        )
            .prop_map(|(person, name, aliases, country, placed)| {
                let kind = if person {
                    EntityKind::Person
                } else {
                    EntityKind::Organisation
                };
                let mut entity = Entity::new(kind, NAMES[name]);
                for alias in aliases {
                    entity = entity.alias(NAMES[alias]);
                }
                if let Some(country) = country {
                    let code = ["AAA", "BBB"][country];
                    entity = entity.country(CountryCode::new(code).unwrap());
                }
                if let Some(at) = placed {
                    let lat = [1.0, 3.0][at];
                    entity = entity.coordinates(Coordinates::new(lat, 2.0).unwrap());
                }
                entity
            })
    }

    proptest! {
        /// What `restates_as_is` finds is what `merge_entity` folds the restatement into,
        /// leaving the graph as it was, with no value kept against it.
        #[test]
        fn a_restatement_found_as_is_is_one_the_merge_leaves_alone(
            held in proptest::collection::vec(entity(), 0..6),
            restated in entity(),
        ) {
            let mut graph = EventGraph::new();
            for entity in held {
                // Entities that collide with one held are left out, as a file would refuse them.
                let _ = graph.add_entity(entity);
            }
            let named = graph.named(restated.names());
            let place = (restated.country, restated.coordinates);
            if let Some(id) = graph.restates_as_is(&restated.kind, &restated.name, &named, place) {
                let before = graph.clone();
                graph.begin();
                let merged: Result<EntityId, _> = graph.merge_entity(restated);
                prop_assert_eq!(merged.ok(), Some(id));
                prop_assert!(graph == before, "the merge changed the graph");
                prop_assert_eq!(graph.kept_count(), 0, "the merge kept a value against it");
                graph.commit();
            }
        }

        /// The entity an entity's canonical name names is the one found by folding every
        /// entity's name, through renames and undone merges.
        #[test]
        fn the_same_named_entity_is_the_one_folding_finds(
            held in proptest::collection::vec(entity(), 0..6),
            renames in proptest::collection::vec((0..6u32, 0..NAMES.len()), 0..4),
            undone in proptest::collection::vec(entity(), 0..3),
        ) {
            let mut graph = EventGraph::new();
            for entity in held {
                let _ = graph.add_entity(entity);
            }
            for (id, name) in renames {
                let _ = graph.update_entity(EntityId::new(id), |e| e.name = NAMES[name].into());
            }
            graph.begin();
            for entity in undone {
                let _ = graph.merge_entity(entity);
            }
            graph.rollback();
            for kind in [EntityKind::Person, EntityKind::Organisation] {
                for name in NAMES {
                    let folding = graph
                        .entities()
                        .find(|(_, e)| {
                            *e.kind() == kind
                                && crate::normalize_name(e.name()) == crate::normalize_name(name)
                        })
                        .map(|(id, _)| id);
                    let probe = Entity::new(kind.clone(), name);
                    prop_assert_eq!(graph.same_entity(&probe, None), folding, "{}", name);
                }
            }
        }
    }
}
