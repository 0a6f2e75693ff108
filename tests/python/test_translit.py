"""kztext.translit from Python: the shared cases, offsets as str indices,
errors, and the gold data when ../shared/data is there."""
import os
import unittest

import kztext

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "cases", "translit.tsv")


def cases():
    with open(CASES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


class TranslitTest(unittest.TestCase):
    def test_cases(self):
        n = 0
        for frm, to, text, want in cases():
            with self.subTest(frm=frm, to=to, text=text):
                self.assertEqual(kztext.translit(text, to=to, source=frm), want)
            n += 1
        self.assertGreater(n, 40)

    def test_default_target_is_latin2021(self):
        self.assertEqual(kztext.translit("Қазақ тілі"), "Qazaq tılı")
        self.assertEqual(kztext.translit("Қазақ", to="latin"), "Qazaq")

    def test_offsets_are_str_indices(self):
        text = "Шымкент — АҚШ"
        out, spans = kztext.translit(text, to="bgn", offsets=True)
        self.assertEqual(out, "Shymkent — AQSH")
        self.assertEqual(spans[0], (0, 1, 0, 2))
        # the spans tile both strings
        self.assertEqual(spans[0][0], 0)
        self.assertEqual(spans[-1][1], len(text))
        self.assertEqual(spans[-1][3], len(out))
        for a, b in zip(spans, spans[1:]):
            self.assertEqual(a[1], b[0])
            self.assertEqual(a[3], b[2])
        # an entity span survives the change of script
        start = text.index("АҚШ")
        d0 = next(s[2] for s in spans if s[0] == start)
        self.assertEqual(out[d0:], "AQSH")

    def test_offsets_through_cyrillic(self):
        out, spans = kztext.translit("Qazaqstan", to="arabic", source="latin2021", offsets=True)
        self.assertEqual(out, "قازاقستان")
        self.assertEqual(len(spans), 9)

    def test_errors(self):
        with self.assertRaises(ValueError):
            kztext.translit("a", to="klingon")
        with self.assertRaises(ValueError):
            kztext.translit("a", to="auto")
        with self.assertRaises(kztext.InvalidUTF8Error):
            kztext.translit(b"ab\xff", to="latin2021")
        self.assertEqual(kztext.translit(b"ab\xff", to="latin2021", invalid="replace"),
                         "ab\ufffd".encode())

    def test_detect(self):
        self.assertEqual(kztext.detect_scheme("Қазақ"), "cyrillic")
        self.assertEqual(kztext.detect_scheme("Qazaq tılı"), "latin2021")
        self.assertEqual(kztext.detect_scheme("123"), "auto")

    def test_gold_bgn(self):
        data = os.environ.get("KZTEXT_SHARED_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data"))
        path = os.path.join(data, "translit", "bgn_spec_corrected.tsv")
        if not os.path.exists(path):
            self.skipTest(f"gold data absent: {path}")
        import unicodedata
        with open(path, encoding="utf-8") as f:
            next(f)
            rows = [l.rstrip("\n").split("\t")[:2] for l in f]
        bad = [(c, l) for c, l in rows
               if unicodedata.normalize("NFC", kztext.translit(c, to="bgn", source="cyrillic"))
               != unicodedata.normalize("NFC", l)]
        self.assertEqual(bad, [])


if __name__ == "__main__":
    unittest.main()
