#!/usr/bin/env python3
"""Quality of kztext's sentence segmentation and tokenization on the gold
data in ../shared/data/sent (never copied into the repo).

  sentences  boundary F1 per UD dev file, scored by ../shared/tools/
             score_sentences.py (paragraph ends given, as the peers were);
  cases      pySBD golden rules (kk, ru, en) and razdel's unit cases:
             share of cases whose sentence list is exactly right;
  tokens     token F1 of kztext.tokens() on each gold sentence of the .tok
             files, and on razdel's token cases (razdel_tokens_int.txt).

With --icu build/bench/icu_sentences, ICU's plain sentence iterator is
scored on the same files as a baseline.

usage: tools/eval_segment.py [--data DIR] [--lang auto|file] [--errors N] [--icu PROG] [--json]
Exits 0; prints "skipped: ..." when the data is absent.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

UD = [("kk", "kk/ud_kk_ktb-dev", 0.99), ("ru", "ru/ud_ru_gsd-dev", 0.98),
      ("ru", "ru/ud_ru_taiga-dev", 0.95), ("en", "en/ud_en_ewt-dev", 0.87),
      ("en", "en/ud_en_gum-dev", 0.965)]
CASES = [("kk", "kk/pysbd_golden_kk.jsonl"), ("ru", "ru/pysbd_golden_ru.jsonl"),
         ("en", "en/pysbd_golden_en.jsonl"), ("ru", "ru/razdel_unit_ru.jsonl")]
WS = re.compile(r"\s+")


def load_scorer(data):
    tools = Path(data).resolve().parent / "tools"
    sys.path.insert(0, str(tools))
    import score_sentences  # noqa: E402  (../shared/tools)
    return score_sentences


def eval_ud(kz, scorer, data, args, report):
    for lang, stem, gate in UD:
        raw = Path(data, "sent", stem + ".raw.txt")
        gold = Path(data, "sent", stem + ".txt")
        if not raw.exists() or not gold.exists():
            print(f"{stem}: absent from {data}/sent (skipped)")
            report[stem] = None
            continue
        text = raw.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        sents = kz.sentences(text, lang=args.lang if args.lang != "file" else lang)
        secs = time.perf_counter() - t0
        r = scorer.score(scorer.read_gold(str(gold)), sents)
        report[stem] = r
        print(f"{stem:22s} boundary P={r['b_P']:.4f} R={r['b_R']:.4f} F1={r['b_F1']:.4f} "
              f"(gate {gate}: {'ok' if r['b_F1'] >= gate else 'MISS'}) sent_acc={r['sent_acc']:.4f}"
              f" | {len(text.encode()) / secs / 1e6:.1f} MB/s via Python")
        if args.icu:
            out = subprocess.run([args.icu, str(raw)], capture_output=True, check=True,
                                 text=True, encoding="utf-8").stdout
            b = scorer.score(scorer.read_gold(str(gold)), [x for x in out.split("\n") if x.strip()])
            report[stem + " (ICU)"] = b
            print(f"{'  ICU plain, same text':22s} boundary P={b['b_P']:.4f} R={b['b_R']:.4f} F1={b['b_F1']:.4f}")
        if args.errors:
            show_boundary_errors(scorer, gold, sents, args.errors)


def show_boundary_errors(scorer, gold, sents, limit):
    blocks = scorer.read_gold(str(gold))
    flat = [s for b in blocks for s in b]
    text = "".join(WS.sub("", s) for s in flat)
    g = {e for _, e in scorer.spans(flat)}
    s = {e for _, e in scorer.spans(sents)}
    ends, pos = set(), 0
    for b in blocks:
        pos += sum(len(WS.sub("", x)) for x in b)
        ends.add(pos)
    shown = 0
    for kind, diff in (("missed", sorted(g - s - ends)), ("extra", sorted(s - g - ends))):
        for e in diff:
            if shown >= limit:
                return
            shown += 1
            print(f"   {kind}: ...{text[max(0, e - 40):e]} || {text[e:e + 30]}...")


def eval_cases(kz, data, args, report):
    for lang, rel in CASES:
        path = Path(data, "sent", rel)
        if not path.exists():
            print(f"{rel}: absent (skipped)")
            continue
        ok = total = 0
        fails = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            got = [WS.sub(" ", s).strip() for s in
                   kz.sentences(case["text"], lang=args.lang if args.lang != "file" else lang)]
            want = [WS.sub(" ", s).strip() for s in case["sents"]]
            total += 1
            if got == want:
                ok += 1
            else:
                fails.append((case["text"], got, want))
        report[rel] = {"ok": ok, "total": total, "rate": ok / total if total else 1.0}
        print(f"{rel:32s} {ok}/{total} exactly right = {ok / total:.3f} "
              f"(gate 0.95: {'ok' if ok / total >= 0.95 else 'MISS'})")
        for text, got, want in fails[:args.errors]:
            print(f"   text: {text[:150]}\n   got:  {got}\n   want: {want}")


def f1(tp, nsys, ngold):
    p = tp / nsys if nsys else 1.0
    r = tp / ngold if ngold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def nows_spans(text, spans):
    """Maps str spans of `text` to offsets in its white-space-free form."""
    keep = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        keep[i] = n
        if not ch.isspace():
            n += 1
    keep[len(text)] = n
    return {(keep[a], keep[b]) for a, b in spans if keep[b] > keep[a]}


def eval_tokens(kz, data, args, report):
    for lang, stem, _ in UD:
        tok = Path(data, "sent", stem + ".tok")
        txt = Path(data, "sent", stem + ".txt")
        if not tok.exists() or not txt.exists():
            continue
        tp = ns = ng = 0
        fails = []
        for sent, line in zip(txt.read_text(encoding="utf-8").splitlines(),
                              tok.read_text(encoding="utf-8").splitlines()):
            if not sent.strip():
                continue
            gold, pos = set(), 0
            for t in line.split("\t"):
                t = WS.sub("", t)
                if t:
                    gold.add((pos, pos + len(t)))
                    pos += len(t)
            if pos != len(WS.sub("", sent)):
                continue  # the .tok line does not spell the sentence: skip
            sys_ = nows_spans(sent, kz.token_spans(sent, lang=args.lang if args.lang != "file" else lang))
            tp += len(gold & sys_)
            ns += len(sys_)
            ng += len(gold)
            if gold != sys_ and len(fails) < args.errors:
                fails.append((sent, [sent[a:b] for a, b in kz.token_spans(sent)], line))
        r = f1(tp, ns, ng)
        report[stem + ".tok"] = r
        print(f"{stem + '.tok':28s} token F1={r:.4f} (gate 0.98: {'ok' if r >= 0.98 else 'MISS'})")
        for sent, got, want in fails:
            print(f"   got:  {' | '.join(got)[:300]}\n   want: {want.replace(chr(9), ' | ')[:300]}")
    path = Path(data, "sent", "ru", "razdel_tokens_int.txt")
    if path.exists():
        tp = ns = ng = exact = total = 0
        fails = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            chunks = line.split("|")
            text = "".join(chunks)
            gold, pos = set(), 0
            for c in chunks:
                if not c.isspace():
                    gold.add((pos, pos + len(c)))
                pos += len(c)
            sys_ = set(kz.token_spans(text, lang=args.lang if args.lang != "file" else "ru"))
            tp += len(gold & sys_)
            ns += len(sys_)
            ng += len(gold)
            total += 1
            exact += gold == sys_
            if gold != sys_ and len(fails) < args.errors:
                fails.append((line, [text[a:b] for a, b in sorted(sys_)]))
        r = f1(tp, ns, ng)
        report["razdel_tokens_int"] = {"f1": r, "exact": exact / total}
        print(f"{'razdel_tokens_int.txt':28s} token F1={r:.4f} (gate 0.98: {'ok' if r >= 0.98 else 'MISS'})"
              f" exact={exact / total:.4f} of {total}")
        for line, got in fails:
            print(f"   want: {line}\n   got:  {'|'.join(got)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--lang", default="file", help="'file' = each file's language (default), or auto|kk|ru|en")
    ap.add_argument("--errors", type=int, default=0, help="show up to N errors per file")
    ap.add_argument("--only", choices=["sentences", "cases", "tokens"])
    ap.add_argument("--icu", metavar="PROG", help="also score ICU's plain iterator (build/bench/icu_sentences)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not Path(args.data, "sent").is_dir():
        print(f"skipped: no gold data at {args.data}/sent")
        return 0
    import kztext as kz
    report = {}
    if args.only in (None, "sentences"):
        eval_ud(kz, load_scorer(args.data), args.data, args, report)
    if args.only in (None, "cases"):
        eval_cases(kz, args.data, args, report)
    if args.only in (None, "tokens"):
        eval_tokens(kz, args.data, args, report)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
