"""Structured data for search engines: `{{ data|jsonld }}` renders a dict as a
`<script type="application/ld+json">` block.

Escaped as Django's `json_script` does (`<`, `>` and `&` as \\u escapes), so
text from editors can never close the script element; the block is data, not
code, so a strict Content-Security-Policy does not need to allow it.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    """JSON text safe to put inside a script element."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)


@register.filter(is_safe=True)
def jsonld(data):
    """A dict as a JSON-LD script element."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(dumps(data)))  # noqa: S308
