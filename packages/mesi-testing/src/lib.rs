//! The Mesi suite in cw-multi-test, built once for every contract's tests (like DAO DAO's
//! `dao-testing`): the real token, the real treasury (price feed) and the real gallery, wired together,
//! behind a builder that reads like a story:
//!
//! ```ignore
//! let mut suite = SuiteBuilder::new().with_mesi("alice", 1_000).with_native("bob", 500).build();
//! suite.lock("alice", 500 * M).unwrap();      // creator tier 1
//! suite.mint_nft("alice", "art-1").unwrap();
//! suite.advance(DAY);                          // time moves, the price stays fresh
//! let addr = suite.instantiate(my_contract(), &my_msg, "mine");
//! ```
//!
//! Names are turned into valid bech32 addresses with `MockApi::addr_make`, so `suite.addr("alice")`
//! is the same address everywhere. The instantiate messages are the typed ones of `mesi-types`: a
//! field added to one is filled here, once, for every contract's tests.
//!
//! Every contract's tests build on this one deployment; a suite that needs less or other parts says
//! so through the builder: `without_treasury()` / `without_gallery()` (token-only suites),
//! `with_genesis(holder, base_units)` / `without_reserve()` (exact genesis lists),
//! `with_minter`, `with_start_time`, `with_token_in_treasury()` (`SetToken`), `with_token_init` /
//! `with_treasury_init` (any other instantiate field), and `with_token_code` & co. so a contract's
//! own tests deploy the crate under test (its errors then downcast to its own `ContractError`).

use std::str::FromStr;

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{coins, to_json_binary, Addr, Coin, Decimal, Empty, Timestamp, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, MinterResponse};
use cw_multi_test::error::AnyResult;
#[doc(hidden)]
pub use cw_multi_test::ContractWrapper;
use cw_multi_test::{App, AppBuilder, AppResponse, Contract, Executor};
use mesi_types::gallery::{
    AdRevenueModel, InstantiateMsg as GalleryInstantiateMsg, MediaKind, MintExtension,
};
use mesi_types::token::{Allocation, InstantiateMsg as TokenInstantiateMsg, TierResponse};
use mesi_types::treasury::InstantiateMsg as TreasuryInstantiateMsg;
use serde::Serialize;

/// One whole MESI (6 decimals).
pub const M: u128 = 1_000_000;
/// One USD in micro-USD (and in `uusdc`).
pub const USD: u128 = 1_000_000;
pub const MINUTE: u64 = 60;
pub const HOUR: u64 = 3_600;
pub const DAY: u64 = 86_400;
/// The stablecoin of pledges and native-asset orders.
pub const NATIVE: &str = "uusdc";

/// The entry points of a contract module (`execute`, `instantiate`, `query`, `migrate`) as a
/// multi-test [`Code`]: `code_of!(crate::contract)` in a contract's own tests.
#[macro_export]
macro_rules! code_of {
    ($($module:ident)::+) => {
        ::std::boxed::Box::new(
            $crate::ContractWrapper::new(
                $($module)::+::execute,
                $($module)::+::instantiate,
                $($module)::+::query,
            )
            .with_migrate($($module)::+::migrate),
        ) as $crate::Code
    };
}

/// A contract's suite wraps the shared one in a field `s` (`struct Suite { s: mesi_testing::Suite,
/// ... }`); `extends_suite!(Suite)` lets its tests read `suite.app`, `suite.token`, `suite.owner`
/// and call the shared helpers directly (`Deref`/`DerefMut` to [`Suite`]). A call that borrows
/// `suite.app` mutably and reads another field in its arguments takes the field first (or uses
/// `suite.s.app`).
#[macro_export]
macro_rules! extends_suite {
    ($wrapper:ty) => {
        impl ::std::ops::Deref for $wrapper {
            type Target = $crate::Suite;
            fn deref(&self) -> &$crate::Suite {
                &self.s
            }
        }
        impl ::std::ops::DerefMut for $wrapper {
            fn deref_mut(&mut self) -> &mut $crate::Suite {
                &mut self.s
            }
        }
    };
}

