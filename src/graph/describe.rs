//! Records described in words, for messages.

use super::*;

impl EventGraph {
    /// A node as messages name it: its id and its name or kind.
    pub(super) fn describe(&self, node: NodeId) -> String {
        match node {
            NodeId::Entity(id) => match self.entity(id) {
                Some(entity) => format!("{id} {:?}", entity.name()),
                None => id.to_string(),
            },
            NodeId::Event(id) => match self.event(id) {
                Some(event) => format!("{id} ({})", event.kind()),
                None => id.to_string(),
            },
        }
    }

    pub(super) fn describe_participation(&self, participation: &Participation) -> String {
        format!(
            "{} -{}-> {}",
            self.describe(participation.entity.into()),
            participation.role,
            self.describe(participation.event.into())
        )
    }

    pub(super) fn describe_relation(&self, relation: &Relation) -> String {
        format!(
            "{} -{}-> {}",
            self.describe(relation.from),
            relation.kind,
            self.describe(relation.to)
        )
    }
}
