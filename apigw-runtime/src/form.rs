//! `multipart/form-data` bodies (RFC 7578), for operations that upload files.
//!
//! The form is encoded to bytes before sending, like a JSON body, so that what is signed
//! (AK/SK signs the body's hash) is exactly what is sent.

use std::fmt;
use std::hash::{Hash, Hasher};

use bytes::Bytes;

/// A file to upload: its name, content and (optionally) media type.
///
/// `Debug` shows the name and size, never the content.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    file_name: String,
    content_type: Option<String>,
    content: Bytes,
}

impl FilePart {
    /// A file named `file_name` holding `content`.
    pub fn new(file_name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: None,
            content: content.into(),
        }
    }

    /// Sets the media type sent for the part (`application/octet-stream` otherwise).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The content.
    pub fn content(&self) -> &Bytes {
        &self.content
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.content.len())
            .finish()
    }
}

/// A `multipart/form-data` body under construction.
#[derive(Debug, Clone, Default)]
pub struct Form {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
struct Part {
    name: String,
    file: Option<(String, String)>,
    content: Bytes,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &str, value: impl fmt::Display) {
        self.parts.push(Part {
            name: name.to_owned(),
            file: None,
            content: Bytes::from(value.to_string()),
        });
    }

    /// Adds a file field.
    pub fn file(&mut self, name: &str, file: &FilePart) {
        let content_type = file
            .content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        self.parts.push(Part {
            name: name.to_owned(),
            file: Some((file.file_name.clone(), content_type)),
            content: file.content.clone(),
        });
    }

    /// The encoded body and its `Content-Type` (with the boundary).
    pub fn encode(&self) -> (Vec<u8>, String) {
        let boundary = self.boundary();
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quoted(&part.name);
            match &part.file {
                Some((file_name, content_type)) => out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {content_type}\r\n\r\n",
                        quoted(file_name)
                    )
                    .as_bytes(),
                ),
                None => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            out.extend_from_slice(&part.content);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (out, format!("multipart/form-data; boundary={boundary}"))
    }

    /// A boundary that occurs in no part (derived from the content, so encoding is
    /// deterministic).
    fn boundary(&self) -> String {
        let mut salt = 0u64;
        loop {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            salt.hash(&mut hasher);
            for part in &self.parts {
                part.name.hash(&mut hasher);
                part.content.hash(&mut hasher);
            }
            let boundary = format!("apigw-{:016x}", hasher.finish());
            let clashes = self.parts.iter().any(|p| {
                p.content
                    .windows(boundary.len())
                    .any(|w| w == boundary.as_bytes())
            });
            if !clashes {
                return boundary;
            }
            salt += 1;
        }
    }
}

/// A header parameter value: quotes and line breaks escaped as browsers do (RFC 7578 4.2).
fn quoted(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_text_and_file_parts() {
        let mut form = Form::new();
        form.text("is_create_group", true);
        form.file(
            "file",
            &FilePart::new("api \"v1\".yaml", "swagger: '2.0'\n").content_type("application/yaml"),
        );
        let (body, content_type) = form.encode();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"is_create_group\"\r\n\r\ntrue\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"api %22v1%22.yaml\"\r\nContent-Type: application/yaml\r\n\r\nswagger: '2.0'\n\r\n\
             --{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8(body).unwrap(), expected);
        // Same form, same bytes.
        assert_eq!(form.encode().1, content_type);
    }

    #[test]
    fn debug_never_shows_the_content() {
        let part = FilePart::new("secret.txt", "TOP-SECRET");
        let shown = format!("{part:?}");
        assert!(
            shown.contains("secret.txt") && shown.contains("len: 10"),
            "{shown}"
        );
        assert!(!shown.contains("TOP-SECRET"));
    }
}
