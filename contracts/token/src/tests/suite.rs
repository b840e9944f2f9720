//! Builder-style multi-test suite: reads like a story (`suite.transfer(...)`, `suite.advance(...)`).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdResult, Uint128,
};
use cw20::{
    AllAccountsResponse, AllowanceResponse, BalanceResponse, Cw20ReceiveMsg, Expiration,
    MinterResponse, TokenInfoResponse,
};
use cw_multi_test::{App, AppBuilder, AppResponse, Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;
use mesi_types::token::{
    Allocation, ConfigResponse, ExecuteMsg, HoldingScoreResponse, InstantiateMsg, LockResponse,
    QueryMsg, SlashRecipient, TierResponse, TierRow,
};

use crate::contract::{execute, instantiate, migrate, query};
use crate::error::ContractError;

pub const M: u128 = 1_000_000;
pub const DAY: u64 = 86_400;

pub fn token_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

// ---- a cw20 receiver that records the last Receive hook ----
#[cw_serde]
pub enum ReceiverMsg {
    Receive(Cw20ReceiveMsg),
}
const LAST: Item<Cw20ReceiveMsg> = Item::new("last");
fn r_exec(deps: DepsMut, _e: Env, _i: MessageInfo, msg: ReceiverMsg) -> StdResult<Response> {
    let ReceiverMsg::Receive(m) = msg;
    LAST.save(deps.storage, &m)?;
    Ok(Response::new())
}
fn r_inst(_d: DepsMut, _e: Env, _i: MessageInfo, _m: Empty) -> StdResult<Response> {
    Ok(Response::new())
}
fn r_query(deps: Deps, _e: Env, _m: Empty) -> StdResult<Binary> {
    to_json_binary(&LAST.may_load(deps.storage)?)
}
pub fn receiver_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(r_exec, r_inst, r_query))
}

