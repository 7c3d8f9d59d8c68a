//! Support for generated enums: a value the client does not know is kept, not refused.
//!
//! A generated value enum is a plain Rust enum (one variant per documented value and an
//! `Unknown` variant) plus one invocation of [`value_enum!`](crate::value_enum), which
//! implements [`ValueEnum`] (the table of variants and wire values) and the usual conversions
//! (`as_str`/`value`, `VALUES`, `From`, `FromStr`, `Display`, serde) by delegating to the
//! generic functions here. The enum's code is written once, in this module, instead of once
//! per enum.

use std::borrow::Borrow;
use std::fmt;

use serde::Serialize;
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

/// The type an enumeration's values have on the wire: `str` (string enumerations) or `i64`
/// (integer enumerations). Sealed: generated enums use one of these two.
///
/// What depends only on the wire type (finding a value in a table, the serde visitor) is
/// written here, once per wire type, not once per enum.
pub trait Wire: ToOwned + PartialEq + fmt::Display + Serialize + private::Sealed + 'static {
    /// How a documented value is written in a table: `&'static str` or `i64`.
    type Value: Copy + 'static;

    /// The wire value of a table entry.
    fn value(entry: &'static Self::Value) -> &'static Self;

    /// Where `value` is in `values`, if it is documented.
    fn position(values: &[Self::Value], value: &Self) -> Option<usize>;

    /// Deserializes one wire value and looks it up in `values`: its index, or the value
    /// itself when it is not documented. A documented value allocates nothing.
    fn deserialize_lookup<'de, D: Deserializer<'de>>(
        deserializer: D,
        values: &'static [Self::Value],
    ) -> Result<Lookup<Self>, D::Error>;
}

/// A wire value looked up in an enum's table: the index of its variant, or the value itself.
pub type Lookup<W> = Result<usize, <W as ToOwned>::Owned>;

mod private {
    pub trait Sealed {}
    impl Sealed for str {}
    impl Sealed for i64 {}
}

impl Wire for str {
    type Value = &'static str;

