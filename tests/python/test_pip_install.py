"""The package installs offline with pip into a bare venv (pip and nothing
else: no wheel, no setuptools needed) through the in-tree build backend, and
imports from there with no environment variables.  The full prefix install is
tests/consumer/run.cmake (install.consumer)."""
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "bindings" / "python"
LIBRARY = os.environ.get("KZTEXT_LIBRARY", "")
# The sanitizer build preloads the ASan runtime for Python (tests/CMakeLists.txt);
# that is all the imports below inherit: nothing that helps find the library.
IMPORT_ENV = {k: os.environ[k] for k in ("LD_PRELOAD", "ASAN_OPTIONS") if k in os.environ}


def run(*cmd, env=None, cwd="/"):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)


class PipInstall(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.venv = Path(cls.tmp.name) / "venv"
        # Debian's python3-venv; without it this fails (it must in CI).
        p = run(sys.executable, "-m", "venv", str(cls.venv))
        assert p.returncode == 0, "python3 -m venv failed (install python3-venv): " + p.stderr
        cls.py = str(cls.venv / "bin" / "python")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def pip(self, *args):
        p = run(self.py, "-m", "pip", "install", "--no-index", "--quiet", "--force-reinstall",
                *args, str(PKG), env={"PATH": "/usr/bin:/bin", "PIP_NO_CACHE_DIR": "1"})
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_isolated_install_then_import(self):
        self.assertTrue(LIBRARY and os.path.isabs(LIBRARY), "KZTEXT_LIBRARY must name the built library")
        self.pip("--config-settings", f"library={LIBRARY}")
        p = run(self.py, "-c", "import kztext, kztext._lib as l; print(kztext.__file__); "
                "print(l.lib._name); print(kztext.normalize('Е\\u0308'))", env=IMPORT_ENV)
        self.assertEqual(p.returncode, 0, p.stderr)
        file, lib, text = p.stdout.splitlines()
        self.assertTrue(file.startswith(str(self.venv)), file)
        self.assertEqual(lib, LIBRARY)
        self.assertEqual(text, "Ё")
        typed = run(self.py, "-c", "import kztext, pathlib; "
                    "print((pathlib.Path(kztext.__file__).parent / 'py.typed').exists())", env=IMPORT_ENV)
        self.assertEqual(typed.stdout.strip(), "True", typed.stderr)

    def test_no_build_isolation(self):
        self.pip("--no-build-isolation", "--config-settings", f"library={LIBRARY}")
        p = run(self.py, "-c", "import kztext; print(kztext.translit('Қазақстан'))", env=IMPORT_ENV)
        self.assertEqual((p.returncode, p.stdout), (0, "Qazaqstan\n"), p.stderr)

    def test_not_found_names_paths_and_fix(self):
        self.pip("--config-settings", "prefix=/nonexistent/kz")
        p = run(self.py, "-c", "import kztext", env=IMPORT_ENV)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("/nonexistent/kz/lib/libkztext.so.0.4 (prefix recorded at install): no such file",
                      p.stderr)
        self.assertIn("/usr/local/lib/libkztext.so.0.4 (default prefix)", p.stderr)
        self.assertIn("--config-settings prefix=DIR", p.stderr)
        self.assertIn("KZTEXT_LIBRARY", p.stderr)

    def test_relative_prefix_refused(self):
        p = run(self.py, "-m", "pip", "install", "--no-index", "--quiet", "--config-settings",
                "prefix=relative/dir", str(PKG), env={"PATH": "/usr/bin:/bin"})
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("must be an absolute path", p.stdout + p.stderr)

    def test_wheel_contents(self):
        sys.path.insert(0, str(PKG / "backend"))
        try:
            import kztext_backend
        finally:
            sys.path.pop(0)
        with tempfile.TemporaryDirectory() as d:
            name = kztext_backend.build_wheel(d, {"prefix": "/opt/kz"})
            self.assertEqual(name, "kztext-0.4.0-py3-none-any.whl")
            with zipfile.ZipFile(Path(d) / name) as z:
                names = set(z.namelist())
                self.assertIn("kztext/py.typed", names)
                self.assertIn("kztext/__init__.py", names)
                self.assertIn("kztext-0.4.0.dist-info/RECORD", names)
                self.assertIn("PREFIX = '/opt/kz'", z.read("kztext/_install.py").decode())
                record = z.read("kztext-0.4.0.dist-info/RECORD").decode()
                self.assertEqual(len(record.splitlines()), len(names))


    def test_sdist_rebuilds(self):
        """The sdist holds what a wheel is built from, and builds one."""
        import tarfile
        sys.path.insert(0, str(PKG / "backend"))
        try:
            import kztext_backend
        finally:
            sys.path.pop(0)
        with tempfile.TemporaryDirectory() as d:
            name = kztext_backend.build_sdist(d)
            self.assertEqual(name, "kztext-0.4.0.tar.gz")
            with tarfile.open(Path(d) / name) as t:
                names = set(t.getnames())
                t.extractall(d)
            for want in ("pyproject.toml", "backend/kztext_backend.py", "kztext/__init__.py",
                         "kztext/py.typed", "PKG-INFO"):
                self.assertIn(f"kztext-0.4.0/{want}", names)
            self.assertFalse(any(n.endswith("_install.py") or "__pycache__" in n for n in names))
            wheel = Path(d) / "wheel"
            wheel.mkdir()
            p = run(sys.executable, "-c", "import sys, kztext_backend; "
                    "print(kztext_backend.build_wheel(sys.argv[1]))", str(wheel),
                    env={"PYTHONPATH": str(Path(d) / "kztext-0.4.0" / "backend")})
            self.assertEqual(p.stdout.strip(), "kztext-0.4.0-py3-none-any.whl", p.stderr)


if __name__ == "__main__":
    unittest.main()
