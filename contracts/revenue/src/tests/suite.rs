//! The revenue contract on top of the shared suite (`mesi-testing`: token, treasury + price, gallery),
//! instantiated beside them. Story helpers: `r.tip("bob", "alice", 10 * M)`, `r.unlock("bob", "art-1",
//! 5 * M)`, `r.s.advance(30 * DAY)`, `r.publish("alice", 1, &tree, Source::Pool)`.
//!
//! Cast: `alice` (creator of `art-1`, `art-2`), `zoe` (creator of `zoe-1`), fans `bob`, `carol`, `dan`
//! (10,000 MESI each), `erin` (50 MESI: never above tier 0), `operator` (the distribution operator, 10,000 MESI for ad revenue), `market` (stands
//! in for the marketplace: a plain account with 10,000 MESI), `whale` (funds the treasury's
//! engagement-rewards pool, cap 1,000,000 MESI a year).

use cosmwasm_std::{Addr, Coin, Uint128};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Executor};
use mesi_testing::{code_of, Suite, SuiteBuilder, DAY, M};
use mesi_types::revenue::{
    AccessReason, AccessResponse, AccountingResponse, BalanceResponse, ExecuteMsg, InstantiateMsg,
    PlanInput, PoolResponse, QueryMsg, ReceiveMsg, Source, SubscriptionInfo, SubscriptionResponse,
};
use mesi_types::treasury::{Pool, PoolCap};

use crate::distribution::leaf_hash;
use crate::error::ContractError;

pub use mesi_testing::typed_err;

pub fn err(r: AnyResult<impl std::fmt::Debug>) -> ContractError {
    typed_err::<ContractError>(r)
}

pub fn default_msg() -> InstantiateMsg {
    InstantiateMsg {
        owner: None,
        token: String::new(),
        gallery: String::new(),
        treasury: String::new(),
        operator: String::new(),
        marketplace: None,
        commission_bps: None,
        min_tip: None,
        period_seconds: None,
        start: None,
        renew_window: None,
        claim_seconds: None,
    }
}

pub struct Rev {
    pub s: Suite,
    pub rev: Addr,
}

mesi_testing::extends_suite!(Rev);

/// A built Merkle tree of (recipient name, amount) leaves for one creator's epoch.
pub struct Tree {
    pub root: String,
    pub total: u128,
    pub leaves: Vec<(String, u128, Vec<String>)>,
}

pub fn rev() -> Rev {
    Rev::build(|_| {})
}

impl Rev {
    pub fn build(f: impl FnOnce(&mut InstantiateMsg)) -> Rev {
        let mut s = SuiteBuilder::new()
            .with_mesi("alice", 100)
            .with_mesi("zoe", 100)
            .with_mesi("bob", 10_000)
            .with_mesi("carol", 10_000)
            .with_mesi("dan", 10_000)
            .with_mesi("operator", 10_000)
            .with_mesi("market", 10_000)
            .with_mesi("erin", 50)
            .with_mesi("whale", 1_000_000)
            .with_native("bob", 1_000)
            .with_minter(mesi_testing::Holder::Treasury, None)
            .with_token_in_treasury()
            .with_treasury_init(|m| {
                m.pool_caps = vec![PoolCap {
                    pool: Pool::EngagementRewards,
                    yearly_cap: Uint128::new(1_000_000 * M),
                }]
            })
            .build();
        s.mint_nft("alice", "art-1").unwrap();
        s.mint_nft("alice", "art-2").unwrap();
        s.mint_nft("zoe", "zoe-1").unwrap();
        let mut msg = default_msg();
        msg.token = s.token.to_string();
        msg.gallery = s.gallery.to_string();
        msg.treasury = s.treasury.to_string();
        msg.operator = s.addr("operator").to_string();
        msg.marketplace = Some(s.addr("market").to_string());
        f(&mut msg);
        let rev = s
            .instantiate(code_of!(crate::contract), &msg, "revenue")
            .unwrap();
        Rev { s, rev }
    }

    pub fn exec(&mut self, name: &str, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let rev = self.rev.clone();
        self.s.exec(name, &rev, msg, &[])
    }

    pub fn exec_funds(
        &mut self,
        name: &str,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        let rev = self.rev.clone();
        self.s.exec(name, &rev, msg, funds)
    }

    /// cw20 `Send` of `amount` base units from `name` with hook `msg`.
    pub fn send(&mut self, name: &str, amount: u128, msg: &ReceiveMsg) -> AnyResult<AppResponse> {
        let rev = self.rev.clone();
        self.s.send_mesi(name, &rev, amount, msg)
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.s.app.wrap().query_wasm_smart(&self.rev, msg).unwrap()
    }

