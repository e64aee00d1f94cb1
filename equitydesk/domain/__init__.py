"""Pure domain rules: enumerations, normalisation and status rules, with no I/O."""
