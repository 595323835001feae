"""Your data, anywhere: Strong, Hevy and FIT imports; FIT, iCalendar, CSV and backup exports.

Each format is an adapter over the same domain objects: a parser takes bytes and gives
:class:`~backcoach.interop.model.ParsedImport`; an encoder takes domain objects and gives
bytes. Nothing here opens a file or a database; :mod:`backcoach.interop.service` holds the
use cases that do.
"""
