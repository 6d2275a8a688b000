"""The delete and move steps of numbered questions as pages take them: the change, then a message saying
what happened (or why not), for the page to redirect after. See `core.numbering` for the rules."""

from django.contrib import messages
from django.http import Http404

from .numbering import MOVES


def delete_and_report(request, question, *, delete, refused: type[Exception]) -> None:
    try:
        delete(question=question, by=request.user)
    except refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Question {question.number} deleted; the questions after it moved up")


def move_and_report(request, question, *, direction: str, move, refused: type[Exception]) -> None:
    if direction not in MOVES:
        raise Http404
    number = question.number
    try:
        moved = move(question=question, by=request.user, direction=direction)
    except refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Question {number} moved {direction}: it is now question {moved.number}")
