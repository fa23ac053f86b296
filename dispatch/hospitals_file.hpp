#pragma once
// Destination hospitals and what each can treat. From the map (OSM amenity=hospital: nothing is
// known of their capabilities) or from the county's hospitals file, one of:
//
//   hospitals.csv      header `id,name,lat,lon,capabilities` (any order, RFC 4180 quoting,
//                      optional `name:zh`, `name:en` columns); capabilities `;`-separated:
//                        H1,County People's Hospital,22.7201,114.2468,stroke;chest_pain;trauma
//   hospitals.jsonl    one JSON object a line (also .ndjson):
//                        {"id":"H1","name":"...","lat":22.72,"lon":114.25,"capabilities":["stroke"]}
//
// A capability is any word of lowercase letters and '_' starting with a letter (paediatrics,
// stroke, chest_pain, trauma, obstetrics, burns ...): the center's list grows without a release,
// and a typo in a hospital's row ("Stroke", "chest pain") is refused rather than silently never
// matched.
#include <string>
#include <string_view>
#include <vector>

#include "maps/lat_lon.hpp"
#include "maps/map_point.hpp"

namespace ems120::dispatch {

struct Hospital {
    std::string id;  // unique in a directory
    std::string name;
    std::string name_zh;
    std::string name_en;
    LatLon location;
    std::vector<std::string> capabilities;  // sorted, no repeats; empty when not known

    bool has(std::string_view capability) const;
};

// [a-z][a-z_]*, at most 64 characters.
bool is_capability_word(std::string_view word);

// Reads a hospitals file, by extension (.csv, .jsonl or .ndjson). Throws InputError naming the
// file, and the line for a row's error: a missing or unreadable file, an unknown extension, an
// empty file, a header lacking or repeating a column or naming an unknown one, a row with the
// wrong number of fields or not a JSON object, an empty id or name, a name or id that is not
// UTF-8, a latitude/longitude that is not a number or out of range, a capability that is not a
// capability word (or an empty one between two ';'), an id used twice, no hospitals at all.
std::vector<Hospital> read_hospitals_file(const std::string& path);

// The map's hospitals (OsmMap::hospitals): id = source_id, name = display_name(), no capabilities.
std::vector<Hospital> hospitals_from_map(const std::vector<MapPoint>& points);

// For finding hospitals by name with a PlaceDirectory (kind "hospital", source_id = id).
MapPoint to_map_point(const Hospital& hospital);

}  // namespace ems120::dispatch
