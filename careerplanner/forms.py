"""How every form on the site renders: each field in a wrapper of its own (label, hint,
errors, input), so that one set of styles lays them out alike on every page."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
