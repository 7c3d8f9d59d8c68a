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

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

use serde::de::Error as _;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Map, Number, Value};

mod watch;

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
    let first = Context::new(mode, BTreeMap::new());
    let decoded = decode::<T>(value, &first)?;
    let unreadable = first.unreadable.take();
    if unreadable.is_empty() {
        return Ok((decoded, first.deviations.take()));
    }
    // An optional value could not be read: the first pass gave it a default; a second pass,
    // knowing where, makes it absent.
    let second = Context::new(mode, unreadable);
    let decoded = decode::<T>(value, &second)?;
    Ok((decoded, second.deviations.take()))
}

fn decode<T: DeserializeOwned>(value: &Value, cx: &Context) -> Result<T, Error> {
    let root = Path::Root;
    T::deserialize(De::new(value, &root, cx)).map_err(|e| Error {
        path: e.path.unwrap_or_else(|| ".".to_owned()),
        reason: e.message,
    })
}

/// Logs `deviations` of a response of `operation` through `tracing` (a warning), once per
/// operation and place: `items[3].id` and `items[4].id` are one place, `items[].id`.
pub(crate) fn log(operation: &'static str, deviations: &[Deviation]) {
    static SEEN: std::sync::Mutex<std::collections::BTreeSet<(&'static str, String)>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    if deviations.is_empty() {
        return;
    }
    let Ok(mut seen) = SEEN.lock() else {
        return;
    };
    let mut previous: Option<&str> = None;
    for deviation in deviations {
        // A list's items drift alike: compare with the one before without building text.
        if previous.is_some_and(|p| same_place(p, &deviation.path)) {
            continue;
        }
        previous = Some(&deviation.path);
        let place = without_indices(&deviation.path);
        if seen.insert((operation, place.clone())) {
            tracing::warn!(
                operation,
                place,
                "the response differs from its documentation {deviation}"
            );
        }
    }
}

/// Whether two paths name the same place in different items (`a[1].b`, `a[2].b`).
fn same_place(a: &str, b: &str) -> bool {
    outside_indices(a).eq(outside_indices(b))
}

/// The characters of `path` outside its `[…]` indices.
fn outside_indices(path: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_index = false;
    path.chars().filter(move |c| {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => return false,
            _ => {}
        }
        true
    })
}

