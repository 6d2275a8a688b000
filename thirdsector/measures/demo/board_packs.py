"""Demo board pack for `make run`: last quarter's progress pack for the Third Sector Partnership Board.

Asked for and generated through the services, as staff would, so it carries who asked and why and the
figures as they stand when the demo loads. It is generated here rather than left to the task worker,
so the pack is ready when the site starts; the queued task then finds it done and leaves it. Runs after
the boards, the plan, the Compact records and the indicators' computation (the last loader before it).
"""

from django.utils import timezone

from thirdsector.accounts.models import User

from ..models import BoardPack, Quarter
from ..selectors.board_packs import partnership_boards
from ..services.board_packs import generate_pack, request_pack


def load_board_packs() -> None:
    board = partnership_boards().first()
    if board is None or BoardPack.objects.exists():
        return
    last_quarter = Quarter.containing(timezone.localdate()).previous()
    pack = request_pack(
        by=User.objects.filter(email="staff@demo.thirdsector.example").first(),
        board=board,
        year=last_quarter.year,
        quarter=last_quarter.number,
        reason="Papers for the Partnership Board's next quarterly meeting",
    )
    generate_pack(pack)
