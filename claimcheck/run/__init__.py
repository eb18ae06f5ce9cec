"""Running the pipeline over many inputs: worker pools, progress, baselines."""
