//! Property test over random sequences of mint / transfer / pledge / resolve / burn / ppv by three users,
//! plain bank sends to the contract and owner sweeps: after every step the contract's stablecoin balance
//! == total pledged + the stray coins of the model (bank sends not yet swept), total pledged == sum of token
//! pledges == sum of per-creator totals, no stablecoin is created or lost (a sweep never takes a pledged
//! unit), and the gallery indexes agree with the tokens.

use cosmwasm_std::Addr;
use cw_multi_test::Executor;
use mesi_types::gallery::{
    ExecuteMsg, GalleryFilter, MediaKind, MintExtension, QueryMsg, ResolveOutcome, TokensResponse,
};
use proptest::prelude::*;

use super::suite::{ext, Suite, DENOM, FUNDS};

#[derive(Debug, Clone)]
enum Op {
    Mint {
        user: usize,
        id: usize,
        kind: u8,
    },
    Transfer {
        from: usize,
        to: usize,
        id: usize,
    },
    Pledge {
        user: usize,
        id: usize,
        amount: u128,
    },
    Resolve {
        id: usize,
        parties: usize,
        outcome: u8,
        to: usize,
    },
    Burn {
        user: usize,
        id: usize,
    },
    Ppv {
        user: usize,
        id: usize,
        on: bool,
    },
    /// A plain bank send of stablecoin to the contract (no pledge).
    Stray {
        user: usize,
        amount: u128,
    },
    /// The owner sweeps the pledge denom.
    Sweep,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..5usize, 0..3u8).prop_map(|(user, id, kind)| Op::Mint { user, id, kind }),
        (0..3usize, 0..3usize, 0..5usize).prop_map(|(from, to, id)| Op::Transfer { from, to, id }),
        (0..3usize, 0..5usize, 1..5_000u128).prop_map(|(user, id, amount)| Op::Pledge {
            user,
            id,
            amount
        }),
        (0..5usize, 1..4usize, 0..3u8, 0..3usize).prop_map(|(id, parties, outcome, to)| {
            Op::Resolve {
                id,
                parties,
                outcome,
                to,
            }
        }),
        (0..3usize, 0..5usize).prop_map(|(user, id)| Op::Burn { user, id }),
        (0..3usize, 0..5usize, any::<bool>()).prop_map(|(user, id, on)| Op::Ppv { user, id, on }),
        (0..3usize, 1..500u128).prop_map(|(user, amount)| Op::Stray { user, amount }),
        Just(Op::Sweep),
    ]
}

