"""Python binding: kztext.name_key() and the press schemes."""
import unittest

import kztext


class NameKeyTest(unittest.TestCase):
    def test_spellings_share_a_key(self):
        k = kztext.name_key("Бейбіт Есенов")
        self.assertEqual(k, "esenif peipit")
        for s in ("Beibit Yesenov", "Бейбит Есенов", "Yesenov Beibit", "Есенов Бейбіт Маратұлы"):
            self.assertEqual(kztext.name_key(s), k, s)
        self.assertNotEqual(kztext.name_key("Бекзат Есенов"), k)
        self.assertEqual(kztext.name_key(b"Beibit Yesenov"), k.encode())
        self.assertEqual(kztext.name_key(""), "")

    def test_russian_vowels_share_a_key(self):
        # Russian forms write у for Kazakh о ұ ы and и for і
        k = kztext.name_key("Торғай")
        for s in ("Тургай", "Turgai", "Torgai"):
            self.assertEqual(kztext.name_key(s), k, s)
        self.assertEqual(kztext.name_key("Қызылжар"), kztext.name_key("Кызылжар"))
        self.assertNotEqual(kztext.name_key("Тургай"), kztext.name_key("Тургей"))
        # the patronymic is told by its spelling, not the merged classes
        self.assertEqual(kztext.name_key("Vasily Ivanovich Petrov"), "fasili petrif")
        self.assertEqual(len(kztext.name_key("Марат Тұлы Бейбіт").split()), 3)

    def test_invalid(self):
        with self.assertRaises(kztext.InvalidUTF8Error):
            kztext.name_key(b"ab\xff")
        self.assertEqual(kztext.name_key(b"ab\xffcd", invalid="replace"), b"ap tst")

    def test_press_schemes(self):
        self.assertEqual(kztext.translit("Есенбаев Бейбіт", to="press", source="cyrillic"),
                         "Yesenbayev Beibit")
        self.assertEqual(kztext.translit("Есенбаев", to="passport", source="cyrillic"), "Esenbaev")
        self.assertEqual(kztext.translit("Тәжібаев", to="cyrillic-ru", source="cyrillic"), "Тажибаев")
        self.assertEqual(kztext.translit("Galymzhan met Bekzat", to="cyrillic", source="press"),
                         "Ғалымжан met Бекзат")

    def test_pipeline_names(self):
        text = "Кеше Бейбіт Есенов келді. Ол Beibit Yesenov деп жазылады."
        for sents in (list(kztext.Pipeline(names=True).process(text)),
                      list(kztext.process_stream([text], jobs=2, names=True))):
            self.assertEqual([s.names for s in sents],
                             [(kztext.name_key("Бейбіт Есенов"),)] * 2)
        self.assertIsNone(list(kztext.process(text))[0].names)


if __name__ == "__main__":
    unittest.main()
