#include "maps/map_file.hpp"

#include <array>
#include <cstring>
#include <fstream>

#include "maps/input_error.hpp"

namespace ems120 {

namespace {

constexpr std::array<char, 8> kMagic = {'E', 'M', 'S', '1', '2', '0', 'G', '\x1a'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;

// Fixed-size header at offset 0; the payload follows it.
struct Header {
    std::array<char, 8> magic;
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t source_hash;
    std::uint64_t build_hash;
    std::uint64_t payload_bytes;
    std::uint64_t payload_hash;
};
static_assert(sizeof(Header) == 48);

void put_point(BinaryWriter& out, const MapPoint& p) {
    out.put_string(p.source_id);
    out.put_string(p.name);
    out.put_string(p.name_zh);
    out.put_string(p.name_en);
    out.put_string(p.kind);
    out.put(p.location);
    out.put<std::int64_t>(p.population.value_or(-1));
}

MapPoint get_point(BinaryReader& in) {
    MapPoint p;
    p.source_id = in.get_string();
    p.name = in.get_string();
    p.name_zh = in.get_string();
    p.name_en = in.get_string();
    p.kind = in.get_string();
    p.location = in.get<LatLon>();
    if (const auto population = in.get<std::int64_t>(); population >= 0) p.population = population;
    return p;
}

void put_points(BinaryWriter& out, const std::vector<MapPoint>& points) {
    out.put<std::uint64_t>(points.size());
    for (const auto& p : points) put_point(out, p);
}

std::vector<MapPoint> get_points(BinaryReader& in) {
    const auto count = in.get<std::uint64_t>();
    // Every point takes at least 56 bytes, so a count the rest of the file cannot hold is corrupt.
    if (count > in.remaining() / 56) in.fail("point list of " + std::to_string(count) + " entries runs past the end");
    std::vector<MapPoint> points;
    points.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) points.push_back(get_point(in));
    return points;
}

void check_graph(const RoadGraph& g, BinaryReader& in) {
    // The arrays must agree with each other before any query indexes one by another.
    const std::size_t n = g.location.size(), m = g.head.size();
    if (g.osm_node_id.size() != n || g.component.size() != n || g.first_out.size() != n + 1 ||
        g.time_ms.size() != m || g.length_m.size() != m || g.road_class.size() != m || g.osm_way_id.size() != m ||
        g.first_out.back() != m)
        in.fail("road graph arrays disagree in size");
    for (std::size_t v = 0; v < n; ++v)
        if (g.first_out[v] > g.first_out[v + 1]) in.fail("road graph edge offsets are not sorted");
    for (const NodeId h : g.head)
        if (h.value() >= n) in.fail("road graph edge points past the last node");
    for (const auto& s : g.segments)
        if (s.a.value() >= n || s.b.value() >= n || (s.a_to_b.valid() && s.a_to_b.value() >= m) ||
            (s.b_to_a.valid() && s.b_to_a.value() >= m))
            in.fail("road segment points past the graph");
    if (g.copy_of.size() > n) in.fail("more node copies than nodes");
    for (const NodeId v : g.copy_of)
        if (v.value() >= n - g.copy_of.size()) in.fail("a node copy of a node that is not an original");
    for (const EdgeDuplicate& d : g.edge_duplicates)
        if (d.primary.value() >= m || d.duplicate.value() >= m || d.tail.value() >= n) in.fail("edge duplicate points past the graph");
    for (const auto c : g.road_class)
        if (c >= g.road_class_names.size()) in.fail("road class out of range");
}

}  // namespace

MapFileIdentity map_file_identity(std::uint64_t source_hash, const RoadProfile& profile, const GraphOptions& options) {
    // The sizes of the structs stored raw make a layout change show up as a stale cache even if
    // someone forgets to bump kMapFileVersion.
    const std::string build = profile.canonical_text() + "\nmin_component_nodes=" +
                              std::to_string(options.min_component_nodes) + "\nrules=" +
                              std::to_string(kGraphRulesRevision) + "\nlayout=" +
                              std::to_string(kMapFileVersion) + "," + std::to_string(sizeof(GraphBuildStats)) + "," + std::to_string(sizeof(TurnRestrictionStats)) + "," +
                              std::to_string(sizeof(RoadSegment)) + "," + std::to_string(sizeof(LatLon));
    return {source_hash, content_hash(build)};
}

std::string seal_map_file(const MapFileIdentity& identity, std::string_view payload) {
    Header h{kMagic, kMapFileVersion, kByteOrderMark, identity.source_hash, identity.build_hash,
             payload.size(), content_hash(payload)};
    std::string bytes(reinterpret_cast<const char*>(&h), sizeof h);
    bytes.append(payload);
    return bytes;
}

namespace {

// Nothing when the bytes do not start with a valid current-version header; the reason in `why`.
std::optional<Header> parse_header(std::string_view bytes, std::string& why) {
    const bool magic_fits = bytes.size() >= kMagic.size();
    if (magic_fits && std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
        why = "not an ems120 map file (build one with: ems120 build-map FILE.osm.pbf -o FILE.ems)";
        return std::nullopt;
    }
    if (bytes.size() < sizeof(Header)) {
        why = "too short for an ems120 map file (truncated?)";
        return std::nullopt;
    }
    Header h;
    std::memcpy(&h, bytes.data(), sizeof h);
    if (h.byte_order != kByteOrderMark) why = "written on a machine with another byte order";
    else if (h.version != kMapFileVersion)
        why = "format version " + std::to_string(h.version) + ", this ems120 reads version " +
              std::to_string(kMapFileVersion) + " (rebuild it with ems120 build-map)";
    else return h;
    return std::nullopt;
}

}  // namespace

OpenedMapFile open_map_file(std::string_view bytes, const std::string& path) {
    std::string why;
    const auto h = parse_header(bytes, why);
    if (!h) throw InputError(path + ": " + why);
    const std::size_t payload_size = bytes.size() - sizeof(Header);
    if (h->payload_bytes != payload_size)
        throw InputError(path + ": truncated or padded: the header promises " + std::to_string(h->payload_bytes) +
                         " bytes of data, the file has " + std::to_string(payload_size));
    const std::string_view payload = bytes.substr(sizeof(Header));
    if (content_hash(payload) != h->payload_hash) throw InputError(path + ": corrupt (checksum mismatch)");
    return {{h->source_hash, h->build_hash}, payload};
}

bool starts_like_map_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<char, 8> magic{};
    in.read(magic.data(), magic.size());
    return in.gcount() == static_cast<std::streamsize>(magic.size()) && magic == kMagic;
}

