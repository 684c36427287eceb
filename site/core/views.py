from django.db import DatabaseError, connection
from django.http import JsonResponse


def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def whole_number(value, max_digits=6):
    """`value` as an int if it is a plain decimal number of at most `max_digits` digits, else None.

    Stricter than str.isdigit(), which also accepts "²" and other digits int() refuses,
    and than int(), which takes "+5", " 5" and thousands of digits.
    """
    if value and len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None
