"""Site search: `/{lang}/search/?q=` finds live public pages in the reader's language.

Results come from Wagtail's search backend (core/search_backend.py: stemmed
per language on PostgreSQL), each with a snippet of its text around the first
word that matches, the matches marked with <mark>.
"""

import re
from urllib.parse import quote

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SNIPPET_BEFORE = 60  # characters of context before the first match
SNIPPET_LENGTH = 240
MIN_STEM = 3


def search_view(request):
    query = " ".join(request.GET.get("q", "").split())
    context = {"query": query, "max_length": MAX_QUERY_LENGTH, "problem": "", "results": None}
    if not query:
        context["problem"] = "empty"
    elif len(query) > MAX_QUERY_LENGTH:
        context["problem"] = "too_long"
        context["query"] = query[:MAX_QUERY_LENGTH]
    else:
        # Only the words go to the backend: quotes and NUL bytes break it (SQLite's
        # FTS parser, PostgreSQL text), and no reader means them as syntax.
        terms = " ".join(re.findall(r"\w+", query))
        results = search_pages(terms, get_language()) if terms else []
        paginator = Paginator(results, RESULTS_PER_PAGE)
        page = page_or_last(paginator, request.GET.get("page"))
        context.update(
            paginator=paginator,
            results=page,
            query_encoded=quote(query),
            items=[result(found, query) for found in page.object_list],
        )
    return TemplateResponse(request, "search/search.html", context)


def result(page, query):
    """What a result shows: the page, its kind (e.g. "news article") and a snippet."""
    return {"page": page, "kind": page._meta.verbose_name, "snippet": snippet(text_of(page), query)}


def search_pages(query, language_code):
    """Live, public pages in `language_code` matching `query`, best first (specific instances)."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return []
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1).specific()
    return get_search_backend().for_language(language_code).search(query, pages)


def page_or_last(paginator, number):
    """Page `number`: not a number gives the first page, beyond the end the last one."""
    try:
        return paginator.page(int(number))
    except (TypeError, ValueError, PageNotAnInteger):
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages if int(number) > 1 else 1)


def text_of(page):
    """The searchable text of a page apart from its title, as plain text."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            values = value if isinstance(value, list | tuple) else [value]
            parts += [strip_tags(str(item)) for item in values if item]
    return " ".join(" ".join(parts).split())


def _word_pattern(query):
    """A regex matching words that start like a query word (a crude stem: all but the last two letters)."""
    stems = []
    for word in re.findall(r"\w+", query.lower()):
        stem = word[: max(MIN_STEM, len(word) - 2)] if len(word) > MIN_STEM else word
        stems.append(re.escape(stem))
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(set(stems), key=len, reverse=True)) + r")\w*", re.IGNORECASE)


def snippet(text, query):
    """Up to SNIPPET_LENGTH characters of `text` around its first match of `query`, matches in <mark>.

    Returns safe HTML (the text itself is escaped).
    """
    pattern = _word_pattern(query)
    first = pattern.search(text) if pattern else None
    if first is None:
        return escape(Truncator(text).chars(SNIPPET_LENGTH))
    start = max(0, first.start() - SNIPPET_BEFORE)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    piece = Truncator(text[start:]).chars(SNIPPET_LENGTH)
    html, last = [], 0
    for match in pattern.finditer(piece):
        html.append(escape(piece[last : match.start()]))
        html.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    html.append(escape(piece[last:]))
    return mark_safe(("…" if start else "") + "".join(html))  # noqa: S308 (every piece is escaped)
