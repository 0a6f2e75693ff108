#!/usr/bin/env python3
"""Allocation-failure sweep over every kztext command (docs/testing.md).

For each case (a command line and a small input) the CLI runs once under
tests/alloc/failmalloc.c with no failure (the reference: exit 0, its output,
how many allocations it makes from main() on and how many blocks are still
live when main() returns), then once for every N = 1, 2, ... with the Nth
allocation failing, until a run makes fewer than N allocations.  Each run
must end in one of two ways:

  absorbed   exit 0 and exactly the reference's output (the failure was
             recovered from, e.g. by a cache that is simply not filled);
  reported   exit 1, "out of memory" (or strerror(ENOMEM)) on standard
             error, and standard output a prefix of the reference's that
             ends at a line end (records already written are whole and
             right; nothing half-written, nothing wrong);

and never: a signal, a hang (timeout), another exit status (3 = "some
documents skipped" is not how running out of memory may end), exit 0 with
other output, or exit 1 without the message.  A run may not end with more
live blocks than the reference has: a failure path that forgets to free
something shows as a leak (the count is exact: the injector tracks every
block made since main()).

Environment: KZTEXT_CLI (the program), KZTEXT_FAILMALLOC (the injector),
KZTEXT_SWEEP_JOBS (parallel runs, default 2), KZTEXT_SWEEP_ONLY (a
substring of case names to run).  Exit status 0 when every run passes,
1 otherwise (never "skipped": a missing program or injector is a failure).
"""
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# KNOWN_FAILURES: failures the sweep finds in files that are not this
# test's to change yet (cli/cmd_process.c, cli/io.c, cli/jsonl.c).  Each
# entry names the cases it covers (fnmatch patterns), a regular expression
# the failure's description must match, and where the bug is.  A matching
# failure is printed as KNOWN and does not fail the sweep; an entry nothing
# matched any more is printed as STALE, to be removed.  Empty this list as
# the bugs are fixed: the sweep then holds every command to the rules.
KNOWN_FAILURES = []

# ICU 72 leaks when an allocation fails inside the RuleBasedBreakIterator
# constructor that ubrk_open() runs: RuleBasedBreakIterator(UDataMemory*)
# gives up before its RBBIDataWrapper adopts the data file, and the wrapper
# (refcount 0) and the UDataMemory are never freed (2 blocks, 232 bytes,
# confirmed with valgrind).  kztext cannot reach those blocks.  A run whose
# failed allocation was made under that constructor may end with up to
# ICU_RBBI_LEAK more live blocks than the reference; nothing else may.
ICU_RBBI_SITE = re.compile(r"RuleBasedBreakIteratorC[12]EP11UDataMemory")
ICU_RBBI_LEAK = 2

TIMEOUT = 10.0
OOM_MESSAGE = re.compile(r"^kztext[^\n]*(out of memory|Cannot allocate memory)", re.M)

KK = "Қазақстан Республикасы — Орталық Азиядағы мемлекет. Астанасы Астана қаласы!\n"
RU = "Привет, мир. Это т.е. проверка сокращений, напр. г. Алматы.\n"
EN = "Hello world. Dr. Smith went to Washington at 5 p.m. yesterday.\n"
LAT = "Qazaqstan Respublikasy — Ortalyq Aziiadağy memleket. Bılım men ğylym.\n"
TEXT = (KK + RU + "\n" + EN + LAT + "\n" + "Екінші абзац. Ол қысқа.\n").encode()
INVALID = b"\xd2\x9a\xd0\xb0\xd0\xb7\xd0\xb0\xd2\x9b \xff \xd1\x82\xd1\x96\xd0\xbb\xd1\x96. Bad \xc3 byte.\n"
LINES = (KK + LAT + EN).encode()
JSONL = ('{"id": 1, "text": "Қазақ тілі. Бұл сөйлем."}\n'
         '{"id": 2, "text": "Hello there. Second\\nline."}\n'
         '{"id": 3, "text": "Привет. Bilim men ğylym."}\n').encode()
CP1251 = "Привет, мир. Это проверка кодировки.\nВторая строка.\n".encode("cp1251")
LONG = TEXT * 12
MOJIBAKE = KK.encode("utf-8").decode("cp1251", "replace").encode("utf-8")


