"""Build south_america.json, the country outlines of the map at /es/paises/, from Natural Earth.

Source: the npm package `world-atlas` 2.0.2 (ISC licence; its data are Natural Earth's
1:50m Admin 0 countries, public domain), file countries-50m.json (TopoJSON). Run:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m practices.regionmap.build package/countries-50m.json

The outlines are projected (equirectangular, scaled for the region's mid latitude),
simplified (Douglas-Peucker, SIMPLIFY px), rounded to 0.1 px and written as SVG path data
with the view box. Nothing is downloaded when the hub runs: it reads the committed file.
"""

import json
import math
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("south_america.json")
# ISO 3166-1 numeric (Natural Earth's id) → alpha-2, the hub's country codes.
COUNTRIES = {
    "032": "AR", "068": "BO", "076": "BR", "152": "CL", "170": "CO", "218": "EC",
    "328": "GY", "600": "PY", "604": "PE", "740": "SR", "858": "UY", "862": "VE",
}  # fmt: skip
CONTEXT = {"250": "GF"}  # France: only its South American part (French Guiana) is drawn
WEST, EAST, SOUTH, NORTH = -82.0, -34.0, -56.0, 13.0
WIDTH = 480.0
SIMPLIFY = 0.6
MID = math.cos(math.radians((SOUTH + NORTH) / 2))


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices, arcs):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry, arcs):
    if geometry["type"] == "Polygon":
        return [[ring(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def inside(polygon):
    lons = [lon for lon, _lat in polygon[0]]
    lats = [lat for _lon, lat in polygon[0]]
    lon, lat = sum(lons) / len(lons), sum(lats) / len(lats)
    return WEST <= lon <= EAST and SOUTH <= lat <= NORTH


def project(lon, lat, scale):
    return ((lon - WEST) * MID * scale, (NORTH - lat) * scale)


def simplify(points, tolerance):
    """Douglas-Peucker."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-9
    distances = [abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length for x, y in points]
    index = max(range(1, len(points) - 1), key=distances.__getitem__)
    if distances[index] <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_ring(points, tolerance):
    """Douglas-Peucker on a closed ring: split at the point farthest from the start."""
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)


def path(shapes, scale):
    parts = []
    for polygon in shapes:
        for points in polygon:
            projected = simplify_ring([project(lon, lat, scale) for lon, lat in points], SIMPLIFY)
            if len(projected) < 4:
                continue
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in projected[:-1])
            parts.append(f"M{coords}Z")
    return "".join(parts)


def build(source):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    scale = WIDTH / ((EAST - WEST) * MID)
    height = (NORTH - SOUTH) * scale
    countries, context = {}, {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(geometry.get("id")) or CONTEXT.get(geometry.get("id"))
        if code:
            shapes = [p for p in polygons(geometry, arcs) if inside(p)]
            target = countries if code in COUNTRIES.values() else context
            target[code] = path(shapes, scale)
    return {
        "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth 1:50m, public domain)",
        "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}",
        "countries": dict(sorted(countries.items())),
        "context": context,
    }


if __name__ == "__main__":
    data = build(sys.argv[1])
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"{OUTPUT}: {len(data['countries'])} countries, {OUTPUT.stat().st_size} bytes")
