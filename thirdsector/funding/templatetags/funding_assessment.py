"""The assessment panel on an application page, read with its own query so the page need not prepare it."""

from django import template

from ..selectors.assessment import assignments_for_application

register = template.Library()


@register.inclusion_tag("funding/assessment/_staff_panel_body.html")
def assessment_staff_panel(application) -> dict:
    return {"application": application, "assignments": assignments_for_application(application)}