/// The typed error `E` of a failed call (also through a cw20 `Send` or cw721 `send_nft` hook);
/// panics when the call succeeded or failed with another error type.
pub fn typed_err<E>(r: AnyResult<impl std::fmt::Debug>) -> E
where
    E: std::fmt::Display + std::fmt::Debug + Send + Sync + 'static,
{
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => match e.downcast::<E>() {
            Ok(typed) => typed,
            Err(e) => panic!("not a {}: {e:?}", std::any::type_name::<E>()),
        },
    }
}

pub fn token_contract() -> Code {
    code_of!(mesi_token::contract)
}

pub fn treasury_contract() -> Code {
    code_of!(mesi_treasury::contract)
}

pub fn gallery_contract() -> Code {
    code_of!(mesi_gallery::contract)
}

/// Who receives a genesis allocation or holds the mint role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// The account `addr_make(name)`; its allocation is labelled `name`.
    Name(String),
    /// The treasury: the deployed contract, or the plain account `addr_make("treasury")` in a suite
    /// built [`SuiteBuilder::without_treasury`]; its allocation is labelled `"treasury"`.
    Treasury,
}

impl From<&str> for Holder {
    fn from(name: &str) -> Self {
        Holder::Name(name.to_string())
    }
}

/// A contract's entry points for multi-test (`Box<dyn Contract<Empty>>`).
pub type Code = Box<dyn Contract<Empty>>;
/// Edits an instantiate message the builder prepared (fields the builder has no option for).
pub type Edit<T> = Box<dyn Fn(&mut T)>;

/// Who holds what at genesis, which contracts are deployed, and the first price.
///
/// Deployment order (code ids and contract addresses follow it): store the treasury, token and
/// gallery codes (those deployed), instantiate the treasury, the token (genesis allocations,
/// `treasury` = the treasury), optionally `SetToken` on the treasury, then the gallery, then post
/// the price. Every contract's owner and admin is `owner`; the token's and gallery's arbiter is
/// `arbiter`; `feeder` posts prices.
pub struct SuiteBuilder {
    /// (holder, base units) minted at genesis, in this order, after the reserve's one MESI.
    genesis: Vec<(Holder, u128)>,
    reserve: bool,
    /// (name, coin) in the bank at genesis.
    pub native: Vec<(String, Coin)>,
    /// USD per MESI, posted at build and kept fresh by [`Suite::advance`].
    pub price: Decimal,
    feed_price: bool,
    deploy_treasury: bool,
    deploy_gallery: bool,
    treasury_knows_token: bool,
    minter: Option<(Holder, Option<u128>)>,
    start_time: Option<u64>,
    token_code: Option<Code>,
    treasury_code: Option<Code>,
    gallery_code: Option<Code>,
    token_edit: Option<Edit<TokenInstantiateMsg>>,
    treasury_edit: Option<Edit<TreasuryInstantiateMsg>>,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    /// Treasury, token and gallery; an empty genesis (one MESI to `reserve` so the supply is not
    /// zero, see [`Self::without_reserve`]), no minter, and a price of USD 1 per MESI.
    pub fn new() -> Self {
        SuiteBuilder {
            genesis: vec![],
            reserve: true,
            native: vec![],
            price: Decimal::one(),
            feed_price: true,
            deploy_treasury: true,
            deploy_gallery: true,
            treasury_knows_token: false,
            minter: None,
            start_time: None,
            token_code: None,
            treasury_code: None,
            gallery_code: None,
            token_edit: None,
            treasury_edit: None,
        }
    }

    /// `name` starts with `whole` MESI.
    pub fn with_mesi(self, name: &str, whole: u128) -> Self {
        self.with_genesis(name, whole * M)
    }

    /// `holder` starts with `amount` base units of MESI (allocations keep the order of the calls).
    pub fn with_genesis(mut self, holder: impl Into<Holder>, amount: u128) -> Self {
        self.genesis.push((holder.into(), amount));
        self
    }

    /// Drops the default one-MESI `reserve` allocation: the genesis is exactly the allocations given.
    pub fn without_reserve(mut self) -> Self {
        self.reserve = false;
        self
    }

    /// `name` starts with `amount` base units of [`NATIVE`].
    pub fn with_native(self, name: &str, amount: u128) -> Self {
        self.with_coin(name, amount, NATIVE)
    }

    /// `name` starts with `amount` of any bank `denom`.
    pub fn with_coin(mut self, name: &str, amount: u128, denom: &str) -> Self {
        self.native
            .push((name.to_string(), cosmwasm_std::coin(amount, denom)));
        self
    }

