"""kztext process: record format, ordering under -j, streaming pieces,
errors with ids and offsets, input and output formats."""
import json
import os
import tempfile
import unittest

from clitest import run

KK = "Астанада жаңа көпір ашылды. Оның ұзындығы 300 метр.\n\nҚала әкімі құттықтады."
RU = "В Алматы прошёл форум. Участники обсудили 5 тем."
EN = "The bank raised rates. Analysts expected it."


def records(out: bytes):
    return [json.loads(line) for line in out.decode().splitlines()]


class Records(unittest.TestCase):
    def test_jsonl_fields_and_offsets(self):
        data = (KK + "\n\n" + RU + "\n\n" + EN + "\n").encode()
        code, out, err = run("process", stdin=data)
        self.assertEqual(code, 0, err)
        recs = records(out)
        self.assertEqual([r["lang"] for r in recs], ["kk", "kk", "kk", "ru", "ru", "en", "en"])
        self.assertEqual([r["para"] for r in recs], [0, 0, 1, 2, 2, 3, 3])
        for r in recs:
            self.assertEqual(set(r), {"doc", "para", "start", "end", "text", "lang", "script",
                                      "variant", "confidence"})
            self.assertEqual(r["doc"], "<stdin>")
            # Clean NFC input: the normalized document is the input itself.
            self.assertEqual(data[r["start"]:r["end"]].decode(), r["text"])
            self.assertIsNone(r["variant"])
            self.assertTrue(0 <= r["confidence"] <= 1)
        self.assertEqual(recs[0]["text"], "Астанада жаңа көпір ашылды.")

    def test_translit_only_kazakh(self):
        code, out, err = run("process", "--translit", "latin2021", stdin=(KK + "\n\n" + RU).encode())
        self.assertEqual(code, 0, err)
        recs = records(out)
        self.assertEqual(recs[0]["translit"], "Astanada jaña köpır aşyldy.")
        self.assertIsNone(recs[-1]["translit"])
        code, out, _ = run("process", "--translit", "latin2021", "--translit-all", stdin=RU.encode())
        self.assertIsNotNone(records(out)[0]["translit"])

    def test_latin_kazakh_variant(self):
        code, out, _ = run("process", stdin="Qazaqstan Respublikasy Ükımetınıñ şeşımı boiynşa jūmys ısteidı.".encode())
        r = records(out)[0]
        self.assertEqual((r["lang"], r["script"], r["variant"]), ("kk", "Latn", "latin2021"))

    def test_tsv_and_text(self):
        data = (KK + "\n\n" + EN).encode()
        code, out, _ = run("process", "--format", "tsv", stdin=data)
        self.assertEqual(code, 0)
        rows = [line.split("\t") for line in out.decode().splitlines()]
        self.assertTrue(all(len(r) == 9 for r in rows))
        self.assertEqual(rows[0][4:7], ["kk", "Cyrl", "-"])
        code, out, _ = run("process", "--format", "text", stdin=data)
        self.assertEqual(out.decode(), "Астанада жаңа көпір ашылды.\nОның ұзындығы 300 метр.\n\n"
                                       "Қала әкімі құттықтады.\n\nThe bank raised rates.\nAnalysts expected it.\n\n")

    def test_repairs_and_legacy_input(self):
        # A Latin "a" and "i" inside Cyrillic words are repaired by default.
        code, out, _ = run("process", "--format", "text", stdin="Бiз Aлматыда болдық.".encode())
        self.assertEqual(out.decode(), "Біз Алматыда болдық.\n\n")
        code, out, _ = run("process", "--format", "text", "--no-repair", stdin="Бiз болдық.".encode())
        self.assertEqual(out.decode(), "Бiз болдық.\n\n")
        code, out, _ = run("process", "--from", "cp1251", "--format", "text",
                           stdin="Погода в Москве.".encode("cp1251"))
        self.assertEqual((code, out.decode()), (0, "Погода в Москве.\n\n"))


class Streaming(unittest.TestCase):
    def test_jobs_give_identical_bytes_and_continuous_offsets(self):
        para = (KK + "\n\n" + RU + "\n\n" + EN + "\n\n").encode()
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
            with open(a, "wb") as f:
                f.write(para * 12000)  # ~3 MB: several pieces
            with open(b, "wb") as f:
                f.write(EN.encode())
            outs = []
            # --memory 1: the budget holds back the reader (about 4 pieces in
            # flight); neither it nor -j changes a byte.
            for args in (["-j", "1"], ["-j", "3"], ["-j", "16", "--memory", "1"],
                         ["-j", "2", "--memory", "1", "--format", "tsv"],
                         ["-j", "1", "--format", "tsv"]):
                code, out, err = run("process", *args, a, b)
                self.assertEqual(code, 0, err)
                outs.append(out)
            self.assertEqual(outs[0], outs[1])
            self.assertEqual(outs[0], outs[2])
            self.assertEqual(outs[3], outs[4])
            recs = records(outs[0])
            with open(a, "rb") as f:
                raw = f.read()
            in_a = [r for r in recs if r["doc"] == a]
            self.assertEqual(len(in_a), 7 * 12000)
            # Offsets and paragraph numbers run on across pieces.
            for r in in_a[::997]:
                self.assertEqual(raw[r["start"]:r["end"]].decode(), r["text"])
            self.assertEqual(in_a[-1]["para"], 4 * 12000 - 1)
            self.assertEqual([r["doc"] for r in recs[-2:]], [b, b])
            self.assertEqual(recs[-2]["start"], 0)


