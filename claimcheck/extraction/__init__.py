"""Finding the quantitative claims of a text."""
