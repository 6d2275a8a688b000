"""Django forms rendered with GOV.UK Frontend markup.

govuk-frontend-django does not support Django 6 yet, so the markup is written by hand from the
design system's examples (see docs/adr/0002-govuk-markup.md). Every form in the project inherits
`GovukForm` or `GovukModelForm` and renders with `{{ form }}` plus the shared error summary.
"""

from django import forms
from django.forms.renderers import TemplatesSetting

# Keyed by BoundField.widget_type: the widget's class name, lower case, without "Widget"/"Input".
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input govuk-input--width-10",
    "password": "govuk-input govuk-password-input__input",
    "date": "govuk-input govuk-input--width-10",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "quickselect": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukFieldsMixin:
    """Adds the GOV.UK classes, error state and aria-describedby links to each widget."""

    def _govuk_decorate(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            if not hasattr(field, "govuk_classes"):
                field.govuk_classes = field.widget.attrs.get("class") or WIDGET_CLASSES.get(bound.widget_type)
            classes = field.govuk_classes
            if classes:
                if self.is_bound and name in self.errors:
                    base = classes.split()[0]
                    classes += " govuk-input--error" if base == "govuk-input" else f" {base}--error"
                field.widget.attrs["class"] = classes
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"{bound.auto_id}-error")
            if described_by and bound.widget_type not in {"radioselect", "checkboxselectmultiple"}:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def full_clean(self):
        super().full_clean()
        self._govuk_decorate()

    def __str__(self):
        self._govuk_decorate()
        return super().__str__()


class GovukForm(GovukFieldsMixin, forms.Form):
    pass


class GovukModelForm(GovukFieldsMixin, forms.ModelForm):
    pass


class ChangeReasonField(forms.CharField):
    """The 'why' of an audited change, kept in the record's history."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Reason for this change")
        kwargs.setdefault("help_text", "This is kept in the record's history so others can see why it changed.")
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("error_messages", {"required": "Enter the reason for this change"})
        super().__init__(**kwargs)
