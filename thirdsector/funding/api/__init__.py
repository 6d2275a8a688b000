"""The funding JSON API under /api/v1/, in the same OpenAPI schema as the register's (/api/v1/schema/).

Read-only, with the same permissions as the pages:

- programmes and rounds: anyone; the public sees published rounds only, the staff who run a
  programme see all its rounds;
- applications: signed in; members of the applying organisation see its applications, the staff who
  run the programme see all of that programme's; anyone else gets 404 for a record and an empty list;
- awards: anyone sees published awards with their public fields; the staff who run the programme and
  members of the organisation also see unpublished ones and the private fields (`details`).

Who sees what is decided once per request in `selectors/api.py`; filters are in `filters.py`, pages are
keyset cursors (`pagination.py`). Authentication, throttling and the access declaration are the
register API's (`register/api/v1/access.py`).
"""
