#!/usr/bin/env python3
"""Runs the kztext pipeline over a corpus on a Dask cluster and writes JSONL.

Each input file is cut into partitions of whole paragraphs (cut after blank
lines); every partition is one Dask task that runs kztext.process in a worker
and returns JSONL lines; the driver writes them in input order.  Workers are
processes (the default LocalCluster) or a remote cluster given by --scheduler.

  tools/scale_dask.py [--workers N] [--partition-mb M] [--scheduler ADDR]
                      [--translit SCHEME] -o OUT.jsonl FILE...

Prints the throughput (MB/s of input) on stderr.  Needs Debian's
python3-dask and python3-distributed, and kztext importable by the workers
(PYTHONPATH or an installed package).
"""
import argparse
import json
import sys
import time


def partitions(path, size):
    """Yields (offset, bytes) pieces of the file cut after blank lines."""
    with open(path, "rb") as f:
        data = f.read()
    start = 0
    while start < len(data):
        end = min(start + size, len(data))
        if end < len(data):
            cut = data.rfind(b"\n\n", start, end)
            end = cut + 2 if cut > start else end
        yield start, data[start:end]
        start = end


def process_partition(name, offset, data, options):
    import kztext  # imported in the worker

    p = kztext.Pipeline(**options)
    out = []
    for s in p.process(data):
        rec = {"doc": name, "part_offset": offset, "para": s.para, "start": s.start, "end": s.end,
               "text": s.text, "lang": s.lang, "script": s.script, "variant": s.variant,
               "confidence": s.confidence}
        if s.translit is not None:
            rec["translit"] = s.translit
        out.append(json.dumps(rec, ensure_ascii=False))
    p.close()
    return "\n".join(out) + ("\n" if out else "")


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
    futures = []
    for path in args.files:
        for off, data in partitions(path, int(args.partition_mb * 1e6)):
            total += len(data)
            futures.append(client.submit(process_partition, path, off, data, options, pure=False))
    with open(args.output, "w", encoding="utf-8") as out:
        for fut in futures:  # input order
            out.write(fut.result())
    dt = time.time() - t0
    print(f"scale_dask: {total / 1e6:.1f} MB in {dt:.1f} s = {total / 1e6 / dt:.1f} MB/s "
          f"with {args.workers} workers", file=sys.stderr)
    client.close()
    if cluster:
        cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
