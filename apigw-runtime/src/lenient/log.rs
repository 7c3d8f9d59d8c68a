//! Warnings about deviations, once per operation and place, in a set of bounded size.
//!
//! A place is a path without item indices and map keys ([`Deviation::place`]), so the places of
//! an operation are bounded by its documentation, not by the data: reading maps keyed by ids
//! adds none. Only undocumented field names (data a server may make up) could still add
//! places without end; the set therefore holds at most [`MAX_PLACES`], after which new places
//! are no longer warned about (one warning says so; each is still logged at debug level).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::Deviation;

/// How many `(operation, place)` pairs are remembered at the most.
pub(super) const MAX_PLACES: usize = 4096;

/// The places already warned about.
pub(super) struct Seen {
    /// Per operation, its places.
    places: BTreeMap<&'static str, BTreeSet<String>>,
    /// How many places `places` holds in all.
    len: usize,
    /// Whether the warning that the set is full was given.
    full: bool,
}

/// The process's set: a program's many clients share one log.
static SEEN: Mutex<Seen> = Mutex::new(Seen::new());

/// Logs `deviations` of a response of `operation` through `tracing` (a warning), once per
/// operation and place: `items[3].id` and `items[4].id` are one place, `items[].id`.
pub(crate) fn log(operation: &'static str, deviations: &[Deviation]) {
    if deviations.is_empty() {
        return;
    }
    // A poisoned lock only means another thread panicked while logging: the set is still whole.
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    seen.log(operation, deviations);
}

impl Seen {
    /// An empty set.
    pub(super) const fn new() -> Self {
        Self {
            places: BTreeMap::new(),
            len: 0,
            full: false,
        }
    }

    /// How many places are remembered.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Warns about each deviation at a place not warned about before (see [`log`]).
    pub(super) fn log(&mut self, operation: &'static str, deviations: &[Deviation]) {
        let mut previous: Option<&str> = None;
        for deviation in deviations {
            // A list's items drift alike and come one after the other: skip the lookup.
            if previous == Some(deviation.place.as_str()) {
                continue;
            }
            previous = Some(&deviation.place);
            if self.first_time(operation, &deviation.place) {
                tracing::warn!(
                    operation,
                    place = deviation.place,
                    "the response differs from its documentation {deviation}"
                );
            } else if self.full {
                tracing::debug!(
                    operation,
                    place = deviation.place,
                    "the response differs from its documentation {deviation}"
                );
            }
        }
    }

    /// Whether `place` of `operation` is to be warned about: new, and remembered if there is
    /// room (a place that finds none is not warned about).
    fn first_time(&mut self, operation: &'static str, place: &str) -> bool {
        // Looked up without building a key: most places were seen before.
        if self
            .places
            .get(operation)
            .is_some_and(|places| places.contains(place))
        {
            return false;
        }
        if self.len >= MAX_PLACES {
            if !self.full {
                self.full = true;
                tracing::warn!(
                    "responses differ from their documentation at more than {MAX_PLACES} places: \
                     new places are logged at debug level only"
                );
            }
            return false;
        }
        self.places
            .entry(operation)
            .or_default()
            .insert(place.to_owned());
        self.len += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::lenient::{Mode, from_slice};

    #[derive(Deserialize)]
    struct Volume {
        #[allow(dead_code, reason = "only the deviations are looked at")]
        size: i64,
    }

    #[derive(Deserialize)]
    struct Volumes {
        #[allow(dead_code, reason = "only the deviations are looked at")]
        by_id: BTreeMap<String, Volume>,
    }

    #[test]
    fn reading_maps_keyed_by_ids_adds_no_place() {
        let mut seen = Seen::new();
        for n in 0..10_000 {
            let body = format!(r#"{{"by_id":{{"vol-{n}":{{"size":"{n}"}},"x-{n}":{{}}}}}}"#);
            let (_, deviations) = from_slice::<Volumes>(body.as_bytes(), Mode::Lenient).unwrap();
            assert_eq!(deviations.len(), 2, "{deviations:?}");
            seen.log("ListVolumes", &deviations);
        }
        // `by_id{}.size` converted, and read as the default.
        assert_eq!(seen.len(), 1);
        seen.log("ShowVolume", &[deviation("by_id{}.size")]);
        assert_eq!(seen.len(), 2, "places are per operation");
    }

    #[test]
    fn places_made_up_by_the_data_stop_at_the_cap() {
        let mut seen = Seen::new();
        for n in 0..MAX_PLACES + 100 {
            let body = format!(r#"{{"size":1,"field_{n}":true}}"#);
            let (_, deviations) = from_slice::<Volume>(body.as_bytes(), Mode::Lenient).unwrap();
            assert_eq!(deviations[0].place, format!("field_{n}"));
            seen.log("ShowVolume", &deviations);
        }
        assert_eq!(seen.len(), MAX_PLACES);
        assert!(seen.full);
        assert!(
            !seen.first_time("ShowVolume", "field_0"),
            "a place seen is not warned about again"
        );
    }

    #[test]
    fn the_items_of_a_list_are_one_place() {
        let mut seen = Seen::new();
        let deviations = [
            deviation("items[].id"),
            deviation("items[].id"),
            deviation("items[].name"),
        ];
        seen.log("ListItems", &deviations);
        seen.log("ListItems", &deviations);
        assert_eq!(seen.len(), 2);
    }

    fn deviation(place: &str) -> Deviation {
        Deviation {
            path: place.to_owned(),
            place: place.to_owned(),
            expected: "an integer".to_owned(),
            found: "the string \"1\"".to_owned(),
            read_as: crate::lenient::ReadAs::Converted,
        }
    }
}
