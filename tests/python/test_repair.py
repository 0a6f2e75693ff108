"""Python binding: kztext.repair / search_key, case mapping, decode."""
import os
import sys
import unittest
from pathlib import Path

import kztext

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
from casefile import rows, unescape  # noqa: E402

DATA = Path(os.environ.get("KZTEXT_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared/data"))


class RepairTest(unittest.TestCase):
    def test_homoglyphs(self):
        self.assertEqual(kztext.repair("Қaзaқ елі, əлем", "homoglyphs"), "Қазақ елі, әлем")
        self.assertEqual(kztext.repair("Qazaqstan Respýblıkasy"), "Qazaqstan Respýblıkasy")

    def test_kaznlp_example(self):
        text, counts = kztext.repair("Қайыpлы таӊ! Ə\u200bнші бaлааапaн", report=True)
        self.assertEqual(text, "Қайырлы таң! Әнші балааапан")
        self.assertEqual(counts["invisible"], 1)
        self.assertEqual(counts["homoglyphs"], 4)

    def test_selection(self):
        s = "a\u00a0\u200bб"
        self.assertEqual(kztext.repair(s, "spaces"), "a \u200bб")
        self.assertEqual(kztext.repair(s, ["invisible"]), "a\u00a0б")
        self.assertEqual(kztext.repair(s, None), s)
        self.assertEqual(kztext.repair(s, "all"), "a б")
        self.assertEqual(kztext.repair("5\u00a0000", "spaces,digit-space"), "5\u202f000")
        with self.assertRaises(ValueError):
            kztext.repair(s, "homoglyph")

    def test_mojibake(self):
        self.assertEqual(kztext.repair("Ќазаќстан јлемдегі еѕ ірі", "mojibake"),
                         "Қазақстан әлемдегі ең ірі")
        _, counts = kztext.repair("Ќазаќстан јлемдегі", report=True)
        self.assertEqual(counts["mojibake_source"], "rk1048")

    def test_key(self):
        self.assertEqual(kztext.search_key("«Қaзaқ» — ЕЛ…"), "\"қазақ\" - ел...")
        self.assertEqual(kztext.repair("«Қазақ» — ел"), "«Қазақ» — ел")

    def test_bytes_and_invalid(self):
        self.assertEqual(kztext.repair("бiз".encode()), "біз".encode())
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.repair(b"ab\xff")
        self.assertEqual(cm.exception.offset, 2)
        self.assertEqual(kztext.repair(b"ab\xff", invalid="replace"), "ab\ufffd".encode())

    def test_normalize_with_repairs(self):
        self.assertEqual(kztext.normalize("Қaзaқ\u00a0ﬁ", "NFKC", repair=True), "Қазақ fi")
        self.assertEqual(kztext.normalize("Қaзaқ\u00a0", repair="spaces"), "Қaзaқ ")
        self.assertEqual(kztext.normalize("«Қaзaқ» — ЕЛ", key=True), "\"қазақ\" - ел")
        self.assertEqual(kztext.normalize("бiз".encode(), repair=["homoglyphs"]), "біз".encode())
        self.assertEqual(kztext.normalize("Қaзaқ"), "Қaзaқ")

    def test_idempotent(self):
        for s in ["Қaзaқ\u00a0 \u200b бiз", "Р•Р»РёР·Р°РІРµС‚Р°", "ХIХ ғ.  «ТOO»"]:
            once = kztext.repair(s)
            self.assertEqual(kztext.repair(once), once)


class CaseFileTest(unittest.TestCase):
    def test_shared_cases(self):
        n = 0
        for ident, repairs, given, want in rows("repair.tsv", 4):
            with self.subTest(ident):
                got = kztext.repair(unescape(given), repairs.split(","))
                self.assertEqual(got, unescape(want))
                n += 1
        self.assertGreaterEqual(n, 30)


class CaseTest(unittest.TestCase):
    def test_turkic(self):
        self.assertEqual(kztext.lower("BILIM", "kk"), "bılım")
        self.assertEqual(kztext.upper("bilim", "kk"), "BİLİM")
        self.assertEqual(kztext.casefold("BILIM İNİ", "kk"), "bılım ini")
        self.assertEqual(kztext.lower("BILIM", "en"), "bilim")
        self.assertEqual(kztext.case("ҚАЗАҚ", "lower"), "қазақ")
        with self.assertRaises(ValueError):
            kztext.case("x", "title")
        with self.assertRaises(ValueError):
            kztext.lower("x", "de")


