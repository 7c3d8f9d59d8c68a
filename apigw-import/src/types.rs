//! The reference's type column → the spec's type grammar.
//!
//! ```text
//! String | Integer | Long | Boolean | Float | Double | Number | Object | File
//! Array of strings | Array of integers | Array of booleans | Array of objects
//! Array of :ref:`Name <anchor>` objects     → Array<Name>
//! :ref:`Name <anchor>` object               → Name
//! Map<String,\ T>                           → Map<String, T>
//! ```

/// A type as the page writes it, with object references still pointing at their anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageType {
    /// A built-in type, by its spec name (`String`, `Integer`, ...).
    Builtin(&'static str),
    /// `Array of ...`.
    Array(Box<PageType>),
    /// `Map<String, ...>`.
    Map(Box<PageType>),
    /// `:ref:\`Name <anchor>\` object`: an object table elsewhere on the page.
    Ref {
        /// The name shown.
        name: String,
        /// The anchor of its table.
        anchor: String,
    },
}

impl PageType {
    /// Every anchor referenced, in order.
    pub fn anchors(&self) -> Vec<&str> {
        match self {
            PageType::Builtin(_) => Vec::new(),
            PageType::Array(inner) | PageType::Map(inner) => inner.anchors(),
            PageType::Ref { anchor, .. } => vec![anchor.as_str()],
        }
    }

    /// The spec type expression, with each referenced anchor named by `name_of`.
    pub fn render(&self, name_of: &dyn Fn(&str) -> String) -> String {
        match self {
            PageType::Builtin(b) => (*b).to_owned(),
            PageType::Array(inner) => format!("Array<{}>", inner.render(name_of)),
            PageType::Map(inner) => format!("Map<String, {}>", inner.render(name_of)),
            PageType::Ref { anchor, .. } => name_of(anchor),
        }
    }

    /// The innermost type (through arrays and maps).
    pub fn base(&self) -> &PageType {
        match self {
            PageType::Array(inner) | PageType::Map(inner) => inner.base(),
            other => other,
        }
    }
}

const BUILTINS: [(&str, &str); 11] = [
    ("String", "String"),
    ("Integer", "Integer"),
    ("Long", "Long"),
    ("Boolean", "Boolean"),
    ("Float", "Float"),
    ("Double", "Float"),
    ("Number", "Float"),
    ("BigDecimal", "Float"),
    ("Object", "Object"),
    ("File", "File"),
    ("Json", "Object"),
];

/// Reads a type cell (lines already joined with spaces). `Err` holds what could not be read.
pub fn parse(text: &str) -> Result<PageType, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("\\ ", "").replace(",\\", ",");
    read(text.trim()).ok_or_else(|| format!("unknown type `{text}`"))
}

fn read(text: &str) -> Option<PageType> {
    if let Some(&(_, spec)) = BUILTINS
        .iter()
        .find(|(page, _)| page.eq_ignore_ascii_case(text))
    {
        return Some(PageType::Builtin(spec));
    }
    if let Some(rest) = text.strip_prefix("Array of ") {
        let plural = match rest.trim() {
            "strings" => Some("String"),
            "integers" => Some("Integer"),
            "longs" => Some("Long"),
            "booleans" => Some("Boolean"),
            "floats" | "doubles" | "numbers" => Some("Float"),
            "objects" => Some("Object"),
            "files" => Some("File"),
            _ => None,
        };
        if let Some(b) = plural {
            return Some(PageType::Array(Box::new(PageType::Builtin(b))));
        }
        let inner = rest
            .strip_suffix(" objects")
            .or_else(|| rest.strip_suffix(" object"))?;
        return Some(PageType::Array(Box::new(reference(inner)?)));
    }
    if let Some(inner) = text.strip_prefix("Map<").and_then(|r| r.strip_suffix('>')) {
        let (key, value) = inner.split_once(',')?;
        if key.trim() != "String" {
            return None;
        }
        let value = value.trim();
        let value = value.strip_suffix(" object").unwrap_or(value);
        return Some(PageType::Map(Box::new(read(value)?)));
    }
    if let Some(inner) = text
        .strip_prefix("Array<")
        .and_then(|r| r.strip_suffix('>'))
    {
        return Some(PageType::Array(Box::new(read(inner.trim())?)));
    }
    let inner = text.strip_suffix(" object").unwrap_or(text);
    reference(inner)
}

/// `:ref:\`Name <anchor>\``.
fn reference(text: &str) -> Option<PageType> {
    let inner = text.trim().strip_prefix(":ref:`")?.strip_suffix('`')?;
    let (name, anchor) = inner.rsplit_once(" <")?;
    let anchor = anchor.strip_suffix('>')?;
    Some(PageType::Ref {
        name: name.trim().to_owned(),
        anchor: anchor.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        parse(text).unwrap().render(&|anchor| format!("@{anchor}"))
    }

    #[test]
    fn the_reference_type_grammar() {
        assert_eq!(show("Long"), "Long");
        assert_eq!(show("Array of strings"), "Array<String>");
        assert_eq!(
            show("Array of :ref:`ApiVersionResp <x__response_a>`\n objects"),
            "Array<@x__response_a>"
        );
        assert_eq!(show(":ref:`VpcInfo <y_vpc>` object"), "@y_vpc");
        assert_eq!(
            show("Map<String,\\ :ref:`ResponseInfo <z_ri>`>"),
            "Map<String, @z_ri>"
        );
        assert_eq!(
            show("Map<String,Array<String>>"),
            "Map<String, Array<String>>"
        );
        assert_eq!(show("Map<String,Boolean>"), "Map<String, Boolean>");
        assert!(parse("Tuple of things").is_err());
    }
}
