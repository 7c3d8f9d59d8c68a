//! Semantic checks of a parsed spec: what TOML cannot express. Every problem is recorded; the
//! checker never stops at the first.
//!
//! One `Checker` holds the spec and collects the diagnostics; each part of the spec has the
//! module of its rules: `path` (placeholders), `params`, `objects`, `body`,
//! `responses`, `names` (generated names that collide), `refs` (named types exist), and
//! `field` (one field's schema, also usable alone: [`field_problems`]).

mod body;
mod field;
mod names;
mod objects;
mod params;
mod path;
mod refs;
mod responses;

use std::fmt;

use field::FieldRules;
pub use field::field_problems;

use crate::diagnostic::{Code, Diagnostics};
use crate::model::{Field, ParamLocation, Spec, TypeExpr};
use crate::source::{SourceFile, Span};

/// Values a path parameter can take from the client's configuration (`from_client = "..."`).
pub const CLIENT_VALUES: &[&str] = &["project_id"];

/// Checks a parsed spec, recording every problem in `diags`.
pub fn check(spec: &Spec, source: &SourceFile, diags: &mut Diagnostics) {
    let mut ck = Checker {
        spec,
        source,
        diags,
    };
    ck.path_placeholders();
    ck.params();
    ck.objects();
    ck.body();
    ck.responses();
    ck.names();
}

/// The spec being checked and the problems found so far: every rule reports here, none stops.
struct Checker<'a, 'd> {
    spec: &'a Spec,
    source: &'a SourceFile,
    diags: &'d mut Diagnostics,
}

/// What a field of the spec is, as the rules that depend on where it stands see it, and as
/// messages name it.
#[derive(Debug, Clone, Copy)]
enum Subject<'a> {
    /// A request parameter.
    Param {
        location: ParamLocation,
        name: &'a str,
    },
    /// A field of an object.
    ObjectField { object: &'a str, field: &'a str },
    /// A header of a documented response.
    ResponseHeader { status: u16, name: &'a str },
}

impl Subject<'_> {
    /// Whether a field standing here may have the type `File`: only object fields may (a form
    /// body's file part); a whole download is a response's `body`, not a field.
    fn may_be_file(self) -> bool {
        matches!(self, Subject::ObjectField { .. })
    }
}

impl fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Param { location, name } => write!(f, "{} `{name}`", location.noun()),
            Subject::ObjectField { object, field } => {
                write!(f, "field `{field}` of object `{object}`")
            }
            Subject::ResponseHeader { status, name } => {
                write!(f, "header `{name}` of response {status}")
            }
        }
    }
}

impl Checker<'_, '_> {
    /// Checks type, enumeration, default and range of one field. Returns whether its type is
    /// usable (present, readable, every object it names defined), so callers can skip checks
    /// that would only repeat the problem already reported.
    fn schema(&mut self, subject: Subject<'_>, field: &Field) -> bool {
        if field.schema.ty_broken || !self.type_refs(&field.schema.ty) {
            return false;
        }
        let what = subject.to_string();
        if field.schema.ty.value == TypeExpr::File && !subject.may_be_file() {
            self.diags.error(
                Code::FileNotAllowed,
                field.schema.ty.span.clone(),
                format!("{what} cannot have the type `File`"),
            );
        }
        FieldRules {
            source: Some(self.source),
            diags: self.diags,
        }
        .check(&what, field);
        true
    }

    /// Where `span` is, for a note: a line, or the operation itself for generated names.
    fn position_note(&self, span: Span) -> String {
        if span == self.spec.operation.id.span {
            "generated for the operation".to_owned()
        } else {
            format!("on line {}", self.source.position(span.start).line)
        }
    }
}

/// Whether `ty` is one of the scalar types a parameter, header or form field may have.
fn is_scalar(ty: &TypeExpr) -> bool {
    matches!(
        ty,
        TypeExpr::String | TypeExpr::Integer | TypeExpr::Long | TypeExpr::Boolean | TypeExpr::Float
    )
}
