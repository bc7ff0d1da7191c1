"""Time diplomev's country resolver against pycountry on the same inputs.

A plain script: ``.venv/bin/python benchmarks/bench_countries.py [--rounds N] [--number N]``.

Both resolvers run in one process, in interleaved rounds (diplomev, pycountry, diplomev, ...)
so that machine noise hits both alike, and the best round of each is kept. Each input is
timed on its own and reported in microseconds per call, with the ratio
(pycountry / diplomev: above 1, diplomev is faster). Inputs pycountry cannot resolve are
marked: it raises LookupError on them, and the time of that failure is what is shown.

Groups of inputs:

- codes: alpha-3 and alpha-2 codes as written, and lower-case (``kor``), which
  ``pycountry.countries.lookup`` also accepts;
- names: CLDR and ISO names and the common forms of the news (U.S., UK, Russia, Turkey);
- other: demonyms and capitals (pycountry has neither), and untidy spellings that go
  through diplomev's normalization rather than its table of forms as written.

Both sides are warmed up first (tables loaded), so load time is not counted here; the
import and first-use costs are printed separately.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable

GROUPS: dict[str, list[str]] = {
    "codes": ["KOR", "CHN", "USA", "XKX", "KR", "GB", "kor", "us"],
    "names": [
        "South Korea",
        "North Korea",
        "China",
        "Japan",
        "United States",
        "Viet Nam",
        "Vietnam",
        "Russia",
        "Russian Federation",
        "Türkiye",
        "Turkey",
        "U.S.",
        "UK",
        "Britain",
        "Palestine",
        "Kosovo",
        "Korea, Republic of",
        "Czech Republic",
    ],
    "other": [
        "South Korean",
        "Chinese",
        "Seoul",
        "Washington",
        "Kyiv",
        "the United States",
        "  south   KOREA ",
        "Côte d\u2019Ivoire",
    ],
}


def resolver_diplomev() -> Callable[[str], object]:
    from diplomev.reading.countries import resolve_country

    return resolve_country


def resolver_pycountry() -> Callable[[str], object]:
    import pycountry

    lookup = pycountry.countries.lookup

    def resolve(text: str) -> object:
        return lookup(text).alpha_3

    return resolve


def answer(resolve: Callable[[str], object], text: str) -> str:
    try:
        return str(resolve(text))
    except LookupError:  # pycountry; diplomev's ValidationError is a ValueError
        return "LookupError"
    except ValueError as error:
        return type(error).__name__


def per_call(resolve: Callable[[str], object], text: str, number: int) -> float:
    """Return the seconds per call of ``resolve(text)``, failures included."""

    def run() -> None:
        # try/except, not contextlib.suppress: entering a context manager per call would
        # cost several times what diplomev's lookup does.
        for _ in range(number):
            try:  # noqa: SIM105
                resolve(text)
            except (LookupError, ValueError):
                pass

    return timeit.timeit(run, number=1) / number


def first_use() -> None:
    for name, module, call in (
        # Importing the resolver imports the diplomev package (records, codec) with it.
        ("diplomev", "diplomev.reading.countries", "resolve_country('KOR')"),
        ("pycountry", "pycountry", "countries.lookup('KOR')"),
    ):
        code = (
            "import time; t0 = time.perf_counter(); "
            f"import {module} as m; t1 = time.perf_counter(); m.{call}; "
            "t2 = time.perf_counter(); print(f'{(t1 - t0) * 1e3:.1f} {(t2 - t1) * 1e3:.1f}')"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        imp, use = out.stdout.split()
        print(f"{name:>10}: import {imp} ms, first lookup (reads its tables) {use} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (best kept)")
    parser.add_argument("--number", type=int, default=2000, help="calls per input per round")
    args = parser.parse_args()

    ours, theirs = resolver_diplomev(), resolver_pycountry()
    inputs = [text for texts in GROUPS.values() for text in texts]
    for text in inputs:  # warm up: load both tables
        answer(ours, text), answer(theirs, text)

    best_ours = dict.fromkeys(inputs, float("inf"))
    best_theirs = dict.fromkeys(inputs, float("inf"))
    for _ in range(args.rounds):
        for text in inputs:
            best_ours[text] = min(best_ours[text], per_call(ours, text, args.number))
            best_theirs[text] = min(best_theirs[text], per_call(theirs, text, args.number))

    print(
        f"Python {sys.version.split()[0]}; best of {args.rounds} interleaved rounds of "
        f"{args.number} calls per input; µs per call"
    )
    print()
    header = f"{'input':<22} {'diplomev':>9} {'pycountry':>10} {'ratio':>7}  answers (diplomev / pycountry)"
    for group, texts in GROUPS.items():
        print(f"[{group}]")
        print(header)
        ratios = []
        for text in texts:
            us, them = best_ours[text] * 1e6, best_theirs[text] * 1e6
            ratio = them / us
            ratios.append(ratio)
            mine, other = answer(ours, text), answer(theirs, text)
            mark = "  <- pycountry cannot resolve" if other == "LookupError" else ""
            print(f"{text!r:<22} {us:>9.3f} {them:>10.3f} {ratio:>6.1f}x  {mine} / {other}{mark}")
        print(f"{'geometric mean ratio':<43} {statistics.geometric_mean(ratios):>6.1f}x")
        print()
    resolved = [t for t in inputs if answer(theirs, t) != "LookupError"]
    ratios = [best_theirs[t] / best_ours[t] for t in resolved]
    print(
        f"on the {len(resolved)} inputs both resolve: geometric mean {statistics.geometric_mean(ratios):.1f}x, "
        f"min {min(ratios):.1f}x"
    )
    print(f"pycountry cannot resolve {len(inputs) - len(resolved)} of {len(inputs)} inputs")
    print()
    first_use()


if __name__ == "__main__":
    main()
