"""Scaling out: the Python binding mapped over corpus partitions on a Dask
LocalCluster (tools/scale_dask.py), and the CLI under GNU parallel.  Each
gives the same sentences as a single process."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import kztext

ROOT = Path(__file__).resolve().parents[2]
PARA = ("Үкімет жаңа бағдарламаны бекітті. Ол 2030 жылға дейін жүзеге асады.\n\n"
        "Правительство утвердило программу. Она рассчитана до 2030 г.\n\n"
        "The government approved the plan. It runs until 2030.\n\n")


class Dask(unittest.TestCase):
    def test_local_cluster_matches_single_process(self):
        try:
            import dask  # noqa: F401
            import distributed  # noqa: F401
        except ImportError:
            self.skipTest("python3-dask and python3-distributed are not installed for this python3")
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "corpus.txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(PARA * 300)
            out = os.path.join(d, "out.jsonl")
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
                str(ROOT / "bindings" / "python"), os.environ.get("PYTHONPATH")]))}
            p = subprocess.run([sys.executable, str(ROOT / "tools" / "scale_dask.py"), "--workers", "2",
                                "--partition-mb", "0.02", "-o", out, src],
                               capture_output=True, text=True, env=env, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("MB/s", p.stderr)
            with open(out, encoding="utf-8") as f:
                got = [json.loads(line)["text"] for line in f]
            want = [s.text for s in kztext.process(PARA * 300)]
            self.assertEqual(got, want)


class GnuParallel(unittest.TestCase):
    def test_parallel_pipe_matches_single_process(self):
        if not shutil.which("parallel"):
            self.skipTest("GNU parallel is not installed")
        cli = os.environ.get("KZTEXT_CLI")
        if not cli:
            self.skipTest("KZTEXT_CLI not set")
        data = (PARA * 400).encode()
        single = subprocess.run([cli, "process", "--format", "text"], input=data, capture_output=True,
                                check=True).stdout
        # Blocks end at blank lines, so each is a whole number of paragraphs.
        par = subprocess.run(["parallel", "--will-cite", "--pipe", "--keep-order", "--block", "20k",
                              "--recend", "\n\n", "-j", "2", cli, "process", "--format", "text"],
                             input=data, capture_output=True, timeout=300)
        self.assertEqual(par.returncode, 0, par.stderr.decode())
        self.assertEqual(par.stdout, single)


if __name__ == "__main__":
    unittest.main()
