//! Reading a JSON body into a generated type the way a person reads it, or exactly as
//! documented.
//!
//! Servers drift from their reference pages: a documented integer comes back as `"2"`, a
//! documented string is `null`, a list is missing, a field appears. In [`Mode::Lenient`] (the
//! default) such a body still decodes: every place where it differs from the generated type
//! is read as a person would read it and recorded as a [`Deviation`] with its JSON path:
//!
//! | the body has | where the type wants | read as |
//! |---|---|---|
//! | a number or `true`/`false` | a string | its text |
//! | a string holding a number (`"2"`, `" 2.5 "`) | a number | the number |
//! | `"true"`/`"false"` (any case), `0`/`1` | a boolean | the boolean |
//! | a whole float (`2.0`) | an integer | the integer |
//! | `null` | an optional value | absent (not a deviation: how bodies, and the reference's own examples, say "no value") |
//! | `null`, or no field at all | a required value | its default (`0`, `""`, `false`, empty, an object of defaults) |
//! | one value | a list | a one-item list |
//! | a one-item list | an object | its item |
//! | an unknown field | | ignored (it stays in the raw body) |
//! | an undocumented enumeration value | | the enum's `Unknown` variant |
//! | anything else (an object for a number, say) | an optional value | absent |
//! | anything else | a required value | its default |
//!
//! In [`Mode::Strict`] the first deviation is an [`Error`] naming its path instead, so a test
//! suite can catch drift.
//!
//! A body exactly as documented is decoded in one streaming pass of `serde_json` (which only
//! watches for skipped fields and undocumented enumeration values); any other is parsed into a
//! [`serde_json::Value`] and read by this module's deserializer, which finds every deviation.
//! Success bodies, error bodies and re-encoded request bodies all go this way, so each
//! generated type's `Deserialize` is compiled for these two deserializers only.
//!
//! The module is split by what each part holds: `read` the rule by which a drifted scalar is
//! read as its documented type, `de` the deserializer that applies it with paths, `watch` the
//! streaming fast path, `unknown` the side channel by which a generated enum tells of an
//! undocumented value, and `log` the bounded once-per-place warnings.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

mod de;
mod log;
mod read;
mod unknown;
mod watch;

pub(crate) use log::log;
pub(crate) use unknown::unknown_enum_value;

/// Whether a body that differs from its documentation decodes (with [`Deviation`]s) or fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Read what a person would call the same value; record each deviation.
    #[default]
    Lenient,
    /// The first deviation is an error.
    Strict,
}

/// Where and how a decoded body differed from its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// The JSON path, e.g. `api_versions[0].total` (`.` for the whole body).
    pub path: String,
    /// The place in the documented type: the path without item indices and map keys, e.g.
    /// `api_versions[].total` or `tags{}.value`. Items and entries drift alike, so warnings are
    /// given once per place, and a place does not grow with the ids a map is keyed by.
    pub place: String,
    /// What the documentation says is there, e.g. `an integer`.
    pub expected: String,
    /// What came, e.g. `the string "2"`.
    pub found: String,
    /// What was made of it.
    pub read_as: ReadAs,
}

/// What a [`Deviation`] was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadAs {
    /// The same value in the documented type (a number from its text, say).
    Converted,
    /// An absent value (`None`).
    Absent,
    /// The type's default (`0`, `""`, `false`, empty, an object of defaults).
    Default,
    /// An undocumented field: ignored by the typed body, kept in the raw body.
    Ignored,
    /// An undocumented enumeration value: the enum's `Unknown` variant.
    Unknown,
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read_as = match self.read_as {
            ReadAs::Converted => "converted",
            ReadAs::Absent => "read as absent",
            ReadAs::Default => "read as the default",
            ReadAs::Ignored => "ignored",
            ReadAs::Unknown => "kept as an unknown value",
        };
        write!(
            f,
            "at `{}`: expected {}, found {} ({read_as})",
            self.path, self.expected, self.found
        )
    }
}

