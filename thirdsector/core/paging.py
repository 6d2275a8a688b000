"""Pages of results counted the cheap way, for lists too big to count exactly on every request.

Django's Paginator counts every match. The register and the funding lists instead count up to a cap or
take PostgreSQL's estimate, and know there is another page by reading one row more; these two classes
carry that, with the names Django's Page and Paginator give them, so components/pagination.html and the
templates work with either.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ResultCount:
    """How many rows match: exact, estimated, or at least `count` (counting stopped there)."""

    count: int
    per_page: int
    is_estimate: bool = False
    is_lower_bound: bool = False
    # Pages known to exist whatever the count says: up to the page read and the row after it.
    pages_seen: int = 1

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page), self.pages_seen)


@dataclass
class ResultPage:
    """One page of rows, with the parts of Django's Page that the templates use."""

    object_list: list
    number: int
    paginator: ResultCount

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
