"""A post-transfer return: the holder fills it in and submits it; the fund's staff accept or send it back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from thirdsector.accounts.access import signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, available_steps
from thirdsector.funding.permissions import acts_for

from ..errors import AssetTransferError
from ..forms.proposals import ReasonForm
from ..forms.returns import ReturnForm
from ..models import ReturnStatus
from ..permissions import member_of, sees_fund
from ..selectors.proposals import return_for_page
from ..services.returns import save_return, take_return_step
from .errors import add_refusal


@signed_in
def return_detail(request, pk: int):
    row = return_for_page(pk)
    if row is None:
        raise Http404
    user = request.user
    if not (member_of(user, row.proposal.organisation_id) or sees_fund(user)):
        raise Http404
    steps = {step.name for step in available_steps(row, user)}
    editable = "submit" in steps or (row.status == ReturnStatus.DUE and acts_for(user, row.proposal.organisation_id))
    form = ReturnForm(request.POST or None, instance=row) if editable else None
    review = ReasonForm(request.POST or None) if steps & {"accept", "send_back"} else None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if form is not None and action in ("save", "submit"):
            if form.is_valid():
                try:
                    figures = {name: form.cleaned_data[name] for name in form.Meta.fields}
                    row = save_return(post_transfer_return=row, by=user, **figures)
                    if action == "submit":
                        take_return_step(post_transfer_return=row, step="submit", by=user, reason="Return submitted")
                except (AssetTransferError, TransitionRefused) as error:
                    add_refusal(form, error)
                else:
                    messages.success(request, "Return submitted" if action == "submit" else "Figures saved")
                    return redirect(row)
        elif review is not None and action in ("accept", "send_back"):
            if review.is_valid():
                try:
                    take_return_step(
                        post_transfer_return=row, step=action, by=user, reason=review.cleaned_data["reason"]
                    )
                except TransitionRefused as error:
                    add_refusal(review, error)
                else:
                    messages.success(request, "Return accepted" if action == "accept" else "Return sent back")
                    return redirect(row)
        else:
            raise PermissionDenied
    return render(
        request,
        "assets/returns/return.html",
        {
            "row": row,
            "form": form,
            "review": review,
            "history": history_of(row) if sees_fund(user) else None,
        },
    )
