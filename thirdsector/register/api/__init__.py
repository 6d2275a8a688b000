"""The register's JSON API, documented as OpenAPI 3 at /api/v1/schema/ (Swagger UI at /api/v1/docs/).

Reads are public: active organisations and every area. Staff (department staff and platform admins)
also see removed organisations and may write, each write with a `reason` kept in the record's history.
Views stay thin: searches go through `selectors`, writes through `services`, as the HTML pages do.

- `access.py`: who may use each endpoint, authentication and throttling shared by every view
- `pagination.py`: keyset pages ordered by (name, id)
- `serializers.py`: the shapes read and written
- `organisations.py`, `areas.py`: the endpoints

Machine clients authenticate with a token (`Authorization: Token <key>`), issued by
`manage.py create_api_token <email>`.
"""
