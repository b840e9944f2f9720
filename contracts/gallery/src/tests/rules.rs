//! SPEC §3 rules, one test per rule (named after it).

use mesi_types::gallery::{
    AdRevenueModel, ExecuteMsg, GalleryFilter, MediaKind, MintExtension, ResolveOutcome,
};

use super::suite::{err, ext, Suite, HASH};
use crate::error::ContractError;

#[test]
fn minter_must_confirm_rights() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let before = s.dump();
    let e = err(s.mint_with(
        &alice,
        "a1",
        MintExtension {
            rights_confirmed: false,
            ..ext()
        },
    ));
    assert_eq!(e, ContractError::RightsNotConfirmed {});
    assert_eq!(s.dump(), before);
    s.mint(&alice, "a1").unwrap();
}

#[test]
fn anyone_may_open_a_gallery_by_minting_into_it() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "alice-1").unwrap();
    s.mint(&bob, "bob-1").unwrap();
    assert_eq!(s.nft("alice-1").extension.creator, alice.to_string());
    assert_eq!(s.nft("bob-1").extension.creator, bob.to_string());
    assert_eq!(s.gallery_ids(&alice, None), vec!["alice-1"]);
    assert_eq!(s.gallery_ids(&bob, None), vec!["bob-1"]);
    // minter = creator = owner: minting into someone else's hands is refused
    let e = err(s.exec(
        &alice,
        &ExecuteMsg::Mint {
            token_id: "x".into(),
            owner: bob.to_string(),
            token_uri: None,
            extension: ext(),
        },
    ));
    assert_eq!(e, ContractError::MintToOther {});
}

#[test]
fn token_ids_are_unique() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "same").unwrap();
    let before = s.dump();
    assert_eq!(
        err(s.mint(&bob, "same")),
        ContractError::TokenIdTaken {
            token_id: "same".into()
        }
    );
    assert_eq!(s.dump(), before);
    for bad in ["", "has space", "ünï", &"x".repeat(65)] {
        assert_eq!(err(s.mint(&alice, bad)), ContractError::InvalidTokenId {});
    }
}

#[test]
fn token_data_is_stored_as_declared() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint_with(
        &alice,
        "v1",
        MintExtension {
            media_kind: MediaKind::Video,
            content_hash: HASH.to_uppercase(),
            tags: vec!["Nature".into(), "sea_side".into()],
            year: 2021,
            ad_revenue: AdRevenueModel::Hybrid { creator_bps: 7_000 },
            pay_per_view: false,
            rights_confirmed: true,
        },
    )
    .unwrap();
    let n = s.nft("v1");
    assert_eq!(n.token_uri.as_deref(), Some("ipfs://v1"));
    let e = n.extension;
    assert_eq!(e.creator, alice.to_string());
    assert_eq!(e.media_kind, MediaKind::Video);
    assert_eq!(e.content_hash, HASH, "hash stored lower case");
    assert_eq!(e.tags, vec!["nature", "sea_side"], "tags stored lower case");
    assert_eq!(e.year, 2021);
    assert_eq!(e.ad_revenue, AdRevenueModel::Hybrid { creator_bps: 7_000 });
    assert!(!e.pay_per_view);
    assert!(e.pledge.is_zero());
}

#[test]
fn content_hash_is_a_sha256_of_64_hex_chars() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    for bad in [
        &HASH[..63],
        &format!("{HASH}0"),
        &format!("{}g", &HASH[..63]),
        "",
    ] {
        let e = err(s.mint_with(
            &alice,
            "a",
            MintExtension {
                content_hash: bad.into(),
                ..ext()
            },
        ));
        assert_eq!(e, ContractError::InvalidContentHash {});
    }
    assert_eq!(s.num_tokens(), 0);
}

#[test]
fn hybrid_split_is_creator_defined_in_bps() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let hybrid = |bps| MintExtension {
        ad_revenue: AdRevenueModel::Hybrid { creator_bps: bps },
        ..ext()
    };
    assert_eq!(
        err(s.mint_with(&alice, "h", hybrid(10_001))),
        ContractError::InvalidCreatorBps { bps: 10_001 }
    );
    s.mint_with(&alice, "h0", hybrid(0)).unwrap();
    s.mint_with(&alice, "h1", hybrid(10_000)).unwrap();
    s.mint_with(
        &alice,
        "o",
        MintExtension {
            ad_revenue: AdRevenueModel::Ownership,
            ..ext()
        },
    )
    .unwrap();
    assert_eq!(s.nft("o").extension.ad_revenue, AdRevenueModel::Ownership);
}

