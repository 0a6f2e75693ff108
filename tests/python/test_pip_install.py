"""The package installs offline with pip --no-build-isolation and imports
from the install target."""
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PipInstall(unittest.TestCase):
    def test_offline_install(self):
        try:
            import setuptools  # noqa: F401
            import pip  # noqa: F401
        except ImportError as e:
            self.skipTest(f"pip or setuptools missing: {e}")
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                 "--no-index", "--target", d, str(ROOT / "bindings" / "python")],
                capture_output=True, text=True, env={**os.environ, "PIP_NO_CACHE_DIR": "1"}, cwd=d)
            if p.returncode != 0 and "bdist_wheel" in p.stderr + p.stdout:
                self.skipTest("the wheel package is missing")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue((Path(d) / "kztext" / "py.typed").exists())
            env = {**os.environ, "PYTHONPATH": d}
            out = subprocess.run([sys.executable, "-c", "import kztext; print(kztext.__file__, kztext.normalize('Е\\u0308'))"],
                                 capture_output=True, text=True, env=env, cwd=d, check=True).stdout
            self.assertTrue(out.startswith(d), out)
            self.assertTrue(out.strip().endswith("Ё"), out)


if __name__ == "__main__":
    unittest.main()
