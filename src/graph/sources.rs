//! One copy of each distinct source list, shared by every record that cites it.

use std::collections::HashSet;

use crate::model::Sources;

/// The distinct source lists of a graph's records, up to [`SHARED_UP_TO`] sources long. Sources
/// are user text (quotes), so the set's hasher is seeded at random, as std's is; foldhash's
/// costs a fraction of SipHash on every record a graph takes in.
#[derive(Clone, Debug, Default)]
pub(crate) struct SourceLists {
    held: HashSet<Sources, foldhash::fast::RandomState>,
    /// Whether a record was ever given a list too long to share, which the set does not hold.
    unshared: bool,
}

/// The longest list that is shared. Short lists are the ones records share (an event and its
/// participants, one article's events); a long one is a record cited again and again (an
/// actor named by every article of a corpus), which no other record cites alike. Left out of
/// the set, it is never hashed again, and grows in place as documents cite the record.
const SHARED_UP_TO: usize = 16;

impl SourceLists {
    /// The held list equal to `sources`; `sources` itself becomes the held one if none is.
    pub(crate) fn share(&mut self, sources: Sources) -> Sources {
        if sources.is_empty() {
            return sources;
        }
        if sources.len() > SHARED_UP_TO {
            self.unshared = true;
            return sources;
        }
        if let Some(held) = self.held.get(&sources) {
            return held.clone();
        }
        self.held.insert(sources.clone());
        sources
    }

    /// Makes a record's `sources` the held copy of its list.
    pub(crate) fn hold(&mut self, sources: &mut Sources) {
        *sources = self.share(std::mem::take(sources));
    }

    /// Gives a held record's sources a new list, letting go of the old one.
    pub(crate) fn replace(&mut self, held: &mut Sources, with: Sources) {
        let old = std::mem::replace(held, self.share(with));
        self.release(&old);
    }

    /// Forgets the held list of a record being dropped or changed, once that record is the last
    /// to cite it. A handle kept elsewhere (a cloned record, a cloned graph) only keeps the list
    /// held a little longer.
    pub(crate) fn release(&mut self, sources: &Sources) {
        if sources.len() <= SHARED_UP_TO
            && sources.holders() == 2
            && self
                .held
                .get(sources)
                .is_some_and(|held| held.shares(sources))
        {
            self.held.remove(sources);
        }
    }

    /// Forgets the lists no record holds any longer: those whose last record was dropped while
    /// a handle elsewhere kept them.
    pub(crate) fn sweep(&mut self) {
        self.held.retain(|held| held.holders() > 1);
    }

    /// Every distinct list held, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Sources> {
        self.held.iter()
    }

    /// Whether every record's list is among those [`iter`](Self::iter) gives: no record was
    /// given a list too long to share.
    pub(crate) fn complete(&self) -> bool {
        !self.unshared
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Document, Entity, EntityKind, Event, EventKind, Participation, Role, Source,
    };
    use crate::{Error, EventGraph};

    fn told_twice() -> Result<(EventGraph, Source), Error> {
        let mut graph = EventGraph::new();
        let article = graph.add_document(Document::new("article"))?;
        let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
        let source = Source::new(article).quote("France invited about ten countries");
        for _ in 0..2 {
            let event = graph.add_event(Event::new(EventKind::Proposal).source(source.clone()))?;
            graph.add_participation(
                Participation::new(france, Role::Initiator, event).source(source.clone()),
            )?;
        }
        Ok((graph, source))
    }

    #[test]
    fn records_told_by_the_same_sources_share_one_list() -> Result<(), Error> {
        let (graph, _) = told_twice()?;
        assert_eq!(graph.source_lists.iter().count(), 1);
        let held = &graph.source_lists.iter().next().expect("one list").clone();
        for (_, event) in graph.events() {
            assert!(event.sources().shares(held));
        }
        for (_, participation) in graph.participations() {
            assert!(participation.sources().shares(held));
        }
        Ok(())
    }

    #[test]
    fn a_list_is_forgotten_with_its_last_record() -> Result<(), Error> {
        let (mut graph, source) = told_twice()?;
        let events: Vec<_> = graph.events().map(|(id, _)| id).collect();
        graph.remove_event(events[0])?;
        assert_eq!(graph.source_lists.iter().count(), 1);
        graph.update_event(events[1], |event| event.sources = Default::default())?;
        assert_eq!(
            graph.source_lists.iter().count(),
            1,
            "the participation still cites it"
        );
        let cited = graph.participations().map(|(id, _)| id).collect::<Vec<_>>();
        graph.update_participation(cited[0], |p| p.sources.push(source.clone().quote("again")))?;
        assert_eq!(
            graph.source_lists.iter().count(),
            1,
            "only the new list is held"
        );
        graph.remove_event(events[1])?;
        assert_eq!(graph.source_lists.iter().count(), 0);
        Ok(())
    }

    #[test]
    fn a_copy_of_a_record_kept_elsewhere_is_swept_later() -> Result<(), Error> {
        let (mut graph, _) = told_twice()?;
        let copy = graph.clone();
        for (id, _) in copy.events() {
            graph.remove_event(id)?;
        }
        assert_eq!(
            graph.source_lists.iter().count(),
            1,
            "the copy still holds the list"
        );
        drop(copy);
        graph.source_lists.sweep();
        assert_eq!(graph.source_lists.iter().count(), 0);
        Ok(())
    }
}
