"""The status field of every workflow: django-fsm-2's FSMField, described to migrations as a CharField.

FSMField connects a `class_prepared` receiver each time a model class with it is built, and
migrations build a model class for every state they pass through: with FSMField in the migration
files, thousands of receivers piled up and `migrate` spent two thirds of its time calling them
(over 7 minutes for a new database). In the database the field is a plain varchar either way,
so migrations name CharField; the transitions live on the real models only, which need no more.
"""

from django_fsm import FSMField


class StateField(FSMField):
    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("protected", None)
        return name, "django.db.models.CharField", args, kwargs
