//! Distribution epochs (SPEC §8): the operator publishes, per creator and epoch, a Merkle root of
//! (recipient, amount) leaves, their total (moved out of its source into the epoch), the cutoff height and
//! the sha256 of the leaves file; each recipient claims its leaf once with a proof until the claim
//! deadline; after it anyone closes the epoch and the unclaimed rest returns to its source.
//!
//! Leaf  = sha256(0x00 || lp(contract) || lp(creator) || epoch as u64 BE || lp(recipient) || amount as u128 BE)
//!         where lp(s) = len(s) as u16 BE || utf8(s) (addresses as their bech32 strings)
//! Inner = sha256(0x01 || min(a, b) || max(a, b))   (mesi_common::merkle, sorted pairs)
//!
//! One leaf per recipient and epoch (the builder sums a recipient's shares): claims are recorded by
//! (creator, epoch, recipient).

use cosmwasm_std::{Addr, Deps, DepsMut, Empty, Env, HexBinary, MessageInfo, Response, Uint128};
use mesi_common::{interface, merkle};
use mesi_types::revenue::{ClaimedResponse, EpochResponse, PoolResponse, Source, MAX_PROOF_DEPTH};

use crate::error::ContractError;
use crate::external;
use crate::helpers::{add_u64, nonzero, update_totals, validate_creator};
use crate::state::{Epoch, CLAIMS, CONFIG, CREATORS, EPOCHS};

/// The leaf of `recipient`'s `amount` in `creator`'s epoch `epoch` of this contract (see module docs).
pub fn leaf_hash(
    contract: &str,
    creator: &str,
    epoch: u64,
    recipient: &str,
    amount: Uint128,
) -> [u8; 32] {
    merkle::leaf(&[
        &merkle::len_prefixed(contract.as_bytes()),
        &merkle::len_prefixed(creator.as_bytes()),
        &epoch.to_be_bytes(),
        &merkle::len_prefixed(recipient.as_bytes()),
        &amount.u128().to_be_bytes(),
    ])
}

fn source_name(s: Source) -> &'static str {
    match s {
        Source::Pool => "pool",
        Source::Engagement => "engagement",
        Source::AdRevenue => "ad_revenue",
    }
}