class Errors(unittest.TestCase):
    def test_invalid_document_skip_and_stop(self):
        with tempfile.TemporaryDirectory() as d:
            bad, good = os.path.join(d, "bad.txt"), os.path.join(d, "good.txt")
            with open(bad, "wb") as f:
                f.write(b"Good start.\n\nBroken \xff here.\n")
            with open(good, "wb") as f:
                f.write(EN.encode())
            code, out, err = run("process", "--from", "utf-8", "--format", "text", bad, good)
            self.assertEqual(code, 3)
            self.assertIn(f"{bad}:20:", err)
            self.assertIn(b"Analysts expected it.", out)
            code, out, err = run("process", "--from", "utf-8", "--on-error", "stop", bad, good)
            self.assertEqual(code, 1)
            self.assertNotIn(b"Analysts", out)
            code, out, err = run("process", "--from", "utf-8", "--invalid", "replace", "--format", "text", bad)
            self.assertEqual(code, 0, err)
            self.assertIn("Broken \ufffd here.", out.decode())
            code, _, err = run("process", os.path.join(d, "missing.txt"), good)
            self.assertEqual(code, 3)
            self.assertIn("missing.txt", err)

    def test_jsonl_input(self):
        lines = [json.dumps({"id": 7, "body": KK}, ensure_ascii=False),
                 '{"body": 42}',
                 '{"body": "unterminated',
                 json.dumps({"body": "Second record. It has two sentences.", "x": [1, {"y": "}"}]}),
                 ""]
        data = "\n".join(lines).encode()
        code, out, err = run("process", "--input", "jsonl", "--field", "body", stdin=data)
        self.assertEqual(code, 3)
        self.assertIn("record 2", err)
        self.assertIn("record 3", err)
        recs = records(out)
        self.assertEqual([r["doc"] for r in recs], [1, 1, 1, 4, 4])
        self.assertEqual(recs[3]["start"], 0)
        code, out, err = run("process", "--input", "jsonl", "--field", "body", "--on-error", "stop",
                             stdin=data)
        self.assertEqual(code, 1)

    def test_usage(self):
        for args in (["--format", "xml"], ["-j", "0"], ["--memory", "0"], ["--memory", "8MB"],
                     ["--lang", "de"], ["--translit", "klingon"],
                     ["--from", "ebcdic"], ["--translit-all"], ["--on-error", "maybe"]):
            code, _, err = run("process", *args)
            self.assertEqual(code, 2, args)
            self.assertIn("usage: kztext process", err)
        code, out, _ = run("process", "--help")
        self.assertEqual(code, 0)
        self.assertIn(b"--on-error", out)

    def test_progress_line(self):
        code, _, err = run("process", "--progress", stdin=EN.encode())
        self.assertEqual(code, 0)
        self.assertIn("MB/s", err)
        code, _, err = run("process", stdin=EN.encode())
        self.assertEqual(err, "")


class Roles(unittest.TestCase):
    PAGE = ("Menu\n\nEconomy\n\nNew Bridge Over The Ural River Opens In Oral\n\n"
            "The bridge, which took three years to build, was opened to traffic on Friday.\n\n"
            "Subscribe to our newsletter\n").encode()

    def test_roles_and_keep(self):
        code, out, err = run("process", "--roles", stdin=self.PAGE)
        self.assertEqual(code, 0, err)
        self.assertEqual([r["role"] for r in records(out)],
                         ["boilerplate", "meta", "title", "body", "boilerplate"])
        code, out, err = run("process", "--roles", "--keep", "title,body", "--format", "tsv",
                             stdin=self.PAGE)
        self.assertEqual(code, 0, err)
        rows = [line.split("\t") for line in out.decode().splitlines()]
        self.assertEqual([r[8] for r in rows], ["title", "body"])
        self.assertTrue(rows[0][9].startswith("New Bridge"))
        code, out, err = run("process", stdin=self.PAGE)
        self.assertNotIn("role", records(out)[0])

    def test_keep_errors(self):
        self.assertEqual(run("process", "--keep", "body", stdin=b"x")[0], 2)
        self.assertEqual(run("process", "--roles", "--keep", "body,headline", stdin=b"x")[0], 2)


class IdField(unittest.TestCase):
    def test_ids_pass_through(self):
        data = ('{"id":"a-1","text":"Бірінші сөйлем. Екінші сөйлем."}\n'
                '{"text":"No id here.","id":17}\n{"text":"None at all."}\n').encode()
        code, out, err = run("process", "--input", "jsonl", "--id-field", "id", stdin=data)
        self.assertEqual(code, 0, err)
        recs = records(out)
        self.assertEqual([(r["doc"], r["id"]) for r in recs],
                         [(1, "a-1"), (1, "a-1"), (2, 17), (3, None)])
        code, out, err = run("process", "--input", "jsonl", "--id-field", "id", "--format", "tsv",
                             stdin=data)
        self.assertEqual([line.split("\t")[1] for line in out.decode().splitlines()],
                         ['"a-1"', '"a-1"', "17", "-"])

    def test_id_field_needs_jsonl(self):
        self.assertEqual(run("process", "--id-field", "id", stdin=b"x")[0], 2)


if __name__ == "__main__":
    unittest.main()
