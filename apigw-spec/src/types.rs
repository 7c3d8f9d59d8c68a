//! The type-expression grammar of specs:
//!
//! ```text
//! type := "String" | "Integer" | "Long" | "Boolean" | "Float" | "Object" | "File"
//!       | "Array<" type ">" | "Map<String," type ">" | ObjectName
//! ```

use std::ops::Range;

use crate::model::TypeExpr;

/// A problem in a type expression: where in the text (byte range) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// Byte range within the type text.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// The names of the type constructors (`Array<T>`, its other spelling `List<T>`, and
/// `Map<String, T>`): no object can be named so, since the name is read as the constructor.
pub const CONSTRUCTORS: [&str; 3] = ["Array", "List", "Map"];

/// Parses a type expression. Names that are not built in become [`TypeExpr::Named`]; whether
/// such an object exists is checked later, against the whole spec.
pub fn parse_type(text: &str) -> Result<TypeExpr, TypeError> {
    let mut parser = Parser { text, pos: 0 };
    let ty = parser.ty()?;
    parser.skip_ws();
    if parser.pos < text.len() {
        return Err(parser.error(parser.pos..text.len(), "unexpected text after the type"));
    }
    Ok(ty)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, range: Range<usize>, message: impl Into<String>) -> TypeError {
        TypeError {
            range,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn ident(&mut self) -> Result<(&str, Range<usize>), TypeError> {
        self.skip_ws();
        let start = self.pos;
        let rest = &self.text[start..];
        let len = rest
            .char_indices()
            .find(|(_, c)| !crate::naming::is_identifier_char(*c))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            let end = rest.chars().next().map_or(start, |c| start + c.len_utf8());
            return Err(self.error(start..end, "expected a type name"));
        }
        self.pos += len;
        Ok((&self.text[start..start + len], start..start + len))
    }

    fn expect(&mut self, c: char, what: &str) -> Result<(), TypeError> {
        self.skip_ws();
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            let end = self.text[self.pos..]
                .chars()
                .next()
                .map_or(self.pos, |c| self.pos + c.len_utf8());
            Err(self.error(self.pos..end, format!("expected `{c}` {what}")))
        }
    }

    fn ty(&mut self) -> Result<TypeExpr, TypeError> {
        let (name, range) = self.ident()?;
        match name {
            "Array" | "List" => {
                self.expect('<', "after `Array` (write `Array<ItemType>`)")?;
                let inner = self.ty()?;
                self.expect('>', "to close `Array<...>`")?;
                Ok(TypeExpr::Array(Box::new(inner)))
            }
            "Map" => {
                self.expect('<', "after `Map` (write `Map<String, ValueType>`)")?;
                let (key, key_range) = self.ident()?;
                if key != "String" {
                    return Err(self.error(key_range, "map keys must be `String`"));
                }
                self.expect(
                    ',',
                    "between the key and value types of `Map<String, ValueType>`",
                )?;
                let inner = self.ty()?;
                self.expect('>', "to close `Map<...>`")?;
                Ok(TypeExpr::Map(Box::new(inner)))
            }
            _ => {
                if let Some((_, scalar)) = TypeExpr::SCALARS.iter().find(|(n, _)| *n == name) {
                    Ok(scalar.clone())
                } else if name.starts_with(|c: char| c.is_ascii_digit()) {
                    Err(self.error(range, "a type name cannot start with a digit"))
                } else {
                    Ok(TypeExpr::Named(name.to_owned()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructor_names_are_no_object_names() {
        for name in CONSTRUCTORS {
            assert!(parse_type(name).is_err(), "{name}");
        }
    }

    #[test]
    fn parses_the_grammar() {
        assert_eq!(parse_type("String"), Ok(TypeExpr::String));
        assert_eq!(parse_type("Object"), Ok(TypeExpr::Any));
        assert_eq!(
            parse_type("Array<ApiVersionResp>"),
            Ok(TypeExpr::Array(Box::new(TypeExpr::Named(
                "ApiVersionResp".into()
            ))))
        );
        assert_eq!(
            parse_type(" Map< String , Array<Long> > "),
            Ok(TypeExpr::Map(Box::new(TypeExpr::Array(Box::new(
                TypeExpr::Long
            )))))
        );
    }

    #[test]
    fn reports_where_the_grammar_breaks() {
        assert_eq!(parse_type("Array<String").unwrap_err().range, 12..12);
        assert_eq!(parse_type("Map<Integer, String>").unwrap_err().range, 4..11);
        assert_eq!(parse_type("String x").unwrap_err().range, 7..8);
        assert_eq!(parse_type("").unwrap_err().message, "expected a type name");
        assert!(parse_type("Array<>").is_err());
    }
}