    pub fn mesi(&self, name: &str) -> u128 {
        let a = self.s.addr(name);
        self.s.mesi_balance(&a)
    }

    pub fn treasury_mesi(&self) -> u128 {
        self.s.mesi_balance(&self.s.treasury)
    }

    pub fn tip(&mut self, fan: &str, creator: &str, amount: u128) -> AnyResult<AppResponse> {
        let creator = self.s.addr(creator).to_string();
        self.send(
            fan,
            amount,
            &ReceiveMsg::Tip {
                creator,
                token_id: None,
                memo: None,
            },
        )
    }

    pub fn set_rate(&mut self, creator: &str, percent: u8) -> AnyResult<AppResponse> {
        self.exec(creator, &ExecuteMsg::SetContributionRate { percent })
    }

    pub fn set_ppv(
        &mut self,
        creator: &str,
        token_id: &str,
        price: u128,
    ) -> AnyResult<AppResponse> {
        self.exec(
            creator,
            &ExecuteMsg::SetPpvPrice {
                token_id: token_id.into(),
                price: Uint128::new(price),
            },
        )
    }

    pub fn unlock(&mut self, fan: &str, token_id: &str, price: u128) -> AnyResult<AppResponse> {
        self.send(
            fan,
            price,
            &ReceiveMsg::Unlock {
                token_id: token_id.into(),
                price: Uint128::new(price),
            },
        )
    }

    pub fn access(&self, token_id: &str, name: &str) -> AccessReason {
        let r: AccessResponse = self.q(&QueryMsg::Access {
            token_id: token_id.into(),
            address: self.s.addr(name).to_string(),
        });
        assert_eq!(r.granted, r.reason != AccessReason::None);
        r.reason
    }

    pub fn plan(price: u128) -> PlanInput {
        PlanInput {
            name: "fan club".into(),
            price: Uint128::new(price),
            price_yearly: Some(Uint128::new(price * 10)),
            trial_days: 7,
            discount: None,
        }
    }

    pub fn create_plan(&mut self, creator: &str, plan: PlanInput) -> AnyResult<AppResponse> {
        self.exec(creator, &ExecuteMsg::CreatePlan { plan })
    }

    pub fn subscribe(
        &mut self,
        fan: &str,
        creator: &str,
        plan_id: u32,
        yearly: bool,
        price: u128,
    ) -> AnyResult<AppResponse> {
        let creator = self.s.addr(creator).to_string();
        self.send(
            fan,
            price,
            &ReceiveMsg::Subscribe {
                creator,
                plan_id,
                yearly,
                price: Uint128::new(price),
            },
        )
    }

    pub fn sub(&self, fan: &str, creator: &str) -> Option<SubscriptionInfo> {
        let r: SubscriptionResponse = self.q(&QueryMsg::Subscription {
            fan: self.s.addr(fan).to_string(),
            creator: self.s.addr(creator).to_string(),
        });
        r.subscription
    }

    pub fn renew(&mut self, keeper: &str, fan: &str, creator: &str) -> AnyResult<AppResponse> {
        let (fan, creator) = (
            self.s.addr(fan).to_string(),
            self.s.addr(creator).to_string(),
        );
        self.exec(keeper, &ExecuteMsg::Renew { fan, creator })
    }

    /// `fan` allows the contract to pull `amount` (cw20 `IncreaseAllowance`).
    pub fn allow(&mut self, fan: &str, amount: u128) {
        let (token, rev) = (self.s.token.clone(), self.rev.to_string());
        self.s
            .exec(
                fan,
                &token,
                &cw20::Cw20ExecuteMsg::IncreaseAllowance {
                    spender: rev,
                    amount: Uint128::new(amount),
                    expires: None,
                },
                &[],
            )
            .unwrap();
    }

    pub fn balance(&self, creator: &str) -> u128 {
        let r: BalanceResponse = self.q(&QueryMsg::Balance {
            creator: self.s.addr(creator).to_string(),
        });
        r.amount.u128()
    }

    pub fn pool(&self, creator: &str) -> PoolResponse {
        self.q(&QueryMsg::Pool {
            creator: self.s.addr(creator).to_string(),
        })
    }

    pub fn books(&self) -> AccountingResponse {
        self.q(&QueryMsg::Accounting {})
    }

