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
    /// ``:ref:`Name <anchor>` object``: an object table elsewhere on the page.
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

const BUILTINS: [(&str, &str); 27] = [
    ("JSONObject", "Object"),
    ("Null", "Object"),
    ("None", "Object"),
    ("String", "String"),
    ("Str", "String"),
    ("UUID", "String"),
    ("Integer", "Integer"),
    ("Int", "Integer"),
    ("Int32", "Integer"),
    ("Long", "Long"),
    ("Int64", "Long"),
    ("Boolean", "Boolean"),
    ("Bool", "Boolean"),
    ("Float", "Float"),
    ("Double", "Float"),
    ("Number", "Float"),
    ("Decimal", "Float"),
    ("BigDecimal", "Float"),
    ("Object", "Object"),
    ("File", "File"),
    ("Json", "Object"),
    ("JSON object", "Object"),
    ("AnyType", "Object"),
    ("Dict", "Object"),
    ("Dictionary", "Object"),
    ("Dictionary data structure", "Object"),
    ("Map", "Object"),
];

/// Spellings of a list whose items the page describes elsewhere (a table the row refers to).
const LISTS: [&str; 7] = [
    "Array",
    "List",
    "JSONArray",
    "JSON array",
    "List data structure",
    "List of objects",
    "Array of object",
];

/// Reads a type cell (lines already joined with spaces). `Err` holds what could not be read.
pub fn parse(text: &str) -> Result<PageType, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .replace("\\ ", "")
        .replace(",\\", ",")
        .replace("**", "");
    read(text.trim()).ok_or_else(|| format!("unknown type `{text}`"))
}

/// `String(64)`: a string of at most that many characters.
pub fn sized_string(text: &str) -> Option<u64> {
    let inner = text.trim().strip_prefix("String(")?.strip_suffix(')')?;
    inner.trim().parse().ok()
}

fn builtin(text: &str) -> Option<PageType> {
    BUILTINS
        .iter()
        .find(|(page, _)| page.eq_ignore_ascii_case(text))
        .map(|&(_, spec)| PageType::Builtin(spec))
}

/// A name that is not a built-in type: an object the page describes in a table of its own.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

fn read(text: &str) -> Option<PageType> {
    if let Some(b) = builtin(text) {
        return Some(b);
    }
    if sized_string(text).is_some() {
        return Some(PageType::Builtin("String"));
    }
    let any = || PageType::Builtin("Object");
    if LISTS.iter().any(|l| l.eq_ignore_ascii_case(text)) {
        return Some(PageType::Array(Box::new(any())));
    }
    if let Some(rest) = text
        .strip_prefix("Array of ")
        .or_else(|| text.strip_prefix("array of "))
        .or_else(|| text.strip_prefix("List of "))
    {
        let rest = rest.trim();
        let plural = match rest.to_ascii_lowercase().as_str() {
            "strings" | "string" => Some("String"),
            "integers" | "integer" | "ints" => Some("Integer"),
            "longs" => Some("Long"),
            "booleans" => Some("Boolean"),
            "floats" | "doubles" | "numbers" => Some("Float"),
            "objects" | "object" => Some("Object"),
            "files" => Some("File"),
            _ => None,
        };
        if let Some(b) = plural {
            return Some(PageType::Array(Box::new(PageType::Builtin(b))));
        }
        let inner = rest
            .strip_suffix(" objects")
            .or_else(|| rest.strip_suffix(" object"))?;
        if let Some(r) = reference(inner) {
            return Some(PageType::Array(Box::new(r)));
        }
        return is_name(inner).then(|| PageType::Array(Box::new(any())));
    }
    if let Some(inner) = text.strip_prefix("Map<").and_then(|r| r.strip_suffix('>')) {
        let (key, value) = inner.split_once(',')?;
        if !key.trim().eq_ignore_ascii_case("String") {
            return None;
        }
        let value = value.trim();
        let value = value.strip_suffix(" object").unwrap_or(value);
        return Some(PageType::Map(Box::new(read(value)?)));
    }
    // `List (NAT gateways)`: a list of the objects named in parentheses.
    if text
        .strip_prefix("List (")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|i| i.split_whitespace().all(is_name))
    {
        return Some(PageType::Array(Box::new(any())));
    }
    for (open, close) in [
        ("List(", ')'),
        ("Array<", '>'),
        ("List<", '>'),
        ("Set<", '>'),
        ("Array(", ')'),
    ] {
        if let Some(inner) = text.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            let inner = inner.trim();
            let item = read(inner).or_else(|| is_name(inner).then(any))?;
            return Some(PageType::Array(Box::new(item)));
        }
    }
    // `String array`, `Tags structure array`: items of that type.
    if let Some(item) = text
        .strip_suffix(" array")
        .or_else(|| text.strip_suffix(" Array"))
        .or_else(|| text.strip_suffix(" list"))
    {
        let item = item.trim();
        let item = item.strip_suffix(" structure").unwrap_or(item);
        let named = !item.is_empty() && item.split_whitespace().all(is_name);
        let item = builtin(item).or_else(|| named.then(any))?;
        return Some(PageType::Array(Box::new(item)));
    }
    let inner = text.strip_suffix(" object").unwrap_or(text);
    if let Some(r) = reference(inner) {
        return Some(r);
    }
    // `TokenAuth object`, `Versions structure`: an object the row's description points to.
    let named = text
        .strip_suffix(" object")
        .or_else(|| text.strip_suffix(" structure"))?;
    is_name(named.trim()).then(any)
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
        assert_eq!(show("Int"), "Integer");
        assert_eq!(show("Array"), "Array<Object>");
        assert_eq!(show("List<String>"), "Array<String>");
        assert_eq!(show("Tags structure array"), "Array<Object>");
        assert_eq!(show("String array"), "Array<String>");
        assert_eq!(show("Array of RoleAssignmentBody objects"), "Array<Object>");
        assert_eq!(show("TokenAuth object"), "Object");
        assert_eq!(show("String(64)"), "String");
        assert_eq!(sized_string("String(64)"), Some(64));
        assert_eq!(show("Null"), "Object");
        assert_eq!(show("String list"), "Array<String>");
        assert_eq!(show("Match condition structure array"), "Array<Object>");
        assert_eq!(show("List(Dict)"), "Array<Object>");
        assert_eq!(show("List (NAT gateways)"), "Array<Object>");
    }
}
