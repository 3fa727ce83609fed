//! Events: what happened, by key, kind and date.

use super::*;

/// What the caller of [`EventGraph::add_event_copy`] has made sure of itself, and is not
/// checked again: a GDELT import looks each row's key up before it adds the event, and places
/// its events at place entities it added itself. Looking them up again read records and index
/// entries that the cache no longer held, for every row.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Vouched {
    /// No event of the graph has the event's key.
    pub(crate) new_key: bool,
    /// The event's location is a place or state entity of the graph.
    pub(crate) location: bool,
}

impl EventGraph {
    /// Adds an event.
    ///
    /// Refused: a location that is not an existing place or state entity, a blank description,
    /// unknown documents or entities in its sources.
    pub fn add_event(&mut self, event: Event) -> Result<EventId, Error> {
        self.check_event(&event, None)?;
        let id = self.events.next_id("events")?;
        self.insert_event(id, event)
    }

    pub(super) fn insert_event(&mut self, id: EventId, event: Event) -> Result<EventId, Error> {
        let (mut record, sources) = self.pack_event(event, None)?;
        record.sources = self.source_lists.hold(sources)?;
        self.push_event(id, record)
    }

    /// Adds a copy of `event`, told by `sources` in place of its own, which stays with the
    /// caller to tell the next one in: a reader of coded rows reuses one event's buffers from
    /// row to row, and hands its row's source as a slice rather than in a shared list (whose
    /// count, an atomic, waited on every write before it, 9 % of the building thread of a
    /// GDELT import). What the caller has `vouched` for is not checked again.
    pub(crate) fn add_event_copy(
        &mut self,
        event: &Event,
        sources: &[Source],
        vouched: Vouched,
    ) -> Result<EventId, Error> {
        debug_assert!(
            !vouched.new_key
                || event
                    .key
                    .as_deref()
                    .is_none_or(|k| self.event_with_key(k).is_none())
        );
        debug_assert!(
            !vouched.location
                || event
                    .location
                    .is_none_or(|l| self.check_location(l).is_ok())
        );
        self.check_event_vouched(event, None, sources, vouched)?;
        let id = self.events.next_id("events")?;
        let mut record = EventRecord::pack_copy(event, &mut self.strings, &mut self.event_kinds)?;
        record.sources = self.source_lists.hold_slice(sources)?;
        self.push_event(id, record)
    }

    /// Puts a packed record, its sources held, in the table as event `id`.
    fn push_event(&mut self, id: EventId, record: EventRecord) -> Result<EventId, Error> {
        self.forget_keyless();
        self.events.push(Placed { value: record });
        self.index_event_key(id);
        Ok(id)
    }

    /// Packs an event for its table, handing back its sources to hold. Fails only when the
    /// graph has run out of string or event-kind ids, before anything else has changed.
    fn pack_event(
        &mut self,
        event: Event,
        held_key: Option<TextId>,
    ) -> Result<(EventRecord, Sources), Error> {
        EventRecord::pack(event, &mut self.strings, &mut self.event_kinds, held_key)
    }

    /// Indexes the key of event `id`, which the table holds, if it has one.
    pub(super) fn index_event_key(&mut self, id: EventId) {
        let (events, strings) = (&self.events, &self.strings);
        if let Some(key) = events.get(id).and_then(|slot| slot.value.key(strings)) {
            self.event_keys
                .insert(key, id, documents::event_key_in(events, strings));
        }
    }

    pub(super) fn check_event(&self, event: &Event, this: Option<EventId>) -> Result<(), Error> {
        self.check_event_told_by(event, this, &event.sources)
    }

    /// Checks `event` as told by `sources`.
    fn check_event_told_by(
        &self,
        event: &Event,
        this: Option<EventId>,
        sources: &[Source],
    ) -> Result<(), Error> {
        self.check_event_vouched(event, this, sources, Vouched::default())
    }

