"""Where services are: distances, and the neighbourhoods and towns a worker can search near.

HSDS 3.0 has no neighbourhood field. paratrain takes place names from each location's physical
address, ``region`` (the Riverbend directory puts the neighbourhood there) and ``city``, and
puts each name at the centre of the services that carry it.
"""

from __future__ import annotations

import math

from paratrain.errors import DirectoryError

from .directory import Directory


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points.

    Parameters
    ----------
    a, b:
        Points in decimal degrees (WGS84).

    Returns
    -------
    float
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def places(directory: Directory) -> dict[str, tuple[float, float]]:
    """Neighbourhoods and towns in the directory's addresses, with the centre of their services.

    Parameters
    ----------
    directory:
        A loaded directory.

    Returns
    -------
    dict
        Name -> (latitude, longitude), sorted by name.
    """
    points: dict[str, list[tuple[float, float]]] = {}
    for o in directory.catalog:
        if o.latitude is None or o.longitude is None:
            continue
        for name in {o.neighbourhood, o.city} - {""}:
            points.setdefault(name, []).append((o.latitude, o.longitude))
    return {
        name: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
        for name, ps in sorted(points.items())
    }


def resolve_near(
    d: Directory, near: tuple[float, float] | str | None
) -> tuple[float, float] | None:
    """A point from ``(latitude, longitude)`` or a place name known to :func:`places`.

    Parameters
    ----------
    d:
        The directory whose places are searched.
    near:
        A point, a name (any letter case) or ``None``.

    Returns
    -------
    tuple or None

    Raises
    ------
    DirectoryError
        When the name is not a place in the directory; the hint lists the known ones.
    """
    if near is None or not isinstance(near, str):
        return near
    known = places(d)
    for name, point in known.items():
        if name.lower() == near.strip().lower():
            return point
    raise DirectoryError(
        f"no neighbourhood or town called {near!r} in this directory.",
        path=d.path,
        hint="Known places: " + (", ".join(known) or "none (no addresses with coordinates)"),
    )