/// `items[3].id` → `items[].id`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push(c);
            }
            ']' => {
                in_index = false;
                out.push(c);
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// Called by a generated enum's `Deserialize` when a value is not one of its documented values,
/// so that the deserializer of this module records it (elsewhere it is a no-op).
pub(crate) fn unknown_enum_value() {
    UNKNOWN_VALUE.with(|flag| flag.set(true));
    watch::note();
}

thread_local! {
    /// Set by [`unknown_enum_value`] while a string or integer is being decoded.
    static UNKNOWN_VALUE: Cell<bool> = const { Cell::new(false) };
}

/// One decoding pass.
struct Context {
    mode: Mode,
    deviations: RefCell<Vec<Deviation>>,
    /// Paths of optional values that could not be read in this pass, with what was expected
    /// and what was found.
    unreadable: RefCell<BTreeMap<String, (String, String)>>,
    /// Paths of optional values to read as absent (found unreadable by the pass before).
    absent: BTreeMap<String, (String, String)>,
}

impl Context {
    fn new(mode: Mode, absent: BTreeMap<String, (String, String)>) -> Self {
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
                self.deviations.borrow_mut().push(Deviation {
                    path: path.to_string(),
                    expected: expected.to_string(),
                    found: found.to_string(),
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
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn write(path: &Path<'_>, f: &mut fmt::Formatter<'_>) -> Result<bool, fmt::Error> {
            match path {
                Path::Root => Ok(false),
                Path::Key(parent, key) => {
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

/// What a scalar request wants.
#[derive(Clone, Copy)]
enum Want {
    Bool,
    Int { min: i128, max: i128 },
    Float,
    Str,
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Want::Bool => "a boolean",
            Want::Int { .. } => "an integer",
            Want::Float => "a number",
            Want::Str => "a string",
        })
    }
}

/// How a JSON value is named in a deviation.
struct Found<'a>(&'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "the boolean {b}"),
            Value::Number(n) => write!(f, "the number {n}"),
            Value::String(s) if s.len() > 40 => {
                let cut: String = s.chars().take(40).collect();
                write!(f, "the string {cut:?}…")
            }
            Value::String(s) => write!(f, "the string {s:?}"),
            Value::Array(a) => write!(f, "an array of {} items", a.len()),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

/// A scalar read from a JSON value.
enum Scalar {
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
}

/// `value` as `want`, if a person would call it the same value (`None` otherwise); whether it
/// was converted.
fn read_scalar(value: &Value, want: Want) -> Option<(Scalar, bool)> {
    match (want, value) {
        (Want::Bool, Value::Bool(b)) => Some((Scalar::Bool(*b), false)),
        (Want::Bool, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some((Scalar::Bool(true), true)),
            "false" => Some((Scalar::Bool(false), true)),
            _ => None,
        },
        (Want::Bool, Value::Number(n)) => match n.as_u64() {
            Some(0) => Some((Scalar::Bool(false), true)),
            Some(1) => Some((Scalar::Bool(true), true)),
            _ => None,
        },
        (Want::Int { min, max }, Value::Number(n)) => int(n, min, max),
        (Want::Int { min, max }, Value::String(s)) => {
            let n: Number = s.trim().parse().ok()?;
            int(&n, min, max).map(|(s, _)| (s, true))
        }
        (Want::Float, Value::Number(n)) => Some((Scalar::F64(n.as_f64()?), false)),
        (Want::Float, Value::String(s)) => {
            let f: f64 = s.trim().parse().ok()?;
            f.is_finite().then_some((Scalar::F64(f), true))
        }
        (Want::Str, Value::String(_)) => None, // borrowed by the caller, never converted
        (Want::Str, Value::Number(n)) => Some((Scalar::Str(n.to_string()), true)),
        (Want::Str, Value::Bool(b)) => Some((Scalar::Str(b.to_string()), true)),
        _ => None,
    }
}

/// An integer in `min..=max` from a JSON number, and whether it was converted (a whole float).
fn int(n: &Number, min: i128, max: i128) -> Option<(Scalar, bool)> {
    let (wide, scalar, converted) = if let Some(i) = n.as_i64() {
        (i128::from(i), Scalar::I64(i), false)
    } else if let Some(u) = n.as_u64() {
        (i128::from(u), Scalar::U64(u), false)
    } else {
        let f = n.as_f64()?;
        if f.fract() != 0.0 || !(min as f64..=max as f64).contains(&f) {
            return None;
        }
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and within the target's range, checked above"
        )]
        let i = f as i64;
        (i128::from(i), Scalar::I64(i), true)
    };
    (min..=max).contains(&wide).then_some((scalar, converted))
}

/// The default of a scalar.
fn default_scalar(want: Want) -> Scalar {
    match want {
        Want::Bool => Scalar::Bool(false),
        Want::Int { .. } => Scalar::I64(0),
        Want::Float => Scalar::F64(0.0),
        Want::Str => Scalar::Str(String::new()),
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
        if UNKNOWN_VALUE.with(|flag| flag.replace(false)) {
            let expected = format_args!("{want} of the documented values");
            self.cx
                .deviate(self.path, expected, Found(self.value), ReadAs::Unknown)?;
        }
        result.map_err(|e| e.at(self.path))
    }

    fn int<V: Visitor<'de>>(self, min: i128, max: i128, visitor: V) -> Result<V::Value, DeError> {
        UNKNOWN_VALUE.with(|flag| flag.set(false));
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
        UNKNOWN_VALUE.with(|flag| flag.set(false));
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
            Value::Null => {
                self.unreadable("an array")?;
                self.empty_seq(visitor)
            }
            one => {
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
            Value::Array(items) if items.len() == 1 && items[0].is_object() && !self.missing => {
                // A one-item list where an object is documented: its item.
                cx.deviate(path, "an object", Found(self.value), ReadAs::Converted)?;
                let Value::Object(map) = &items[0] else {
                    unreachable!("checked above")
                };
                map
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
        let path = Path::Key(self.path, key);
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
    fn places_are_logged_without_item_indices() {
        assert_eq!(without_indices("items[3].tags[12].id"), "items[].tags[].id");
        assert_eq!(without_indices("."), ".");
        assert!(same_place("items[3].id", "items[12].id"));
        assert!(!same_place("items[3].id", "items[3].name"));
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
