//! Builder-style multi-test suite with the REAL mesi-token and mesi-treasury contracts, deployed by
//! the shared suite (`mesi-testing`).
//!
//! The token's tier table used here makes tiers depend on the locked amount only (fan thresholds
//! out of reach), so a test sets a user's tier exactly with `set_tier`.

use cosmwasm_std::{Addr, Coin, Decimal, Empty, Uint128};
use cw_multi_test::{AppResponse, Contract, Executor};
use mesi_testing::Holder;
use mesi_types::referral::{
    CodeOfResponse, CodeOwnerResponse, ConfigResponse, ExecuteMsg, InstantiateMsg, MigrateMsg,
    OwedResponse, QueryMsg, ReferralInfo, ReferralsResponse, ReferrerOfResponse,
    ReferrerStatsResponse, StatusResponse, TotalsResponse,
};
use mesi_types::token::{self, TierRow};
use mesi_types::treasury::{self, Pool, PoolCap, PoolResponse};

use crate::error::ContractError;

pub use mesi_testing::{DAY, M};
/// Creator locked thresholds of tiers 1..=5 (whole MESI), SPEC §1.
pub const LOCKED: [u128; 5] = [500, 1_000, 2_000, 2_500, 5_000];
pub const UNLOCK_DELAY: u64 = 7 * DAY;

pub fn referral_contract() -> Box<dyn Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
}

pub struct SuiteBuilder {
    /// USD per MESI.
    pub price: Decimal,
    /// MESI base units moved from the reserve into the referral pool at build.
    pub pool_fund: u128,
    pub pool_cap: u128,
    pub bonus_usd: Option<Uint128>,
    pub multipliers: Option<Vec<u16>>,
    pub register_drawer: bool,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        SuiteBuilder {
            // USD 10 = 200 MESI.
            price: Decimal::percent(5),
            pool_fund: 1_000_000 * M,
            pool_cap: 10_000_000 * M,
            bonus_usd: None,
            multipliers: None,
            register_drawer: true,
        }
    }
    pub fn with_pool(mut self, fund: u128, cap: u128) -> Self {
        self.pool_fund = fund;
        self.pool_cap = cap;
        self
    }
    pub fn without_drawer(mut self) -> Self {
        self.register_drawer = false;
        self
    }

    /// The shared suite (treasury with the referral pool's cap, token with a billion MESI at the
    /// treasury and at `bank`, the treasury as minter, [`UNLOCK_DELAY`], tiers by lock only,
    /// `SetToken`; no gallery), then the referral contract; the drawer registered, the pool funded
    /// and the price posted as the builder says.
    pub fn build(self) -> Suite {
        let pool_cap = self.pool_cap;
        let unreachable = Uint128::new(10u128.pow(30));
        let mut s = mesi_testing::SuiteBuilder::new()
            .without_gallery()
            .without_reserve()
            .without_price()
            .with_treasury_init(move |m| {
                m.pool_caps = vec![PoolCap {
                    pool: Pool::Referral,
                    yearly_cap: Uint128::new(pool_cap),
                }]
            })
            .with_genesis(Holder::Treasury, 1_000_000_000 * M)
            .with_genesis("bank", 1_000_000_000 * M)
            .with_minter(Holder::Treasury, None)
            .with_token_init(move |m| {
                m.unlock_delay = Some(UNLOCK_DELAY);
                m.tiers = Some(
                    LOCKED
                        .iter()
                        .map(|l| TierRow {
                            fan_hold: unreachable,
                            creator_locked: Uint128::new(l * M),
                        })
                        .collect(),
                );
            })
            .with_token_in_treasury()
            .build();
        let operator = s.addr("operator");
        let msg = InstantiateMsg {
            owner: None,
            token: s.token.to_string(),
            treasury: s.treasury.to_string(),
            operator: operator.to_string(),
            bonus_usd: self.bonus_usd,
            multipliers: self.multipliers,
        };
        let (referral_code, referral) = s.deploy(referral_contract(), &msg, "referral").unwrap();

        let mut suite = Suite {
            bank: s.addr("bank"),
            s,
            operator,
            referral,
            referral_code,
        };
        if self.register_drawer {
            suite.register_drawer().unwrap();
        }
        if self.pool_fund > 0 {
            suite.fund_pool(self.pool_fund).unwrap();
        }
        suite.post_price(self.price).unwrap();
        suite
    }
}

/// The shared suite (`app`, `owner`, `feeder`, `token`, `treasury`, `addr` through `Deref`) plus
/// the referral contract.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub operator: Addr,
    pub bank: Addr,
    pub referral: Addr,
    pub referral_code: u64,
}

