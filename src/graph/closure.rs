//! A view closed under its provenance: its nodes and facts, and every entity and document
//! their sources, locations and publishers name, so that a copy or a database load of a part
//! refers to nothing it does not hold.

use super::DocumentRef;
use super::EntityRef;
use super::EventRef;
use super::ParticipationRef;
use super::RelationRef;
use std::collections::BTreeSet;

use super::View;
use crate::model::{
    DocumentId, EntityId, EventId, FieldValue, ParticipationId, RelationId, Source,
};

/// The ids of a view's records and of what their provenance names, each set in the graph's
/// order.
pub(crate) struct Closure {
    pub entities: BTreeSet<EntityId>,
    pub events: BTreeSet<EventId>,
    pub participations: BTreeSet<ParticipationId>,
    pub relations: BTreeSet<RelationId>,
    pub documents: BTreeSet<DocumentId>,
}

impl<'g> View<'g> {
    /// The view's records and what their provenance names: the documents cited, the
    /// entities named in sources, locations and publishers, and in turn what their own
    /// sources name. Costs the part and its provenance.
    pub(crate) fn closure(&self) -> Closure {
        let graph = self.graph();
        let mut entities: BTreeSet<EntityId> = self.entities().map(|(id, _)| id).collect();
        let events: BTreeSet<EventId> = self.events().map(|(id, _)| id).collect();
        let participations: BTreeSet<_> = self.participations().map(|(id, _)| id).collect();
        let relations: BTreeSet<_> = self.relations().map(|(id, _)| id).collect();
        // Provenance closure: documents cited, entities named in sources, locations and
        // publishers, and in turn what their own sources name.
        let mut documents = BTreeSet::new();
        let mut pending: Vec<EntityId> = Vec::new();
        let cite = |sources: &[Source],
                    documents: &mut BTreeSet<DocumentId>,
                    pending: &mut Vec<EntityId>| {
            for source in sources {
                documents.insert(source.document);
                pending.extend(source.attributed_to);
                pending.extend(source.reported_via.iter().copied());
            }
        };
        // An entity's sources, and those of the records joined into it.
        let cite_entity = |entity: EntityRef<'_>,
                           documents: &mut BTreeSet<DocumentId>,
                           pending: &mut Vec<EntityId>| {
            cite(entity.sources(), documents, pending);
            for joined in entity.joined() {
                cite(&joined.sources, documents, pending);
                cite(&joined.entity.sources, documents, pending);
            }
        };
        for &id in &entities {
            if let Some(entity) = graph.entity(id) {
                cite_entity(entity, &mut documents, &mut pending);
            }
        }
        for &id in &events {
            if let Some(event) = graph.event(id) {
                cite(event.sources(), &mut documents, &mut pending);
                // The values reports gave its attributes, each with its own sources: the copy
                // maps those sources too, so their documents and speakers must be in it.
                for stated in event.values().iter() {
                    cite(&stated.sources, &mut documents, &mut pending);
                }
                pending.extend(event.location());
                pending.extend(event.values().iter().filter_map(|v| match v.value {
                    FieldValue::Location(place) => Some(place),
                    _ => None,
                }));
            }
        }
        for &id in &participations {
            if let Some(p) = graph.participation(id) {
                cite(p.sources(), &mut documents, &mut pending);
            }
        }
        for &id in &relations {
            if let Some(r) = graph.relation(id) {
                cite(r.sources(), &mut documents, &mut pending);
            }
        }
        let mut seen_documents = BTreeSet::new();
        loop {
            let fresh: Vec<DocumentId> = documents.difference(&seen_documents).copied().collect();
            for &doc in &fresh {
                seen_documents.insert(doc);
                pending.extend(graph.document(doc).and_then(|d| d.publisher()));
            }
            if fresh.is_empty() && pending.is_empty() {
                break;
            }
            while let Some(id) = pending.pop() {
                if entities.insert(id)
                    && let Some(entity) = graph.entity(id)
                {
                    cite_entity(entity, &mut documents, &mut pending);
                }
            }
        }

        Closure {
            entities,
            events,
            participations,
            relations,
            documents,
        }
    }
}

/// A view closed under its provenance, with the graph's records: what exporters write when a
/// file or database load must refer to nothing it does not hold.
pub(crate) struct Scope<'g> {
    view: View<'g>,
    closure: Option<Closure>,
}

impl<'g> Scope<'g> {
    /// The whole graph as it is, or a part with what its provenance names.
    pub(crate) fn of(view: View<'g>) -> Self {
        let closure = (!view.is_whole()).then(|| view.closure());
        Scope { view, closure }
    }

    pub(crate) fn graph(&self) -> &'g crate::EventGraph {
        self.view.graph()
    }

    pub(crate) fn entities(&self) -> Box<dyn Iterator<Item = (EntityId, EntityRef<'g>)> + '_> {
        let graph = self.graph();
        match &self.closure {
            None => self.view.entities(),
            Some(c) => Box::new(
                c.entities
                    .iter()
                    .filter_map(move |&id| graph.entity(id).map(|e| (id, e))),
            ),
        }
    }

    pub(crate) fn events(&self) -> Box<dyn Iterator<Item = (EventId, EventRef<'g>)> + '_> {
        self.view.events()
    }

    pub(crate) fn participations(
        &self,
    ) -> Box<dyn Iterator<Item = (ParticipationId, ParticipationRef<'g>)> + '_> {
        self.view.participations()
    }

    pub(crate) fn relations(&self) -> Box<dyn Iterator<Item = (RelationId, RelationRef<'g>)> + '_> {
        self.view.relations()
    }

    pub(crate) fn documents(&self) -> Box<dyn Iterator<Item = (DocumentId, DocumentRef<'g>)> + '_> {
        let graph = self.graph();
        match &self.closure {
            None => self.view.documents(),
            Some(c) => Box::new(
                c.documents
                    .iter()
                    .filter_map(move |&id| graph.document(id).map(|d| (id, d))),
            ),
        }
    }
}
