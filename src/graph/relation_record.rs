//! How the graph holds a relation: its ends in 4 bytes each, its kind as a term code, and what
//! most relations lack (a title, a validity, attributes, a confidence short of certain) behind
//! one pointer that is null for them. [`RelationRef`](super::RelationRef) reads it back.

use super::checks::max_confidence;
use super::links::Spot;
use super::sources::ListId;
use super::strings::{Strings, TextId};
use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{
    Attributes, Confidence, FuzzyDate, NodeId, Polarity, Relation, RelationKind, Sources,
};

/// A relation as stored.
#[derive(Clone, Debug)]
pub(crate) struct RelationRecord {
    pub(crate) sources: Option<ListId>,
    rare: Option<Box<RareFields>>,
    from: Spot,
    to: Spot,
    pub(crate) kind: TermCode,
    pub(crate) polarity: Polarity,
}

/// What few relations have: most are a membership or an alliance, stated and sourced.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RareFields {
    pub(crate) title: Option<TextId>,
    pub(crate) valid_from: Option<FuzzyDate>,
    pub(crate) valid_until: Option<FuzzyDate>,
    pub(crate) confidence: Confidence,
    pub(crate) attributes: Attributes,
}

/// What a relation without rare fields reads for them.
static NO_RARE_FIELDS: RareFields = RareFields {
    title: None,
    valid_from: None,
    valid_until: None,
    confidence: Confidence::CERTAIN,
    attributes: Attributes::new(),
};

impl RelationRecord {
    /// Packs `relation`, interning its title and kind; its sources are handed back for the
    /// caller to hold once the record is packed.
    pub(crate) fn pack(
        relation: Relation,
        strings: &mut Strings,
        kinds: &mut Terms<RelationKind>,
    ) -> Result<(RelationRecord, Sources), Error> {
        let Relation {
            from,
            kind,
            to,
            title,
            valid_from,
            valid_until,
            polarity,
            confidence,
            attributes,
            sources,
        } = relation;
        let rare = RareFields {
            title: title.map(|t| strings.intern(&t)).transpose()?,
            valid_from,
            valid_until,
            confidence,
            attributes,
        };
        let record = RelationRecord {
            sources: None,
            rare: (rare != NO_RARE_FIELDS).then(|| Box::new(rare)),
            from: Spot::of(from),
            to: Spot::of(to),
            kind: kinds.code(&kind, "relation kinds")?,
            polarity,
        };
        Ok((record, sources))
    }

    pub(crate) fn from(&self) -> NodeId {
        self.from.node()
    }

    pub(crate) fn to(&self) -> NodeId {
        self.to.node()
    }

    /// What the kind index files the relation under: its ends and its kind.
    pub(crate) fn index_key(&self) -> (NodeId, TermCode, NodeId) {
        (self.from(), self.kind, self.to())
    }

    pub(crate) fn rare(&self) -> &RareFields {
        self.rare.as_deref().unwrap_or(&NO_RARE_FIELDS)
    }

    /// Whether a restatement of the relation adds anything but sources: an attribute it
    /// lacks, a validity it lacked, or a higher confidence.
    pub(crate) fn restatement_adds(&self, relation: &Relation) -> bool {
        let held = self.rare();
        max_confidence(held.confidence, relation.confidence) != held.confidence
            || (held.valid_from.is_none() && relation.valid_from.is_some())
            || (held.valid_until.is_none() && relation.valid_until.is_some())
            || relation
                .attributes
                .iter()
                .any(|(name, _)| held.attributes.get(name).is_none())
    }

    /// Takes in what a restatement of the relation adds: attributes it lacks, a validity it
    /// lacked, and the higher of the two confidences.
    pub(crate) fn restated(&mut self, relation: &Relation) {
        if !self.restatement_adds(relation) {
            return;
        }
        let confidence = max_confidence(self.rare().confidence, relation.confidence);
        let rare = self.rare.get_or_insert_with(Box::default);
        rare.attributes.fill_from(&relation.attributes);
        rare.confidence = confidence;
        rare.valid_from = rare.valid_from.or(relation.valid_from);
        rare.valid_until = rare.valid_until.or(relation.valid_until);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Confidence, Entity, EntityKind, EventGraph, FuzzyDate, Relation, RelationKind};

    #[test]
    fn a_relation_is_held_in_24_bytes() {
        // Relations are a fifth of the events of a large graph; the record was 120 bytes as
        // the public `Relation`.
        assert_eq!(std::mem::size_of::<super::RelationRecord>(), 24);
    }

    #[test]
    fn rare_fields_are_held_only_when_stated_and_filled_on_restatement() {
        let mut graph = EventGraph::new();
        let (a, b) = (
            graph
                .add_entity(Entity::new(EntityKind::State, "A made-up state"))
                .unwrap(),
            graph
                .add_entity(Entity::new(
                    EntityKind::Intergovernmental,
                    "A made-up union",
                ))
                .unwrap(),
        );
        let plain = Relation::new(a, RelationKind::MemberOf, b);
        let id = graph.add_relation(plain.clone()).unwrap();
        assert!(graph.relations.get(id).unwrap().value.rare.is_none());

        let mut restated = plain;
        restated.valid_from = Some(FuzzyDate::year(2004).unwrap());
        restated.confidence = Confidence::new(0.5).unwrap();
        restated.attributes.insert("since", "2004");
        assert_eq!(graph.add_relation(restated).unwrap(), id);
        let held = graph.relation(id).unwrap();
        assert_eq!(held.valid_from(), Some(FuzzyDate::year(2004).unwrap()));
        assert_eq!(held.confidence(), Confidence::CERTAIN);
        assert_eq!(held.attributes().get("since"), Some("2004"));
        assert_eq!(held.title(), None);
    }
}
