"""Strategic partner status, the rules: who registers, one live record, the decision, lapsing, emails."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.core.workflow import TransitionRefused
from thirdsector.funding.errors import FundingError
from thirdsector.funding.models import StrategicPartner
from thirdsector.funding.services.partners import (
    decline_interest,
    default_review_on,
    grant_status,
    lapse_expired_statuses,
    register_interest,
    start_review,
    withdraw_interest,
    withdraw_status,
)
from thirdsector.register.models import PolicyArea

from .factories import StrategicPartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def answers(**changes):
    data = {
        "policy_areas": list(PolicyArea.objects.all()[:2]),
        "reach_into_small_groups": "Four hundred member groups in every region.",
        "reach_into_bme_groups": "A BME-led board; sixty BME-led member groups.",
        "capacity": "A policy team of four.",
        "evidence": "Annual report 2025.",
    }
    data.update(changes)
    return data


def granted(organisation, *, granted_from=None, review_on=None):
    granted_from = granted_from or TODAY - 30 * DAY
    return StrategicPartnerFactory(
        organisation=organisation,
        status="granted",
        granted_from=granted_from,
        review_on=review_on or default_review_on(granted_from),
    )


def test_an_editor_registers_interest_with_an_audit_record(organisation, member_user):
    partner = register_interest(organisation=organisation, by=member_user, **answers())

    assert partner.status == "registered"
    assert partner.registered_by == member_user
    assert partner.policy_areas.count() == 2
    first = partner.history.earliest()
    assert first.history_user == member_user
    assert first.history_change_reason == "Interest registered against the published criteria"


def test_a_viewer_cannot_register_interest(organisation, viewer_user):
    with pytest.raises(FundingError, match="Only a member of the organisation who can edit"):
        register_interest(organisation=organisation, by=viewer_user, **answers())
    assert not StrategicPartner.objects.exists()


def test_staff_and_other_organisations_cannot_register_interest_for_it(organisation, staff_user, other_organisation):
    outsider = MembershipFactory(organisation=other_organisation, role=MembershipRole.ADMINISTRATOR).user
    for person in (staff_user, outsider):
        with pytest.raises(FundingError):
            register_interest(organisation=organisation, by=person, **answers())


@pytest.mark.parametrize("status", ["registered", "under_review", "granted"])
def test_an_organisation_has_one_live_record(organisation, member_user, status):
    StrategicPartnerFactory(organisation=organisation, status=status)
    with pytest.raises(FundingError, match="already has interest registered or status granted"):
        register_interest(organisation=organisation, by=member_user, **answers())
    assert StrategicPartner.objects.filter(organisation=organisation).count() == 1


@pytest.mark.parametrize("status", ["declined", "lapsed", "withdrawn"])
def test_an_organisation_may_register_again_once_its_record_is_closed(organisation, member_user, status):
    StrategicPartnerFactory(organisation=organisation, status=status)
    register_interest(organisation=organisation, by=member_user, **answers())
    assert StrategicPartner.objects.filter(organisation=organisation).count() == 2


def test_the_database_refuses_a_second_live_record(organisation):
    StrategicPartnerFactory(organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategicPartnerFactory(organisation=organisation, status="under_review")


def test_staff_review_and_grant_status_with_the_default_period(organisation, staff_user):
    partner = StrategicPartnerFactory(organisation=organisation)
    partner = start_review(partner=partner, by=staff_user, reason="Complete registration")
    partner = grant_status(partner=partner, by=staff_user, reason="Meets all four criteria")

    partner.refresh_from_db()
    assert partner.status == "granted"
    assert partner.granted_from == TODAY
    assert partner.review_on == default_review_on(TODAY)
    assert partner.review_on.year == TODAY.year + 3
    assert partner.reviewed_by == staff_user
    latest = partner.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff_user, "Meets all four criteria")
    assert StrategicPartner.objects.current().filter(pk=partner.pk).exists()


@override_settings(FUNDING_PARTNER_STATUS_YEARS=2)
def test_the_default_period_follows_the_setting():
    assert default_review_on(datetime.date(2026, 4, 1)) == datetime.date(2028, 4, 1)
    assert default_review_on(datetime.date(2028, 2, 29)) == datetime.date(2030, 2, 28)


def test_the_review_date_must_come_after_the_start(organisation, staff_user):
    partner = StrategicPartnerFactory(organisation=organisation, status="under_review")
    with pytest.raises(TransitionRefused, match="must come after it"):
        grant_status(partner=partner, by=staff_user, granted_from=TODAY, review_on=TODAY, reason="Meets criteria")
    partner.refresh_from_db()
    assert partner.status == "under_review"
    assert partner.granted_from is None


def test_status_cannot_be_granted_before_the_review_starts(organisation, staff_user):
    partner = StrategicPartnerFactory(organisation=organisation)
    with pytest.raises(TransitionRefused, match="not possible while"):
        grant_status(partner=partner, by=staff_user, reason="Too early")


def test_a_member_cannot_take_the_departments_steps(organisation, member_user):
    partner = StrategicPartnerFactory(organisation=organisation, status="under_review")
    with pytest.raises(TransitionRefused, match="only department staff"):
        grant_status(partner=partner, by=member_user, reason="Ourselves")
    with pytest.raises(TransitionRefused, match="only department staff"):
        decline_interest(partner=partner, by=member_user, reasons="No")


def test_declining_needs_reasons_which_the_organisation_sees(organisation, staff_user):
    partner = StrategicPartnerFactory(organisation=organisation, status="under_review")
    with pytest.raises(TransitionRefused, match="Say why the interest is declined"):
        decline_interest(partner=partner, by=staff_user, reasons="   ")
    partner = decline_interest(partner=partner, by=staff_user, reasons="Little evidence of reach into BME groups.")
    partner.refresh_from_db()
    assert partner.status == "declined"
    assert partner.decision_reasons == "Little evidence of reach into BME groups."
    assert partner.history.latest().history_user == staff_user


def test_staff_withdraw_granted_status(organisation, staff_user):
    partner = withdraw_status(partner=granted(organisation), by=staff_user, reason="Organisation closed its network")
    partner.refresh_from_db()
    assert partner.status == "withdrawn"
    assert partner.history.latest().history_change_reason == "Organisation closed its network"


@pytest.mark.parametrize("status", ["registered", "under_review"])
def test_an_editor_withdraws_interest_before_the_decision(organisation, member_user, status):
    partner = StrategicPartnerFactory(organisation=organisation, status=status)
    partner = withdraw_interest(partner=partner, by=member_user, reason="We will apply next year")
    partner.refresh_from_db()
    assert partner.status == "withdrawn"
    assert partner.history.latest().history_user == member_user


def test_staff_cannot_withdraw_an_organisations_interest(organisation, staff_user):
    with pytest.raises(TransitionRefused, match="only a member of the organisation"):
        withdraw_interest(partner=StrategicPartnerFactory(organisation=organisation), by=staff_user, reason="No")


def test_interest_cannot_be_withdrawn_once_status_is_granted(organisation, member_user):
    with pytest.raises(TransitionRefused, match="not possible while"):
        withdraw_interest(partner=granted(organisation), by=member_user, reason="No")


def test_current_means_granted_and_within_its_dates_before_the_lapse_job_runs(organisation, other_organisation):
    past_review = granted(organisation, granted_from=TODAY - 1000 * DAY, review_on=TODAY - DAY)
    in_date = granted(other_organisation)
    not_started = granted(MembershipFactory().organisation, granted_from=TODAY + 10 * DAY)
    under_review = StrategicPartnerFactory(status="under_review")

    current = set(StrategicPartner.objects.current())
    assert current == {in_date}
    assert in_date.is_current
    assert not past_review.is_current  # still "granted" until the job runs, but not current
    assert not not_started.is_current
    assert not under_review.is_current


def test_the_lapse_job_lapses_only_statuses_past_their_review_date(organisation, other_organisation, staff_user):
    expired = granted(organisation, granted_from=TODAY - 1000 * DAY, review_on=TODAY - DAY)
    reviewed_today = granted(other_organisation, granted_from=TODAY - 1000 * DAY, review_on=TODAY)
    current = granted(MembershipFactory().organisation)
    registered = StrategicPartnerFactory()

    assert lapse_expired_statuses() == 1

    expired.refresh_from_db()
    assert expired.status == "lapsed"
    record = expired.history.latest()
    assert record.history_user is None
    assert "Review date" in record.history_change_reason
    for untouched, status in ((reviewed_today, "granted"), (current, "granted"), (registered, "registered")):
        count = untouched.history.count()
        untouched.refresh_from_db()
        assert untouched.status == status
        assert untouched.history.count() == count
    assert lapse_expired_statuses() == 0


def test_a_person_cannot_lapse_status(organisation, staff_user):
    from thirdsector.core.workflow import take

    partner = granted(organisation, granted_from=TODAY - 1000 * DAY, review_on=TODAY - DAY)
    with pytest.raises(TransitionRefused, match="only the system"):
        take(partner, "lapse", by=staff_user, reason="By hand")


def test_administrators_are_emailed_the_decision(
    settings, organisation, staff_user, applicant_admin, member_user, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thirdsector.example"
    partner = StrategicPartnerFactory(organisation=organisation, status="under_review")
    with django_capture_on_commit_callbacks(execute=True):
        decline_interest(partner=partner, by=staff_user, reasons="Little evidence of reach.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant_admin.email]  # administrators only, not editors
    assert message.subject == "Strategic partner status declined"
    assert "Little evidence of reach." in message.body
    assert message.body.rstrip().endswith(f"see the record: https://thirdsector.example{partner.get_absolute_url()}")


@pytest.mark.parametrize("step", ["grant", "withdraw_status", "lapse"])
def test_administrators_are_emailed_on_grant_withdrawal_and_lapse(
    organisation, staff_user, applicant_admin, step, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if step == "grant":
            grant_status(
                partner=StrategicPartnerFactory(organisation=organisation, status="under_review"),
                by=staff_user,
                reason="Meets the criteria",
            )
        elif step == "withdraw_status":
            withdraw_status(partner=granted(organisation), by=staff_user, reason="Closed")
        else:
            granted(organisation, granted_from=TODAY - 1000 * DAY, review_on=TODAY - DAY)
            lapse_expired_statuses()
    assert [message.to for message in mail.outbox] == [[applicant_admin.email]]


def test_no_email_is_sent_for_a_refused_step(
    organisation, staff_user, applicant_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        grant_status(partner=StrategicPartnerFactory(organisation=organisation), by=staff_user, reason="Too early")
    assert mail.outbox == []
