//! A story-like test suite: `SuiteBuilder::new().with_chain_validators(4).build()` wires the real
//! mesi-token, this contract and (optionally) the real treasury, and registers validators in the
//! chain's staking module so the existence check has something to find.

use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Empty, Uint128, Validator};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::error::AnyError;
use cw_multi_test::{AppResponse, Contract, Executor, IntoBech32, StakingInfo};
use mesi_testing::Holder;
use mesi_types::treasury::{ExecuteMsg as TreasuryExecuteMsg, Pool, PoolCap};
use mesi_types::validator_rewards::{
    AccountingResponse, ConfigResponse, ContributorRewardsResponse, EpochResponse, ExecuteMsg,
    InstantiateMsg, Penalty, QueryMsg, ReceiveMsg, StreamResponse, ThresholdResponse,
    UnbondingsResponse, ValidatorResponse, ValidatorsResponse, WorkEntry,
};

use crate::error::ContractError;

pub use mesi_testing::{DAY, M};
/// Test supply: 1,000,000 MESI -> default threshold (25 bps) = 2,500 MESI.
pub const SUPPLY: u128 = 1_000_000 * M;
pub const THRESHOLD: u128 = 2_500 * M;

pub fn contract() -> Box<dyn Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
}

/// The `ContractError` in an error chain (contract errors come wrapped in multi-test context,
/// also through the token's Send).
pub fn contract_error(e: AnyError) -> ContractError {
    match e.downcast::<ContractError>() {
        Ok(c) => c,
        Err(e) => panic!("not a ContractError: {e:?}"),
    }
}

pub type Res = Result<AppResponse, ContractError>;

pub struct SuiteBuilder {
    supply: u128,
    chain_validators: usize,
    init: InstantiateMsg,
    with_treasury: bool,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        Self {
            supply: SUPPLY,
            chain_validators: 4,
            init: InstantiateMsg {
                token: String::new(),
                treasury: String::new(),
                operator: String::new(),
                threshold_bps: None,
                unbonding_period: None,
                stream_period: None,
                max_work_entries: None,
                max_pending_unbondings: None,
                claim_deadline: None,
                owner: None,
            },
            with_treasury: false,
        }
    }

    pub fn with_supply(mut self, supply: u128) -> Self {
        self.supply = supply;
        self
    }

    /// Validators registered in the chain's staking module (`valoper(0..n)`).
    pub fn with_chain_validators(mut self, n: usize) -> Self {
        self.chain_validators = n;
        self
    }

    pub fn with_stream_period(mut self, secs: u64) -> Self {
        self.init.stream_period = Some(secs);
        self
    }

    pub fn with_unbonding_period(mut self, secs: u64) -> Self {
        self.init.unbonding_period = Some(secs);
        self
    }

    pub fn with_threshold_bps(mut self, bps: u16) -> Self {
        self.init.threshold_bps = Some(bps);
        self
    }

    pub fn with_max_work_entries(mut self, n: u32) -> Self {
        self.init.max_work_entries = Some(n);
        self
    }

    pub fn with_claim_deadline(mut self, secs: u64) -> Self {
        self.init.claim_deadline = Some(secs);
        self
    }

    pub fn with_max_pending_unbondings(mut self, n: u32) -> Self {
        self.init.max_pending_unbondings = Some(n);
        self
    }

    /// The real treasury as the slash destination and funding source (its validator_rewards pool).
    pub fn with_treasury(mut self) -> Self {
        self.with_treasury = true;
        self
    }

    /// The shared suite (token with the supply at `market`, or a fifth of it at the real treasury
    /// with `with_treasury`; no gallery, no price), chain validators in the staking module, then
    /// this contract.
    pub fn build(self) -> Suite {
        let supply = self.supply;
        let shared = mesi_testing::SuiteBuilder::new()
            .without_gallery()
            .without_reserve()
            .without_price();
        // The owner mints in tests to move the supply (and the threshold); with the real
        // treasury, the treasury is the minter.
        let shared = if self.with_treasury {
            shared
                .with_treasury_init(move |m| {
                    m.pool_caps = vec![PoolCap {
                        pool: Pool::ValidatorRewards,
                        yearly_cap: Uint128::new(supply),
                    }]
                })
                .with_token_in_treasury()
                .with_genesis(Holder::Treasury, supply / 5)
                .with_genesis("market", supply - supply / 5)
                .with_minter(Holder::Treasury, None)
        } else {
            shared
                .without_treasury()
                .with_genesis("market", supply)
                .with_minter("owner", None)
        };
        let mut s = shared.build();

        let valopers: Vec<String> = (0..self.chain_validators).map(valoper).collect();
        let block = s.app.block_info();
        s.app.init_modules(|router, api, storage| {
            router
                .staking
                .setup(storage, StakingInfo::default())
                .unwrap();
            for v in &valopers {
                router
                    .staking
                    .add_validator(
                        api,
                        storage,
                        &block,
                        Validator::create(
                            v.clone(),
                            Decimal::percent(5),
                            Decimal::percent(20),
                            Decimal::percent(1),
                        ),
                    )
                    .unwrap();
            }
        });

        let operator = s.addr("operator");
        let mut init = self.init;
        init.token = s.token.to_string();
        init.treasury = s.treasury.to_string();
        init.operator = operator.to_string();
        let (code, contract) = s.deploy(contract(), &init, "validator-rewards").unwrap();

        Suite {
            market: s.addr("market"),
            s,
            operator,
            contract,
            code,
            valopers,
        }
    }
}

