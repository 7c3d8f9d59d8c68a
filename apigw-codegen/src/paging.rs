//! `.pages()` and `.items()` for operations that page (see `apigw_spec::paging`).

use apigw_spec::naming::builder::{ITEMS, PAGES, SEND};
use apigw_spec::paging::{self, Paging};
use apigw_spec::{Literal, Number, naming};
use proc_macro2::TokenStream;
use quote::quote;

use crate::idents::{field_ident, ident, param_ident};
use crate::request::{builder_ident, is_argument};
use crate::response::success_type;
use crate::types::{object_field_enum, rust_type};
use crate::{Cx, docs};

/// The `Paged` impl and the paging methods of the builder (`pages`, `items`), if the
/// operation pages.
pub(crate) fn emit_paging(cx: &Cx<'_>) -> (TokenStream, TokenStream) {
    let Some(paging) = paging::detect(cx.spec) else {
        return (TokenStream::new(), TokenStream::new());
    };
    let rt = &cx.rt;
    let option = cx.prelude("Option");
    let vec = cx.prelude("Vec");
    let builder = builder_ident(cx);
    let error = ident(&naming::error_name(cx.spec));
    let page = success_type(cx);
    let Paging {
        offset,
        limit,
        object,
        total,
        items,
        item,
    } = paging;
    let item_type = match object_field_enum(object, items) {
        Some(name) => {
            let name = ident(&name);
            quote!(#name)
        }
        None => rust_type(cx, item),
    };

    let offset_name = param_ident(cx.spec, offset);
    let offset_type = rust_type(cx, &offset.field.schema.ty.value);
    let (offset_get, offset_set) = if is_argument(offset) {
        (
            quote!(i64::from(self.#offset_name)),
            quote!(self.#offset_name = <#offset_type>::try_from(offset).ok()?;),
        )
    } else {
        (
            quote!(self.#offset_name.map_or(0, i64::from)),
            quote!(self.#offset_name = Some(<#offset_type>::try_from(offset).ok()?);),
        )
    };
    let limit_name = param_ident(cx.spec, limit);
    let default_limit = match limit.field.schema.default.as_ref().map(|d| &d.value) {
        Some(Literal::Number(Number::Integer(n))) => quote!(Some(#n)),
        _ => quote!(None),
    };
    let page_size = if is_argument(limit) {
        quote!(Some(i64::from(self.#limit_name)))
    } else {
        quote!(self.#limit_name.map(i64::from).or(#default_limit))
    };
    let total_name = field_ident(object, total);
    let total_get = if total.required {
        quote!(Some(i64::from(page.#total_name)))
    } else {
        quote!(page.#total_name.map(i64::from))
    };
    let items_name = field_ident(object, items);
    let (items_ref, items_take) = if items.required {
        (quote!(&page.#items_name), quote!(page.#items_name))
    } else {
        (
            quote!(page.#items_name.as_deref().unwrap_or_default()),
            quote!(page.#items_name.unwrap_or_default()),
        )
    };
    let doc_pages = docs::attrs(&format!(
        "Every page, from this request's `{}` on: sends the request again with the next offset until `{}` items have come, a page is short or empty. An error ends the stream after it is yielded.",
        offset.field.name.value, total.name.value
    ));
    let doc_items = docs::attrs(&format!(
        "Every item of `{}` across all pages (see [`{PAGES}`](Self::{PAGES})).",
        items.name.value
    ));
    // The builder's own methods, named as the checker reserves them.
    let (pages, items_method, send) = (ident(PAGES), ident(ITEMS), ident(SEND));
    let paged = quote! {
        impl #rt::paging::Paged for #builder {
            type Page = #page;
            type Item = #item_type;
            type Error = #error;

            fn offset(&self) -> i64 {
                #offset_get
            }

            fn page_size(&self) -> #option<i64> {
                #page_size
            }

            fn with_offset(mut self, offset: i64) -> #option<Self> {
                #offset_set
                Some(self)
            }

            fn send_page(self) -> impl ::core::future::Future<Output = #rt::paging::PageResult<Self>> + Send {
                self.#send()
            }

            fn total(page: &#page) -> #option<i64> {
                #total_get
            }

            fn items(page: &#page) -> &[#item_type] {
                #items_ref
            }

            fn into_items(page: #page) -> #vec<#item_type> {
                #items_take
            }
        }
    };
    let methods = quote! {
        #doc_pages
        pub fn #pages(self) -> #rt::paging::Pages<Self> {
            #rt::paging::pages(self)
        }

        #doc_items
        pub fn #items_method(self) -> #rt::paging::Items<Self> {
            #rt::paging::items(self)
        }
    };
    (paged, methods)
}
