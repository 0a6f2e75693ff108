"""How every function takes its arguments: a str is Unicode (sent as UTF-8,
lone surrogates under the invalid policy with str indices), names are
checked (type, NUL, unknown), None means the default where a parameter is
optional."""
import unittest

import kztext

SURR = "\udcff"


def no_surrogates(s):
    return not any("\ud800" <= c <= "\udfff" for c in s)


class StrIsUnicode(unittest.TestCase):
    def test_process_lone_surrogate_strict_and_replace(self):
        text = f"Kazakh {SURR} text."
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.process(text)
        self.assertEqual(cm.exception.offset, text.index(SURR))
        self.assertEqual(cm.exception.unit, "index")
        self.assertIn("at index 7", str(cm.exception))
        sents = list(kztext.process(text, invalid="replace"))
        self.assertEqual([s.text for s in sents], ["Kazakh \ufffd text."])

    def test_str_is_never_decoded_as_a_legacy_encoding(self):
        # A str is Unicode whatever encoding the pipeline reads bytes in.
        for enc in ("auto", "koi8-r", "cp1251", "rk1048", "utf-16"):
            with self.subTest(encoding=enc):
                p = kztext.Pipeline(encoding=enc)
                sents = list(p.process("Ол мұғалім. Он учитель."))
                self.assertEqual([s.text for s in sents], ["Ол мұғалім.", "Он учитель."])
                self.assertEqual(p.encoding, "utf-8")
        # bytes still follow the pipeline's encoding
        p = kztext.Pipeline(encoding="koi8-r")
        self.assertEqual(list(p.process("Он учитель.".encode("koi8-r")))[0].text, "Он учитель.")

    def test_every_function_replaces_lone_surrogates_with_fffd(self):
        text = f"Бүгін {SURR}жаңбыр. Ертең \ud83d\ude00 күн."
        at = [i for i, c in enumerate(text) if not no_surrogates(c)]
        want = "".join("\ufffd" if i in at else c for i, c in enumerate(text))
        outs = {
            "normalize": kztext.normalize(text, invalid="replace"),
            "repair": kztext.repair(text, invalid="replace"),
            "case": kztext.case(text, "upper", invalid="replace"),
            "translit cyrillic": kztext.translit(text, to="cyrillic", source="cyrillic",
                                                 invalid="replace"),
            "sentences": "".join(kztext.sentences(text, invalid="replace")),
            "tokens": "".join(kztext.tokens(text, invalid="replace")),
            "process": "".join(s.text for s in kztext.process(text, invalid="replace")),
        }
        for name, out in outs.items():
            with self.subTest(name):
                self.assertTrue(no_surrogates(out), repr(out))
                # one U+FFFD per lone surrogate (the emoji's two halves are two)
                self.assertEqual(out.count("\ufffd"), 3, repr(out))
        self.assertEqual(outs["normalize"], want)
        self.assertEqual(outs["case"], want.upper())
        self.assertEqual(outs["translit cyrillic"], want)
        # Spans index the replaced text, which has the same length.
        for a, b in kztext.sentence_spans(text, invalid="replace") + \
                kztext.token_spans(text, invalid="replace"):
            self.assertTrue(no_surrogates(want[a:b]))
        out, spans = kztext.translit(text, to="latin2021", invalid="replace", offsets=True)
        self.assertEqual(out.count("\ufffd"), 3)
        self.assertEqual(spans[-1][1], len(text))
        self.assertEqual(spans[-1][3], len(out))
        runs = kztext.script_runs(text, invalid="replace")
        self.assertEqual((runs[0].start, runs[-1].end), (0, len(text)))
        self.assertEqual(kztext.mixed_script_words(text, invalid="replace"), [])
        self.assertEqual(kztext.detect(text, invalid="replace").lang, "kk")

    def test_every_function_strict_raises_with_a_str_index(self):
        text = f"Сәлем, {SURR} дүние."
        calls = {
            "normalize": lambda: kztext.normalize(text),
            "is_normalized": lambda: kztext.is_normalized(text),
            "repair": lambda: kztext.repair(text),
            "search_key": lambda: kztext.search_key(text),
            "upper": lambda: kztext.upper(text),
            "case": lambda: kztext.case(text, "fold"),
            "detect": lambda: kztext.detect(text),
            "script_runs": lambda: kztext.script_runs(text),
            "mixed_script_words": lambda: kztext.mixed_script_words(text),
            "sentences": lambda: kztext.sentences(text),
            "sentence_spans": lambda: kztext.sentence_spans(text),
            "tokens": lambda: kztext.tokens(text),
            "token_spans": lambda: kztext.token_spans(text),
            "Segmenter": lambda: kztext.Segmenter().token_spans(text),
            "translit": lambda: kztext.translit(text),
            "translit offsets": lambda: kztext.translit(text, offsets=True),
            "process": lambda: kztext.process(text),
        }
        for name, call in calls.items():
            with self.subTest(name):
                with self.assertRaises(kztext.InvalidUTF8Error) as cm:
                    call()
                self.assertEqual(cm.exception.offset, 7)
                self.assertIsInstance(cm.exception, ValueError)
        self.assertEqual(kztext.validate_utf8(text), 7)
        self.assertIsNone(kztext.validate_utf8("дүние"))
        self.assertEqual(kztext.repair_utf8(text), text.replace(SURR, "\ufffd").encode())

    def test_bytes_keep_byte_offsets(self):
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.tokens("дүние ".encode() + b"\xff")
        self.assertEqual((cm.exception.offset, cm.exception.unit), (11, "byte"))

    def test_non_text_is_a_type_error(self):
        for call in (lambda: kztext.normalize(12), lambda: kztext.tokens(None),
                     lambda: kztext.translit(3.5), lambda: kztext.process(123),
                     lambda: kztext.detect(["a"]), lambda: kztext.case(7),
                     lambda: kztext.detect_scheme(1)):
            with self.assertRaises(TypeError):
                call()