def cases():
    """(name, argv after the program, stdin bytes)."""
    c = []
    add = lambda name, args, data=TEXT: c.append((name, args, data))
    add("normalize", ["normalize"])
    add("normalize-nfkc-casefold", ["normalize", "--form", "nfkc", "--casefold", "--newlines"])
    add("normalize-repair", ["normalize", "--repair", "all", "--report"])
    add("normalize-key", ["normalize", "--key", "--report=jsonl"], MOJIBAKE)
    add("normalize-replace", ["normalize", "--invalid", "replace"], INVALID)
    add("decode", ["decode", "--report"], CP1251)
    add("decode-mojibake", ["decode"], MOJIBAKE)
    add("decode-utf16", ["decode", "--from", "utf-16"], b"\xff\xfe" + TEXT.decode().encode("utf-16-le"))
    add("detect-line", ["detect"], LINES)
    add("detect-line-jsonl", ["detect", "--format", "jsonl"], LINES)
    add("detect-sentence", ["detect", "--by", "sentence"])
    add("detect-sentence-jsonl", ["detect", "--by", "sentence", "--format", "jsonl"])
    add("detect-paragraph", ["detect", "--by", "paragraph"])
    add("detect-text-jsonl", ["detect", "--by", "text", "--format", "jsonl"])
    add("detect-replace-jsonl", ["detect", "--format", "jsonl", "--invalid", "replace"], INVALID)
    add("sentences", ["sentences"])
    add("sentences-jsonl", ["sentences", "--format", "jsonl", "--lang", "kk"])
    add("sentences-replace", ["sentences", "--invalid", "replace", "--lines"], INVALID)
    add("tokens", ["tokens"])
    add("tokens-jsonl", ["tokens", "--format", "jsonl"])
    add("translit", ["translit", "--to", "latin2021"])
    add("translit-jsonl", ["translit", "--to", "latin2021", "--format", "jsonl"])
    add("translit-to-cyrillic", ["translit", "--to", "cyrillic"], LAT.encode())
    add("translit-arabic-jsonl", ["translit", "--to", "arabic", "--format", "jsonl", "--invalid", "replace"], INVALID)
    add("case-upper-kk", ["case", "--upper", "--lang", "kk"])
    add("case-fold", ["case", "--fold"])
    add("case-lower-auto", ["case", "--lower"], LAT.encode())
    for fmt in ("jsonl", "tsv", "text"):
        add(f"process-{fmt}", ["process", "--quiet", "--format", fmt])
    add("process-translit-j1", ["process", "--quiet", "--translit", "latin2021", "-j", "1"])
    add("process-translit-j2", ["process", "--quiet", "--translit", "latin2021", "-j", "2"])
    add("process-text-j2", ["process", "--quiet", "--format", "text", "-j", "2"])
    add("process-input-jsonl", ["process", "--quiet", "--input", "jsonl"], JSONL)
    add("process-input-jsonl-j2", ["process", "--quiet", "--input", "jsonl", "--format", "tsv", "-j", "2"], JSONL)
    add("process-cp1251", ["process", "--quiet", "--from", "cp1251", "--format", "tsv"], CP1251)
    # Longer input: span arrays, output buffers and arenas grow (reallocs).
    add("sentences-long", ["sentences", "--format", "jsonl"], LONG)
    add("tokens-long", ["tokens"], LONG)
    add("detect-sentence-long", ["detect", "--by", "sentence"], LONG)
    add("translit-jsonl-long", ["translit", "--to", "latin2021", "--format", "jsonl"], LONG)
    add("normalize-key-long", ["normalize", "--key"], LONG)
    add("process-long-j2", ["process", "--quiet", "--translit", "latin2021", "-j", "2"], LONG)
    # Past 4 workers the workers format the records (cli/cmd_process.c).
    add("process-long-j5", ["process", "--quiet", "--translit", "latin2021", "-j", "5"], LONG)
    # Named files ({in}: the input written to a file, opened by the command).
    add("sentences-files", ["sentences", "{in}", "{in}"])
    add("detect-text-files", ["detect", "--by", "text", "{in}", "{in}"])
    add("process-files", ["process", "--quiet", "--format", "tsv", "{in}", "{in}"])
    return c


def run(cli, shim, args, data, n, tmp):
    rep = Path(tempfile.mkstemp(dir=tmp, prefix="rep")[1])
    env = dict(os.environ, LD_PRELOAD=shim, KZTEXT_FAIL_ALLOC=str(n),
               KZTEXT_FAIL_ALLOC_REPORT=str(rep), LC_ALL="C.UTF-8")
    env.pop("KZTEXT_FAIL_ALLOC_TRACE", None)
    try:
        p = subprocess.run([cli, *args], input=data, capture_output=True, env=env, timeout=TIMEOUT)
        rc, out, err = p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        rc, out, err = "timeout", e.stdout or b"", (e.stderr or b"").decode("utf-8", "replace")
    text = rep.read_text() if rep.exists() else ""
    site_file = Path(str(rep) + ".site")
    site = site_file.read_text(errors="replace") if site_file.exists() else ""
    rep.unlink(missing_ok=True)
    site_file.unlink(missing_ok=True)
    fields = {k: int(v) for k, v in (kv.split("=") for kv in text.split())}
    if fields:
        fields["site"] = site
    return rc, out, err, fields