    /// Checks `event` as told by `sources`, but for what the caller has `vouched` for.
    fn check_event_vouched(
        &self,
        event: &Event,
        this: Option<EventId>,
        sources: &[Source],
        vouched: Vouched,
    ) -> Result<(), Error> {
        check_attributes(&event.attributes)?;
        // An event keeps the key it holds (a restatement, by its key): it was checked when
        // it was given, and no other event can have it.
        let held_key = this
            .and_then(|id| self.events.get(id))
            .and_then(|slot| slot.value.key(&self.strings));
        if let Some(key) = &event.key
            && held_key != Some(key.as_str())
        {
            if vouched.new_key {
                check_name("event key", key)?;
            } else {
                self.check_new_key(key, this)?;
            }
        }
        if let Some(description) = &event.description {
            check_text("event description", description)?;
        }
        let locations = event
            .location
            .filter(|_| !vouched.location)
            .into_iter()
            .chain(
                event
                    .values
                    .of(EventField::Location)
                    .filter_map(|v| match v.value {
                        FieldValue::Location(place) => Some(place),
                        _ => None,
                    }),
            );
        for location in locations {
            self.check_location(location)?;
        }
        // Found by hash in a long list: an event told by thousands of reports keeps values
        // told by thousands, and a scan of the list for each was their square.
        let mut among: Option<hashbrown::HashSet<&Source, foldhash::fast::RandomState>> = None;
        for stated in event.values.iter() {
            if let FieldValue::Description(text) = &stated.value {
                check_text("event description", text)?;
            }
            // A value's sources are among the event's, so that whatever checks who cites a
            // document or names an entity finds them through the event.
            let stray = if sources.len() <= 16 {
                stated.sources.iter().find(|s| !sources.contains(s))
            } else {
                let among = among.get_or_insert_with(|| sources.iter().collect());
                stated.sources.iter().find(|s| !among.contains(s))
            };
            if let Some(stray) = stray {
                return Err(ErrorKind::InvalidValue {
                    what: "event value",
                    value: stated.value.to_string(),
                    reason: format!(
                        "its source citing {} is not among the event's sources",
                        stray.document
                    ),
                }
                .into());
            }
        }
        self.check_sources(sources)
    }

    /// Checks a key given to event `this` (or to a new event) that it did not have: a name,
    /// and no other event's.
    pub(super) fn check_new_key(&self, key: &str, this: Option<EventId>) -> Result<(), Error> {
        check_name("event key", key)?;
        match self.event_with_key(key) {
            Some(existing) if Some(existing) != this => Err(ErrorKind::DuplicateEventKey {
                key: key.to_owned(),
                existing,
            }
            .into()),
            _ => Ok(()),
        }
    }

    /// Checks that an event may take place at `location`: a place or state entity.
    pub(super) fn check_location(&self, location: EntityId) -> Result<(), Error> {
        if self.entity_checked(location)?.kind().is_location() {
            Ok(())
        } else {
            Err(ErrorKind::InvalidValue {
                what: "event location",
                value: self.describe(location.into()),
                reason: "a location must be a place or state entity".into(),
            }
            .into())
        }
    }

