#!/usr/bin/env python3
"""Writes src/world_map/countries.tsv, the world map that region pages draw.

Run by a developer when the map should change, never by the build or the tests:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # Natural Earth 4.1.0
    apt-get install iso-codes                                     # ISO 3166-1 numeric -> alpha-2
    python3 scripts/world-map.py package /usr/share/iso-codes/json/iso_3166-1.json \
        > src/world_map/countries.tsv

It reads the countries of Natural Earth at 1:110m (TopoJSON, ISO numeric ids),
projects them with the Equal Earth projection onto a WIDTH-unit-wide plane,
simplifies each shared border once (Douglas-Peucker, so that neighbours keep one
border), cuts the rings that cross longitude 180 (Russia, Fiji) in two, rounds to
whole units and writes one line per country:

    code  name  x0 y0 x1 y1  path

`code` is the lower-case ISO 3166-1 alpha-2 code (`-` for a territory without one),
`name` Natural Earth's English name, `x0 y0 x1 y1` the box a locator map frames (its
larger parts: France without French Guiana, the United States without Alaska) and
`path` SVG path data with relative coordinates. Countries too small for 1:110m
(Singapore, Malta) come from the 1:50m file as a point: their box is that point and
their path is empty. The output is the same for the same input.
"""

import json
import math
import sys

WIDTH = 1000
TOLERANCE = 0.45  # map units a simplified border may move
FOCUS_SHARE = 0.25  # parts at least this share of the largest part are framed
# Territories without an ISO 3166-1 numeric code that have a code in common use.
NAMED = {"Kosovo": "xk"}

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
# Equal Earth's x at longitude 180 on the equator: half the map's width.
HALF = 2 * math.sqrt(3) * math.pi / (3 * A1)
SCALE = WIDTH / (2 * HALF)


def equal_earth(lon, lat):
    """Equal Earth (Šavrič, Patterson, Jenny 2018), in radians, unscaled."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


Y_MAX = equal_earth(0, 90)[1]
HEIGHT = round(2 * Y_MAX * SCALE)


def project(lon, lat):
    x, y = equal_earth(lon, lat)
    return ((x + HALF) * SCALE, (Y_MAX - y) * SCALE)


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude) points."""
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


def simplify_arc(arc):
    """An arc simplified on the map, its pieces on each side of the antimeridian apart."""
    pieces, start = [], 0
    for i in range(1, len(arc)):
        if abs(arc[i][0] - arc[i - 1][0]) > 180:
            pieces.append(arc[start:i])
            start = i
    pieces.append(arc[start:])
    out = []
    for piece in pieces:
        projected = [project(*p) for p in piece]
        kept = set(map(tuple, simplify(projected, TOLERANCE)))
        out += [p for p, q in zip(piece, projected) if q in kept]
    return out


def unwrapped(ring):
    """The ring with longitudes made continuous (170, 190 rather than 170, -170), and
    whether it closes that way (a ring round a pole does not)."""
    out, shift = [ring[0]], 0
    for (lon0, _), (lon, lat) in zip(ring, ring[1:]):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    return out, shift == 0


def clip(ring, keep, edge):
    """Sutherland-Hodgman: the part of a ring where keep(lon), cut at longitude edge."""
    out = []
    for (a, b) in zip(ring, ring[1:] + ring[:1]):
        if keep(b[0]):
            if not keep(a[0]):
                out.append(crossing(a, b, edge))
            out.append(b)
        elif keep(a[0]):
            out.append(crossing(a, b, edge))
    return out


def crossing(a, b, edge):
    t = (edge - a[0]) / (b[0] - a[0])
    return (edge, a[1] + t * (b[1] - a[1]))


