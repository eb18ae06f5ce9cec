"""Reference tables: loading, validation, periods and the frozen index of facts."""
