"""process --input jsonl reads records exactly as Python's json module does:
every line that json.loads() reads as an object with a string "text" gives
that text (a repeated key: the last one wins, as in json and jq), every other
line is reported as an error.  The cases are our own, after the kinds of the
JSONTestSuite (numbers, literals, escapes, structure, white space)."""
import json
import os
import tempfile
import unittest

from clitest import run

# Texts are one short sentence each, so the record's sentences are the text.
VALID = [
    '{"text":"Alpha one"}',
    '{"text": "Beta two", "x": 1}',
    '{"x":[1,2,{"y":null}],"text":"Gamma three"}',
    '{"text":"first","text":"Delta four"}',
    '{"text":"Epsilon \\u0066ive"}',
    '{"text":"\\u049a\\u0430\\u0437\\u0430\\u049b \\u0435\\u043b\\u0456"}',
    '{"n": -1.5e3, "b": true, "f": false, "text": "Eta seven"}',
    '{"text":"Theta \\"eight\\""}',
    '  { "text" : "Iota nine" }  ',
    '{"m":-0,"e":1E+2,"f":0.5e-3,"text":"Kappa ten"}',
    '{"text":"Lambda \\/ eleven"}',
    '{"nan":NaN,"inf":Infinity,"ninf":-Infinity,"text":"Mu twelve"}',
    '{"text":"Nu \\ud83d\\ude00 thirteen"}',
    '{"deep":[[[[[[[[[[{"a":[]}]]]]]]]]]],"text":"Xi fourteen"}',
    '{"":"","text":"Omicron fifteen"}',
]
INVALID = [
    '{"text":"unterminated}',
    "{'text':'single'}",
    '{"text":"a",}',
    '{text:"b"}',
    '{"text":"c"} x',
    '{"text":"d" "e"}',
    '{"a":01,"text":"leading zero"}',
    '{"a":1.,"text":"dot"}',
    '{"a":.5,"text":"dot first"}',
    '{"a":1e,"text":"bare e"}',
    '{"a":+1,"text":"plus"}',
    '{"a":-,"text":"minus"}',
    '{"a":tru,"text":"literal"}',
    '{"a":nan,"text":"lower nan"}',
    '{"text":"bad \\x41 escape"}',
    '{"text":"bad \\u12 short"}',
    '{"text":"tab\tinside"}',
    '["text","a list"]',
    '"just a string"',
    '{"text":"x"',
    '{"text":1}',
    '{"other":"no text"}',
    '{"a":[1,2,],"text":"trailing in list"}',
    '{"a":{"b":1,},"text":"trailing in object"}',
]


class Conformance(unittest.TestCase):
    def test_cases_are_what_python_says(self):
        # The expectations come from Python's json, so a case that Python
        # reads differently than written here is a broken test, not a pass.
        for line in VALID:
            obj = json.loads(line)
            self.assertIsInstance(obj.get("text"), str, line)
        for line in INVALID:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            self.assertFalse(isinstance(obj, dict) and isinstance(obj.get("text"), str), line)

    def test_process_agrees_with_python(self):
        lines = VALID + INVALID
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                         encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        self.addCleanup(os.unlink, f.name)
        code, out, err = run("process", "--input", "jsonl", f.name)
        self.assertEqual(code, 3, err)
        got = {}
        for r in map(json.loads, out.decode().splitlines()):
            got.setdefault(r["doc"], []).append(r["text"])
        want = {i + 1: json.loads(line)["text"] for i, line in enumerate(VALID)}
        self.assertEqual({d: " ".join(t) for d, t in got.items()}, want)
        # One error line per invalid record, naming its line.
        errors = err.splitlines()
        self.assertEqual(len(errors), len(INVALID), err)
        for k, msg in enumerate(errors):
            self.assertIn(f"line {len(VALID) + k + 1} ", msg)


if __name__ == "__main__":
    unittest.main()
