mod adversarial;
mod invariant;
mod rules;
mod suite;
