//! Messages of the gallery contract.