fn check(s: &Suite, users: &[Addr], victims: &[Addr], stray: u128) {
    let contract = s.balance(&s.gallery.clone(), DENOM);
    let total = s.total_pledged();
    assert_eq!(
        contract,
        total + stray,
        "balance == total pledged + unswept stray coins"
    );

    let tokens: TokensResponse = s
        .query(&QueryMsg::AllTokens {
            start_after: None,
            limit: Some(100),
        })
        .unwrap();
    let sum_tokens: u128 = tokens.tokens.iter().map(|t| s.pledge_of(t)).sum();
    assert_eq!(sum_tokens, total, "sum of token pledges == total");
    let sum_creators: u128 = users.iter().map(|u| s.creator_pledges(u)).sum();
    assert_eq!(sum_creators, total, "sum of creator totals == total");
    assert_eq!(s.num_tokens() as usize, tokens.tokens.len());

    // nothing created or lost
    let held: u128 = users
        .iter()
        .chain(victims)
        .chain([&s.owner])
        .map(|u| s.balance(u, DENOM))
        .sum();
    assert_eq!(held + contract, FUNDS * users.len() as u128);

    // gallery indexes == tokens; owner index == owners
    let mut listed = 0;
    for u in users {
        let g = s.gallery(u, None, None, Some(100));
        for item in &g.items {
            assert_eq!(item.info.creator, u.to_string());
            assert_eq!(item.sold, item.owner != u.to_string());
        }
        listed += g.items.len();
        let by_year = s.gallery(u, Some(GalleryFilter::Year(2024)), None, Some(100));
        assert_eq!(by_year.items.len(), g.items.len());
        let by_kind: usize = [MediaKind::Photo, MediaKind::Video, MediaKind::Audio]
            .into_iter()
            .map(|k| {
                s.gallery(u, Some(GalleryFilter::MediaKind(k)), None, Some(100))
                    .items
                    .len()
            })
            .sum();
        assert_eq!(by_kind, g.items.len());
        let owned: TokensResponse = s
            .query(&QueryMsg::Tokens {
                owner: u.to_string(),
                start_after: None,
                limit: Some(100),
            })
            .unwrap();
        for t in owned.tokens {
            assert_eq!(s.owner_of(&t), u.to_string());
        }
    }
    assert_eq!(listed, tokens.tokens.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn stablecoin_held_equals_live_pledges(ops in prop::collection::vec(op(), 1..40)) {
        let mut s = Suite::new();
        let users = vec![s.alice.clone(), s.bob.clone(), s.carol.clone()];
        let victims: Vec<Addr> = (0..3).map(|i| s.addr(&format!("victim{i}"))).collect();
        let arbiter = s.arbiter.clone();
        let id = |i: usize| format!("tok-{i}");
        let owner = s.owner.clone();
        let mut stray = 0u128;
        for op in ops {
            // failures are expected (random sequences); each must leave state consistent
            let _ = match op {
                Op::Mint { user, id: i, kind } => {
                    let media_kind = [MediaKind::Photo, MediaKind::Video, MediaKind::Audio][kind as usize];
                    s.mint_with(&users[user], &id(i), MintExtension { media_kind, ..ext() })
                }
                Op::Transfer { from, to, id: i } => s.transfer(&users[from], &users[to], &id(i)),
                Op::Pledge { user, id: i, amount } => s.pledge(&users[user], &id(i), amount),
                Op::Burn { user, id: i } => s.burn(&users[user], &id(i)),
                Op::Ppv { user, id: i, on } => s.set_ppv(&users[user], &id(i), on),
                Op::Stray { user, amount } => {
                    let to = s.gallery.to_string();
                    let r = s.app.execute(
                        users[user].clone(),
                        cosmwasm_std::BankMsg::Send {
                            to_address: to,
                            amount: cosmwasm_std::coins(amount, DENOM),
                        }
                        .into(),
                    );
                    if r.is_ok() {
                        stray += amount;
                    }
                    r
                }
                Op::Sweep => {
                    let before = s.balance(&owner, DENOM);
                    let r = s.exec(&owner, &ExecuteMsg::Sweep { denom: DENOM.into() });
                    // exactly the stray coins move, or nothing when there are none
                    prop_assert_eq!(s.balance(&owner, DENOM) - before, stray);
                    prop_assert_eq!(r.is_ok(), stray > 0);
                    stray = 0;
                    r
                }
                Op::Resolve { id: i, parties, outcome, to } => {
                    let pledge = if s.exists(&id(i)) { s.pledge_of(&id(i)) } else { 0 };
                    // split the pledge over `parties` victims (only non-zero shares)
                    let mut payouts = vec![];
                    let share = pledge / parties as u128;
                    let mut left = pledge;
                    for v in victims.iter().take(parties) {
                        let amt = if payouts.len() + 1 == parties { left } else { share };
                        if amt > 0 {
                            payouts.push((v, amt));
                            left -= amt;
                        }
                    }
                    let outcome = match outcome {
                        0 => ResolveOutcome::Keep,
                        1 => ResolveOutcome::TransferTo { address: users[to].to_string() },
                        _ => ResolveOutcome::Burn,
                    };
                    s.resolve(&arbiter, &id(i), &payouts, outcome)
                }
            };
            check(&s, &users, &victims, stray);
        }
    }
}
