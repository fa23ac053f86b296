#include "planning/report_road_lines.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ems120 {

std::optional<int> major_road_rank(const std::string& road_class) {
    static const char* const ranks[kMajorRoadRanks] = {"motorway", "trunk", "primary", "secondary", "tertiary"};
    for (int r = 0; r < kMajorRoadRanks; ++r) {
        const std::string name = ranks[r];
        if (road_class == name || road_class == name + "_link") return r;
    }
    return std::nullopt;
}

namespace {

double distance_to_segment(SvgPoint p, SvgPoint a, SvgPoint b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    double t = length2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Major segments by node (forward star), with each segment's rank; -1 for segments not drawn.
struct MajorSegments {
    std::vector<int> rank;  // per segment
    std::vector<std::uint32_t> first;
    std::vector<std::uint32_t> segment;

    std::uint32_t degree(NodeId v) const { return first[v.value() + 1] - first[v.value()]; }
};

MajorSegments major_segments(const RoadGraph& graph, const LatLonBox& shown) {
    MajorSegments m;
    std::vector<std::optional<int>> class_rank;
    for (const auto& name : graph.road_class_names) class_rank.push_back(major_road_rank(name));
    m.rank.assign(graph.segments.size(), -1);
    m.first.assign(graph.node_count() + 1, 0);
    for (std::size_t s = 0; s < graph.segments.size(); ++s) {
        const RoadSegment& seg = graph.segments[s];
        const EdgeId edge = seg.a_to_b.valid() ? seg.a_to_b : seg.b_to_a;
        if (!edge.valid()) continue;
        const auto rank = class_rank[graph.road_class[edge.value()]];
        if (!rank || (!shown.contains(graph.at(seg.a)) && !shown.contains(graph.at(seg.b)))) continue;
        m.rank[s] = *rank;
        ++m.first[seg.a.value() + 1];
        ++m.first[seg.b.value() + 1];
    }
    for (std::size_t v = 0; v < graph.node_count(); ++v) m.first[v + 1] += m.first[v];
    m.segment.resize(m.first.back());
    std::vector<std::uint32_t> next(m.first.begin(), m.first.end() - 1);
    for (std::uint32_t s = 0; s < graph.segments.size(); ++s) {
        if (m.rank[s] < 0) continue;
        m.segment[next[graph.segments[s].a.value()]++] = s;
        m.segment[next[graph.segments[s].b.value()]++] = s;
    }
    return m;
}

// Follows the chain from `node` away from the segment just taken while the node joins exactly
// two drawn segments of the same rank, appending each next node.
void extend_chain(const RoadGraph& graph, const MajorSegments& m, std::vector<bool>& used, NodeId node, int rank,
                  std::vector<NodeId>& out) {
    while (m.degree(node) == 2) {
        const std::uint32_t* pair = &m.segment[m.first[node.value()]];
        const std::uint32_t next = used[pair[0]] ? pair[1] : pair[0];
        if (used[next] || m.rank[next] != rank) return;
        used[next] = true;
        const RoadSegment& seg = graph.segments[next];
        node = seg.a == node ? seg.b : seg.a;
        out.push_back(node);
    }
}

}  // namespace

std::vector<SvgPoint> simplified_line(const std::vector<SvgPoint>& points, double tolerance) {
    if (points.size() <= 2) return points;
    std::vector<bool> keep(points.size(), false);
    keep.front() = keep.back() = true;
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, points.size() - 1}};
    while (!spans.empty()) {
        const auto [first, last] = spans.back();
        spans.pop_back();
        double farthest = -1.0;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double d = distance_to_segment(points[i], points[first], points[last]);
            if (d > farthest) farthest = d, at = i;
        }
        if (farthest > tolerance) {
            keep[at] = true;
            spans.push_back({first, at});
            spans.push_back({at, last});
        }
    }
    std::vector<SvgPoint> out;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (keep[i]) out.push_back(points[i]);
    return out;
}

std::vector<RoadLine> major_road_lines(const RoadGraph& graph, const MapProjection& projection, double tolerance_px) {
    const MajorSegments m = major_segments(graph, projection.shown());
    std::vector<bool> used(graph.segments.size(), false);
    std::vector<RoadLine> lines;
    std::vector<NodeId> forward, backward;
    for (std::uint32_t s = 0; s < graph.segments.size(); ++s) {
        if (m.rank[s] < 0 || used[s]) continue;
        used[s] = true;
        const RoadSegment& seg = graph.segments[s];
        forward.assign({seg.a, seg.b});
        backward.clear();
        extend_chain(graph, m, used, seg.b, m.rank[s], forward);
        extend_chain(graph, m, used, seg.a, m.rank[s], backward);
        std::vector<SvgPoint> points;
        points.reserve(forward.size() + backward.size());
        for (auto it = backward.rbegin(); it != backward.rend(); ++it) points.push_back(projection(graph.at(*it)));
        for (const NodeId v : forward) points.push_back(projection(graph.at(v)));
        RoadLine line{m.rank[s], simplified_line(points, tolerance_px)};
        // A line shorter than a pixel only adds bytes.
        const SvgPoint a = line.points.front(), b = line.points.back();
        if (line.points.size() == 2 && std::hypot(a.x - b.x, a.y - b.y) < 0.5) continue;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace ems120
