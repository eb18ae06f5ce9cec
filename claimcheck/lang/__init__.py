"""Arabic language data (data/*.toml) and the loaders and pattern helpers built from it."""
