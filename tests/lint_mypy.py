"""lint.mypy: the Python package type-checks with the settings in
bindings/python/pyproject.toml, tests/typing/usage_ok.py type-checks, and
tests/typing/usage_bad.py has exactly the errors it marks (so the
annotations are precise, not Any).  Exits 77 (ctest: skipped) when mypy is
not installed; CI installs python3-mypy, and a skip fails CI there."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "bindings" / "python"

try:
    from mypy import api
except ImportError:
    print("skipped: mypy is not installed for this python3 (apt-get install python3-mypy)")
    sys.exit(77)


def mypy(*args: str) -> "tuple[str, int]":
    out, err, rc = api.run(["--config-file", str(PKG / "pyproject.toml"), "--no-incremental",
                            "--cache-dir=/dev/null", *args])
    return out + err, rc


def main() -> int:
    failed = 0
    out, rc = mypy(str(PKG / "kztext"))
    print(out, end="")
    failed |= rc != 0
    # The usage files import the package from bindings/python.
    import os
    os.environ["MYPYPATH"] = str(PKG)
    ok = ROOT / "tests" / "typing" / "usage_ok.py"
    out, rc = mypy(str(ok))
    print(out, end="")
    failed |= rc != 0
    bad = ROOT / "tests" / "typing" / "usage_bad.py"
    want = {i for i, line in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
            if line.endswith("# error")}
    out, rc = mypy(str(bad))
    got = {int(m) for m in re.findall(r"usage_bad\.py:(\d+): error", out)}
    if got != want:
        print(f"usage_bad.py: errors on lines {sorted(got)}, want {sorted(want)}\n{out}")
        failed = 1
    print("mypy: FAILED" if failed else "mypy: package, usage_ok and usage_bad as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
