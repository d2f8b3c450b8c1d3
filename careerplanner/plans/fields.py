"""The fields and widgets the planner's forms share: dates in range, titles, hours, with
messages that say what to type instead."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from careerplanner.plans.dates import EARLIEST, LATEST, RANGE_MESSAGE
from careerplanner.plans.models import TITLE_MAX


def too_long(what: str, limit: int) -> str:
    return f"Keep {what} to {limit:,} characters or fewer (this has %(show_value)s)."


DATE_MESSAGE = "Enter a real date as year-month-day, such as 2026-03-14."


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        # An ISO date for the browser's date picker; what a person typed stays as typed.
        return value.isoformat() if isinstance(value, date) else value


def date_field(**kwargs) -> forms.DateField:
    # Inside the range every date a plan computes from this one can be computed too.
    return forms.DateField(
        widget=DateInput(attrs={"min": EARLIEST.isoformat(), "max": LATEST.isoformat()}),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_MESSAGE},
        validators=[
            MinValueValidator(EARLIEST, message=RANGE_MESSAGE),
            MaxValueValidator(LATEST, message=RANGE_MESSAGE),
        ],
        **kwargs,
    )


def title_field(label: str, empty: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TITLE_MAX,
        error_messages={"required": empty, "max_length": too_long("the title", TITLE_MAX)},
    )


def optional_text(label: str, most: int, what: str, *, rows: int = 0, **kwargs):
    """Text a person may leave empty, up to `most` characters; with `rows`, a text area."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=most,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else None,
        error_messages={"max_length": too_long(what, most)},
        **kwargs,
    )


# How to say each precision in a message, with an example.
_PLACES = {1: "one decimal place, such as 2.5", 2: "two decimal places, such as 1.25"}


def hours_field(label, *, places, most, such_as, required, too_many, **kwargs):
    """Hours as a person types them: more than zero, at most `most`, to `places` decimals."""
    return forms.DecimalField(
        label=label,
        min_value=Decimal(1).scaleb(-places),
        max_value=most,
        decimal_places=places,
        error_messages={
            "required": required,
            "invalid": f"Enter a number of hours, such as {such_as}.",
            "min_value": "Enter more than zero hours.",
            "max_value": too_many,
            "max_digits": too_many,
            "max_decimal_places": f"Use at most {_PLACES[places]}.",
        },
        **kwargs,
    )


class PlainSelect(forms.Select):
    """A select rendered in Python. Django's templates render every option on its own, which
    made the plan page's add-step forms cost more than all of its steps together."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
