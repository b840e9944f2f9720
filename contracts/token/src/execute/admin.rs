//! Instantiate (genesis allocations) and owner-changeable config.

use cosmwasm_std::{BankMsg, DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_types::token::{
    default_tiers, InstantiateMsg, TierRow, DEFAULT_GENESIS_SUPPLY, DEFAULT_UNLOCK_DELAY,
};

use crate::error::ContractError;
use crate::execute::base::credit;
use crate::execute::marketing::{logo_info, verify_logo};
use crate::state::{
    MinterData, State, Supply, CONTRACT_NAME, CONTRACT_VERSION, LOGO, MARKETING_INFO,
    MAX_ALLOCATIONS, MAX_SUPPLY, MAX_TIERS, MAX_UNLOCK_DELAY,
};

pub fn validate_tiers(tiers: &[TierRow]) -> Result<(), ContractError> {
    let bad = |reason: &str| ContractError::InvalidTierTable {
        reason: reason.to_string(),
    };
    if tiers.is_empty() || tiers.len() > MAX_TIERS {
        return Err(bad("1 to 10 rows"));
    }
    if tiers
        .iter()
        .any(|r| r.fan_hold.is_zero() || r.creator_locked.is_zero())
    {
        return Err(bad("thresholds must be > 0"));
    }
    if tiers
        .windows(2)
        .any(|w| w[1].fan_hold < w[0].fan_hold || w[1].creator_locked < w[0].creator_locked)
    {
        return Err(bad("thresholds must be non-decreasing"));
    }
    Ok(())
}

pub fn validate_delay(delay: u64) -> Result<u64, ContractError> {
    if delay == 0 || delay > MAX_UNLOCK_DELAY {
        return Err(ContractError::InvalidUnlockDelay {
            delay,
            max: MAX_UNLOCK_DELAY,
        });
    }
    Ok(delay)
}

fn validate_meta(msg: &InstantiateMsg) -> Result<(), ContractError> {
    if msg.name.len() < 3 || msg.name.len() > 50 {
        return Err(ContractError::InvalidName {});
    }
    let s = msg.symbol.as_bytes();
    if s.len() < 3 || s.len() > 12 || !s.iter().all(|c| c.is_ascii_alphabetic() || *c == b'-') {
        return Err(ContractError::InvalidSymbol {});
    }
    if msg.decimals != 6 {
        return Err(ContractError::InvalidDecimals {
            decimals: msg.decimals,
        });
    }
    Ok(())
}

pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    validate_meta(&msg)?;

    let genesis = msg
        .genesis_supply
        .map(|g| g.u128())
        .unwrap_or(DEFAULT_GENESIS_SUPPLY);
    if genesis == 0 || genesis > MAX_SUPPLY {
        return Err(ContractError::InvalidGenesisSupply {});
    }
    if msg.allocations.is_empty() || msg.allocations.len() > MAX_ALLOCATIONS as usize {
        return Err(ContractError::InvalidAllocationCount {
            max: MAX_ALLOCATIONS,
        });
    }
    // validate every row before writing anything
    let mut sum: u128 = 0;
    for (i, a) in msg.allocations.iter().enumerate() {
        deps.api.addr_validate(&a.address)?;
        if a.amount.is_zero() {
            return Err(ContractError::ZeroAllocation {
                label: a.label.clone(),
            });
        }
        if msg.allocations[..i].iter().any(|b| b.address == a.address) {
            return Err(ContractError::DuplicateAllocation {
                address: a.address.clone(),
            });
        }
        sum = sum.saturating_add(a.amount.u128());
    }
    if sum != genesis {
        return Err(ContractError::AllocationSumMismatch {
            sum: Uint128::new(sum),
            genesis_supply: Uint128::new(genesis),
        });
    }

    let t = env.block.time.seconds();
    for a in &msg.allocations {
        credit(deps.storage, &a.address, t, a.amount.u128())?;
    }
    Supply {
        total: genesis,
        burned: 0,
    }
    .save(deps.storage);

    let minter = match msg.mint {
        Some(m) => {
            if let Some(cap) = m.cap {
                if cap.u128() < genesis {
                    return Err(ContractError::CapBelowSupply {
                        cap,
                        supply: Uint128::new(genesis),
                    });
                }
            }
            Some(MinterData {
                minter: deps.api.addr_validate(&m.minter)?,
                cap: m.cap,
            })
        }
        None => None,
    };

    if let Some(mk) = msg.marketing {
        let logo = match mk.logo {
            Some(logo) => {
                verify_logo(&logo)?;
                LOGO.save(deps.storage, &logo)?;
                Some(logo_info(&logo))
            }
            None => None,
        };
        MARKETING_INFO.save(
            deps.storage,
            &cw20::MarketingInfoResponse {
                project: mk.project,
                description: mk.description,
                marketing: mk
                    .marketing
                    .map(|a| deps.api.addr_validate(&a))
                    .transpose()?,
                logo,
            },
        )?;
    }

    let tiers = msg.tiers.unwrap_or_else(default_tiers);
    validate_tiers(&tiers)?;
    State {
        name: msg.name,
        symbol: msg.symbol,
        decimals: msg.decimals,
        minter,
        arbiter: deps.api.addr_validate(&msg.arbiter)?,
        treasury: deps.api.addr_validate(&msg.treasury)?,
        unlock_delay: validate_delay(msg.unlock_delay.unwrap_or(DEFAULT_UNLOCK_DELAY))?,
        genesis_supply: Uint128::new(genesis),
        tiers,
        // set by the owner once the marketplace exists (it is instantiated with this token's
        // address): `update_config { marketplace }`
        marketplace: None,
    }
    .save(deps.storage);

    let owner = msg.owner.unwrap_or_else(|| info.sender.to_string());
    crate::ownership::initialize(deps.storage, deps.api, &owner)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("genesis_supply", Uint128::new(genesis))
        .add_attribute("allocations", msg.allocations.len().to_string()))
}

