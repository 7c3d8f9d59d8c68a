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

/// The `snake_case` identifier of a spec name.
pub(crate) fn snake(name: &str) -> Ident {
    ident(&naming::snake(name))
}