    /// The first posted price, e.g. `"0.5"` USD per MESI.
    pub fn with_price(mut self, price: &str) -> Self {
        self.price = Decimal::from_str(price).expect("a decimal price");
        self
    }

    /// No price is posted, neither at build nor by [`Suite::advance`].
    pub fn without_price(mut self) -> Self {
        self.feed_price = false;
        self
    }

    /// No treasury contract: the token's treasury is the plain account `addr_make("treasury")`
    /// and no price is posted.
    pub fn without_treasury(mut self) -> Self {
        self.deploy_treasury = false;
        self.feed_price = false;
        self
    }

    /// No gallery contract (`Suite::gallery` is then the plain account `addr_make("gallery")`).
    pub fn without_gallery(mut self) -> Self {
        self.deploy_gallery = false;
        self
    }

    /// The owner registers the token in the treasury (`SetToken`), as the deploy script does.
    pub fn with_token_in_treasury(mut self) -> Self {
        self.treasury_knows_token = true;
        self
    }

    /// The token's minter and supply cap (base units); default: no minter.
    pub fn with_minter(mut self, minter: impl Into<Holder>, cap: Option<u128>) -> Self {
        self.minter = Some((minter.into(), cap));
        self
    }

    /// Block time (seconds) before anything is deployed.
    pub fn with_start_time(mut self, seconds: u64) -> Self {
        self.start_time = Some(seconds);
        self
    }

    /// Deploys these token entry points instead of `mesi_token`'s (the token's own tests pass
    /// `crate::contract`'s, so its errors downcast to the crate's own `ContractError`).
    pub fn with_token_code(mut self, code: Code) -> Self {
        self.token_code = Some(code);
        self
    }

    /// Deploys these treasury entry points instead of `mesi_treasury`'s.
    pub fn with_treasury_code(mut self, code: Code) -> Self {
        self.treasury_code = Some(code);
        self
    }

    /// Deploys these gallery entry points instead of `mesi_gallery`'s.
    pub fn with_gallery_code(mut self, code: Code) -> Self {
        self.gallery_code = Some(code);
        self
    }

    /// Edits the token's instantiate message after the builder filled it (unlock delay, tiers, ...).
    pub fn with_token_init(mut self, edit: impl Fn(&mut TokenInstantiateMsg) + 'static) -> Self {
        self.token_edit = Some(Box::new(edit));
        self
    }

    /// Edits the treasury's instantiate message after the builder filled it (pool caps, ...).
    pub fn with_treasury_init(
        mut self,
        edit: impl Fn(&mut TreasuryInstantiateMsg) + 'static,
    ) -> Self {
        self.treasury_edit = Some(Box::new(edit));
        self
    }

    /// Every genesis allocation: the reserve's one MESI (unless dropped), then the calls' order.
    fn allocations(&self) -> Vec<(Holder, u128)> {
        let reserve = self.reserve.then(|| (Holder::from("reserve"), M));
        reserve.into_iter().chain(self.genesis.clone()).collect()
    }

    fn holder_addr(api: &MockApi, holder: &Holder, treasury: &Addr) -> Addr {
        match holder {
            Holder::Name(n) => api.addr_make(n),
            Holder::Treasury => treasury.clone(),
        }
    }

    /// The token's instantiate message this builder sends, with `treasury` as the treasury's
    /// address: "Mesi"/"MESI"/6 decimals, the genesis allocations (supply = their sum), the
    /// minter, arbiter `addr_make("arbiter")`, then [`Self::with_token_init`]'s edit.
    pub fn token_msg(&self, api: &MockApi, treasury: &Addr) -> TokenInstantiateMsg {
        let allocations = self.allocations();
        let mut msg = TokenInstantiateMsg {
            name: "Mesi".into(),
            symbol: "MESI".into(),
            decimals: 6,
            genesis_supply: Some(Uint128::new(allocations.iter().map(|(_, a)| a).sum())),
            allocations: allocations
                .iter()
                .map(|(h, amount)| Allocation {
                    label: match h {
                        Holder::Name(n) => n.clone(),
                        Holder::Treasury => "treasury".into(),
                    },
                    address: Self::holder_addr(api, h, treasury).to_string(),
                    amount: Uint128::new(*amount),
                })
                .collect(),
            mint: self.minter.as_ref().map(|(h, cap)| MinterResponse {
                minter: Self::holder_addr(api, h, treasury).to_string(),
                cap: cap.map(Uint128::new),
            }),
            marketing: None,
            arbiter: api.addr_make("arbiter").to_string(),
            treasury: treasury.to_string(),
            unlock_delay: None,
            tiers: None,
            owner: None,
        };
        if let Some(edit) = &self.token_edit {
            edit(&mut msg);
        }
        msg
    }

