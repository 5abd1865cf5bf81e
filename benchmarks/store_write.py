"""The two sides of a batch: what one report costs the parent's write, and a worker's read.

    python benchmarks/store_write.py [--reports 400] [--repeat 5] [--worker]

In a batch with worker processes the parent unpickles each chunk of outcomes and writes it
into the store, one transaction per chunk; on a machine with as many cores as workers
this is CPU the workers do not get, so it bounds how near-linear the batch can be. The
corpus is parsed once (not measured); then the writes alone are timed, each repetition
into a fresh store. With ``--worker``, what is timed is instead a worker's task, chunk by
chunk: read, parse, validate, build the records and pickle them (``batch.read_chunk``).
Under valgrind, count only what is timed with ``--toggle-collect=functools_reduce`` (it
runs inside ``functools.reduce``).
"""

from __future__ import annotations

import argparse
import functools
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240122
LAYOUTS = ["tab_table", "vertical_cell", "pipe_table", "markdown_ocr", "html_table"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400, help="generated reports per layout")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help="time a worker's tasks instead of the parent's writes")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import govinfo
    from corpus import corpus
    from govinfo.batch import BatchSummary, _Writer, read_chunk
    from govinfo.store import Store

    print("govinfo from", Path(govinfo.__file__).parent)
    with tempfile.TemporaryDirectory(prefix="govinfo-store-") as temp:
        paths = []
        host = govinfo.PluginHost(entry_points=False)
        for index, sample in enumerate(corpus(host, LAYOUTS, args.reports, SEED)):
            path = Path(temp) / f"{index:05d}{Path(sample.name).suffix}"
            path.write_bytes(sample.data)
            paths.append(str(path))
        tasks = [paths[i : i + 8] for i in range(0, len(paths), 8)]
        chunks = [pickle.dumps(read_chunk(task)) for task in tasks]
        figures = []
        if args.worker:
            for _ in range(args.repeat):
                start = time.process_time()
                functools.reduce(lambda _, task: pickle.dumps(read_chunk(task)), tasks, None)
                figures.append((time.process_time() - start) / len(paths) * 1000)
            print(f"a worker's read (parse, validate, records, pickle), ms a report, {len(paths)} reports:",
                  " ".join(f"{figure:.3f}" for figure in figures), f"(min {min(figures):.3f})")
            return
        for repeat in range(args.repeat):
            with Store(Path(temp) / f"out{repeat}.sqlite") as store:
                writer = _Writer(store, BatchSummary(total=len(paths)), False, None)
                start = time.process_time()
                with store.bulk_load(len(paths)):
                    functools.reduce(lambda _, chunk: writer.write(pickle.loads(chunk)), chunks, None)
                    writer.flush()
                figures.append((time.process_time() - start) / len(paths) * 1000)
    print(f"parent's write (unpickle, write, index build), ms a report, {len(paths)} reports:",
          " ".join(f"{figure:.3f}" for figure in figures), f"(min {min(figures):.3f})")


if __name__ == "__main__":
    main()
