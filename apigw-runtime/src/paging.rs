//! Paging through offset/limit list operations as a `Stream` of pages or of items.
//!
//! Generated code implements [`Paged`] for the request builders of operations that page (see
//! `apigw_spec::paging`) and offers `.pages()` and `.items()` on them. The stream stops at
//! `total`, on a short or empty page, and can never loop forever: it also stops when a page
//! repeats the previous one (a server ignoring `offset`), when the offset would overflow, and
//! after [`MAX_PAGES`] pages.

use std::future::Future;

use futures_util::stream;

pub use futures_util::stream::BoxStream;

pub use futures_util::stream::{Stream, StreamExt};

use crate::{Error, Response};

/// The most pages one stream fetches, whatever the server says.
pub const MAX_PAGES: u32 = 100_000;

/// A request that can be sent again for the next page.
pub trait Paged: Clone + Send + Sized + 'static {
    /// The response body of one page.
    type Page: Send + 'static;
    /// One item of the list.
    type Item: Clone + PartialEq + Send + 'static;
    /// The operation's documented errors.
    type Error: Send + 'static;

    /// The offset this request starts at.
    fn offset(&self) -> i64;
    /// Items per page, if known (set, or the documented default).
    fn page_size(&self) -> Option<i64>;
    /// The same request starting at `offset`; `None` if the offset does not fit its type.
    fn with_offset(self, offset: i64) -> Option<Self>;
    /// Sends the request.
    fn send_page(
        self,
    ) -> impl Future<Output = Result<Response<Self::Page>, Error<Self::Error>>> + Send;
    /// The `total` a page reports.
    fn total(page: &Self::Page) -> Option<i64>;
    /// A page's items.
    fn items(page: &Self::Page) -> &[Self::Item];
    /// A page's items, taken.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;
}

struct State<P: Paged> {
    next: Option<P>,
    previous: Option<Vec<P::Item>>,
    pages: u32,
}

/// What sending one page of `P` gives.
pub type PageResult<P> = Result<Response<<P as Paged>::Page>, Error<<P as Paged>::Error>>;

/// The stream of pages of `P`.
pub type Pages<P> =
    BoxStream<'static, Result<Response<<P as Paged>::Page>, Error<<P as Paged>::Error>>>;

/// The stream of items of `P`.
pub type Items<P> = BoxStream<'static, Result<<P as Paged>::Item, Error<<P as Paged>::Error>>>;

/// Every page, starting at the request's offset. An error ends the stream after it is yielded.
pub fn pages<P: Paged>(request: P) -> Pages<P> {
    let state = State {
        next: Some(request),
        previous: None,
        pages: 0,
    };
    stream::unfold(state, |mut state| async move {
        let request = state.next.take()?;
        let offset = request.offset();
        let page_size = request.page_size();
        let following = request.clone();
        let page = match request.send_page().await {
            Ok(page) => page,
            Err(error) => return Some((Err(error), state)),
        };
        let items = P::items(&page);
        let count = items.len() as i64;
        if count > 0 && state.previous.as_deref() == Some(items) {
            tracing::warn!(
                offset,
                "page repeats the previous one: the server ignores `offset`; paging stopped"
            );
            return None;
        }
        state.pages += 1;
        let next_offset = offset.checked_add(count);
        let done = count == 0
            || P::total(&page).is_some_and(|total| next_offset.is_none_or(|next| next >= total))
            || page_size.is_some_and(|size| count < size)
            || state.pages >= MAX_PAGES;
        if !done {
            state.previous = Some(items.to_vec());
            state.next = next_offset.and_then(|next| following.with_offset(next));
        }
        Some((Ok(page), state))
    })
    .boxed()
}

/// Every item of every page. An error ends the stream after it is yielded.
pub fn items<P: Paged>(request: P) -> Items<P> {
    pages(request)
        .flat_map(|page| match page {
            Ok(page) => {
                stream::iter(P::into_items(page.into_body()).into_iter().map(Ok)).left_stream()
            }
            Err(error) => stream::once(async { Err(error) }).right_stream(),
        })
        .boxed()
}
