"""Absolute URLs in templates from the one configured base (core.urls), never from the request's Host."""

from django import template

from core.urls import absolute_url as make_absolute

register = template.Library()


@register.simple_tag
def absolute_url(path):
    """``{% absolute_url path %}``: the site path made absolute with WAGTAILADMIN_BASE_URL."""
    return make_absolute(str(path))


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page):
    """``{% page_absolute_url page %}``: the page's URL made absolute with WAGTAILADMIN_BASE_URL."""
    url = page.get_url(context.get("request"))
    return make_absolute(url) if url else ""
