//! The Rust names generated from a spec's names. Both the checker (to find names that collide
//! after case conversion) and the code generator use these functions, so they always agree.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::model::{EnumValue, Enumeration, Field, Literal, Object, Param, Schema, Spec};

/// `snake_case` for a value name (field, parameter, method); never empty, never starts with a
/// digit. Keywords are left as they are: the generator writes them as raw identifiers.
pub fn snake(name: &str) -> String {
    let snake = name.to_snake_case();
    fix_start(snake, "_")
}

/// `PascalCase` for a type or variant name; never empty, never starts with a digit.
pub fn pascal(name: &str) -> String {
    let pascal = name.to_upper_camel_case();
    fix_start(pascal, "V")
}

/// The Rust names of the values of one scope (the fields of an object, the parameters of an
/// operation), in order: each its name in snake case ([`snake`]); where names of the scope
/// would become the same (`server_id` and `serverId`, `name` and `name~`), the one already
/// written so keeps it (else the first), and each other gets the next number not taken
/// (`server_id_2`). The wire names stay as they are, so every value keeps its own.
pub fn distinct_snake<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<&str> = names.into_iter().collect();
    let mut out: Vec<String> = names.iter().map(|n| snake(n)).collect();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    // First the names written in snake case already, then the others in order.
    let order: Vec<usize> = (0..names.len())
        .filter(|&i| out[i] == names[i])
        .chain((0..names.len()).filter(|&i| out[i] != names[i]))
        .collect();
    for i in order {
        if !taken.insert(out[i].clone()) {
            let name = (2..)
                .map(|n| format!("{}_{n}", out[i]))
                .find(|c| !taken.contains(c) && !out.contains(c))
                .expect("the numbered names never run out");
            taken.insert(name.clone());
            out[i] = name;
        }
    }
    out
}

/// The Rust names of an object's fields, in order (see [`distinct_snake`]).
pub fn field_names(object: &Object) -> Vec<String> {
    distinct_snake(object.fields.iter().map(|f| f.name.value.as_str()))
}

/// The Rust name of one field of `object` (see [`field_names`]).
pub fn field_name(object: &Object, field: &Field) -> String {
    object
        .fields
        .iter()
        .position(|f| std::ptr::eq(f, field))
        .map(|i| field_names(object).swap_remove(i))
        .unwrap_or_else(|| snake(&field.name.value))
}

/// The Rust names of an operation's parameters (its builder's arguments and setters), in the
/// order of [`Spec::params`] (see [`distinct_snake`]).
pub fn param_names(spec: &Spec) -> Vec<String> {
    distinct_snake(spec.params.iter().map(|p| p.field.name.value.as_str()))
}

/// The Rust name of one parameter of `spec` (see [`param_names`]).
pub fn param_name(spec: &Spec, param: &Param) -> String {
    spec.params
        .iter()
        .position(|p| std::ptr::eq(p, param))
        .map(|i| param_names(spec).swap_remove(i))
        .unwrap_or_else(|| snake(&param.field.name.value))
}

