"""kztext.translit from Python: the shared cases, offsets as str indices,
errors, and the gold data when ../shared/data is there."""
import os
import subprocess
import sys
import threading
import tracemalloc
import unittest

import kztext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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

    def test_arabic_options(self):  # issue 19
        T = kztext.translit
        self.assertEqual(T("Бекұлы сүт", to="arabic", hamza="u0621", patronymic_apart=True),
                         "بەك ۇلى ءسۇت")
        self.assertEqual(T(["сүт"], to="arabic", hamza="u0674"), ["ٴسۇت"])
        self.assertEqual(T("сүт", to="arabic", hamza="u0621", offsets=True)[0], "ءسۇت")
        with self.assertRaises(ValueError):
            T("сүт", to="arabic", hamza="0621")

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

    def test_offsets_spans_sequence(self):
        text = "Ақ бөрік, 🙂 Abai!"
        out, spans = kztext.translit(text, to="latin2021", offsets=True)
        data = text.encode()
        bout, bspans = kztext.translit(data, to="latin2021", offsets=True)
        self.assertEqual(bout, out.encode())
        self.assertIsInstance(spans, kztext.Spans)
        self.assertEqual(len(spans), len(bspans))
        # the str spans and the byte spans cover the same pieces of text
        for (a, b, c, d), (ba, bb, bc, bd) in zip(spans, bspans):
            self.assertEqual(text[a:b].encode(), data[ba:bb])
            self.assertEqual(out[c:d].encode(), bout[bc:bd])
        lst = spans.tolist()
        self.assertIsInstance(lst, list)
        self.assertTrue(all(isinstance(s, tuple) and len(s) == 4 for s in lst))
        self.assertEqual(spans, lst)
        self.assertEqual(spans, tuple(lst))
        self.assertEqual(list(spans), lst)
        self.assertEqual([spans[i] for i in range(-len(lst), len(lst))], lst + lst)
        self.assertEqual(spans[2:5], lst[2:5])
        self.assertEqual(spans[::3], lst[::3])
        self.assertEqual(spans[5:2], [])
        self.assertEqual(spans.index(lst[3]), 3)
        self.assertIn(lst[-1], spans)
        with self.assertRaises(IndexError):
            spans[len(lst)]
        self.assertEqual(kztext.translit("", offsets=True), ("", []))

    def test_offsets_memory_is_linear_and_small(self):
        # ~0.5 spans per byte of Cyrillic text; a list of 4-tuples of ints
        # cost ~190 bytes per span (~100 per input byte).  Python-side peak
        # while translit(offsets=True) runs, per input byte, input excluded.
        unit = "Ертең таңертең Алматыда жаңбыр жауады, күн салқын болады.\n"
        text = unit * (300_000 // len(unit.encode()))
        n = len(text.encode())
        tracemalloc.start()
        try:
            out, spans = kztext.translit(text, to="latin2021", source="cyrillic", offsets=True)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertGreater(len(spans), n // 3)
        self.assertEqual(spans[-1][1], len(text))
        self.assertLessEqual(peak / n, 16, f"{peak / n:.1f} bytes per input byte")

    def test_offsets_rss_on_8_mb(self):
        # Whole-process peak (ru_maxrss) over a child's baseline, C's own
        # alignment array (32 bytes per span, ~16 per Cyrillic input byte)
        # included.
        code = r"""
import resource, kztext
unit = "Ертең таңертең Алматыда жаңбыр жауады, күн салқын болады.\n"
text = unit * (8_000_000 // len(unit.encode()))
n = len(text.encode())
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out, spans = kztext.translit(text, to="latin2021", source="cyrillic", offsets=True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((peak - base) * 1024 / n, len(spans) / n)
"""
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=120, env=os.environ)
        self.assertEqual(p.returncode, 0, p.stderr)
        per_byte, spans_per_byte = map(float, p.stdout.split())
        self.assertGreater(spans_per_byte, 0.3)
        # ASan's shadow memory and quarantine are not the binding's.
        if not os.environ.get("KZTEXT_SANITIZED"):
            self.assertLessEqual(per_byte, 32, f"{per_byte:.1f} bytes per input byte")

    def test_errors(self):
        with self.assertRaises(ValueError):
            kztext.translit("a", to="klingon")
        with self.assertRaises(ValueError):
            kztext.translit("a", to="auto")
        with self.assertRaises(kztext.InvalidUTF8Error):
            kztext.translit(b"ab\xff", to="latin2021")
        self.assertEqual(kztext.translit(b"ab\xff", to="latin2021", invalid="replace"),
                         "ab\ufffd".encode())

    # Pages written for kztext: two sure Kazakh lines set the page's
    # verdict (2021 or 2018), then the line under test.
    PAGE21 = ("Bügın Astana qalasynda jaña mektepterdıñ aşyluy turaly jiyn ötıp, oğan köptegen "
              "ata-analar qatysty.\nMektep direktory oquşylardyñ bılımın arttyru üşın jaña "
              "bağdarlamalar engızılgenın aityp öttı.\n")
    CYR21 = ("Бүгін Астана қаласында жаңа мектептердің ашылуы туралы жиын өтіп, оған көптеген "
             "ата-аналар қатысты.\nМектеп директоры оқушылардың білімін арттыру үшін жаңа "
             "бағдарламалар енгізілгенін айтып өтті.\n")
    PAGE18 = ("Búgin Astana qalasynda jańa mektepterdiń ashylýy týraly jıyn ótip, oǵan kóptegen "
              "ata-analar qatysty.\nMektep dırektory oqýshylardyń bilimin arttyrý úshin jańa "
              "baǵdarlamalar engizilgenin aıtyp ótti.\n")

    def auto(self, text):
        return kztext.translit(text, to="cyrillic", source="auto")

    def test_auto_kazakh_clause_of_a_foreign_line(self):  # issue 14
        # the line is English to detect; its first clause is Kazakh
        english = ("All rights reserved. Reproduction of any material from this website "
                   "requires written permission.")
        got = self.auto(self.PAGE21 + "Jauapty redaktor: 8 (7172) 55-00-00 " + english)
        self.assertEqual(got, self.CYR21 + "Жауапты редактор: 8 (7172) 55-00-00 " + english)
        # English clauses naming Kazakh people and places stay on a Kazakh page
        names = ("Kazakhstan's president Kassym-Jomart Tokayev, speaking in Astana on Tuesday, "
                 "said the reforms would continue.")
        self.assertEqual(self.auto(self.PAGE21 + names), self.CYR21 + names)
        # on an English page the same line is left alone
        page = ("The committee met on Monday to discuss the new school program, and most of "
                "the parents agreed with the plan.\n")
        line = "Jauapty redaktor: 8 (7172) 55-00-00 " + english
        self.assertEqual(self.auto(page + line), page + line)

    def test_auto_short_line_takes_the_page_alphabet(self):  # issue 14
        # ı alone does not tell 2021 (і) from 2018 (и): a 2018 page decides
        self.assertTrue(self.auto(self.PAGE18 + "Sırk").endswith("\nЦирк"))
        # its own 2018 letters decide a short line on a 2021 page
        self.assertTrue(self.auto(self.PAGE21 + "Qazaq tiliniń sózdigi").endswith("\nҚазақ тілінің сөздігі"))

    def test_auto_english_looking_words_inside_kazakh(self):  # issue 14
        # "art men dizain" alone looks English; with the Kazakh words it runs
        # on into it is Kazakh
        got = self.auto(self.PAGE21 + "Körmede art men dizain ülgılerı ūsynyldy.")
        self.assertTrue(got.endswith("\nКөрмеде арт мен дизайн үлгілері ұсынылды."), got)
        # a quoted English title stays
        got = self.auto(self.PAGE21 + "Ol «The rules of the game» kıtabyn oqydy.")
        self.assertIn("«The rules of the game»", got)

    def test_auto_word_before_a_blank_is_no_identifier(self):  # issue 14
        got = self.auto(self.PAGE21 + "Mekenjaiy__________ Qoly__________ user_name")
        self.assertTrue(got.endswith("\nМекенжайы__________ Қолы__________ user_name"), got)

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



class Batch(unittest.TestCase):
    """translit(list) is a batch: the same as one call per item."""
    ITEMS = ["Қазақстан", "Алматы", "", "ШЫМКЕНТ", "Bız", "үш", "a\u00e9", "мектеп 2024 ж.",
             "Республика " * 50, "Қ" * 3000, b"\xd2\x9a\xd0\xb0"]

    def test_equals_one_call_per_item(self):
        words = Path(ROOT / "samples" / "kk_news.txt").read_text(encoding="utf-8").split()
        items = self.ITEMS + words
        for to in kztext._translit.SCHEMES:
            for source in ("auto", "cyrillic"):
                with self.subTest(to=to, source=source):
                    want = [kztext.translit(x, to=to, source=source) for x in items]
                    self.assertEqual(kztext.translit(items, to=to, source=source), want)
                    self.assertEqual(kztext.translit(tuple(items), to=to, source=source), want)

    def test_kept_words_change_nothing(self):
        """Calls to Cyrillic go through the thread's transliterator, which
        keeps converted words: each text still gives what the stateless
        offsets call gives, whatever came before (Latin with and without İ,
        Arabic letters), on this thread and on another."""
        text = Path(ROOT / "samples" / "kk_news.txt").read_text(encoding="utf-8")
        latin = kztext.translit(text, to="latin2021", source="cyrillic").split("\n")
        undotted = [line.replace("İ", "I") for line in latin]
        arabic = kztext.translit(text, to="arabic", source="cyrillic").split("\n")
        items = [x for trio in zip(latin, undotted, arabic) for x in trio] * 2
        for source in ("auto", "latin2021", "arabic"):
            with self.subTest(source=source):
                got = [kztext.translit(x, to="cyrillic", source=source) for x in items]
                want = [kztext.translit(x, to="cyrillic", source=source, offsets=True)[0]
                        for x in items]
                self.assertEqual(got, want)
                self.assertEqual(kztext.translit(items, to="cyrillic", source=source), want)
                out = []
                t = threading.Thread(target=lambda: out.append(
                    [kztext.translit(x, to="cyrillic", source=source) for x in items]))
                t.start()
                t.join()
                self.assertEqual(out, [want])

    def test_options_and_errors_as_per_item(self):
        self.assertEqual(kztext.translit(["Қаз", "ақ"], offsets=True),
                         [kztext.translit("Қаз", offsets=True), kztext.translit("ақ", offsets=True)])
        self.assertEqual(kztext.translit(["a\ud800"], invalid="replace"), ["a\ufffd"])
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.translit(["ok", "a\ud800"])
        self.assertEqual((cm.exception.offset, cm.exception.unit), (1, "index"))
        self.assertEqual(kztext.translit([]), [])

    def test_buffer_growth_and_nested_calls(self):
        """Each thread's output buffer starts small and grows; a call made
        while it is in use (from a signal handler) takes the allocating path
        and leaves the outer call's output alone."""
        import threading
        from kztext import _translit
        long_item = "Қ" * 5000  # 5000 bytes of output: more than the first buffer
        want = ["Qazaq", "Q" * 5000, "Almaty"]
        got = {}

        def work():
            got["batch"] = kztext.translit(["Қазақ", long_item, "Алматы"])
            got["single"] = kztext.translit(long_item)
            _translit._scratch.busy = True  # as if a call were in progress
            try:
                got["nested"] = [kztext.translit("Қазақ"), kztext.translit(["Алматы"])]
            finally:
                _translit._scratch.busy = False
            got["after"] = kztext.translit("Қазақ")

        t = threading.Thread(target=work)
        t.start()
        t.join()
        self.assertEqual(got["batch"], want)
        self.assertEqual(got["single"], "Q" * 5000)
        self.assertEqual(got["nested"], ["Qazaq", ["Almaty"]])
        self.assertEqual(got["after"], "Qazaq")

    def test_unknown_or_auto_target_is_unsupported(self):
        for bad in ("auto", "latin1999"):
            with self.subTest(bad):
                with self.assertRaises(kztext.UnsupportedError):
                    kztext.translit("Қаз", to=bad)
                with self.assertRaises(kztext.UnsupportedError):
                    kztext.translit(["Қаз"], to=bad)
        self.assertEqual(kztext.translit("Қаз", to="LATIN"), "Qaz")  # names are case-insensitive

if __name__ == "__main__":
    unittest.main()
