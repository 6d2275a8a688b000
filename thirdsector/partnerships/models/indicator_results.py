"""What a council reports each year against one of its LAA improvement targets, such as NI 6 (participation
in regular volunteering) or NI 7 (an environment for a thriving third sector): a percentage, with its
baseline and where the figure comes from. NI 6 and NI 7 feed the strategy's indicators (see
`partnerships.selectors.indicators`); a result is for one year of the agreement, named by the calendar year
that year of the agreement starts in.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class IndicatorResult(models.Model):
    target = models.ForeignKey("partnerships.AgreementTarget", on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(help_text="The year of the agreement the result is for, by its start")
    value = models.DecimalField("Result (%)", max_digits=4, decimal_places=1)
    baseline = models.DecimalField("Baseline (%)", max_digits=4, decimal_places=1, null=True, blank=True)
    source = models.TextField("Source and evidence", help_text="Where the figure comes from, such as the Place Survey")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__agreement__partnership__council__name", "-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="indicator_result_once_a_year"),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="indicator_result_percentage"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=0, baseline__lte=100),
                name="indicator_result_baseline_percentage",
            ),
        ]
        indexes = [models.Index(fields=["year", "target"], name="indicator_result_year_idx")]

    def __str__(self) -> str:
        return f"{self.target.indicator} {self.year}: {self.value}%"
