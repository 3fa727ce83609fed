//! The questions analysts ask of an event graph.
//!
//! Everything here is a method of [`EventGraph`](crate::EventGraph) or a value such a method
//! returns, grouped by the question:
//!
//! * **find**: [`lookup_entity`](crate::EventGraph::lookup_entity) (an id or a name),
//!   [`suggest`](crate::EventGraph::suggest) (ranked near misses);
//! * **who is who**: [`resolution_candidates`](crate::EventGraph::resolution_candidates)
//!   ([`Candidates`]): entities that are probably one actor and events that are probably one
//!   happening, scored and explained, for review;
//! * **neighbourhood**: [`participations_as`](crate::EventGraph::participations_as) and
//!   [`relations_of_kind`](crate::EventGraph::relations_of_kind), served from an index by kind;
//!   [`co_participants`](crate::EventGraph::co_participants), who acted together with an
//!   actor, read from the adjacency alone;
//! * **events**: [`search_events`](crate::EventGraph::search_events) ([`EventSearch`]) with
//!   defined fuzzy-date semantics ([`DateMatch`]), [`timeline`](crate::EventGraph::timeline);
//! * **stance**: [`stance`](crate::EventGraph::stance) ([`Stance`]): supporters, opponents,
//!   the asked who did not answer, camps, contradictions; with
//!   [`stance_with`](crate::EventGraph::stance_with), a group's position passed on to its
//!   members;
//! * **groups**: [`group_members`](crate::EventGraph::group_members) and
//!   [`groups_of`](crate::EventGraph::groups_of), the collective actors a report names;
//! * **claims**: [`said_by`](crate::EventGraph::said_by), [`stated_in`](crate::EventGraph::stated_in),
//!   [`reported_by`](crate::EventGraph::reported_by),
//!   [`ungrounded_quotes`](crate::EventGraph::ungrounded_quotes);
//! * **disputes**: [`disputes`](crate::EventGraph::disputes) ([`Dispute`]): where reports give
//!   an event's kind, status, date, place or description differently, each value with its
//!   sources;
//! * **paths**: [`shortest_path`](crate::EventGraph::shortest_path) and
//!   [`shortest_paths`](crate::EventGraph::shortest_paths), each hop told in words;
//! * **views**: [`ego`](crate::EventGraph::ego), [`window`](crate::EventGraph::window),
//!   [`document_view`](crate::EventGraph::document_view), [`restrict`](crate::EventGraph::restrict),
//!   each a [`View`](crate::View): a part of the graph, borrowed, with the graph's ids, that
//!   exporters take like the whole;
//! * **aggregates**: [`dyads`](crate::EventGraph::dyads), [`balance`](crate::EventGraph::balance),
//!   [`roles_on`](crate::EventGraph::roles_on), [`roles_of`](crate::EventGraph::roles_of);
//! * **centrality** (feature `centrality`, on by default): `degree_centrality` and
//!   `betweenness_centrality` of the actors (or `betweenness_centrality_sampled`, estimated
//!   from some of them, for large networks), and eigenvector ranking in the actor network;
//! * **actor network**: [`actor_network`](crate::EventGraph::actor_network)
//!   ([`ActorNetwork`]): events collapsed into weighted links between actors, pruned with
//!   [`top`](ActorNetwork::top), [`strongest_links`](ActorNetwork::strongest_links) and
//!   [`min_weight`](ActorNetwork::min_weight), for graphs too big to draw event by event.
//!
//! Each method's documentation says what it costs: most touch only what they return and the
//! edges they must filter; those that scan the whole graph say so.

mod aggregate;
#[cfg(feature = "centrality")]
mod betweenness;
#[cfg(feature = "centrality")]
mod centrality;
mod claims;
mod disputes;
mod events;
mod find;
mod groups;
mod network;
mod paths;
mod resolve;
mod stance;
mod views;

pub use aggregate::{Balance, Dyad};
pub use claims::Claim;
pub use disputes::Dispute;
pub use events::{DateMatch, EventSearch};
pub use find::Suggestion;
pub use network::{Actor, ActorNetwork, Link, NetworkOptions, Rank};
pub use paths::{Hop, Path, PathOptions, Via};
pub use resolve::{
    CandidateOptions, Candidates, EntityCandidate, EventCandidate, Reason, WARN_THRESHOLD,
};
pub use stance::{Contradiction, Position, Stance, StanceEntry, StanceOptions};
