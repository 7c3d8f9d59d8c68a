//! Whether a request carries credentials: the emulator's own business (the spec says which
//! header the credentials fill, not how the gateway judges them).

/// Whether the request carries credentials of a known shape: an `X-Auth-Token`, or an
/// `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with an
/// `X-Sdk-Date`. (The emulator has no keys to verify signatures with.)
pub fn authenticated(header: impl Fn(&str) -> Option<String>) -> bool {
    if header("x-auth-token").is_some_and(|t| !t.trim().is_empty()) {
        return true;
    }
    let Some(authorization) = header("authorization") else {
        return false;
    };
    let Some(rest) = authorization.strip_prefix("SDK-HMAC-SHA256 ") else {
        return false;
    };
    let fields: Vec<&str> = rest.split(", ").collect();
    let has = |key: &str| {
        fields
            .iter()
            .any(|f| f.strip_prefix(key).is_some_and(|v| !v.is_empty()))
    };
    let signature_hex = fields
        .iter()
        .find_map(|f| f.strip_prefix("Signature="))
        .is_some_and(|s| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()));
    has("Access=") && has("SignedHeaders=") && signature_hex && header("x-sdk-date").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(headers: &[(&str, &str)]) -> bool {
        authenticated(|name| {
            headers
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn a_token_or_a_well_formed_signature() {
        let signature = "0123456789abcdef".repeat(4);
        let signed = format!(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={signature}"
        );
        let date = ("x-sdk-date", "20261123T193740Z");
        assert!(with(&[("x-auth-token", "t")]));
        assert!(with(&[("authorization", &signed), date]));

        assert!(!with(&[]));
        assert!(!with(&[("x-auth-token", "  ")]));
        assert!(!with(&[("authorization", &signed)]), "no date");
        let short = signed.replace(&signature, "abc");
        assert!(!with(&[("authorization", &short), date]));
        let no_access = signed.replace("Access=AK", "Access=");
        assert!(!with(&[("authorization", &no_access), date]));
        assert!(!with(&[("authorization", "Basic dXNlcjpwdw=="), date]));
    }
}
