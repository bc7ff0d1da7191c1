"""The snippets are checked by mypy (and run in their own process), never imported here.

pytest runs ``--doctest-modules`` over ``tests/``, which would import every module it
finds; the negative snippets raise by design and the others write files.
"""

collect_ignore_glob = ["snippets/*"]
