//! How the graph holds a participation: its role as a term code, since a role with its
//! `other:NAME` escape is as large as a `String`, and its attributes and confidence behind one
//! pointer that most participations leave null, since participations are the most numerous
//! records of a large graph.

use super::checks::max_confidence;
use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{
    Attributes, Confidence, EntityId, EventId, Participation, Polarity, Role, Sources,
};

/// A participation as stored.
#[derive(Clone, Debug)]
pub(crate) struct ParticipationRecord {
    pub(crate) sources: Sources,
    /// Attributes and a confidence short of certain, which few participations have: held
    /// behind one pointer, null for the rest, rather than 12 bytes in every record.
    rare: Option<Box<RareFields>>,
    pub(crate) entity: EntityId,
    pub(crate) event: EventId,
    pub(crate) role: TermCode,
    pub(crate) polarity: Polarity,
    /// Whether the role [takes part](Role::takes_part): read by every traversal that steps
    /// through the participation, and free beside the polarity.
    pub(crate) takes_part: bool,
}

/// What few participations have.
#[derive(Clone, Debug)]
struct RareFields {
    attributes: Attributes,
    confidence: Confidence,
}

static NO_ATTRIBUTES: Attributes = Attributes::new();

impl ParticipationRecord {
    pub(crate) fn attributes(&self) -> &Attributes {
        self.rare
            .as_ref()
            .map_or(&NO_ATTRIBUTES, |rare| &rare.attributes)
    }

    pub(crate) fn confidence(&self) -> Confidence {
        self.rare
            .as_ref()
            .map_or(Confidence::CERTAIN, |rare| rare.confidence)
    }

    /// Takes in what a restatement of the participation adds: attributes it lacks, and the
    /// higher of the two confidences.
    pub(crate) fn restated(&mut self, attributes: &Attributes, confidence: Confidence) {
        let higher = max_confidence(self.confidence(), confidence);
        if attributes.is_empty() && higher == self.confidence() {
            return;
        }
        let rare = self.rare.get_or_insert_with(|| {
            Box::new(RareFields {
                attributes: Attributes::new(),
                confidence: Confidence::CERTAIN,
            })
        });
        rare.attributes.fill_from(attributes);
        rare.confidence = higher;
    }

    /// Packs `participation`, interning its role.
    pub(crate) fn pack(
        participation: Participation,
        roles: &mut Terms<Role>,
    ) -> Result<ParticipationRecord, Error> {
        let Participation {
            entity,
            role,
            event,
            polarity,
            confidence,
            attributes,
            sources,
        } = participation;
        let takes_part = role.takes_part();
        let rare = (!attributes.is_empty() || confidence != Confidence::CERTAIN).then(|| {
            Box::new(RareFields {
                attributes,
                confidence,
            })
        });
        Ok(ParticipationRecord {
            takes_part,
            sources,
            rare,
            entity,
            event,
            role: roles.code(&role, "roles")?,
            polarity,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        Confidence, Entity, EntityKind, Event, EventGraph, EventKind, Participation, Role,
    };

    #[test]
    fn rare_fields_are_held_only_when_stated_and_kept_on_restatement() {
        let mut graph = EventGraph::new();
        let who = graph
            .add_entity(Entity::new(EntityKind::Person, "A made-up envoy"))
            .unwrap();
        let talks = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
        let plain = Participation::new(who, Role::Initiator, talks);
        let id = graph.add_participation(plain.clone()).unwrap();
        assert!(graph.participations.get(id).unwrap().value.rare.is_none());

        let mut restated = plain;
        restated.confidence = Confidence::new(0.5).unwrap();
        restated.attributes.insert("channel", "letter");
        assert_eq!(graph.add_participation(restated.clone()).unwrap(), id);
        let held = graph.participation(id).unwrap();
        // The higher confidence stays (certain, from the first statement); the attribute is added.
        assert_eq!(held.confidence(), Confidence::CERTAIN);
        assert_eq!(held.attributes().get("channel"), Some("letter"));

        let doubtful = graph
            .add_participation(
                Participation::new(who, Role::Target, talks)
                    .confidence(Confidence::new(0.25).unwrap()),
            )
            .unwrap();
        assert_eq!(
            graph.participation(doubtful).unwrap().confidence(),
            Confidence::new(0.25).unwrap()
        );
        assert!(
            graph
                .participation(doubtful)
                .unwrap()
                .attributes()
                .is_empty()
        );
    }
}