/// Account names of the first chain validators' operators: validator 0 is operated by `alice`,
/// 1 by `bob`, 2 by `carol`, 3 by `dave`, any other i by `validator{i}`.
pub const OPERATOR_NAMES: [&str; 4] = ["alice", "bob", "carol", "dave"];

/// The account name of chain validator i's operator.
pub fn operator_name(i: usize) -> String {
    OPERATOR_NAMES
        .get(i)
        .map_or_else(|| format!("validator{i}"), |n| n.to_string())
}

/// The i-th chain validator's operator address (`cosmwasmvaloper1...`): the same bytes as its
/// operator account `addr_make(operator_name(i))` (SPEC §6: the operator account is the account
/// whose address bytes are the operator address's).
pub fn valoper(i: usize) -> String {
    operator_name(i)
        .as_str()
        .into_bech32_with_prefix("cosmwasmvaloper")
        .to_string()
}

/// The shared suite (`app`, `owner`, `token`, `treasury`, `addr`, `now`, `advance` through `Deref`)
/// plus this contract.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub operator: Addr,
    /// Holds the genesis supply outside the treasury.
    pub market: Addr,
    pub contract: Addr,
    pub code: u64,
    pub valopers: Vec<String>,
}

mesi_testing::extends_suite!(Suite);

impl Suite {
    pub fn v(&self, i: usize) -> String {
        self.valopers[i].clone()
    }

    // ---- token ----