/// The distribution operator: publishes `creator`'s next epoch. Errors: `Unauthorized`, `NotACreator`,
/// `WrongEpoch`, `InvalidRoot`, `InvalidLeavesHash`, `ZeroAmount`, `CutoffInFuture`,
/// `CutoffBeforePrevious`, `EpochTotalAboveSource`, `EngagementPoolUnavailable`.
#[allow(clippy::too_many_arguments)]
pub fn publish(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    creator: String,
    epoch: u64,
    root: String,
    total: Uint128,
    cutoff_height: u64,
    leaves_sha256: String,
    source: Source,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.operator {
        return Err(ContractError::Unauthorized);
    }
    let (creator_addr, mut record) = validate_creator(deps.as_ref(), &cfg, &creator)?;
    let expected = add_u64(record.last_epoch, 1)?;
    if epoch != expected {
        return Err(ContractError::WrongEpoch {
            expected,
            got: epoch,
        });
    }
    let root = merkle::decode32(&root).ok_or(ContractError::InvalidRoot)?;
    let leaves_sha256 = merkle::decode32(&leaves_sha256).ok_or(ContractError::InvalidLeavesHash)?;
    let total = nonzero(total)?;
    let height = env.block.height;
    if cutoff_height > height {
        return Err(ContractError::CutoffInFuture {
            cutoff: cutoff_height,
            height,
        });
    }
    if cutoff_height < record.last_cutoff {
        return Err(ContractError::CutoffBeforePrevious {
            cutoff: cutoff_height,
            previous: record.last_cutoff,
        });
    }
    let above = |available: Uint128| ContractError::EpochTotalAboveSource {
        from: source,
        available,
        total,
    };
    let mut msgs = vec![];
    match source {
        Source::Pool => {
            if total > record.pool {
                return Err(above(record.pool));
            }
            record.pool = record.pool.checked_sub(total)?;
        }
        Source::AdRevenue => {
            if total > record.ad_revenue {
                return Err(above(record.ad_revenue));
            }
            record.ad_revenue = record.ad_revenue.checked_sub(total)?;
        }
        Source::Engagement => {
            let available = external::engagement_available(&deps.querier, &cfg.treasury)?;
            if total > available {
                return Err(above(available));
            }
            // the treasury pays `total` to this contract by cw20 Transfer in this transaction
            msgs.push(interface::draw_from_pool_msg(
                &cfg.treasury,
                total,
                &env.contract.address,
                None,
            )?);
        }
    }
    update_totals(deps.storage, |t| {
        match source {
            Source::Pool => t.pools = t.pools.checked_sub(total)?,
            Source::AdRevenue => t.ad_revenue = t.ad_revenue.checked_sub(total)?,
            Source::Engagement => {}
        }
        let open = t.epochs_mut(source);
        *open = open.checked_add(total)?;
        Ok(())
    })?;
    record.last_epoch = epoch;
    record.last_cutoff = cutoff_height;
    CREATORS.save(deps.storage, &creator_addr, &record)?;
    let now = env.block.time.seconds();
    let deadline = add_u64(now, cfg.claim_seconds)?;
    EPOCHS.save(
        deps.storage,
        (&creator_addr, epoch),
        &Epoch {
            source,
            root: HexBinary::from(root.to_vec()),
            total,
            claimed: Uint128::zero(),
            cutoff_height,
            leaves_sha256: HexBinary::from(leaves_sha256.to_vec()),
            published_at: now,
            deadline,
            returned: None,
        },
    )?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "publish_distribution")
        .add_attribute("creator", creator_addr)
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("source", source_name(source))
        .add_attribute("root", hex::encode(root))
        .add_attribute("total", total)
        .add_attribute("cutoff_height", cutoff_height.to_string())
        .add_attribute("leaves_sha256", hex::encode(leaves_sha256))
        .add_attribute("deadline", deadline.to_string()))
}

fn load_epoch(deps: Deps, creator: &Addr, epoch: u64) -> Result<Epoch, ContractError> {
    EPOCHS
        .may_load(deps.storage, (creator, epoch))?
        .ok_or(ContractError::UnknownEpoch { epoch })
}

