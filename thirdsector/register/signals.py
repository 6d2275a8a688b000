"""Any change to what the register shows starts a new generation of its cached public pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from thirdsector.core.page_cache import invalidate

PAGE_CACHE = "register"


def register_changed(**kwargs) -> None:
    invalidate(PAGE_CACHE)


def connect(models) -> None:
    for model in models:
        post_save.connect(register_changed, sender=model, dispatch_uid=f"register-page-cache-save-{model.__name__}")
        post_delete.connect(register_changed, sender=model, dispatch_uid=f"register-page-cache-del-{model.__name__}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                register_changed, sender=field.remote_field.through, dispatch_uid=f"register-page-cache-m2m-{field}"
            )
