"""kztext serve's JSON API against a server started here on a free loopback
port: every endpoint gives the CLI's bytes, every error its code, and the
limits hold (body size, slow bodies, the worker queue, RSS under load)."""
import json
import socket
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from typing import List

from servetest import HOST, SANITIZED, Server, cli

# Written for these tests.
KK = ("Қазақ тілі — мемлекеттік тіл. Біз бүгін кітапханаға бардық, онда жаңа кітаптар "
      "көп екен.\n\nАудандағы мектепте 25 оқушы олимпиадаға қатысты. Сайт: "
      "https://example.kz/jana\n")
RU = "Сегодня в городе прошёл сильный дождь. Улицы опустели.\n"
EN = "The committee will meet on Monday. Tickets cost 5 dollars.\n"
MIX = "Ол Facebook парақшасында жазды: «Келесі аптада кездесеміз».\n"
LAT = "Qazaq tılı — memlekettık tıl. Bız bügın kıtaphanağa bardyq.\n"
TEXTS = [KK, RU, EN, MIX, LAT, KK + RU + EN]
TARGETS = ["cyrillic", "latin2021", "latin2018", "latin2017", "iso9", "bgn", "alalc", "arabic",
           "mediawiki"]


class ApiTest(unittest.TestCase):
    server: Server

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server("-j", "4", "--max-body", "1")

    @classmethod
    def tearDownClass(cls) -> None:
        try:
            assert cls.server.stop() == 0
        finally:
            cls.server.cleanup()

    def ok(self, path: str, obj: object, ctype: str = "application/json") -> bytes:
        st, h, body = self.server.post(path, obj)
        self.assertEqual(st, 200, body)
        self.assertTrue(h["content-type"].startswith(ctype), h)
        self.assertTrue(h.get("x-request-id"))
        return body

    def error(self, st: int, h: dict, body: bytes, code: int, status: str) -> dict:
        self.assertEqual(st, code, body)
        e = json.loads(body)
        self.assertEqual(e["error"]["status"], status)
        self.assertEqual(e["request_id"], h["x-request-id"])
        return e["error"]

    # ---- every endpoint, byte for byte as the CLI ----

    def test_health_and_schemes(self) -> None:
        st, h, body = self.server.request("GET", "/v1/health")
        self.assertEqual(st, 200)
        self.assertEqual(json.loads(body)["status"], "ok")
        st, h, body = self.server.request("GET", "/v1/schemes")
        names = {s["name"]: s for s in json.loads(body)["schemes"]}
        for t in TARGETS:
            self.assertTrue(names[t]["target"], t)
        self.assertFalse(names["auto"]["target"])
        self.assertIn("latin", names["latin2021"]["aliases"])
        st, h, body = self.server.request("HEAD", "/v1/health")
        self.assertEqual((st, body), (200, b""))

    def test_translit(self) -> None:
        for text in TEXTS:
            for to in TARGETS:
                got = json.loads(self.ok("/v1/translit", {"text": text, "to": to}))["text"]
                want = cli(["translit", "--to", to], text.encode())
                self.assertEqual(got.encode(), want, (to, text))
            for to in ["latin2021", "cyrillic"]:
                got = self.ok("/v1/translit", {"text": text, "to": to, "format": "jsonl"},
                              "application/x-ndjson")
                self.assertEqual(got, cli(["translit", "--to", to, "--format", "jsonl"],
                                          text.encode()))
        back = json.loads(self.ok("/v1/translit", {"text": LAT, "to": "cyrillic",
                                                   "from": "latin2021"}))["text"]
        self.assertTrue(back.startswith("Қазақ тілі"), back)

    def test_translit_keeps_words_between_requests(self) -> None:
        # A worker keeps the latin2021 words it converted: later requests,
        # other texts and the same ones again, still get the CLI's answer.
        texts = [cli(["translit", "--to", "latin2021"], t.encode()).decode()
                 for t in [KK, MIX, KK + RU + EN, KK[40:] + MIX, KK.upper()]] + [LAT]
        for rnd in range(3):
            for n, text in enumerate(texts[rnd:] + texts[:rnd]):
                frm = ["auto", "latin2021"][(n + rnd) % 2]
                got = json.loads(self.ok("/v1/translit", {"text": text, "to": "cyrillic",
                                                          "from": frm}))["text"]
                want = cli(["translit", "--from", frm, "--to", "cyrillic"], text.encode())
                self.assertEqual(got.encode(), want, (rnd, frm, text))

    def test_detect(self) -> None:
        for text in TEXTS:
            for by in ["line", "sentence", "paragraph", "text"]:
                got = self.ok("/v1/detect", {"text": text, "by": by}, "application/x-ndjson")
                self.assertEqual(got, cli(["detect", "--format", "jsonl", "--by", by],
                                          text.encode()))

    def test_normalize(self) -> None:
        for text in TEXTS + ["Ќазаќ А\u0306\u00a0b  c\r\n"]:
            for opts, args in [({}, []), ({"form": "nfd"}, ["--form", "nfd"]),
                               ({"casefold": True}, ["--casefold"]),
                               ({"repair": "homoglyphs,spaces"},
                                ["--repair", "homoglyphs,spaces"]),
                               ({"newlines": True, "form": "nfkc"},
                                ["--newlines", "--form", "nfkc"])]:
                got = json.loads(self.ok("/v1/normalize", {"text": text, **opts}))["text"]
                self.assertEqual(got.encode(), cli(["normalize", *args], text.encode()), opts)

    def test_namekey(self) -> None:
        text = "Beibit Yesenov\nБейбіт Есенов\nЕсенов Бейбит Маратұлы\n\nБекзат Есенов\n"
        got = json.loads(self.ok("/v1/namekey", {"text": text}))["text"]
        self.assertEqual(got.encode(), cli(["namekey"], text.encode()))
        keys = got.split("\n")
        self.assertEqual(len(set(keys[:3])), 1)
        self.assertNotEqual(keys[0], keys[4])

    def test_sentences(self) -> None:
        for text in TEXTS:
            for opts, args in [({}, []), ({"format": "jsonl"}, ["--format", "jsonl"]),
                               ({"lang": "kk", "lines": True}, ["--lang", "kk", "--lines"])]:
                body = self.ok("/v1/sentences", {"text": text, **opts},
                               "application/x-ndjson" if opts.get("format") else
                               "application/json")
                want = cli(["sentences", *args], text.encode())
                got = body if opts.get("format") else json.loads(body)["text"].encode()
                self.assertEqual(got, want, opts)

    def test_process(self) -> None:
        for text in TEXTS:
            for opts, args in [({}, []), ({"translit": "latin2021"}, ["--translit", "latin2021"]),
                               ({"roles": True, "lines": True, "translit-all": True,
                                 "translit": "cyrillic"},
                                ["--roles", "--lines", "--translit-all", "--translit",
                                 "cyrillic"]),
                               ({"no-repair": True, "lang": "kk"}, ["--no-repair", "--lang",
                                                                    "kk"])]:
                got = self.ok("/v1/process", {"text": text, **opts}, "application/x-ndjson")
                line = json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"
                want = cli(["process", "--quiet", "--input", "jsonl", *args], line)
                self.assertEqual(got, want, opts)

    def test_process_streams_large_text(self) -> None:
        # Pieces cut after blank lines give the whole text's records.
        text = (KK + "\n" + RU + "\n" + EN + "\n") * 1500
        got = self.ok("/v1/process", {"text": text}, "application/x-ndjson")
        line = json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"
        self.assertEqual(got, cli(["process", "--quiet", "--input", "jsonl"], line))

    def test_decode(self) -> None:
        raw = RU.encode("cp1251")
        for q, args in [("?from=cp1251", ["--from", "cp1251"]), ("", []),
                        ("?from=koi8-r", ["--from", "koi8-r"])]:
            data = RU.encode("koi8-r") if "koi8" in q else raw
            st, h, body = self.server.request("POST", "/v1/decode" + q, data,
                                              {"Content-Type": "application/octet-stream"})
            self.assertEqual(st, 200, body)
            self.assertEqual(json.loads(body)["text"].encode(), cli(["decode", *args], data))
        # strict UTF-8: the byte offset of the bad byte
        st, h, body = self.server.request("POST", "/v1/decode?from=utf-8", b"abc\xffdef")
        self.assertEqual(self.error(st, h, body, 400, "KZTEXT_E_INVALID_UTF8")["offset"], 3)
        st, h, body = self.server.request("POST", "/v1/decode?from=utf-8&invalid=replace",
                                          b"abc\xffdef")
        self.assertEqual(json.loads(body)["text"], "abc\ufffddef")
        st, h, body = self.server.request("POST", "/v1/decode?from=nope", b"x")
        self.error(st, h, body, 400, "KZTEXT_E_INVALID_ARG")

    # ---- errors ----

    def test_not_found_and_method(self) -> None:
        st, h, body = self.server.request("GET", "/v2/translit")
        self.error(st, h, body, 404, "not_found")
        st, h, body = self.server.post("/v1/nothing", {"text": "a"})
        self.error(st, h, body, 404, "not_found")
        st, h, body = self.server.request("GET", "/v1/translit")
        self.error(st, h, body, 405, "method_not_allowed")
        self.assertEqual(h["allow"], "POST")
        st, h, body = self.server.request("DELETE", "/v1/health")
        self.error(st, h, body, 405, "method_not_allowed")
        self.assertEqual(h["allow"], "GET, HEAD")
        # no CORS unless --cors
        st, h, body = self.server.request("OPTIONS", "/v1/translit")
        self.assertEqual(st, 405)
        self.assertNotIn("access-control-allow-origin", h)

    def test_bad_requests(self) -> None:
        s = self.server
        st, h, body = s.request("POST", "/v1/translit", b'{"text": "a"}',
                                {"Content-Type": "text/plain"})
        self.error(st, h, body, 415, "unsupported_media_type")
        st, h, body = s.request("POST", "/v1/translit", b'{"text": "a"}')
        self.error(st, h, body, 415, "unsupported_media_type")
        for raw, offset in [(b'{"text": "a",}', 13), (b'{"text": "a"} x', 14), (b"", 0),
                            (b'["a"]', 0), (b'{"text": "a\\x"}', 13),
                            (b"[" * 600 + b"]" * 600, 0)]:
            st, h, body = s.request("POST", "/v1/translit", raw,
                                    {"Content-Type": "application/json; charset=utf-8"})
            e = self.error(st, h, body, 400, "KZTEXT_E_INVALID_ARG")
            self.assertEqual(e["offset"], offset, raw[:40])
        st, h, body = s.request("POST", "/v1/detect", '{"text": "Сәл'.encode() + b'\xd9"}',
                                {"Content-Type": "application/json"})
        self.assertEqual(self.error(st, h, body, 400, "KZTEXT_E_INVALID_UTF8")["offset"], 16)
        for obj in [{}, {"text": 5}, {"text": "a", "to": "klingon"}, {"text": "a", "to": "auto"},
                    {"text": "a", "format": "xml"}, {"text": "a", "invalid": "maybe"}]:
            st, h, body = s.post("/v1/translit", obj)
            self.error(st, h, body, 400, "KZTEXT_E_INVALID_ARG")
        for path, obj in [("/v1/detect", {"text": "a", "by": "word"}),
                          ("/v1/normalize", {"text": "a", "form": "nfx"}),
                          ("/v1/normalize", {"text": "a", "casefold": "yes"}),
                          ("/v1/sentences", {"text": "a", "lang": "xx"}),
                          ("/v1/process", {"text": "a", "translit": "xx"}),
                          ("/v1/process", {"text": "a", "keep": "body"})]:
            st, h, body = s.post(path, obj)
            self.error(st, h, body, 400, "KZTEXT_E_INVALID_ARG")
        # a lone surrogate escape is U+FFFD, as the CLI's JSONL reader has it
        st, h, body = s.request("POST", "/v1/normalize", b'{"text": "a\\ud800b"}',
                                {"Content-Type": "application/json"})
        self.assertEqual(json.loads(body)["text"], "a\ufffdb")

    def test_too_large(self) -> None:
        # A Content-Length over the limit is answered before the body is read
        # (the connection then closes, as with Expect: 100-continue).
        sock = socket.create_connection((HOST, self.server.port), timeout=20)
        sock.sendall(b"POST /v1/translit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: %d\r\n\r\n" % ((1 << 20) + 1))
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            got = sock.recv(4096)
            if not got:
                break
            head += got
        sock.close()
        self.assertTrue(head.startswith(b"HTTP/1.1 413"), head[:100])
        self.assertIn(b"KZTEXT_E_TOO_LARGE", head)
        # headers over 64 KiB: libmicrohttpd's own 431, or a reset when the
        # close with unread bytes overtakes it
        sock = socket.create_connection((HOST, self.server.port), timeout=20)
        try:
            sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000
                         + b"\r\n\r\n")
            head = sock.recv(100)
        except ConnectionError:
            head = b"HTTP/1.1 431 (reset)"
        sock.close()
        self.assertTrue(head.startswith(b"HTTP/1.1 431"), head)
        # chunked, without a Content-Length: read, dropped, then 413
        c = self.server.conn()
        c.putrequest("POST", "/v1/translit")
        c.putheader("Content-Type", "application/json")
        c.putheader("Transfer-Encoding", "chunked")
        c.endheaders()
        piece = b"a" * 65536
        for _ in range(20):
            c.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        c.send(b"0\r\n\r\n")
        r = c.getresponse()
        body = r.read()
        c.close()
        self.error(r.status, {k.lower(): v for k, v in r.getheaders()}, body, 413,
                   "KZTEXT_E_TOO_LARGE")
        # the server still answers
        self.ok("/v1/translit", {"text": KK})

    def test_request_id_and_log(self) -> None:
        st, h, body = self.server.request("GET", "/v1/health", headers={"X-Request-Id": "abc-1.2"})
        self.assertEqual(h["x-request-id"], "abc-1.2")
        st, h, body = self.server.request("GET", "/v1/health",
                                          headers={"X-Request-Id": "bad id\t"})
        self.assertNotEqual(h["x-request-id"], "bad id")
        rid = h["x-request-id"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and rid not in self.server.log_text():
            time.sleep(0.05)
        lines = [x for x in self.server.log_text().splitlines() if x.endswith(" " + rid)]
        self.assertEqual(len(lines), 1)
        self.assertIn(" GET /v1/health 200 ", lines[0])

    def test_page(self) -> None:
        st, h, body = self.server.request("GET", "/")
        self.assertEqual(st, 200)
        self.assertTrue(h["content-type"].startswith("text/html"))
        self.assertIn("default-src 'none'", h["content-security-policy"])
        page = body.decode()
        # nothing from elsewhere: no external scripts, styles, fonts, images
        for bad in ["src=\"http", "href=\"http", "url(http", "@import", "src='http"]:
            self.assertNotIn(bad, page)
        self.assertIn("/v1/translit", page)

    # ---- load ----

    def test_concurrent_clients_match_cli(self) -> None:
        # 1,000 requests from 32 clients over four endpoints: every answer is
        # the CLI's, and the server's memory stays flat after a warm-up.
        texts = [(KK + EN)[i:] + MIX for i in range(0, 200, 20)]
        kinds = [
            ("/v1/translit", {"to": "latin2021"}, ["translit", "--to", "latin2021"]),
            ("/v1/translit", {"to": "arabic", "format": "jsonl"},
             ["translit", "--to", "arabic", "--format", "jsonl"]),
            ("/v1/detect", {"by": "sentence"}, ["detect", "--format", "jsonl", "--by", "sentence"]),
            ("/v1/process", {"translit": "latin2021"},
             ["process", "--quiet", "--input", "jsonl", "--translit", "latin2021"]),
        ]

        def cli_answer(i: int, k: int) -> bytes:
            args = kinds[k][2]
            if args[0] == "process":
                return cli(args, json.dumps({"text": texts[i]}, ensure_ascii=False).encode()
                           + b"\n")
            return cli(args, texts[i].encode())

        want = {(i, k): cli_answer(i, k) for i in range(len(texts)) for k in range(len(kinds))}
        jobs = [(n % len(texts), (n // len(texts)) % len(kinds)) for n in range(1000)]

        def one(job: tuple) -> bool:
            i, k = job
            path, opts, args = kinds[k]
            st, h, body = self.server.post(path, {"text": texts[i], **opts})
            if st != 200:
                return False
            if h["content-type"] == "application/json":
                body = json.loads(body)["text"].encode()
            return body == want[(i, k)]

        with ThreadPoolExecutor(32) as ex:
            self.assertTrue(all(ex.map(one, jobs[:200], timeout=300)))
            rss0 = self.server.rss_kb()
            results = list(ex.map(one, jobs[200:], timeout=300))
        self.assertEqual(results.count(False), 0)
        growth_mb = (self.server.rss_kb() - rss0) / 1024
        peak_mb = self.server.rss_kb("VmHWM") / 1024
        print(f"RSS growth over 800 requests {growth_mb:.1f} MB, peak {peak_mb:.1f} MB")
        if not SANITIZED:
            self.assertLess(growth_mb, 16)
            self.assertLess(peak_mb, 100)


class LimitsTest(unittest.TestCase):
    """Servers started with small limits, one per test."""

    def setUp(self) -> None:
        self.servers: List[Server] = []

    def tearDown(self) -> None:
        for s in self.servers:
            s.cleanup()

    def start(self, *args: str) -> Server:
        s = Server(*args)
        self.servers.append(s)
        return s

    def test_slow_body_is_cut_off(self) -> None:
        s = self.start("--timeout", "2")
        sock = socket.create_connection((HOST, s.port), timeout=20)
        sock.sendall(b"POST /v1/translit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: 1000\r\n\r\n{\"text\": \"")
        t0 = time.monotonic()
        closed = False
        for _ in range(40):  # one byte every 0.25 s: 10 s at most
            try:
                sock.sendall(b"a")
            except OSError:
                closed = True
                break
            time.sleep(0.25)
            sock.setblocking(False)
            try:
                if sock.recv(4096) == b"":
                    closed = True
                    break
            except BlockingIOError:
                pass
            except OSError:
                closed = True
                break
            finally:
                sock.setblocking(True)
        sock.close()
        self.assertTrue(closed, "a dripping body was not cut off")
        self.assertLess(time.monotonic() - t0, 8)
        st, h, body = s.request("GET", "/v1/health")
        self.assertEqual(st, 200)
        self.assertEqual(s.stop(), 0)
        self.assertRegex(s.log_text(), r" POST /v1/translit 408 \d+ 0 ")

    def test_silent_connection_times_out(self) -> None:
        s = self.start("--timeout", "1")
        sock = socket.create_connection((HOST, s.port), timeout=20)
        sock.sendall(b"POST /v1/translit HTTP/1.1\r\nHost: x\r\n")
        t0 = time.monotonic()
        self.assertEqual(sock.recv(4096), b"")
        self.assertLess(time.monotonic() - t0, 10)
        sock.close()
        self.assertEqual(s.stop(), 0)

    def test_busy_gives_503(self) -> None:
        s = self.start("-j", "1", "--queue", "0", "--max-body", "16")
        # One client holds the only worker: a streamed answer it does not read.
        text = (KK + RU + EN + "\n") * 12000
        body = json.dumps({"text": text}, ensure_ascii=False).encode()
        hog = socket.socket()
        hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        hog.settimeout(20)
        hog.connect((HOST, s.port))
        hog.sendall(b"POST /v1/process HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.assertTrue(hog.recv(100).startswith(b"HTTP/1.1 200"))
        st, h, resp = s.post("/v1/translit", {"text": "a"})
        self.assertEqual(st, 503, resp)
        self.assertEqual(h["retry-after"], "1")
        self.assertEqual(json.loads(resp)["error"]["status"], "busy")
        hog.close()
        deadline = time.monotonic() + 20
        st = 0
        while time.monotonic() < deadline and st != 200:
            st, h, resp = s.post("/v1/translit", {"text": "a"})
            time.sleep(0.05)
        self.assertEqual(st, 200)
        self.assertEqual(s.stop(), 0)

    def test_cors(self) -> None:
        s = self.start("--cors", "https://cms.example")
        st, h, body = s.request("OPTIONS", "/v1/translit",
                                headers={"Origin": "https://cms.example"})
        self.assertEqual(st, 204)
        self.assertEqual(h["access-control-allow-origin"], "https://cms.example")
        st, h, body = s.post("/v1/translit", {"text": "Сәлем"})
        self.assertEqual(h["access-control-allow-origin"], "https://cms.example")
        self.assertEqual(s.stop(), 0)

    def test_sigterm_finishes_requests_in_flight(self) -> None:
        s = self.start()
        body = json.dumps({"text": KK}, ensure_ascii=False).encode()
        c = s.conn()
        # a first request on the connection: the server has accepted it
        st, h, _ = s.request("GET", "/v1/health", conn=c)
        self.assertEqual(st, 200)
        c.putrequest("POST", "/v1/translit")
        c.putheader("Content-Type", "application/json")
        c.putheader("Content-Length", str(len(body)))
        c.endheaders()
        c.send(body[:10])
        time.sleep(1.0)  # the server has the headers and part of the body
        s.proc.terminate()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "finishing" not in s.log_text():
            time.sleep(0.05)
        self.assertIn("finishing 1 request", s.log_text())
        c.send(body[10:])
        r = c.getresponse()
        self.assertEqual(r.status, 200)
        self.assertEqual(json.loads(r.read())["text"].encode(),
                         cli(["translit"], KK.encode()))
        c.close()
        s.proc.wait(30)
        self.assertEqual(s.proc.returncode, 0)
        self.assertIn("stopped", s.log_text())
        # no new connections after the signal
        with self.assertRaises(OSError):
            socket.create_connection((HOST, s.port), timeout=5).close()

    def test_usage_errors(self) -> None:
        from servetest import run
        for args in [["--port", "70000"], ["-j", "0"], ["--max-body", "x"], ["--host", "local"],
                     ["extra"], ["--bogus"]]:
            rc, out, err = run("serve", *args)
            self.assertEqual(rc, 2, args)
        rc, out, err = run("serve", "--help")
        self.assertEqual(rc, 0)
        self.assertIn(b"--max-body", out)


if __name__ == "__main__":
    unittest.main()
