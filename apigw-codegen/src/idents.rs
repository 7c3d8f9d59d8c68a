//! Identifiers from spec names: raw identifiers for keywords, a trailing `_` where even that
//! is not allowed.

use apigw_spec::naming;
use proc_macro2::{Ident, Span};

/// An identifier for a generated name (`type` → `r#type`, `self` → `self_`).
pub(crate) fn ident(name: &str) -> Ident {
    if naming::is_reserved_path_keyword(name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if naming::is_raw_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The identifier of a parameter of `spec` (its builder's argument or setter), told apart
/// from the others that have the same name in snake case (`naming::param_names`).
pub(crate) fn param_ident(spec: &apigw_spec::Spec, param: &apigw_spec::Param) -> Ident {
    ident(&naming::param_name(spec, param))
}

/// The identifier of a field of `object`, told apart from the others that have the same name
/// in snake case (`naming::field_names`).
pub(crate) fn field_ident(object: &apigw_spec::Object, field: &apigw_spec::Field) -> Ident {
    ident(&naming::field_name(object, field))
}