class Names(unittest.TestCase):
    def test_detect_encoding_and_decode_take_only_bytes(self):
        for bad in (123, "текст", None, [1, 2]):
            with self.subTest(bad=bad):
                with self.assertRaises(TypeError):
                    kztext.detect_encoding(bad)
                with self.assertRaises(TypeError):
                    kztext.decode(bad)
        self.assertEqual(kztext.detect_encoding(bytearray(b"plain ascii"))[0], "utf-8")

    def test_names_with_nul_or_unknown_are_rejected(self):
        calls = {
            "translit to": lambda n: kztext.translit("Қазақ", to=n),
            "translit source": lambda n: kztext.translit("Қазақ", source=n),
            "case lang": lambda n: kztext.case("Қазақ", lang=n),
            "case op": lambda n: kztext.case("Қазақ", op=n),
            "upper lang": lambda n: kztext.upper("Қазақ", lang=n),
            "tokens lang": lambda n: kztext.tokens("Қазақ", lang=n),
            "sentences lang": lambda n: kztext.sentences("Қазақ", lang=n),
            "decode encoding": lambda n: kztext.decode(b"abc", encoding=n),
            "Pipeline encoding": lambda n: kztext.Pipeline(encoding=n),
            "Pipeline lang": lambda n: kztext.Pipeline(lang=n),
            "Pipeline translit": lambda n: kztext.Pipeline(translit=n),
            "normalize form": lambda n: kztext.normalize("Қазақ", form=n),
            "normalize invalid": lambda n: kztext.normalize("Қазақ", invalid=n),
            "repair": lambda n: kztext.repair("Қазақ", repairs=n),
            "decode invalid": lambda n: kztext.decode(b"abc", invalid=n),
        }
        good = {"translit to": "latin", "translit source": "cyrillic", "case lang": "kk",
                "case op": "upper", "upper lang": "kk", "tokens lang": "kk",
                "sentences lang": "kk", "decode encoding": "cp1251",
                "Pipeline encoding": "utf-8", "Pipeline lang": "kk",
                "Pipeline translit": "latin2021", "normalize form": "NFC",
                "normalize invalid": "strict", "repair": "spaces", "decode invalid": "strict"}
        for name, call in calls.items():
            ok = good[name]
            call(ok)  # the valid name works
            for bad in (ok + "\0x", ok + "\0", "xx", ok + "x"):
                with self.subTest(name, bad=bad):
                    # One hierarchy: every bad option value is an
                    # UnsupportedError, which is also a ValueError.
                    with self.assertRaises(kztext.UnsupportedError):
                        call(bad)
            with self.subTest(name, bad=123):
                with self.assertRaises(TypeError):
                    call(123)

    def test_none_is_the_default_where_optional(self):
        text = "Қазақ тілі"
        data = "Новости дня. Всё хорошо, спасибо всем.".encode("cp1251")
        self.assertEqual(kztext.decode(data, encoding=None), kztext.decode(data))
        self.assertEqual(kztext.decode(data, invalid=None), kztext.decode(data))
        self.assertEqual(kztext.translit(text, to=None), kztext.translit(text))
        self.assertEqual(kztext.translit(text, source=None), kztext.translit(text))
        self.assertEqual(kztext.case(text, lang=None), kztext.case(text))
        self.assertEqual(kztext.tokens(text, lang=None), kztext.tokens(text))
        self.assertEqual(kztext.normalize(text, invalid=None), kztext.normalize(text))
        p = kztext.Pipeline(encoding=None, lang=None)
        self.assertEqual(list(p.process(data))[0].text, "Новости дня.")
        self.assertEqual(p.encoding, "cp1251")
        # None keeps its documented meaning where it has one
        self.assertEqual(kztext.normalize("e\u0301", form=None), "e\u0301")
        self.assertIsNone(list(kztext.process(text, translit=None))[0].translit)


if __name__ == "__main__":
    unittest.main()