/// The owner's config changes; each `Some` field is validated, `None` leaves it.
/// `marketplace`: `Some("")` removes the unlock check, `Some(addr)` sets it (SPEC §3).
pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    arbiter: Option<String>,
    treasury: Option<String>,
    unlock_delay: Option<u64>,
    tiers: Option<Vec<TierRow>>,
    marketplace: Option<String>,
) -> Result<Response, ContractError> {
    crate::ownership::assert_owner(deps.storage, &info.sender)?;
    let mut cfg = State::load(deps.storage)?;
    if let Some(a) = arbiter {
        cfg.arbiter = deps.api.addr_validate(&a)?;
    }
    if let Some(t) = treasury {
        cfg.treasury = deps.api.addr_validate(&t)?;
    }
    if let Some(d) = unlock_delay {
        cfg.unlock_delay = validate_delay(d)?;
    }
    if let Some(t) = tiers {
        validate_tiers(&t)?;
        cfg.tiers = t;
    }
    if let Some(m) = marketplace {
        cfg.marketplace = if m.is_empty() {
            None
        } else {
            Some(deps.api.addr_validate(&m)?)
        };
    }
    cfg.save(deps.storage);
    let shown = cfg.marketplace.as_ref().map_or("none", |m| m.as_str());
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("arbiter", cfg.arbiter.as_str())
        .add_attribute("treasury", cfg.treasury.as_str())
        .add_attribute("unlock_delay", cfg.unlock_delay.to_string())
        .add_attribute("marketplace", shown))
}

/// Owner only (issue 12 §7): sends the owner the whole bank balance of `denom`. The token never
/// takes native coins (every execute is nonpayable), so a coin it holds came by a plain bank send
/// and is owed to no one; $MESI is cw20 state and cannot leave this way. Errors: `Ownership`,
/// `NothingToSweep` (zero balance, which is what the bank answers for an unknown denom).
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: String,
) -> Result<Response, ContractError> {
    crate::ownership::assert_owner(deps.storage, &info.sender)?;
    let coin = deps.querier.query_balance(&env.contract.address, &denom)?;
    if coin.amount.is_zero() {
        return Err(ContractError::NothingToSweep { denom });
    }
    Ok(Response::new()
        .add_attribute("action", "sweep")
        .add_attribute("denom", denom)
        .add_attribute("amount", coin.amount)
        .add_message(BankMsg::Send {
            to_address: info.sender.into_string(),
            amount: vec![coin],
        }))
}
