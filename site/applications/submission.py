"""What happens around a stored application: the per-address rate limit and the e-mails sent after commit.

The client address is ``REMOTE_ADDR``: behind the proxy the deployment sets it
to the visitor's address (README: "Behind a proxy"); a forwarded header from
the visitor is never trusted. The count lives in the site's cache
(``django.core.cache``, Redis in production), so every app server shares it.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from applications.records import Application, ApplicationSettings
from core.urls import absolute_url
from home.models import SiteSettings

logger = logging.getLogger(__name__)

RATE_LIMIT = 5  # applications
RATE_WINDOW = 60 * 60  # seconds


def _rate_key(request):
    return f"applications:rate:{request.META.get('REMOTE_ADDR', '')}"


def rate_limited(request):
    """Whether this address has already sent RATE_LIMIT applications in the current window."""
    return (cache.get(_rate_key(request)) or 0) >= RATE_LIMIT


def count_submission(request):
    """Count one application from this address; the window starts with its first."""
    key = _rate_key(request)
    if cache.add(key, 1, RATE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, RATE_WINDOW)


def office_address(site=None):
    """Where the office is told: the applications' setting, else the site's contact e-mail; None without either."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    address = ApplicationSettings.for_site(site).notification_email
    return address or SiteSettings.for_site(site).email or None


def _send(application, kind, message):
    try:
        message.send()
    except Exception as error:
        logger.error(
            "application %s: the %s e-mail was not sent (%s: %s)",
            application.pk,
            kind,
            type(error).__name__,
            str(error).replace("\n", " "),
        )
        return False
    return True


def applicant_email(application):
    """The confirmation to the applicant, in the language they applied in."""
    with translation.override(application.language):
        context = {"application": application}
        subject = render_to_string("applications/email/applicant_subject.txt", context).strip()
        body = render_to_string("applications/email/applicant_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [application.email])


def office_email(application, address):
    """The notification to the park's office, in the site's default language, with a link to the admin."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "admin_url": absolute_url(reverse("applications_application:edit", args=[application.pk])),
        }
        subject = render_to_string("applications/email/office_subject.txt", context).strip()
        body = render_to_string("applications/email/office_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], reply_to=[application.email])


def send_emails(application_pk):
    """Send both e-mails of a stored application (run after its transaction commits); failures are logged."""
    application = Application.objects.select_related("building").get(pk=application_pk)
    _send(application, "confirmation", applicant_email(application))
    address = office_address()
    if address:
        _send(application, "office notification", office_email(application, address))
    else:
        logger.warning("application %s: no office address in the settings, no notification sent", application.pk)
