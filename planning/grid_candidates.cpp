#include "planning/grid_candidates.hpp"

#include <cmath>
#include <string>
#include <unordered_set>

#include "maps/geodesy.hpp"

namespace ems120 {

std::vector<MapPoint> grid_candidates(const RoadGraph& graph, const SegmentIndex& index, double cell_m, double max_snap_m) {
    LatLonBox roads;
    for (const LatLon& p : graph.location) roads.extend(p);
    if (roads.empty() || !(cell_m > 0)) return {};
    const LatLon centre{(roads.min_lat + roads.max_lat) / 2, (roads.min_lon + roads.max_lon) / 2};
    const LatLonBox cell = box_around(centre, cell_m / 2);
    const double dlat = cell.max_lat - cell.min_lat, dlon = cell.max_lon - cell.min_lon;
    const double reach_m = std::min(cell_m / std::sqrt(2.0), max_snap_m);
    const auto rows = static_cast<std::uint32_t>(std::ceil((roads.max_lat - roads.min_lat) / dlat)) + 1;
    const auto columns = static_cast<std::uint32_t>(std::ceil((roads.max_lon - roads.min_lon) / dlon)) + 1;
    std::unordered_set<std::uint32_t> segments_taken;
    std::vector<MapPoint> sites;
    for (std::uint32_t r = 0; r < rows; ++r)
        for (std::uint32_t c = 0; c < columns; ++c) {
            const LatLon at{roads.min_lat + (r + 0.5) * dlat, roads.min_lon + (c + 0.5) * dlon};
            const Snap snap = index.nearest(at);
            if (!snap.found() || snap.distance_m > reach_m || !segments_taken.insert(snap.segment.value()).second) continue;
            const std::string cell_name = std::to_string(r + 1) + "-" + std::to_string(c + 1);
            MapPoint p;
            p.source_id = "grid:" + cell_name;
            p.name = "grid cell " + cell_name;
            p.kind = "grid";
            p.location = snap.point;
            sites.push_back(std::move(p));
        }
    return sites;
}

}  // namespace ems120