    /// The treasury's instantiate message this builder sends: feeder `addr_make("feeder")`, no
    /// operators, no pool caps, then [`Self::with_treasury_init`]'s edit.
    pub fn treasury_msg(&self, api: &MockApi) -> TreasuryInstantiateMsg {
        let mut msg = TreasuryInstantiateMsg {
            owner: None,
            feeder: api.addr_make("feeder").to_string(),
            operators: vec![],
            max_price_age: None,
            max_batch: None,
            month_seconds: None,
            epoch_claim_seconds: None,
            pool_caps: vec![],
            genesis_vesting: None,
        };
        if let Some(edit) = &self.treasury_edit {
            edit(&mut msg);
        }
        msg
    }

    /// Deploys and wires the suite (see the type's docs for the order), then posts the price.
    pub fn build(mut self) -> Suite {
        let api = MockApi::default();
        let mut funds: std::collections::BTreeMap<Addr, Vec<Coin>> = Default::default();
        for (n, c) in &self.native {
            funds.entry(api.addr_make(n)).or_default().push(c.clone());
        }
        let mut app = AppBuilder::new().build(|router, _api, storage| {
            for (who, coins) in funds {
                router
                    .bank
                    .init_balance(storage, &who, coins)
                    .expect("genesis bank balance");
            }
        });
        if let Some(t) = self.start_time {
            app.update_block(|b| b.time = Timestamp::from_seconds(t));
        }
        let owner = api.addr_make("owner");
        let arbiter = api.addr_make("arbiter");
        let feeder = api.addr_make("feeder");
        let admin = Some(owner.to_string());

        let treasury_code = self
            .deploy_treasury
            .then(|| app.store_code(self.treasury_code.take().unwrap_or_else(treasury_contract)));
        let token_code = app.store_code(self.token_code.take().unwrap_or_else(token_contract));
        let gallery_code = self
            .deploy_gallery
            .then(|| app.store_code(self.gallery_code.take().unwrap_or_else(gallery_contract)));

        let treasury = match treasury_code {
            Some(code) => app
                .instantiate_contract(
                    code,
                    owner.clone(),
                    &self.treasury_msg(&api),
                    &[],
                    "treasury",
                    admin.clone(),
                )
                .expect("treasury instantiates"),
            None => api.addr_make("treasury"),
        };
        let token = app
            .instantiate_contract(
                token_code,
                owner.clone(),
                &self.token_msg(&api, &treasury),
                &[],
                "mesi",
                admin.clone(),
            )
            .expect("token instantiates");
        if self.treasury_knows_token && treasury_code.is_some() {
            app.execute_contract(
                owner.clone(),
                treasury.clone(),
                &mesi_types::treasury::ExecuteMsg::SetToken {
                    address: token.to_string(),
                },
                &[],
            )
            .expect("the owner sets the treasury's token");
        }
        let gallery = match gallery_code {
            Some(code) => app
                .instantiate_contract(
                    code,
                    owner.clone(),
                    &GalleryInstantiateMsg {
                        name: "Mesi Gallery".into(),
                        symbol: "MESIG".into(),
                        arbiter: arbiter.to_string(),
                        pledge_denom: NATIVE.into(),
                        owner: None,
                    },
                    &[],
                    "gallery",
                    admin,
                )
                .expect("gallery instantiates"),
            None => api.addr_make("gallery"),
        };
        let feeds_price = self.feed_price && treasury_code.is_some();
        let mut suite = Suite {
            app,
            owner,
            arbiter,
            feeder,
            token,
            treasury,
            gallery,
            codes: Codes {
                token: token_code,
                treasury: treasury_code,
                gallery: gallery_code,
            },
            price: self.price,
            feeds_price,
        };
        if feeds_price {
            suite.post_price(self.price);
        }
        suite
    }
}