pub struct SuiteBuilder {
    pub allocations: Vec<(&'static str, u128)>,
    pub genesis_supply: Option<u128>,
    pub cap: Option<Option<u128>>,
    pub unlock_delay: Option<u64>,
    pub tiers: Option<Vec<TierRow>>,
    pub start_time: Option<u64>,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        SuiteBuilder {
            allocations: vec![("alice", 1_000_000 * M), ("bob", 1_000_000 * M)],
            genesis_supply: Some(2_000_000 * M),
            cap: None,
            unlock_delay: None,
            tiers: None,
            start_time: None,
        }
    }
    pub fn with_allocations(mut self, a: Vec<(&'static str, u128)>) -> Self {
        self.genesis_supply = Some(a.iter().map(|x| x.1).sum());
        self.allocations = a;
        self
    }
    pub fn with_cap(mut self, cap: Option<u128>) -> Self {
        self.cap = Some(cap);
        self
    }
    pub fn with_start_time(mut self, t: u64) -> Self {
        self.start_time = Some(t);
        self
    }

    pub fn instantiate_msg(&self, app: &App) -> InstantiateMsg {
        let api = app.api();
        InstantiateMsg {
            name: "Mesi".into(),
            symbol: "MESI".into(),
            decimals: 6,
            genesis_supply: self.genesis_supply.map(Uint128::new),
            allocations: self
                .allocations
                .iter()
                .map(|(n, a)| Allocation {
                    label: n.to_string(),
                    address: api.addr_make(n).to_string(),
                    amount: Uint128::new(*a),
                })
                .collect(),
            mint: Some(MinterResponse {
                minter: api.addr_make("minter").to_string(),
                cap: match self.cap {
                    Some(c) => c.map(Uint128::new),
                    None => None,
                },
            }),
            marketing: None,
            arbiter: api.addr_make("arbiter").to_string(),
            treasury: api.addr_make("treasury").to_string(),
            unlock_delay: self.unlock_delay,
            tiers: self.tiers.clone(),
            owner: None,
        }
    }

    pub fn build(self) -> Suite {
        let mut app = AppBuilder::new().build(|router, api, storage| {
            router
                .bank
                .init_balance(storage, &api.addr_make("alice"), coins(1_000, "ucosm"))
                .unwrap();
        });
        if let Some(t) = self.start_time {
            app.update_block(|b| b.time = cosmwasm_std::Timestamp::from_seconds(t));
        }
        let code = app.store_code(token_contract());
        let owner = app.api().addr_make("owner");
        let msg = self.instantiate_msg(&app);
        let token = app
            .instantiate_contract(
                code,
                owner.clone(),
                &msg,
                &[],
                "mesi",
                Some(owner.to_string()),
            )
            .unwrap();
        let rcode = app.store_code(receiver_contract());
        let receiver = app
            .instantiate_contract(rcode, owner.clone(), &Empty {}, &[], "recv", None)
            .unwrap();
        Suite {
            app,
            token,
            receiver,
            owner,
            code,
        }
    }
}

pub struct Suite {
    pub app: App,
    pub token: Addr,
    pub receiver: Addr,
    pub owner: Addr,
    pub code: u64,
}

pub type Res = cw_multi_test::error::AnyResult<AppResponse>;

impl Suite {
    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }
    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }
    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += 1.max(secs / 5);
        });
    }

    pub fn exec(&mut self, sender: &str, msg: &ExecuteMsg) -> Res {
        let s = self.addr(sender);
        let token = self.token.clone();
        self.app.execute_contract(s, token, msg, &[])
    }
    pub fn exec_addr(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Res {
        let token = self.token.clone();
        self.app.execute_contract(sender.clone(), token, msg, &[])
    }
    pub fn transfer(&mut self, from: &str, to: &str, amount: u128) -> Res {
        let recipient = self.addr(to).to_string();
        self.exec(
            from,
            &ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn send(&mut self, from: &str, amount: u128, msg: Binary) -> Res {
        let contract = self.receiver.to_string();
        self.exec(
            from,
            &ExecuteMsg::Send {
                contract,
                amount: Uint128::new(amount),
                msg,
            },
        )
    }
    pub fn burn(&mut self, from: &str, amount: u128) -> Res {
        self.exec(
            from,
            &ExecuteMsg::Burn {
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn mint(&mut self, sender: &str, to: &str, amount: u128) -> Res {
        let recipient = self.addr(to).to_string();
        self.exec(
            sender,
            &ExecuteMsg::Mint {
                recipient,
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn approve(
        &mut self,
        owner: &str,
        spender: &str,
        amount: u128,
        exp: Option<Expiration>,
    ) -> Res {
        let spender = self.addr(spender).to_string();
        self.exec(
            owner,
            &ExecuteMsg::IncreaseAllowance {
                spender,
                amount: Uint128::new(amount),
                expires: exp,
            },
        )
    }
    pub fn transfer_from(&mut self, spender: &str, owner: &str, to: &str, amount: u128) -> Res {
        let owner = self.addr(owner).to_string();
        let recipient = self.addr(to).to_string();
        self.exec(
            spender,
            &ExecuteMsg::TransferFrom {
                owner,
                recipient,
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn lock(&mut self, who: &str, amount: u128) -> Res {
        self.exec(
            who,
            &ExecuteMsg::Lock {
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn unlock(&mut self, who: &str, amount: u128) -> Res {
        self.exec(
            who,
            &ExecuteMsg::Unlock {
                amount: Uint128::new(amount),
            },
        )
    }
    pub fn slash(
        &mut self,
        sender: &str,
        who: &str,
        amount: u128,
        to: Option<Vec<(&str, u128)>>,
    ) -> Res {
        let address = self.addr(who).to_string();
        let recipients = to.map(|v| {
            v.into_iter()
                .map(|(n, a)| SlashRecipient {
                    address: self.addr(n).to_string(),
                    amount: Uint128::new(a),
                })
                .collect()
        });
        self.exec(
            sender,
            &ExecuteMsg::Slash {
                address,
                amount: Uint128::new(amount),
                recipients,
            },
        )
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(self.token.clone(), msg)
    }
    pub fn balance(&self, who: &str) -> u128 {
        let r: BalanceResponse = self
            .q(&QueryMsg::Balance {
                address: self.addr(who).to_string(),
            })
            .unwrap();
        r.balance.u128()
    }
    pub fn supply(&self) -> u128 {
        let r: TokenInfoResponse = self.q(&QueryMsg::TokenInfo {}).unwrap();
        r.total_supply.u128()
    }
    pub fn score(&self, who: &str) -> u128 {
        let r: HoldingScoreResponse = self
            .q(&QueryMsg::HoldingScore {
                address: self.addr(who).to_string(),
            })
            .unwrap();
        r.score.u128()
    }
    pub fn tier(&self, who: &str) -> TierResponse {
        self.q(&QueryMsg::Tier {
            address: self.addr(who).to_string(),
        })
        .unwrap()
    }
    pub fn lock_info(&self, who: &str) -> LockResponse {
        self.q(&QueryMsg::Lock {
            address: self.addr(who).to_string(),
        })
        .unwrap()
    }
    pub fn allowance(&self, owner: &str, spender: &str) -> AllowanceResponse {
        self.q(&QueryMsg::Allowance {
            owner: self.addr(owner).to_string(),
            spender: self.addr(spender).to_string(),
        })
        .unwrap()
    }
    pub fn all_allowances(&self, owner: &str) -> Vec<cw20::AllowanceInfo> {
        let r: cw20::AllAllowancesResponse = self
            .q(&QueryMsg::AllAllowances {
                owner: self.addr(owner).to_string(),
                start_after: None,
                limit: None,
            })
            .unwrap();
        r.allowances
    }
    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {}).unwrap()
    }
    pub fn accounts(&self, start_after: Option<String>, limit: Option<u32>) -> Vec<String> {
        let r: AllAccountsResponse = self
            .q(&QueryMsg::AllAccounts { start_after, limit })
            .unwrap();
        r.accounts
    }
    pub fn last_hook(&self) -> Option<Cw20ReceiveMsg> {
        self.app
            .wrap()
            .query_wasm_smart(self.receiver.clone(), &Empty {})
            .unwrap()
    }
}

/// The typed error of a failed execute.
pub fn err(r: Res) -> ContractError {
    r.expect_err("expected an error")
        .downcast::<ContractError>()
        .expect("a ContractError")
}
