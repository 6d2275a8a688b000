"""Questions numbered 1 to n within their consultation or survey: deleting and moving keep the numbers whole.

Each change is a save with its reason, so every renumbered question's history says why its number moved.
"""

from django.db.models import Model, QuerySet

from .audit import attribute

# A question moves to the number before (up) or after (down) its own.
MOVES = {"up": -1, "down": 1}


def delete_numbered(question: Model, *, siblings: QuerySet, by) -> None:
    """Deletes the question; the later ones move up a number.

    They move one at a time from the lowest, each into the number just freed: the unique (parent, number)
    constraint is checked row by row, so one UPDATE of them all could collide half way.
    """
    number = question.number
    attribute(question, by=by, reason="Question deleted")
    question.delete()
    for later in siblings.filter(number__gt=number).order_by("number"):
        later.number -= 1
        attribute(later, by=by, reason=f"Renumbered: question {number} was deleted")
        later.save(update_fields=["number"])


def move_numbered(question: Model, *, siblings: QuerySet, by, direction: str) -> str | None:
    """Swaps the question with the one before or after it; or says why it cannot move.

    The question waits at number 0 (never a question's) while its neighbour takes its number, as the
    unique (parent, number) constraint is checked row by row.
    """
    if direction not in MOVES:
        raise ValueError(direction)
    if MOVES[direction] < 0:
        neighbour = siblings.filter(number__lt=question.number).order_by("-number").first()
    else:
        neighbour = siblings.filter(number__gt=question.number).order_by("number").first()
    if neighbour is None:
        place = "first" if MOVES[direction] < 0 else "last"
        return f"Question {question.number} is already the {place} question."
    number, neighbour_number = question.number, neighbour.number
    type(question).objects.filter(pk=question.pk).update(number=0)
    neighbour.number = number
    attribute(neighbour, by=by, reason=f"Question {number} moved {direction}")
    neighbour.save(update_fields=["number"])
    question.number = neighbour_number
    attribute(question, by=by, reason=f"Question {number} moved {direction}")
    question.save(update_fields=["number"])
    return None
