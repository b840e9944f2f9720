//! The marketplace on top of the shared suite (`mesi-testing`): token, treasury and gallery wired, the
//! marketplace instantiated beside them. Story helpers: `m.list("alice", "art-1", 50 * M, Mesi)`,
//! `m.buy_mesi("bob", id, 50 * M)`, `m.s.advance(2 * DAY)`, `m.finalize(sid)`.

use cosmwasm_std::{coins, Addr, Coin, Empty, Uint128};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Contract, ContractWrapper, Executor};
use mesi_testing::{attr_u64, Suite, SuiteBuilder, M, NATIVE, USD};
use mesi_types::marketplace::{
    Asset, AuctionResponse, ClaimableResponse, ConfigUpdate, ExecuteMsg, InstantiateMsg,
    ListingResponse, NftMsg, OfferResponse, QueryMsg, SellerFitsTierResponse, SettlementResponse,
    TokenMsg,
};

use crate::contract::{execute, instantiate, migrate, query};
use crate::error::ContractError;

pub use mesi_testing::{DAY, HOUR, MINUTE};

pub fn marketplace_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// Extracts the marketplace's typed error from a failed execution (also through a cw20 `Send` or a
/// cw721 `send_nft`).
pub fn err(r: AnyResult<impl std::fmt::Debug>) -> ContractError {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => match e.downcast::<ContractError>() {
            Ok(ce) => ce,
            Err(e) => panic!("not a marketplace ContractError: {e:?}"),
        },
    }
}

/// Default instantiate message (addresses filled in by [`Market::build`]).
pub fn default_msg() -> InstantiateMsg {
    InstantiateMsg {
        owner: None,
        gallery: String::new(),
        token: String::new(),
        treasury: String::new(),
        arbiter: String::new(),
        native_denom: NATIVE.to_string(),
        commission_bps: None,
        compliance_window: None,
        day_seconds: None,
        min_auction_days: None,
        anti_snipe_window: None,
        anti_snipe_extension: None,
        min_increment_bps: None,
        tier_limits: None,
    }
}

pub struct Market {
    pub s: Suite,
    pub mp: Addr,
}

/// Sellers `alice` (creator tier 0, 50 MESI: fan tier 0 too), `carla` (creator tier 2: 1,000 locked)
/// and `erin` (600 MESI, nothing locked), buyers `bob` and `dan` with
/// MESI and `uusdc`. Price USD 1 per MESI: tier 0's USD 100 = 100 MESI.
pub fn market() -> Market {
    Market::build(|_| {})
}

impl Market {
    pub fn build(f: impl FnOnce(&mut InstantiateMsg)) -> Market {
        let mut s = SuiteBuilder::new()
            .with_mesi("alice", 50)
            .with_mesi("erin", 600)
            .with_mesi("carla", 10_000)
            .with_mesi("bob", 10_000)
            .with_mesi("dan", 10_000)
            .with_native("bob", 10_000 * USD)
            .with_coin("bob", 1_000, "ustake")
            .with_native("dan", 10_000 * USD)
            .with_native("alice", 10 * USD)
            .build();
        s.lock("carla", 1_000 * M).unwrap();
        let mut msg = default_msg();
        msg.gallery = s.gallery.to_string();
        msg.token = s.token.to_string();
        msg.treasury = s.treasury.to_string();
        msg.arbiter = s.arbiter.to_string();
        f(&mut msg);
        let mp = s
            .instantiate(marketplace_contract(), &msg, "marketplace")
            .unwrap();
        // The gallery counts the marketplace's escrow as "listed" (issue 14).
        let (owner, gallery) = (s.owner.clone(), s.gallery.clone());
        s.app
            .execute_contract(
                owner,
                gallery,
                &mesi_types::gallery::ExecuteMsg::UpdateConfig {
                    arbiter: None,
                    pledge_denom: None,
                    name: None,
                    symbol: None,
                    marketplace: Some(mp.to_string()),
                },
                &[],
            )
            .unwrap();
        // The token's `unlock` asks the marketplace (SPEC §3).
        let (owner, token) = (s.owner.clone(), s.token.clone());
        s.app
            .execute_contract(
                owner,
                token,
                &mesi_types::token::ExecuteMsg::UpdateConfig {
                    arbiter: None,
                    treasury: None,
                    unlock_delay: None,
                    tiers: None,
                    marketplace: Some(mp.to_string()),
                },
                &[],
            )
            .unwrap();
        Market { s, mp }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.s.addr(name)
    }

    pub fn exec(&mut self, name: &str, msg: &ExecuteMsg, funds: &[Coin]) -> AnyResult<AppResponse> {
        let mp = self.mp.clone();
        self.s.exec(name, &mp, msg, funds)
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.s.app.wrap().query_wasm_smart(&self.mp, msg).unwrap()
    }

    pub fn send_nft(&mut self, name: &str, token_id: &str, msg: &NftMsg) -> AnyResult<AppResponse> {
        let mp = self.mp.clone();
        self.s.send_nft(name, &mp, token_id, msg)
    }

    pub fn send_mesi(
        &mut self,
        name: &str,
        amount: u128,
        msg: &TokenMsg,
    ) -> AnyResult<AppResponse> {
        let mp = self.mp.clone();
        self.s.send_mesi(name, &mp, amount, msg)
    }

    /// Mints `token_id` for `seller` and lists it; returns the listing id.
    pub fn mint_and_list(
        &mut self,
        seller: &str,
        token_id: &str,
        price: u128,
        asset: Asset,
    ) -> u64 {
        self.s.mint_nft(seller, token_id).unwrap();
        self.list(seller, token_id, price, asset).unwrap()
    }

