"""The same batch on a Dask cluster (`jixiao check DIR --scheduler ADDRESS`): each Dask worker
process keeps its own engine and rule book, as a pool worker does."""

from __future__ import annotations

from pathlib import Path

from .pool import check_one
from .rows import case_error_row


def run_on_dask(folders: list[Path], rules_dir: Path, out: Path | None, address: str, progress=None) -> list[dict]:
    """The same batch on a Dask cluster: each Dask worker process keeps its own engine."""
    from dask.distributed import Client, as_completed  # dask is an optional extra: imported only when used
    with Client(address) as client:
        futures = client.map(check_one, [str(f) for f in folders], out=str(out) if out else None,
                             rules_dir=str(rules_dir), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        rows: list = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            try:
                rows[index[future.key]] = future.result()
            except Exception as exc:  # e.g. KilledWorker: the case's worker died on every retry
                rows[index[future.key]] = case_error_row(folders[index[future.key]], "the Dask worker failed on "
                                                         f"this case: {type(exc).__name__}: {exc}")
            if progress:
                progress(done, len(futures))
    return rows
