"""kztext namekey: one key a line, --field for JSON Lines, exit codes."""
import os
import subprocess
import unittest

CLI = os.environ.get("KZTEXT_CLI", "kztext")


def run(*args, data=""):
    return subprocess.run([CLI, "namekey", *args], input=data.encode(), capture_output=True)


class NamekeyCli(unittest.TestCase):
    def test_lines(self):
        r = run(data="Бейбіт Есенов\nBeibit Yesenov\r\nYesenov Beibit\n\nБекзат")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout.decode(), "esenif peipit\n" * 3 + "\npeksat\n")

    def test_field(self):
        data = '{"name": "Ғалымжан Тәжібаев", "n": 1}\n{"name": "Galymzhan Tazhibayev"}\n{"x": 1}\n'
        r = run("--field", "name", data=data)
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.decode().split("\n")
        self.assertEqual(lines[0], lines[1])
        self.assertEqual(lines[0], "kalimjan tajipaef")
        self.assertEqual(lines[2], "")  # missing field: an empty key
        self.assertEqual(run("--field", "name", data="{broken\n").returncode, 1)

    def test_errors(self):
        r = run(data="ab\xff")
        r = subprocess.run([CLI, "namekey"], input=b"ab\xff", capture_output=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("<stdin>:2:", r.stderr.decode())
        r = subprocess.run([CLI, "namekey", "--invalid", "replace"], input=b"ab\xffcd",
                           capture_output=True)
        self.assertEqual(r.stdout, b"ap tst\n")
        self.assertEqual(run("--bogus").returncode, 2)
        self.assertEqual(run("--help").returncode, 0)


class ProcessNames(unittest.TestCase):
    def test_names_field(self):
        import json
        text = "Кеше Бейбіт Есенов ауылға келді. Galymzhan Tazhibayev met Beibit Yesenov.\n"
        r = subprocess.run([CLI, "process", "--names"], input=text.encode(), capture_output=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        recs = [json.loads(x) for x in r.stdout.decode().splitlines()]
        self.assertEqual(len(recs), 2)
        # the first word of a sentence is never a name; the same person in
        # two scripts has one key
        self.assertIn("esenif peipit", recs[0]["names"])
        self.assertIn("esenif peipit", recs[1]["names"])
        self.assertIn("tajipaef", recs[1]["names"])  # first word dropped: Galymzhan
        r = subprocess.run([CLI, "process"], input=text.encode(), capture_output=True)
        self.assertNotIn('"names"', r.stdout.decode())