/// The sender's leaf, once, until the deadline (inclusive), paid by cw20 `Transfer`. Errors:
/// `UnknownEpoch`, `EpochClosed`, `ClaimDeadlinePassed`, `AlreadyClaimed`, `ZeroAmount`, `ProofTooLong`,
/// `InvalidProofElement`, `InvalidProof`, `EpochTotalExceeded`.
pub fn claim(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    creator: String,
    epoch: u64,
    amount: Uint128,
    proof: Vec<String>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let creator = deps.api.addr_validate(&creator)?;
    let mut record = load_epoch(deps.as_ref(), &creator, epoch)?;
    if record.returned.is_some() {
        return Err(ContractError::EpochClosed { epoch });
    }
    let now = env.block.time.seconds();
    if now > record.deadline {
        return Err(ContractError::ClaimDeadlinePassed {
            deadline: record.deadline,
            now,
        });
    }
    let key = (&creator, epoch, &info.sender);
    if CLAIMS.has(deps.storage, key) {
        return Err(ContractError::AlreadyClaimed);
    }
    let amount = nonzero(amount)?;
    let leaf = leaf_hash(
        env.contract.address.as_str(),
        creator.as_str(),
        epoch,
        info.sender.as_str(),
        amount,
    );
    let root = merkle::compute_root(leaf, &proof, MAX_PROOF_DEPTH)?;
    if root.as_slice() != record.root.as_slice() {
        return Err(ContractError::InvalidProof);
    }
    let remaining = record.total.checked_sub(record.claimed)?;
    if amount > remaining {
        return Err(ContractError::EpochTotalExceeded { remaining, amount });
    }
    record.claimed = record.claimed.checked_add(amount)?;
    EPOCHS.save(deps.storage, (&creator, epoch), &record)?;
    CLAIMS.save(deps.storage, key, &Empty {})?;
    update_totals(deps.storage, |t| {
        let open = t.epochs_mut(record.source);
        *open = open.checked_sub(amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_message(interface::cw20_transfer_msg(
            &cfg.token,
            &info.sender,
            amount,
        )?)
        .add_attribute("action", "claim")
        .add_attribute("creator", creator)
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("recipient", info.sender)
        .add_attribute("amount", amount))
}

/// Anyone, after the deadline: closes an epoch; the rest (`total - claimed`) returns to its source: the
/// creator's pool, its undistributed ad revenue, or the treasury's engagement-rewards pool (cw20 `Send`
/// with `fund_pool`). Errors: `UnknownEpoch`, `EpochClosed`, `EpochStillOpen`.
pub fn close(
    deps: DepsMut,
    env: Env,
    creator: String,
    epoch: u64,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let creator = deps.api.addr_validate(&creator)?;
    let mut record = load_epoch(deps.as_ref(), &creator, epoch)?;
    if record.returned.is_some() {
        return Err(ContractError::EpochClosed { epoch });
    }
    let now = env.block.time.seconds();
    if now <= record.deadline {
        return Err(ContractError::EpochStillOpen {
            deadline: record.deadline,
            now,
        });
    }
    let rest = record.total.checked_sub(record.claimed)?;
    record.returned = Some(rest);
    EPOCHS.save(deps.storage, (&creator, epoch), &record)?;
    let source = record.source;
    let mut msgs = vec![];
    match source {
        Source::Pool | Source::AdRevenue => {
            let mut c = CREATORS.load(deps.storage, &creator)?;
            if source == Source::Pool {
                c.pool = c.pool.checked_add(rest)?;
            } else {
                c.ad_revenue = c.ad_revenue.checked_add(rest)?;
            }
            CREATORS.save(deps.storage, &creator, &c)?;
        }
        Source::Engagement => {
            if !rest.is_zero() {
                msgs.push(external::refund_engagement_msg(
                    &cfg.token,
                    &cfg.treasury,
                    rest,
                )?);
            }
        }
    }
    update_totals(deps.storage, |t| {
        let open = t.epochs_mut(source);
        *open = open.checked_sub(rest)?;
        match source {
            Source::Pool => t.pools = t.pools.checked_add(rest)?,
            Source::AdRevenue => t.ad_revenue = t.ad_revenue.checked_add(rest)?,
            Source::Engagement => {}
        }
        Ok(())
    })?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "close_epoch")
        .add_attribute("creator", creator)
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("source", source_name(source))
        .add_attribute("returned", rest))
}

pub fn query_epoch(
    deps: Deps,
    creator: String,
    epoch: u64,
) -> Result<EpochResponse, ContractError> {
    let creator = deps.api.addr_validate(&creator)?;
    let e = load_epoch(deps, &creator, epoch)?;
    Ok(EpochResponse {
        creator: creator.to_string(),
        epoch,
        source: e.source,
        root: e.root.to_hex(),
        total: e.total,
        claimed: e.claimed,
        cutoff_height: e.cutoff_height,
        leaves_sha256: e.leaves_sha256.to_hex(),
        published_at: e.published_at,
        deadline: e.deadline,
        returned: e.returned,
    })
}

pub fn query_claimed(
    deps: Deps,
    creator: String,
    epoch: u64,
    address: String,
) -> Result<ClaimedResponse, ContractError> {
    let creator = deps.api.addr_validate(&creator)?;
    let address = deps.api.addr_validate(&address)?;
    Ok(ClaimedResponse {
        claimed: CLAIMS.has(deps.storage, (&creator, epoch, &address)),
    })
}

pub fn query_pool(deps: Deps, creator: String) -> Result<PoolResponse, ContractError> {
    let addr = deps.api.addr_validate(&creator)?;
    let c = CREATORS.may_load(deps.storage, &addr)?.unwrap_or_default();
    Ok(PoolResponse {
        creator: addr.to_string(),
        pool: c.pool,
        ad_revenue: c.ad_revenue,
        last_epoch: c.last_epoch,
    })
}
