"""kztext.detect, script_runs, script_class, mixed_script_words."""
import os
import unittest
from pathlib import Path

import kztext


class Detect(unittest.TestCase):
    def test_languages(self):
        cases = [
            ("Мен кітап оқығанды жақсы көремін.", "kk", "Cyrl", None),
            ("Это очень интересная книга.", "ru", "Cyrl", None),
            ("This is a very interesting book.", "en", "Latn", None),
            ("Men kıtap oqyğandy jaqsy köremın.", "kk", "Latn", "latin2021"),
            ("Men kitap oqyǵandy jaqsy kóremin.", "kk", "Latn", "latin2018"),
            ("Men kitap oqyg'andy jaqsy ko'remin.", "kk", "Latn", "latin2017"),
            ("Balalar awılda kïno körip, üýge qaýttı.", "kk", "Latn", "mediawiki"),
            ("بىز ەرتەڭ الماتىعا بارامىز.", "kk", "Arab", None),
            ("12345", "und", "Zyyy", None),
        ]
        for text, lang, script, variant in cases:
            d = kztext.detect(text)
            self.assertIsInstance(d, kztext.Detection)
            self.assertEqual((d.lang, d.script, d.variant), (lang, script, variant), text)
            self.assertAlmostEqual(sum(d.scores.values()), 1.0, places=6)
            self.assertGreaterEqual(d.confidence, 0.0)
            self.assertLessEqual(d.confidence, 1.0)

    def test_mixed(self):
        d = kztext.detect("Біз ертең Алматыға барамыз. Мы завтра поедем в Москву и вернёмся в пятницу.")
        self.assertIsNotNone(d.mixed)
        self.assertEqual(set(d.mixed), {"kk", "ru"})
        self.assertAlmostEqual(d.mixed["kk"] + d.mixed["ru"], 1.0)
        # The confidence is the share of .lang, not a one-language certainty.
        self.assertAlmostEqual(d.confidence, d.scores[d.lang])
        self.assertAlmostEqual(d.scores["kk"], d.mixed["kk"], places=6)
        self.assertLess(d.confidence, 0.9)
        self.assertIsNone(kztext.detect("Біз ертең Алматыға барамыз.").mixed)
        self.assertIsNone(kztext.detect("Біз ертең Алматыға барамыз. Мы завтра поедем в Москву.",
                                        mixed=False).mixed)

    def test_bytes_and_invalid(self):
        self.assertEqual(kztext.detect("Сәлем".encode()).lang, "kk")
        with self.assertRaises(kztext.InvalidUTF8Error) as e:
            kztext.detect(b"abc \xff")
        self.assertEqual(e.exception.offset, 4)
        self.assertEqual(kztext.detect(b"\xff Biz erte\xc5\x84 Almaty\xc7\xb5a baramyz.",
                                       invalid="replace").variant, "latin2018")
        with self.assertRaises(ValueError):
            kztext.detect("x", invalid="ignore")

    def test_script_runs_str_indices(self):
        text = "Қазақстан Kazakhstan 中文"
        runs = kztext.script_runs(text)
        self.assertEqual([(r.start, r.end, r.script) for r in runs],
                         [(0, 10, "Cyrl"), (10, 21, "Latn"), (21, 23, "Hani")])
        self.assertEqual(kztext.script_runs(""), [])
        self.assertEqual(kztext.script_runs(b"ab \xd0\xb0")[1].start, 3)  # bytes: byte offsets

    def test_script_class(self):
        self.assertEqual(kztext.script_class("қ"), "cyrl_kk")
        self.assertEqual(kztext.script_class("ё"), "cyrl_ru")
        self.assertEqual(kztext.script_class("ş"), "latn_kk2021")
        self.assertEqual(kztext.script_class("ǵ"), "latn_kk2018")
        self.assertEqual(kztext.script_class("ٴ"), "arab_kk")
        with self.assertRaises(ValueError):
            kztext.script_class("ab")

    def test_mixed_script_words(self):
        text = "Бұл Aқпарат and Kaзakhstan."
        words = kztext.mixed_script_words(text)
        self.assertEqual([(text[w.start:w.end], w.intended) for w in words],
                         [("Aқпарат", "Cyrl"), ("Kaзakhstan", "Latn")])
        self.assertEqual(words[0].latn_letters, 1)


class DevSet(unittest.TestCase):
    """A coarse check on the shared dev set (the full figures: tools/eval_langid.py)."""

    def test_dev_accuracy(self):
        data = Path(os.environ.get("KZTEXT_SHARED_DATA", "../shared/data")) / "lid" / "lid-dev.tsv"
        if not data.exists():
            self.skipTest(f"{data} not found")
        ok = n = 0
        for line in data.read_text(encoding="utf-8").splitlines():
            label, _, text = line.partition("\t")
            if label in ("kk", "ru", "en") and len(text) >= 20:
                n += 1
                ok += kztext.detect(text).lang == label
        self.assertGreater(ok / n, 0.98)


if __name__ == "__main__":
    unittest.main()
