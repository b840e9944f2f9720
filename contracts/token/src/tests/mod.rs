mod adversarial;
mod cw20_surface;
mod genesis;
mod holding_score;
mod lock;
mod props;
mod suite;
mod tiers;
