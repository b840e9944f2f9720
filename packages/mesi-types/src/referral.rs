//! Messages of the referral contract.
