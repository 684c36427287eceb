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


@register.filter
def grouped(value, decimals=0):
    """A quantity with its digits grouped as the reader's language groups them: "56 000" or "56,000"."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    decimals = int(decimals)
    number = number.quantize(Decimal(1).scaleb(-decimals)) if decimals else number.to_integral_value()
    return formats.number_format(number, decimal_pos=decimals, force_grouping=True)
