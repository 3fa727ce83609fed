//! Collective actors: a group entity ("the three Baltic States", "most EU countries") whose
//! members are listed by `member_of` relations, each with its source.

use crate::model::{EntityId, EntityKind, NodeId, Polarity, RelationId, RelationKind};
use crate::{Error, EventGraph, View};

impl EventGraph {
    /// The members of a [`Group`](EntityKind::Group) entity: the entities an affirmed
    /// `member_of` relation places in it, with that relation (whose sources say who counts
    /// them in), in relation order. Nothing for an entity of another kind: an alliance or a
    /// government acts as itself, and what it does is not done by each member.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let baltic = graph.add_entity(Entity::new(EntityKind::Group, "Baltic States"))?;
    /// let estonia = graph.add_entity(Entity::new(EntityKind::State, "Estonia"))?;
    /// let membership = graph.add_relation(Relation::new(estonia, RelationKind::MemberOf, baltic))?;
    /// assert_eq!(graph.group_members(baltic)?.collect::<Vec<_>>(), [(estonia, membership)]);
    /// assert_eq!(graph.groups_of(estonia)?.collect::<Vec<_>>(), [(baltic, membership)]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn group_members(
        &self,
        group: EntityId,
    ) -> Result<impl Iterator<Item = (EntityId, RelationId)> + '_, Error> {
        self.check_node(group.into())?;
        let is_group = self
            .entity(group)
            .is_some_and(|e| e.kind() == EntityKind::Group);
        Ok(self
            .relations_of(group)
            .filter(move |(_, r)| {
                is_group
                    && r.kind() == RelationKind::MemberOf
                    && r.polarity() == Polarity::Affirmed
                    && r.to() == NodeId::Entity(group)
            })
            .filter_map(|(id, r)| Some((r.from().as_entity()?, id))))
    }

    /// The [`Group`](EntityKind::Group) entities `entity` is an affirmed member of, with the
    /// `member_of` relation that says so.
    pub fn groups_of(
        &self,
        entity: EntityId,
    ) -> Result<impl Iterator<Item = (EntityId, RelationId)> + '_, Error> {
        self.check_node(entity.into())?;
        Ok(self
            .relations_of(entity)
            .filter(move |(_, r)| {
                r.kind() == RelationKind::MemberOf
                    && r.polarity() == Polarity::Affirmed
                    && r.from() == NodeId::Entity(entity)
            })
            .filter_map(|(id, r)| {
                let group = r.to().as_entity()?;
                let kind = &self.entity(group)?.kind();
                (*kind == EntityKind::Group).then_some((group, id))
            }))
    }
}

impl View<'_> {
    /// The members of a group that are in the view ([`EventGraph::group_members`]). A group
    /// outside the view is an error.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let baltic = graph.add_entity(Entity::new(EntityKind::Group, "Baltic States"))?;
    /// let [estonia, latvia] = ["Estonia", "Latvia"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// graph.add_relation(Relation::new(estonia, RelationKind::MemberOf, baltic))?;
    /// graph.add_relation(Relation::new(latvia, RelationKind::MemberOf, baltic))?;
    /// let part = graph.select([baltic.into(), latvia.into()])?;
    /// assert_eq!(part.group_members(baltic)?.map(|(m, _)| m).collect::<Vec<_>>(), [latvia]);
    /// assert!(part.groups_of(estonia).is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn group_members(
        &self,
        group: EntityId,
    ) -> Result<impl Iterator<Item = (EntityId, RelationId)> + '_, Error> {
        self.check(group.into())?;
        Ok(self
            .graph()
            .group_members(group)?
            .filter(|&(member, _)| self.contains(member)))
    }

    /// The groups in the view that `entity` is a member of ([`EventGraph::groups_of`]). An
    /// entity outside the view is an error.
    pub fn groups_of(
        &self,
        entity: EntityId,
    ) -> Result<impl Iterator<Item = (EntityId, RelationId)> + '_, Error> {
        self.check(entity.into())?;
        Ok(self
            .graph()
            .groups_of(entity)?
            .filter(|&(group, _)| self.contains(group)))
    }
}
