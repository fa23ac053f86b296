#pragma once
// Spatial index over the road segments of a RoadGraph: snaps a coordinate to the nearest point
// on a drivable segment (not the nearest node). Built once, then read-only and thread-safe.
#include <cstdint>
#include <vector>

#include "maps/road_graph.hpp"

namespace ems120 {

struct Snap {
    SegmentId segment;        // invalid when nothing was found
    double fraction = 0.0;    // position along the segment, 0 at node a, 1 at node b
    LatLon point;             // the snapped point on the segment
    double distance_m = 0.0;  // geodesic distance from the query point to `point`

    bool found() const { return segment.valid(); }
};

class SegmentIndex {
public:
    // `graph` must outlive the index.
    explicit SegmentIndex(const RoadGraph& graph);

    // The nearest point on any segment, however far; not found only when the graph is empty.
    Snap nearest(LatLon query) const;

    const RoadGraph& graph() const { return *graph_; }

private:
    std::uint32_t row_of(double lat) const;  // clamped to the grid
    std::uint32_t col_of(double lon) const;
    // No segment outside the first `ring` rings of cells around (row, col) is nearer than this
    // (planar metres).
    double ring_lower_bound(LatLon query, double x_scale, std::int64_t row, std::int64_t col, std::int64_t ring) const;

    const RoadGraph* graph_;
    LatLonBox bounds_;
    double cell_deg_lat_ = 0.0;
    double cell_deg_lon_ = 0.0;
    std::uint32_t rows_ = 0;
    std::uint32_t cols_ = 0;
    std::vector<std::uint32_t> cell_start_;  // rows_*cols_+1 offsets into cell_segments_
    std::vector<SegmentId> cell_segments_;
};

}  // namespace ems120
