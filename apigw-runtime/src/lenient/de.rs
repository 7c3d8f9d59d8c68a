//! The deserializer that reads a [`Value`] into a generated type, applying the [`read`](super::read)
//! rule at every place where the body differs from its documentation and recording each
//! [`Deviation`] with its path.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::Error as _;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Map, Value};

use super::read::{self, Found, Scalar, Want, default_scalar, read_scalar};
use super::{Deviation, Error, Mode, ReadAs, unknown};

/// Decodes `value` as `T` in one pass of `cx`.
pub(super) fn decode<T: DeserializeOwned>(value: &Value, cx: &Context) -> Result<T, Error> {
    let root = Path::Root;
    T::deserialize(De::new(value, &root, cx)).map_err(|e| Error {
        path: e.path.unwrap_or_else(|| ".".to_owned()),
        reason: e.message,
    })
}

/// One decoding pass.
pub(super) struct Context {
    mode: Mode,
    /// The deviations found in this pass.
    pub(super) deviations: RefCell<Vec<Deviation>>,
    /// Paths of optional values that could not be read in this pass, with what was expected
    /// and what was found.
    pub(super) unreadable: RefCell<BTreeMap<String, (String, String)>>,
    /// Paths of optional values to read as absent (found unreadable by the pass before).
    absent: BTreeMap<String, (String, String)>,
}

impl Context {
    /// A pass in `mode` that reads the optional values at the paths of `absent` as absent.
    pub(super) fn new(mode: Mode, absent: BTreeMap<String, (String, String)>) -> Self {
        Self {
            mode,
            deviations: RefCell::new(Vec::new()),
            unreadable: RefCell::new(BTreeMap::new()),
            absent,
        }
    }

    /// Records a deviation, or refuses it in strict mode.
    fn deviate(
        &self,
        path: &Path<'_>,
        expected: impl fmt::Display,
        found: impl fmt::Display,
        read_as: ReadAs,
    ) -> Result<(), DeError> {
        match self.mode {
            Mode::Strict => Err(DeError {
                path: Some(path.to_string()),
                message: format!("expected {expected}, found {found}"),
            }),
            Mode::Lenient => {
                let (path, place) = path.texts();
                self.deviations.borrow_mut().push(Deviation {
                    path,
                    place,
                    expected: short_text(expected),
                    found: short_text(found),
                    read_as,
                });
                Ok(())
            }
        }
    }
}

/// A JSON path as a chain on the stack: built into text only when something is reported.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    /// A field of a documented object.
    Key(&'a Path<'a>, &'a str),
    /// An entry of a map (or of a free-form object): written like a field, but its key is
    /// data, not part of the place.
    Entry(&'a Path<'a>, &'a str),
    /// An item of a list.
    Index(&'a Path<'a>, usize),
}

/// `value` as text, allocated once at a size that holds the usual deviation texts (`an
/// integer`, `the string "16777337"`), where `to_string` grows a string from empty, allocating
/// again at 8, 16 and 32 bytes (a body drifted in every item has hundreds of deviations).
fn short_text(value: impl fmt::Display) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(40);
    let _ = write!(out, "{value}");
    out
}

