import pytest
from django import forms

from thirdsector.core.widgets import QuickSelect

CHOICES = [("", "Anywhere"), (1, "Leeds (Metropolitan district)"), (2, "Tom & Jerry's <place>"), (3, "York")]
GROUPED = [("", "None"), ("Group <1>", [("a", "A & 1"), ("b", "B")]), ("c", "C")]


class Choose(forms.Form):
    area = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.Select(attrs={"class": "govuk-select"}))
    grouped = forms.ChoiceField(choices=GROUPED, widget=forms.Select(attrs={"data-module": True, "hidden": False}))
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)


def rendered(data: dict | None, name: str, widget_class=None) -> str:
    form = Choose(data)
    form.is_valid()
    if widget_class is not None:
        django_widget = form.fields[name].widget
        widget = widget_class(attrs=django_widget.attrs)
        widget.choices = tuple(django_widget.choices)
        widget.is_required = django_widget.is_required
        form.fields[name].widget = widget
    return str(form[name])


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True


@pytest.mark.parametrize(
    "data", [None, {"area": "2", "grouped": "b"}, {"area": "99", "grouped": ""}, {"many": ["1", "3"]}]
)
@pytest.mark.parametrize("name", ["area", "grouped"])
def test_quick_select_writes_the_same_markup_as_djangos_select(data, name):
    assert rendered(data, name, QuickSelect) == rendered(data, name)


def test_quick_select_multiple_marks_every_chosen_option_as_django_does():
    data = {"many": ["1", "3"]}
    assert rendered(data, "many", QuickSelectMultiple) == rendered(data, "many")
    assert rendered(data, "many").count(" selected") == 2


def test_quick_select_escapes_labels_and_marks_only_the_first_option_with_the_value():
    widget = QuickSelect()
    widget.choices = (("x", "<b>bold</b>"), ("x", "again"))
    html = widget.render("field", "x")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.count(" selected") == 1


def test_quick_select_takes_a_tuple_as_it_is_and_a_list_normalised():
    widget = QuickSelect()
    choices = ((1, "One"), (2, "Two"))
    widget.choices = choices
    assert widget.choices is choices
    widget.choices = {1: "One"}
    assert widget.choices == [(1, "One")]
