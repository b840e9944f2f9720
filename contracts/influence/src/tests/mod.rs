mod adversarial;
mod invariants;
mod rules;
mod suite;
mod sweep;
