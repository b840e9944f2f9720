//! Builder-style suite: bid-to-meet on the shared suite (`mesi-testing`: the real token and the real
//! treasury with its price feed).
//! Reads like a story: `suite.bid("fan", "creator", VirtualVideo, 10 * M)`, `suite.advance(DAY)`.

use std::str::FromStr;

use cosmwasm_std::{Addr, Decimal, Empty, Uint128};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Contract, Executor};
use mesi_types::bid_to_meet::{
    BidResponse, BidsResponse, ConfigResponse, ExecuteMsg, Format, InstantiateMsg, QueryMsg,
    ReceiveMsg, RefundResponse, SlotResponse, SlotsResponse,
};

use crate::error::ContractError;
use crate::helpers::hash_code;

pub use mesi_testing::{attr_u64, DAY, HOUR, M, MINUTE, USD};
/// The bank denom whales hold (bid-to-meet takes no native funds).
pub const NATIVE: &str = "ustake";

/// Genesis balances (whole MESI). Tier after 7 days of holding: whales 5 (unlimited),
/// `small` 1 (150 MESI held), `mid` 2 (250), `poor` 0 (50).
pub const HOLDERS: [(&str, u128); 7] = [
    ("whale", 1_000_000),
    ("whale2", 1_000_000),
    ("whale3", 1_000_000),
    ("small", 150),
    ("mid", 250),
    ("poor", 50),
    ("creator", 1_000),
];

pub fn btm_contract() -> Box<dyn Contract<Empty>> {
    mesi_testing::code_of!(crate::contract)
}

/// Extracts our typed error from a failed execution (also through the token's Send).
pub fn err(r: AnyResult<impl std::fmt::Debug>) -> ContractError {
    mesi_testing::typed_err(r)
}

pub struct SuiteBuilder {
    pub price: Decimal,
    pub instantiate: InstantiateMsg,
    pub kyc: Vec<&'static str>,
}

impl SuiteBuilder {
    pub fn new() -> Self {
        SuiteBuilder {
            // 10 USD per MESI: tier 1 = 200 USD = 20 MESI, tier 2 = 40 MESI.
            price: Decimal::from_str("10").unwrap(),
            instantiate: InstantiateMsg {
                owner: None,
                token: String::new(),
                treasury: String::new(),
                operator: String::new(),
                arbiter: String::new(),
                commission_bps: None,
                tier_limits_usd: None,
                kyf_window: None,
                meeting_window: None,
                anti_snipe_window: None,
                anti_snipe_extension: None,
                max_slot_duration: None,
                slot_settle_window: None,
            },
            kyc: vec!["whale", "whale2", "whale3", "small", "mid", "poor"],
        }
    }

    pub fn with_kyc(mut self, names: Vec<&'static str>) -> Self {
        self.kyc = names;
        self
    }

    /// The shared suite (treasury and token with [`HOLDERS`], no gallery; `whale` holds
    /// 1,000,000 [`NATIVE`]), then bid-to-meet with `operator` as its operator.
    pub fn build(self) -> Suite {
        let mut shared = HOLDERS.iter().fold(
            mesi_testing::SuiteBuilder::new()
                .without_gallery()
                .without_reserve()
                .with_coin("whale", 1_000_000, NATIVE),
            |b, (name, whole)| b.with_mesi(name, *whole),
        );
        shared.price = self.price;
        let mut s = shared.build();
        let operator = s.addr("operator");
        let mut msg = self.instantiate;
        msg.token = s.token.to_string();
        msg.treasury = s.treasury.to_string();
        msg.operator = operator.to_string();
        msg.arbiter = s.arbiter.to_string();
        let (btm_code, btm) = s.deploy(btm_contract(), &msg, "btm").unwrap();

        let mut suite = Suite {
            s,
            operator,
            btm,
            btm_code,
        };
        // Let the genesis balances age into holding scores (tiers), then post a fresh price.
        suite.advance(7 * DAY);
        for name in self.kyc {
            let op = suite.operator.clone();
            suite.set_kyc(&op, name, true).unwrap();
        }
        suite
    }
}

/// The shared suite (`app`, `owner`, `arbiter`, `token`, `treasury`, `advance`, `post_price`, ...
/// through `Deref`) plus bid-to-meet.
pub struct Suite {
    pub s: mesi_testing::Suite,
    pub operator: Addr,
    pub btm: Addr,
    pub btm_code: u64,
}

