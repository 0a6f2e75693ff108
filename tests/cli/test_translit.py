"""kztext translit: output, formats, streaming, exit codes."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("KZTEXT_CLI", "kztext")
HERE = os.path.dirname(os.path.abspath(__file__))


def run(args, data=b""):
    p = subprocess.run([CLI, "translit"] + args, input=data, capture_output=True)
    return p.returncode, p.stdout, p.stderr


class TranslitCliTest(unittest.TestCase):
    def test_cases(self):
        with open(os.path.join(HERE, "..", "cases", "translit.tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                frm, to, text, want = line.rstrip("\n").split("\t")
                with self.subTest(text=text, to=to):
                    rc, out, err = run(["--from", frm, "--to", to], text.encode())
                    self.assertEqual(rc, 0, err)
                    self.assertEqual(out.decode(), want)

    def test_default_and_auto(self):
        rc, out, _ = run([], "Қазақстан, 2024 жыл.\n".encode())
        self.assertEqual((rc, out.decode()), (0, "Qazaqstan, 2024 jyl.\n"))
        rc, out, _ = run(["--to", "cyrillic"], "Qazaqstan jäne Şymkent\n".encode())
        self.assertEqual(rc, 0)
        self.assertEqual(out.decode(), "Қазақстан және Шымкент\n")
        # 2018 text is recognised by its letters: sh is ш there
        rc, out, _ = run(["--to", "cyrillic"], "Qazaqstan jáne Shymkent\n".encode())
        self.assertEqual(out.decode(), "Қазақстан және Шымкент\n")

    def test_auto_mediawiki_and_lookalikes(self):
        # Wikipedia's kk-latn (ï for и) is read as such, the whole page too
        text = "Bizdiñ awılda jaña mektep aşıldı.\nOqwşılar kïno körwge bardı.\n"
        rc, out, _ = run(["--from", "auto", "--to", "cyrillic"], text.encode())
        self.assertEqual((rc, out.decode()),
                         (0, "Біздің ауылда жаңа мектеп ашылды.\nОқушылар кино көруге барды.\n"))
        # Latin look-alikes inside Cyrillic words are repaired as --from cyrillic does
        text = "Бүгін бepici ғacыp\n"
        rc, out, _ = run(["--from", "auto", "--to", "latin2021"], text.encode())
        _, named, _ = run(["--from", "cyrillic", "--to", "latin2021"], text.encode())
        self.assertEqual((rc, out.decode()), (0, "Bügın berısı ğasyr\n"))
        self.assertEqual(out, named)

    def test_auto_english_quote_in_kazakh_line(self):
        # an English quote inside «» or “” is a phrase of its own: its first
        # and last words stay English with the rest
        for q1, q2 in (("«", "»"), ("\u201c", "\u201d")):
            text = (f"Ministr bügın jurnalisterge {q1}we will do everything we can{q2} dep aitty, "
                    "sodan keiın ol Astanağa qaityp kettı.\n")
            rc, out, _ = run(["--from", "auto", "--to", "cyrillic"], text.encode())
            self.assertEqual((rc, out.decode()),
                             (0, f"Министр бүгін журналистерге {q1}we will do everything we can{q2} "
                                 "деп айтты, содан кейін ол Астанаға қайтып кетті.\n"))

    def test_arabic_options(self):  # issue 19
        rc, out, _ = run(["--to", "arabic", "--hamza", "u0621", "--patronymic-apart"],
                         "Бекұлы сүт\n".encode())
        self.assertEqual((rc, out.decode()), (0, "بەك ۇلى ءسۇت\n"))
        rc, out, _ = run(["--to", "arabic", "--hamza", "u0674"], "сүт\n".encode())
        self.assertEqual((rc, out.decode()), (0, "ٴسۇت\n"))
        rc, _, err = run(["--to", "arabic", "--hamza", "0621"], b"x\n")
        self.assertEqual(rc, 2)
        self.assertIn(b"u0674 or u0621", err)

    def test_process_reads_arabic_script_kazakh(self):  # issue 19
        p = subprocess.run([CLI, "process", "--translit", "cyrillic", "--format", "jsonl"],
                           input="ٴبىز تاۋمەن كۇيەۋ كەلدى.\n".encode(), capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        rec = json.loads(p.stdout.decode().splitlines()[0])
        self.assertEqual((rec["lang"], rec["script"]), ("kk", "Arab"))
        self.assertEqual(rec["translit"], "біз таумен күйеу келді.")

    def test_jsonl(self):
        rc, out, _ = run(["--to", "bgn", "--format", "jsonl"], "АҚШ\nШ.\n".encode())
        self.assertEqual(rc, 0)
        recs = [json.loads(l) for l in out.decode().splitlines()]
        self.assertEqual([r["text"] for r in recs], ["AQSH", "Sh."])
        self.assertEqual(recs[1]["offset"], len("АҚШ\n".encode()))
        self.assertEqual(recs[0]["spans"][0], [0, 2, 0, 1])

    def test_jsonl_auto_report(self):
        # --from auto: the alphabet of each line and the Latin words left as they are
        text = ('Bügın auylda jaña mektep aşyldy: "We are proud of our students," '
                'dedı, www.bilim.kz my_var <b class="x">jaña</b>&quot; {{PLURAL:$1|bet}} Zakon.kz-ke\n'
                'The school opened its doors this week.\n')
        rc, out, _ = run(["--from", "auto", "--to", "cyrillic", "--format", "jsonl"],
                         text.encode())
        self.assertEqual(rc, 0)
        kk, en = [json.loads(l) for l in out.decode().splitlines()]
        self.assertEqual(kk["alphabet"], "latin2021")
        self.assertIsNone(en["alphabet"])
        line = text.encode().split(b"\n")[0]
        left = {line[a:b].decode(): why for a, b, why in kk["unconverted"]}
        self.assertEqual(left["proud"], "foreign")
        self.assertEqual(left["www.bilim.kz"], "url")
        self.assertEqual(left["my_var"], "code")
        self.assertEqual(left['<b class="x">'], "markup")
        self.assertEqual(left["</b>"], "markup")
        self.assertEqual(left["&quot;"], "markup")
        self.assertEqual(left["{{PLURAL:$1"], "markup")
        self.assertEqual(left["Zakon.kz"], "url")
        self.assertNotIn("auylda", left)
        self.assertEqual(len(en["unconverted"]), 7)

    def test_streaming_large_input_and_files(self):
        line = "Қазақстан Республикасының Президенті ШЫМКЕНТ қаласында болды.\n"
        data = (line * 5000).encode()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "in.txt")
            outp = os.path.join(d, "out.txt")
            with open(path, "wb") as f:
                f.write(data)
            rc, _, err = run(["--to", "latin2021", "-o", outp, path])
            self.assertEqual(rc, 0, err)
            with open(outp, encoding="utf-8") as f:
                got = f.read()
        want = "Qazaqstan Respublikasynyñ Prezidentı ŞYMKENT qalasynda boldy.\n"
        self.assertEqual(got, want * 5000)

    def test_exit_codes(self):
        rc, _, err = run(["--to", "klingon"])
        self.assertEqual(rc, 2)
        self.assertIn(b"unknown target scheme", err)
        rc, _, _ = run(["--from", "x"])
        self.assertEqual(rc, 2)
        rc, _, _ = run(["--format", "xml"])
        self.assertEqual(rc, 2)
        rc, _, _ = run(["--bogus"])
        self.assertEqual(rc, 2)
        rc, _, err = run(["--to", "bgn"], b"ok \xff")
        self.assertEqual(rc, 1)
        self.assertIn(b"<stdin>:3: invalid UTF-8", err)
        rc, out, _ = run(["--to", "bgn", "--invalid", "replace"], b"ok \xff")
        self.assertEqual((rc, out), (0, "ok \ufffd".encode()))
        rc, _, err = run(["/nonexistent/file"])
        self.assertEqual(rc, 1)
        rc, out, _ = run(["--help"])
        self.assertEqual(rc, 0)
        self.assertIn(b"latin2021", out)


if __name__ == "__main__":
    unittest.main()
