"""The map of South America at /es/paises/: each country shaded by its number of practices.

The outlines are a committed data file (south_america.json, built by `build.py` from Natural
Earth data shipped in the npm package world-atlas); the counts come from the search service,
so each country's number is the one its filtered listing shows.
"""

import json
from functools import cache
from pathlib import Path

SHADES = 5  # 0 practices, then four classes up to the largest count


@cache
def outlines():
    return json.loads(Path(__file__).with_name("south_america.json").read_text())


def shade(count, largest):
    """0 for no practice, else 1 … SHADES - 1 in proportion to the largest count."""
    if not count:
        return 0
    return max(1, -(-count * (SHADES - 1) // largest))


def legend(largest):
    """[(shade, lowest count, highest count)] of the shades in use, for the map's key."""
    rows = [(0, 0, 0)]
    for level in range(1, SHADES):
        low, high = (level - 1) * largest // (SHADES - 1) + 1, level * largest // (SHADES - 1)
        if low <= high:
            rows.append((level, low, high))
    return rows
