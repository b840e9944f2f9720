//! A story-like test suite on the shared one (`mesi-testing`): `Suite::new()` deploys this gallery with
//! an owner, an arbiter and three funded users (alice, bob, carol), and offers one helper per message.

use cosmwasm_std::{
    coins, to_json_binary, Addr, Binary, Coin, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdResult, Uint128,
};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, ContractWrapper, Executor};
use cw_storage_plus::Item;
use mesi_types::gallery::{
    AdRevenueModel, ExecuteMsg, GalleryFilter, GalleryResponse, MediaKind, MintExtension, Payout,
    QueryMsg, ResolveOutcome,
};
use serde::de::DeserializeOwned;

use crate::error::ContractError;

pub type NftInfo = mesi_types::gallery::NftInfoResponse<mesi_types::gallery::GalleryNftExtension>;

pub const DENOM: &str = "uusdc";
pub const FUNDS: u128 = 1_000_000_000;
pub const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

pub fn ext() -> MintExtension {
    MintExtension {
        media_kind: MediaKind::Photo,
        content_hash: HASH.to_string(),
        tags: vec!["nature".into()],
        year: 2024,
        ad_revenue: AdRevenueModel::Royalty,
        pay_per_view: true,
        rights_confirmed: true,
    }
}

pub fn gallery_contract() -> Box<dyn cw_multi_test::Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
}

// A cw721 receiver that records the last ReceiveNft hook.
const LAST_HOOK: Item<mesi_types::gallery::Cw721ReceiveMsg> = Item::new("hook");
#[cosmwasm_schema::cw_serde]
enum ReceiverMsg {
    ReceiveNft(mesi_types::gallery::Cw721ReceiveMsg),
}
fn recv_exec(deps: DepsMut, _: Env, _: MessageInfo, msg: ReceiverMsg) -> StdResult<Response> {
    let ReceiverMsg::ReceiveNft(m) = msg;
    LAST_HOOK.save(deps.storage, &m)?;
    Ok(Response::new())
}
fn recv_inst(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}
fn recv_query(deps: Deps, _: Env, _: Empty) -> StdResult<Binary> {
    to_json_binary(&LAST_HOOK.may_load(deps.storage)?)
}

/// The shared suite (`app`, `gallery`, `owner`, `arbiter`, `addr` through `Deref`; this crate's
/// gallery, the token beside it, no treasury) plus three funded users.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub alice: Addr,
    pub bob: Addr,
    pub carol: Addr,
}

mesi_testing::extends_suite!(Suite);

impl Suite {
    pub fn new() -> Self {
        Self::with_balances(&[])
    }

    /// Extra balances on top of FUNDS of DENOM and "uatom" for alice, bob and carol.
    pub fn with_balances(extra: &[(&str, Coin)]) -> Self {
        let funded = ["alice", "bob", "carol"].iter().fold(
            mesi_testing::SuiteBuilder::new()
                .without_treasury()
                .with_gallery_code(gallery_contract()),
            |b, n| b.with_coin(n, FUNDS, DENOM).with_coin(n, FUNDS, "uatom"),
        );
        let s = extra
            .iter()
            .fold(funded, |b, (n, c)| {
                b.with_coin(n, c.amount.u128(), &c.denom)
            })
            .build();
        let [alice, bob, carol] = ["alice", "bob", "carol"].map(|n| s.addr(n));
        Suite {
            s,
            alice,
            bob,
            carol,
        }
    }

    pub fn exec(&mut self, who: &Addr, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        self.exec_funds(who, msg, &[])
    }

    pub fn exec_funds(
        &mut self,
        who: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        self.s
            .app
            .execute_contract(who.clone(), self.gallery.clone(), msg, funds)
    }

