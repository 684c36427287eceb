import sys

from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader

from core.middleware import OUTAGE_ERRORS, close_broken_connections, log_outage, unavailable_response


def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        log_outage(request, error)
        close_broken_connections()
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response._has_been_logged = True  # log_outage said it, in one line
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def whole_number(value, max_digits=6):
    """`value` as an int if it is a plain decimal number of at most `max_digits` digits, else None.

    Stricter than str.isdigit(), which also accepts "²" and other digits int() refuses,
    and than int(), which takes "+5", " 5" and thousands of digits.
    """
    if value and len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def server_error(request):
    """handler500: a database outage raised outside any view still answers 503; anything else the 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OUTAGE_ERRORS):
        log_outage(request, exception)
        close_broken_connections()
        return unavailable_response(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))
