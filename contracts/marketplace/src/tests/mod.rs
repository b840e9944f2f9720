mod adversarial;
mod identity;
mod invariant;
mod model;
mod o1;
mod rules;
mod suite;
mod sweep;