def judge(ref, res):
    """None if the run is acceptable, else what is wrong."""
    rc, out, err, st = res
    if rc == "timeout":
        return "hang (timeout)"
    if rc < 0:
        return f"killed by signal {-rc}"
    if not st:
        return f"no report from the injector (exit {rc})"
    problems = []
    if rc == 0:
        if out != ref[1]:
            problems.append(f"exit 0 with output differing from the reference ({len(out)} vs {len(ref[1])} bytes)")
    elif rc == 1:
        if not OOM_MESSAGE.search(err):
            problems.append("exit 1 without an out-of-memory message" + (f" (stderr: {err.strip()[:120]!r})" if err.strip() else " (stderr empty)"))
        if not ref[1].startswith(out) or (out and not out.endswith(b"\n")):
            problems.append(f"exit 1 with partial output that is not whole reference records ({out[-60:]!r})")
    else:
        problems.append(f"exit {rc} (stderr: {err.strip()[:120]!r})")
    extra = st["live"] - ref[3]["live"]
    if extra > 0 and not (ICU_RBBI_SITE.search(st["site"]) and extra <= ICU_RBBI_LEAK):
        problems.append(f"leak: {st['live']} blocks live at exit, {ref[3]['live']} without the failure")
    return "; ".join(problems) or None


def sweep_case(cli, shim, case, tmp, pool):
    name, args, data = case
    if "{in}" in args:
        path = Path(tmp) / f"{name}.txt"
        path.write_bytes(data)
        args, data = [str(path) if a == "{in}" else a for a in args], b""
    ref = run(cli, shim, args, data, 0, tmp)
    if ref[0] != 0 or not ref[3]:
        return name, 0, 0, [(0, f"the reference run failed: exit {ref[0]}, {ref[2].strip()[:200]!r}")], []
    allocs = ref[3]["allocs"]
    failures, runs, n = [], 0, 1
    # Run N = 1.. in batches; stop after a run that made fewer than N
    # allocations (nothing was injected).  Thread timing can change the count
    # (-j 2), so the bound is found by running, not taken from the reference.
    while True:
        batch = list(range(n, n + 16))
        results = list(pool.map(lambda k: run(cli, shim, args, data, k, tmp), batch))
        runs += len(batch)
        done = False
        for k, res in zip(batch, results):
            if res[3] and not res[3].get("injected"):
                if res[0] != 0 or res[1] != ref[1]:
                    failures.append((k, "a run without a failure differs from the reference"))
                done = done or k > allocs
                continue
            why = judge(ref, res)
            if why:
                failures.append((k, why))
        if done or n > 4 * allocs + 64:
            break
        n += 16
    return name, allocs, runs, failures, ref


def main():
    cli = os.environ.get("KZTEXT_CLI")
    shim = os.environ.get("KZTEXT_FAILMALLOC")
    if not cli or not Path(cli).is_file() or not shim or not Path(shim).is_file():
        print(f"sweep: KZTEXT_CLI ({cli}) and KZTEXT_FAILMALLOC ({shim}) must name built files")
        return 1
    only = os.environ.get("KZTEXT_SWEEP_ONLY", "")
    jobs = int(os.environ.get("KZTEXT_SWEEP_JOBS", "2"))
    t0 = time.monotonic()
    total_runs, bad, known_seen = 0, 0, {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(jobs) as pool:
        for case in cases():
            if only not in case[0]:
                continue
            name, allocs, runs, failures, _ = sweep_case(cli, shim, case, tmp, pool)
            case = (name, [a for a in case[1]], case[2])
            total_runs += runs
            new, known = [], []
            for k, why in failures:
                entry = next((e for e in KNOWN_FAILURES
                              if any(fnmatch.fnmatch(name, pat) for pat in e["cases"])
                              and re.search(e["symptom"], why)), None)
                if entry is None:
                    new.append((k, why))
                else:
                    known.append((k, why))
                    known_seen.setdefault(id(entry), []).append(f"{name} N={k}")
            status = "ok" if not new else "FAIL"
            print(f"{name:28s} {allocs:5d} allocations {runs:5d} runs  {status}"
                  + (f" ({len(known)} known)" if known else ""))
            for k, why in new:
                print(f"    N={k}: {why}")
                print(f"      rerun: KZTEXT_FAIL_ALLOC={k} KZTEXT_FAIL_ALLOC_TRACE=1 LD_PRELOAD={shim} "
                      f"{cli} {' '.join(case[1])} < input")
            bad += len(new)
    for e in KNOWN_FAILURES:
        seen = known_seen.get(id(e))
        if seen:
            print(f"KNOWN ({len(seen)} runs: {', '.join(seen[:6])}{', ...' if len(seen) > 6 else ''}):\n    {e['where']}")
        elif not only:
            print(f"STALE (matched nothing: remove it): {e['where']}")
    print(f"sweep: {total_runs} runs in {time.monotonic() - t0:.1f} s, {bad} failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
