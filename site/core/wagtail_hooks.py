"""Core's Wagtail hooks."""

from wagtail import hooks


@hooks.register("before_serve_page")
def note_served_page(page, request, serve_args, serve_kwargs):
    """Tell the public cache (core.page_cache) which page a response is for: its type decides whether it is kept."""
    request.itpark_served_page = page
