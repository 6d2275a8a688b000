from django import template

from ..views.indicators import shown

register = template.Library()


@register.filter
def figure(value, unit: str) -> str:
    """An indicator's value as people read it: "62.5%", "1,234", "12 days" or "No figure"."""
    return shown(value, unit)
