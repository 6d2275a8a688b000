"""Who may do what with asset transfers: the owning council's officers, the proposing organisation's
members, and the staff who run the fund (the outside body's fund administrators, and department staff).

The fund is a funding programme; `runs_fund` asks the grant engine's own question (`runs_programme`), so
a fund administrator of another outside body runs nothing here and sees nothing that is not public.
"""

from django.conf import settings

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, MembershipRole, Role
from thirdsector.core.workflow import permission
from thirdsector.funding.models import Programme
from thirdsector.funding.permissions import acts_for, runs_programme


def fund_programme() -> Programme | None:
    """The funding programme that is the Community Asset Transfer Fund, or None until it is set up."""
    return (
        Programme.objects.select_related("administering_body").filter(slug=settings.ASSETS_FUND_PROGRAMME_SLUG).first()
    )


def runs_fund(user, programme: Programme | None = None) -> bool:
    programme = programme or fund_programme()
    return programme is not None and runs_programme(user, programme)


def oversees(user) -> bool:
    """Department staff, platform admins and the Commissioner read every record (the Commissioner changes none)."""
    return user is not None and user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def sees_fund(user, programme: Programme | None = None) -> bool:
    """Who may open the fund's dashboards and every proposal: the fund's staff and those who oversee."""
    return oversees(user) or runs_fund(user, programme)


def acts_for_council(user, council_id: int) -> bool:
    """A council officer who is an administrator or editor of the council's record."""
    if user is None or not user.is_authenticated or not user.has_role(Role.COUNCIL_OFFICER):
        return False
    return user.memberships.filter(organisation_id=council_id, role__in=MEMBERSHIP_ROLES_THAT_EDIT).exists()


def member_of(user, organisation_id: int) -> bool:
    """Any member (viewers too) sees its organisation's proposals and returns."""
    return acts_for(user, organisation_id, roles=list(MembershipRole))


@permission("the owning council's officers")
def council_officer(asset, user) -> bool:
    return acts_for_council(user, asset.council_id)


@permission("a member of the proposing organisation who can edit its record")
def proposer(proposal, user) -> bool:
    return acts_for(user, proposal.organisation_id)


@permission("the staff who run the fund, following the grant engine's step")
def fund_staff_or_engine(proposal, user) -> bool:
    """Steps that follow the engine's own (assessment started, grant approved, application declined):
    taken by whoever took the engine's step, who the engine has already checked runs the fund."""
    return user is None or runs_fund(user)


@permission("the proposer, or the staff who run the fund following the grant engine's step")
def proposer_or_engine(proposal, user) -> bool:
    return proposer(proposal, user) or fund_staff_or_engine(proposal, user)


@permission("the owning council's officers or the staff who run the fund")
def council_or_fund_staff(proposal, user) -> bool:
    return acts_for_council(user, proposal.asset.council_id) or runs_fund(user)


@permission("a member of the organisation that holds the asset who can edit its record")
def holder(post_transfer_return, user) -> bool:
    return acts_for(user, post_transfer_return.proposal.organisation_id)


@permission("the staff who run the fund")
def fund_staff(instance, user) -> bool:
    return runs_fund(user)
