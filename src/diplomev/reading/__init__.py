"""Readers of news phrasing: dates, countries and actors as reporters write them.

These turn phrases ("Monday", "since November", "South Korean President Lee Jae Myung")
into the small value types of diplomev, correctly or with a `ValidationError` that says
why, never with a silent guess. They are kept apart from the value types, so that
`EventDate` or `Person` can be used without the grammar around them.
"""