/// A body that could not be read: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The JSON path (`.` for the whole body).
    pub path: String,
    /// Why.
    pub reason: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "." {
            f.write_str(&self.reason)
        } else {
            write!(f, "at `{}`: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for Error {}

/// Decodes a JSON body as `T`: the value and its deviations, or where and why it cannot be read.
///
/// # Errors
/// When the body is not JSON, and in [`Mode::Strict`] at the first deviation.
pub fn from_slice<T: DeserializeOwned>(
    body: &[u8],
    mode: Mode,
) -> Result<(T, Vec<Deviation>), Error> {
    // A body exactly as documented is read in one streaming pass; any other goes through a
    // `Value`, where every deviation is found, read and reported with its path.
    if let Some(value) = watch::conforming(body) {
        return Ok((value, Vec::new()));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Error {
        path: ".".to_owned(),
        reason: e.to_string(),
    })?;
    from_value(&value, mode)
}

/// Decodes a JSON value as `T` (see [`from_slice`]).
///
/// # Errors
/// In [`Mode::Strict`] at the first deviation; in either mode when a value cannot be read
/// even leniently (which the generated types do not give rise to).
pub fn from_value<T: DeserializeOwned>(
    value: &Value,
    mode: Mode,
) -> Result<(T, Vec<Deviation>), Error> {
    let first = de::Context::new(mode, BTreeMap::new());
    let decoded = de::decode::<T>(value, &first)?;
    let unreadable = first.unreadable.take();
    if unreadable.is_empty() {
        return Ok((decoded, first.deviations.take()));
    }
    // An optional value could not be read: the first pass gave it a default; a second pass,
    // knowing where, makes it absent.
    let second = de::Context::new(mode, unreadable);
    let decoded = de::decode::<T>(value, &second)?;
    Ok((decoded, second.deviations.take()))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Page {
        total: Option<i64>,
        size: i32,
        name: Option<String>,
        items: Option<Vec<Item>>,
        flag: Option<bool>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Item {
        id: String,
        ratio: Option<f64>,
    }

    fn lenient(json: &str) -> (Page, Vec<Deviation>) {
        from_slice(json.as_bytes(), Mode::Lenient).unwrap()
    }

    fn paths(deviations: &[Deviation]) -> Vec<(&str, ReadAs)> {
        deviations
            .iter()
            .map(|d| (d.path.as_str(), d.read_as.clone()))
            .collect()
    }

    #[test]
    fn a_conforming_body_has_no_deviation() {
        let (page, deviations) =
            lenient(r#"{"total":2,"size":1,"items":[{"id":"a","ratio":0.5}],"flag":true}"#);
        assert!(deviations.is_empty(), "{deviations:?}");
        assert_eq!(page.total, Some(2));
        assert_eq!(page.items.unwrap()[0].ratio, Some(0.5));
    }

    #[test]
    fn an_undocumented_value_seen_outside_a_lenient_decode_is_not_blamed_on_the_next_one() {
        // A generated enum read by plain serde_json (a request body, strict mode) signals its
        // undocumented value with no lenient decoder to take it; a boolean or float read
        // later must not report it as its own.
        unknown::unknown_enum_value();
        let (page, deviations) =
            lenient(r#"{"flag":true,"size":1,"items":[{"id":"a","ratio":0.5}]}"#);
        assert_eq!(page.flag, Some(true));
        assert!(deviations.is_empty(), "{deviations:?}");
    }

    #[test]
    fn numbers_in_strings_and_strings_for_numbers_are_converted() {
        let (page, deviations) =
            lenient(r#"{"total":"2","size":1.0,"name":5,"flag":"TRUE","items":[{"id":7}]}"#);
        assert_eq!(page.total, Some(2));
        assert_eq!(page.size, 1);
        assert_eq!(page.name.as_deref(), Some("5"));
        assert_eq!(page.flag, Some(true));
        assert_eq!(page.items.unwrap()[0].id, "7");
        assert_eq!(
            paths(&deviations),
            [
                ("flag", ReadAs::Converted),
                ("items[0].id", ReadAs::Converted),
                ("name", ReadAs::Converted),
                ("size", ReadAs::Converted),
                ("total", ReadAs::Converted),
            ]
        );
        assert_eq!(
            deviations[4].to_string(),
            r#"at `total`: expected an integer, found the string "2" (converted)"#
        );
    }

    #[test]
    fn null_missing_and_unknown_fields() {
        let (page, deviations) = lenient(r#"{"total":null,"extra":{"a":1},"items":[{"id":null}]}"#);
        assert_eq!(page.total, None);
        assert_eq!(
            page.size, 0,
            "a missing required field reads as its default"
        );
        let items = page.items.unwrap();
        assert_eq!(items[0].id, "", "null for a required value: its default");
        assert_eq!(
            paths(&deviations),
            [
                ("extra", ReadAs::Ignored),
                ("items[0].id", ReadAs::Default),
                ("size", ReadAs::Default),
            ]
        );
    }

    #[test]
    fn an_unreadable_optional_value_becomes_absent_and_the_rest_still_decodes() {
        let (page, deviations) =
            lenient(r#"{"total":{"n":2},"size":3,"items":[{"id":"a","ratio":[1]}]}"#);
        assert_eq!(page.total, None);
        assert_eq!(page.size, 3);
        let items = page.items.unwrap();
        assert_eq!((items[0].id.as_str(), items[0].ratio), ("a", None));
        assert_eq!(
            paths(&deviations),
            [
                ("items[0].ratio", ReadAs::Absent),
                ("total", ReadAs::Absent)
            ]
        );
    }

    #[test]
    fn an_object_for_a_list_and_back() {
        let (page, deviations) = lenient(r#"{"size":[{"x":1}],"items":{"id":"a"}}"#);
        assert_eq!(page.size, 0);
        assert_eq!(page.items.unwrap()[0].id, "a");
        assert_eq!(
            paths(&deviations),
            [("items", ReadAs::Converted), ("size", ReadAs::Default)]
        );
        #[derive(Debug, Deserialize)]
        struct Wrapper {
            item: Item,
        }
        let (wrapper, deviations) =
            from_slice::<Wrapper>(br#"{"item":[{"id":"b"}]}"#, Mode::Lenient).unwrap();
        assert_eq!(wrapper.item.id, "b");
        assert_eq!(paths(&deviations), [("item", ReadAs::Converted)]);
    }

    #[test]
    fn strict_mode_refuses_the_first_deviation_with_its_path() {
        let err = from_slice::<Page>(br#"{"total":"2","size":1}"#, Mode::Strict).unwrap_err();
        assert_eq!(err.path, "total");
        assert!(err.reason.contains("expected an integer"), "{err}");
        let err = from_slice::<Page>(br#"{"size":1,"x":0}"#, Mode::Strict).unwrap_err();
        assert_eq!(err.path, "x");
        let err = from_slice::<Page>(br#"{"total":1}"#, Mode::Strict).unwrap_err();
        assert_eq!(err.path, "size");
        let (page, none) = from_slice::<Page>(br#"{"size":1}"#, Mode::Strict).unwrap();
        assert_eq!((page.size, none.len()), (1, 0));
    }

    #[test]
    fn integers_out_of_range_are_unreadable_not_wrapped() {
        let (page, deviations) = lenient(r#"{"size":4294967296}"#);
        assert_eq!(page.size, 0);
        assert_eq!(paths(&deviations), [("size", ReadAs::Default)]);
    }

    #[test]
    fn a_place_has_neither_item_indices_nor_map_keys() {
        #[derive(Debug, Deserialize)]
        struct Tagged {
            #[allow(dead_code, reason = "only the deviations are looked at")]
            items: Vec<BTreeMap<String, Item>>,
        }
        let (_, deviations) = from_slice::<Tagged>(
            br#"{"items":[{"a":{"id":1}},{"b.c":{"id":2}}]}"#,
            Mode::Lenient,
        )
        .unwrap();
        let shown: Vec<_> = deviations
            .iter()
            .map(|d| (d.path.as_str(), d.place.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("items[0].a.id", "items[]{}.id"),
                ("items[1].b.c.id", "items[]{}.id")
            ]
        );
        let (_, deviations) = lenient(r#"{"size":"1"}"#);
        assert_eq!(deviations[0].place, "size");
        let (_, deviations) = from_slice::<i32>(b"\"1\"", Mode::Lenient).unwrap();
        assert_eq!(
            (deviations[0].path.as_str(), deviations[0].place.as_str()),
            (".", ".")
        );
    }

    #[test]
    fn not_json_is_an_error_at_the_top() {
        let err = from_slice::<Page>(b"<html>", Mode::Lenient).unwrap_err();
        assert_eq!(err.path, ".");
    }

    #[test]
    fn free_form_values_are_taken_as_they_came() {
        let (value, deviations) =
            from_slice::<BTreeMap<String, Value>>(br#"{"a":[1,"x",null]}"#, Mode::Strict).unwrap();
        assert_eq!(value["a"], serde_json::json!([1, "x", null]));
        assert!(deviations.is_empty());
    }
}
