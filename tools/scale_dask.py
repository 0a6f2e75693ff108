#!/usr/bin/env python3
"""Runs the kztext pipeline over a corpus on a Dask cluster and writes JSONL.

Each input file is cut into byte ranges of whole paragraphs (after blank
lines, else line breaks); every range is one Dask task that reads its bytes,
runs a kztext.Pipeline in a worker and writes a JSONL part file next to the
output; the driver concatenates the parts in input order.  Workers and driver
must see the same file system (one machine, or a shared mount).  `start` and
`end` are str indices into the normalized text of the range beginning at
byte `part_start` of the file.  Workers are
processes (the default LocalCluster) or a remote cluster given by --scheduler.

  tools/scale_dask.py [--workers N] [--partition-mb M] [--scheduler ADDR]
                      [--translit SCHEME] -o OUT.jsonl FILE...

Prints the throughput (MB/s of input) on stderr.  Needs Debian's
python3-dask and python3-distributed, and kztext importable by the workers
(PYTHONPATH or an installed package).
"""
import argparse
import json
import os
import shutil
import sys
import time


def partitions(path, size):
    """Yields (start, end) byte ranges of the file, each cut just after a
    blank line (else after a line break) near every `size` bytes.  Only small
    windows around the cut points are read here: the workers read their own
    ranges, so no text passes through the driver."""
    total = os.path.getsize(path)
    start = 0
    with open(path, "rb") as f:
        while start < total:
            end = min(start + size, total)
            if end < total:
                f.seek(end)
                window = f.read(1 << 16)
                cut = window.find(b"\n\n")
                cut = cut + 2 if cut >= 0 else window.find(b"\n") + 1
                end = end + cut if cut > 0 else min(end + len(window), total)
            yield start, end
            start = end


def process_partition(path, start, end, out_path, options):
    """Runs in a worker: reads bytes [start, end) of `path`, writes one JSON
    object per sentence to `out_path`, returns the number of sentences."""
    import kztext  # imported in the worker

    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    n = 0
    with kztext.Pipeline(**options) as p, open(out_path, "w", encoding="utf-8") as out:
        for s in p.process(data):
            rec = {"doc": path, "part_start": start, "para": s.para, "start": s.start,
                   "end": s.end, "text": s.text, "lang": s.lang, "script": s.script,
                   "variant": s.variant, "confidence": s.confidence}
            if s.translit is not None:
                rec["translit"] = s.translit
            out.write(json.dumps(rec, ensure_ascii=False))
            out.write("\n")
            n += 1
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-mb", type=float, default=1.0)
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler")
    ap.add_argument("--translit")
    args = ap.parse_args(argv)
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("scale_dask: needs python3-dask and python3-distributed", file=sys.stderr)
        return 2
    options = {"translit": args.translit} if args.translit else {}
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    t0 = time.time()
    total = 0
    parts = []
    for path in args.files:
        path = os.path.abspath(path)
        for start, end in partitions(path, int(args.partition_mb * 1e6)):
            total += end - start
            part = f"{args.output}.part{len(parts):06d}"
            parts.append((part, client.submit(process_partition, path, start, end, part, options,
                                              pure=False)))
    # Concatenated in input order; the parts stream while later ones run.
    with open(args.output, "wb") as out:
        for part, fut in parts:
            fut.result()
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out)
            os.remove(part)
    dt = time.time() - t0
    print(f"scale_dask: {total / 1e6:.1f} MB in {dt:.1f} s = {total / 1e6 / dt:.1f} MB/s "
          f"with {args.workers} workers", file=sys.stderr)
    client.close()
    if cluster:
        cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
