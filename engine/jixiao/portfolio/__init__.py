"""Many cases: a worker pool or a Dask cluster, one summary row per case, and the overview."""
