//! How the graph holds a participation: as given, but with its role as a term code, since a
//! role with its `other:NAME` escape is as large as a `String` and participations are the
//! most numerous records of a large graph.

use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{
    Attributes, Confidence, EntityId, EventId, Participation, Polarity, Role, Sources,
};

/// A participation as stored.
#[derive(Clone, Debug)]
pub(crate) struct ParticipationRecord {
    pub(crate) sources: Sources,
    pub(crate) attributes: Attributes,
    pub(crate) entity: EntityId,
    pub(crate) event: EventId,
    pub(crate) role: TermCode,
    pub(crate) confidence: Confidence,
    pub(crate) polarity: Polarity,
    /// Whether the role [takes part](Role::takes_part): read by every traversal that steps
    /// through the participation, and free beside the polarity.
    pub(crate) takes_part: bool,
}

impl ParticipationRecord {
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
        Ok(ParticipationRecord {
            takes_part,
            sources,
            attributes,
            entity,
            event,
            role: roles.code(&role, "roles")?,
            confidence,
            polarity,
        })
    }
}
