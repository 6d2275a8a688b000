import os
import subprocess
import sys
from pathlib import Path

from thirdsector.core.links import absolute_url

BASE_DIR = Path(__file__).resolve().parents[3]


def test_a_path_is_put_on_the_site_address(settings):
    settings.SITE_URL = "https://thirdsector.example"
    assert absolute_url("/funding/applications/ABC/") == "https://thirdsector.example/funding/applications/ABC/"


def test_one_slash_joins_them_whichever_side_has_it(settings):
    settings.SITE_URL = "https://thirdsector.example/"
    assert absolute_url("compact/status/xyz/") == "https://thirdsector.example/compact/status/xyz/"
    assert absolute_url("/compact/status/xyz/") == "https://thirdsector.example/compact/status/xyz/"


def test_without_a_site_address_the_path_is_left_relative(settings):
    settings.SITE_URL = ""
    assert absolute_url("/compact/status/xyz/") == "/compact/status/xyz/"


def test_a_full_address_is_left_as_it_is(settings):
    settings.SITE_URL = "https://thirdsector.example"
    assert absolute_url("https://elsewhere.example/a") == "https://elsewhere.example/a"


def test_outside_production_the_default_is_the_local_server():
    from django.conf import settings

    if "SITE_URL" not in os.environ:
        assert settings.SITE_URL == "http://127.0.0.1:8000"


def _check(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"THIRDSECTOR_ENV", "DATABASE_URL", "SITE_URL"}}
    environment.update(DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k" * 40, **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_a_site_address_that_is_not_https():
    result = _check(SITE_URL="http://thirdsector.example")
    assert result.returncode != 0
    assert "SITE_URL must start with https:// in production" in result.stderr


def test_production_accepts_an_https_site_address_or_none():
    assert _check(SITE_URL="https://thirdsector.example").returncode == 0
    assert _check().returncode == 0
