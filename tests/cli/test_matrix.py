"""Every command x input kind x size, checked against a reference and with
peak memory bounded (issue 12).

Input kinds: UTF-8, UTF-16 LE and BE with a BOM, each codepage, JSONL.
Sizes: empty, one character, one 5 MiB line, and KZTEXT_MATRIX_MB (default
50) MiB of paragraphs.  The reference of a cell is the same command on the
same text as UTF-8; commands that read UTF-8 (all but decode and process)
must refuse codepage bytes with FILE:OFFSET instead.  Peak RSS of every run
must stay under KZTEXT_MATRIX_RSS_MB (default 100; 0 turns the check off,
as the sanitizer build does)."""
import hashlib
import json
import os
import subprocess
import tempfile
import unittest

from clitest import CLI, PEAK_RSS

MB = int(os.environ.get("KZTEXT_MATRIX_MB", "50"))
RSS_MB = int(os.environ.get("KZTEXT_MATRIX_RSS_MB", "100"))

# Our own sentences; Kazakh for the Kazakh codepages, Russian for the rest.
KK = ["Астанада жаңа көпір ашылды.", "Оның ұзындығы үш жүз метр.",
      "Қала әкімі құрылысшыларға алғыс айтты.", "Көктемде саябақ та ашылмақ."]
RU = ["В Алматы открыли новую библиотеку.", "Читатели пришли рано утром.",
      "Здание построили за два года.", "Вход для всех бесплатный."]
EN = ["The new bridge opened on Monday.", "It is three hundred metres long."]

CODEPAGES = {"cp1251": ("cp1251", RU), "koi8-r": ("koi8_r", RU), "ibm866": ("cp866", RU),
             "iso-8859-5": ("iso8859_5", RU), "rk1048": ("kz1048", KK), "pt154": ("ptcp154", KK)}

COMMANDS = {
    "normalize": ["normalize"],
    "sentences": ["sentences"],
    "tokens": ["tokens"],
    "detect": ["detect"],
    "case": ["case", "--upper"],
    "translit": ["translit", "--to", "latin2021"],
    "decode": ["decode"],
    "process": ["process", "--quiet", "--translit", "latin2021"],
}


def text_of(sentences, size, shape):
    """About `size` bytes of UTF-8: paragraphs of three sentences, or one line."""
    if size == 0:
        return ""
    if size == 1:
        return "A"
    out, n, i = [], 0, 0
    sep = " " if shape == "line" else None
    while n < size:
        s = sentences[i % len(sentences)]
        if sep:
            piece = s + " "
        else:
            piece = s + (" " if i % 3 != 2 else "\n\n")
        out.append(piece)
        n += len(piece.encode())
        i += 1
    return "".join(out).rstrip() + "\n"


class Matrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.refs = {}
        cls.peaks = {}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()
        print("\npeak RSS by command (MB): " +
              ", ".join(f"{k} {v:.0f}" for k, v in sorted(cls.peaks.items())))

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def run_cli(self, args, data_path):
        """Runs with the file on stdin and stdout to a file; returns (code,
        sha256 of stdout, stderr, peak RSS in MB, stdout path)."""
        out_path = self.path("out")
        with open(data_path, "rb") as fin, open(out_path, "wb") as fout, \
                tempfile.TemporaryFile() as ferr:
            code = subprocess.run([PEAK_RSS, CLI, *args], stdin=fin, stdout=fout, stderr=ferr,
                                  timeout=600).returncode
            ferr.seek(0)
            err = ferr.read().decode("utf-8", "replace")
        err, _, last = err.rstrip("\n").rpartition("\n")
        self.assertTrue(last.startswith("peak_rss_kib="), f"peak_rss said: {err!r} {last!r}")
        rss = int(last.split("=")[1]) / 1024
        h = hashlib.sha256()
        with open(out_path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return code, h.hexdigest(), err, rss, out_path

    def check_rss(self, rss, what):
        cmd = what.split()[0]
        Matrix.peaks[cmd] = max(Matrix.peaks.get(cmd, 0), rss)
        if RSS_MB:
            self.assertLess(rss, RSS_MB, f"{what}: peak RSS {rss:.0f} MB")

    def reference(self, cmd, text_key, text):
        key = (cmd, text_key)
        if key not in self.refs:
            p = self.path("ref.txt")
            with open(p, "wb") as f:
                f.write(text.encode())
            code, digest, err, rss, _ = self.run_cli(COMMANDS[cmd] if cmd != "decode" else ["decode"], p)
            self.assertEqual(code, 0, f"{cmd} on UTF-8 {text_key}: {err}")
            self.check_rss(rss, f"{cmd} utf-8 {text_key}")
            self.refs[key] = digest
        return self.refs[key]

    def cells(self):
        sizes = [("empty", 0, "para"), ("1 byte", 1, "para"), ("5 MiB line", 5 << 20, "line"),
                 (f"{MB} MiB", MB << 20, "para")]
        for size_name, size, shape in sizes:
            mixed = text_of(KK + RU + EN, size, shape)
            yield size_name, "utf-8", mixed.encode(), mixed
            yield size_name, "utf-16le", b"\xff\xfe" + mixed.encode("utf-16-le"), mixed
            yield size_name, "utf-16be", b"\xfe\xff" + mixed.encode("utf-16-be"), mixed
            for name, (codec, sents) in CODEPAGES.items():
                t = text_of(sents, size, shape)
                yield size_name, name, t.encode(codec), t

    def test_matrix(self):
        ran = 0
        for size_name, kind, data, text in self.cells():
            data_path = self.path("in")
            with open(data_path, "wb") as f:
                f.write(data)
            ascii_only = all(ord(ch) < 128 for ch in text)
            for cmd, args in COMMANDS.items():
                what = f"{cmd} / {kind} / {size_name}"
                code, digest, err, rss, _ = self.run_cli(args, data_path)
                ran += 1
                self.check_rss(rss, what)
                codepage = kind in CODEPAGES
                if codepage and not ascii_only and cmd not in ("decode", "process"):
                    # UTF-8 commands refuse codepage bytes, at the first one.
                    first = next(i for i, b in enumerate(data) if b >= 0x80)
                    self.assertEqual(code, 1, what)
                    self.assertIn(f"<stdin>:{first}: invalid UTF-8", err, what)
                    continue
                self.assertEqual(code, 0, f"{what}: {err}")
                ref = self.reference(cmd, (size_name, kind in CODEPAGES and CODEPAGES[kind][1] is KK,
                                           kind in CODEPAGES), text)
                self.assertEqual(digest, ref, what)
        self.assertGreater(ran, 100)
        print(f"\n{ran} runs in the matrix")

    def test_jsonl(self):
        """process --input jsonl: one record per paragraph gives the sentences
        that the paragraphs give as text."""
        for size_name, size, shape in (("5 MiB record", 5 << 20, "line"),
                                       (f"{MB} MiB", MB << 20, "para")):
            text = text_of(KK + RU + EN, size, shape)
            paras = [p for p in text.split("\n\n") if p.strip()]
            jl = self.path("in.jsonl")
            with open(jl, "w") as f:
                for p in paras:
                    f.write(json.dumps({"id": 1, "text": p}, ensure_ascii=False) + "\n")
            for jobs in ("1", "4"):
                code, _, err, rss, out_path = self.run_cli(
                    ["process", "--quiet", "-j", jobs, "--input", "jsonl"], jl)
                self.assertEqual(code, 0, err)
                self.check_rss(rss, f"jsonl {size_name} -j {jobs}")
                with open(out_path, "rb") as f:
                    got = [(r["text"], r["lang"]) for r in map(json.loads, f)]
            if len(paras) == 1:
                # One record: nothing lost or added between its sentences.
                self.assertEqual(" ".join(t for t, _ in got), paras[0].strip(), size_name)
                continue
            tp = self.path("in.txt")
            with open(tp, "w") as f:
                f.write(text)
            code, _, err, rss, out_path = self.run_cli(["process", "--quiet"], tp)
            with open(out_path, "rb") as f:
                want = [(r["text"], r["lang"]) for r in map(json.loads, f)]
            # Not assertEqual on the lists: its diff of a million items never ends.
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), None)
            self.assertEqual((len(got), first), (len(want), None), size_name)

    def test_process_jobs_memory(self):
        """-j N keeps memory bounded too, with the same bytes as -j 1."""
        text = text_of(KK + RU + EN, MB << 20, "para")
        p = self.path("in.txt")
        with open(p, "w") as f:
            f.write(text)
        digests = set()
        for jobs in ("1", "2", "8"):
            code, digest, err, rss, _ = self.run_cli(["process", "--quiet", "-j", jobs], p)
            self.assertEqual(code, 0, err)
            self.check_rss(rss, f"process -j {jobs}")
            digests.add(digest)
        self.assertEqual(len(digests), 1)


if __name__ == "__main__":
    unittest.main()
