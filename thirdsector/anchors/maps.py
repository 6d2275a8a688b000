"""Placing the network on a map of the UK: an equirectangular projection of the UK's bounding box.

No tiles and no JavaScript: the page draws one circle per local authority, sized by how many anchors are
there, at the authority's centre (the register's Area latitude and longitude). The same figures are in
a table beside the map.
"""

import math
from dataclasses import dataclass

from .selectors.network import MapPoint

# The UK's bounding box, in degrees: Shetland to the Scillies, Northern Ireland's west to Lowestoft.
NORTH, SOUTH, WEST, EAST = 60.9, 49.8, -8.2, 1.8
WIDTH = 400
# Degrees of longitude are shorter than degrees of latitude this far north: scale them by cos(mid-latitude).
_X_SCALE = math.cos(math.radians((NORTH + SOUTH) / 2))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * _X_SCALE))
SMALLEST, LARGEST = 3.0, 18.0


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    point: MapPoint

    @property
    def svg(self) -> dict[str, str]:
        """The coordinates as SVG attributes: plain decimals, never localised, and quicker than the template's."""
        return {"cx": f"{self.x:.1f}", "cy": f"{self.y:.1f}", "r": f"{self.r:.1f}"}


def circles(points: list[MapPoint]) -> list[Circle]:
    """Circles for the points that have a place, the largest first so smaller ones are drawn on top."""
    placed = [point for point in points if point.latitude is not None and point.longitude is not None]
    most = max((point.anchors for point in placed), default=1)
    drawn = []
    for point in sorted(placed, key=lambda p: -p.anchors):
        x = (point.longitude - WEST) / (EAST - WEST) * WIDTH
        y = (NORTH - point.latitude) / (NORTH - SOUTH) * HEIGHT
        # Area, not radius, grows with the count, so a place with four times the anchors looks four times as big.
        r = SMALLEST + (LARGEST - SMALLEST) * math.sqrt(point.anchors / most)
        drawn.append(Circle(round(x, 1), round(y, 1), round(r, 1), point))
    return drawn