    pub fn list(
        &mut self,
        seller: &str,
        token_id: &str,
        price: u128,
        asset: Asset,
    ) -> AnyResult<u64> {
        self.list_with(seller, token_id, price, asset, None, None)
    }

    pub fn list_with(
        &mut self,
        seller: &str,
        token_id: &str,
        price: u128,
        asset: Asset,
        expires: Option<u64>,
        reserved_for: Option<&str>,
    ) -> AnyResult<u64> {
        let reserved_for = reserved_for.map(|n| self.addr(n).to_string());
        let res = self.send_nft(
            seller,
            token_id,
            &NftMsg::List {
                price: Uint128::new(price),
                asset,
                expires,
                reserved_for,
            },
        )?;
        Ok(attr_u64(&res, "listing_id"))
    }

    pub fn auction(
        &mut self,
        seller: &str,
        token_id: &str,
        reserve: u128,
        asset: Asset,
        days: u32,
    ) -> AnyResult<u64> {
        let res = self.send_nft(
            seller,
            token_id,
            &NftMsg::Auction {
                reserve: Uint128::new(reserve),
                asset,
                days,
            },
        )?;
        Ok(attr_u64(&res, "auction_id"))
    }

    /// A $MESI buy paying `max_price`; returns the settlement id.
    pub fn buy_mesi(&mut self, buyer: &str, listing_id: u64, max_price: u128) -> AnyResult<u64> {
        let res = self.send_mesi(
            buyer,
            max_price,
            &TokenMsg::Buy {
                listing_id,
                max_price: Uint128::new(max_price),
            },
        )?;
        Ok(attr_u64(&res, "settlement_id"))
    }

    /// A native buy attaching `max_price` uusdc; returns the settlement id.
    pub fn buy_native(&mut self, buyer: &str, listing_id: u64, max_price: u128) -> AnyResult<u64> {
        let res = self.exec(
            buyer,
            &ExecuteMsg::Buy {
                listing_id,
                max_price: Uint128::new(max_price),
            },
            &coins(max_price, NATIVE),
        )?;
        Ok(attr_u64(&res, "settlement_id"))
    }

    pub fn bid_mesi(
        &mut self,
        bidder: &str,
        auction_id: u64,
        amount: u128,
    ) -> AnyResult<AppResponse> {
        self.send_mesi(bidder, amount, &TokenMsg::Bid { auction_id })
    }

    pub fn bid_native(
        &mut self,
        bidder: &str,
        auction_id: u64,
        amount: u128,
    ) -> AnyResult<AppResponse> {
        self.exec(
            bidder,
            &ExecuteMsg::Bid { auction_id },
            &coins(amount, NATIVE),
        )
    }

    /// A $MESI offer valid for `ttl` seconds; returns the offer id.
    pub fn offer_mesi(
        &mut self,
        offerer: &str,
        token_id: &str,
        amount: u128,
        ttl: u64,
    ) -> AnyResult<u64> {
        let expires = self.s.now() + ttl;
        let res = self.send_mesi(
            offerer,
            amount,
            &TokenMsg::Offer {
                token_id: token_id.to_string(),
                expires,
            },
        )?;
        Ok(attr_u64(&res, "offer_id"))
    }

    pub fn settle(&mut self, who: &str, auction_id: u64) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::SettleAuction { auction_id }, &[])
    }

    pub fn finalize(&mut self, who: &str, settlement_id: u64) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::Finalize { settlement_id }, &[])
    }

    pub fn refund(&mut self, settlement_id: u64) -> AnyResult<AppResponse> {
        let arbiter = self.s.arbiter.clone();
        let mp = self.mp.clone();
        self.s
            .app
            .execute_contract(arbiter, mp, &ExecuteMsg::Refund { settlement_id }, &[])
    }

    pub fn withdraw(&mut self, who: &str, asset: Asset) -> AnyResult<AppResponse> {
        self.exec(who, &ExecuteMsg::Withdraw { asset }, &[])
    }

    pub fn update_config(&mut self, u: ConfigUpdate) -> AnyResult<AppResponse> {
        let owner = self.s.owner.clone();
        let mp = self.mp.clone();
        self.s
            .app
            .execute_contract(owner, mp, &ExecuteMsg::UpdateConfig(u), &[])
    }

    // ---- queries ----
    pub fn listing(&self, id: u64) -> ListingResponse {
        self.q(&QueryMsg::Listing { listing_id: id })
    }

    pub fn auction_of(&self, id: u64) -> AuctionResponse {
        self.q(&QueryMsg::Auction { auction_id: id })
    }

    pub fn offer(&self, id: u64) -> OfferResponse {
        self.q(&QueryMsg::Offer { offer_id: id })
    }

    pub fn settlement(&self, id: u64) -> SettlementResponse {
        self.q(&QueryMsg::Settlement { settlement_id: id })
    }

    pub fn claimable(&self, name: &str) -> (u128, u128) {
        let r: ClaimableResponse = self.q(&QueryMsg::Claimable {
            address: self.addr(name).to_string(),
        });
        (r.mesi.u128(), r.native.u128())
    }

    pub fn fits(&self, name: &str, creator_tier: u8) -> SellerFitsTierResponse {
        self.q(&QueryMsg::SellerFitsTier {
            seller: self.addr(name).to_string(),
            creator_tier,
        })
    }

    pub fn owner_is_market(&self, token_id: &str) -> bool {
        self.s.nft_owner(token_id) == Some(self.mp.clone())
    }

    pub fn mesi(&self, name: &str) -> u128 {
        self.s.mesi_balance(&self.addr(name))
    }

    pub fn native(&self, name: &str) -> u128 {
        self.s.native_balance(&self.addr(name))
    }
}
