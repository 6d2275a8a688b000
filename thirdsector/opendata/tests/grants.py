"""Published grants of every kind the platform makes, and some not yet public, for the open data tests.

Plain functions, so the browser tests build the same grants as the app's tests.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from thirdsector.funding.models import Award, RegrantType
from thirdsector.funding.tests.factories import AwardFactory, ProgrammeFactory
from thirdsector.register.models import Area, Organisation, OrganisationKind
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory


@dataclass
class Grants:
    core_funding: Award
    regrant: Award
    end_grant: Award
    asset_transfer: Award
    unpublished: Award
    published_tomorrow: Award

    @property
    def published(self) -> list[Award]:
        return [self.core_funding, self.regrant, self.end_grant, self.asset_transfer]


def published(award_kwargs: dict) -> Award:
    today = timezone.localdate()
    moment = timezone.now() - datetime.timedelta(days=10)
    defaults = {"status": "accepted", "approved_at": moment, "accepted_at": moment, "published_on": today}
    return AwardFactory(**{**defaults, **award_kwargs})


def build_department() -> Organisation:
    department = OrganisationFactory(
        name="Department for Communities and Local Government", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
    )
    IdentifierFactory(organisation=department, scheme="GB-GOR", value="D4")
    return department


def build_grants(department: Organisation) -> Grants:
    """One published award of each kind: core funding, a regrant, its end grant, an asset transfer grant."""
    partner = OrganisationFactory(name="National Network of Tenants", postcode="LS1 4AP", town="Leeds")
    IdentifierFactory(organisation=partner, scheme="GB-CHC", value="1123456")
    IdentifierFactory(organisation=partner, scheme="GB-COH", value="01234567", is_primary=False)
    partners = ProgrammeFactory(name="Strategic Partners Grant Programme", code="SPG", administering_body=department)
    core_funding = published(
        {"reference": "SPG-2026-0001", "programme": partners, "organisation": partner, "title": "Core funding",
         "description": "Salaries and running costs of our policy team.", "amount": Decimal("150000.00")}
    )  # fmt: skip

    local_funder = OrganisationFactory(
        name="Camden Community Foundation",
        kind=OrganisationKind.LOCAL_FUNDER,
        local_authority=Area.objects.get(gss_code="E09000007"),
        postcode="NW1 2DB",
        town="London",
    )
    small_grants = ProgrammeFactory(
        name="Small Grants through Local Funders", code="SGLF", administering_body=department
    )
    regrant = published(
        {"reference": "SGLF-2026-0001", "programme": small_grants, "organisation": local_funder,
         "title": "Small grants for Camden", "amount": Decimal("90000.00"), "regrant_type": RegrantType.COMMON}
    )  # fmt: skip

    group = OrganisationFactory(
        name="Kentish Town Lunch Club",
        kind=OrganisationKind.COMMUNITY_GROUP,
        local_authority=Area.objects.get(gss_code="E09000007"),
        postcode="NW5 1AB",
    )
    camden_programme = ProgrammeFactory(
        name="Camden Small Grants", code="CSG", administering_body=local_funder, funded_by=regrant
    )
    today = timezone.localdate()
    end_grant = published(
        {"reference": "CSG-2026-0001", "programme": camden_programme, "organisation": group,
         "title": "Lunches for older residents", "amount": Decimal("2499.50"), "months": 12,
         "starts_on": today, "ends_on": today + datetime.timedelta(days=364), "years": {today.year: Decimal("2499.50")}}
    )  # fmt: skip

    administrator = OrganisationFactory(name="Adventure Capital Fund", kind=OrganisationKind.OTHER)
    IdentifierFactory(organisation=administrator, scheme="GB-COH", value="04227526")
    asset_fund = ProgrammeFactory(name="Community Asset Transfer Fund", code="CATF", administering_body=administrator)
    trust = OrganisationFactory(
        name="Splott Community Hall Trust", local_authority=Area.objects.get(gss_code="W06000015"), postcode="CF24 2BZ"
    )
    IdentifierFactory(organisation=trust, scheme="GB-CHC", value="1187654")
    asset_transfer = published(
        {"reference": "CATF-2026-0001", "programme": asset_fund, "organisation": trust,
         "title": "Refurbish the community hall", "amount": Decimal("450000.00"), "months": 24,
         "starts_on": today, "ends_on": today + datetime.timedelta(days=730),
         "years": {today.year: Decimal("450000.00")}}
    )  # fmt: skip

    unpublished = AwardFactory(reference="SPG-2026-0002", programme=partners, status="offered")
    published_tomorrow = published(
        {"reference": "SPG-2026-0003", "programme": partners, "published_on": today + datetime.timedelta(days=1)}
    )
    return Grants(core_funding, regrant, end_grant, asset_transfer, unpublished, published_tomorrow)