class DecodeTest(unittest.TestCase):
    def test_codepages(self):
        kk = "Қазақстан әлемдегі ең ірі мемлекеттердің бірі, ұлттық құндылықтар"
        for codec, name in [("kz1048", "rk1048"), ("ptcp154", "pt154")]:
            d = kztext.decode(kk.encode(codec))
            self.assertEqual(d.text, kk)
            self.assertEqual(d.encoding, name)
            self.assertGreater(d.confidence, 0)
            self.assertLessEqual(d.confidence, 1.0)  # 0-1, as detect()
        ru = "Съешь же ещё этих мягких французских булок, да выпей чаю"
        for codec, name in [("cp1251", "cp1251"), ("koi8_r", "koi8-r"), ("cp866", "ibm866"),
                            ("iso8859_5", "iso-8859-5")]:
            d = kztext.decode(ru.encode(codec))
            self.assertEqual((d.text, d.encoding), (ru, name))
            self.assertEqual(kztext.decode(ru.encode(codec), name).text, ru)
        self.assertEqual(kztext.decode("Қаз".encode("utf-16")).text, "Қаз")

    def test_errors(self):
        with self.assertRaises(kztext.KztextError) as cm:
            kztext.decode(b"ab\x98", "cp1251")
        self.assertEqual(cm.exception.offset, 2)
        self.assertEqual(kztext.decode(b"ab\x98", "cp1251", invalid="replace").text, "ab\ufffd")
        # errors= is the deprecated old name of invalid=.
        with self.assertWarns(DeprecationWarning):
            self.assertEqual(kztext.decode(b"ab\x98", "cp1251", errors="replace").text, "ab\ufffd")
        with self.assertRaises(ValueError):
            kztext.decode(b"x", "mac-kazakh")
        with self.assertRaises(TypeError):
            kztext.decode("str")

    def test_unpacks_as_text_and_encoding(self):
        text, enc = kztext.decode("Қазақ елі".encode("kz1048"))
        self.assertEqual((text, enc), ("Қазақ елі", "rk1048"))
        enc, conf = kztext.detect_encoding("Қазақ елі".encode("kz1048"))
        self.assertEqual(enc, "rk1048")
        self.assertIsInstance(conf, float)
        self.assertTrue(0 < conf <= 1.0, conf)

    def test_encoding_report(self):
        weak = kztext.encoding_report(b"abc \xc0\xaf def")
        self.assertFalse(weak.sure)
        self.assertEqual(weak.first_non_ascii, 4)
        self.assertNotIn(weak.second, (None, weak.encoding))
        sure = kztext.encoding_report("Бүгін Алматыда қар жауды, жол тайғақ.".encode("kz1048"))
        self.assertEqual((sure.encoding, sure.sure), ("rk1048", True))
        self.assertTrue(0 < sure.confidence <= 1.0, sure.confidence)
        self.assertEqual(kztext.encoding_report(b"ascii").first_non_ascii, 5)
        with self.assertRaises(TypeError):
            kztext.encoding_report("a str")

    def test_mojibake(self):
        d = kztext.decode("Р•Р»РёР·Р°РІРµС‚Р°".encode())
        self.assertEqual((d.text, d.mojibake_source), ("Елизавета", "utf-8"))
        self.assertEqual(kztext.decode("Р•Р»РёР·Р°РІРµС‚Р°".encode(), repair=False).text,
                         "Р•Р»РёР·Р°РІРµС‚Р°")

    def test_legacy_gate(self):
        legacy = DATA / "legacy"
        if not legacy.is_dir():
            self.skipTest(f"{legacy} not found")
        ref = (legacy / "kk.utf8.txt").read_bytes().decode()
        for name in ["kk.rk1048.txt", "kk.pt154.txt", "kk.rk1048-read-as-cp1251.txt"]:
            self.assertEqual(kztext.decode((legacy / name).read_bytes()).text, ref, name)
        part = kztext.decode((legacy / "kk.utf8-read-as-cp1251.txt").read_bytes()).text
        self.assertTrue(len(part) > 1000 and ref.startswith(part))


if __name__ == "__main__":
    unittest.main()