    fn value(entry: &'static &'static str) -> &'static str {
        entry
    }

    /// Exact first; else without regard to ASCII case (pages write `HTTP` in a table and
    /// `http` in their examples, and servers answer either).
    fn position(values: &[&'static str], value: &str) -> Option<usize> {
        values
            .iter()
            .position(|documented| *documented == value)
            .or_else(|| {
                values
                    .iter()
                    .position(|documented| documented.eq_ignore_ascii_case(value))
            })
    }

    fn deserialize_lookup<'de, D: Deserializer<'de>>(
        deserializer: D,
        values: &'static [&'static str],
    ) -> Result<Lookup<str>, D::Error> {
        struct LookupVisitor(&'static [&'static str]);
        impl Visitor<'_> for LookupVisitor {
            type Value = Lookup<str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lookup<str>, E> {
                Ok(<str as Wire>::position(self.0, v).ok_or_else(|| unknown(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Lookup<str>, E> {
                Ok(<str as Wire>::position(self.0, &v).ok_or_else(|| unknown(v)))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Lookup<str>, E> {
                let v = std::str::from_utf8(v).map_err(|_| E::custom("invalid UTF-8"))?;
                self.visit_str(v)
            }
        }
        deserializer.deserialize_str(LookupVisitor(values))
    }
}

impl Wire for i64 {
    type Value = i64;

    fn value(entry: &'static i64) -> &'static i64 {
        entry
    }

    fn position(values: &[i64], value: &i64) -> Option<usize> {
        values.iter().position(|documented| documented == value)
    }

    fn deserialize_lookup<'de, D: Deserializer<'de>>(
        deserializer: D,
        values: &'static [i64],
    ) -> Result<Lookup<i64>, D::Error> {
        struct LookupVisitor(&'static [i64]);
        impl Visitor<'_> for LookupVisitor {
            type Value = Lookup<i64>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Lookup<i64>, E> {
                Ok(<i64 as Wire>::position(self.0, &v).ok_or_else(|| unknown(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Lookup<i64>, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("integer out of range"))?;
                self.visit_i64(v)
            }
        }
        deserializer.deserialize_i64(LookupVisitor(values))
    }
}

/// An undocumented value, told to the lenient decoder (which records it) on the way.
fn unknown<T>(value: T) -> T {
    crate::lenient::unknown_enum_value();
    value
}

/// The value kept by the `Unknown` variant of a [`ValueEnum`] (`String` or `i64`).
pub type Owned<E> = <<E as ValueEnum>::Wire as ToOwned>::Owned;

/// An enumeration of documented wire values with an `Unknown` fallback: what every generated
/// value enum implements (through [`value_enum!`](crate::value_enum)).
///
/// ```
/// use apigw_runtime::{UnknownValue, ValueEnum};
///
/// #[derive(Debug, Clone, PartialEq, Eq, Hash)]
/// #[non_exhaustive]
/// pub enum Protocol {
///     /// `HTTP`
///     Http,
///     /// `HTTPS`
///     Https,
///     /// A value this client does not know, kept as received.
///     Unknown(UnknownValue),
/// }
/// apigw_runtime::value_enum!(Protocol: str { Http = "HTTP", Https = "HTTPS" });
///
/// assert_eq!(Protocol::Https.as_str(), "HTTPS");
/// assert_eq!(Protocol::from("HTTP"), Protocol::Http);
/// assert_eq!(Protocol::from("GRPCS").as_str(), "GRPCS"); // kept as received
/// assert_eq!(Protocol::VALUES, ["HTTP", "HTTPS"]);
/// assert_eq!(Protocol::VARIANTS, [Protocol::Http, Protocol::Https]);
/// ```
pub trait ValueEnum: Clone + PartialEq + Sized + 'static {
    /// The values' type on the wire: `str` or `i64`.
    type Wire: ?Sized + Wire;

    /// Every documented variant, in the reference's order.
    const VARIANTS: &'static [Self];

    /// The wire value of each of [`VARIANTS`](Self::VARIANTS), in the same order.
    const VALUES: &'static [<Self::Wire as Wire>::Value];

    /// The `Unknown` variant holding `value`.
    fn unknown(value: UnknownValue<Owned<Self>>) -> Self;

    /// What the `Unknown` variant holds, if `self` is it.
    fn as_unknown(&self) -> Option<&UnknownValue<Owned<Self>>>;

    /// The value as sent on the wire.
    fn wire(&self) -> &Self::Wire {
        if let Some(unknown) = self.as_unknown() {
            return unknown.get().borrow();
        }
        // A plain loop: no closure or iterator adapter to instantiate for every enum.
        let mut index = 0;
        while index < Self::VARIANTS.len() {
            if Self::VARIANTS[index] == *self {
                return Self::Wire::value(&Self::VALUES[index]);
            }
            index += 1;
        }
        unreachable!("every variant but `Unknown` is in `ValueEnum::VARIANTS`")
    }

    /// The variant of a wire value; `Unknown` (holding a copy of it) when none documents it.
    fn from_wire(value: &Self::Wire) -> Self {
        match Self::Wire::position(Self::VALUES, value) {
            Some(index) => Self::VARIANTS[index].clone(),
            None => Self::unknown(UnknownValue(value.to_owned())),
        }
    }

    /// The variant of a looked-up wire value (see [`Wire::deserialize_lookup`]).
    fn from_lookup(found: Lookup<Self::Wire>) -> Self {
        match found {
            Ok(index) => Self::VARIANTS[index].clone(),
            Err(value) => Self::unknown(UnknownValue(value)),
        }
    }
}

/// Implements [`ValueEnum`] and the conversions of a value enum: the enum (declared just
/// before, with one unit variant per value and `Unknown(UnknownValue)` for strings or
/// `Unknown(UnknownValue<i64>)` for integers) is named with its wire type and the
/// `Variant = wire value` pairs.
///
/// - string enumerations (`Name: str { … }`) get `VALUES: &[&str]`, `as_str()`,
///   `From<&str>`, `FromStr` (never fails), `Display` and serde as a string;
/// - integer enumerations (`Name: i64 { … }`) get `VALUES: &[i64]`, `value()`, `From<i64>`,
///   `Display` and serde as a number.
///
/// Each impl is a call into [`ValueEnum`] or [`Wire`], so an enum adds little code of its own.
/// See [`ValueEnum`] for an example.
#[macro_export]
macro_rules! value_enum {
    ($name:ident: str { $($variant:ident = $wire:literal),* $(,)? }) => {
        $crate::value_enum!(@common $name, str, [$($variant),*], [$($wire),*]);

        impl $name {
            /// Every documented value, as sent on the wire.
            pub const VALUES: &'static [&'static str] = <Self as $crate::ValueEnum>::VALUES;

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                $crate::ValueEnum::wire(self)
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::ValueEnum::from_wire(value)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok($crate::ValueEnum::from_wire(value))
            }
        }
    };
    ($name:ident: i64 { $($variant:ident = $wire:literal),* $(,)? }) => {
        $crate::value_enum!(@common $name, i64, [$($variant),*], [$($wire),*]);

        impl $name {
            /// Every documented value, as sent on the wire.
            pub const VALUES: &'static [i64] = <Self as $crate::ValueEnum>::VALUES;

            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                *$crate::ValueEnum::wire(self)
            }
        }

        impl ::core::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                $crate::ValueEnum::from_wire(&value)
            }
        }
    };
    (@common $name:ident, $wire_type:ty, [$($variant:ident),*], [$($wire:literal),*]) => {
        impl $crate::ValueEnum for $name {
            type Wire = $wire_type;
            const VARIANTS: &'static [Self] = &[$(Self::$variant),*];
            const VALUES: &'static [<$wire_type as $crate::enums::Wire>::Value] = &[$($wire),*];

            fn unknown(value: $crate::UnknownValue<$crate::enums::Owned<Self>>) -> Self {
                Self::Unknown(value)
            }

            fn as_unknown(
                &self,
            ) -> ::core::option::Option<&$crate::UnknownValue<$crate::enums::Owned<Self>>> {
                match self {
                    Self::Unknown(value) => ::core::option::Option::Some(value),
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt($crate::ValueEnum::wire(self), f)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(
                    $crate::ValueEnum::wire(self),
                    serializer,
                )
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let values = <Self as $crate::ValueEnum>::VALUES;
                match <$wire_type as $crate::enums::Wire>::deserialize_lookup(deserializer, values) {
                    ::core::result::Result::Ok(found) => {
                        ::core::result::Result::Ok($crate::ValueEnum::from_lookup(found))
                    }
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    enum Protocol {
        Http,
        Https,
        Unknown(UnknownValue),
    }
    crate::value_enum!(Protocol: str { Http = "HTTP", Https = "HTTPS" });

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    enum Status {
        Published,
        Offline,
        Negative,
        Unknown(UnknownValue<i64>),
    }
    crate::value_enum!(Status: i64 { Published = 1, Offline = 2, Negative = -7 });

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Holder {
        protocol: Protocol,
        status: Status,
        all: Vec<Protocol>,
    }

    #[test]
    fn string_values_convert_both_ways() {
        assert_eq!(Protocol::VALUES, ["HTTP", "HTTPS"]);
        for (variant, wire) in [(Protocol::Http, "HTTP"), (Protocol::Https, "HTTPS")] {
            assert_eq!(variant.as_str(), wire);
            assert_eq!(variant.to_string(), wire);
            assert_eq!(Protocol::from(wire), variant);
            assert_eq!(wire.parse::<Protocol>(), Ok(variant.clone()));
            assert_eq!(variant.to_string().parse::<Protocol>(), Ok(variant));
        }
        // Pages write `HTTP` in a table and `http` in their examples; both are the variant,
        // which is sent as documented.
        assert_eq!(Protocol::from("http"), Protocol::Http);
        assert_eq!(Protocol::from("http").as_str(), "HTTP");
        assert!(matches!(Protocol::from("htt"), Protocol::Unknown(_)));
        assert_eq!(format!("[{:>6}]", Protocol::Http), "[  HTTP]");
    }

    #[test]
    fn unknown_strings_are_kept_and_re_encoded_unchanged() {
        let grpc: Protocol = "GRPCS".parse().unwrap();
        match &grpc {
            Protocol::Unknown(value) => assert_eq!(value.as_str(), "GRPCS"),
            other => panic!("{other:?}"),
        }
        assert_eq!(grpc.as_str(), "GRPCS");
        assert_eq!(grpc.to_string(), "GRPCS");
        assert_eq!(Protocol::from(grpc.as_str()), grpc);
        assert_ne!(grpc, Protocol::from("GRPC"));
    }

    #[test]
    fn integer_values_convert_both_ways_and_unknown_ones_are_kept() {
        assert_eq!(Status::VALUES, [1, 2, -7]);
        assert_eq!(Status::from(2), Status::Offline);
        assert_eq!(Status::Negative.value(), -7);
        assert_eq!(Status::Published.to_string(), "1");
        let three = Status::from(3);
        assert!(matches!(three, Status::Unknown(v) if *v.get() == 3));
        assert_eq!(three.value(), 3);
        assert_eq!(three.to_string(), "3");
        assert_eq!(Status::VARIANTS[2], Status::Negative);
        assert_eq!(<Status as ValueEnum>::VALUES[2], -7);
    }

    #[test]
    fn serde_round_trips_known_and_unknown_values() {
        let json = r#"{"protocol":"HTTPS","status":2,"all":["HTTP","QUIC"]}"#;
        let decoded: Holder = serde_json::from_str(json).unwrap();
        assert_eq!(decoded.protocol, Protocol::Https);
        assert_eq!(decoded.status, Status::Offline);
        assert_eq!(decoded.all[0], Protocol::Http);
        assert_eq!(decoded.all[1].as_str(), "QUIC");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), json);

        let json = r#"{"protocol":"h3","status":42,"all":[]}"#;
        let decoded: Holder = serde_json::from_str(json).unwrap();
        assert!(matches!(decoded.protocol, Protocol::Unknown(_)));
        assert_eq!(decoded.status.value(), 42);
        assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
    }

    #[test]
    fn the_wrong_json_type_is_a_decode_error() {
        let err = serde_json::from_str::<Protocol>("1").unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
        assert!(serde_json::from_str::<Status>("\"1\"").is_err());
        assert!(serde_json::from_str::<Status>("1.5").is_err());
    }

    #[test]
    fn escaped_strings_decode_without_a_borrowed_input() {
        // serde_json cannot lend a string holding an escape; it is decoded into a buffer.
        assert_eq!(
            serde_json::from_str::<Protocol>(r#""HTT\u0050""#).unwrap(),
            Protocol::Http
        );
        let value = serde_json::json!("HTTPS");
        assert_eq!(
            serde_json::from_value::<Protocol>(value).unwrap(),
            Protocol::Https
        );
    }
}
