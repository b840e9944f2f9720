mod smoke;
mod suite;
