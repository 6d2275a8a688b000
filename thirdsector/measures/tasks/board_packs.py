"""Generating a board pack in the background, so asking for one answers at once and its page shows progress."""

from django.tasks import task

from ..models import BoardPack
from ..services.board_packs import generate_pack


@task
def generate_board_pack(pack_id: int) -> str:
    """Generates the pack (queued by `services.board_packs.request_pack`); returns its status."""
    pack = BoardPack.objects.select_related("board").get(pk=pack_id)
    return generate_pack(pack).status
