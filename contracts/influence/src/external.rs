//! The gallery contract's `gallery` query, as a one-variant mirror (like `mesi_common::interface`):
//! "is `creator` a creator" is answered by asking for one item of its gallery, a bounded query
//! (the gallery merges three per-kind prefixes, each read for at most one key, and loads one token).
//! Items are read as `Empty`: `cw_serde` ignores unknown fields, so only the count is decoded.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Empty, QuerierWrapper, StdResult};

#[cw_serde]
pub(crate) enum GalleryQuery {
    Gallery {
        creator: String,
        filter: Option<Empty>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub(crate) struct GalleryPage {
    pub items: Vec<Empty>,
}

/// Whether `creator` has at least one token in the gallery contract (its own gallery: minted by
/// it, sold items included).
pub fn has_gallery(querier: &QuerierWrapper, gallery: &Addr, creator: &Addr) -> StdResult<bool> {
    let page: GalleryPage = querier.query_wasm_smart(
        gallery,
        &GalleryQuery::Gallery {
            creator: creator.to_string(),
            filter: None,
            start_after: None,
            limit: Some(1),
        },
    )?;
    Ok(!page.items.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_vec;

    #[test]
    fn gallery_mirror_serialises_like_the_gallery_query() {
        let creator = "wasm1creator".to_string();
        assert_eq!(
            to_json_vec(&GalleryQuery::Gallery {
                creator: creator.clone(),
                filter: None,
                start_after: None,
                limit: Some(1),
            })
            .unwrap(),
            to_json_vec(&mesi_types::gallery::QueryMsg::Gallery {
                creator,
                filter: None,
                start_after: None,
                limit: Some(1),
            })
            .unwrap()
        );
    }
}
