"""What an app's indicator selector returns: one figure, for one year and one breakdown, with its rows.

The `measures` app defines each strategy indicator once and names the selector in the owning app that
computes it (`compact.selectors.indicators.breaches_reported`, ...). Those selectors return
`Measurement`s, so the owning app keeps the rule of what is counted and `measures` only stores, compares
and shows the figures. Each measurement says where to see the rows it was counted from.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Measurement:
    year: int
    # A count (denominator None) or the part of a whole (a share, shown as a percentage).
    numerator: Decimal | int
    denominator: Decimal | int | None = None
    # "" for the headline figure; otherwise what it is broken down by ("body", "programme") and the key.
    breakdown: str = ""
    key: str = ""
    label: str = ""
    # The staff page listing exactly the rows counted (for a share: the whole, each row saying whether it
    # counts towards the part), and the published records behind it where they are public.
    rows_url: str | None = None
    public_url: str | None = None

    @property
    def value(self) -> Decimal | None:
        if self.denominator is None:
            return Decimal(self.numerator)
        if not self.denominator:
            return None
        share = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
