//! O(1) check: claim, top-up and unstake touch the same storage keys, the same number of times,
//! with 10 and with 1,000 whitelisted validators — only the config, the stream record and the
//! caller's own records.

use std::cell::RefCell;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    to_json_binary, ContractResult, Decimal, DepsMut, Env, OwnedDeps, QuerierWrapper, Record,
    Storage, SystemResult, Uint128, Validator, WasmQuery,
};
use cw20::{Cw20ReceiveMsg, TokenInfoResponse};
use mesi_types::validator_rewards::{ExecuteMsg, InstantiateMsg, ReceiveMsg};

use crate::contract::{execute, instantiate};

const STAKE: u128 = 10_000;
const SUPPLY: u128 = 1_000_000;

/// Records every key read or written.
struct Counting<'a> {
    inner: &'a mut dyn Storage,
    reads: RefCell<Vec<Vec<u8>>>,
    writes: Vec<Vec<u8>>,
}

impl Storage for Counting<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.reads.borrow_mut().push(key.to_vec());
        self.inner.get(key)
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: cosmwasm_std::Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        self.reads.borrow_mut().push(b"<range>".to_vec());
        self.inner.range(start, end, order)
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.writes.push(key.to_vec());
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &[u8]) {
        self.writes.push(key.to_vec());
        self.inner.remove(key)
    }
}

/// Validator i's operator address: the bytes of its operator account `addr_make("s{i}")`.
fn valoper(i: usize) -> String {
    use cw_multi_test::IntoBech32;
    format!("s{i}")
        .as_str()
        .into_bech32_with_prefix("cosmwasmvaloper")
        .to_string()
}

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;
/// Keys read, keys written.
type Trace = (Vec<Vec<u8>>, Vec<Vec<u8>>);

/// `n` whitelisted validators with equal stake, a funded stream, 10 days later.
fn setup(n: usize) -> (Deps, Env) {
    let mut deps = mock_dependencies();
    let validators: Vec<Validator> = (0..n)
        .map(|i| {
            Validator::create(
                valoper(i),
                Decimal::percent(5),
                Decimal::percent(20),
                Decimal::percent(1),
            )
        })
        .collect();
    deps.querier.staking.update("ustake", &validators, &[]);
    deps.querier.update_wasm(|q| match q {
        WasmQuery::Smart { .. } => SystemResult::Ok(ContractResult::Ok(
            to_json_binary(&TokenInfoResponse {
                name: "Mesi".into(),
                symbol: "MESI".into(),
                decimals: 6,
                total_supply: Uint128::new(SUPPLY),
            })
            .unwrap(),
        )),
        _ => unimplemented!(),
    });
    let api = deps.api;
    let owner = api.addr_make("owner");
    let token = api.addr_make("token");
    let mut env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        InstantiateMsg {
            token: token.to_string(),
            treasury: api.addr_make("treasury").to_string(),
            operator: api.addr_make("operator").to_string(),
            threshold_bps: None,
            unbonding_period: None,
            stream_period: None,
            max_work_entries: None,
            max_pending_unbondings: None,
            claim_deadline: None,
            owner: None,
        },
    )
    .unwrap();
    let hook = |sender: String, amount: u128, msg: &ReceiveMsg| {
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender,
            amount: Uint128::new(amount),
            msg: to_json_binary(msg).unwrap(),
        })
    };
    for i in 0..n {
        let staker = api.addr_make(&format!("s{i}"));
        execute(
            deps.as_mut(),
            env.clone(),
            message_info(&token, &[]),
            hook(
                staker.to_string(),
                STAKE,
                &ReceiveMsg::Apply {
                    validator: valoper(i),
                },
            ),
        )
        .unwrap();
        execute(
            deps.as_mut(),
            env.clone(),
            message_info(&owner, &[]),
            ExecuteMsg::Whitelist {
                validator: valoper(i),
            },
        )
        .unwrap();
    }
    let funder = api.addr_make("funder");
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&token, &[]),
        hook(funder.to_string(), 1_000_000_000, &ReceiveMsg::Fund {}),
    )
    .unwrap();
    env.block.time = env.block.time.plus_seconds(10 * 86_400);
    (deps, env)
}

/// Keys read and written by one execute of staker s0.
fn trace(deps: &mut Deps, env: &Env, sender_is_token: bool, msg: ExecuteMsg) -> Trace {
    let staker = deps.api.addr_make("s0");
    let sender = if sender_is_token {
        deps.api.addr_make("token")
    } else {
        staker
    };
    let mut counting = Counting {
        inner: &mut deps.storage,
        reads: RefCell::new(vec![]),
        writes: vec![],
    };
    let d = DepsMut {
        storage: &mut counting,
        api: &deps.api,
        querier: QuerierWrapper::new(&deps.querier),
    };
    execute(d, env.clone(), message_info(&sender, &[]), msg).unwrap();
    (counting.reads.into_inner(), counting.writes)
}

fn ops(n: usize) -> Vec<Trace> {
    let (mut deps, env) = setup(n);
    let s0 = deps.api.addr_make("s0").to_string();
    vec![
        trace(&mut deps, &env, false, ExecuteMsg::Claim {}),
        trace(
            &mut deps,
            &env,
            true,
            ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: s0,
                amount: Uint128::new(5),
                msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
            }),
        ),
        trace(
            &mut deps,
            &env,
            false,
            ExecuteMsg::Unstake {
                amount: Uint128::new(5),
            },
        ),
    ]
}

#[test]
fn claim_and_stake_changes_are_o1_in_the_number_of_validators() {
    let small = ops(10);
    let large = ops(1_000);
    for (i, name) in ["claim", "stake", "unstake"].iter().enumerate() {
        assert_eq!(small[i], large[i], "{name}: different storage access");
        println!(
            "{name}: {} reads, {} writes (10 and 1,000 validators)",
            small[i].0.len(),
            small[i].1.len()
        );
    }
    // Claim: config + stream + the claimant's record, nothing else.
    let (reads, writes) = &small[0];
    assert_eq!(reads.len(), 3, "{reads:?}");
    assert_eq!(writes.len(), 2, "{writes:?}");
    let s0 = MockApi::default().addr_make("s0");
    let cand_key = crate::state::CANDIDATES.key(&s0).to_vec();
    let allowed = [b"config".to_vec(), b"stream".to_vec(), cand_key];
    for k in reads.iter().chain(writes.iter()) {
        assert!(
            allowed.contains(k),
            "unexpected key {:?}",
            String::from_utf8_lossy(k)
        );
    }
}