    pub fn mint_with(
        &mut self,
        who: &Addr,
        id: &str,
        ext: MintExtension,
    ) -> AnyResult<AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::Mint {
                token_id: id.into(),
                owner: who.to_string(),
                token_uri: Some(format!("ipfs://{id}")),
                extension: ext,
            },
        )
    }

    pub fn mint(&mut self, who: &Addr, id: &str) -> AnyResult<AppResponse> {
        self.mint_with(who, id, ext())
    }

    pub fn transfer(&mut self, who: &Addr, to: &Addr, id: &str) -> AnyResult<AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::TransferNft {
                recipient: to.to_string(),
                token_id: id.into(),
            },
        )
    }

    pub fn burn(&mut self, who: &Addr, id: &str) -> AnyResult<AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::Burn {
                token_id: id.into(),
            },
        )
    }

    pub fn set_ppv(&mut self, who: &Addr, id: &str, enabled: bool) -> AnyResult<AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::SetPayPerView {
                token_id: id.into(),
                enabled,
            },
        )
    }

    pub fn pledge(&mut self, who: &Addr, id: &str, amount: u128) -> AnyResult<AppResponse> {
        self.exec_funds(
            who,
            &ExecuteMsg::Pledge {
                token_id: id.into(),
            },
            &coins(amount, DENOM),
        )
    }

    pub fn resolve(
        &mut self,
        who: &Addr,
        id: &str,
        payouts: &[(&Addr, u128)],
        outcome: ResolveOutcome,
    ) -> AnyResult<AppResponse> {
        let payouts = payouts
            .iter()
            .map(|(a, amount)| Payout {
                address: a.to_string(),
                amount: Uint128::new(*amount),
            })
            .collect();
        self.exec(
            who,
            &ExecuteMsg::Resolve {
                token_id: id.into(),
                payouts,
                outcome,
            },
        )
    }

    pub fn query<T: DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(&self.gallery, msg)
    }

    pub fn owner_of(&self, id: &str) -> String {
        self.query::<mesi_types::gallery::OwnerOfResponse>(&QueryMsg::OwnerOf {
            token_id: id.into(),
            include_expired: None,
        })
        .unwrap()
        .owner
    }

    pub fn nft(&self, id: &str) -> NftInfo {
        self.query(&QueryMsg::NftInfo {
            token_id: id.into(),
        })
        .unwrap()
    }

    pub fn exists(&self, id: &str) -> bool {
        self.query::<NftInfo>(&QueryMsg::NftInfo {
            token_id: id.into(),
        })
        .is_ok()
    }

    pub fn gallery(
        &self,
        creator: &Addr,
        filter: Option<GalleryFilter>,
        start_after: Option<&str>,
        limit: Option<u32>,
    ) -> GalleryResponse {
        self.query(&QueryMsg::Gallery {
            creator: creator.to_string(),
            filter,
            start_after: start_after.map(String::from),
            limit,
        })
        .unwrap()
    }

    pub fn gallery_ids(&self, creator: &Addr, filter: Option<GalleryFilter>) -> Vec<String> {
        self.gallery(creator, filter, None, Some(100))
            .items
            .into_iter()
            .map(|i| i.token_id)
            .collect()
    }

    pub fn pledge_of(&self, id: &str) -> u128 {
        self.query::<mesi_types::gallery::PledgeResponse>(&QueryMsg::Pledge {
            token_id: id.into(),
        })
        .unwrap()
        .amount
        .u128()
    }

    pub fn creator_pledges(&self, creator: &Addr) -> u128 {
        self.query::<mesi_types::gallery::CreatorPledgesResponse>(&QueryMsg::CreatorPledges {
            creator: creator.to_string(),
        })
        .unwrap()
        .total
        .u128()
    }

    pub fn total_pledged(&self) -> u128 {
        self.query::<mesi_types::gallery::ConfigResponse>(&QueryMsg::Config {})
            .unwrap()
            .total_pledged
            .u128()
    }

    pub fn balance(&self, who: &Addr, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(who, denom)
            .unwrap()
            .amount
            .u128()
    }

    pub fn num_tokens(&self) -> u64 {
        self.query::<mesi_types::gallery::NumTokensResponse>(&QueryMsg::NumTokens {})
            .unwrap()
            .count
    }

    /// Stores and instantiates the recording cw721 receiver.
    pub fn receiver(&mut self) -> Addr {
        let code = self.s.app.store_code(Box::new(ContractWrapper::new(
            recv_exec, recv_inst, recv_query,
        )));
        self.s
            .app
            .instantiate_contract(code, self.owner.clone(), &Empty {}, &[], "receiver", None)
            .unwrap()
    }

    pub fn last_hook(&self, receiver: &Addr) -> Option<mesi_types::gallery::Cw721ReceiveMsg> {
        self.app
            .wrap()
            .query_wasm_smart(receiver, &Empty {})
            .unwrap()
    }

    /// Raw contract state, to prove a failed call changed nothing.
    pub fn dump(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        use cosmwasm_std::Order;
        self.s
            .app
            .contract_storage(&self.gallery)
            .range(None, None, Order::Ascending)
            .collect()
    }
}

/// The typed contract error of a failed execute.
pub fn err(res: AnyResult<AppResponse>) -> ContractError {
    res.unwrap_err().downcast::<ContractError>().unwrap()
}

/// The error string of a failed execute (for errors raised outside the contract, e.g. addr_validate).
pub fn err_str(res: AnyResult<AppResponse>) -> String {
    format!("{:?}", res.unwrap_err())
}
