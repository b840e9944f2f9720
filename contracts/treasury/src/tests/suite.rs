//! A story-like test suite on the shared one (`mesi-testing`): `SuiteBuilder::new().with_...().build()`
//! wires this treasury and the real mesi-token in the deployment order (treasury, token with
//! genesis allocations and the treasury as minter, `SetToken`).

use cosmwasm_std::testing::{mock_env, MockApi};
use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Empty, Response, StdResult, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::{AppResponse, Contract, ContractWrapper, Executor};
use mesi_testing::Holder;
use mesi_types::treasury::{
    AccountingResponse, ConfigResponse, ConversionResponse, Credit, Currency, ExecuteMsg,
    GenesisVesting, OwedResponse, Pool, PoolCap, PoolResponse, PriceResponse, QueryMsg, ReceiveMsg,
    SupplyResponse, VestingResponse, GENESIS_SUPPLY,
};

use crate::error::ContractError;
use crate::execute::vesting::{genesis_amount, GENESIS_GROUPS};

pub use mesi_testing::{token_contract, DAY, M};
pub const MONTH: u64 = 30 * DAY;

pub fn treasury_contract() -> Box<dyn Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
}

/// A contract that accepts any cw20 Receive hook (a validator-rewards stand-in as a `Send`
/// target) and records nothing.
pub fn receiver_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        |_, _, _, msg: Cw20ReceiveWrapper| -> StdResult<Response> {
            let Cw20ReceiveWrapper::Receive(r) = msg;
            Ok(Response::new()
                .add_attribute("action", "received")
                .add_attribute("amount", r.amount)
                .add_attribute("msg", r.msg.to_base64()))
        },
        |_, _, _, _: Empty| -> StdResult<Response> { Ok(Response::new()) },
        |_, _, _: Empty| -> StdResult<Binary> { to_json_binary(&Empty {}) },
    ))
}

#[cosmwasm_schema::cw_serde]
pub enum Cw20ReceiveWrapper {
    Receive(Cw20ReceiveMsg),
}