    /// The event with this id.
    pub fn event(&self, id: EventId) -> Option<EventRef<'_>> {
        self.events.get(id).map(|p| EventRef::new(self, &p.value))
    }

    /// The event with this key, if any: the cheap form of [`event_by_key`](Self::event_by_key)
    /// for callers that look up many keys expecting misses.
    pub(crate) fn event_with_key(&self, key: &str) -> Option<EventId> {
        self.event_keys
            .get(key, documents::event_key_in(&self.events, &self.strings))
    }

    /// The event with this key; an unknown key is an error that suggests the closest one.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate).key("mission"))?;
    /// assert_eq!(graph.event_by_key("mission")?, mission);
    /// assert!(graph.event_by_key("misson").unwrap_err().to_string().contains("did you mean `mission`"));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn event_by_key(&self, key: &str) -> Result<EventId, Error> {
        self.event_with_key(key).ok_or_else(|| {
            ErrorKind::UnknownEventKey {
                key: key.to_owned(),
                suggestion: crate::model::vocabulary::nearest_term(
                    key,
                    self.events().filter_map(|(_, e)| e.key()),
                )
                .map(str::to_owned),
            }
            .into()
        })
    }

    /// Every event, in insertion order.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = (EventId, EventRef<'_>)> {
        self.events
            .iter()
            .map(|(id, p)| (id, EventRef::new(self, &p.value)))
    }

    /// The events of one kind, in insertion order.
    pub fn events_of_kind(
        &self,
        kind: EventKind,
    ) -> impl DoubleEndedIterator<Item = (EventId, EventRef<'_>)> {
        // No event has a kind the graph has no code for.
        let code = self.event_kinds.find(&kind);
        self.events
            .iter()
            .filter(move |(_, p)| Some(p.value.kind) == code)
            .map(|(id, p)| (id, EventRef::new(self, &p.value)))
    }

    /// Folds `event`, a statement of the event held as `existing`, into it: each value it
    /// gives with its sources, disputed where they disagree. An attribute, a confidence or a
    /// GDELT coding the event holds otherwise than `event` gives is kept, and noted for the
    /// merge report; returns how many.
    pub(crate) fn restate_event(
        &mut self,
        existing: EventId,
        event: &Event,
    ) -> Result<usize, Error> {
        let held = self
            .event(existing)
            .ok_or(ErrorKind::UnknownEvent(existing))?;
        let mut differing = Differing::default();
        differing.attributes(held.attributes(), &event.attributes);
        // A confidence short of certain is one a file states; certain is what it leaves unsaid.
        let stated = |c: Confidence| (!c.is_certain()).then_some(c);
        let confidence = (stated(held.confidence()), stated(event.confidence));
        differing.field(KeptField::Confidence, confidence.0, confidence.1, |c| {
            c.to_string()
        });
        differing.field(
            KeptField::Gdelt,
            held.gdelt(),
            event.gdelt.as_deref(),
            |c| serde_json::to_string(c).unwrap_or_default(),
        );
        if !self.restate_in_place(existing, event)? {
            self.update_event(existing, |held| held.absorb(event))?;
        }
        let kept = differing.len();
        self.note_kept(RecordId::Event(existing), differing);
        Ok(kept)
    }

    /// Changes an event through `change`, then validates it as [`add_event`](Self::add_event)
    /// would; on error the event is left unchanged.
    pub fn update_event(
        &mut self,
        id: EventId,
        change: impl FnOnce(&mut Event),
    ) -> Result<(), Error> {
        let mut event = self
            .event(id)
            .ok_or(ErrorKind::UnknownEvent(id))?
            .to_event();
        change(&mut event);
        self.check_event(&event, Some(id))?;
        let held_key = self.events.get(id).and_then(|slot| slot.value.key);
        let (mut record, sources) = self.pack_event(event, held_key)?;
        self.note(Noted::Record(id.into()))?;
        record.sources = self.source_lists.hold(sources)?;
        self.forget_keyless();
        let slot = self.events.get_mut(id).ok_or(ErrorKind::UnknownEvent(id))?;
        let old = std::mem::replace(&mut slot.value, record);
        let same_key = old.key == slot.value.key;
        self.source_lists.release(old.sources);
        // The key taken again (the same text) is indexed already.
        if !same_key {
            if let Some(key) = old.key {
                self.event_keys.remove(self.strings.get(key), id);
            }
            self.index_event_key(id);
        }
        Ok(())
    }

    /// Removes an event together with its participations and relations, and returns it.
    pub fn remove_event(&mut self, id: EventId) -> Result<Event, Error> {
        let event = self
            .event(id)
            .ok_or(ErrorKind::UnknownEvent(id))?
            .to_event();
        self.forget_keyless();
        self.events.get(id).ok_or(ErrorKind::UnknownEvent(id))?;
        self.remove_node_edges(id.into());
        let record = self
            .events
            .remove(id)
            .ok_or(ErrorKind::UnknownEvent(id))?
            .value;
        self.source_lists.release(record.sources);
        if let Some(key) = &event.key {
            self.event_keys.remove(key, id);
        }
        Ok(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_with_nothing_vouched_for_is_checked_as_any_event() -> Result<(), Error> {
        // Made-up names and keys.
        let mut graph = EventGraph::new();
        let person = graph.add_entity(Entity::new(EntityKind::Person, "Made-up Person"))?;
        let town = graph.add_entity(Entity::new(EntityKind::Place, "Made-up Town"))?;
        let document = graph.add_document(Document::new("made-up-report"))?;
        let told = [Source::new(document)];
        let first = Event::new(EventKind::Meeting).key("made-up-meeting");
        graph.add_event_copy(&first, &told, Vouched::default())?;

        let taken = graph.add_event_copy(&first, &told, Vouched::default());
        assert!(
            matches!(
                taken.map_err(|e| e.into_kind()),
                Err(ErrorKind::DuplicateEventKey { .. })
            ),
            "a key another event has"
        );
        let mut misplaced = Event::new(EventKind::Meeting).key("made-up-visit");
        misplaced.location = Some(person);
        let refused = graph.add_event_copy(&misplaced, &told, Vouched::default());
        assert!(refused.is_err(), "a person as the location");

        // Vouched for, the key and the place are not looked up again; the rest is checked.
        let mut placed = Event::new(EventKind::Meeting).key("made-up-talks");
        placed.location = Some(town);
        let vouched = Vouched {
            new_key: true,
            location: true,
        };
        let id = graph.add_event_copy(&placed, &told, vouched)?;
        assert_eq!(graph.event(id).and_then(|e| e.location()), Some(town));
        let blank = Event::new(EventKind::Meeting).key(" ");
        assert!(
            graph.add_event_copy(&blank, &told, vouched).is_err(),
            "a blank key"
        );
        Ok(())
    }
}
