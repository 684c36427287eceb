"""`{{ url|web_url }}`: a stored address as a link target only when it is a web address.

URL fields are validated in the admin forms, but values also arrive through
translations (wagtail-localize), imports and the shell; a `javascript:` or
`data:` address in an `href` would run script on the reader's click. Anything
but http(s), mailto and tel addresses and paths on this site becomes "" (the
templates then show the text without a link).
"""

from urllib.parse import urlsplit

from django import template

register = template.Library()

SCHEMES = {"http", "https", "mailto", "tel"}


@register.filter
def web_url(value):
    """The address if it is safe as a link target, else ""."""
    url = str(value or "").strip()
    if not url or any(ord(character) < 32 for character in url):
        return ""
    parts = urlsplit(url)
    if parts.scheme:
        return url if parts.scheme.lower() in SCHEMES else ""
    return url if url.startswith("/") and not url.startswith(("//", "/\\")) else ""
