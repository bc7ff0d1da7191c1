"""The Extending page's call of a kind of one's own: strings and a list, as for built-ins.

The kind declares diplomev's typed converters on its fields (``to_tuple[Actor]``,
``to_enum[Instrument]``), so its constructor takes what the built-in kinds take.
"""

from typing import reveal_type

from custom_kind import Instrument, Pact

import diplomev
from diplomev import Country

mou = Pact(
    id="kor-chn-mou",
    date="2026-01-05",
    signatories=[Country(code="KOR"), Country(code="CHN")],
    instrument="memorandum_of_understanding",
    title="Memorandum on cultural exchange",
)
reveal_type(mou.instrument)  # assert typ == "custom_kind.Instrument"
assert mou.instrument is Instrument.MEMORANDUM
assert diplomev.make_id(mou) == "pact-2026-01-05-chn-kor"
