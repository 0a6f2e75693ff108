"""Rules-only transliteration (no Latin -> Cyrillic lexicon) for the tools
that measure and build the lexicon: tools/eval_translit.py --no-lexicon and
tools/gen_translit_lexicon.py.

The mode is no public flag of the library; it is reached through the
tools-only program tools/translit_rules.c (build/tools/kztext-translit-rules,
or the path in KZTEXT_TRANSLIT_RULES), which reads lines and writes one
transliterated line for each."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def program() -> str:
    path = os.environ.get("KZTEXT_TRANSLIT_RULES") or os.path.join(
        ROOT, "build", "tools", "kztext-translit-rules")
    if not os.access(path, os.X_OK):
        raise SystemExit(f"{path} not found: build the tools (cmake --build build) or set "
                         "KZTEXT_TRANSLIT_RULES")
    return path


class Rules:
    """translit(text, to, source) by the rules alone.  One line goes through
    a process kept open per scheme pair; text of several lines through one
    run of the program."""

    def __init__(self, path=None):
        self.path = path or program()
        self.procs = {}

    def __call__(self, text: str, to: str, source: str) -> str:
        data = text.encode("utf-8")
        if b"\n" in data:
            out = subprocess.run([self.path, source, to], input=data + b"\n",
                                 capture_output=True, check=True).stdout
            return out[:-1].decode("utf-8")
        p = self.procs.get((source, to))
        if p is None:
            p = self.procs[(source, to)] = subprocess.Popen(
                [self.path, source, to], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        p.stdin.write(data + b"\n")
        p.stdin.flush()
        return p.stdout.readline()[:-1].decode("utf-8")

    def close(self):
        for p in self.procs.values():
            p.stdin.close()
            p.wait()
        self.procs.clear()


def converter(rules_only: bool):
    """translit(text, to, source) for the eval tools: the rules alone
    (their --no-lexicon), or the library through the Python binding."""
    if rules_only:
        return Rules()
    import kztext
    return lambda text, to, source: kztext.translit(text, to=to, source=source)
