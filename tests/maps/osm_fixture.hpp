#pragma once
// Tiny OSM maps written inline: nodes on the equator 0.001 degrees of longitude apart, which is
// 111.319 m on WGS84, so travel times can be worked out by hand.
#include <string>

#include "maps/osm_map.hpp"
#include "tests/support/temp_dir.hpp"

namespace ems120::test {

// Metres between two equator nodes 0.001 degrees apart (WGS84 semi-major axis x angle).
inline constexpr double kStepM = 6378137.0 * 0.001 * 3.14159265358979323846 / 180.0;

inline TravelTime expected_ms(double metres, double kmh) {
    return static_cast<TravelTime>(std::max(1.0, std::round(metres * 3600.0 / kmh)));
}

// <node> on the equator at longitude index * 0.001.
inline std::string equator_node(int id, int index, const std::string& tags = "") {
    return "<node id='" + std::to_string(id) + "' lat='0' lon='" + std::to_string(index * 0.001) + "' version='1'>" +
           tags + "</node>\n";
}

inline std::string tag(const std::string& k, const std::string& v) { return "<tag k='" + k + "' v='" + v + "'/>"; }

inline std::string way(int id, std::initializer_list<int> nodes, const std::string& tags) {
    std::string s = "<way id='" + std::to_string(id) + "' version='1'>";
    for (int n : nodes) s += "<nd ref='" + std::to_string(n) + "'/>";
    return s + tags + "</way>\n";
}

inline OsmMap read_fixture(const TempDir& dir, const std::string& body, std::uint32_t min_component = 1,
                           const RoadProfile& profile = RoadProfile::ambulance_default()) {
    const std::string path = dir.write("fixture.osm", osm_xml(body));
    return read_osm_map(path, profile, GraphOptions{min_component});
}

// The directed edge between two OSM nodes, or an invalid id.
inline EdgeId edge_between(const RoadGraph& g, std::int64_t from_osm, std::int64_t to_osm) {
    for (std::uint32_t v = 0; v < g.node_count(); ++v) {
        if (g.osm_node_id[v] != from_osm) continue;
        for (std::uint32_t e = g.first_out[v]; e < g.first_out[v + 1]; ++e)
            if (g.osm_node_id[g.head[e].value()] == to_osm) return EdgeId(e);
    }
    return EdgeId::invalid();
}

}  // namespace ems120::test
