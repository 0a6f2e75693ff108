"""What the table generators (tools/gen_*.py) share: their inputs must
exist, and they either write their output or, with --check, compare it with
the committed file.  CI runs every generator with --check (the gen.* tests
in tests/CMakeLists.txt), so a table cannot drift from its data or its
generator.  Standard library only."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def need(path, package):
    """Stops when an input is missing: a check without its input must fail,
    not pass on whatever was committed."""
    if not Path(path).exists():
        sys.exit(f"{Path(sys.argv[0]).name}: {path} is missing "
                 f"(Debian package {package}; tools/bootstrap.sh deps installs it)")


def finish(out, text, check):
    """Writes text to out (relative to the repository root), or with check
    exits 1 naming the first line that differs."""
    path = ROOT / out
    if not check:
        path.write_text(text, encoding="utf-8")
        return
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    if old == text:
        return
    where = "it is missing"
    if old is not None:
        a, b = old.split("\n"), text.split("\n")
        line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        where = f"line {line + 1} differs"
    sys.exit(f"{out} is stale ({where}): run tools/{Path(sys.argv[0]).name} and commit the result")