    pub fn give(&mut self, to: &Addr, amount: u128) {
        self.s
            .app
            .execute_contract(
                self.market.clone(),
                self.token.clone(),
                &Cw20ExecuteMsg::Transfer {
                    recipient: to.to_string(),
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    pub fn mint(&mut self, amount: u128) {
        let market = self.market.to_string();
        self.s
            .app
            .execute_contract(
                self.owner.clone(),
                self.token.clone(),
                &Cw20ExecuteMsg::Mint {
                    recipient: market,
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    pub fn burn(&mut self, amount: u128) {
        self.s
            .app
            .execute_contract(
                self.market.clone(),
                self.token.clone(),
                &Cw20ExecuteMsg::Burn {
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    pub fn balance(&self, who: &Addr) -> u128 {
        self.mesi_balance(who)
    }

    pub fn supply(&self) -> u128 {
        self.mesi_supply()
    }

    /// cw20 Send of `amount` from `from` to this contract with `msg` as the hook.
    pub fn send(&mut self, from: &Addr, amount: u128, msg: &ReceiveMsg) -> Res {
        self.s
            .app
            .execute_contract(
                from.clone(),
                self.token.clone(),
                &Cw20ExecuteMsg::Send {
                    contract: self.contract.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(msg).unwrap(),
                },
                &[],
            )
            .map_err(contract_error)
    }

    // ---- this contract ----

    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Res {
        self.s
            .app
            .execute_contract(sender.clone(), self.contract.clone(), msg, &[])
            .map_err(contract_error)
    }

    pub fn apply(&mut self, staker: &Addr, validator: &str, amount: u128) -> Res {
        self.send(
            staker,
            amount,
            &ReceiveMsg::Apply {
                validator: validator.to_string(),
            },
        )
    }

    pub fn top_up(&mut self, staker: &Addr, amount: u128) -> Res {
        self.send(staker, amount, &ReceiveMsg::Stake {})
    }

    pub fn fund(&mut self, amount: u128) -> Res {
        let m = self.market.clone();
        self.send(&m, amount, &ReceiveMsg::Fund {})
    }

    pub fn fund_epoch(&mut self, epoch: u64, amount: u128) -> Res {
        let m = self.market.clone();
        self.send(&m, amount, &ReceiveMsg::FundEpoch { epoch })
    }

    pub fn whitelist(&mut self, validator: &str) -> Res {
        let o = self.owner.clone();
        self.exec(
            &o,
            &ExecuteMsg::Whitelist {
                validator: validator.to_string(),
            },
        )
    }

    pub fn reject(&mut self, validator: &str) -> Res {
        let o = self.owner.clone();
        self.exec(
            &o,
            &ExecuteMsg::Reject {
                validator: validator.to_string(),
            },
        )
    }

    pub fn slash(&mut self, validator: &str, penalty: Penalty) -> Res {
        let o = self.owner.clone();
        self.exec(
            &o,
            &ExecuteMsg::Slash {
                validator: validator.to_string(),
                penalty,
            },
        )
    }

    /// Chain validator i's own operator account (the only account that may apply for it).
    pub fn operator_of(&self, i: usize) -> Addr {
        self.addr(&operator_name(i))
    }

    /// Chain validator `i`'s operator account, funded with `amount`, applies and is whitelisted.
    pub fn join(&mut self, i: usize, amount: u128) -> Addr {
        let staker = self.operator_of(i);
        self.give(&staker, amount);
        let v = self.v(i);
        self.apply(&staker, &v, amount).unwrap();
        self.whitelist(&v).unwrap();
        staker
    }

    pub fn unstake(&mut self, staker: &Addr, amount: u128) -> Res {
        self.exec(
            staker,
            &ExecuteMsg::Unstake {
                amount: Uint128::new(amount),
            },
        )
    }

    pub fn leave(&mut self, staker: &Addr) -> Res {
        self.exec(staker, &ExecuteMsg::Leave {})
    }

    pub fn claim(&mut self, staker: &Addr) -> Res {
        self.exec(staker, &ExecuteMsg::Claim {})
    }

    pub fn claim_unbonded(&mut self, staker: &Addr) -> Res {
        self.exec(staker, &ExecuteMsg::ClaimUnbonded {})
    }

    pub fn recheck(&mut self, validator: &str) -> Res {
        let anyone = self.addr("anyone");
        self.exec(
            &anyone,
            &ExecuteMsg::Recheck {
                validator: validator.to_string(),
            },
        )
    }

    pub fn report(&mut self, epoch: u64, entries: &[(&Addr, u128)]) -> Res {
        let op = self.operator.clone();
        self.exec(
            &op,
            &ExecuteMsg::ReportWork {
                epoch,
                entries: entries
                    .iter()
                    .map(|(a, u)| WorkEntry {
                        contributor: a.to_string(),
                        units: Uint128::new(*u),
                    })
                    .collect(),
            },
        )
    }

    pub fn close(&mut self, epoch: u64) -> Res {
        let op = self.operator.clone();
        self.exec(&op, &ExecuteMsg::CloseEpoch { epoch })
    }

    pub fn expire_epoch(&mut self, epoch: u64) -> Res {
        let anyone = self.addr("anyone");
        self.exec(&anyone, &ExecuteMsg::ExpireEpoch { epoch })
    }

    pub fn sweep(&mut self, sender: &Addr) -> Res {
        self.exec(sender, &ExecuteMsg::Sweep { denom: None })
    }

    /// `Sweep { denom: Some(denom) }`: a native coin's whole bank balance.
    pub fn sweep_native(&mut self, sender: &Addr, denom: &str) -> Res {
        self.exec(
            sender,
            &ExecuteMsg::Sweep {
                denom: Some(denom.to_string()),
            },
        )
    }

    /// A plain bank send of `amount` of `denom` to this contract (nobody is owed it).
    pub fn bank_send_to_contract(&mut self, amount: u128, denom: &str) {
        self.s
            .app
            .sudo(cw_multi_test::SudoMsg::Bank(
                cw_multi_test::BankSudo::Mint {
                    to_address: self.contract.to_string(),
                    amount: cosmwasm_std::coins(amount, denom),
                },
            ))
            .unwrap();
    }

    pub fn bank_balance(&self, who: &Addr, denom: &str) -> u128 {
        self.s
            .app
            .wrap()
            .query_balance(who, denom)
            .unwrap()
            .amount
            .u128()
    }

    /// A plain cw20 transfer to this contract (no hook): tokens nobody is owed.
    pub fn transfer_to_contract(&mut self, from: &Addr, amount: u128) {
        self.s
            .app
            .execute_contract(
                from.clone(),
                self.token.clone(),
                &Cw20ExecuteMsg::Transfer {
                    recipient: self.contract.to_string(),
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    pub fn claim_work(&mut self, who: &Addr, epochs: &[u64]) -> Res {
        self.exec(
            who,
            &ExecuteMsg::ClaimWork {
                epochs: epochs.to_vec(),
            },
        )
    }

    // ---- treasury ----

    /// Owner moves `amount` from the treasury reserve into its validator_rewards pool and pays it
    /// to this contract with cw20 Send + `{"fund":{}}`.
    pub fn treasury_pays_pool(&mut self, amount: u128) -> anyhow_free::Res {
        let owner = self.owner.clone();
        self.s
            .app
            .execute_contract(
                owner.clone(),
                self.treasury.clone(),
                &TreasuryExecuteMsg::FundPool {
                    pool: Pool::ValidatorRewards,
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .map_err(|e| e.to_string())?;
        self.s
            .app
            .execute_contract(
                owner,
                self.treasury.clone(),
                &TreasuryExecuteMsg::Disburse {
                    pool: Pool::ValidatorRewards,
                    recipient: self.contract.to_string(),
                    amount: Uint128::new(amount),
                    msg: Some(to_json_binary(&ReceiveMsg::Fund {}).unwrap()),
                },
                &[],
            )
            .map_err(|e| e.to_string())
    }

    /// Owner registers this contract as the drawer of the treasury's validator_rewards pool.
    pub fn register_drawer(&mut self) {
        let owner = self.owner.clone();
        self.s
            .app
            .execute_contract(
                owner,
                self.treasury.clone(),
                &TreasuryExecuteMsg::RegisterDrawer {
                    contract: self.contract.to_string(),
                    pool: Pool::ValidatorRewards,
                },
                &[],
            )
            .unwrap();
    }

    /// Owner moves `amount` from the treasury reserve into the validator_rewards pool.
    pub fn fund_treasury_pool(&mut self, amount: u128) {
        let owner = self.owner.clone();
        self.s
            .app
            .execute_contract(
                owner,
                self.treasury.clone(),
                &TreasuryExecuteMsg::FundPool {
                    pool: Pool::ValidatorRewards,
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .unwrap();
    }

    // ---- queries ----

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app
            .wrap()
            .query_wasm_smart(&self.contract, msg)
            .unwrap()
    }

    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }

    pub fn threshold(&self) -> ThresholdResponse {
        self.q(&QueryMsg::Threshold {})
    }

    pub fn validator(&self, validator: &str) -> ValidatorResponse {
        self.q(&QueryMsg::Validator {
            validator: validator.to_string(),
        })
    }

    pub fn staker(&self, staker: &Addr) -> ValidatorResponse {
        self.q(&QueryMsg::Staker {
            address: staker.to_string(),
        })
    }

    pub fn validators(&self, start_after: Option<&Addr>, limit: Option<u32>) -> ValidatorsResponse {
        self.q(&QueryMsg::Validators {
            start_after: start_after.map(|a| a.to_string()),
            limit,
        })
    }

    pub fn pending(&self, staker: &Addr) -> u128 {
        self.staker(staker).pending_rewards.u128()
    }

    pub fn validator_unbonding_entries(&self, staker: &Addr) -> u32 {
        self.staker(staker).unbonding_entries
    }

    pub fn stream(&self) -> StreamResponse {
        self.q(&QueryMsg::Stream {})
    }

    pub fn accounting(&self) -> AccountingResponse {
        self.q(&QueryMsg::Accounting {})
    }

    pub fn epoch(&self, epoch: u64) -> EpochResponse {
        self.q(&QueryMsg::Epoch { epoch })
    }

    pub fn contributor(&self, who: &Addr, epoch: u64) -> ContributorRewardsResponse {
        self.q(&QueryMsg::ContributorRewards {
            address: who.to_string(),
            epoch,
        })
    }

    pub fn unbondings(&self, who: &Addr) -> UnbondingsResponse {
        self.q(&QueryMsg::Unbondings {
            address: who.to_string(),
            start_after: None,
            limit: Some(100),
        })
    }

    /// Raw snapshot of this contract's storage: state did not change iff two snapshots are equal.
    pub fn dump(&self) -> Vec<(Vec<u8>, Binary)> {
        self.s
            .app
            .dump_wasm_raw(&self.contract)
            .into_iter()
            .map(|(k, v)| (k, Binary::from(v)))
            .collect()
    }

    /// Tokens held == staked + unbonding + unclaimed + undistributed (+ work), exactly.
    pub fn assert_accounting(&self) {
        let a = self.accounting();
        let owed =
            a.staked + a.unbonding + a.stream_unclaimed + a.stream_undistributed + a.work_unclaimed;
        assert_eq!(a.balance, owed, "{a:?}");
    }
}

/// Treasury calls return their error as text (the treasury's error type is not ours).
pub mod anyhow_free {
    pub type Res = Result<cw_multi_test::AppResponse, String>;
}
