"""Comparing claims with reference facts, and checks that relate several claims of one document."""
