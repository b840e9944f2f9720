//! The storage layout of issue 15: compact records, canonical-address index keys, and the way an instance
//! with tokens of the old layout (JSON records, bech32 index keys) gets there after `migrate` without ever
//! answering a wrong gallery page.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi};
use cosmwasm_std::{
    from_json, Addr, Api, Empty, Env, OwnedDeps, Response, StdResult, Storage, Uint128,
};
use cosmwasm_std::{testing::MockQuerier, testing::MockStorage};
use mesi_types::gallery::{
    AdRevenueModel, ExecuteMsg, GalleryFilter, GalleryNftExtension, GalleryResponse,
    InstantiateMsg, MediaKind, MigrateMsg, NftInfoResponse, NumTokensResponse, OwnerOfResponse,
    QueryMsg, TokensResponse,
};

use crate::contract::{execute, instantiate, migrate, query, CONTRACT_NAME};
use crate::error::ContractError;
use crate::state::{
    gallery_key, kind_key, legacy, tag_key, CONFIG, FORMAT_V1, GALLERY, NUM_TOKENS, OWNED, TOKENS,
};

const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

struct Old {
    deps: Deps,
    env: Env,
    admin: Addr,
    alice: Addr,
    bob: Addr,
}

/// An instance as a build before issue 15 left it: `tokens` (id, kind, year) of alice's in the old
/// layout, each with tags "sea" and "sun", the count under its old key, an older cw2 version.
fn old_instance(tokens: &[(&str, MediaKind, u16)]) -> Old {
    let mut deps = mock_dependencies();
    let env = mock_env();
    let admin = deps.api.addr_make("admin");
    let alice = deps.api.addr_make("alice");
    let bob = deps.api.addr_make("bob");
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&admin, &[]),
        InstantiateMsg {
            name: "Mesi Gallery".into(),
            symbol: "MESIG".into(),
            arbiter: admin.to_string(),
            pledge_denom: "uusdc".into(),
            owner: None,
        },
    )
    .unwrap();
    let s = deps.as_mut().storage;
    for (id, kind, year) in tokens {
        let t = legacy::LegacyToken {
            owner: alice.clone(),
            approvals: vec![],
            token_uri: Some(format!("ipfs://bafy/{id}.json")),
            creator: alice.clone(),
            media_kind: *kind,
            content_hash: HASH.into(),
            tags: vec!["sea".into(), "sun".into()],
            year: *year,
            ad_revenue: AdRevenueModel::Hybrid { creator_bps: 7000 },
            pay_per_view: true,
            pledge: Uint128::zero(),
            listed_by: None,
        };
        legacy::TOKENS.save(s, id, &t).unwrap();
        legacy::OWNED.save(s, (&alice, id), &Empty {}).unwrap();
        legacy::BY_KIND
            .save(s, (&alice, kind_key(*kind), id), &Empty {})
            .unwrap();
        legacy::BY_YEAR
            .save(s, (&alice, *year, id), &Empty {})
            .unwrap();
        for tag in ["sea", "sun"] {
            legacy::BY_TAG
                .save(s, (&alice, tag, id), &Empty {})
                .unwrap();
        }
    }
    NUM_TOKENS.remove(s);
    legacy::NUM_TOKENS.save(s, &(tokens.len() as u64)).unwrap();
    cw2::set_contract_version(s, CONTRACT_NAME, "0.0.1").unwrap();
    Old {
        deps,
        env,
        admin,
        alice,
        bob,
    }
}

impl Old {
    fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
    }

    fn q<T: serde::de::DeserializeOwned>(&self, msg: QueryMsg) -> StdResult<T> {
        query(self.deps.as_ref(), self.env.clone(), msg).and_then(|b| from_json(&b))
    }

    fn gallery(&self, filter: Option<GalleryFilter>) -> StdResult<Vec<String>> {
        let r: GalleryResponse = self.q(QueryMsg::Gallery {
            creator: self.alice.to_string(),
            filter,
            start_after: None,
            limit: Some(100),
        })?;
        Ok(r.items.into_iter().map(|i| i.token_id).collect())
    }

    fn owned(&self, owner: &Addr) -> StdResult<Vec<String>> {
        let r: TokensResponse = self.q(QueryMsg::Tokens {
            owner: owner.to_string(),
            start_after: None,
            limit: Some(100),
        })?;
        Ok(r.tokens)
    }

    fn record(&self, id: &str) -> Vec<u8> {
        self.deps.storage.get(&TOKENS.key(id)).unwrap_or_default()
    }

    fn reindex(&mut self, limit: u32) -> Result<Response, ContractError> {
        let admin = self.admin.clone();
        self.exec(&admin, ExecuteMsg::Reindex { limit: Some(limit) })
    }
}

