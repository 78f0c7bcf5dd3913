"""Date formats per language (Django's FORMAT_MODULE_PATH), as each language writes them.

Only what differs from Django's own locale formats is declared; ``SHORT_YEAR_MONTH_FORMAT`` is
the hub's own (month-year ranges such as "abr. 2021 – mar. 2023"), read by ``home.dates``.
The admin's ``pt-br`` uses ``pt``: Django looks up ``pt_BR`` and then ``pt``.
"""