/// The code ids the suite stored (`None`: not deployed).
#[derive(Clone, Copy, Debug)]
pub struct Codes {
    pub token: u64,
    pub treasury: Option<u64>,
    pub gallery: Option<u64>,
}

/// The running suite. Every executor returns the multi-test result so tests can assert errors.
pub struct Suite {
    pub app: App,
    /// Owner (admin) of every contract.
    pub owner: Addr,
    /// Arbiter of the token and the gallery.
    pub arbiter: Addr,
    /// Posts the treasury price.
    pub feeder: Addr,
    pub token: Addr,
    pub treasury: Addr,
    pub gallery: Addr,
    pub codes: Codes,
    /// The price [`Suite::advance`] re-posts.
    pub price: Decimal,
    /// Whether [`Suite::advance`] posts the price (a treasury is deployed and the price is on).
    pub feeds_price: bool,
}

impl Suite {
    /// The address of a name.
    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    /// Block time, seconds.
    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    /// Moves time forward and re-posts the price (kept fresh) when the suite feeds one.
    pub fn advance(&mut self, secs: u64) {
        self.advance_stale(secs);
        if self.feeds_price {
            let price = self.price;
            self.post_price(price);
        }
    }

    /// Moves time forward without a new price (it goes stale after the treasury's max age, 1 h).
    pub fn advance_stale(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += secs / 5 + 1;
        });
    }

    /// Moves time to exactly `t` (block seconds) without a new price.
    pub fn set_time(&mut self, t: u64) {
        let now = self.now();
        assert!(t >= now, "time only moves forward");
        self.advance_stale(t - now);
    }

    pub fn post_price(&mut self, price: Decimal) {
        self.price = price;
        self.app
            .execute_contract(
                self.feeder.clone(),
                self.treasury.clone(),
                &mesi_types::treasury::ExecuteMsg::PostPrice { price },
                &[],
            )
            .expect("the feeder posts a price");
    }

    /// Stores and instantiates another contract (owner = admin = `self.owner`).
    pub fn instantiate<T: Serialize>(
        &mut self,
        code: Box<dyn Contract<Empty>>,
        msg: &T,
        label: &str,
    ) -> AnyResult<Addr> {
        self.deploy(code, msg, label).map(|(_, addr)| addr)
    }

    /// [`Suite::instantiate`] that also returns the stored code id (for migrations).
    pub fn deploy<T: Serialize>(
        &mut self,
        code: Box<dyn Contract<Empty>>,
        msg: &T,
        label: &str,
    ) -> AnyResult<(u64, Addr)> {
        let id = self.app.store_code(code);
        let addr = self.app.instantiate_contract(
            id,
            self.owner.clone(),
            msg,
            &[],
            label,
            Some(self.owner.to_string()),
        )?;
        Ok((id, addr))
    }

    /// `name` executes `msg` on `contract` with `funds`.
    pub fn exec<T: Serialize + std::fmt::Debug>(
        &mut self,
        name: &str,
        contract: &Addr,
        msg: &T,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        let sender = self.addr(name);
        self.app
            .execute_contract(sender, contract.clone(), msg, funds)
    }

    // ---- token ----

    pub fn mesi_balance(&self, who: &Addr) -> u128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &cw20::Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .expect("balance query");
        r.balance.u128()
    }

    /// The token's total supply, base units.
    pub fn mesi_supply(&self) -> u128 {
        let r: cw20::TokenInfoResponse = self
            .app
            .wrap()
            .query_wasm_smart(&self.token, &cw20::Cw20QueryMsg::TokenInfo {})
            .expect("token info query");
        r.total_supply.u128()
    }

    pub fn native_balance(&self, who: &Addr) -> u128 {
        self.app
            .wrap()
            .query_balance(who, NATIVE)
            .expect("bank balance")
            .amount
            .u128()
    }

    /// cw20 `Send` of `amount` base units from `name` to `contract` with hook `msg`.
    pub fn send_mesi<T: Serialize>(
        &mut self,
        name: &str,
        contract: &Addr,
        amount: u128,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        self.send_cw20(name, &token, contract, amount, msg)
    }

    /// cw20 `Send` of `amount` base units of the cw20 `token` from `name` to `contract` with hook
    /// `msg` (e.g. from a [`Suite::fake_token`]).
    pub fn send_cw20<T: Serialize>(
        &mut self,
        name: &str,
        token: &Addr,
        contract: &Addr,
        amount: u128,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        self.exec(
            name,
            token,
            &Cw20ExecuteMsg::Send {
                contract: contract.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(msg)?,
            },
            &[],
        )
    }

    /// A second, genuine mesi-token instance (the suite's token code, even the symbol `MESI`: only
    /// the address tells it apart) that `holder` instantiates and holds all `supply` base units of
    /// (also its minter, arbiter and treasury): "a real cw20 that is not the configured token" for
    /// the adversarial tests.
    pub fn fake_token(&mut self, holder: &str, supply: u128) -> Addr {
        let holder = self.addr(holder);
        let msg = TokenInstantiateMsg {
            name: "Fake Mesi".into(),
            symbol: "MESI".into(),
            decimals: 6,
            genesis_supply: Some(Uint128::new(supply)),
            allocations: vec![Allocation {
                label: "all".into(),
                address: holder.to_string(),
                amount: Uint128::new(supply),
            }],
            mint: Some(MinterResponse {
                minter: holder.to_string(),
                cap: None,
            }),
            marketing: None,
            arbiter: holder.to_string(),
            treasury: holder.to_string(),
            unlock_delay: None,
            tiers: None,
            owner: None,
        };
        self.app
            .instantiate_contract(self.codes.token, holder, &msg, &[], "fake", None)
            .expect("the fake token instantiates")
    }

    /// cw20 `Transfer` between names.
    pub fn transfer_mesi(&mut self, from: &str, to: &str, amount: u128) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        let recipient = self.addr(to).to_string();
        self.exec(
            from,
            &token,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
            &[],
        )
    }

    /// The token's `lock` (creator tiers follow the locked amount).
    pub fn lock(&mut self, name: &str, amount: u128) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        self.exec(
            name,
            &token,
            &mesi_types::token::ExecuteMsg::Lock {
                amount: Uint128::new(amount),
            },
            &[],
        )
    }

    /// The token's `unlock` (starts the unlock delay).
    pub fn unlock(&mut self, name: &str, amount: u128) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        self.exec(
            name,
            &token,
            &mesi_types::token::ExecuteMsg::Unlock {
                amount: Uint128::new(amount),
            },
            &[],
        )
    }

    pub fn tier(&self, name: &str) -> TierResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &mesi_types::token::QueryMsg::Tier {
                    address: self.addr(name).to_string(),
                },
            )
            .expect("tier query")
    }

    // ---- gallery ----

    /// `creator` mints `token_id` into its own gallery (a photo, ownership revenue, PPV on).
    pub fn mint_nft(&mut self, creator: &str, token_id: &str) -> AnyResult<AppResponse> {
        let gallery = self.gallery.clone();
        let owner = self.addr(creator).to_string();
        self.exec(
            creator,
            &gallery,
            &mesi_types::gallery::ExecuteMsg::Mint {
                token_id: token_id.to_string(),
                owner,
                token_uri: None,
                extension: MintExtension {
                    media_kind: MediaKind::Photo,
                    content_hash: "ab".repeat(32),
                    tags: vec![],
                    year: 2024,
                    ad_revenue: AdRevenueModel::Ownership,
                    pay_per_view: true,
                    rights_confirmed: true,
                },
            },
            &[],
        )
    }

    /// `name` sends `token_id` to `contract` with hook `msg` (cw721 `send_nft`).
    pub fn send_nft<T: Serialize>(
        &mut self,
        name: &str,
        contract: &Addr,
        token_id: &str,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        let gallery = self.gallery.clone();
        self.exec(
            name,
            &gallery,
            &mesi_types::gallery::ExecuteMsg::SendNft {
                contract: contract.to_string(),
                token_id: token_id.to_string(),
                msg: to_json_binary(msg)?,
            },
            &[],
        )
    }

    /// `name` attaches `amount` of [`NATIVE`] as the token's trust pledge.
    pub fn pledge(&mut self, name: &str, token_id: &str, amount: u128) -> AnyResult<AppResponse> {
        let gallery = self.gallery.clone();
        self.exec(
            name,
            &gallery,
            &mesi_types::gallery::ExecuteMsg::Pledge {
                token_id: token_id.to_string(),
            },
            &coins(amount, NATIVE),
        )
    }

    /// The arbiter rules on a token with no pledge payouts: `outcome` moves or burns it.
    pub fn arbiter_resolve(
        &mut self,
        token_id: &str,
        outcome: mesi_types::gallery::ResolveOutcome,
    ) -> AnyResult<AppResponse> {
        let arbiter = self.arbiter.clone();
        let gallery = self.gallery.clone();
        self.app.execute_contract(
            arbiter,
            gallery,
            &mesi_types::gallery::ExecuteMsg::Resolve {
                token_id: token_id.to_string(),
                payouts: vec![],
                outcome,
            },
            &[],
        )
    }

    /// The token's owner in the gallery, `None` when it does not exist.
    pub fn nft_owner(&self, token_id: &str) -> Option<Addr> {
        self.app
            .wrap()
            .query_wasm_smart::<mesi_types::gallery::OwnerOfResponse>(
                &self.gallery,
                &mesi_types::gallery::QueryMsg::OwnerOf {
                    token_id: token_id.to_string(),
                    include_expired: None,
                },
            )
            .ok()
            .map(|r| Addr::unchecked(r.owner))
    }

    /// The token's live trust pledge.
    pub fn pledge_of(&self, token_id: &str) -> u128 {
        let r: mesi_types::gallery::PledgeResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.gallery,
                &mesi_types::gallery::QueryMsg::Pledge {
                    token_id: token_id.to_string(),
                },
            )
            .expect("pledge query");
        r.amount.u128()
    }
}

