"""Interoperability with the event-data standards (CAMEO, PLOVER, ICEWS, GDELT)."""