def split_at_antimeridian(ring):
    """A ring that crosses longitude 180 as the rings on each side of it."""
    flat, closes = unwrapped(ring)
    if not closes or all(-180 <= lon <= 180 for lon, _ in flat):
        return [ring]
    pieces = []
    for shift in (-360, 0, 360):
        moved = [(lon + shift, lat) for lon, lat in flat]
        piece = clip(clip(moved, lambda lon: lon <= 180, 180), lambda lon: lon >= -180, -180)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def simplify(points, tolerance):
    """Douglas-Peucker, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / length
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring, arcs):
    """A ring's points from its arc indexes (a negative index is an arc reversed)."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def area(points):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def rounded(points):
    """Whole units, without repeated points; None when too small to draw."""
    out = []
    for x, y in points:
        p = (round(x), round(y))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out if len(set(out)) >= 3 else None


def number_list(numbers):
    """SVG numbers, separated only where needed (a minus sign separates)."""
    text = ""
    for n in numbers:
        text += str(n) if not text or n < 0 else f" {n}"
    return text


def path_data(rings):
    parts = []
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        deltas = []
        for px, py in rest:
            deltas += [px - x, py - y]
            x, y = px, py
        parts.append(f"M{number_list([ring[0][0], ring[0][1]])}l{number_list(deltas)}z")
    return "".join(parts)


def focus_box(parts):
    """The box around the parts at least FOCUS_SHARE of the largest (by area)."""
    largest = max(area(p) for p in parts)
    framed = [p for p in parts if area(p) >= FOCUS_SHARE * largest]
    xs = [x for p in framed for x, _ in p]
    ys = [y for p in framed for _, y in p]
    return [math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys))]


def centroid(points):
    """The centroid of a ring (the mean of its points when it has no area)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    return cx / (3 * a), cy / (3 * a)


def code_of(geometry, alpha2):
    code = alpha2.get(geometry.get("id"))
    return code or NAMED.get(geometry["properties"]["name"], "-")


def countries(topology, alpha2):
    """(code, name, box, path) of each country drawn at this scale."""
    arcs = [simplify_arc(a) for a in decode_arcs(topology)]
    for g in topology["objects"]["countries"]["geometries"]:
        rings = [
            [project(*p) for p in piece]
            for polygon in polygons(g)
            for ring in polygon
            for piece in split_at_antimeridian(ring_points(ring, arcs))
        ]
        drawn = [r for r in map(rounded, rings) if r]
        if not drawn:
            continue
        yield code_of(g, alpha2), g["properties"]["name"], focus_box(rings), path_data(drawn)


def points(topology, alpha2, drawn):
    """(code, name, box, "") of each country of a larger-scale file not drawn: a point."""
    arcs = decode_arcs(topology)
    for g in topology["objects"]["countries"]["geometries"]:
        code = code_of(g, alpha2)
        if code == "-" or code in drawn:
            continue
        outers = [[project(*p) for p in ring_points(polygon[0], arcs)] for polygon in polygons(g)]
        if not outers:
            continue
        x, y = centroid(max(outers, key=area))
        yield code, g["properties"]["name"], [round(x), round(y), round(x), round(y)], ""


def main():
    folder, iso = sys.argv[1], sys.argv[2]
    with open(iso, encoding="utf-8") as f:
        alpha2 = {c["numeric"]: c["alpha_2"].lower() for c in json.load(f)["3166-1"]}
    with open(f"{folder}/countries-110m.json", encoding="utf-8") as f:
        small = json.load(f)
    with open(f"{folder}/countries-50m.json", encoding="utf-8") as f:
        medium = json.load(f)
    rows = list(countries(small, alpha2))
    drawn = {code for code, *_ in rows}
    rows += points(medium, alpha2, drawn)
    rows.sort(key=lambda r: (r[0] == "-", r[0], r[1]))
    print("# World map of broadsheet's region pages: Natural Earth 4.1.0 (public domain),")
    print("# see README.md beside this file. Written by scripts/world-map.py: do not edit.")
    print(f"# width {WIDTH} height {HEIGHT}")
    for code, name, box, path in rows:
        print("\t".join([code, name, " ".join(map(str, box)), path]))


if __name__ == "__main__":
    main()