#[test]
fn tags_year_and_uri_are_bounded() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let tags = |t: Vec<&str>| MintExtension {
        tags: t.into_iter().map(String::from).collect(),
        ..ext()
    };
    assert_eq!(
        err(s.mint_with(&alice, "a", tags(vec!["t"; 11]))),
        ContractError::TooManyTags { max: 10 }
    );
    assert_eq!(
        err(s.mint_with(&alice, "a", tags(vec!["a", "A"]))),
        ContractError::DuplicateTag { tag: "a".into() }
    );
    let long = "x".repeat(33);
    assert_eq!(
        err(s.mint_with(&alice, "a", tags(vec![&long]))),
        ContractError::InvalidTag { tag: long.clone() }
    );
    assert_eq!(
        err(s.mint_with(&alice, "a", tags(vec!["two words"]))),
        ContractError::InvalidTag {
            tag: "two words".into()
        }
    );
    assert_eq!(
        err(s.mint_with(
            &alice,
            "a",
            MintExtension {
                year: 1799,
                ..ext()
            }
        )),
        ContractError::InvalidYear { year: 1799 }
    );
    for uri in ["", "has space"] {
        let e = err(s.exec(
            &alice,
            &ExecuteMsg::Mint {
                token_id: "a".into(),
                owner: alice.to_string(),
                token_uri: Some(uri.into()),
                extension: ext(),
            },
        ));
        assert_eq!(e, ContractError::InvalidTokenUri {});
    }
    s.mint_with(
        &alice,
        "a",
        tags(vec![
            "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9",
        ]),
    )
    .unwrap();
}

#[test]
fn gallery_size_is_unlimited_and_paginated() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    for i in 0..130 {
        s.mint(&alice, &format!("p{i:03}")).unwrap();
    }
    let mut seen = vec![];
    let mut start: Option<String> = None;
    loop {
        let page = s.gallery(&alice, None, start.as_deref(), Some(100));
        if page.items.is_empty() {
            break;
        }
        assert!(page.items.len() <= 100);
        start = page.items.last().map(|i| i.token_id.clone());
        seen.extend(page.items.into_iter().map(|i| i.token_id));
    }
    assert_eq!(seen.len(), 130);
    assert_eq!(
        s.gallery(&alice, None, None, None).items.len(),
        10,
        "default page"
    );
}

#[test]
fn gallery_is_filterable_by_media_kind_year_and_tag() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let m = |kind, year, tags: &[&str]| MintExtension {
        media_kind: kind,
        year,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..ext()
    };
    s.mint_with(
        &alice,
        "a-photo-2020",
        m(MediaKind::Photo, 2020, &["sea", "sun"]),
    )
    .unwrap();
    s.mint_with(&alice, "b-video-2021", m(MediaKind::Video, 2021, &["sea"]))
        .unwrap();
    s.mint_with(&alice, "c-audio-2020", m(MediaKind::Audio, 2020, &[]))
        .unwrap();
    s.mint_with(&alice, "d-photo-2021", m(MediaKind::Photo, 2021, &["sun"]))
        .unwrap();
    s.mint_with(&bob, "e-photo-2020", m(MediaKind::Photo, 2020, &["sea"]))
        .unwrap();

    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::MediaKind(MediaKind::Photo))),
        vec!["a-photo-2020", "d-photo-2021"]
    );
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::MediaKind(MediaKind::Audio))),
        vec!["c-audio-2020"]
    );
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::Year(2020))),
        vec!["a-photo-2020", "c-audio-2020"]
    );
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::Tag("SEA".into()))),
        vec!["a-photo-2020", "b-video-2021"]
    );
    assert_eq!(
        s.gallery_ids(&bob, Some(GalleryFilter::Tag("sea".into()))),
        vec!["e-photo-2020"]
    );
    assert!(s
        .gallery_ids(&bob, Some(GalleryFilter::Year(1999)))
        .is_empty());
    // unfiltered: all kinds merged in (year, token id) order, paginated
    assert_eq!(
        s.gallery_ids(&alice, None),
        vec![
            "a-photo-2020",
            "c-audio-2020",
            "b-video-2021",
            "d-photo-2021"
        ]
    );
    let p1 = s.gallery(&alice, None, None, Some(2));
    let ids1: Vec<_> = p1.items.iter().map(|i| i.token_id.as_str()).collect();
    assert_eq!(ids1, vec!["a-photo-2020", "c-audio-2020"]);
    // the cursor is a token id; its (year, id) is where the next page starts
    let p2 = s.gallery(&alice, None, Some("c-audio-2020"), Some(2));
    let ids2: Vec<_> = p2.items.iter().map(|i| i.token_id.as_str()).collect();
    assert_eq!(ids2, vec!["b-video-2021", "d-photo-2021"]);
    // a kind filter is in (year, id) order too, and pages the same way
    s.mint_with(&alice, "0-photo-2022", m(MediaKind::Photo, 2022, &["sun"]))
        .unwrap();
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::MediaKind(MediaKind::Photo))),
        vec!["a-photo-2020", "d-photo-2021", "0-photo-2022"]
    );
    let page = s.gallery(
        &alice,
        Some(GalleryFilter::MediaKind(MediaKind::Photo)),
        Some("d-photo-2021"),
        Some(5),
    );
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].token_id, "0-photo-2022");
    // a year filter pages by id inside its year; a cursor from a later year ends it
    let page = s.gallery(
        &alice,
        Some(GalleryFilter::Year(2020)),
        Some("a-photo-2020"),
        None,
    );
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].token_id, "c-audio-2020");
    assert!(s
        .gallery(
            &alice,
            Some(GalleryFilter::Year(2020)),
            Some("0-photo-2022"),
            None
        )
        .items
        .is_empty());
    // a tag filter: (year, id) order
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::Tag("sun".into()))),
        vec!["a-photo-2020", "d-photo-2021", "0-photo-2022"]
    );
    // pagination inside a filter
    let page = s.gallery(
        &alice,
        Some(GalleryFilter::Tag("sun".into())),
        Some("a-photo-2020"),
        Some(1),
    );
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].token_id, "d-photo-2021");
    // the JSON filter shape is {"media_kind":..} / {"year":..} / {"tag":..}
    assert_eq!(
        cosmwasm_std::to_json_string(&GalleryFilter::MediaKind(MediaKind::Photo)).unwrap(),
        r#"{"media_kind":"photo"}"#
    );
}

