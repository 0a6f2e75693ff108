"""Runs one unittest module (python3 run_unittest.py MODULE, from its folder)
and maps the result to ctest: 0 all ran and passed, 1 a failure or error,
77 (SKIP_RETURN_CODE) nothing failed but some test skipped.  Plain
`python3 -m unittest` exits 0 on skips, which ctest counts as a pass."""
import sys
import unittest

SKIP_RETURN_CODE = 77


def main() -> int:
    sys.path.insert(0, ".")
    suite = unittest.defaultTestLoader.loadTestsFromName(sys.argv[1])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if not result.wasSuccessful():
        return 1
    if result.skipped:
        print(f"{len(result.skipped)} skipped:")
        for test, reason in result.skipped:
            print(f"  {test.id()}: {reason}")
        return SKIP_RETURN_CODE
    if result.testsRun == 0:
        print("no tests ran")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
