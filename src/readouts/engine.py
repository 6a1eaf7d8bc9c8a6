"""Ingest engines: where read -> clean -> extract runs before the client writes to the store.

"local" runs every file in this process (pipeline.ingest_files: it skips the work for a file whose
bytes are already stored). "dask" spreads the files over a Dask cluster: an existing one (its scheduler address)
or a LocalCluster of worker processes. Files are submitted in bounded batches with client.map
(at most BATCHES_IN_FLIGHT batches pending, so memory stays flat however many files there are);
results come back in input order and the client writes them through the same Store, so the
database is exactly the one a single-process ingest makes. Workers must see the files at the
same paths (a shared file system) and have the package installed.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple


from .pipeline import Input, IngestResult, ReadOptions, ingest_files, input_name, process, read_input
from .store import Store
from .types import CleanDocument, Extraction, RawDocument, ReadoutsError

ENGINES = ("local", "dask")
DASK_BATCH_SIZE = 32  # files per client.map call
BATCHES_IN_FLIGHT = 2  # batches computing while the client writes the previous ones
LOCAL_CLUSTER_WORKERS = 2


class Prepared(NamedTuple):
    """One file read and extracted (or the reason it could not be), ready to be stored."""

    path: str  # pipeline.input_name of the file or record
    raw: RawDocument | None
    clean: CleanDocument | None
    extraction: Extraction | None
    error: str | None


def prepare(item: Input | str, options: ReadOptions = ReadOptions()) -> Prepared:
    """Read, clean and extract one file (a path, or its str) or JSON-lines record: the work a Dask worker does."""
    item = Path(item) if isinstance(item, str) else item
    try:
        raw = read_input(item, options)
        clean, extraction = process(raw, options)
    except ReadoutsError as exc:
        return Prepared(input_name(item), None, None, None, str(exc))
    return Prepared(input_name(item), raw, clean, extraction, None)


def write(store: Store, prepared: Prepared) -> IngestResult:
    """Store one prepared file (or its failure)."""
    reason = prepared.error
    if reason is None:
        try:
            status = store.save(prepared.raw, prepared.clean, prepared.extraction)
            return IngestResult(Path(prepared.path), status, prepared.clean.unsupported if status == "skipped" else "")
        except ReadoutsError as exc:
            reason = str(exc)
    store.record_failure(prepared.path, reason)
    return IngestResult(Path(prepared.path), "failed", reason)


def ingest_dask(store: Store, paths: Iterable[Input], scheduler: str | None = None,
                options: ReadOptions = ReadOptions(), batch_size: int = DASK_BATCH_SIZE) -> Iterator[IngestResult]:
    """Each file read and extracted on a Dask cluster, written here in input order."""
    with dask_client(scheduler) as client:
        for prepared in map_on_cluster(client, partial(prepare, options=options),
                                       (str(p) if isinstance(p, Path) else p for p in paths), batch_size):
            yield write(store, prepared)


def map_on_cluster(client: Any, func: Any, items: Iterable[Any], batch_size: int) -> Iterator[Any]:
    """func over items on the cluster, in input order, with a bounded number of batches pending."""
    pending: deque = deque()
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        pending.append(client.map(func, batch, pure=False))
        if len(pending) > BATCHES_IN_FLIGHT:
            yield from client.gather(pending.popleft())
    while pending:
        yield from client.gather(pending.popleft())


def dask_client(scheduler: str | None) -> Any:
    """A distributed Client on the scheduler at that address, or on a new LocalCluster of processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ReadoutsError("the dask engine needs dask.distributed: pip install 'readouts[dask]'") from exc
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=LOCAL_CLUSTER_WORKERS, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return _ClusterClient(Client(cluster), cluster)


class _ClusterClient:
    """A client that also closes the LocalCluster it was made for."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def ingest(store: Store, paths: Iterable[Input], engine: str = "local", scheduler: str | None = None,
           options: ReadOptions = ReadOptions()) -> Iterator[IngestResult]:
    """The files' statuses, in input order, as they are committed to the store (in batches), each
    page read as `options` say."""
    if engine == "dask":
        results = ingest_dask(store, paths, scheduler, options)
    elif scheduler:
        raise ReadoutsError("--scheduler is for the dask engine (--engine dask)")
    else:
        # this process: a file already stored is not extracted again
        results = ingest_files(store, paths, options)
    return store.batches(results)
