"""SQL objects the models cannot declare: triggers, full-text search tables and columns.

Migrations and `ClaimsConfig.ready` import these modules, so they import nothing else of
`claims`: editing run-time code can never change what an old migration does.
"""
