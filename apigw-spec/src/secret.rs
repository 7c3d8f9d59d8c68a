//! Which fields hold a secret: a rule of the format, applied to every spec alike.
//!
//! A field is secret when it is a plain `String` (no enumeration) and either
//!
//! - its **name** ends in a secret noun: `password`, `passwd`, `pass`, `pwd`, `secret`, `token`,
//!   `sk` (the secret half of an AK/SK pair), `private key`, `secret key` (`adminPass`,
//!   `db_password`, `app_secret`, `sk`, `private_key`), or is `user data` (what is injected
//!   into a server at creation, which the references document as setting its passwords in
//!   place of `adminPass`), but not a position (`next_token`, `page_token`, `max_token`); or
//! - its **definition** (the first sentence of its description, after a `**Definition**`
//!   heading) names a secret as what the field is: up to three words, then `password`,
//!   `secret key`, `private key` or `token`, then the end of the phrase (`of`, `for`, `used`,
//!   `that`, `which`, `to`, `,`, `.`): "Specifies the initial login password of the
//!   administrator" is one, "Whether users may change their passwords" is not.
//!
//! The generator gives such fields the runtime's `SecretString`, whose `Debug` prints `"***"`.

use crate::model::{Field, TypeExpr};

/// Nouns that, ending a field's name, make it a secret.
const SECRET_NAME_ENDS: [&[&str]; 10] = [
    &["password"],
    &["passwd"],
    &["pass"],
    &["pwd"],
    &["secret"],
    &["token"],
    &["sk"],
    &["private", "key"],
    &["secret", "key"],
    &["user", "data"],
];

/// Words before `token` that make it a position (in a listing, in a table's key range), not a
/// secret.
const PAGING_WORDS: [&str; 6] = ["next", "page", "marker", "pagination", "min", "max"];

/// The secrets a definition can name.
const SECRET_NOUNS: [&[&str]; 5] = [
    &["password"],
    &["secret", "key"],
    &["private", "key"],
    &["secret", "access", "key"],
    &["token"],
];

/// Words that end the noun phrase after a secret noun.
const PHRASE_ENDS: [&str; 7] = ["of", "for", "used", "that", "which", "to", "in"];

/// Whether `field` holds a secret (see the module's rule).
pub fn is_secret(field: &Field) -> bool {
    if field.schema.ty.value != TypeExpr::String || field.schema.enumeration.is_some() {
        return false;
    }
    name_is_secret(&field.name.value)
        || field
            .description
            .as_deref()
            .is_some_and(definition_is_secret)
}

/// The name rule: `name`'s words end in a secret noun.
pub fn name_is_secret(name: &str) -> bool {
    let words = words(&crate::naming::snake(name));
    if words.len() >= 2
        && words[words.len() - 1] == "token"
        && PAGING_WORDS.contains(&words[words.len() - 2].as_str())
    {
        return false;
    }
    SECRET_NAME_ENDS.iter().any(|end| ends_with(&words, end))
}

/// The definition rule: the first sentence of `description` names a secret as what it is.
pub fn definition_is_secret(description: &str) -> bool {
    let text = description
        .trim_start()
        .strip_prefix("**Definition**")
        .unwrap_or(description);
    let sentence = text.trim_start().split(['\n', '.']).next().unwrap_or("");
    // Commas end the phrase too: keep them as words.
    let sentence = sentence.replace(',', " , ");
    let mut words = words(&sentence.to_lowercase());
    words.retain(|w| !w.is_empty());
    let mut start = 0;
    if words
        .first()
        .is_some_and(|w| ["specifies", "indicates", "specify"].contains(&w.as_str()))
    {
        start = 1;
    }
    if words
        .get(start)
        .is_some_and(|w| ["the", "a", "an", "your"].contains(&w.as_str()))
    {
        start += 1;
    }
    for skip in 0..=3 {
        let at = start + skip;
        if words[start..at.min(words.len())].iter().any(|w| {
            PHRASE_ENDS.contains(&w.as_str()) || w == "," || PAGING_WORDS.contains(&w.as_str())
        }) {
            return false;
        }
        for noun in SECRET_NOUNS {
            let end = at + noun.len();
            if end <= words.len()
                && words[at..end].iter().zip(noun).all(|(w, n)| w == n)
                && words
                    .get(end)
                    .is_none_or(|next| PHRASE_ENDS.contains(&next.as_str()) || next == ",")
            {
                return true;
            }
        }
    }
    false
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == ','))
        .flat_map(|w| {
            if w.len() > 1 && w.contains(',') {
                w.split(',').map(str::to_owned).collect::<Vec<_>>()
            } else {
                vec![w.to_owned()]
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn ends_with(words: &[String], end: &[&str]) -> bool {
    words.len() >= end.len()
        && words[words.len() - end.len()..]
            .iter()
            .zip(end)
            .all(|(w, e)| w == e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for name in [
            "adminPass",
            "password",
            "db_password",
            "new_password",
            "app_secret",
            "sk",
            "private_key",
            "user_data",
            "OS-EXT-SRV-ATTR:user_data",
            "token",
            "ssl_cert_password",
        ] {
            assert!(name_is_secret(name), "{name}");
        }
        for name in [
            "password_expires_at",
            "pwd_status",
            "no_password_access",
            "pass_through",
            "access_key",
            "public_key",
            "key",
            "next_token",
            "max_token",
            "app_key",
            "keypair_name",
        ] {
            assert!(!name_is_secret(name), "{name}");
        }
    }

    #[test]
    fn definitions() {
        assert!(definition_is_secret(
            "**Definition**\n\nSpecifies the initial login password of the administrator account."
        ));
        assert!(definition_is_secret("Private key of the certificate."));
        assert!(definition_is_secret("Secret access key, used for signing."));
        assert!(definition_is_secret("Database password."));
        assert!(!definition_is_secret(
            "Whether IAM users are allowed to change their passwords."
        ));
        assert!(!definition_is_secret(
            "Public key used to sign the ID token."
        ));
        assert!(!definition_is_secret("The time when the password expires."));
        assert!(!definition_is_secret("Pagination token."));
        assert!(!definition_is_secret("Password strength."));
        assert!(!definition_is_secret(""));
    }
}