/// Appends `[index]`, the digits written directly (`write!` costs a few hundred instructions
/// per deviation through `fmt`).
fn push_index(text: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let (mut rest, mut at) = (index, digits.len());
    // At most 20 digits for a `u64`.
    while at > 0 {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    text.push('[');
    text.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
    text.push(']');
}

impl Path<'_> {
    /// The path (as [`Display`](fmt::Display) writes it) and the place in the documented
    /// type: `[]` for an index, `{}` for a map key (`items[].tags{}.value`), so that it is
    /// bounded by the documentation, not the data. Each is allocated once, at its length:
    /// what every deviation records.
    fn texts(&self) -> (String, String) {
        /// The lengths of the path and of the place, without their `.` for the root.
        fn lengths(path: &Path<'_>) -> (usize, usize) {
            match path {
                Path::Root => (0, 0),
                Path::Key(parent, key) => {
                    let (path, place) = lengths(parent);
                    (
                        path + usize::from(path > 0) + key.len(),
                        place + usize::from(place > 0) + key.len(),
                    )
                }
                Path::Entry(parent, key) => {
                    let (path, place) = lengths(parent);
                    (path + usize::from(path > 0) + key.len(), place + 2)
                }
                Path::Index(parent, index) => {
                    let (path, place) = lengths(parent);
                    let digits = index.checked_ilog10().unwrap_or(0) as usize + 1;
                    (path + digits + 2, place + 2)
                }
            }
        }
        fn write(path: &Path<'_>, text: &mut String, place: &mut String) {
            match path {
                Path::Root => {}
                Path::Key(parent, key) => {
                    write(parent, text, place);
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                    if !place.is_empty() {
                        place.push('.');
                    }
                    place.push_str(key);
                }
                Path::Entry(parent, key) => {
                    write(parent, text, place);
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                    place.push_str("{}");
                }
                Path::Index(parent, index) => {
                    write(parent, text, place);
                    push_index(text, *index);
                    place.push_str("[]");
                }
            }
        }
        let (text_len, place_len) = lengths(self);
        let mut text = String::with_capacity(text_len.max(1));
        let mut place = String::with_capacity(place_len.max(1));
        write(self, &mut text, &mut place);
        if text.is_empty() {
            text.push('.');
        }
        if place.is_empty() {
            place.push('.');
        }
        (text, place)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn write(path: &Path<'_>, f: &mut fmt::Formatter<'_>) -> Result<bool, fmt::Error> {
            match path {
                Path::Root => Ok(false),
                Path::Key(parent, key) | Path::Entry(parent, key) => {
                    if write(parent, f)? {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                    Ok(true)
                }
                Path::Index(parent, index) => {
                    write(parent, f)?;
                    write!(f, "[{index}]")?;
                    Ok(true)
                }
            }
        }
        if !write(self, f)? {
            f.write_str(".")?;
        }
        Ok(())
    }
}

/// The deserializer's error: a message and, once known, the innermost path.
#[derive(Debug)]
struct DeError {
    path: Option<String>,
    message: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self {
            path: None,
            message: message.to_string(),
        }
    }
}

impl DeError {
    fn at(mut self, path: &Path<'_>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }
}

fn visit_scalar<'de, V: Visitor<'de>>(scalar: Scalar, visitor: V) -> Result<V::Value, DeError> {
    match scalar {
        Scalar::Bool(b) => visitor.visit_bool(b),
        Scalar::I64(i) => visitor.visit_i64(i),
        Scalar::U64(u) => visitor.visit_u64(u),
        Scalar::F64(f) => visitor.visit_f64(f),
        Scalar::Str(s) => visitor.visit_string(s),
    }
}

static NULL: Value = Value::Null;

/// The deserializer: one JSON value at one path.
struct De<'p, 'de> {
    value: &'de Value,
    path: &'p Path<'p>,
    cx: &'p Context,
    /// Inside `Some(..)`: an unreadable value here becomes absent (in the next pass).
    optional: bool,
    /// A field the object does not have (its value reads as the default, or absent).
    missing: bool,
}

impl<'p, 'de> De<'p, 'de> {
    fn new(value: &'de Value, path: &'p Path<'p>, cx: &'p Context) -> Self {
        Self {
            value,
            path,
            cx,
            optional: false,
            missing: false,
        }
    }

    /// The value cannot be read as `expected`: recorded to be absent in the next pass if it is
    /// optional, else a deviation read as the default (an error in strict mode). The caller
    /// goes on with the default either way.
    fn unreadable(&self, expected: impl fmt::Display) -> Result<(), DeError> {
        if self.missing {
            return self.cx.deviate(
                self.path,
                format_args!("{expected} (a required field)"),
                "no field",
                ReadAs::Default,
            );
        }
        if self.optional && self.cx.mode == Mode::Lenient {
            self.cx.unreadable.borrow_mut().insert(
                self.path.to_string(),
                (expected.to_string(), Found(self.value).to_string()),
            );
            return Ok(());
        }
        self.cx
            .deviate(self.path, expected, Found(self.value), ReadAs::Default)
    }

    fn scalar<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, DeError> {
        // A signal left by a decode outside this deserializer (plain serde_json) is not this
        // value's: only what this visit signals counts.
        unknown::reset();
        if let (Want::Str, Value::String(s)) = (want, self.value) {
            return self.enum_checked(visitor.visit_borrowed_str(s), want);
        }
        let scalar = match read_scalar(self.value, want) {
            Some((scalar, converted)) => {
                if converted {
                    self.cx
                        .deviate(self.path, want, Found(self.value), ReadAs::Converted)?;
                }
                scalar
            }
            None => {
                self.unreadable(want)?;
                default_scalar(want)
            }
        };
        self.enum_checked(visit_scalar(scalar, visitor), want)
    }

