"""The "apply for space" form: what a company tells the park, checked before anything is stored."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.ru import inn as stdnum_inn

from applications.quarters import quarter_label, quarters
from applications.records import Application, ZoneResidency
from buildings.models import BuildingPage, Status

MAX_AREA = 60_000  # m²: more than the whole 2021 plan (56,000 m²) is not a request for space here
PHONE_CHARACTERS = re.compile(r"^[0-9+\-() ]+$")
HONEYPOT = "website"


class ApplicationForm(forms.Form):
    """The application, in the reader's `language`: its buildings and quarters, its messages."""

    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        error_messages={"required": _("Enter the name of your company.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    inn = forms.CharField(
        label=_("Taxpayer number (INN)"),
        help_text=_("10 digits for a company, 12 for a sole trader."),
        max_length=20,
        error_messages={"required": _("Enter your company's taxpayer number (INN).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        error_messages={"required": _("Enter the name of the person we should contact.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the confirmation and our answer here."),
        error_messages={
            "required": _("Enter an e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        help_text=_("For example +7 4012 123-45-67."),
        max_length=30,
        error_messages={"required": _("Enter a phone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    area = forms.IntegerField(
        label=_("Space needed, m²"),
        help_text=_("A whole number of square metres, for example 1500."),
        min_value=1,
        max_value=MAX_AREA,
        error_messages={
            "required": _("Enter the space you need in square metres."),
            "invalid": _("Enter the space as a whole number of square metres, for example 1500."),
            "min_value": _("The space needed must be at least 1 m²."),
            "max_value": _("The space needed can be at most %(limit_value)s m²."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    move_in_quarter = forms.ChoiceField(
        label=_("Desired move-in quarter"),
        error_messages={
            "required": _("Choose the quarter you would like to move in."),
            "invalid_choice": _("Choose a quarter from the list."),
        },
    )
    building = forms.ChoiceField(
        label=_("Building preference"),
        required=False,
        help_text=_("Planned buildings take registrations of interest."),
        error_messages={"invalid_choice": _("Choose a building from the list.")},
    )
    zone_residency = forms.ChoiceField(
        label=_("Special Economic Zone"),
        help_text=_("Is your company a resident of the Kaliningrad Special Economic Zone, or does it plan to be?"),
        choices=ZoneResidency.choices,
        initial=ZoneResidency.UNSURE,
        error_messages={
            "required": _("Choose one of the answers in the list."),
            "invalid_choice": _("Choose one of the answers in the list."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        help_text=_("Optional: what the space is for, how many workplaces, anything we should know."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_("I consent to the processing of my personal data"),
        error_messages={"required": _("Give your consent to the processing of personal data to send the form.")},
    )
    # The honeypot: hidden from people (and screen readers), filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["move_in_quarter"].choices = [
            ("", _("Choose a quarter")),
            *((code, quarter_label(code)) for code in quarters(timezone.localdate())),
        ]
        self.buildings = {
            building.slug: building
            for building in BuildingPage.objects.public_in(language)
            .in_plan_order()
            .only("pk", "title", "slug", "status", "completion_year")
        }
        self.fields["building"].choices = [
            ("", _("No preference")),
            *((slug, self.building_label(building)) for slug, building in self.buildings.items()),
        ]
        # An unknown ?building= is ignored: the form starts with no preference.
        if self.initial.get("building") not in self.buildings:
            self.initial["building"] = ""

    @staticmethod
    def building_label(building):
        if building.status == Status.PLANNED:
            return _("%(name)s: planned for %(year)s, register interest") % {
                "name": building.title,
                "year": building.completion_year,
            }
        if building.status == Status.UNDER_CONSTRUCTION:
            return _("%(name)s: under construction, due %(year)s") % {
                "name": building.title,
                "year": building.completion_year,
            }
        return building.title

    def is_honeypot_filled(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_inn(self):
        number = re.sub(r"\s", "", self.cleaned_data["inn"])
        try:
            return stdnum_inn.validate(number)
        except InvalidLength:
            raise forms.ValidationError(
                _("A taxpayer number (INN) has 10 digits (a company) or 12 (a sole trader)."), code="length"
            ) from None
        except InvalidChecksum:
            raise forms.ValidationError(
                _("This taxpayer number (INN) is not valid: check its digits."), code="checksum"
            ) from None
        except InvalidFormat:  # after InvalidLength and InvalidChecksum, which are kinds of it
            raise forms.ValidationError(_("A taxpayer number (INN) has digits only."), code="format") from None

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_CHARACTERS.match(phone) or not 7 <= digits <= 20:
            raise forms.ValidationError(
                _("Enter a phone number of 7 to 20 digits; spaces, +, - and brackets may be used."), code="phone"
            )
        return phone

    def clean_building(self):
        slug = self.cleaned_data["building"]
        return self.buildings.get(slug) if slug else None

    def save(self, *, language):
        """Store the application (inside the caller's transaction) and return it."""
        data = self.cleaned_data
        return Application.objects.create(
            language=language,
            company_name=data["company_name"],
            inn=data["inn"],
            contact_person=data["contact_person"],
            email=data["email"],
            phone=data["phone"],
            area=data["area"],
            move_in_quarter=data["move_in_quarter"],
            building=data["building"],
            zone_residency=data["zone_residency"],
            message=data["message"],
            consented_at=timezone.now(),
        )

    def error_summary(self):
        """(field id, message) for each error, in the form's order: the summary at the top links to them."""
        return [
            (self[name].id_for_label, message)
            for name in self.fields
            if name in self.errors
            for message in self.errors[name]
        ]
