//! Builder-style multi-test suite on top of `mesi-testing`: reads like a story (`suite.transfer(...)`,
//! `suite.advance(...)`).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult,
    Uint128,
};
use cw20::{
    AllAccountsResponse, AllowanceResponse, BalanceResponse, Cw20ReceiveMsg, Expiration,
    TokenInfoResponse,
};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;
use mesi_types::token::{
    ConfigResponse, ExecuteMsg, HoldingScoreResponse, InstantiateMsg, LockResponse, QueryMsg,
    SlashRecipient,
};

use crate::error::ContractError;

pub const M: u128 = 1_000_000;
pub const DAY: u64 = 86_400;

pub fn token_contract() -> Box<dyn Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
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

/// The token alone on the shared suite (`mesi-testing`, no treasury or gallery contract: the
/// token's treasury is the account `treasury`), deployed from this crate's entry points so errors
/// downcast to [`ContractError`]. Genesis: `alice` and `bob` 1,000,000 MESI each, minter `minter`;
/// `alice` also holds 1,000 `ucosm`.
pub struct SuiteBuilder {
    pub allocations: Vec<(&'static str, u128)>,
    pub cap: Option<u128>,
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
            cap: None,
            start_time: None,
        }
    }
    pub fn with_allocations(mut self, a: Vec<(&'static str, u128)>) -> Self {
        self.allocations = a;
        self
    }
    pub fn with_cap(mut self, cap: Option<u128>) -> Self {
        self.cap = cap;
        self
    }
    pub fn with_start_time(mut self, t: u64) -> Self {
        self.start_time = Some(t);
        self
    }

    fn shared(&self) -> mesi_testing::SuiteBuilder {
        let b = mesi_testing::SuiteBuilder::new()
            .without_treasury()
            .without_gallery()
            .without_reserve()
            .with_coin("alice", 1_000, "ucosm")
            .with_minter("minter", self.cap)
            .with_token_code(token_contract());
        let b = match self.start_time {
            Some(t) => b.with_start_time(t),
            None => b,
        };
        self.allocations
            .iter()
            .fold(b, |b, (name, amount)| b.with_genesis(*name, *amount))
    }

    /// The instantiate message the suite's token gets (supply = the allocations' sum).
    pub fn instantiate_msg(&self, app: &App) -> InstantiateMsg {
        let api = app.api();
        self.shared().token_msg(api, &api.addr_make("treasury"))
    }

    pub fn build(self) -> Suite {
        let mut s = self.shared().build();
        let code = s.codes.token;
        let owner = s.owner.clone();
        let rcode = s.app.store_code(receiver_contract());
        let receiver = s
            .app
            .instantiate_contract(rcode, owner, &Empty {}, &[], "recv", None)
            .unwrap();
        Suite { s, receiver, code }
    }
}

/// The shared suite (`app`, `token`, `owner`, `addr`, `now` through `Deref`) plus a cw20 receiver.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub receiver: Addr,
    /// The token's code id (for migrations and second instances).
    pub code: u64,
}

mesi_testing::extends_suite!(Suite);

pub type Res = cw_multi_test::error::AnyResult<AppResponse>;

impl Suite {
    /// One block per 5 s, at least one (the token's height-expiry tests count blocks this way).
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
