"""A bar chart of an indicator's trend, drawn as inline SVG on the server: no JavaScript, no images.

The page shows the same numbers in a table beside it, so the chart is a picture of the table.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, BASELINE, TOP = 480, 200, 170, 20


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value_text: str
    text_x: int


def bars(points: list[tuple[str, Decimal | None, str]]) -> list[Bar]:
    """One bar per (label, value, value as text); the tallest reaches the top, zero and None sit on the axis."""
    if not points:
        return []
    highest = max((value for _, value, _ in points if value is not None), default=Decimal(0)) or Decimal(1)
    slot = WIDTH // len(points)
    width = max(slot * 3 // 5, 4)
    chart = []
    for index, (label, value, text) in enumerate(points):
        height = int((value or 0) * (BASELINE - TOP) / highest)
        x = index * slot + (slot - width) // 2
        chart.append(Bar(x, BASELINE - height, width, height, label, text, x + width // 2))
    return chart
