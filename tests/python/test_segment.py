"""Python binding: kztext.sentences / sentence_spans / tokens."""
import os
import threading
import unittest
from pathlib import Path

import kztext


class Sentences(unittest.TestCase):
    def test_sentences(self):
        self.assertEqual(kztext.sentences("Бір. – Екі! Үш т.б. Ол."),
                         ["Бір.", "– Екі!", "Үш т.б.", "Ол."])
        self.assertEqual(kztext.sentences(""), [])

    def test_spans_are_str_indices(self):
        text = "Сәлем. Hello 😀 there. Соңы."
        spans = kztext.sentence_spans(text)
        self.assertEqual([text[a:b] for a, b in spans], ["Сәлем.", "Hello 😀 there.", "Соңы."])
        self.assertEqual(spans[0], (0, 6))

    def test_bytes_give_byte_offsets(self):
        self.assertEqual(kztext.sentence_spans("Бір. Екі.".encode()), [(0, 7), (8, 15)])

    def test_lang(self):
        text = "I live in the U.S. How about you?"
        self.assertEqual(kztext.sentences(text, lang="en"), ["I live in the U.S.", "How about you?"])
        with self.assertRaises(ValueError):
            kztext.sentences(text, lang="xx")

    def test_lines(self):
        self.assertEqual(kztext.sentences("Тақырып\nМәтін.", lines=True), ["Тақырып", "Мәтін."])
        self.assertEqual(kztext.sentences("Тақырып\nМәтін жалғасады."), ["Тақырып", "Мәтін жалғасады."])
        self.assertEqual(kztext.sentences("Мәтін осы жерде\nжалғасады."),
                         ["Мәтін осы жерде\nжалғасады."])

    def test_invalid(self):
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.sentence_spans(b"Ok. \xff.")
        self.assertEqual(cm.exception.offset, 4)
        self.assertEqual(kztext.sentence_spans(b"Ok. \xff.", invalid="replace"), [(0, 3), (4, 6)])

    def test_threads(self):
        out = []

        def work():
            out.append(kztext.sentences("Бір. Екі. Үш."))

        ts = [threading.Thread(target=work) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(out, [["Бір.", "Екі.", "Үш."]] * 4)


class Tokens(unittest.TestCase):
    def test_tokens(self):
        self.assertEqual(kztext.tokens("s'ag'an «сөз» #тег me@x.kz 1 000,5"),
                         ["s'ag'an", "«", "сөз", "»", "#тег", "me@x.kz", "1 000,5"])
        self.assertEqual(kztext.token_spans("Әлем!"), [(0, 4), (4, 5)])


class Generated(unittest.TestCase):
    def test_abbrev_table_is_current(self):
        src = os.environ.get("KZTEXT_SOURCE_DIR")
        if not src:
            self.skipTest("KZTEXT_SOURCE_DIR not set")
        import subprocess, sys
        r = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_abbrev.py"), "--check"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)


class GoldData(unittest.TestCase):
    """Quality floor on the shared dev data (skips when absent)."""

    def test_kk_ktb(self):
        data = Path(os.environ.get("KZTEXT_SHARED_DATA", "../../../shared/data"))
        raw = data / "sent" / "kk" / "ud_kk_ktb-dev.raw.txt"
        gold = data / "sent" / "kk" / "ud_kk_ktb-dev.txt"
        if not raw.exists():
            self.skipTest(f"no gold data at {data}")
        got = kztext.sentences(raw.read_text(encoding="utf-8"), lang="kk")
        want = [l for l in gold.read_text(encoding="utf-8").splitlines() if l.strip()]
        same = len(set(got) & set(want)) / len(want)
        self.assertGreater(same, 0.95)


if __name__ == "__main__":
    unittest.main()
