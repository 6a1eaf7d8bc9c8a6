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
from typing import Any


from .pipeline import Input, IngestResult, ReadOptions, ingest_files, prepare, writing
from .store import Store
from .types import ReadoutsError, Write

ENGINES = ("local", "dask")
DASK_BATCH_SIZE = 32  # files per client.map call
BATCHES_IN_FLIGHT = 2  # batches computing while the client writes the previous ones
LOCAL_CLUSTER_WORKERS = 2


def ingest_dask(store: Store, paths: Iterable[Input], scheduler: str | None = None,
                options: ReadOptions = ReadOptions(),
                batch_size: int = DASK_BATCH_SIZE) -> Iterator[Write]:
    """The writes of an ingest whose files are read and extracted on a Dask cluster (pipeline.prepare),
    for Store.batches here, in input order."""
    with dask_client(scheduler) as client:
        for prepared in map_on_cluster(client, partial(prepare, options=options),
                                       (str(p) if isinstance(p, Path) else p for p in paths), batch_size):
            yield writing(store, prepared)


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
