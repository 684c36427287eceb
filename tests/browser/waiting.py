"""Waiting for a condition in the page without Playwright's wait_for_function.

wait_for_function builds its predicate from a string inside the page (eval),
which the site's Content-Security-Policy refuses (no 'unsafe-eval'): the wait
then fails unless the condition already held at the first look. Here the
test polls instead, each look one page.evaluate() (run through the browser's
debugging protocol, which the page's policy does not govern).
"""

import time

POLL_MS = 50


def wait_until(page, script, arg=None, timeout=10_000):
    """Return once `script` (a JavaScript expression or function, given `arg`) is truthy; fail after `timeout` ms."""
    function = script if "=>" in script or script.lstrip().startswith("function") else f"() => ({script})"
    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(function, arg):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout} ms: {script}")
        page.wait_for_timeout(POLL_MS)