pub struct SuiteBuilder {
    genesis_vesting: bool,
    /// Treasury's genesis balance when no genesis vesting is used.
    treasury_balance: u128,
    genesis_supply: u128,
    pool_caps: Vec<PoolCap>,
    max_batch: Option<u32>,
    price: Option<Decimal>,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        Self {
            genesis_vesting: false,
            treasury_balance: 1_000_000 * M,
            genesis_supply: 10_000_000 * M,
            pool_caps: vec![],
            max_batch: None,
            price: None,
        }
    }

    /// The real tokenomics: 1e17 genesis supply, eight genesis vesting groups, 20% reserve.
    pub fn with_genesis_vesting(mut self) -> Self {
        self.genesis_vesting = true;
        self.genesis_supply = GENESIS_SUPPLY;
        self
    }

    pub fn with_treasury_balance(mut self, amount: u128) -> Self {
        self.treasury_balance = amount;
        self
    }

    pub fn with_pool_cap(mut self, pool: Pool, cap: u128) -> Self {
        self.pool_caps.push(PoolCap {
            pool,
            yearly_cap: Uint128::new(cap),
        });
        self
    }

    pub fn with_max_batch(mut self, max: u32) -> Self {
        self.max_batch = Some(max);
        self
    }

    /// Posts this price (USD per MESI) right after wiring.
    pub fn with_price(mut self, price: &str) -> Self {
        self.price = Some(price.parse().unwrap());
        self
    }

    /// The shared suite with this crate's treasury (operator `operator`, the builder's pool caps,
    /// batch limit and genesis vesting), the token (treasury balance at the treasury, the rest at
    /// `liquidity`, the treasury as minter) and `SetToken`; no gallery. The price, if any, is
    /// posted after wiring and never re-posted.
    pub fn build(self) -> Suite {
        let api = MockApi::default();
        let operator = api.addr_make("operator");
        let groups: Vec<Addr> = GENESIS_GROUPS
            .iter()
            .map(|g| api.addr_make(g.label))
            .collect();
        let start = mock_env().block.time.seconds();
        let genesis_vesting = self.genesis_vesting.then(|| GenesisVesting {
            start: Some(start),
            micro_pre_seed: groups[0].to_string(),
            seed_a: groups[1].to_string(),
            seed_b: groups[2].to_string(),
            community_incentives: groups[3].to_string(),
            airdrop: groups[4].to_string(),
            core_team: groups[5].to_string(),
            strategic_partnerships: groups[6].to_string(),
            advisors: groups[7].to_string(),
        });
        let treasury_balance = if self.genesis_vesting {
            // reserve 20% + every vesting group (incl. 95% of community incentives)
            GENESIS_SUPPLY / 5 + GENESIS_GROUPS.iter().map(genesis_amount).sum::<u128>()
        } else {
            self.treasury_balance
        };
        let (operators, pool_caps, max_batch) = (
            vec![operator.to_string()],
            self.pool_caps.clone(),
            self.max_batch,
        );
        let s = mesi_testing::SuiteBuilder::new()
            .with_treasury_code(treasury_contract())
            .without_gallery()
            .without_reserve()
            .without_price()
            .with_start_time(start)
            .with_treasury_init(move |m| {
                m.operators = operators.clone();
                m.max_batch = max_batch;
                m.pool_caps = pool_caps.clone();
                m.genesis_vesting = genesis_vesting.clone();
            })
            .with_genesis(Holder::Treasury, treasury_balance)
            .with_genesis("liquidity", self.genesis_supply - treasury_balance)
            .with_minter(Holder::Treasury, None)
            .with_token_in_treasury()
            .build();
        let treasury_code = s.codes.treasury.expect("the treasury is deployed");
        let mut suite = Suite {
            market: s.addr("liquidity"),
            s,
            operator,
            groups,
            treasury_code,
        };
        if let Some(price) = self.price {
            suite.post_price(price).unwrap();
        }
        suite
    }
}

/// The shared suite (`app`, `owner`, `feeder`, `token`, `treasury`, `addr`, `now`, `advance`
/// through `Deref`; no price is re-posted) plus the treasury's own accounts.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub operator: Addr,
    /// Holds the non-treasury genesis allocation (liquidity etc.).
    pub market: Addr,
    /// Genesis vesting beneficiaries, in GENESIS_GROUPS order.
    pub groups: Vec<Addr>,
    pub treasury_code: u64,
}

mesi_testing::extends_suite!(Suite);

pub type Res = Result<AppResponse, ContractError>;

impl Suite {
    /// Moves time forward (no price is re-posted).
    pub fn advance(&mut self, seconds: u64) {
        self.s.advance(seconds)
    }

    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Res {
        self.s
            .app
            .execute_contract(sender.clone(), self.treasury.clone(), msg, &[])
            .map_err(to_contract_error)
    }

    // ---- price ----
    pub fn post_price(&mut self, price: Decimal) -> Res {
        let feeder = self.feeder.clone();
        self.exec(&feeder, &ExecuteMsg::PostPrice { price })
    }

    // ---- earnings ----
    pub fn credit(&mut self, currency: Currency, credits: &[(&Addr, u128)]) -> Res {
        let operator = self.operator.clone();
        let credits = credits
            .iter()
            .map(|(a, n)| Credit {
                address: a.to_string(),
                amount: Uint128::new(*n),
            })
            .collect();
        self.exec(&operator, &ExecuteMsg::CreditEarnings { currency, credits })
    }

    pub fn claim(&mut self, user: &Addr) -> Res {
        self.exec(user, &ExecuteMsg::Claim {})
    }