fn attr(res: &Response, key: &str) -> String {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
        .unwrap_or_default()
}

#[test]
fn an_old_json_record_is_read_as_is_and_rewritten_compact_by_its_next_write() {
    let mut o = old_instance(&[("old-1", MediaKind::Photo, 2021)]);
    let res = migrate(o.deps.as_mut(), o.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(attr(&res, "reindex_pending"), "true");
    assert_eq!(o.record("old-1")[0], b'{');
    // read as it is: every field of the old record
    let info: NftInfoResponse<GalleryNftExtension> = o
        .q(QueryMsg::NftInfo {
            token_id: "old-1".into(),
        })
        .unwrap();
    assert_eq!(info.token_uri.as_deref(), Some("ipfs://bafy/old-1.json"));
    assert_eq!(
        info.extension,
        GalleryNftExtension {
            creator: o.alice.to_string(),
            media_kind: MediaKind::Photo,
            content_hash: HASH.into(),
            tags: vec!["sea".into(), "sun".into()],
            year: 2021,
            ad_revenue: AdRevenueModel::Hybrid { creator_bps: 7000 },
            pay_per_view: true,
            pledge: Uint128::zero(),
        }
    );
    // the count moved to its new key
    let n: NumTokensResponse = o.q(QueryMsg::NumTokens {}).unwrap();
    assert_eq!(n.count, 1);
    assert!(legacy::NUM_TOKENS
        .may_load(&o.deps.storage)
        .unwrap()
        .is_none());

    // the next write converts the whole token: record, owner key, gallery and tag keys
    let (alice, bob) = (o.alice.clone(), o.bob.clone());
    o.exec(
        &alice,
        ExecuteMsg::TransferNft {
            recipient: bob.to_string(),
            token_id: "old-1".into(),
        },
    )
    .unwrap();
    assert_eq!(o.record("old-1")[0], FORMAT_V1);
    let owner: OwnerOfResponse = o
        .q(QueryMsg::OwnerOf {
            token_id: "old-1".into(),
            include_expired: None,
        })
        .unwrap();
    assert_eq!(owner.owner, bob.to_string());
    let s = &o.deps.storage;
    assert!(!legacy::OWNED.has(s, (&alice, "old-1")));
    assert!(!legacy::BY_KIND.has(s, (&alice, 0, "old-1")));
    assert!(!legacy::BY_YEAR.has(s, (&alice, 2021, "old-1")));
    assert!(!legacy::BY_TAG.has(s, (&alice, "sea", "old-1")));
    let (a, b) = (
        o.deps.api.addr_canonicalize(alice.as_str()).unwrap(),
        o.deps.api.addr_canonicalize(bob.as_str()).unwrap(),
    );
    assert!(OWNED.has(s, (b.as_slice(), "old-1")));
    assert!(!OWNED.has(s, (a.as_slice(), "old-1")));
    assert!(GALLERY.has(s, (&gallery_key(a.as_slice(), 0), 2021, "old-1")));
    assert!(crate::state::BY_TAG.has(s, (&tag_key("sun", a.as_slice()), 2021, "old-1")));
    // its only old token converted, the lists answer again, and right
    assert_eq!(o.owned(&bob).unwrap(), vec!["old-1"]);
    assert_eq!(o.gallery(None).unwrap(), vec!["old-1"]);
    let info2: NftInfoResponse<GalleryNftExtension> = o
        .q(QueryMsg::NftInfo {
            token_id: "old-1".into(),
        })
        .unwrap();
    assert_eq!(info2, info);
}

#[test]
fn lists_refuse_until_reindex_has_converted_every_old_token() {
    let mut o = old_instance(&[
        ("a", MediaKind::Photo, 2022),
        ("b", MediaKind::Video, 2020),
        ("c", MediaKind::Audio, 2021),
    ]);
    migrate(o.deps.as_mut(), o.env.clone(), MigrateMsg {}).unwrap();
    // a token minted after the migrate goes straight into the new layout
    let alice = o.alice.clone();
    o.exec(
        &alice,
        ExecuteMsg::Mint {
            token_id: "d".into(),
            owner: alice.to_string(),
            token_uri: None,
            extension: mesi_types::gallery::MintExtension {
                media_kind: MediaKind::Photo,
                content_hash: HASH.into(),
                tags: vec!["sun".into()],
                year: 2020,
                ad_revenue: AdRevenueModel::Royalty,
                pay_per_view: false,
                rights_confirmed: true,
            },
        },
    )
    .unwrap();
    let pending = ContractError::ReindexPending {}.to_string();
    for filter in [
        None,
        Some(GalleryFilter::Year(2020)),
        Some(GalleryFilter::Tag("sea".into())),
        Some(GalleryFilter::MediaKind(MediaKind::Photo)),
    ] {
        assert!(o
            .gallery(filter)
            .unwrap_err()
            .to_string()
            .contains(&pending));
    }
    assert!(o.owned(&alice).unwrap_err().to_string().contains(&pending));

    // paged, by anyone (a renounced owner cannot leave the galleries unreadable): 2, then the last one
    let bob = o.bob.clone();
    let res = o
        .exec(&bob, ExecuteMsg::Reindex { limit: Some(2) })
        .unwrap();
    assert_eq!(
        (
            attr(&res, "converted").as_str(),
            attr(&res, "remaining").as_str()
        ),
        ("2", "true")
    );
    assert!(o.gallery(None).is_err());
    let res = o.reindex(2).unwrap();
    assert_eq!(
        (
            attr(&res, "converted").as_str(),
            attr(&res, "remaining").as_str()
        ),
        ("1", "false")
    );
    assert_eq!(
        o.reindex(2).unwrap_err(),
        ContractError::NothingToReindex {}
    );
    for id in ["a", "b", "c", "d"] {
        assert_eq!(o.record(id)[0], FORMAT_V1, "{id}");
    }
    // every list whole and in (year, id) order
    assert_eq!(o.gallery(None).unwrap(), vec!["b", "d", "c", "a"]);
    assert_eq!(
        o.gallery(Some(GalleryFilter::Year(2020))).unwrap(),
        vec!["b", "d"]
    );
    assert_eq!(
        o.gallery(Some(GalleryFilter::Tag("sea".into()))).unwrap(),
        vec!["b", "c", "a"]
    );
    assert_eq!(
        o.gallery(Some(GalleryFilter::MediaKind(MediaKind::Photo)))
            .unwrap(),
        vec!["d", "a"]
    );
    assert_eq!(o.owned(&alice).unwrap(), vec!["a", "b", "c", "d"]);
    let n: NumTokensResponse = o.q(QueryMsg::NumTokens {}).unwrap();
    assert_eq!(n.count, 4);
    // and no old key is left behind
    let s = &o.deps.storage;
    for ns in [&b"o"[..], b"gk", b"gy", b"gt"] {
        let mut prefix = (ns.len() as u16).to_be_bytes().to_vec();
        prefix.extend_from_slice(ns);
        assert!(
            !s.range(None, None, cosmwasm_std::Order::Ascending)
                .any(|(k, _)| k.starts_with(&prefix)),
            "old keys left in {:?}",
            std::str::from_utf8(ns)
        );
    }
}

#[test]
fn an_old_token_burnt_before_reindex_leaves_nothing_behind() {
    let mut o = old_instance(&[("a", MediaKind::Photo, 2022), ("b", MediaKind::Video, 2020)]);
    migrate(o.deps.as_mut(), o.env.clone(), MigrateMsg {}).unwrap();
    let alice = o.alice.clone();
    o.exec(
        &alice,
        ExecuteMsg::Burn {
            token_id: "a".into(),
        },
    )
    .unwrap();
    // one old token left: the lists still refuse; reindex takes it
    assert!(o.gallery(None).is_err());
    let res = o.reindex(10).unwrap();
    assert_eq!(attr(&res, "converted"), "1");
    assert_eq!(o.gallery(None).unwrap(), vec!["b"]);
    assert_eq!(o.owned(&alice).unwrap(), vec!["b"]);
    let n: NumTokensResponse = o.q(QueryMsg::NumTokens {}).unwrap();
    assert_eq!(n.count, 1);
    assert!(o.record("a").is_empty());
}

#[test]
fn a_migrate_without_old_tokens_needs_no_reindex() {
    let mut o = old_instance(&[]);
    let res = migrate(o.deps.as_mut(), o.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(attr(&res, "reindex_pending"), "false");
    assert_eq!(o.gallery(None).unwrap(), Vec::<String>::new());
    assert_eq!(
        o.reindex(10).unwrap_err(),
        ContractError::NothingToReindex {}
    );
}

/// Pages through `filter` with page size `limit`, following `start_after` = the last id of each page.
fn page_through(
    s: &super::suite::Suite,
    creator: &Addr,
    filter: Option<GalleryFilter>,
    limit: u32,
) -> Vec<String> {
    let mut seen: Vec<String> = vec![];
    loop {
        let page = s.gallery(
            creator,
            filter.clone(),
            seen.last().map(String::as_str),
            Some(limit),
        );
        assert!(page.items.len() <= limit as usize);
        if page.items.is_empty() {
            return seen;
        }
        seen.extend(page.items.into_iter().map(|i| i.token_id));
    }
}

/// (id, kind, year, tags) of a minted token.
type Minted = (String, MediaKind, u16, Vec<String>);

#[test]
fn every_gallery_filter_pages_through_exactly_the_year_then_id_order() {
    let mut s = super::suite::Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let kinds = [MediaKind::Photo, MediaKind::Video, MediaKind::Audio];
    let tags = ["sea", "sun", "sky"];
    // (id, kind, year, tags): ids and years deliberately out of step, three kinds interleaved
    let mut minted: Vec<Minted> = vec![];
    for i in 0..40u16 {
        let id = format!("{:02}-{}", (i * 7) % 40, i);
        let kind = kinds[(i % 3) as usize];
        let year = 2020 + (i * 5) % 4;
        let t: Vec<String> = tags
            .iter()
            .enumerate()
            .filter(|(j, _)| (i as usize + j) % 2 == 0)
            .map(|(_, t)| t.to_string())
            .collect();
        s.mint_with(
            &alice,
            &id,
            mesi_types::gallery::MintExtension {
                media_kind: kind,
                year,
                tags: t.clone(),
                ..super::suite::ext()
            },
        )
        .unwrap();
        minted.push((id, kind, year, t));
    }
    // another creator's tokens never show up
    s.mint(&bob, "bob-1").unwrap();
    // a sold token stays listed, a burnt one leaves every list
    s.transfer(&alice, &bob, &minted[3].0).unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::Burn {
            token_id: minted[4].0.clone(),
        },
    )
    .unwrap();
    minted.remove(4);

    let expect = |keep: &dyn Fn(&Minted) -> bool| {
        let mut v: Vec<(u16, String)> = minted
            .iter()
            .filter(|t| keep(t))
            .map(|t| (t.2, t.0.clone()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    };
    for limit in [1, 3, 7, 100] {
        assert_eq!(page_through(&s, &alice, None, limit), expect(&|_| true));
        for k in kinds {
            assert_eq!(
                page_through(&s, &alice, Some(GalleryFilter::MediaKind(k)), limit),
                expect(&|t| t.1 == k),
                "kind {k:?} limit {limit}"
            );
        }
        for y in 2019..=2024 {
            assert_eq!(
                page_through(&s, &alice, Some(GalleryFilter::Year(y)), limit),
                expect(&|t| t.2 == y),
                "year {y} limit {limit}"
            );
        }
        for tag in tags {
            assert_eq!(
                page_through(&s, &alice, Some(GalleryFilter::Tag(tag.into())), limit),
                expect(&|t| t.3.iter().any(|x| x == tag)),
                "tag {tag} limit {limit}"
            );
        }
    }
}

/// Issue 14's marketplace rules read the marketplace from its raw key (`state::is_marketplace`, issue 15):
/// an instance whose config named the marketplace before that key existed still recognises it after
/// `migrate` (owner-only listing, `listed_by` recorded, a listed token is not sold).
#[test]
fn a_marketplace_named_before_the_upgrade_is_still_the_marketplace_after_migrate() {
    let mut o = old_instance(&[]);
    let market = o.deps.api.addr_make("market");
    let s = o.deps.as_mut().storage;
    let mut cfg = CONFIG.load(s).unwrap();
    cfg.marketplace = Some(market.clone());
    CONFIG.save(s, &cfg).unwrap();
    migrate(o.deps.as_mut(), o.env.clone(), MigrateMsg {}).unwrap();
    let (alice, bob) = (o.alice.clone(), o.bob.clone());
    o.exec(
        &alice,
        ExecuteMsg::Mint {
            token_id: "m".into(),
            owner: alice.to_string(),
            token_uri: None,
            extension: mesi_types::gallery::MintExtension {
                media_kind: MediaKind::Photo,
                content_hash: HASH.into(),
                tags: vec![],
                year: 2020,
                ad_revenue: AdRevenueModel::Royalty,
                pay_per_view: false,
                rights_confirmed: true,
            },
        },
    )
    .unwrap();
    let send = |contract: &Addr| ExecuteMsg::SendNft {
        contract: contract.to_string(),
        token_id: "m".into(),
        msg: b"{}".into(),
    };
    // an operator may move alice's tokens, but only the owner lists in the marketplace
    o.exec(
        &alice,
        ExecuteMsg::ApproveAll {
            operator: bob.to_string(),
            expires: None,
        },
    )
    .unwrap();
    assert_eq!(
        o.exec(&bob, send(&market)).unwrap_err(),
        ContractError::MarketplaceOwnerOnly {
            token_id: "m".into()
        }
    );
    o.exec(&alice, send(&market)).unwrap();
    let r: GalleryResponse = o
        .q(QueryMsg::Gallery {
            creator: alice.to_string(),
            filter: None,
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(r.items[0].owner, market.to_string());
    assert_eq!(r.items[0].listed_by, Some(alice.to_string()));
    assert!(!r.items[0].sold);
}