#[test]
fn sold_items_stay_listed_in_the_creator_gallery_marked_sold() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    let g = s.gallery(&alice, None, None, None);
    assert_eq!(g.items.len(), 2);
    assert_eq!(g.items[0].token_id, "a1");
    assert!(g.items[0].sold);
    assert_eq!(g.items[0].owner, bob.to_string());
    assert!(!g.items[1].sold);
    // still listed under every filter, and not in the buyer's gallery
    assert_eq!(
        s.gallery_ids(&alice, Some(GalleryFilter::Tag("nature".into()))),
        vec!["a1", "a2"]
    );
    assert!(s.gallery_ids(&bob, None).is_empty());
}

#[test]
fn creator_may_burn_content_it_still_owns() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    s.burn(&alice, "a1").unwrap();
    assert!(!s.exists("a1"));
    assert_eq!(s.num_tokens(), 1);
    assert_eq!(s.gallery_ids(&alice, None), vec!["a2"]);
    assert!(s.gallery_ids(&alice, Some(GalleryFilter::Tag("nature".into()))) == vec!["a2"]);
    assert!(s.gallery_ids(&alice, Some(GalleryFilter::Year(2024))) == vec!["a2"]);
    assert!(s.gallery_ids(&alice, Some(GalleryFilter::MediaKind(MediaKind::Photo))) == vec!["a2"]);
    // SPEC §3 token identity (issue 19 §1): the id is never minted again, by anyone
    assert!(s.mint(&alice, "a1").is_err());
}

#[test]
fn sold_content_cannot_be_removed_by_the_creator() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    let sold = s.dump();
    assert_eq!(
        err(s.burn(&alice, "a1")),
        ContractError::SoldTokenCannotBeBurned {
            token_id: "a1".into()
        }
    );
    assert_eq!(s.dump(), sold);
    // even when the buyer lets the creator manage it (operator), the creator cannot burn a sold token
    s.exec(
        &bob,
        &ExecuteMsg::ApproveAll {
            operator: alice.to_string(),
            expires: None,
        },
    )
    .unwrap();
    let before = s.dump();
    assert_eq!(
        err(s.burn(&alice, "a1")),
        ContractError::SoldTokenCannotBeBurned {
            token_id: "a1".into()
        }
    );
    // nor can the buyer remove it from the creator's gallery
    assert_eq!(
        err(s.burn(&bob, "a1")),
        ContractError::SoldTokenCannotBeBurned {
            token_id: "a1".into()
        }
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn a_token_back_with_its_creator_is_unsold_again() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    s.transfer(&bob, &alice, "a1").unwrap();
    assert!(!s.gallery(&alice, None, None, None).items[0].sold);
    s.set_ppv(&alice, "a1", false).unwrap();
    s.set_ppv(&alice, "a1", true).unwrap();
    s.burn(&alice, "a1").unwrap();
}