    pub fn post_epoch(&mut self, root: &str, total: u128) -> Res {
        let operator = self.operator.clone();
        self.exec(
            &operator,
            &ExecuteMsg::PostEpoch {
                root: root.to_string(),
                total: Uint128::new(total),
            },
        )
    }

    pub fn claim_epoch(&mut self, user: &Addr, epoch: u64, amount: u128, proof: &[String]) -> Res {
        self.exec(
            user,
            &ExecuteMsg::ClaimEpoch {
                epoch,
                amount: Uint128::new(amount),
                proof: proof.to_vec(),
            },
        )
    }

    pub fn close_epoch(&mut self, sender: &Addr, epoch: u64) -> Res {
        self.exec(sender, &ExecuteMsg::CloseEpoch { epoch })
    }

    pub fn epoch(&self, epoch: u64) -> mesi_types::treasury::EpochResponse {
        self.query(&QueryMsg::Epoch { epoch }).unwrap()
    }

    // ---- pools ----
    pub fn fund_pool(&mut self, pool: Pool, amount: u128) -> Res {
        let owner = self.owner.clone();
        self.exec(
            &owner,
            &ExecuteMsg::FundPool {
                pool,
                amount: Uint128::new(amount),
            },
        )
    }

    pub fn register_drawer(&mut self, contract: &Addr, pool: Pool) -> Res {
        let owner = self.owner.clone();
        self.exec(
            &owner,
            &ExecuteMsg::RegisterDrawer {
                contract: contract.to_string(),
                pool,
            },
        )
    }

    pub fn draw(
        &mut self,
        drawer: &Addr,
        recipient: &Addr,
        amount: u128,
        msg: Option<Binary>,
    ) -> Res {
        self.exec(
            drawer,
            &ExecuteMsg::DrawFromPool {
                amount: Uint128::new(amount),
                recipient: recipient.to_string(),
                msg,
            },
        )
    }

    pub fn disburse(&mut self, pool: Pool, recipient: &Addr, amount: u128) -> Res {
        let owner = self.owner.clone();
        self.exec(
            &owner,
            &ExecuteMsg::Disburse {
                pool,
                recipient: recipient.to_string(),
                amount: Uint128::new(amount),
                msg: None,
            },
        )
    }

    // ---- supply ----
    pub fn burn_back(&mut self, amount: u128) -> Res {
        let owner = self.owner.clone();
        self.exec(
            &owner,
            &ExecuteMsg::BurnBack {
                amount: Uint128::new(amount),
            },
        )
    }

    /// `user` sends MESI to the treasury with a Receive hook message.
    pub fn send_to_treasury(&mut self, user: &Addr, amount: u128, msg: &ReceiveMsg) -> Res {
        self.s
            .app
            .execute_contract(
                user.clone(),
                self.token.clone(),
                &cw20::Cw20ExecuteMsg::Send {
                    contract: self.treasury.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(msg).unwrap(),
                },
                &[],
            )
            .map_err(to_contract_error)
    }

