"""What the hostile-text browser tests share: the hostile values, and a page that notices when one ran.

test_hostile_text_browser.py (the map, the embed, the admin map widgets) and
test_hostile_outputs_browser.py (every other page and output) store these
values in real content, load the outputs in Chromium through the `guarded`
fixture (tests/browser/conftest.py) and call assert_harmless(): no dialog, no element the values would have made, no
CSP violation, in the page or any of its frames.
"""

IMG = '"><img src=x onerror=alert(1)>'
SCRIPT = "<script>alert(1)</script>"
END_JSON = '</script><script>alert("json")</script>'
JS_URL = "javascript:alert(1)"
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"

# Runs in every frame from its start: records CSP violations for the test to read.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""
# What the hostile values would have put in the page, had they become markup. Data blocks
# (JSON, JSON-LD) are never run; their text is checked by parsing it.
INJECTED = """() => [...document.querySelectorAll("img[src='x'], [onerror], script")]
    .filter((node) => node.tagName !== "SCRIPT"
        || /alert\\(/.test(node.textContent) && !["application/json", "application/ld+json"].includes(node.type))
    .map((node) => node.outerHTML.slice(0, 160))"""


def assert_harmless(page):
    """No dialog, no injected element and no CSP violation in the page or any of its frames."""
    page.wait_for_timeout(300)  # an onerror handler fires once the broken image has failed
    assert page.dialogs == [], f"dialogs opened: {page.dialogs}"
    for frame in page.frames:
        assert frame.evaluate(INJECTED) == [], f"injected into {frame.url}"
        assert frame.evaluate("window.__violations ?? []") == [], f"CSP violations in {frame.url}"
