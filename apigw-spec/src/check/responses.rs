//! Responses: one success body, files only as a whole success body, scalar headers.

use std::collections::HashSet;

use super::body::contains_file;
use super::{Checker, Subject, is_scalar};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Response, TypeExpr};

impl Checker<'_, '_> {
    pub(super) fn responses(&mut self) {
        let mut success: Option<&Response> = None;
        for response in &self.spec.responses {
            if let Some(body) = &response.body {
                self.type_refs(body);
                if response.has_no_content() {
                    self.diags.push(
                        Diagnostic::new(
                            Code::BodyWithoutContent,
                            body.span.clone(),
                            format!(
                                "a {} response has no content, so it cannot have a body",
                                response.status.value
                            ),
                        )
                        .with_help("document the body on the status that sends it (e.g. `[response.200]`), or leave `body` out"),
                    );
                }
                // A whole success body may be a file (a download); a file inside JSON cannot.
                if body.value == TypeExpr::File && !response.is_success() {
                    self.diags.error(
                        Code::FileInErrorResponse,
                        body.span.clone(),
                        "`File` can only be the body of a success (2xx) response",
                    );
                } else if body.value != TypeExpr::File
                    && contains_file(&body.value, self.spec, &mut HashSet::new())
                {
                    self.diags.error(
                        Code::FileInsideResponseBody,
                        body.span.clone(),
                        "`File` can only be a whole response body, not part of one",
                    );
                }
            }
            for header in &response.headers {
                let what = Subject::ResponseHeader {
                    status: response.status.value,
                    name: &header.name.value,
                };
                if !is_scalar(&header.schema.ty.value) {
                    self.diags.error(
                        Code::HeaderType,
                        header.schema.ty.span.clone(),
                        format!(
                            "{what} must have a scalar type, found `{}`",
                            header.schema.ty.value
                        ),
                    );
                }
                self.schema(what, header);
            }
            if response.is_success() {
                match success {
                    Some(first)
                        if first.body.as_ref().map(|b| &b.value)
                            != response.body.as_ref().map(|b| &b.value) =>
                    {
                        self.diags.push(
                            Diagnostic::new(
                                Code::ConflictingSuccessBodies,
                                response.status.span.clone(),
                                format!(
                                    "success responses {} and {} have different bodies",
                                    first.status.value, response.status.value
                                ),
                            )
                            .with_help("an operation has one result type: give all 2xx responses the same `body`"),
                        );
                    }
                    Some(_) => {}
                    None => success = Some(response),
                }
            }
        }
        if success.is_none() {
            self.diags.push(
                Diagnostic::new(
                    Code::NoSuccessResponse,
                    self.spec.operation.id.span.clone(),
                    format!("operation `{}` documents no success (2xx) response", self.spec.operation.id.value),
                )
                .with_help("add e.g. `[response.200]` with the `body` type, or `[response.204]` for no body"),
            );
        }
    }
}
