from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def figure(value):
    """A number as the reader's language writes it, without trailing zeros.

    5.40 is "5,4" in Russian and "5.4" in English; 17.00 is "17"; years stay
    ungrouped ("2031").
    """
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return formats.number_format(Decimal(text), decimal_pos=decimals)
