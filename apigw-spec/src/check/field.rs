//! One field's schema: the rules that need nothing else of the spec (`default`, bounds,
//! lengths, `enum`), shared by the checker and by tools that build fields outside a file.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::*;
use crate::naming;
use crate::source::{SourceFile, Span, Spanned};

/// The problems of one field's schema that can be found without the rest of the spec: the
/// rules of the checker for `default` (type, enum, range), `minimum`/`maximum` (numeric type,
/// order, integer range), `min_length`/`max_length` (type with a length, order), `enum`
/// (non-empty, enumerable type, value types, duplicates, variant and type names). Whether
/// named object types exist, and what the field's place allows (its location's types, `File`
/// only in object fields), are not checked here: they depend on where the field stands, which
/// the checker knows from the spec.
///
/// `what` names the field in messages only, as the checker does: `field `x` of object `Y``,
/// `query parameter `x``, `header `x` of response 200`; no rule reads it.
/// Returns nothing for a field whose type is marked broken.
///
/// Each problem's [`Code`] has a [`Constraint`](crate::diagnostic::Constraint) (see
/// [`Code::constraint`]), so that a tool can drop the offending constraint and keep the rest.
/// The codes are [`Code::BoundOnNonNumber`],
/// [`Code::MinimumAboveMaximum`], [`Code::BoundOutOfTypeRange`]; [`Code::LengthOnLengthless`],
/// [`Code::MinLengthAboveMaxLength`]; [`Code::EmptyEnum`], [`Code::EnumOnUnenumerableType`],
/// [`Code::EnumValueType`], [`Code::DuplicateEnumValue`], [`Code::InvalidVariantName`],
/// [`Code::EnumVariantCollision`], [`Code::InvalidEnumName`]; [`Code::DefaultType`],
/// [`Code::DefaultNotInEnum`], [`Code::DefaultOutOfRange`].
///
/// Unlike [`check`](super::check), problems at the same place are all kept (a field built outside a file has
/// placeholder spans), in the order the rules run.
pub fn field_problems(what: &str, field: &Field) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::keeping_same_place();
    if !field.schema.ty_broken {
        FieldRules {
            source: None,
            diags: &mut diags,
        }
        .check(what, field);
    }
    diags.into_vec()
}

/// The rules of one field's schema (see [`field_problems`]), shared by the checker.
pub(super) struct FieldRules<'a, 'd> {
    /// The spec file, for notes that point at another line; `None` outside a file.
    pub(super) source: Option<&'a SourceFile>,
    pub(super) diags: &'d mut Diagnostics,
}

impl FieldRules<'_, '_> {
    /// Checks one field whose type is usable.
    pub(super) fn check(&mut self, what: &str, field: &Field) {
        let schema = &field.schema;
        let ty = &schema.ty.value;
        if let Some(min) = &schema.minimum
            && !ty.is_numeric()
        {
            self.not_numeric(what, "minimum", min.span.clone(), ty, "min_length");
        }
        if let Some(max) = &schema.maximum
            && !ty.is_numeric()
        {
            self.not_numeric(what, "maximum", max.span.clone(), ty, "max_length");
        }
        for length in [&schema.min_length, &schema.max_length]
            .into_iter()
            .flatten()
        {
            if !matches!(ty, TypeExpr::String | TypeExpr::Array(_)) {
                self.diags.push(
                    Diagnostic::new(Code::LengthOnLengthless, length.span.clone(), format!("{what} has a length limit, but its type `{ty}` has no length"))
                        .with_help("`min_length`/`max_length` apply to String and Array; use `minimum`/`maximum` for numbers"),
                );
            }
        }
        if let (Some(min), Some(max)) = (&schema.minimum, &schema.maximum)
            && min.value.as_f64() > max.value.as_f64()
        {
            self.diags.push(
                Diagnostic::new(
                    Code::MinimumAboveMaximum,
                    min.span.start..max.span.end.max(min.span.end),
                    format!(
                        "{what} has minimum {} above its maximum {}",
                        min.value, max.value
                    ),
                )
                .with_help("swap them, or correct the one that is wrong"),
            );
        }
        if let (Some(min), Some(max)) = (&schema.min_length, &schema.max_length)
            && min.value > max.value
        {
            self.diags.error(
                Code::MinLengthAboveMaxLength,
                min.span.start..max.span.end.max(min.span.end),
                format!(
                    "{what} has min_length {} above its max_length {}",
                    min.value, max.value
                ),
            );
        }
        if let Some((lo, hi)) = ty.integer_bounds() {
            for bound in [&schema.minimum, &schema.maximum].into_iter().flatten() {
                let fits = match bound.value {
                    Number::Integer(i) => (lo..=hi).contains(&i),
                    Number::Float(_) => false,
                };
                if !fits {
                    self.diags.error(
                        Code::BoundOutOfTypeRange,
                        bound.span.clone(),
                        format!("{what} has the bound {}, which is not a value of type `{ty}` ({lo} to {hi})", bound.value),
                    );
                }
            }
        }
        if let Some(enumeration) = &schema.enumeration {
            self.enumeration(what, ty, enumeration);
        }
        if let Some(default) = &schema.default {
            self.default(what, schema, default);
        }
    }

