"""Indicators and the values computed for them.

An indicator's definition (what it answers, its unit, which way is better, the selector that computes
it) lives in code, in `definitions.py`, and is copied here so values can point at it; its target is
set by staff on the page and kept with its history. Values are written only by the scheduled
computation (`services.compute_indicators`), each with the time it was computed and a link to the rows
it was counted from.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Unit(models.TextChoices):
    COUNT = "count", "Number"
    PERCENT = "percent", "Percentage"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"


class Indicator(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    question = models.CharField(max_length=300, help_text="The question the figure answers")
    unit = models.CharField(max_length=8, choices=Unit.choices)
    polarity = models.CharField(max_length=6, choices=Polarity.choices)
    computed_by = models.CharField(max_length=200, help_text="The selector in the owning app that computes it")
    breakdown = models.CharField(max_length=40, blank=True, help_text="What the figure is broken down by, if anything")
    strategy_measure = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Which of the strategy's three measures it is, if it is one"
    )
    financial_years = models.BooleanField(
        default=False, help_text="Counted by financial year (April to March) rather than calendar year"
    )
    is_public = models.BooleanField(default=True, help_text="Shown on the public dashboard")
    position = models.PositiveSmallIntegerField(default=0)
    target = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:indicator", args=[self.slug])

    def year_label(self, year: int) -> str:
        return f"{year} to {year + 1}" if self.financial_years else str(year)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    breakdown_key = models.CharField(max_length=60, blank=True, help_text="Empty for the headline figure")
    breakdown_label = models.CharField(max_length=200, blank=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=2)
    denominator = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=1, null=True, blank=True)
    rows_url = models.CharField(max_length=500, blank=True, help_text="The staff page listing the rows counted")
    public_url = models.CharField(max_length=500, blank=True, help_text="The published records behind it")
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "year", "breakdown_label"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "breakdown_key"], name="indicator_value_once"),
        ]
        indexes = [models.Index(fields=["indicator", "breakdown_key", "year"], name="indicator_value_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.breakdown_label}".strip()

    @property
    def is_headline(self) -> bool:
        return not self.breakdown_key