#[test]
fn ppv_can_be_switched_off_by_the_creator_at_any_time() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    s.set_ppv(&alice, "a1", false).unwrap();
    assert!(!s.nft("a1").extension.pay_per_view);
    s.set_ppv(&alice, "a1", true).unwrap();
    assert!(s.nft("a1").extension.pay_per_view);
    s.transfer(&alice, &bob, "a2").unwrap();
    s.set_ppv(&alice, "a2", false).unwrap();
    assert!(!s.nft("a2").extension.pay_per_view);
    // only the creator, not the owner
    assert_eq!(
        err(s.set_ppv(&bob, "a2", false)),
        ContractError::NotCreator {
            token_id: "a2".into()
        }
    );
}

#[test]
fn ppv_cannot_be_switched_back_on_for_a_sold_token() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.set_ppv(&alice, "a1", false).unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    let before = s.dump();
    assert_eq!(
        err(s.set_ppv(&alice, "a1", true)),
        ContractError::PayPerViewSold {
            token_id: "a1".into()
        }
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn ad_revenue_model_never_changes_after_mint() {
    let mut s = Suite::new();
    let (alice, bob, arbiter, carol) = (
        s.alice.clone(),
        s.bob.clone(),
        s.arbiter.clone(),
        s.carol.clone(),
    );
    let model = AdRevenueModel::Hybrid { creator_bps: 2_500 };
    s.mint_with(
        &alice,
        "a1",
        MintExtension {
            ad_revenue: model,
            ..ext()
        },
    )
    .unwrap();
    s.set_ppv(&alice, "a1", false).unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    s.pledge(&bob, "a1", 100).unwrap();
    s.resolve(
        &arbiter,
        "a1",
        &[(&carol, 100)],
        ResolveOutcome::TransferTo {
            address: carol.to_string(),
        },
    )
    .unwrap();
    assert_eq!(s.nft("a1").extension.ad_revenue, model);
    // and no message can address it: the execute API has no variant carrying an ad-revenue model
    // except `mint`, whose token id can only be used once.
    assert!(matches!(
        err(s.mint_with(&alice, "a1", ext())),
        ContractError::TokenIdTaken { .. }
    ));
}

/// SPEC §3 token identity (issue 19 §1): a token id, once burnt by its owner or by an arbiter ruling,
/// is never minted again, by its creator or anyone else; the refusal changes nothing.
#[test]
fn a_burnt_token_id_is_never_minted_again() {
    let mut s = Suite::new();
    let (alice, bob, arbiter) = (s.alice.clone(), s.bob.clone(), s.arbiter.clone());
    s.mint(&alice, "art-1").unwrap();
    s.burn(&alice, "art-1").unwrap();
    s.mint(&alice, "art-2").unwrap();
    s.resolve(&arbiter, "art-2", &[], ResolveOutcome::Burn)
        .unwrap();
    let before = s.dump();
    for (who, id) in [(&alice, "art-1"), (&bob, "art-1"), (&bob, "art-2")] {
        assert_eq!(
            err(s.mint(who, id)),
            ContractError::TokenIdBurnt {
                token_id: id.into()
            }
        );
    }
    assert_eq!(s.dump(), before);
    // the custody query says why the id answers nothing
    let e = s
        .query::<mesi_types::gallery::CustodyResponse>(&mesi_types::gallery::QueryMsg::Custody {
            token_id: "art-1".into(),
        })
        .unwrap_err();
    assert!(e.to_string().contains("burnt"), "{e}");
}

/// SPEC §3 custody: the custody query answers owner, the identity fixed at mint and `listed_by`, which
/// only the `send_nft` path into the marketplace sets (see the marketplace's identity tests).
#[test]
fn custody_answers_the_owner_and_the_identity_fixed_at_mint() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    let c: mesi_types::gallery::CustodyResponse = s
        .query(&mesi_types::gallery::QueryMsg::Custody {
            token_id: "a1".into(),
        })
        .unwrap();
    assert_eq!(
        c,
        mesi_types::gallery::CustodyResponse {
            token_id: "a1".into(),
            owner: bob.to_string(),
            listed_by: None,
            creator: alice.to_string(),
            content_hash: HASH.to_ascii_lowercase(),
        }
    );
}
