"""``python -m diplomev``: the same as the ``diplomev`` command."""

from diplomev.cli import main_exit

main_exit()
