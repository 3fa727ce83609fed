//! How the graph holds a participation: its role as a term code, since a role with its
//! `other:NAME` escape is as large as a `String`; its entity, event and flags only in the
//! adjacency's links, which hold them anyway; and its attributes and confidence, which few
//! participations have, in a side table of the graph. Participations are the most numerous
//! records of a large graph: this one is 8 bytes, its sources a 4-byte id into the graph's
//! table of lists.

use super::checks::max_confidence;
use super::links::Ends;
use super::sources::ListId;
use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{Attributes, Confidence, Participation, Role, Sources};

/// A participation as stored.
#[derive(Clone, Debug)]
pub(crate) struct ParticipationRecord {
    pub(crate) sources: Option<ListId>,
    pub(crate) role: TermCode,
    /// Whether the graph's side table holds [`RareFields`] for it, so that the rest never
    /// look there.
    pub(crate) rare: bool,
}

/// What few participations have: attributes, and a confidence short of certain. The default
/// is what the rest read: none, and certain.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RareFields {
    pub(crate) attributes: Attributes,
    pub(crate) confidence: Confidence,
}

/// What a participation without rare fields reads for them.
pub(crate) static NO_RARE_FIELDS: RareFields = RareFields {
    attributes: Attributes::new(),
    confidence: Confidence::CERTAIN,
};

impl RareFields {
    /// Takes in what a restatement adds: attributes it lacks, and the higher of the two
    /// confidences.
    pub(crate) fn restated(&mut self, stated: &RareFields) {
        self.attributes.fill_from(&stated.attributes);
        self.confidence = max_confidence(self.confidence, stated.confidence);
    }
}

/// A participation taken apart for the graph: its record, what goes to the links, and its
/// rare fields if it has any.
pub(crate) struct Packed {
    pub(crate) record: ParticipationRecord,
    pub(crate) ends: Ends,
    pub(crate) rare: Option<RareFields>,
    /// Its sources, for the caller to hold once the record is packed.
    pub(crate) sources: Sources,
}

impl ParticipationRecord {
    /// Takes `participation` apart, interning its role. Inlined: its result, handed back
    /// through memory and read at once, stalled the caller of every participation added.
    #[inline]
    pub(crate) fn pack(
        participation: Participation,
        roles: &mut Terms<Role>,
    ) -> Result<Packed, Error> {
        let Participation {
            entity,
            role,
            event,
            polarity,
            confidence,
            attributes,
            sources,
        } = participation;
        let rare = RareFields {
            attributes,
            confidence,
        };
        let rare = (rare != NO_RARE_FIELDS).then_some(rare);
        Ok(Packed {
            ends: Ends {
                entity,
                event,
                negated: polarity.is_negated(),
                takes_part: role.takes_part(),
            },
            record: ParticipationRecord {
                sources: None,
                role: roles.code(&role, "roles")?,
                rare: rare.is_some(),
            },
            rare,
            sources,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        Confidence, Document, Entity, EntityKind, Event, EventGraph, EventKind, Participation,
        Role, Source, Sources,
    };

    /// A made-up envoy taking part in made-up talks: the graph, the participation and its id.
    fn envoy_at_talks() -> (EventGraph, Participation, crate::ParticipationId) {
        let mut graph = EventGraph::new();
        let who = graph
            .add_entity(Entity::new(EntityKind::Person, "A made-up envoy"))
            .unwrap();
        let talks = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
        let plain = Participation::new(who, Role::Initiator, talks);
        let id = graph.add_participation(plain.clone()).unwrap();
        (graph, plain, id)
    }

    #[test]
    fn rare_fields_are_held_only_when_stated_and_kept_on_restatement() {
        let (mut graph, plain, id) = envoy_at_talks();
        let (who, talks) = (plain.entity, plain.event);
        assert!(!graph.participations.get(id).unwrap().value.rare);
        assert!(graph.participation_rare.is_empty());

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

    #[test]
    fn rare_fields_follow_their_participation_through_rollback_and_removal() {
        let (mut graph, plain, id) = envoy_at_talks();
        let (who, talks) = (plain.entity, plain.event);
        let before = graph.clone();

        graph.begin();
        let mut restated = plain.clone();
        restated.attributes.insert("channel", "letter");
        graph.add_participation(restated).unwrap();
        let doubtful = graph
            .add_participation(
                Participation::new(who, Role::Target, talks)
                    .confidence(Confidence::new(0.25).unwrap()),
            )
            .unwrap();
        assert_eq!(graph.participation_rare.len(), 2);
        assert_eq!(
            graph.participation(doubtful).unwrap().confidence(),
            Confidence::new(0.25).unwrap()
        );
        graph.rollback();
        assert!(graph == before);
        assert!(graph.participation_rare.is_empty());
        assert!(graph.participation(id).unwrap().attributes().is_empty());

        let mut restated = plain;
        restated.attributes.insert("channel", "letter");
        graph.add_participation(restated).unwrap();
        assert_eq!(graph.participation_rare.len(), 1);
        graph
            .update_participation(id, |p| p.attributes = Default::default())
            .unwrap();
        assert!(graph.participation_rare.is_empty());
        graph
            .update_participation(id, |p| p.confidence = Confidence::new(0.5).unwrap())
            .unwrap();
        assert_eq!(graph.participation_rare.len(), 1);
        graph.drop_entity(who).unwrap();
        assert!(graph.participation_rare.is_empty());
        assert_eq!(graph.participation_count(), 0);
    }

    #[test]
    fn a_participation_restated_then_changed_otherwise_rolls_back_whole() {
        // Told again with an attribute, its first value is noted without its sources; then
        // changed another way in the same journal, which replaces its sources, so that the
        // count alone could not give them back.
        let (mut graph, plain, id) = envoy_at_talks();
        let [first, wire, other] = ["made-up-paper", "made-up-wire", "made-up-radio"]
            .map(|name| graph.add_document(Document::new(name)).unwrap());
        graph
            .add_participation(plain.clone().source(Source::new(first)))
            .unwrap();
        let before = graph.clone();
        graph.begin();
        let restated = plain
            .attribute("channel", "letter")
            .source(Source::new(wire));
        graph.add_participation(restated).unwrap();
        assert_eq!(graph.participation(id).unwrap().sources().len(), 2);
        graph
            .update_participation(id, |p| p.sources = Sources::from(Source::new(other)))
            .unwrap();
        graph.rollback();
        assert!(graph == before);
        let sources = graph.participation(id).unwrap().sources().to_vec();
        assert_eq!(sources, [Source::new(first)]);
    }
}

#[cfg(test)]
mod layout {
    #[test]
    fn a_participation_is_held_in_8_bytes() {
        // Two or more to an event: each 8 bytes here is 400 MB for a year of GDELT.
        assert_eq!(std::mem::size_of::<super::ParticipationRecord>(), 8);
        assert_eq!(std::mem::size_of::<Option<super::ParticipationRecord>>(), 8);
    }
}
