"""The gazetteer's entries: the feature kinds and the ``Gazetteer`` columns. The builder
(``build.py``) fills one, ``gazetteer.py`` caches and loads it; both import it from here, so that
neither imports the other's caller (no import cycle)."""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

CITY, ADMIN1, COUNTRY, ADMIN2, CONTINENT, FEATURE = 0, 1, 2, 3, 4, 5
FEATURE_NAMES = {CITY: "city", ADMIN1: "admin1", COUNTRY: "country", ADMIN2: "admin2", CONTINENT: "continent",
                 FEATURE: "feature"}  # feature: a lake, river, mountain, desert, region (GeoNames H, T, L)


@dataclass(slots=True)
class Gazetteer:
    """Parallel columns, one row per entry; ``exact``/``loose`` map name keys to entry rows."""

    kind: array = field(default_factory=lambda: array("b"))
    name: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)  # ISO 3166-2 code
    admin2: list[str | None] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    geonames_id: array = field(default_factory=lambda: array("q"))
    exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    loose: dict[str, tuple[int, ...]] = field(default_factory=dict)
    admin1_name: dict[str, str] = field(default_factory=dict)  # ISO code -> display name
    admin1_row: dict[str, int] = field(default_factory=dict)
    country_row: dict[str, int] = field(default_factory=dict)
    continent_row: dict[str, int] = field(default_factory=dict)  # GeoNames continent code -> row
    admin1_rule: dict[str, str] = field(default_factory=dict)  # ISO code -> how it was paired
    capitals: frozenset[int] = frozenset()  # rows of national capitals (GeoNames PPLC)
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Ky." -> row, matched on the surface
    iso_of_group: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, GeoNames admin1) -> ISO
    geonames_rows: dict[int, int] = field(default_factory=dict)  # geonameid -> row, filled on first use
    max_words: int = 6
    fingerprint: str = ""
    imported: object = None  # an ImportedIndex (the user's GeoNames import), attached after loading

    def exact_rows(self, key: str) -> tuple[int, ...]:
        rows = self.exact.get(key, ())
        if self.imported is not None:
            rows = _merge(rows, self.imported.rows(self, key, loose=False))
        return rows

    def loose_rows(self, key: str) -> tuple[int, ...]:
        rows = self.loose.get(key, ())
        if self.imported is not None:
            rows = _merge(rows, self.imported.rows(self, key, loose=True))
        return rows

    def row_of_geonames_id(self, geonames_id: int) -> int | None:
        if not self.geonames_rows:
            self.geonames_rows = {gid: row for row, gid in enumerate(self.geonames_id) if gid}
        return self.geonames_rows.get(geonames_id)

    def __getstate__(self):
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "imported"}

    def __setstate__(self, state):
        for name in self.__dataclass_fields__:
            setattr(self, name, state.get(name))
        self.imported = None

    def add(self, kind: int, name: str, cc: str, admin1: str | None, lat: float, lon: float,
            population: int, geonames_id: int, admin2: str | None = None) -> int:
        self.kind.append(kind)
        self.name.append(name)
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(population)
        self.geonames_id.append(geonames_id)
        return len(self.name) - 1

    def __len__(self) -> int:
        return len(self.name)


def _merge(packaged: tuple[int, ...], imported: tuple[int, ...]) -> tuple[int, ...]:
    if not imported:
        return packaged
    return packaged + tuple(r for r in imported if r not in packaged)
