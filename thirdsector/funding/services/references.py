"""References people quote on the phone and in letters: a programme code and eight random characters.

Random rather than sequential, so a reference reveals nothing about how many others exist and cannot
be guessed from a neighbour's; the unique constraint on each table is the final guard.
"""

import secrets

from django.db.models import Model

# No 0/O or 1/I, so a reference read aloud or handwritten is not misread.
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference(model: type[Model], prefix: str, length: int = 8) -> str:
    while True:
        reference = f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if not model.objects.filter(reference=reference).exists():
            return reference
