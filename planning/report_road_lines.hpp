#pragma once
// The major roads a report's map draws for orientation: motorway .. tertiary from the road graph,
// joined into polylines through junction-free chains and simplified in pixel space, so the
// Maltese network takes tens of kilobytes of SVG instead of megabytes.
#include <optional>
#include <string>
#include <vector>

#include "maps/road_graph.hpp"
#include "planning/report_map_projection.hpp"

namespace ems120 {

// 0 motorway, 1 trunk, 2 primary, 3 secondary, 4 tertiary (their _link roads with them);
// nothing for minor roads.
std::optional<int> major_road_rank(const std::string& road_class);
inline constexpr int kMajorRoadRanks = 5;

struct RoadLine {
    int rank = 0;
    std::vector<SvgPoint> points;  // at least two
};

// Lines of the major roads with at least one end inside the projection's shown area, each
// simplified (Douglas-Peucker) so no dropped point lies farther than `tolerance_px` from it.
std::vector<RoadLine> major_road_lines(const RoadGraph& graph, const MapProjection& projection, double tolerance_px);

// Douglas-Peucker: the first and last point kept, and every point needed to stay within
// `tolerance` of the original line.
std::vector<SvgPoint> simplified_line(const std::vector<SvgPoint>& points, double tolerance);

}  // namespace ems120