    fn not_numeric(&mut self, what: &str, key: &str, span: Span, ty: &TypeExpr, length_key: &str) {
        let mut d = Diagnostic::new(
            Code::BoundOnNonNumber,
            span,
            format!("{what} has `{key}`, but its type `{ty}` is not a number"),
        );
        if matches!(ty, TypeExpr::String | TypeExpr::Array(_)) {
            d = d.with_help(format!("for a length limit write `{length_key}`"));
        }
        self.diags.push(d);
    }

    fn enumeration(&mut self, what: &str, ty: &TypeExpr, enumeration: &Enumeration) {
        let ty = ty.enum_base();
        if enumeration.values.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::EmptyEnum,
                    enumeration.span.clone(),
                    format!("{what} has an empty `enum`"),
                )
                .with_help(
                    "list the allowed values, e.g. `enum = [\"a\", \"b\"]`, or remove `enum`",
                ),
            );
            return;
        }
        if !(ty.is_enumerable() || matches!(ty, TypeExpr::Boolean)) {
            self.diags.error(
                Code::EnumOnUnenumerableType,
                enumeration.span.clone(),
                format!("{what} has type `{ty}`, which cannot be enumerated (only String, Integer, Long and Boolean)"),
            );
            return;
        }
        let mut seen: Vec<&Spanned<Literal>> = Vec::new();
        let mut variants: HashMap<String, Span> = HashMap::new();
        for value in &enumeration.values {
            if let Some(problem) = literal_type_problem(&value.value.value, ty) {
                self.diags.error(
                    Code::EnumValueType,
                    value.value.span.clone(),
                    format!("enum value {} of {what} {problem}", value.value.value),
                );
                continue;
            }
            if seen.iter().any(|v| v.value == value.value.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateEnumValue,
                        value.value.span.clone(),
                        format!("enum value {} of {what} is listed twice", value.value.value),
                    )
                    .with_help("remove the repeated value"),
                );
                continue;
            }
            seen.push(&value.value);
            if let Some(name) = &value.name
                && !naming::is_identifier(&name.value)
            {
                self.diags.error(
                    Code::InvalidVariantName,
                    name.span.clone(),
                    format!(
                        "variant name `{}` is not a valid Rust identifier",
                        name.value
                    ),
                );
                continue;
            }
            if let Some(name) = &value.name
                && name.value == naming::UNKNOWN_VARIANT
            {
                self.diags.error(
                    Code::InvalidVariantName,
                    name.span.clone(),
                    format!(
                        "variant name `{}` is the generated fallback for values the documentation does not list; choose another",
                        name.value
                    ),
                );
                continue;
            }
            let variant = naming::variant_name(value);
            if let Some(first) = variants.get(&variant) {
                let span = value
                    .name
                    .as_ref()
                    .map_or(value.value.span.clone(), |n| n.span.clone());
                let mut help = format!(
                    "give one of them an explicit name: `{{ value = {}, name = \"...\" }}`",
                    value.value.value
                );
                if let Some(source) = self.source {
                    let first_line = source.position(first.start).line;
                    help.push_str(&format!(" (the other is on line {first_line})"));
                }
                self.diags.push(
                    Diagnostic::new(
                        Code::EnumVariantCollision,
                        span,
                        format!(
                            "enum values of {what} collide: both become the variant `{variant}`"
                        ),
                    )
                    .with_help(help),
                );
            } else {
                variants.insert(variant, value.value.span.clone());
            }
        }
        if let Some(name) = &enumeration.type_name
            && !naming::is_identifier(&name.value)
        {
            self.diags.error(
                Code::InvalidEnumName,
                name.span.clone(),
                format!("`enum_name` `{}` is not a valid Rust type name", name.value),
            );
        }
    }

    fn default(&mut self, what: &str, schema: &Schema, default: &Spanned<Literal>) {
        let ty = &schema.ty.value;
        if let Some(problem) = literal_type_problem(&default.value, ty) {
            self.diags.error(
                Code::DefaultType,
                default.span.clone(),
                format!("default {} of {what} {problem}", default.value),
            );
            return;
        }
        if let Some(enumeration) = &schema.enumeration
            && !enumeration.values.is_empty()
            && !enumeration
                .values
                .iter()
                .any(|v| v.value.value == default.value)
        {
            let listed: Vec<String> = enumeration
                .values
                .iter()
                .map(|v| v.value.value.to_string())
                .collect();
            self.diags.push(
                Diagnostic::new(
                    Code::DefaultNotInEnum,
                    default.span.clone(),
                    format!(
                        "default {} of {what} is not one of its enum values",
                        default.value
                    ),
                )
                .with_help(format!("the enum allows {}", listed.join(", "))),
            );
        }
        if let Literal::Number(n) = &default.value {
            let below = schema
                .minimum
                .as_ref()
                .filter(|m| n.as_f64() < m.value.as_f64());
            let above = schema
                .maximum
                .as_ref()
                .filter(|m| n.as_f64() > m.value.as_f64());
            if below.is_some() || above.is_some() {
                let range = format!(
                    "{} to {}",
                    schema
                        .minimum
                        .as_ref()
                        .map_or("any".into(), |m| m.value.to_string()),
                    schema
                        .maximum
                        .as_ref()
                        .map_or("any".into(), |m| m.value.to_string())
                );
                self.diags.error(
                    Code::DefaultOutOfRange,
                    default.span.clone(),
                    format!("default {n} of {what} is outside its range {range}"),
                );
            }
        }
    }
}

