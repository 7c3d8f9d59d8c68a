//! Support for generated enums: a value the client does not know is kept, not refused.

use std::fmt;

use serde::de::{Deserializer, Visitor};

/// A value of an enumeration that this version of the client does not know (for example one
/// the service added later). Generated enums keep it in their `Unknown` variant, so decoding
/// never fails on a new value and re-encoding sends it back unchanged.
///
/// It cannot be constructed outside generated code, so `Unknown` never stands for a value that
/// has a variant of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl<T> UnknownValue<T> {
    #[doc(hidden)]
    pub fn __new(value: T) -> Self {
        Self(value)
    }

    /// The value as received.
    pub fn get(&self) -> &T {
        &self.0
    }
}

impl UnknownValue<String> {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Deserializes a string without allocating when the input lends it, and maps it with `f`.
pub fn deserialize_str_with<'de, D, T>(deserializer: D, f: fn(&str) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<T>(fn(&str) -> T);
    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<T, E> {
            std::str::from_utf8(v)
                .map(self.0)
                .map_err(|_| E::custom("invalid UTF-8"))
        }
    }
    deserializer.deserialize_str(StrVisitor(f))
}