fn fix_start(name: String, prefix: &str) -> String {
    if name.is_empty() {
        format!("{prefix}empty")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// The module holding an operation's generated items, e.g. `list_api_versions_v2`.
pub fn module_name(spec: &Spec) -> String {
    snake(&spec.operation.id.value)
}

/// The client method that starts a request, e.g. `list_api_versions_v2`.
pub fn method_name(spec: &Spec) -> String {
    module_name(spec)
}

/// The request builder type, e.g. `ListApiVersionsV2Request`.
pub fn builder_name(spec: &Spec) -> String {
    format!("{}Request", pascal(&spec.operation.id.value))
}

/// The per-operation error type, e.g. `ListApiVersionsV2Error`.
pub fn error_name(spec: &Spec) -> String {
    format!("{}Error", pascal(&spec.operation.id.value))
}

/// The Rust type of an object.
pub fn object_name(object: &Object) -> String {
    pascal(&object.name.value)
}

/// Every type name the generator gives an operation's module, each with the span of what it is
/// generated from: the request builder and the error type (the operation id's span), then each
/// object and its fields' enums, then the parameters' enums. The checker finds collisions in
/// this list and the generator writes prelude names in full when this list takes them, so a
/// new generated type is added here, once.
pub fn type_names(spec: &Spec) -> Vec<(String, crate::source::Span)> {
    let op = &spec.operation.id.span;
    let mut names = vec![
        (builder_name(spec), op.clone()),
        (error_name(spec), op.clone()),
    ];
    for object in &spec.objects {
        names.extend(object_type_names(object));
    }
    for param in &spec.params {
        if let Some(e) = materialized_enum(&param.field.schema) {
            names.push((param_enum_name(param, e), e.span.clone()));
        }
    }
    names
}

/// The type names generated for one object (see [`type_names`]): its own, then its fields'
/// enums, each with the span of what it is generated from.
pub fn object_type_names(object: &Object) -> Vec<(String, crate::source::Span)> {
    let mut names = vec![(object_name(object), object.name.span.clone())];
    for field in &object.fields {
        if let Some(e) = materialized_enum(&field.schema) {
            names.push((
                field_enum_name(&object.name.value, field, e),
                e.span.clone(),
            ));
        }
    }
    names
}

/// The enumeration of a schema, if it becomes a Rust enum (a generated type, see
/// [`type_names`]): values of an enumerable type, at least one.
pub fn materialized_enum(schema: &Schema) -> Option<&Enumeration> {
    schema
        .enumeration
        .as_ref()
        .filter(|e| schema.ty.value.enum_base().is_enumerable() && !e.values.is_empty())
}

/// The Rust enum type of a parameter with enumerated values.
pub fn param_enum_name(param: &Param, enumeration: &Enumeration) -> String {
    enumeration
        .type_name
        .as_ref()
        .map_or_else(|| pascal(&param.field.name.value), |n| n.value.clone())
}

/// The Rust enum type of an object field (or response header) with enumerated values, e.g.
/// `EndpointConnectionStatus` for the field `status` of `EndpointConnection`.
pub fn field_enum_name(owner: &str, field: &Field, enumeration: &Enumeration) -> String {
    enumeration.type_name.as_ref().map_or_else(
        || format!("{}{}", pascal(owner), pascal(&field.name.value)),
        |n| n.value.clone(),
    )
}

/// The variant of one enumerated value: its explicit `name`, else the value in `PascalCase`
/// (`pendingAcceptance` → `PendingAcceptance`, `1` → `V1`, `UNKNOWN` → `UnknownValue`).
pub fn variant_name(value: &EnumValue) -> String {
    if let Some(name) = &value.name {
        return name.value.clone();
    }
    let name = match &value.value.value {
        Literal::String(s) => pascal(s),
        Literal::Number(n) => pascal(&n.to_string().replace('-', "minus_").replace('.', "_")),
        Literal::Boolean(b) => pascal(&b.to_string()),
    };
    // A documented value `UNKNOWN` is not the fallback for undocumented ones (as aws-sdk-rust
    // names it).
    if name == UNKNOWN_VARIANT {
        format!("{UNKNOWN_VARIANT}Value")
    } else {
        name
    }
}

/// The variant every generated enum has for a value its documentation does not list
/// (`Unknown(UnknownValue)`, see the runtime's `value_enum!`): no documented value takes it.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The error variant of a documented status, e.g. `NotFound` for 404.
pub fn status_variant(status: u16) -> String {
    let reason = match status {
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        304 => "NotModified",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    reason.to_owned()
}

/// Whether `c` may stand in a name a spec gives (after its first character, see
/// [`is_identifier`]): an ASCII letter, digit or `_`.
pub fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The one rule for a name a spec gives that becomes Rust as written (an operation id, an
/// object, variant or enum name): an ASCII letter, then ASCII letters, digits and `_`.
pub fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(is_identifier_char)
}

/// Whether `name` is a Rust keyword that can be written as a raw identifier (`r#type`).
pub fn is_raw_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do",
        "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in",
        "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
        "return", "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe",
        "unsized", "use", "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&name)
}

/// Whether `name` is a keyword that cannot be a raw identifier; the generator appends `_`.
pub fn is_reserved_path_keyword(name: &str) -> bool {
    matches!(name, "self" | "Self" | "super" | "crate" | "_")
}

/// The names the generated request builder uses for itself. A parameter becomes a builder
/// field and (when optional) a setter named [`snake`] of it, so no parameter may take one of
/// these: the checker reports such a parameter, and the generator spells the builder's own
/// items with these constants, so the two cannot disagree.
pub mod builder {
    /// The field holding the client the request is sent with.
    pub const CLIENT: &str = "client";
    /// Checks the limits and encodes the request, without sending it.
    pub const BUILD: &str = "build";
    /// Sends the request and decodes the response.
    pub const SEND: &str = "send";
    /// The derived `Clone::clone`, which a setter would shadow.
    pub const CLONE: &str = "clone";
    /// Every page of a paged operation (see [`paging`](crate::paging)).
    pub const PAGES: &str = "pages";
    /// Every item of every page of a paged operation.
    pub const ITEMS: &str = "items";

    /// Which builders have a reserved name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Reserved {
        /// Every builder.
        Always,
        /// The builders of operations that page (see [`paging`](crate::paging)).
        WhenPaged,
    }

    /// The one list of reserved names.
    pub const RESERVED: &[(&str, Reserved)] = &[
        (CLIENT, Reserved::Always),
        (BUILD, Reserved::Always),
        (SEND, Reserved::Always),
        (CLONE, Reserved::Always),
        (PAGES, Reserved::WhenPaged),
        (ITEMS, Reserved::WhenPaged),
    ];

    /// Whether a generated Rust name is reserved on the builder of an operation that pages
    /// (`paged`) or not, and why.
    pub fn reserved(rust_name: &str, paged: bool) -> Option<Reserved> {
        RESERVED
            .iter()
            .find(|(name, _)| *name == rust_name)
            .map(|(_, reserved)| *reserved)
            .filter(|reserved| paged || *reserved == Reserved::Always)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_list_every_generated_type_once() {
        let text = r#"
query = { order = { type = "String", enum = ["asc", "desc"] } }
response = { 200 = { body = "ThingList" } }
object = { ThingList = { state = { type = "String", enum = ["on", "off"] } } }
operation = { id = "ListThings", method = "GET", path = "/v1/things" }
"#;
        let spec = crate::load("list_things.toml", text).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = type_names(&spec).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "ListThingsRequest",
                "ListThingsError",
                "ThingList",
                "ThingListState",
                "Order"
            ]
        );
    }

    #[test]
    fn a_documented_unknown_is_not_the_fallback() {
        let text = r#"
query = { state = { type = "String", enum = ["ACTIVE", "UNKNOWN"] } }
response = { 204 = { description = "Listed." } }
operation = { id = "ListThings", method = "GET", path = "/v1/things" }
"#;
        let spec = crate::load("list_things.toml", text).unwrap_or_else(|e| panic!("{e}"));
        let enumeration = spec.params[0].field.schema.enumeration.as_ref().unwrap();
        let variants: Vec<String> = enumeration.values.iter().map(variant_name).collect();
        assert_eq!(variants, ["Active", "UnknownValue"]);

        let named = text.replace(
            r#""UNKNOWN"]"#,
            r#"{ value = "UNKNOWN", name = "Unknown" }]"#,
        );
        let error = crate::load("list_things.toml", &named)
            .unwrap_err()
            .to_string();
        assert!(error.contains("generated fallback"), "{error}");
    }

    #[test]
    fn an_identifier_starts_with_a_letter() {
        for good in ["ListApiVersionsV2", "a", "Api_resp2"] {
            assert!(is_identifier(good), "{good}");
        }
        for bad in ["", "_", "_Private", "2xx", "List-Apis", "Käse", "a b"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn names_of_one_scope_stay_apart() {
        assert_eq!(
            distinct_snake(["serverId", "server_id", "name"]),
            ["server_id_2", "server_id", "name"]
        );
        assert_eq!(distinct_snake(["name", "name~"]), ["name", "name_2"]);
        assert_eq!(
            distinct_snake(["aB", "a_b_2", "a_b"]),
            ["a_b_3", "a_b_2", "a_b"]
        );
        assert_eq!(distinct_snake(["vpcId", "subnet"]), ["vpc_id", "subnet"]);
    }

    #[test]
    fn converts_cases() {
        assert_eq!(snake("ListApiVersionsV2"), "list_api_versions_v2");
        assert_eq!(snake("X-Auth-Token"), "x_auth_token");
        assert_eq!(snake("envName"), "env_name");
        assert_eq!(pascal("pendingAcceptance"), "PendingAcceptance");
        assert_eq!(pascal("1"), "V1");
        assert_eq!(pascal("*"), "Vempty");
        assert_eq!(status_variant(404), "NotFound");
        assert_eq!(status_variant(499), "Status499");
    }

    #[test]
    fn reserved_builder_names() {
        use builder::{Reserved, reserved};
        for paged in [false, true] {
            assert_eq!(reserved("send", paged), Some(Reserved::Always));
            assert_eq!(reserved("client", paged), Some(Reserved::Always));
            assert_eq!(reserved("limit", paged), None);
            assert_eq!(
                reserved("Send", paged),
                None,
                "generated names are snake_case"
            );
        }
        assert_eq!(reserved("items", true), Some(Reserved::WhenPaged));
        assert_eq!(reserved("pages", true), Some(Reserved::WhenPaged));
        assert_eq!(reserved("items", false), None);
    }
}