    /// `result` of a string or integer visit, with an undocumented enumeration value recorded.
    fn enum_checked<T>(&self, result: Result<T, DeError>, want: Want) -> Result<T, DeError> {
        if unknown::taken() {
            let expected = format_args!("{want} of the documented values");
            self.cx
                .deviate(self.path, expected, Found(self.value), ReadAs::Unknown)?;
        }
        result.map_err(|e| e.at(self.path))
    }

    fn int<V: Visitor<'de>>(self, min: i128, max: i128, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(Want::Int { min, max }, visitor)
    }

    /// An empty array, object or the like as the default of a value that cannot be read.
    fn empty_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor
            .visit_seq(Seq {
                items: [].iter().enumerate(),
                path: self.path,
                cx: self.cx,
                single: None,
            })
            .map_err(|e| e.at(self.path))
    }
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'de> Deserializer<'de> for De<'_, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // A free-form value (`serde_json::Value`): anything goes, as it came; only a required
        // one that is not there at all is a deviation.
        if self.missing {
            self.cx.deviate(
                self.path,
                "a value (a required field)",
                "no field",
                ReadAs::Default,
            )?;
        }
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (_, Some(i), _) => visitor.visit_i64(i),
                (_, _, Some(f)) => visitor.visit_f64(f),
                _ => visitor.visit_unit(),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                path: self.path,
                cx: self.cx,
                single: None,
            }),
            Value::Object(map) => visitor.visit_map(Fields::new(map, None, self.path, self.cx)),
        };
        result.map_err(|e| e.at(self.path))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(Want::Bool, visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(i8::MIN.into(), i8::MAX.into(), visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(i16::MIN.into(), i16::MAX.into(), visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(i32::MIN.into(), i32::MAX.into(), visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(i64::MIN.into(), i64::MAX.into(), visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(0, u8::MAX.into(), visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(0, u16::MAX.into(), visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(0, u32::MAX.into(), visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.int(0, u64::MAX.into(), visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(Want::Float, visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(Want::Float, visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.scalar(Want::Str, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.missing {
            return visitor.visit_none();
        }
        if self.value.is_null() {
            // How bodies (and the reference's own examples) say an optional value is absent:
            // not a deviation.
            return visitor.visit_none();
        }
        if !self.cx.absent.is_empty() {
            let path = self.path.to_string();
            if let Some((expected, found)) = self.cx.absent.get(&path) {
                self.cx
                    .deviate(self.path, expected, found, ReadAs::Absent)?;
                return visitor.visit_none();
            }
        }
        visitor
            .visit_some(De {
                optional: true,
                ..self
            })
            .map_err(|e| e.at(self.path))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, cx) = (self.path, self.cx);
        match self.value {
            Value::Array(items) if !self.missing => visitor
                .visit_seq(Seq {
                    items: items.iter().enumerate(),
                    path,
                    cx,
                    single: None,
                })
                .map_err(|e| e.at(path)),
            one if read::reads_as_one_item_list(one) => {
                // One value where a list is documented: a one-item list.
                cx.deviate(path, "an array", Found(one), ReadAs::Converted)?;
                visitor
                    .visit_seq(Seq {
                        items: [].iter().enumerate(),
                        path,
                        cx,
                        single: Some(one),
                    })
                    .map_err(|e| e.at(path))
            }
            _ => {
                self.unreadable("an array")?;
                self.empty_seq(visitor)
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, cx) = (self.path, self.cx);
        let map = match self.value {
            Value::Object(map) if !self.missing => map,
            _ => {
                self.unreadable("an object")?;
                &EMPTY
            }
        };
        visitor
            .visit_map(Fields::new(map, None, path, cx))
            .map_err(|e| e.at(path))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (path, cx) = (self.path, self.cx);
        let map = match self.value {
            Value::Object(map) if !self.missing => map,
            value if !self.missing && read::item_of_one_item_list(value).is_some() => {
                // A one-item list where an object is documented: its item.
                cx.deviate(path, "an object", Found(self.value), ReadAs::Converted)?;
                read::item_of_one_item_list(value).unwrap_or(&EMPTY)
            }
            _ => {
                self.unreadable("an object")?;
                &EMPTY
            }
        };
        visitor
            .visit_map(Fields::new(map, Some(fields), path, cx))
            .map_err(|e| e.at(path))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Generated value enums read strings and integers; other enums as serde_json does.
        self.value
            .deserialize_enum(name, variants, visitor)
            .map_err(|e| DeError::custom(e).at(self.path))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// The items of an array (or the one value read as a one-item array).
struct Seq<'p, 'de> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    path: &'p Path<'p>,
    cx: &'p Context,
    single: Option<&'de Value>,
}

impl<'de> SeqAccess<'de> for Seq<'_, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if let Some(one) = self.single.take() {
            return seed.deserialize(De::new(one, self.path, self.cx)).map(Some);
        }
        let Some((index, item)) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, index);
        seed.deserialize(De::new(item, &path, self.cx)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() + usize::from(self.single.is_some()))
    }
}

/// The fields of an object; for a struct (`fields` known) also those it lacks, read as
/// missing, and undocumented ones are recorded.
struct Fields<'p, 'de> {
    entries: serde_json::map::Iter<'de>,
    map: &'de Map<String, Value>,
    fields: Option<&'static [&'static str]>,
    /// The next of `fields` to check for absence, once the entries are read.
    next_field: usize,
    value: Option<(&'de str, &'de Value, bool)>,
    path: &'p Path<'p>,
    cx: &'p Context,
}

impl<'p, 'de> Fields<'p, 'de> {
    fn new(
        map: &'de Map<String, Value>,
        fields: Option<&'static [&'static str]>,
        path: &'p Path<'p>,
        cx: &'p Context,
    ) -> Self {
        Self {
            entries: map.iter(),
            map,
            fields,
            next_field: 0,
            value: None,
            path,
            cx,
        }
    }
}

impl<'de> MapAccess<'de> for Fields<'_, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        if let Some((key, value)) = self.entries.next() {
            if let Some(fields) = self.fields
                && !fields.contains(&key.as_str())
            {
                let path = Path::Key(self.path, key);
                self.cx
                    .deviate(&path, "no such field", Found(value), ReadAs::Ignored)?;
            }
            self.value = Some((key, value, false));
            return seed.deserialize(key.as_str().into_deserializer()).map(Some);
        }
        // The entries are read: the struct's fields the object lacks come as missing, so that a
        // required one reads as its default (an optional one stays absent).
        let Some(fields) = self.fields else {
            return Ok(None);
        };
        while let Some(field) = fields.get(self.next_field) {
            self.next_field += 1;
            if !self.map.contains_key(*field) {
                self.value = Some((field, &NULL, true));
                return seed.deserialize(field.into_deserializer()).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, value, missing) = self
            .value
            .take()
            .ok_or_else(|| DeError::custom("a value asked for before its key"))?;
        let path = match self.fields {
            Some(_) => Path::Key(self.path, key),
            None => Path::Entry(self.path, key),
        };
        seed.deserialize(De {
            value,
            path: &path,
            cx: self.cx,
            optional: false,
            missing,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_and_its_place_as_text_each_in_the_space_it_needs() {
        let root = Path::Root;
        assert_eq!(root.texts(), (".".to_owned(), ".".to_owned()));
        let list = Path::Key(&root, "connections");
        let item = Path::Index(&list, 123);
        let tags = Path::Key(&item, "tags");
        let entry = Path::Entry(&tags, "a.b");
        let value = Path::Key(&entry, "value");
        let (text, place) = value.texts();
        assert_eq!(text, "connections[123].tags.a.b.value");
        assert_eq!(text, value.to_string());
        assert_eq!(place, "connections[].tags{}.value");
        assert_eq!(
            (text.capacity(), place.capacity()),
            (text.len(), place.len())
        );
        let first = Path::Index(&root, 0);
        assert_eq!(first.texts(), ("[0]".to_owned(), "[]".to_owned()));
        assert_eq!(first.to_string(), "[0]");
        for index in [9, 10, 4_294_967_296, usize::MAX] {
            let path = Path::Index(&root, index);
            assert_eq!(path.texts().0, path.to_string());
        }
    }
}
