#include "routing/routable_map.hpp"

namespace ems120 {

RoutableMap build_routable_map(const std::string& osm_path, const RoadProfile& profile, const GraphOptions& options,
                               const ProgressCallback& progress) {
    RoutableMap routable;
    routable.map = read_osm_map(osm_path, profile, options, progress);
    const auto ch_progress = [&](double fraction) {
        if (progress) progress("building contraction hierarchy", fraction);
    };
    ch_progress(0.0);
    routable.ch = build_contraction_hierarchy(routable.map.graph, ch_progress);
    ch_progress(1.0);
    return routable;
}

std::string encode_routable_map(const RoutableMap& routable, const MapFileIdentity& identity) {
    BinaryWriter out;
    put_osm_map(out, routable.map);
    routable.ch.visit_arrays([&](const auto& array) { out.put_array(array); });
    return seal_map_file(identity, out.bytes());
}

RoutableMap decode_routable_map(std::string_view file_bytes, const std::string& path, MapFileIdentity* identity) {
    const OpenedMapFile opened = open_map_file(file_bytes, path);
    BinaryReader in(opened.payload, path);
    RoutableMap routable;
    routable.map = get_osm_map(in);
    routable.ch.visit_arrays([&](auto& array) { in.get_array(array); });
    if (!in.at_end()) in.fail("unexpected data after the contraction hierarchy");
    if (const std::string problem = routable.ch.check(routable.map.graph); !problem.empty())
        in.fail("contraction hierarchy: " + problem);
    if (identity) *identity = opened.identity;
    return routable;
}

}  // namespace ems120
