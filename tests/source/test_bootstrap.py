"""tools/bootstrap.sh: CI fails on skipped tests and lists them; outside CI
they are listed and allowed; apt waits for the dpkg lock and says so."""
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = ROOT / "tools" / "bootstrap.sh"


def bash(script, env=None, cwd=None):
    return subprocess.run(["bash", "-c", f'source "{BOOTSTRAP}"; {script}'], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


class SkippedTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        src = Path(cls.tmp.name)
        (src / "CMakeLists.txt").write_text(
            "cmake_minimum_required(VERSION 3.18)\nproject(p NONE)\nenable_testing()\n"
            "add_test(NAME needs.data COMMAND sh -c \"exit 77\")\n"
            "set_tests_properties(needs.data PROPERTIES SKIP_RETURN_CODE 77)\n"
            "add_test(NAME plain.pass COMMAND true)\n")
        subprocess.run(["cmake", "-S", str(src), "-B", str(src / "b")], check=True,
                       capture_output=True)
        cls.build = str(src / "b")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_ci_fails_and_names_the_skipped(self):
        p = bash(f'JOBS=1; run_ctest "{self.build}"', {"CI": "true"})
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("CI=true and these tests did not run", p.stdout)
        self.assertRegex(p.stdout, r"\d+ - needs\.data \(Skipped\)")

    def test_outside_ci_lists_but_passes(self):
        p = bash(f'JOBS=1; run_ctest "{self.build}"', {"CI": ""})
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("skipped (allowed outside CI", p.stdout)
        self.assertRegex(p.stdout, r"needs\.data \(Skipped\)")

    def test_ci_passes_when_nothing_skips(self):
        p = bash(f'JOBS=1; run_ctest "{self.build}" -R plain', {"CI": "true"})
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)


class AptLock(unittest.TestCase):
    def test_waits_for_the_dpkg_lock(self):
        with tempfile.TemporaryDirectory() as d:
            # Stand-ins: every package missing, apt-get records its arguments.
            Path(d, "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
            Path(d, "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {d}/apt.log\n')
            Path(d, "sudo").write_text('#!/bin/sh\nexec "$@"\n')
            for f in ("dpkg-query", "apt-get", "sudo"):
                os.chmod(Path(d, f), 0o755)
            p = bash("deps pkg-a pkg-b", {"PATH": f"{d}:{os.environ['PATH']}",
                                          "APT_LOCK_WAIT": "42"})
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("waits up to 42s for the dpkg lock", p.stdout)
            calls = Path(d, "apt.log").read_text().splitlines()
            self.assertEqual(len(calls), 2, calls)
            for call in calls:
                self.assertIn("-o DPkg::Lock::Timeout=42", call)
            self.assertIn("install", calls[1])
            self.assertIn("pkg-a pkg-b", calls[1])


if __name__ == "__main__":
    unittest.main()
