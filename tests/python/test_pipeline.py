"""kztext.process, kztext.Pipeline, kztext.process_stream and process_jsonl."""
import json
import os
import subprocess
import threading
import unittest

import kztext

DOC = ("Е\u0308рмек Алматыда тұрады. Ол мұғалім.\n\n"
       "Он живёт в Алматы.\n\n"
       "He lives in Almaty.")


class Process(unittest.TestCase):
    def test_sentences_and_str_offsets(self):
        p = kztext.Pipeline()
        sents = list(p.process(DOC))
        self.assertEqual([s.lang for s in sents], ["kk", "kk", "ru", "en"])
        self.assertEqual([s.para for s in sents], [0, 0, 1, 2])
        # Offsets are str indices into the normalized document (Ё composed).
        self.assertTrue(p.normalized.startswith("Ёрмек"))
        for s in sents:
            self.assertIsInstance(s, kztext.Sentence)
            self.assertEqual(p.normalized[s.start:s.end], s.text)
        self.assertEqual(sents[0].text, "Ёрмек Алматыда тұрады.")
        self.assertEqual(p.encoding, "utf-8")

    def test_translit_and_options(self):
        sents = list(kztext.process(DOC, translit="latin2021"))
        self.assertEqual(sents[1].translit, "Ol mūğalım.")
        self.assertIsNone(sents[2].translit)
        sents = list(kztext.process("Заголовок\nВторая строка", lines=True))
        self.assertEqual([s.text for s in sents], ["Заголовок", "Вторая строка"])
        with self.assertRaises(ValueError):
            kztext.Pipeline(lang="de")
        with self.assertRaises(ValueError):
            kztext.Pipeline(translit="nope")
        with self.assertRaises(ValueError):
            kztext.Pipeline(encoding="ebcdic")
        # An iterator, run at the call: errors raise there, not at the first next().
        it = kztext.process(DOC)
        self.assertIs(iter(it), it)
        self.assertNotIsInstance(it, list)
        with self.assertRaises(kztext.InvalidUTF8Error):
            kztext.Pipeline(encoding="utf-8").process(b"ok \xff")
        # auto is a source scheme only: refused up front, never "out of memory"
        # at the first Kazakh sentence.
        with self.assertRaises(kztext.UnsupportedError):
            kztext.process(DOC, translit="auto")

    def test_bytes_in_legacy_encoding(self):
        p = kztext.Pipeline(encoding="cp1251")
        sents = list(p.process("Новости дня. Всё хорошо.".encode("cp1251")))
        self.assertEqual([s.text for s in sents], ["Новости дня.", "Всё хорошо."])
        auto = kztext.Pipeline()
        auto.process("Новости дня. Всё хорошо, спасибо всем.".encode("cp1251"))
        self.assertEqual(auto.encoding, "cp1251")

    def test_errors_carry_offsets(self):
        p = kztext.Pipeline(encoding="utf-8")
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            p.process(b"ok \xff")
        self.assertEqual(cm.exception.offset, 3)
        sents = list(kztext.Pipeline(encoding="utf-8", invalid="replace").process(b"ok \xff."))
        self.assertEqual(sents[0].text, "ok \ufffd.")

    def test_utf8_bom_dropped_and_counted_in_offsets(self):
        p = kztext.Pipeline(encoding="utf-8")
        sents = list(p.process("\ufeffБіз келдік.".encode()))
        self.assertEqual([(s.text, s.start) for s in sents], [("Біз келдік.", 0)])
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            p.process(b"\xef\xbb\xbfok \xc0.")
        self.assertEqual(cm.exception.offset, 6)
        # Past the first 64 KiB piece, offsets still count from the input's start.
        big = ("Біз келдік.\n\n" * 6000).encode()
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            p.process(big + b"\xff")
        self.assertEqual(cm.exception.offset, len(big))

    def test_reuse_map_and_close(self):
        with kztext.Pipeline() as p:
            out = list(p.map(["Бірінші құжат.", "Second document."]))
            self.assertEqual([(s.doc, s.lang) for s in out], [(0, "kk"), (1, "en")])
        with self.assertRaises(ValueError):
            p.process("x")

    def test_threads(self):
        want = [s.text for s in kztext.process(DOC * 50)]
        bad = []

        def work():
            for _ in range(5):
                if [s.text for s in kztext.process(DOC * 50)] != want:
                    bad.append(1)

        ts = [threading.Thread(target=work) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(bad, [])


# A scraped page of our own: menu, rubric and date, headline, byline,
# text wrapped over lines, a caption with its credit, buttons, another story.
PAGE = ("Menu\n\nSearch\n\nEconomy\n\n 09:15, 2 May 2026\n\n"
        "New Bridge Over The Ural River Opens In Oral\n\nBy Arman Kasenov\n\n"
        "The bridge, which took three years to build, was opened to traffic on Friday and\n"
        "shortens the road between the two banks by twelve kilometres.\n\n"
        "Workers on the bridge on the day before the opening.\nPhoto: city akimat\n\n"
        "The city plans to close the old pontoon crossing once the spring floods are over.\n\n"
        "Subscribe to our newsletter\n\nRead also\n\n"
        "Bus Fares Rise In Three Regions From June\n")


class Roles(unittest.TestCase):
    def test_roles_of_a_scraped_page(self):
        sents = list(kztext.Pipeline(roles=True).process(PAGE))
        role = {" ".join(s.text.split()[:2]): s.role for s in sents}
        self.assertEqual(role["New Bridge"], "title")
        self.assertEqual(role["By Arman"], "meta")
        self.assertEqual(role["The bridge,"], "body")
        self.assertEqual(role["Photo: city"], "caption")
        self.assertEqual(role["The city"], "body")
        self.assertEqual(role["Subscribe to"], "boilerplate")
        self.assertEqual(role["Bus Fares"], "boilerplate")
        # The wrapped paragraph is one sentence; the headline never runs into it.
        self.assertIn("Friday and\nshortens the road", [s.text for s in sents if s.role == "body"][0])
        self.assertTrue(all(s.role is None for s in kztext.process(PAGE)))

    def test_keep(self):
        kept = list(kztext.Pipeline(roles=True, keep=["title", "body"]).process(PAGE))
        self.assertEqual({s.role for s in kept}, {"title", "body"})
        self.assertEqual(len(kept), 3)
        with self.assertRaises(ValueError):
            kztext.Pipeline(keep=["body"])
        with self.assertRaises(ValueError):
            kztext.Pipeline(roles=True, keep=["headline"])


def _docs(n):
    """n small documents of our own, every 7th one long, in three languages."""
    out = []
    for i in range(n):
        reps = 300 if i % 7 == 0 else 1 + i % 3
        out.append("".join(f"Құжат {i}, бөлім {k} осында. Document {i} says {k}.\n\n"
                           f"Документ {i} кончается.\n\n" for k in range(reps)))
    return out


class Stream(unittest.TestCase):
    def test_same_sentences_in_order_at_any_jobs(self):
        docs = _docs(60)
        p = kztext.Pipeline(roles=True)
        want = [s for i, d in enumerate(docs) for s in p.process(d, doc=i)]
        for jobs in (1, 4, 16):
            stats = kztext.StreamStats()
            got = list(kztext.process_stream(docs, jobs=jobs, memory=64 << 10, roles=True,
                                             stats=stats))
            self.assertEqual(got, want, jobs)
            self.assertEqual(stats.documents, len(docs))
            self.assertEqual(stats.jobs, jobs if jobs > 1 else 0)
            # The budget holds (no document alone is larger than it).
            self.assertLessEqual(stats.peak_inflight, 64 << 10)
            self.assertGreater(stats.peak_inflight, 0)

    def test_errors_in_order(self):
        docs = [b"One. Two.", b"bad \xff here", b"Three."]
        it = kztext.process_stream(docs, jobs=3, encoding="utf-8")
        self.assertEqual([s.text for s in (next(it), next(it))], ["One.", "Two."])
        with self.assertRaises(kztext.InvalidUTF8Error) as e:
            next(it)
        self.assertEqual(e.exception.offset, 4)
        got = [(s.doc, s.text) for s in kztext.process_stream(docs, jobs=3, on_error="skip",
                                                                   encoding="utf-8")]
        self.assertEqual(got, [(0, "One."), (0, "Two."), (2, "Three.")])

    def test_all_str_or_all_bytes(self):
        with self.assertRaises(TypeError):
            list(kztext.process_stream(["a", b"b"]))

    def test_stopping_early_frees_the_workers(self):
        it = kztext.process_stream(_docs(200), jobs=4, memory=32 << 10)
        self.assertEqual(next(it).doc, 0)
        it.close()  # no hang, no leak of the stream


class Jsonl(unittest.TestCase):
    LINES = [json.dumps({"text": "Бірінші жазба. Екі сөйлем.", "id": "a-1"}, ensure_ascii=False),
             "",
             "   ",
             '{"text": 42}',
             "{not json",
             json.dumps({"id": 9, "text": "After two blank lines and two bad ones."}),
             "",
             json.dumps({"text": "Last."})]

    def test_doc_is_the_line_number_as_in_the_cli(self):
        """doc counts lines from 1, blank lines included, in Python and in
        `kztext process --input jsonl` alike."""
        got = [(s.doc, s.id, s.text) for s in
               kztext.process_jsonl(self.LINES, id_field="id", on_error="skip", jobs=2)]
        self.assertEqual([g[0] for g in got], [1, 1, 6, 8])
        data = ("\n".join(self.LINES) + "\n").encode()
        p = subprocess.run([os.environ["KZTEXT_CLI"], "process", "--input", "jsonl",
                            "--id-field", "id"], input=data, capture_output=True, check=False)
        self.assertEqual(p.returncode, 3, p.stderr)
        cli = [json.loads(line) for line in p.stdout.decode().splitlines()]
        self.assertEqual([(r["doc"], r["id"], r["text"]) for r in cli], got)
        self.assertIn(b"line 4 (record 4)", p.stderr)

    def test_bad_line_raises_in_order(self):
        it = kztext.process_jsonl(self.LINES)
        self.assertEqual(len([next(it), next(it)]), 2)
        with self.assertRaisesRegex(ValueError, 'line 4: no string field "text"'):
            next(it)

    def test_bytes_lines_from_a_file(self):
        data = [(line + "\n").encode() for line in self.LINES]
        got = [s.doc for s in kztext.process_jsonl(data, on_error="skip")]
        self.assertEqual(got, [1, 1, 6, 8])


if __name__ == "__main__":
    unittest.main()
