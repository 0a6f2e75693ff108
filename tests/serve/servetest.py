"""Helpers for the kztext serve tests: start the server built as $KZTEXT_CLI
on a free loopback port, talk HTTP with the standard library, stop it.

Every wait is bounded: a server that does not come up, answer or stop
within its limit fails the test instead of hanging it."""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cli"))
from clitest import CLI, run  # noqa: E402

HOST = "127.0.0.1"
# Under ASan the server's RSS is mostly shadow memory: no RSS bounds there
# (tests/CMakeLists.txt sets this to 0 for sanitizer builds).
SANITIZED = os.environ.get("KZTEXT_MATRIX_RSS_MB") == "0"


class Server:
    """A kztext serve process; its stderr (the access log) goes to a file,
    so a full pipe can never block it."""

    def __init__(self, *args: str, start_timeout: float = 20.0) -> None:
        self.log = tempfile.NamedTemporaryFile(prefix="kztext-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([CLI, "serve", "--host", HOST, "--port", "0", *args],
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + start_timeout
        self.port = 0
        while time.monotonic() < deadline and self.proc.poll() is None:
            m = re.search(r"listening on http://[^:]+:(\d+)/", self.log_text())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.05)
        if not self.port:
            self.stop()
            raise AssertionError("kztext serve did not start: " + self.log_text())

    def log_text(self) -> str:
        return Path(self.log.name).read_text("utf-8", "replace")

    def pid(self) -> int:
        return self.proc.pid

    def rss_kb(self, field: str = "VmRSS") -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(f"no {field}")

    def conn(self, timeout: float = 30.0) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=timeout)

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None,
                conn: Optional[http.client.HTTPConnection] = None
                ) -> Tuple[int, Dict[str, str], bytes]:
        c = conn or self.conn()
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            if conn is None:
                c.close()

    def post(self, path: str, obj: object, **kw) -> Tuple[int, Dict[str, str], bytes]:
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/json"}, **kw)

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, then wait; a server that does not stop is killed and the
        test fails."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
                raise AssertionError("kztext serve did not stop on SIGTERM")
        self.log.close()
        return self.proc.returncode

    def cleanup(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()
        try:
            os.unlink(self.log.name)
        except OSError:
            pass


def cli(args: List[str], stdin: bytes) -> bytes:
    rc, out, err = run(*args, stdin=stdin)
    assert rc == 0, f"kztext {' '.join(args)}: {rc} {err}"
    return out
