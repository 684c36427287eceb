"""The page a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE).

Shown in the visitor's language (the admin's login page follows
Accept-Language), with status 429 and a Retry-After of the cool-off time.
"""

import math

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """429 "too many failed logins" page, saying how long until the next try."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = render(request, "core/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response
