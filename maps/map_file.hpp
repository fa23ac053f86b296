#pragma once
// The .ems cache file: a fixed header (magic, format version, byte order, what it was built
// from, payload size and checksum) around a payload written with BinaryWriter. The header is
// checked before anything in the payload is trusted, so a corrupt, truncated, foreign or
// older-version file is refused with a clear error instead of being loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "maps/binary_file.hpp"
#include "maps/osm_map.hpp"

namespace ems120 {

// Bump whenever the payload layout changes (a new array, a new field, a changed meaning).
inline constexpr std::uint32_t kMapFileVersion = 2;  // 2: clinics

// What a cache was built from: a change in either makes it stale.
struct MapFileIdentity {
    std::uint64_t source_hash = 0;  // content_hash of the OSM file
    std::uint64_t build_hash = 0;   // content_hash of the profile and graph options
    bool operator==(const MapFileIdentity&) const = default;
};

MapFileIdentity map_file_identity(std::uint64_t source_hash, const RoadProfile& profile, const GraphOptions& options);

// Header + payload, ready to be written.
std::string seal_map_file(const MapFileIdentity& identity, std::string_view payload);

struct OpenedMapFile {
    MapFileIdentity identity;
    std::string_view payload;  // points into the bytes given to open_map_file
};

// Checks the header and the payload checksum. Throws InputError "<path>: ..." naming what is
// wrong (not an ems120 file, version N where M is supported, truncated, checksum mismatch).
OpenedMapFile open_map_file(std::string_view bytes, const std::string& path);

// Whether the file starts with the .ems magic (false when it cannot be read).
bool starts_like_map_file(const std::string& path);

// Only the header's identity, without reading the payload (to tell whether a cache is stale);
// nothing when the file is missing or its header is not a valid current-version header.
std::optional<MapFileIdentity> peek_map_file_identity(const std::string& path);

// The map itself (graph, places, stations, hospitals, summary) inside a payload.
void put_osm_map(BinaryWriter& out, const OsmMap& map);
OsmMap get_osm_map(BinaryReader& in);

}  // namespace ems120