    /// held == owed, and owed is the sum of its parts.
    pub fn assert_books(&self) -> AccountingResponse {
        let b = self.books();
        assert_eq!(b.held, b.owed, "held == owed: {b:?}");
        assert_eq!(
            b.owed,
            b.balances
                + b.pools
                + b.ad_revenue
                + b.epochs_pool
                + b.epochs_ad_revenue
                + b.epochs_engagement
        );
        b
    }

    /// The tree of `leaves` (name, amount) for `creator`'s epoch `epoch` of this contract.
    pub fn tree(&self, creator: &str, epoch: u64, leaves: &[(&str, u128)]) -> Tree {
        let creator = self.s.addr(creator);
        let hashes: Vec<[u8; 32]> = leaves
            .iter()
            .map(|(n, a)| {
                leaf_hash(
                    self.rev.as_str(),
                    creator.as_str(),
                    epoch,
                    self.s.addr(n).as_str(),
                    Uint128::new(*a),
                )
            })
            .collect();
        let (root, proofs) = mesi_common::merkle::tree(&hashes);
        Tree {
            root: hex::encode(root),
            total: leaves.iter().map(|(_, a)| a).sum(),
            leaves: leaves
                .iter()
                .zip(proofs)
                .map(|((n, a), p)| (n.to_string(), *a, p))
                .collect(),
        }
    }

    pub fn publish(
        &mut self,
        creator: &str,
        epoch: u64,
        tree: &Tree,
        source: Source,
    ) -> AnyResult<AppResponse> {
        let creator = self.s.addr(creator).to_string();
        let height = self.s.app.block_info().height;
        self.exec(
            "operator",
            &ExecuteMsg::PublishDistribution {
                creator,
                epoch,
                root: tree.root.clone(),
                total: Uint128::new(tree.total),
                cutoff_height: height,
                leaves_sha256: "ab".repeat(32),
                source,
            },
        )
    }

    pub fn claim(
        &mut self,
        name: &str,
        creator: &str,
        epoch: u64,
        amount: u128,
        proof: Vec<String>,
    ) -> AnyResult<AppResponse> {
        let creator = self.s.addr(creator).to_string();
        self.exec(
            name,
            &ExecuteMsg::Claim {
                creator,
                epoch,
                amount: Uint128::new(amount),
                proof,
            },
        )
    }

    /// `name` claims its leaf of `tree`.
    pub fn claim_leaf(
        &mut self,
        name: &str,
        creator: &str,
        epoch: u64,
        tree: &Tree,
    ) -> AnyResult<AppResponse> {
        let (_, amount, proof) = tree
            .leaves
            .iter()
            .find(|(n, _, _)| n == name)
            .cloned()
            .unwrap();
        self.claim(name, creator, epoch, amount, proof)
    }

    pub fn close(&mut self, who: &str, creator: &str, epoch: u64) -> AnyResult<AppResponse> {
        let creator = self.s.addr(creator).to_string();
        self.exec(who, &ExecuteMsg::CloseEpoch { creator, epoch })
    }

    /// `whale` adds `amount` to the treasury's engagement-rewards pool; the owner registers this contract
    /// as its drawer.
    pub fn fund_engagement(&mut self, amount: u128) {
        let treasury = self.s.treasury.clone();
        self.s
            .send_mesi(
                "whale",
                &treasury,
                amount,
                &mesi_types::treasury::ReceiveMsg::FundPool {
                    pool: Pool::EngagementRewards,
                },
            )
            .unwrap();
        let (owner, rev) = (self.s.owner.clone(), self.rev.to_string());
        self.s
            .app
            .execute_contract(
                owner,
                treasury,
                &mesi_types::treasury::ExecuteMsg::RegisterDrawer {
                    contract: rev,
                    pool: Pool::EngagementRewards,
                },
                &[],
            )
            .unwrap();
    }

    pub fn engagement_pool(&self) -> u128 {
        let r: mesi_types::treasury::PoolResponse = self
            .s
            .app
            .wrap()
            .query_wasm_smart(
                &self.s.treasury,
                &mesi_types::treasury::QueryMsg::Pool {
                    pool: Pool::EngagementRewards,
                },
            )
            .unwrap();
        r.balance.u128()
    }
}

pub const PERIOD: u64 = 30 * DAY;

impl Rev {
    /// The first attribute `key` this contract emitted in `res` (not the token's or the treasury's).
    pub fn attr(&self, res: &AppResponse, key: &str) -> Option<String> {
        res.events
            .iter()
            .filter(|e| {
                e.ty == "wasm"
                    && e.attributes
                        .iter()
                        .any(|a| a.key == "_contract_address" && a.value == self.rev.as_str())
            })
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    }
}
