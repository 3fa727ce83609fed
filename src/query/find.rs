//! Finding entities by id, name or alias, with ranked suggestions for near misses.

use crate::ErrorKind;
use crate::graph::normalize_name;
use crate::model::EntityKind;
use crate::model::{EntityId, EventId};
use crate::query::resolve::{NameForm, score_names};
use crate::{Error, EventGraph};

/// A known name close to the one asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion<'g> {
    /// The entity that goes by the name.
    pub entity: EntityId,
    /// The name or alias, as the entity spells it.
    pub name: &'g str,
    /// How close it is, from 0 to 1 (1: the same after normalisation).
    pub score: f64,
}

impl EventGraph {
    /// The entity that `text` names: an id as displayed (`entity#3`), or else a name or alias
    /// as [`find_entity`](EventGraph::find_entity) reads it.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let kirby = graph.add_entity(Entity::new(EntityKind::Person, "John Kirby").alias("Kirby"))?;
    /// assert_eq!(graph.lookup_entity("entity#0")?, kirby);
    /// assert_eq!(graph.lookup_entity("KIRBY")?, kirby);
    /// assert!(graph.lookup_entity("entity#9").is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn lookup_entity(&self, text: &str) -> Result<EntityId, Error> {
        match text.parse::<EntityId>() {
            Ok(id) if self.entity(id).is_some() => Ok(id),
            Ok(id) => Err(ErrorKind::UnknownEntity(id).into()),
            Err(_) => self.find_entity(text),
        }
    }

    /// The event that `text` names: an id as displayed (`event#3`), or else a key; an unknown
    /// key's error suggests the closest one.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let talks = graph.add_event(Event::new(EventKind::Meeting).key("talks-june"))?;
    /// assert_eq!(graph.lookup_event("event#0")?, talks);
    /// assert_eq!(graph.lookup_event("talks-june")?, talks);
    /// assert!(graph.lookup_event("talks-juen").unwrap_err().to_string().contains("talks-june"));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn lookup_event(&self, text: &str) -> Result<EventId, Error> {
        match text.parse::<EventId>() {
            Ok(id) if self.event(id).is_some() => Ok(id),
            Ok(id) => Err(ErrorKind::UnknownEvent(id).into()),
            Err(_) => self.event_by_key(text),
        }
    }

    /// The event `text` names as [`lookup_event`](Self::lookup_event) reads it, a key first;
    /// cheap on a miss, for readers that try an event before an entity.
    pub(crate) fn find_event_text(&self, text: &str) -> Option<EventId> {
        self.event_with_key(text).or_else(|| {
            text.parse::<EventId>()
                .ok()
                .filter(|&id| self.event(id).is_some())
        })
    }

    /// Known names and aliases close to `name`, best first, at most `limit` of them and one per
    /// entity: close letter by letter (Jaro–Winkler), or word by word as
    /// [`resolution_candidates`](Self::resolution_candidates) compares names ("Tolminskiy"
    /// finds "Varek Tolminsky", "Minister Kvist" finds "Hallvard Quist"). Scans the name
    /// index, reading each name's words: O(number of names), about half a second at 100,000.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// graph.add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").alias("Macron"))?;
    /// graph.add_entity(Entity::new(EntityKind::Person, "Mario Draghi"))?;
    /// let names: Vec<&str> = graph.suggest("Macon", 3).map(|s| s.name).collect();
    /// assert_eq!(names, ["Macron"]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn suggest(&self, name: &str, limit: usize) -> impl Iterator<Item = Suggestion<'_>> {
        let wanted = normalize_name(name);
        // The name read as resolution reads it, a person's titles set aside or not: a near
        // miss may be a word away ("Tolminskiy" for "Varek Tolminsky"), not only a letter.
        let forms = [NameForm::of(name, false), NameForm::of(name, true)];
        let mut found: Vec<Suggestion<'_>> = Vec::new();
        for (key, entity) in self.indexed_names() {
            let letters = strsim::jaro_winkler(&wanted, key);
            {
                let person = self
                    .entity(entity)
                    .is_some_and(|e| e.kind() == EntityKind::Person);
                let words = score_names(&forms[usize::from(person)], &NameForm::of(key, person))
                    .unwrap_or(0.0);
                let score = letters.max(words);
                if score < 0.8 {
                    continue;
                }
                let spelled = self
                    .entity(entity)
                    .and_then(|e| e.names().find(|n| normalize_name(n) == key));
                if let Some(spelled) = spelled {
                    found.push(Suggestion {
                        entity,
                        name: spelled,
                        score,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.cmp(b.name))
                .then(a.entity.cmp(&b.entity))
        });
        let mut seen = std::collections::HashSet::new();
        found.retain(|s| seen.insert(s.entity));
        found.truncate(limit);
        found.into_iter()
    }
}
