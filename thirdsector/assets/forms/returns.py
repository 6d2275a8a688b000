"""A post-transfer return's figures."""

from django import forms

from thirdsector.core.forms import GovukModelForm

from ..models import PostTransferReturn


class ReturnForm(GovukModelForm):
    class Meta:
        model = PostTransferReturn
        fields = ["hours_open_per_week", "groups_using", "people_served", "income", "expenditure", "condition", "notes"]
        widgets = {"condition": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}
