//! The influence contract on top of the shared suite (`mesi-testing`: the real token, treasury and
//! gallery). Story helpers: `f.allocate("fan", &[("ann", 4_000), ("bea", 6_000)])`,
//! `f.allocation("fan")`, `f.s.advance(DAY)`.

use cosmwasm_std::{Addr, Coin, Empty, Uint128};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Contract, ContractWrapper, Executor};
use mesi_testing::{Suite, SuiteBuilder};
use mesi_types::influence::{
    AllocationResponse, ConfigResponse, ExecuteMsg, GalleryStatsResponse, InstantiateMsg, QueryMsg,
    ShareUpdate, SupportersResponse, ALLOCATION_EVENT,
};

use crate::contract::{execute, instantiate, migrate, query};
use crate::error::ContractError;

pub use mesi_testing::{DAY, M, USD};

/// The token's holding-score window, seconds (7 days).
pub const WEEK: u64 = 7 * DAY;

pub fn influence_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The typed error of a failed execution.
pub fn err(r: AnyResult<impl std::fmt::Debug>) -> ContractError {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => match e.downcast::<ContractError>() {
            Ok(ce) => ce,
            Err(e) => panic!("not an influence ContractError: {e:?}"),
        },
    }
}

pub struct Fixture {
    pub s: Suite,
    pub inf: Addr,
}

/// Fans `fan` (10,000 MESI), `fan2` (1,000 MESI) and `whale` (1,000,000 MESI), creators `ann`,
/// `bea` and `cid` (100 MESI each) with one upload each, `nobody` (100 MESI, no gallery); `fan`
/// also holds `uusdc` (to attach funds). Everyone's holding score has filled a whole week.
pub fn fixture() -> Fixture {
    fixture_with(|_| {})
}

pub fn fixture_with(f: impl FnOnce(&mut InstantiateMsg)) -> Fixture {
    let mut s = SuiteBuilder::new()
        .with_mesi("fan", 10_000)
        .with_mesi("fan2", 1_000)
        .with_mesi("whale", 1_000_000)
        .with_mesi("ann", 100)
        .with_mesi("bea", 100)
        .with_mesi("cid", 100)
        .with_mesi("nobody", 100)
        .with_native("fan", 100 * USD)
        .build();
    for (creator, id) in [("ann", "ann-1"), ("bea", "bea-1"), ("cid", "cid-1")] {
        s.mint_nft(creator, id).unwrap();
    }
    s.advance(WEEK);
    let mut msg = InstantiateMsg {
        owner: None,
        token: s.token.to_string(),
        gallery: s.gallery.to_string(),
        max_galleries: None,
    };
    f(&mut msg);
    let inf = s
        .instantiate(influence_contract(), &msg, "mesi-influence")
        .unwrap();
    Fixture { s, inf }
}

/// `[("ann", 4_000)]` as a batch of share updates (names become addresses).
pub fn updates(s: &Suite, shares: &[(&str, u16)]) -> Vec<ShareUpdate> {
    shares
        .iter()
        .map(|(c, bps)| ShareUpdate {
            creator: s.addr(c).to_string(),
            share_bps: *bps,
        })
        .collect()
}

impl Fixture {
    pub fn addr(&self, name: &str) -> Addr {
        self.s.addr(name)
    }

    pub fn exec(&mut self, who: &str, msg: &ExecuteMsg, funds: &[Coin]) -> AnyResult<AppResponse> {
        let inf = self.inf.clone();
        self.s.exec(who, &inf, msg, funds)
    }

    pub fn allocate(&mut self, who: &str, shares: &[(&str, u16)]) -> AnyResult<AppResponse> {
        let shares = updates(&self.s, shares);
        self.exec(who, &ExecuteMsg::Allocate { shares }, &[])
    }

    pub fn withdraw_all(&mut self, who: &str) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::WithdrawAll {}, &[])
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.s
            .app
            .wrap()
            .query_wasm_smart(&self.inf, msg)
            .expect("influence query")
    }

    pub fn allocation(&self, who: &str) -> AllocationResponse {
        self.q(&QueryMsg::Allocation {
            user: self.addr(who).to_string(),
        })
    }

    /// The points `who` gives `creator` now (0 when it gives none).
    pub fn points_to(&self, who: &str, creator: &str) -> u128 {
        let c = self.addr(creator);
        self.allocation(who)
            .galleries
            .into_iter()
            .find(|g| g.creator == c)
            .map_or(0, |g| g.points.u128())
    }

    pub fn share(&self, who: &str, creator: &str) -> u16 {
        let c = self.addr(creator);
        self.allocation(who)
            .galleries
            .into_iter()
            .find(|g| g.creator == c)
            .map_or(0, |g| g.share_bps)
    }

    pub fn stats(&self, creator: &str) -> GalleryStatsResponse {
        self.q(&QueryMsg::GalleryStats {
            creator: self.addr(creator).to_string(),
        })
    }

    pub fn supporters(
        &self,
        creator: &str,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> SupportersResponse {
        self.q(&QueryMsg::Supporters {
            creator: self.addr(creator).to_string(),
            start_after: start_after.map(|a| a.to_string()),
            limit,
        })
    }

    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }

    /// The user's live influence points, straight from the token.
    pub fn points(&self, who: &str) -> u128 {
        self.s.tier(who).influence_points.u128()
    }

    /// Owner executes `UpdateConfig`.
    pub fn update_config(
        &mut self,
        who: &str,
        max_galleries: Option<u32>,
        gallery: Option<String>,
        token: Option<String>,
    ) -> AnyResult<AppResponse> {
        let sender = if who == "owner" {
            self.s.owner.clone()
        } else {
            self.addr(who)
        };
        let inf = self.inf.clone();
        self.s.app.execute_contract(
            sender,
            inf,
            &ExecuteMsg::UpdateConfig {
                token,
                gallery,
                max_galleries,
            },
            &[],
        )
    }
}

/// The allocation events of a response: (action, user, creator, old bps, new bps).
pub fn allocation_events(res: &AppResponse) -> Vec<(String, String, String, u16, u16)> {
    let ty = format!("wasm-{ALLOCATION_EVENT}");
    res.events
        .iter()
        .filter(|e| e.ty == ty)
        .map(|e| {
            let get = |k: &str| {
                e.attributes
                    .iter()
                    .find(|a| a.key == k)
                    .map(|a| a.value.clone())
                    .unwrap_or_else(|| panic!("event without {k}"))
            };
            (
                get("action"),
                get("user"),
                get("creator"),
                get("old_share_bps").parse().expect("bps"),
                get("new_share_bps").parse().expect("bps"),
            )
        })
        .collect()
}

/// `floor(points x bps / 10,000)`, the reference for every per-gallery figure.
pub fn part(points: u128, bps: u16) -> u128 {
    points * u128::from(bps) / 10_000
}

pub fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}