/// Why a literal is not a value of `ty`, if it is not.
fn literal_type_problem(value: &Literal, ty: &TypeExpr) -> Option<String> {
    let ok = match (value, ty) {
        (Literal::String(_), TypeExpr::String) => true,
        (Literal::Boolean(_), TypeExpr::Boolean) => true,
        (Literal::Number(_), TypeExpr::Float) => true,
        (Literal::Number(Number::Integer(i)), t) if t.integer_bounds().is_some() => {
            let (lo, hi) = t.integer_bounds().unwrap_or((i64::MIN, i64::MAX));
            if !(lo..=hi).contains(i) {
                return Some(format!("does not fit in `{ty}` ({lo} to {hi})"));
            }
            true
        }
        _ => false,
    };
    (!ok).then(|| {
        let kind = match value {
            Literal::String(_) => "a string",
            Literal::Number(Number::Integer(_)) => "an integer",
            Literal::Number(Number::Float(_)) => "a float",
            Literal::Boolean(_) => "a boolean",
        };
        format!("is {kind}, but the type is `{ty}`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Constraint;

    /// A field as the importer builds it: every span a placeholder.
    fn field(ty: TypeExpr) -> Field {
        Field {
            name: Spanned::new("f".to_owned(), 0..0),
            schema: Schema::of(Spanned::new(ty, 0..0)),
            required: false,
            description: None,
        }
    }

    fn at<T>(value: T) -> Spanned<T> {
        Spanned::new(value, 0..0)
    }

    fn int(i: i64) -> Literal {
        Literal::Number(Number::Integer(i))
    }

    fn text(s: &str) -> Literal {
        Literal::String(s.to_owned())
    }

    fn enumeration(values: Vec<Literal>) -> Option<Enumeration> {
        Some(Enumeration {
            span: 0..0,
            type_name: None,
            values: values
                .into_iter()
                .map(|v| EnumValue {
                    value: at(v),
                    name: None,
                    description: None,
                })
                .collect(),
        })
    }

    fn codes(what: &str, field: &Field) -> Vec<Code> {
        field_problems(what, field).iter().map(|d| d.code).collect()
    }

    const WHAT: &str = "query parameter `f`";

    #[test]
    fn field_problems_reports_every_broken_rule_even_at_the_same_place() {
        let mut f = field(TypeExpr::Integer);
        f.schema.minimum = Some(at(Number::Integer(10)));
        f.schema.maximum = Some(at(Number::Integer(5)));
        f.schema.min_length = Some(at(1));
        f.schema.enumeration = enumeration(vec![int(1), int(1), text("a")]);
        f.schema.default = Some(at(text("x")));
        assert_eq!(
            codes(WHAT, &f),
            [
                Code::LengthOnLengthless,
                Code::MinimumAboveMaximum,
                Code::DuplicateEnumValue,
                Code::EnumValueType,
                Code::DefaultType,
            ]
        );

        let mut f = field(TypeExpr::String);
        f.schema.minimum = Some(at(Number::Float(1.5)));
        f.schema.min_length = Some(at(5));
        f.schema.max_length = Some(at(2));
        f.schema.enumeration = enumeration(vec![text("a")]);
        f.schema.default = Some(at(text("b")));
        let problems = field_problems(WHAT, &f);
        let found: Vec<Code> = problems.iter().map(|d| d.code).collect();
        assert_eq!(
            found,
            [
                Code::BoundOnNonNumber,
                Code::MinLengthAboveMaxLength,
                Code::DefaultNotInEnum,
            ]
        );
        assert_eq!(
            problems[2].message,
            "default \"b\" of query parameter `f` is not one of its enum values"
        );

        let mut f = field(TypeExpr::Integer);
        f.schema.maximum = Some(at(Number::Integer(5_000_000_000)));
        f.schema.default = Some(at(int(-1)));
        f.schema.minimum = Some(at(Number::Integer(0)));
        assert_eq!(
            codes(WHAT, &f),
            [Code::BoundOutOfTypeRange, Code::DefaultOutOfRange]
        );
    }

    #[test]
    fn field_problems_codes_name_the_constraint_to_drop() {
        let mut f = field(TypeExpr::Float);
        f.schema.enumeration = enumeration(vec![]);
        f.schema.default = Some(at(Literal::Boolean(true)));
        f.schema.max_length = Some(at(3));
        let constraints: Vec<Option<Constraint>> = field_problems(WHAT, &f)
            .iter()
            .map(|d| d.code.constraint())
            .collect();
        assert_eq!(
            constraints,
            [
                Some(Constraint::Length),
                Some(Constraint::Enum),
                Some(Constraint::Default)
            ]
        );
    }

    #[test]
    fn field_problems_needs_nothing_else_of_the_spec() {
        // A valid field, and an object type that no spec defines: no problem.
        let mut f = field(TypeExpr::Long);
        f.schema.minimum = Some(at(Number::Integer(1)));
        f.schema.default = Some(at(int(20)));
        f.schema.enumeration = enumeration(vec![int(20), int(50)]);
        assert_eq!(codes(WHAT, &f), []);
        let f = field(TypeExpr::Array(Box::new(TypeExpr::Named("Thing".into()))));
        assert_eq!(codes(WHAT, &f), []);

        // Where a `File` may stand is the checker's to say, from the spec; the text naming
        // the field decides nothing.
        let f = field(TypeExpr::File);
        assert_eq!(codes(WHAT, &f), []);
        assert_eq!(codes("field `f` of object `Upload`", &f), []);

        // A type already reported as broken gives no follow-on problem.
        let mut f = field(TypeExpr::Any);
        f.schema.ty_broken = true;
        f.schema.minimum = Some(at(Number::Integer(1)));
        assert_eq!(codes(WHAT, &f), []);
    }

    #[test]
    fn field_problems_without_a_file_points_at_no_line() {
        let mut f = field(TypeExpr::String);
        f.schema.enumeration = enumeration(vec![text("on-off"), text("on_off")]);
        let problems = field_problems(WHAT, &f);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::EnumVariantCollision);
        assert_eq!(
            problems[0].help.as_deref(),
            Some("give one of them an explicit name: `{ value = \"on_off\", name = \"...\" }`")
        );
    }
}