/// The first attribute `key` in any event of `res`.
pub fn attr(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// The first attribute `key` of `res`, parsed as a `u64` id.
pub fn attr_u64(res: &AppResponse, key: &str) -> u64 {
    attr(res, key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .parse()
        .unwrap_or_else(|_| panic!("attribute {key} is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_wires_token_treasury_and_gallery() {
        let mut s = SuiteBuilder::new()
            .with_mesi("alice", 1_000)
            .with_native("bob", 50 * USD)
            .with_price("2")
            .build();
        assert_eq!(s.mesi_balance(&s.addr("alice")), 1_000 * M);
        assert_eq!(s.native_balance(&s.addr("bob")), 50 * USD);
        s.lock("alice", 500 * M).unwrap();
        // 500 locked: creator tier 1; the same 500 count as influence points, so fan tier 5
        let tier = s.tier("alice");
        assert_eq!((tier.creator_tier, tier.fan_tier, tier.tier), (1, 5, 5));
        s.mint_nft("alice", "art-1").unwrap();
        assert_eq!(s.nft_owner("art-1"), Some(s.addr("alice")));
        s.pledge("bob", "art-1", 10 * USD).unwrap_err(); // only the creator or owner pledges
        s.advance(2 * HOUR);
        let conv: mesi_types::treasury::ConversionResponse = s
            .app
            .wrap()
            .query_wasm_smart(
                &s.treasury,
                &mesi_types::treasury::QueryMsg::UsdToMesi {
                    usd: Uint128::new(10 * USD),
                },
            )
            .unwrap();
        assert_eq!(
            conv.mesi.u128(),
            5 * M,
            "USD 10 at USD 2 per MESI, fresh after advance"
        );
    }

    #[test]
    fn a_token_only_suite_mints_exactly_the_genesis_given() {
        let mut s = SuiteBuilder::new()
            .without_treasury()
            .without_gallery()
            .without_reserve()
            .with_genesis("alice", 7)
            .with_genesis(Holder::Treasury, 3)
            .with_minter("minter", Some(20))
            .build();
        assert_eq!((s.codes.treasury, s.codes.gallery), (None, None));
        assert_eq!(
            s.treasury,
            s.addr("treasury"),
            "the treasury is a plain account"
        );
        assert_eq!(s.mesi_balance(&s.addr("alice")), 7);
        assert_eq!(s.mesi_balance(&s.addr("treasury")), 3);
        let info: cw20::TokenInfoResponse = s
            .app
            .wrap()
            .query_wasm_smart(&s.token, &cw20::Cw20QueryMsg::TokenInfo {})
            .unwrap();
        assert_eq!(info.total_supply.u128(), 10, "no reserve allocation");
        s.advance(2 * HOUR); // no price feed to post to
        let fake = s.fake_token("mallory", 5);
        assert_ne!(fake, s.token);
        assert_eq!(
            s.mesi_balance(&s.addr("mallory")),
            0,
            "fake units are not MESI"
        );
    }
}
