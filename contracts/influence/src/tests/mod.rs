mod adversarial;
mod invariants;
mod rules;
mod suite;
