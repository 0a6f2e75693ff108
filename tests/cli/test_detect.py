"""kztext detect: output formats, units, exit codes."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("KZTEXT_CLI", "kztext")

KK = "Біз ертең Алматыға барамыз."
RU = "Мы завтра поедем в Москву."
EN = "We will go to London tomorrow."
L18 = "Biz erteń Almatyǵa baramyz."


def run(args, data=b"", check_rc=0):
    p = subprocess.run([CLI, "detect", *args], input=data, capture_output=True)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError(f"rc {p.returncode}, stderr {p.stderr!r}")
    return p


class DetectCli(unittest.TestCase):
    def test_lines_tsv(self):
        text = f"{KK}\n{RU}\n\n{EN}\n{L18}\n"
        out = run([], text.encode()).stdout.decode().splitlines()
        self.assertEqual(len(out), 5)  # one row per line, the empty one included
        rows = [o.split("\t") for o in out]
        self.assertEqual([r[0] for r in rows], ["kk", "ru", "und", "en", "kk"])
        self.assertEqual([r[1] for r in rows], ["Cyrl", "Cyrl", "Zyyy", "Latn", "Latn"])
        self.assertEqual(rows[4][2], "latin2018")
        self.assertEqual(rows[0][2], "-")
        self.assertEqual(rows[0][4], KK)
        self.assertTrue(0.5 < float(rows[0][3]) <= 1.0)

    def test_jsonl_fields(self):
        out = run(["--format", "jsonl"], f"{L18}\n{KK} {RU} И ещё одно предложение здесь.\n".encode())
        objs = [json.loads(l) for l in out.stdout.decode().splitlines()]
        self.assertEqual(len(objs), 2)
        a, b = objs
        self.assertEqual(set(a), {"lang", "script", "variant", "confidence", "scores", "mixed", "text"})
        self.assertEqual((a["lang"], a["script"], a["variant"], a["mixed"]), ("kk", "Latn", "latin2018", None))
        self.assertEqual(set(a["scores"]), {"kk", "ru", "en", "und"})
        self.assertIsNone(b["variant"])
        self.assertIsNotNone(b["mixed"])
        self.assertAlmostEqual(b["mixed"]["kk"] + b["mixed"]["ru"], 1.0, places=3)

    def test_by_sentence_and_paragraph(self):
        text = f"{KK} {RU}\n{EN}\n\n{L18}\n"
        sent = run(["--by", "sentence"], text.encode()).stdout.decode().splitlines()
        self.assertEqual([s.split("\t")[0] for s in sent], ["kk", "ru", "en", "kk"])
        para = run(["--by", "paragraph"], text.encode()).stdout.decode().splitlines()
        self.assertEqual(len(para), 2)
        self.assertTrue(para[0].endswith(f"{KK} {RU} {EN}"))  # line break shown as a space
        whole = run(["--by", "text", "--format", "jsonl"], text.encode()).stdout.decode().splitlines()
        self.assertEqual(len(whole), 1)
        self.assertEqual(json.loads(whole[0])["text"], text)

    def test_initials_do_not_end_sentences(self):
        out = run(["--by", "sentence"], "А. Байтұрсынұлы келді. Бұл жақсы.".encode()).stdout.decode()
        self.assertEqual(len(out.splitlines()), 2)

    def test_files_and_output(self):
        with tempfile.TemporaryDirectory() as d:
            f1, f2, o = (os.path.join(d, n) for n in ("a.txt", "b.txt", "out.tsv"))
            open(f1, "w", encoding="utf-8").write(KK + "\n")
            open(f2, "w", encoding="utf-8").write(EN)  # no final newline
            run(["-o", o, f1, f2])
            rows = open(o, encoding="utf-8").read().splitlines()
            self.assertEqual([r.split("\t")[0] for r in rows], ["kk", "en"])
            p = run([os.path.join(d, "missing.txt")], check_rc=1)
            self.assertIn(b"missing.txt", p.stderr)

    def test_invalid_utf8(self):
        p = run([], "Сәлем\n".encode() + b"ab\xff\n", check_rc=1)
        self.assertIn(b"<stdin>:13: invalid UTF-8", p.stderr)
        p = run(["--invalid", "replace", "--format", "jsonl"], b"ab\xff cd\n")
        self.assertEqual(json.loads(p.stdout)["text"], "ab\ufffd cd")

    def test_usage_errors(self):
        for args in (["--by", "word"], ["--format", "xml"], ["--bogus"], ["--by"], ["--invalid", "x"]):
            p = run(args, check_rc=2)
            self.assertIn(b"usage: kztext detect", p.stderr)
        p = run(["--help"])
        self.assertIn(b"--by UNIT", p.stdout)

    def test_tabs_in_text_become_spaces(self):
        out = run(["--by", "paragraph"], f"{KK}\t{KK}\n".encode()).stdout.decode()
        self.assertEqual(out.count("\t"), 4)


if __name__ == "__main__":
    unittest.main()
