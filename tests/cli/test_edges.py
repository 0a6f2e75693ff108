"""Regressions for input at the edges (issue 12): UTF-16 and codepage input
streamed in pieces, long lines, JSONL error paths, strict auto detection."""
import json
import os
import tempfile
import unittest

from clitest import run

KK = "Астанада жаңа көпір ашылды. Оның ұзындығы үш жүз метр.\n"
RU = "В Алматы открыли новую библиотеку. Читатели пришли рано.\n"


def records(out: bytes):
    return [json.loads(line) for line in out.decode().splitlines()]


def strip_doc(out: bytes):
    return [{k: v for k, v in r.items() if k != "doc"} for r in records(out)]


class Utf16(unittest.TestCase):
    # More than the 2 MiB at which the old reader span forever waiting for
    # a whole UTF-16 document.
    TEXT = (KK + RU) * 30000

    def test_process_utf16_bom_streams(self):
        ref_code, ref, _ = run("process", "--quiet", stdin=self.TEXT.encode())
        self.assertEqual(ref_code, 0)
        for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
            for args in ((), ("--from", "utf-16"), ("-j", "2")):
                data = bom + self.TEXT.encode(enc)
                code, out, err = run("process", "--quiet", *args, stdin=data)
                self.assertEqual(code, 0, err)
                self.assertEqual(out, ref, (enc, args))

    def test_every_text_command_reads_utf16(self):
        text = (KK + "\n" + RU) * 200
        for cmd in (["normalize"], ["sentences"], ["tokens"], ["detect"], ["case", "--upper"],
                    ["translit", "--to", "latin2021"]):
            code, ref, err = run(*cmd, stdin=text.encode())
            self.assertEqual(code, 0, err)
            code, out, err = run(*cmd, stdin=b"\xff\xfe" + text.encode("utf-16-le"))
            self.assertEqual((code, out), (0, ref), cmd)

    def test_lone_surrogate_offset_is_in_the_file(self):
        data = b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")
        code, out, err = run("sentences", stdin=data)
        self.assertEqual(code, 1)
        self.assertIn("<stdin>:6:", err)
        code, out, err = run("sentences", "--invalid", "replace", stdin=data)
        self.assertEqual(code, 0, err)
        self.assertEqual(out.decode(), "ab\ufffdc\n")


class LongUnits(unittest.TestCase):
    def test_detect_line_over_buffer_is_valid_utf8(self):
        line = ("Бұл өте ұзын жол. " * 300000) + "\n"  # ~ 9.6 MB, no break
        code, out, err = run("detect", stdin=line.encode())
        self.assertEqual(code, 0, err)
        parts = out.decode().splitlines()
        self.assertGreater(len(parts), 1)
        self.assertTrue(all(p.startswith("kk\tCyrl") for p in parts))
        # The parts together are the line: nothing lost at the cuts.
        self.assertEqual("".join(p.split("\t", 4)[4] for p in parts), line.rstrip("\n"))


class Jsonl(unittest.TestCase):
    def write(self, text):
        f = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)
        self.addCleanup(os.unlink, f.name)
        f.write(text if isinstance(text, bytes) else text.encode())
        f.close()
        return f.name

    def test_stop_keeps_records_before_the_bad_one(self):
        good = "".join(json.dumps({"text": f"Сөйлем {i}."}) + "\n" for i in range(1000))
        path = self.write(good + "{bad json\n" + json.dumps({"text": "After."}) + "\n")
        for jobs in ("1", "2"):
            code, out, err = run("process", "-j", jobs, "--input", "jsonl", "--on-error", "stop",
                                 path)
            self.assertEqual(code, 1)
            self.assertEqual([r["doc"] for r in records(out)], list(range(1, 1001)))
            self.assertIn("line 1001 (record 1001): malformed JSON", err)

    def test_errors_in_input_order_with_line_numbers(self):
        lines = ["", json.dumps({"text": "One."}), "", "{x", '{"a":' + "[" * 600,
                 '{"text":"bad \xff byte."}'.encode("latin-1").decode("latin-1"),
                 json.dumps({"text": "Two."})]
        data = "\n".join(lines[:5]).encode() + b"\n" + b'{"text":"bad \xff byte."}\n' + \
            lines[6].encode() + b"\n"
        path = self.write(data)
        code, out, err = run("process", "--input", "jsonl", path)
        self.assertEqual(code, 3)
        msgs = err.splitlines()
        self.assertEqual(len(msgs), 3, err)
        # The record number is the line number, blank lines counted (as in
        # Python's kztext.process_jsonl), so doc joins back to the file.
        self.assertRegex(msgs[0], r":\d+: line 4 \(record 4\): malformed JSON$")
        self.assertRegex(msgs[1], r"line 5 \(record 5\): JSON nested deeper than 512 levels$")
        self.assertRegex(msgs[2], r"line 6 \(record 6\): invalid UTF-8$")
        self.assertEqual([r["doc"] for r in records(out)], [2, 7])

    def test_line_too_long_is_one_error(self):
        big = json.dumps({"text": "x" * (65 << 20)})
        path = self.write(json.dumps({"text": "A."}) + "\n" + big + "\n" +
                          json.dumps({"text": "C."}) + "\n")
        code, out, err = run("process", "--input", "jsonl", path)
        self.assertEqual(code, 3)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertIn("line 2 (record 2): line too long", err)
        self.assertEqual([(r["doc"], r["text"]) for r in records(out)], [(1, "A."), (3, "C.")])


class Auto(unittest.TestCase):
    def test_weak_guess_is_refused(self):
        for cmd in ("process", "decode"):
            code, out, err = run(cmd, stdin=b"abc \xc0\xaf def\n")
            self.assertEqual(code, 1, cmd)
            self.assertEqual(out, b"")
            self.assertRegex(err, r"<stdin>:4: cannot tell the encoding \(best guesses: [a-z0-9-]+, "
                                  r"[a-z0-9-]+\); name it with --from")
        code, out, err = run("process", "--from", "cp1251", stdin=b"abc \xc0\xaf def\n")
        self.assertEqual(code, 0, err)

    def test_codepage_text_still_detected(self):
        code, out, err = run("process", "--quiet", stdin=(RU * 3).encode("cp1251"))
        self.assertEqual(code, 0, err)
        _, ref, _ = run("process", "--quiet", stdin=(RU * 3).encode())
        self.assertEqual(out, ref)

    def test_stray_byte_loses_only_its_paragraph(self):
        paras = [f"Абзац {i}. Бұл сөйлем." for i in range(4000)]
        text = "\n\n".join(paras).encode()
        bad_at = text.index("Абзац 2000.".encode())
        data = text[:bad_at] + b"\xff" + text[bad_at:]
        code, out, err = run("process", "--quiet", stdin=data)
        self.assertEqual(code, 3)
        self.assertEqual(err.strip(), f"kztext: <stdin>:{bad_at}: invalid UTF-8")
        texts = [r["text"] for r in records(out)]
        self.assertEqual(len(texts), 2 * 3999)
        self.assertNotIn("Абзац 2000.", texts)
        self.assertIn("Абзац 1999.", texts)
        self.assertIn("Абзац 2001.", texts)


class Messages(unittest.TestCase):
    def test_write_error_names_the_cause(self):
        if not os.path.exists("/dev/full"):
            self.fail("/dev/full is needed")
        with open("/dev/full", "wb") as full:
            import subprocess
            from clitest import CLI
            p = subprocess.run([CLI, "detect"], input=(KK * 2000).encode(), stdout=full,
                               stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn("write error: No space left on device", p.stderr.decode())


if __name__ == "__main__":
    unittest.main()
