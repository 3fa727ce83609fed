//! Where reports disagree: the event attributes stated with different values.

use crate::EventRef;
use crate::model::{EventField, EventId, StatedValue};
use crate::{EventGraph, View};

/// One attribute of one event that reports state differently, with every value and its
/// sources: both sides and their bases, for the analyst to decide between.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Dispute<'g> {
    /// The event.
    pub event: EventId,
    /// The attribute.
    pub field: EventField,
    /// Every value given, in the order first stated, each with its sources.
    pub values: Vec<&'g StatedValue>,
}

impl EventGraph {
    /// Every disputed attribute of every event, events in insertion order and each event's
    /// attributes in [`EventField::ALL`]'s order. O(events).
    ///
    /// ```
    /// let mut graph = eventkg::EventGraph::new();
    /// let first = "[[document]]\nid = \"a\"\npublished = 2024-06-08\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\ndate = \"2024-06-07\"\n";
    /// let second = first.replace("\"a\"", "\"b\"").replace("06-07", "06-06");
    /// eventkg::io::merge_str(&mut graph, first, "a.toml", None)?;
    /// eventkg::io::merge_str(&mut graph, &second, "b.toml", None)?;
    /// let dispute = graph.disputes().next().unwrap();
    /// assert_eq!(dispute.field, eventkg::EventField::Date);
    /// let days: Vec<String> = dispute.values.iter().map(|v| v.value.to_string()).collect();
    /// assert_eq!(days, ["2024-06-07", "2024-06-06"]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn disputes(&self) -> impl Iterator<Item = Dispute<'_>> {
        disputes_of(self.events())
    }
}

impl<'g> View<'g> {
    /// The disputed attributes of the view's events ([`EventGraph::disputes`]).
    pub fn disputes(&self) -> impl Iterator<Item = Dispute<'g>> + '_ {
        disputes_of(self.events())
    }
}

fn disputes_of<'g>(
    events: impl Iterator<Item = (EventId, EventRef<'g>)>,
) -> impl Iterator<Item = Dispute<'g>> {
    events
        .filter(|(_, event)| !event.values().is_empty())
        .flat_map(|(id, event)| {
            let values = event.values();
            values.disputed().map(move |field| Dispute {
                event: id,
                field,
                values: values.of(field).collect(),
            })
        })
}
