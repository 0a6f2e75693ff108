#!/usr/bin/env python3
"""Quality of kztext's line roles (Pipeline(roles=True), `process --roles`)
on the labelled news pages in ../shared/data/pages (never copied into the
repo; see GUIDE.md there).

Each page's raw text goes through the pipeline; every non-blank line of the
normalized text gets the role of the sentences on it, and is compared with
its gold row.  Reported, per language and overall:

  content F1   title + body against everything else (the --keep title,body
               decision), gate >= .95 per language;
  accuracy     exact role, gate >= 85%;
  body lost    gold body lines that --keep title,body would drop, gate <= 2%.

usage: tools/eval_roles.py [--data DIR] [--errors] [--json]
Exits 0; prints "skipped: ..." when the data is absent.
"""
import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

CONTENT = {"title", "body"}


def line_roles(pipe, text):
    """The normalized text's non-blank lines with the role the pipeline gave
    each (the first sentence overlapping the line)."""
    recs = list(pipe.process(text))
    norm = pipe.normalized
    lines, pos = [], 0
    for raw in norm.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if raw.strip():
            lines.append((a, b))
    out, k = [], 0
    for a, b in lines:
        while k < len(recs) and recs[k].end <= a:
            k += 1
        role = recs[k].role if k < len(recs) and recs[k].start < b else "none"
        out.append(role)
    return out


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--errors", action="store_true", help="list the lines labelled wrong")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pages = Path(args.data, "pages")
    if not (pages / "GUIDE.md").exists():
        print(f"skipped: {pages} is absent")
        return 0
    import kztext
    pipe = kztext.Pipeline(roles=True, invalid="replace")
    by = defaultdict(Counter)
    confusion = Counter()
    for tsv in sorted(pages.glob("*.tsv")):
        if tsv.name == "INDEX.tsv":
            continue
        lang = tsv.name[:2]
        gold = [row.split("\t", 1)[0] for row in tsv.read_text(encoding="utf-8").splitlines()
                if row.strip()]
        text = (pages / "raw" / (tsv.stem + ".txt")).read_text(encoding="utf-8")
        pred = line_roles(pipe, text)
        if len(pred) != len(gold):
            print(f"{tsv.name}: {len(pred)} lines in the normalized text, {len(gold)} gold rows")
            pred = (pred + ["none"] * len(gold))[:len(gold)]
        rows = [r.split("\t", 1)[1] for r in tsv.read_text(encoding="utf-8").splitlines() if r.strip()]
        for g, p, line in zip(gold, pred, rows):
            c = by[lang]
            c["lines"] += 1
            c["exact"] += g == p
            gc, pc = g in CONTENT, p in CONTENT
            c["tp"] += gc and pc
            c["fp"] += pc and not gc
            c["fn"] += gc and not pc
            if g == "body":
                c["body"] += 1
                c["lost"] += not pc
            confusion[g, p] += 1
            if args.errors and g != p:
                print(f"  {tsv.stem}: gold {g:11s} got {p:11s} {line.strip()[:70]}")
    total = Counter()
    report = {}
    for lang in ("kk", "ru", "en"):
        c = by[lang]
        total.update(c)
        report[lang] = {"content_f1": f1(c["tp"], c["fp"], c["fn"]),
                        "accuracy": c["exact"] / c["lines"] if c["lines"] else 0.0,
                        "body_lost": c["lost"] / c["body"] if c["body"] else 0.0,
                        "lines": c["lines"]}
    report["all"] = {"content_f1": f1(total["tp"], total["fp"], total["fn"]),
                     "accuracy": total["exact"] / total["lines"],
                     "body_lost": total["lost"] / total["body"], "lines": total["lines"]}
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for k, r in report.items():
        gate = "ok" if (k == "all" or r["content_f1"] >= 0.95) else "MISS"
        print(f"{k:4s} lines={r['lines']:4d} content F1={r['content_f1']:.3f} ({gate}) "
              f"exact accuracy={r['accuracy']:.1%} body lines lost by --keep title,body="
              f"{r['body_lost']:.1%}")
    a = report["all"]
    print(f"gates: accuracy >= 85% {'ok' if a['accuracy'] >= 0.85 else 'MISS'}; "
          f"body lost <= 2% {'ok' if a['body_lost'] <= 0.02 else 'MISS'}")
    roles = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    print("confusion (rows gold, columns kztext):")
    print("            " + " ".join(f"{r[:6]:>6s}" for r in roles))
    for g in roles:
        print(f"{g:11s} " + " ".join(f"{confusion[g, p]:6d}" for p in roles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