    /// Moves MESI between plain accounts (no treasury involvement).
    pub fn transfer(&mut self, from: &Addr, to: &Addr, amount: u128) {
        self.s
            .app
            .execute_contract(
                from.clone(),
                self.token.clone(),
                &cw20::Cw20ExecuteMsg::Transfer {
                    recipient: to.to_string(),
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    /// A holder burns its own MESI (cw20 `burn`).
    pub fn holder_burn(&mut self, holder: &Addr, amount: u128) -> AppResponse {
        self.s
            .app
            .execute_contract(
                holder.clone(),
                self.token.clone(),
                &cw20::Cw20ExecuteMsg::Burn {
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap()
    }

    /// `spender` burns `amount` of `owner`'s MESI through an allowance (cw20 `burn_from`).
    pub fn holder_burn_from(&mut self, owner: &Addr, spender: &Addr, amount: u128) {
        self.s
            .app
            .execute_contract(
                owner.clone(),
                self.token.clone(),
                &cw20::Cw20ExecuteMsg::IncreaseAllowance {
                    spender: spender.to_string(),
                    amount: Uint128::new(amount),
                    expires: None,
                },
                &[],
            )
            .unwrap();
        self.s
            .app
            .execute_contract(
                spender.clone(),
                self.token.clone(),
                &cw20::Cw20ExecuteMsg::BurnFrom {
                    owner: owner.to_string(),
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    /// The token's count of holder burns (`{"burned":{}}`).
    pub fn burned(&self) -> u128 {
        let r: mesi_types::token::BurnedResponse = self
            .app
            .wrap()
            .query_wasm_smart(&self.token, &mesi_types::token::QueryMsg::Burned {})
            .unwrap();
        r.burned.u128()
    }

    // ---- vesting ----
    pub fn claim_vested(&mut self, user: &Addr) -> Res {
        self.exec(user, &ExecuteMsg::ClaimVested {})
    }

    // ---- queries ----
    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(&self.treasury, msg)
    }

    pub fn balance(&self, addr: &Addr) -> u128 {
        self.mesi_balance(addr)
    }

    pub fn total_supply(&self) -> u128 {
        self.mesi_supply()
    }

    pub fn price(&self) -> PriceResponse {
        self.query(&QueryMsg::Price {}).unwrap()
    }

    pub fn usd_to_mesi(&self, usd: u128) -> StdResult<ConversionResponse> {
        self.query(&QueryMsg::UsdToMesi {
            usd: Uint128::new(usd),
        })
    }

    pub fn pool(&self, pool: Pool) -> PoolResponse {
        self.query(&QueryMsg::Pool { pool }).unwrap()
    }

    pub fn owed(&self, addr: &Addr) -> u128 {
        let r: OwedResponse = self
            .query(&QueryMsg::Owed {
                address: addr.to_string(),
            })
            .unwrap();
        r.owed.u128()
    }

    pub fn accounting(&self) -> AccountingResponse {
        self.query(&QueryMsg::Accounting {}).unwrap()
    }

    pub fn supply(&self) -> SupplyResponse {
        self.query(&QueryMsg::Supply {}).unwrap()
    }

    pub fn config(&self) -> ConfigResponse {
        self.query(&QueryMsg::Config {}).unwrap()
    }

    pub fn vesting(&self, addr: &Addr) -> VestingResponse {
        self.query(&QueryMsg::Vesting {
            address: addr.to_string(),
        })
        .unwrap()
    }

    /// Both invariants: tokens held == reserve + pools + vesting outstanding, and (SPEC §2)
    /// total supply - over-issuance + burned by holders == genesis supply, as the treasury reports it.
    pub fn assert_invariants(&self) {
        let acc = self.accounting();
        assert_eq!(
            self.balance(&self.treasury),
            acc.tracked.u128(),
            "tokens held == reserve + pools + vesting outstanding"
        );
        assert_eq!(
            acc.tracked,
            acc.reserve + acc.pools + acc.vesting_outstanding
        );
        let s = self.supply();
        let burned = self.burned();
        assert_eq!(
            self.total_supply() - s.over_issuance.u128() + burned,
            s.genesis_supply.u128(),
            "total supply - over-issuance + burned by holders == genesis supply"
        );
        assert_eq!(s.total_supply.map(|t| t.u128()), Some(self.total_supply()));
        assert_eq!(s.burned_by_holders.map(|b| b.u128()), Some(burned));
        assert_eq!(
            s.books_balance,
            Some(true),
            "the treasury reports its books hold"
        );
    }
}

/// The treasury's typed error, or (for a failure inside the token) its text as `Std`.
pub fn to_contract_error(e: cw_multi_test::error::AnyError) -> ContractError {
    match e.downcast::<ContractError>() {
        Ok(err) => err,
        Err(e) => ContractError::Std(cosmwasm_std::StdError::generic_err(format!("{e:#}"))),
    }
}

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}
