"""The module graph of docs/architecture.md holds in the source: every
#include in src/ and cli/ is one the table there allows, every module folder
is in the table, and neither the table nor the includes form a cycle.  The
table is the only copy of the graph: this test parses it."""
import os
import re
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("KZTEXT_SOURCE_DIR") or Path(__file__).resolve().parents[2])
DOC = ROOT / "docs" / "architecture.md"
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)
# Angle-bracket includes that name a library the table must allow; the rest
# (C library, POSIX, compiler intrinsics) are free.
LIBRARIES = [(re.compile(r"unicode/"), "ICU"), (re.compile(r"utf8proc\.h$"), "utf8proc"),
             (re.compile(r"microhttpd\.h$"), "libmicrohttpd")]


def names(cell):
    """`a`, `b` or "- (why)" -> {"a", "b"}."""
    cell = re.sub(r"\(.*?\)", "", cell).replace("`", "").strip()
    return set() if cell in ("", "-") else {x.strip() for x in cell.split(",") if x.strip()}


def read_table(text):
    """{folder: {"deps": set, "tables": set, "libs": set}} from the table
    whose header has "may include"."""
    lines = text.splitlines()
    head = next((i for i, l in enumerate(lines) if l.startswith("|") and "may include" in l), None)
    if head is None:
        raise AssertionError(f"{DOC}: no table with a 'may include' column")
    cols = [c.strip() for c in lines[head].strip("|").split("|")]
    want = ["folder", "may include", "tables", "libraries"]
    missing = [c for c in want if c not in cols]
    if missing:
        raise AssertionError(f"{DOC}: the module table lacks the columns {missing}")
    graph = {}
    for line in lines[head + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row = dict(zip(cols, cells))
        folder = row["folder"].strip("`").rstrip("/")
        graph[folder] = {"deps": names(row["may include"]), "tables": names(row["tables"]),
                         "libs": names(row["libraries"])}
    return graph


def module_of(folder):
    """src/repair -> repair; cli -> cli."""
    return folder.split("/")[-1]


def find_cycle(edges):
    """A cycle (list of nodes, first repeated last) in {node: set}, or None."""
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(edges):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def sources(folder):
    return sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in (".c", ".h"))


def actual_includes(graph):
    """(file, line, kind, target) for each #include of each folder in graph."""
    for folder in graph:
        for path in sources(folder):
            text = path.read_text(encoding="utf-8")
            for m in INCLUDE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                yield folder, path.relative_to(ROOT), line, m.group(1), m.group(2)


def violations(graph):
    """Messages for every include the table does not allow, and the module
    edges the includes make."""
    modules = {module_of(f): f for f in graph}
    bad, edges = [], {module_of(f): set() for f in graph}
    for folder, rel, line, kind, target in actual_includes(graph):
        mod, row, where = module_of(folder), graph[folder], f"{rel}:{line}: #include {target}"
        if kind == "<":
            if target == "kztext.h" or target.startswith("kztext/"):
                continue
            for pattern, lib in LIBRARIES:
                if pattern.search(target) and lib not in row["libs"]:
                    bad.append(f"{where}: {lib} is not among the libraries of {folder}/")
            continue
        parts = target.split("/")
        if folder == "cli" and len(parts) == 1 and (ROOT / "cli" / target).exists():
            continue  # the program's own headers
        if len(parts) != 2:
            bad.append(f"{where}: not of the form module/file, so the graph cannot check it")
            continue
        dep, name = parts
        if dep == "gen":
            if name not in row["tables"]:
                bad.append(f"{where}: the table lists no such generated table for {folder}/")
            continue
        if dep not in modules:
            bad.append(f"{where}: {dep} is not a module of the table")
            continue
        if not (ROOT / modules[dep] / name).exists():
            bad.append(f"{where}: no such file {modules[dep]}/{name}")
        if dep != mod:
            edges[mod].add(dep)
            if dep not in row["deps"]:
                bad.append(f"{where}: {folder}/ may not include {dep} "
                           f"(docs/architecture.md: it may include {', '.join(sorted(row['deps'])) or 'nothing'})")
    return bad, edges


class Architecture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.graph = read_table(DOC.read_text(encoding="utf-8"))

    def test_every_module_is_in_the_table(self):
        on_disk = {f"src/{p.name}" for p in (ROOT / "src").iterdir() if p.is_dir() and p.name != "gen"}
        in_table = {f for f in self.graph if f.startswith("src/")}
        self.assertEqual(sorted(on_disk - in_table), [], "module folders missing from docs/architecture.md")
        self.assertEqual(sorted(in_table - on_disk), [], "docs/architecture.md lists folders that do not exist")
        self.assertIn("cli", self.graph)

    def test_table_names_known_modules(self):
        modules = {module_of(f) for f in self.graph}
        for folder, row in self.graph.items():
            self.assertEqual(sorted(row["deps"] - modules), [], f"{folder}: unknown modules")
            for t in row["tables"]:
                self.assertTrue((ROOT / "src" / "gen" / t).exists(), f"{folder}: no src/gen/{t}")

    def test_documented_graph_is_acyclic(self):
        edges = {module_of(f): row["deps"] for f, row in self.graph.items()}
        cycle = find_cycle(edges)
        self.assertIsNone(cycle, "docs/architecture.md: cycle " + " -> ".join(cycle or []))

    def test_includes_follow_the_table(self):
        bad, _ = violations(self.graph)
        self.assertEqual(bad, [], "\n" + "\n".join(bad))

    def test_includes_are_acyclic(self):
        _, edges = violations(self.graph)
        cycle = find_cycle(edges)
        self.assertIsNone(cycle, "module cycle in the #includes: " + " -> ".join(cycle or []))

    def test_table_is_no_looser_than_the_code(self):
        # An allowance nothing uses would let the graph grow unseen.
        _, edges = violations(self.graph)
        used_tables, used_libs = {}, {}
        for folder, _, _, kind, target in actual_includes(self.graph):
            if target.startswith("gen/"):
                used_tables.setdefault(folder, set()).add(target[4:])
            for pattern, lib in LIBRARIES:
                if kind == "<" and pattern.search(target):
                    used_libs.setdefault(folder, set()).add(lib)
        loose = []
        for folder, row in self.graph.items():
            mod = module_of(folder)
            for kind, have, used in (("module", row["deps"], edges[mod]),
                                     ("table", row["tables"], used_tables.get(folder, set())),
                                     ("library", row["libs"], used_libs.get(folder, set()))):
                loose += [f"{folder}: {kind} {x} allowed but never included" for x in sorted(have - used)]
        self.assertEqual(loose, [], "\n" + "\n".join(loose))

    def test_parser_sees_includes(self):
        # A parser that found nothing would pass everything.
        found = list(actual_includes(self.graph))
        self.assertGreater(len(found), 50)
        self.assertTrue(any(t == "repair/repair_internal.h" for *_, t in found))


if __name__ == "__main__":
    unittest.main()