mesi_testing::extends_suite!(Suite);

pub type Res = cw_multi_test::error::AnyResult<AppResponse>;

/// The typed referral error of a failed call.
pub fn err(res: Res) -> ContractError {
    res.unwrap_err().downcast::<ContractError>().unwrap()
}

impl Suite {
    /// One block per 5 s, at least one; the price is not re-posted.
    pub fn advance(&mut self, secs: u64) {
        self.s.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += 1.max(secs / 5);
        });
    }

    // ---- treasury / token plumbing ----
    pub fn post_price(&mut self, price: Decimal) -> Res {
        self.s.app.execute_contract(
            self.feeder.clone(),
            self.treasury.clone(),
            &treasury::ExecuteMsg::PostPrice { price },
            &[],
        )
    }
    pub fn fund_pool(&mut self, amount: u128) -> Res {
        self.s.app.execute_contract(
            self.owner.clone(),
            self.treasury.clone(),
            &treasury::ExecuteMsg::FundPool {
                pool: Pool::Referral,
                amount: Uint128::new(amount),
            },
            &[],
        )
    }
    pub fn defund_pool(&mut self, amount: u128) -> Res {
        self.s.app.execute_contract(
            self.owner.clone(),
            self.treasury.clone(),
            &treasury::ExecuteMsg::DefundPool {
                pool: Pool::Referral,
                amount: Uint128::new(amount),
            },
            &[],
        )
    }
    /// Treasury owner sets the referral pool's yearly cap.
    pub fn set_pool_cap(&mut self, cap: u128) -> Res {
        self.s.app.execute_contract(
            self.owner.clone(),
            self.treasury.clone(),
            &treasury::ExecuteMsg::UpdateConfig {
                feeder: None,
                operators: None,
                max_price_age: None,
                max_batch: None,
                month_seconds: None,
                pool_caps: Some(vec![PoolCap {
                    pool: Pool::Referral,
                    yearly_cap: Uint128::new(cap),
                }]),
                epoch_claim_seconds: None,
            },
            &[],
        )
    }
    /// Empties the pool back into the reserve.
    pub fn drain_pool(&mut self) {
        let balance = self.pool().balance.u128();
        if balance > 0 {
            self.defund_pool(balance).unwrap();
        }
    }
    pub fn register_drawer(&mut self) -> Res {
        self.s.app.execute_contract(
            self.owner.clone(),
            self.treasury.clone(),
            &treasury::ExecuteMsg::RegisterDrawer {
                contract: self.referral.to_string(),
                pool: Pool::Referral,
            },
            &[],
        )
    }
    pub fn pool(&self) -> PoolResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.treasury,
                &treasury::QueryMsg::Pool {
                    pool: Pool::Referral,
                },
            )
            .unwrap()
    }
    pub fn balance(&self, name: &str) -> u128 {
        self.mesi_balance(&self.addr(name))
    }
    pub fn tier(&self, name: &str) -> u8 {
        self.s.tier(name).tier
    }
    fn token_exec(&mut self, sender: &Addr, msg: &token::ExecuteMsg) -> Res {
        self.s
            .app
            .execute_contract(sender.clone(), self.token.clone(), msg, &[])
    }
    /// Sets `name`'s tier through the token: lock more (instant), or unlock and wait the unlock
    /// delay (the treasury price is re-posted after waiting so it stays fresh).
    pub fn set_tier(&mut self, name: &str, tier: u8) {
        let who = self.addr(name);
        let target = if tier == 0 {
            0
        } else {
            LOCKED[usize::from(tier - 1)] * M
        };
        let lock: token::LockResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &token::QueryMsg::Lock {
                    address: who.to_string(),
                },
            )
            .unwrap();
        let locked = lock.locked.u128();
        if target > locked {
            let bank = self.bank.clone();
            self.token_exec(
                &bank,
                &token::ExecuteMsg::Transfer {
                    recipient: who.to_string(),
                    amount: Uint128::new(target - locked),
                },
            )
            .unwrap();
            self.token_exec(
                &who,
                &token::ExecuteMsg::Lock {
                    amount: Uint128::new(target - locked),
                },
            )
            .unwrap();
        } else if target < locked {
            self.token_exec(
                &who,
                &token::ExecuteMsg::Unlock {
                    amount: Uint128::new(locked - target),
                },
            )
            .unwrap();
            self.advance(UNLOCK_DELAY + 1);
            let price = self.current_price();
            self.post_price(price).unwrap();
        }
        assert_eq!(self.tier(name), tier, "tier of {name}");
    }
    pub fn current_price(&self) -> Decimal {
        let p: treasury::PriceResponse = self
            .app
            .wrap()
            .query_wasm_smart(&self.treasury, &treasury::QueryMsg::Price {})
            .unwrap();
        p.price.unwrap()
    }

    // ---- referral execute ----
    pub fn exec_as(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Res {
        self.s
            .app
            .execute_contract(sender.clone(), self.referral.clone(), msg, &[])
    }
    pub fn exec_with_funds(&mut self, sender: &Addr, msg: &ExecuteMsg, funds: &[Coin]) -> Res {
        self.s
            .app
            .execute_contract(sender.clone(), self.referral.clone(), msg, funds)
    }
    pub fn register_code(&mut self, name: &str, code: &str) -> Res {
        let s = self.addr(name);
        self.exec_as(&s, &ExecuteMsg::RegisterCode { code: code.into() })
    }
    pub fn refer(&mut self, name: &str, code: &str) -> Res {
        let s = self.addr(name);
        self.exec_as(&s, &ExecuteMsg::Refer { code: code.into() })
    }
    pub fn validate(&mut self, referee: &str) -> Res {
        let op = self.operator.clone();
        let referee = self.addr(referee).to_string();
        self.exec_as(&op, &ExecuteMsg::Validate { referee })
    }
    pub fn reject(&mut self, referee: &str) -> Res {
        let op = self.operator.clone();
        let referee = self.addr(referee).to_string();
        self.exec_as(&op, &ExecuteMsg::Reject { referee })
    }
    pub fn settle(&mut self, limit: Option<u32>) -> Res {
        let s = self.addr("anyone");
        self.exec_as(&s, &ExecuteMsg::SettleOwed { limit })
    }
    /// `referrer` at `tier` registers `code`.
    pub fn referrer(&mut self, name: &str, tier: u8, code: &str) {
        self.set_tier(name, tier);
        self.register_code(name, code).unwrap();
    }

    // ---- referral queries ----
    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app
            .wrap()
            .query_wasm_smart(&self.referral, msg)
            .unwrap()
    }
    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }
    pub fn totals(&self) -> TotalsResponse {
        self.q(&QueryMsg::Totals {})
    }
    pub fn status(&self) -> StatusResponse {
        self.q(&QueryMsg::Status {})
    }
    pub fn referral_of(&self, name: &str) -> Option<ReferralInfo> {
        let r: ReferrerOfResponse = self.q(&QueryMsg::ReferrerOf {
            address: self.addr(name).to_string(),
        });
        r.referral
    }
    pub fn referrals(
        &self,
        referrer: &str,
        start_after: Option<&str>,
        limit: Option<u32>,
    ) -> Vec<ReferralInfo> {
        let r: ReferralsResponse = self.q(&QueryMsg::Referrals {
            referrer: self.addr(referrer).to_string(),
            start_after: start_after.map(|s| self.addr(s).to_string()),
            limit,
        });
        r.referrals
    }
    pub fn stats(&self, referrer: &str) -> ReferrerStatsResponse {
        self.q(&QueryMsg::ReferrerStats {
            referrer: self.addr(referrer).to_string(),
        })
    }
    pub fn code_owner(&self, code: &str) -> Option<Addr> {
        let r: CodeOwnerResponse = self.q(&QueryMsg::CodeOwner { code: code.into() });
        r.owner
    }
    pub fn code_of(&self, name: &str) -> Option<String> {
        let r: CodeOfResponse = self.q(&QueryMsg::CodeOf {
            address: self.addr(name).to_string(),
        });
        r.code
    }
    pub fn owed(&self, start_after: Option<u64>, limit: Option<u32>) -> OwedResponse {
        self.q(&QueryMsg::Owed { start_after, limit })
    }

    /// Everything a failed call must leave unchanged (referral side and treasury pool).
    pub fn snapshot(&self) -> (TotalsResponse, PoolResponse, Vec<u8>) {
        let dump: Vec<u8> = self
            .s
            .app
            .dump_wasm_raw(&self.referral)
            .into_iter()
            .flat_map(|(k, v)| k.into_iter().chain(v))
            .collect();
        (self.totals(), self.pool(), dump)
    }

    pub fn migrate(&mut self, msg: &MigrateMsg) -> Res {
        let owner = self.owner.clone();
        let referral = self.referral.clone();
        let code = self.referral_code;
        self.s.app.migrate_contract(owner, referral, msg, code)
    }
}