std::optional<MapFileIdentity> peek_map_file_identity(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(sizeof(Header), '\0');
    in.read(bytes.data(), sizeof(Header));
    if (in.gcount() != sizeof(Header)) return std::nullopt;
    std::string why;
    const auto h = parse_header(bytes, why);
    if (!h) return std::nullopt;
    return MapFileIdentity{h->source_hash, h->build_hash};
}

void put_osm_map(BinaryWriter& out, const OsmMap& map) {
    map.graph.visit_arrays([&](const auto& array) { out.put_array(array); });
    out.put<std::uint64_t>(map.graph.road_class_names.size());
    for (const auto& name : map.graph.road_class_names) out.put_string(name);
    out.put<std::uint32_t>(map.graph.component_count);
    put_points(out, map.places);
    put_points(out, map.stations);
    put_points(out, map.hospitals);
    put_points(out, map.clinics);
    const MapSummary& s = map.summary;
    out.put_string(s.path);
    for (const std::uint64_t v : {s.file_bytes, s.osm_nodes, s.osm_ways, s.osm_relations, s.road_ways, s.ways_closed_by_access})
        out.put(v);
    out.put_array(std::vector<GraphBuildStats>{s.graph});
    out.put_array(std::vector<TurnRestrictionStats>{s.restrictions});
}

OsmMap get_osm_map(BinaryReader& in) {
    OsmMap map;
    map.graph.visit_arrays([&](auto& array) { in.get_array(array); });
    const auto class_count = in.get<std::uint64_t>();
    if (class_count > 256) in.fail("more than 256 road classes");
    for (std::uint64_t i = 0; i < class_count; ++i) map.graph.road_class_names.push_back(in.get_string());
    map.graph.component_count = in.get<std::uint32_t>();
    check_graph(map.graph, in);
    map.places = get_points(in);
    map.stations = get_points(in);
    map.hospitals = get_points(in);
    map.clinics = get_points(in);
    MapSummary& s = map.summary;
    s.path = in.get_string();
    for (std::uint64_t* v : {&s.file_bytes, &s.osm_nodes, &s.osm_ways, &s.osm_relations, &s.road_ways, &s.ways_closed_by_access})
        *v = in.get<std::uint64_t>();
    std::vector<GraphBuildStats> stats;
    in.get_array(stats);
    if (stats.size() != 1) in.fail("graph statistics missing");
    s.graph = stats.front();
    std::vector<TurnRestrictionStats> restrictions;
    in.get_array(restrictions);
    if (restrictions.size() != 1) in.fail("turn restriction statistics missing");
    s.restrictions = restrictions.front();
    return map;
}

}  // namespace ems120
