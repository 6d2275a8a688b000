"""Proofing assessments that named their consultation in words now link to it where the words are its title.

An assessment's free text is linked to a consultation of the same body (the policy's) whose title it
matches exactly, leading and trailing spaces aside, and only when exactly one of that body's
consultations has that title; the text is then cleared, as the link shows the title. Anything else (a
consultation run elsewhere, a reference, an ambiguous title) keeps its text. Run backwards, a linked
assessment with no text gets the consultation's title back as text.
"""

from collections import defaultdict

from django.db import migrations


def matching_consultation(reference: str, candidates) -> int | None:
    """The id of the one candidate, (id, title) pairs of the policy's body's consultations, whose title is
    exactly `reference`; None when none or more than one match."""
    wanted = reference.strip()
    if not wanted:
        return None
    matches = [pk for pk, title in candidates if title.strip() == wanted]
    return matches[0] if len(matches) == 1 else None


def link(apps, schema_editor):
    Consultation = apps.get_model("compact", "Consultation")
    ProofingAssessment = apps.get_model("compact", "ProofingAssessment")
    by_body = defaultdict(list)
    for pk, body_id, title in Consultation.objects.values_list("pk", "body_id", "title").iterator():
        by_body[body_id].append((pk, title))
    linked = []
    unlinked = ProofingAssessment.objects.filter(consultation__isnull=True).exclude(consultation_reference="")
    for assessment in unlinked.select_related("policy").iterator():
        pk = matching_consultation(assessment.consultation_reference, by_body.get(assessment.policy.body_id, []))
        if pk is not None:
            assessment.consultation_id = pk
            assessment.consultation_reference = ""
            linked.append(assessment)
    ProofingAssessment.objects.bulk_update(linked, ["consultation", "consultation_reference"], batch_size=500)


def unlink(apps, schema_editor):
    ProofingAssessment = apps.get_model("compact", "ProofingAssessment")
    restored = []
    for assessment in (
        ProofingAssessment.objects.filter(consultation__isnull=False, consultation_reference="")
        .select_related("consultation")
        .iterator()
    ):
        assessment.consultation_reference = assessment.consultation.title[:200]
        restored.append(assessment)
    ProofingAssessment.objects.bulk_update(restored, ["consultation_reference"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("compact", "0009_proofing_links_its_consultation"),
    ]

    operations = [migrations.RunPython(link, unlink)]