mesi_testing::extends_suite!(Suite);

impl Suite {
    /// Attribute `key` of this contract's own wasm event (not the token's).
    pub fn attr(&self, res: &AppResponse, key: &str) -> Option<String> {
        res.events
            .iter()
            .filter(|e| e.ty == "wasm")
            .filter(|e| {
                e.attributes
                    .iter()
                    .any(|a| a.key == "_contract_address" && a.value == self.btm.as_str())
            })
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    }

    // ---- token ----
    pub fn balance(&self, who: &Addr) -> u128 {
        self.mesi_balance(who)
    }

    pub fn bal(&self, name: &str) -> u128 {
        self.balance(&self.addr(name))
    }

    pub fn held(&self) -> u128 {
        self.balance(&self.btm)
    }

    pub fn tier(&self, name: &str) -> u8 {
        self.s.tier(name).tier
    }

    pub fn send(&mut self, from: &str, amount: u128, msg: &ReceiveMsg) -> AnyResult<AppResponse> {
        let btm = self.btm.clone();
        self.send_mesi(from, &btm, amount, msg)
    }

    // ---- bid-to-meet executes ----
    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let btm = self.btm.clone();
        self.app.execute_contract(sender.clone(), btm, msg, &[])
    }

    pub fn exec_as(&mut self, name: &str, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        let sender = self.addr(name);
        self.exec(&sender, msg)
    }

    pub fn enable(
        &mut self,
        creator: &str,
        min_bid: u128,
        formats: &[Format],
    ) -> AnyResult<AppResponse> {
        self.exec_as(
            creator,
            &ExecuteMsg::Enable {
                min_bid: Uint128::new(min_bid),
                formats: formats.to_vec(),
            },
        )
    }

    pub fn set_kyc(
        &mut self,
        sender: &Addr,
        name: &str,
        completed: bool,
    ) -> AnyResult<AppResponse> {
        let address = self.addr(name).to_string();
        self.exec(sender, &ExecuteMsg::SetKyc { address, completed })
    }

    /// A direct bid; returns the new bid id.
    pub fn bid(
        &mut self,
        fan: &str,
        creator: &str,
        format: Format,
        amount: u128,
    ) -> AnyResult<u64> {
        let creator = self.addr(creator).to_string();
        let res = self.send(fan, amount, &ReceiveMsg::Bid { creator, format })?;
        Ok(attr_u64(&res, "bid_id"))
    }

    pub fn raise(&mut self, fan: &str, bid_id: u64, amount: u128) -> AnyResult<AppResponse> {
        self.send(fan, amount, &ReceiveMsg::Raise { bid_id })
    }

    pub fn slot_bid(&mut self, fan: &str, slot_id: u64, amount: u128) -> AnyResult<u64> {
        let res = self.send(fan, amount, &ReceiveMsg::SlotBid { slot_id })?;
        Ok(attr_u64(&res, "bid_id"))
    }

    pub fn withdraw(&mut self, fan: &str, bid_id: u64) -> AnyResult<AppResponse> {
        self.exec_as(fan, &ExecuteMsg::Withdraw { bid_id })
    }

    pub fn accept(
        &mut self,
        creator: &str,
        bid_id: u64,
        code: &str,
        request_kyf: bool,
    ) -> AnyResult<AppResponse> {
        self.exec_as(
            creator,
            &ExecuteMsg::Accept {
                bid_id,
                code_hash: hash_code(code),
                request_kyf,
            },
        )
    }

    pub fn consent(&mut self, fan: &str, bid_id: u64) -> AnyResult<AppResponse> {
        self.exec_as(fan, &ExecuteMsg::ConsentKyf { bid_id })
    }

    pub fn cancel_kyf(&mut self, sender: &str, bid_id: u64) -> AnyResult<AppResponse> {
        self.exec_as(sender, &ExecuteMsg::CancelKyf { bid_id })
    }

    pub fn release(&mut self, fan: &str, bid_id: u64, code: &str) -> AnyResult<AppResponse> {
        self.exec_as(
            fan,
            &ExecuteMsg::Release {
                bid_id,
                code: code.to_string(),
            },
        )
    }

    pub fn reclaim(&mut self, fan: &str, bid_id: u64) -> AnyResult<AppResponse> {
        self.exec_as(fan, &ExecuteMsg::Reclaim { bid_id })
    }

    pub fn dispute(&mut self, sender: &str, bid_id: u64) -> AnyResult<AppResponse> {
        self.exec_as(sender, &ExecuteMsg::Dispute { bid_id })
    }

    pub fn resolve(
        &mut self,
        sender: &Addr,
        bid_id: u64,
        to_fan: u128,
        to_creator: u128,
    ) -> AnyResult<AppResponse> {
        self.exec(
            sender,
            &ExecuteMsg::Resolve {
                bid_id,
                to_fan: Uint128::new(to_fan),
                to_creator: Uint128::new(to_creator),
            },
        )
    }

    /// Opens a slot ending `duration` seconds from now; returns its id.
    pub fn open_slot(
        &mut self,
        creator: &str,
        format: Format,
        duration: u64,
        min_bid: u128,
        min_increment: u128,
    ) -> AnyResult<u64> {
        let end_time = self.now() + duration;
        let res = self.exec_as(
            creator,
            &ExecuteMsg::OpenSlot {
                format,
                end_time,
                min_bid: Uint128::new(min_bid),
                min_increment: Uint128::new(min_increment),
            },
        )?;
        Ok(attr_u64(&res, "slot_id"))
    }

    pub fn settle(
        &mut self,
        creator: &str,
        slot_id: u64,
        code: &str,
        request_kyf: bool,
    ) -> AnyResult<AppResponse> {
        self.exec_as(
            creator,
            &ExecuteMsg::SettleSlot {
                slot_id,
                code_hash: hash_code(code),
                request_kyf,
            },
        )
    }

    pub fn withdraw_refunds(&mut self, who: &str) -> AnyResult<AppResponse> {
        self.exec_as(who, &ExecuteMsg::WithdrawRefunds {})
    }

    // ---- bid-to-meet queries ----
    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.btm, msg).unwrap()
    }

    pub fn get_bid(&self, bid_id: u64) -> BidResponse {
        self.q(&QueryMsg::Bid { bid_id })
    }

    pub fn get_slot(&self, slot_id: u64) -> SlotResponse {
        self.q(&QueryMsg::Slot { slot_id })
    }

    pub fn refund(&self, name: &str) -> u128 {
        let r: RefundResponse = self.q(&QueryMsg::Refund {
            address: self.addr(name).to_string(),
        });
        r.amount.u128()
    }

    pub fn config(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }

    pub fn bids_by_creator(
        &self,
        name: &str,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> Vec<BidResponse> {
        let r: BidsResponse = self.q(&QueryMsg::BidsByCreator {
            creator: self.addr(name).to_string(),
            start_after,
            limit,
        });
        r.bids
    }

    pub fn bids_by_fan(
        &self,
        name: &str,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> Vec<BidResponse> {
        let r: BidsResponse = self.q(&QueryMsg::BidsByFan {
            fan: self.addr(name).to_string(),
            start_after,
            limit,
        });
        r.bids
    }

    pub fn slots_by_creator(
        &self,
        name: &str,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> Vec<SlotResponse> {
        let r: SlotsResponse = self.q(&QueryMsg::SlotsByCreator {
            creator: self.addr(name).to_string(),
            start_after,
            limit,
        });
        r.slots
    }

    /// Sum of every live escrow plus every unclaimed refund credit, reading all bids of the
    /// given creators page by page (small pages exercise the pagination).
    pub fn owed(&self, creators: &[&str], fans: &[&str]) -> u128 {
        let mut total = 0u128;
        for c in creators {
            let mut start = None;
            loop {
                let page = self.bids_by_creator(c, start, Some(7));
                let Some(last) = page.last() else { break };
                start = Some(last.id);
                total += page
                    .iter()
                    .filter(|b| {
                        use mesi_types::bid_to_meet::BidStatus::*;
                        matches!(b.status, Open | AwaitingKyf | Accepted | Disputed)
                    })
                    .map(|b| b.amount.u128())
                    .sum::<u128>();
            }
        }
        total + fans.iter().map(|f| self.refund(f)).sum::<u128>()
    }
}
