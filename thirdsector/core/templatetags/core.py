from django import template

register = template.Library()


@register.filter
def page_window(page_obj, around: int = 2) -> list[int | None]:
    """Page numbers to show: first, last and a window around the current page; None marks a gap.

    Works from the page number and page count only, so it never triggers another COUNT query.
    """
    current, last = page_obj.number, page_obj.paginator.num_pages
    shown = {1, last, *range(max(1, current - around), min(last, current + around) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


@register.filter
def page_query(number: int, parameter: str) -> dict[str, int]:
    """`{parameter: number}` for `{% querystring request.GET ... %}`, whose keywords cannot be variables: a
    page with two lists pages each with a parameter of its own (components/pagination.html)."""
    return {parameter: number}
