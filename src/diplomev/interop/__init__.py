"""Interoperability with the event-data standards: CAMEO, PLOVER, ICEWS, GDELT and more.

- `diplomev.interop.cameo`: CAMEO actor codes (``KORGOV``), the event code a record stands
  for (042/043 for a visit), its directed rows, and Goldstein scores and quad classes in
  an explicit dialect (``icews`` or ``gdelt``).
- `diplomev.interop.plover`: PLOVER 2.0 JSON Lines out (with a JSON Schema for diplomev's
  profile) and in (older drafts too).
- `diplomev.interop.icews`: ICEWS event tables in and out.
- `diplomev.interop.gdelt`: GDELT 2.0 event exports in.
- `diplomev.interop.history_state`: the US Office of the Historian's travels of presidents
  and secretaries of state and visits of foreign leaders (history.state.gov XML) in.
- `diplomev.interop.definitions`: what each kind means as rules on a record (a visit
  crosses a border, a summit has two countries or a forum), which importers hold.

Importers return an `ImportReader`: the records, and a ``report`` that accounts for
every input row (records by kind, rows that map to no kind by code with the reason,
unreadable rows). Exporters return an `ExportReport`. See ``docs/interop.md``.

>>> from diplomev.interop import goldstein
>>> goldstein("164", dialect="gdelt")
-7.0
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diplomev.interop import cameo as cameo
    from diplomev.interop import gdelt as gdelt
    from diplomev.interop import history_state as history_state
    from diplomev.interop import icews as icews
    from diplomev.interop import plover as plover
    from diplomev.interop._plover_vocab import CONTEXTS as PLOVER_CONTEXTS
    from diplomev.interop._plover_vocab import EVENTS as PLOVER_EVENTS
    from diplomev.interop._plover_vocab import MODES as PLOVER_MODES
    from diplomev.interop._report import ExportReport, ImportReader, ImportReport, Unmapped
    from diplomev.interop.cameo import (
        DIALECTS,
        CodeMeaning,
        Dialect,
        Dyad,
        cameo_code,
        cameo_country,
        code_meaning,
        dyads,
        event_code,
        event_codes,
        event_name,
        goldstein,
        quad_class,
        unmapped_reason,
    )
    from diplomev.interop.gdelt import GDELT_COLUMNS, alpha3_from_fips, read_gdelt
    from diplomev.interop.history_state import (
        HistoryStateReport,
        read_history_state,
        read_travels,
        read_visits,
    )
    from diplomev.interop.icews import (
        ICEWS_COLUMNS,
        ID_COLUMN,
        icews_rows,
        read_icews,
        story_id,
        story_url,
        write_icews,
    )
    from diplomev.interop.plover import (
        EXTRAS_KEY,
        from_plover,
        plover_event,
        plover_losses,
        plover_schema,
        read_plover,
        to_plover,
        write_plover,
    )
else:
    from diplomev._lazy import lazy_attributes

    # Each standard is imported on first use (PEP 562): ``from diplomev.interop import
    # goldstein`` loads CAMEO's tables and code, not PLOVER's, ICEWS's or GDELT's.
    _EXPORTS = {
        "diplomev.interop._report": ["ExportReport", "ImportReader", "ImportReport", "Unmapped"],
        "diplomev.interop.cameo": [
            "DIALECTS", "CodeMeaning", "Dialect", "Dyad", "cameo_code", "cameo_country",
            "code_meaning", "dyads", "event_code", "event_codes", "event_name", "goldstein",
            "quad_class", "unmapped_reason",
        ],
        "diplomev.interop.gdelt": ["GDELT_COLUMNS", "alpha3_from_fips", "read_gdelt"],
        "diplomev.interop.history_state": [
            "HistoryStateReport", "read_history_state", "read_travels", "read_visits",
        ],
        "diplomev.interop.icews": [
            "ICEWS_COLUMNS", "ID_COLUMN", "icews_rows", "read_icews", "story_id", "story_url",
            "write_icews",
        ],
        "diplomev.interop.plover": [
            "EXTRAS_KEY", "from_plover", "plover_event", "plover_losses", "plover_schema",
            "read_plover", "to_plover", "write_plover",
        ],
    }  # fmt: skip
    __getattr__, __dir__ = lazy_attributes(
        globals(),
        {
            **{name: module for module, names in _EXPORTS.items() for name in names},
            **{
                f"PLOVER_{name}": f"diplomev.interop._plover_vocab:{name}"
                for name in ("CONTEXTS", "EVENTS", "MODES")
            },
            **{
                standard: f"diplomev.interop.{standard}"
                for standard in ("cameo", "gdelt", "history_state", "icews", "plover")
            },
        },
    )

__all__ = [
    "DIALECTS",
    "EXTRAS_KEY",
    "GDELT_COLUMNS",
    "ICEWS_COLUMNS",
    "ID_COLUMN",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENTS",
    "PLOVER_MODES",
    "CodeMeaning",
    "Dialect",
    "Dyad",
    "ExportReport",
    "HistoryStateReport",
    "ImportReader",
    "ImportReport",
    "Unmapped",
    "alpha3_from_fips",
    "cameo_code",
    "cameo_country",
    "code_meaning",
    "dyads",
    "event_code",
    "event_codes",
    "event_name",
    "from_plover",
    "goldstein",
    "icews_rows",
    "plover_event",
    "plover_losses",
    "plover_schema",
    "quad_class",
    "read_gdelt",
    "read_history_state",
    "read_icews",
    "read_plover",
    "read_travels",
    "read_visits",
    "story_id",
    "story_url",
    "to_plover",
    "unmapped_reason",
    "write_icews",
    "write_plover",
]
