"""Taking a workflow step: the one way a status changes, with who took it, why, and why not.

Workflows are django-fsm-2 transitions declared on the models, so the states, the steps between them,
the people allowed to take each (`permission=`) and the guards (`conditions=`) sit together in one
place per model. This module adds what the library leaves to us: a refusal explained in words a person
can act on, and an audit record (django-simple-history, with the reason) for every step taken.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from .audit import attribute


class TransitionRefused(Exception):
    """A step that may not be taken now, with the reason in plain English."""


def permission(who: str) -> Callable[[Callable], Callable]:
    """Marks a `(instance, user) -> bool` check with who it lets through, for refusal messages."""

    def decorate(check: Callable) -> Callable:
        check.who = who
        return check

    return decorate


def guard(refusal: str) -> Callable[[Callable], Callable]:
    """Marks an `(instance) -> bool` condition with the message shown when it does not hold."""

    def decorate(condition: Callable) -> Callable:
        condition.refusal = refusal
        return condition

    return decorate


@permission("the system")
def by_the_system(instance, user) -> bool:
    """Steps only scheduled tasks take (lapsing, holding a payment): no person may take them."""
    return user is None


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    target: str


def _transition(instance: Model, name: str):
    method = getattr(instance, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise ValueError(f"{type(instance).__name__} has no workflow step called {name!r}")
    return method, meta, meta.get_transition(meta.field.get_state(instance))


def _label(meta, name: str) -> str:
    for candidate in meta.transitions.values():
        return candidate.custom.get("label", name.replace("_", " "))
    return name.replace("_", " ")


def _status_text(instance: Model, meta) -> str:
    field_name = meta.field.name
    return getattr(instance, f"get_{field_name}_display")().lower()


def refusal(instance: Model, name: str, user) -> str | None:
    """Why `user` may not take step `name` on `instance` now, or None if they may."""
    _method, meta, transition = _transition(instance, name)
    step = _label(meta, name).capitalize()
    noun = instance._meta.verbose_name
    if transition is None:
        return f"{step}: not possible while this {noun} is {_status_text(instance, meta)}."
    if transition.permission and not transition.permission(instance, user):
        return f"{step}: only {transition.permission.who} can do this."
    for condition in transition.conditions:
        if not condition(instance):
            return condition.refusal
    return None


def take(instance: Model, name: str, *, by, reason: str, **arguments) -> Model:
    """Takes step `name` for `by` (None for the system), saving the new state with an audit record.

    The step's method may change other fields of `instance` (a decision date, a reviewer); it is
    saved once, inside a transaction, with the reason. Raises TransitionRefused with the reason a
    step is refused.
    """
    problem = refusal(instance, name, by)
    if problem:
        raise TransitionRefused(problem)
    method, _meta, _transition_ = _transition(instance, name)
    with transaction.atomic():
        method(by=by, **arguments)
        attribute(instance, by=by, reason=reason)
        instance.save()
    return instance


def available_steps(instance: Model, user, field: str = "status") -> list[Step]:
    """The steps `user` may take on `instance` now, to offer as buttons."""
    steps = []
    transitions = getattr(instance, f"get_available_user_{field}_transitions")(user)
    for transition in transitions:
        steps.append(Step(transition.name, transition.custom.get("label", transition.name), transition.target))
    return steps
