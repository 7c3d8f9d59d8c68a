//! [`SecretString`]: a field the reference documents as secret (a password, a secret key, a
//! token, a private key) in generated request and response types.

use std::fmt;

/// A string the reference documents as secret, in a generated body type.
///
/// It is sent and received as the plain JSON string it is, but `Debug` prints `"***"`, so a
/// body logged with `{:?}` (or held in an error) does not show it, and it has no `Display`:
/// the value is only read with [`expose`](SecretString::expose), where it is used. Which
/// fields are generated with it is a rule of the spec format (`apigw_spec::secret`).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself. Call only where it is used.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret itself, taking it out.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

impl crate::validate::Length for SecretString {
    fn length(&self) -> Option<usize> {
        self.0.length()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_and_json_carries_the_value() {
        let secret = SecretString::from("Passw0rd!");
        assert_eq!(format!("{secret:?}"), "\"***\"");
        assert_eq!(format!("{:?}", Some(secret.clone())), "Some(\"***\")");
        let json = serde_json::to_string(&secret).unwrap();
        assert_eq!(json, "\"Passw0rd!\"");
        let back: SecretString = serde_json::from_str(&json).unwrap();
        assert_eq!(back.expose(), "Passw0rd!");
        assert!(serde_json::from_str::<SecretString>("1").is_err());
    }
}
