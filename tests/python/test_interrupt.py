"""Ctrl-C during a long kztext call: KeyboardInterrupt propagates as itself.

Python runs signal handlers at the first bytecode it executes on the main
thread; during kztext.process() that is the first line of the per-sentence
ctypes callback, where an exception used to escape the callback's try block:
ctypes printed "Exception ignored on calling ctypes callback" and handed C an
undefined return value (the run then failed with "stopped by callback", or
went on and the Ctrl-C was lost).  Each child below runs process() over a
long document and gets SIGINT at a varying moment."""
import os
import signal
import subprocess
import sys
import time
import unittest

CHILD = r"""
import sys, kztext
many = "Біз бүгін жиналдық. Ертең қайта келеміз!\n\n" * 4000
# one sentence, then a long tail without any: the signal mostly arrives in C
# after the last callback
tail = "Бір ғана сөйлем.\n\n" + " \n\n" * 2000000
doc = many if sys.argv[1] == "many" else tail
kztext.process(doc[:2000])
print("ready", flush=True)
for _ in range(40):
    kztext.process(doc)
print("finished", flush=True)
"""


class Interrupt(unittest.TestCase):
    def run_child(self, kind: str, delay: float) -> None:
        p = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=os.environ)
        try:
            self.assertEqual(p.stdout.readline().strip(), "ready")
            time.sleep(delay)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        msg = f"{kind}, SIGINT after {delay:.3f} s: rc {p.returncode}\n{err}"
        self.assertNotIn("finished", out, msg)
        self.assertNotIn("Exception ignored", err, msg)
        self.assertNotIn("stopped by callback", err, msg)
        self.assertIn("KeyboardInterrupt", err, msg)
        # An uncaught KeyboardInterrupt makes Python exit by SIGINT.
        self.assertEqual(p.returncode, -signal.SIGINT, msg)

    def test_sigint_during_process(self):
        # ~10 runs at different moments to catch both sides of the race.
        for i in range(6):
            with self.subTest(i=i):
                self.run_child("many", 0.01 + 0.017 * i)
        for i in range(4):
            with self.subTest(i=i):
                self.run_child("tail", 0.01 + 0.023 * i)

    def test_exception_from_a_signal_handler_propagates(self):
        # Any exception a Python signal handler raises, not only
        # KeyboardInterrupt, comes out of process() as itself, and the
        # handler is back in place afterwards.
        code = r"""
import signal, sys, threading, kztext
class Stop(Exception):
    pass
def handler(signum, frame):
    raise Stop(signum)
signal.signal(signal.SIGUSR1, handler)
doc = "Біз бүгін жиналдық. Ертең қайта келеміз!\n\n" * 4000
threading.Timer(0.05, signal.pthread_kill, (threading.main_thread().ident, signal.SIGUSR1)).start()
try:
    for _ in range(40):
        kztext.process(doc)
    print("finished")
except Stop as e:
    print("stopped", e.args[0] == signal.SIGUSR1, signal.getsignal(signal.SIGUSR1) is handler)
"""
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60, env=os.environ)
        self.assertEqual((p.stdout.strip(), p.returncode), ("stopped True True", 0), p.stderr)
        self.assertNotIn("Exception ignored", p.stderr)

    def test_handler_that_does_not_raise_does_not_stop_the_run(self):
        code = r"""
import signal, threading, kztext
seen = []
signal.signal(signal.SIGUSR1, lambda s, f: seen.append(s))
doc = "Біз бүгін жиналдық. Ертең қайта келеміз!\n\n" * 4000
want = len(list(kztext.process(doc)))
threading.Timer(0.02, signal.pthread_kill, (threading.main_thread().ident, signal.SIGUSR1)).start()
got = [len(list(kztext.process(doc))) for _ in range(3)]
print(got == [want] * 3, seen == [signal.SIGUSR1])
"""
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60, env=os.environ)
        self.assertEqual(p.stdout.strip(), "True True", p.stderr)


if __name__ == "__main__":
    unittest.main()
