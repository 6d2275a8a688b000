"""A transfer proposal's pages: starting one, its answers and documents, the council's support, submission,
withdrawal, legal completion, its documents and its history.

Who sees a proposal: members of the proposing organisation, the owning council's officers, the fund's staff
and those who oversee (department staff, platform admins, the Commissioner). Anyone else gets 404: a
proposal's existence is private until the asset is transferred.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, refusal
from thirdsector.funding.permissions import acts_for

from ..errors import AssetTransferError
from ..forms.proposals import CompletionForm, DocumentForm, ProposalForm, ReasonForm, StartForm, SupportForm
from ..models import COMPLETION_NEEDED, AssetStatus, ProposalStatus, missing_documents
from ..permissions import acts_for_council, member_of, runs_fund, sees_fund
from ..selectors.assets import any_asset
from ..selectors.proposals import applicant_proposals, proposal_for_page, proposing_organisations, returns_due_for
from ..services import proposals as services
from .errors import add_refusal


def _visible(request, reference: str):
    proposal = proposal_for_page(reference)
    if proposal is None:
        raise Http404
    user = request.user
    if not (
        member_of(user, proposal.organisation_id)
        or acts_for_council(user, proposal.asset.council_id)
        or sees_fund(user)
    ):
        raise Http404
    return proposal


@signed_in
def applicant_portal(request):
    """My organisations' proposals and the post-transfer returns they owe, each list paged on its own (`page`,
    `returns_page`)."""
    size = settings.ASSETS_LIST_PAGE_SIZE
    proposals = Paginator(applicant_proposals(request.user), size).get_page(request.GET.get("page"))
    returns = Paginator(returns_due_for(request.user), size).get_page(request.GET.get("returns_page"))
    return render(request, "assets/applicant/portal.html", {"page_obj": proposals, "returns": returns})


@signed_in
def start(request, pk: int):
    """A community organisation's member starts a proposal for an offered asset."""
    asset = any_asset(pk)
    if asset is None or asset.status == AssetStatus.WITHDRAWN:
        raise Http404
    organisations = proposing_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = StartForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.start_proposal(
                asset=asset, organisation=form.cleaned_data["organisation"], by=request.user
            )
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            return redirect("assets:proposal-edit", reference=proposal.reference)
    return render(request, "assets/proposals/start.html", {"form": form, "asset": asset})


@signed_in
def detail(request, reference: str):
    proposal = _visible(request, reference)
    user = request.user
    is_proposer = acts_for(user, proposal.organisation_id)
    is_council = acts_for_council(user, proposal.asset.council_id)
    completion_refused = refusal(proposal, "complete_transfer", user)
    context = {
        "proposal": proposal,
        "award": proposal.award,
        "missing": missing_documents(proposal),
        "is_draft": proposal.status == ProposalStatus.DRAFT,
        "is_proposer": is_proposer,
        "is_council": is_council,
        "runs_fund": runs_fund(user),
        "sees_fund": sees_fund(user),
        "submit_refused": refusal(proposal, "submit", user) if is_proposer else None,
        "may_complete": completion_refused in (None, COMPLETION_NEEDED),
        "may_withdraw": is_proposer and refusal(proposal, "withdraw", user) is None,
    }
    return render(request, "assets/proposals/detail.html", context)


def _draft_for_proposer(request, reference: str):
    proposal = _visible(request, reference)
    if not acts_for(request.user, proposal.organisation_id):
        raise PermissionDenied
    return proposal


@signed_in
def edit(request, reference: str):
    """The proposer's answers: the grant asked for, the works, and who will use the building."""
    proposal = _draft_for_proposer(request, reference)
    initial = {
        "amount_requested": proposal.amount_requested,
        "refurbishment_summary": proposal.refurbishment_summary,
        "community_benefit": proposal.community_benefit,
    }
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_proposal(proposal=proposal, by=request.user, **form.cleaned_data)
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Your answers are saved")
            return redirect(proposal)
    return render(request, "assets/proposals/edit.html", {"form": form, "proposal": proposal})


@signed_in
def upload(request, reference: str):
    """The proposer uploads the business plan, condition survey or evidence of community support."""
    proposal = _draft_for_proposer(request, reference)
    posted = request.method == "POST"
    form = DocumentForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            document = services.add_document(
                proposal=proposal,
                by=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            )
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"{document.get_kind_display()} uploaded")
            return redirect(proposal)
    return render(request, "assets/proposals/upload.html", {"form": form, "proposal": proposal})


@signed_in
def council_support(request, reference: str):
    """The owning council's officer records the council's written support, with the letter."""
    proposal = _visible(request, reference)
    if not acts_for_council(request.user, proposal.asset.council_id):
        raise PermissionDenied
    posted = request.method == "POST"
    form = SupportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            services.record_council_support(
                proposal=proposal,
                by=request.user,
                supported_on=form.cleaned_data["supported_on"],
                uploaded_file=form.cleaned_data["file"],
            )
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "The council's written support is recorded")
            return redirect(proposal)
    return render(request, "assets/proposals/support.html", {"form": form, "proposal": proposal})


@require_POST
@signed_in
def submit(request, reference: str):
    proposal = _draft_for_proposer(request, reference)
    try:
        services.submit_proposal(proposal=proposal, by=request.user)
    except AssetTransferError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your proposal is submitted to the Community Asset Transfer Fund")
    return redirect(proposal)


@signed_in
def withdraw(request, reference: str):
    proposal = _draft_for_proposer(request, reference)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_proposal(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
        except (AssetTransferError, TransitionRefused) as error:
            add_refusal(form, error)
        else:
            messages.success(request, "The proposal is withdrawn")
            return redirect(proposal)
    return render(request, "assets/proposals/withdraw.html", {"form": form, "proposal": proposal})


@signed_in
def completion(request, reference: str):
    """The council or the fund records the legal completion, releasing the grant's payments."""
    proposal = _visible(request, reference)
    if refusal(proposal, "complete_transfer", request.user) not in (None, COMPLETION_NEEDED):
        raise PermissionDenied
    initial = {"tenure": proposal.asset.tenure, "lease_years": proposal.asset.lease_years}
    form = CompletionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_legal_completion(proposal=proposal, by=request.user, **form.cleaned_data)
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"{proposal.asset.name} is transferred; the grant's payments may go ahead")
            return redirect(proposal)
    return render(request, "assets/proposals/completion.html", {"form": form, "proposal": proposal})


@signed_in
def document(request, reference: str, pk: int):
    proposal = _visible(request, reference)
    found = next((document for document in proposal.documents.all() if document.pk == pk), None)
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.original_name)


@signed_in
def history(request, reference: str):
    """The proposal's history, for the fund's staff and those who oversee."""
    proposal = _visible(request, reference)
    if not sees_fund(request.user):
        raise PermissionDenied
    return render(
        request,
        "assets/history.html",
        {"record": proposal, "title": f"History of proposal {proposal.reference}", "entries": history_of(proposal)},
    )
