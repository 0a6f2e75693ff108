"""kztext serve's page in a real browser: Debian's chromium, headless, loads
/ with the text in the URL (?text=...&to=...), converts it through the API,
and the DOM it leaves must hold the CLI's transliteration, the unchanged
words marked and each paragraph's language.  A screenshot is kept in the
build tree (tests/serve-page.png) as an artifact.  Without chromium this
test fails: CI installs it (tools/bootstrap.sh CHECK_PKGS)."""
import html
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
from pathlib import Path

from servetest import CLI, Server, cli

# Written for this test.
TEXT = ("Біздің ауылда жаңа мектеп ашылды. Оқушылар Telegram арнасынан хабар алады.\n"
        "\n"
        "Келесі жиналыс сәрсенбі күні өтеді, мекенжайы: www.example.kz.\n")
ARTIFACT = Path(CLI).resolve().parent.parent / "tests" / "serve-page.png"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("chromium is not installed (tools/bootstrap.sh deps installs it)")


class BrowserTest(unittest.TestCase):
    def run_chromium(self, url: str, *args: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as profile:
            # --no-sandbox: CI runs as root, where chromium's sandbox cannot start;
            # --disable-dev-shm-usage: containers often have a tiny /dev/shm.
            # The virtual time budget lets the page's fetches finish before
            # the DOM is dumped or the screenshot taken.
            cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                   f"--user-data-dir={profile}", "--virtual-time-budget=15000", *args, url]
            return subprocess.run(cmd, capture_output=True, timeout=120,
                                  env={**os.environ, "HOME": profile})

    def test_page_converts_in_chromium(self) -> None:
        server = Server()
        try:
            url = (f"http://127.0.0.1:{server.port}/?ui=en&to=latin2021&text="
                   + urllib.parse.quote(TEXT))
            p = self.run_chromium(url, "--dump-dom")
            dom = p.stdout.decode("utf-8", "replace")
            self.assertIn('data-state="done"', dom, p.stderr.decode(errors="replace")[-2000:])
            m = re.search(r'<div id="output"[^>]*>(.*?)</div>', dom, re.S)
            assert m, dom[-2000:]
            out = m.group(1)
            # each paragraph: its language, then its text
            self.assertEqual(re.findall(r'<span class="info">([^<]*)</span>', out),
                             ["kk · Cyrl", "kk · Cyrl"])
            self.assertIn("<mark", out)
            self.assertRegex(out, r"<mark[^>]*>Telegram</mark>")
            shown = html.unescape(re.sub(r"<[^>]+>", "", re.sub(
                r'<span class="info">[^<]*</span>', "", out.replace("</p><p>", "\n\n"))))
            want = cli(["translit", "--to", "latin2021"], TEXT.encode()).decode()
            self.assertEqual(shown.strip(), want.strip())
            self.assertIn("Bızdıñ auylda jaña mektep aşyldy.", shown)

            ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
            if ARTIFACT.exists():
                ARTIFACT.unlink()
            p = self.run_chromium(url.replace("ui=en", "ui=kk"), "--window-size=1000,700",
                                  f"--screenshot={ARTIFACT}")
            self.assertTrue(ARTIFACT.exists(), p.stderr.decode(errors="replace")[-2000:])
            self.assertEqual(ARTIFACT.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
            self.assertGreater(ARTIFACT.stat().st_size, 10000)
            print(f"screenshot: {ARTIFACT}")
            # the page asked for nothing but itself and the API
            paths = re.findall(r" (?:GET|POST|HEAD) (\S+) ", server.log_text())
            self.assertTrue(set(paths) <= {"/", "/v1/schemes", "/v1/translit", "/v1/detect"},
                            paths)
        finally:
            try:
                self.assertEqual(server.stop(), 0)
            finally:
                server.cleanup()


if __name__ == "__main__":
    unittest.main()
