"""Snapshots of the 360Giving grants package: the files the public download, and what they were made from.

Writing the package for a million grants takes minutes, so the public URLs serve the latest snapshot
instead of reading the database on every request. A snapshot is written once and never changed, so it
keeps no history of its own: each row is already the record of one generation.
"""

from django.db import models


def _snapshot_path(snapshot: "GrantsSnapshot", filename: str) -> str:
    return f"opendata/360giving/{snapshot.generated_at:%Y%m%dT%H%M%S}-{filename}"


class GrantsSnapshot(models.Model):
    """One generation of the 360Giving package, its CSV and its XLSX, from every grant published then."""

    generated_at = models.DateTimeField(db_index=True)
    sources_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The latest change to awards, programmes, organisations or identifiers when it was generated",
    )
    grants = models.PositiveIntegerField(help_text="How many grants the files hold")
    total_awarded = models.DecimalField(max_digits=16, decimal_places=2)
    seconds_taken = models.FloatField(help_text="How long the three files took to write")
    json_file = models.FileField(upload_to=_snapshot_path, max_length=200)
    csv_file = models.FileField(upload_to=_snapshot_path, max_length=200)
    xlsx_file = models.FileField(upload_to=_snapshot_path, max_length=200)

    class Meta:
        ordering = ["-generated_at", "-id"]
        get_latest_by = ("generated_at", "id")

    def __str__(self) -> str:
        return f"360Giving grants, {self.grants} grants, generated {self.generated_at:%Y-%m-%d %H:%M}"
