"""Background work of the stakeholder survey: emailing each new invitation its private link."""

from django.tasks import task

from ..services.surveys import email_invitations


@task
def email_invitations_task(survey_id: int) -> int:
    """Emails every invitation of the survey not yet emailed; run after each sending."""
    return email_invitations(survey_id=survey_id)


def email_invitations_later(survey_id: int) -> None:
    email_invitations_task.enqueue(survey_id)
