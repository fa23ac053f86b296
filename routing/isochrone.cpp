#include "routing/isochrone.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "routing/route_endpoint.hpp"

namespace ems120 {

namespace {

// A local plane around the origin (metres); affine in degrees, so a point is inside a ring in
// degrees exactly when it is inside in metres.
struct LocalPlane {
    double lat0, lon0, kx, ky;
    explicit LocalPlane(LatLon origin)
        : lat0(origin.lat), lon0(origin.lon), kx(111319.49 * std::cos(origin.lat * M_PI / 180.0)), ky(110574.0) {}
    double x(LatLon p) const { return (p.lon - lon0) * kx; }
    double y(LatLon p) const { return (p.lat - lat0) * ky; }
    LatLon at(double x, double y) const { return {lat0 + y / ky, lon0 + x / kx}; }
};

// The reachable parts of one segment as fractions from its node a.
struct Piece {
    SegmentId segment;
    double from, to;
};

class CellGrid {
public:
    CellGrid(double min_x, double min_y, double max_x, double max_y, double cell)
        : cell_(cell),
          // An odd offset keeps junctions off cell edges, where inside/outside would be a coin toss.
          x0_(min_x - 2.37 * cell),
          y0_(min_y - 2.37 * cell),
          cols_(static_cast<std::int64_t>((max_x - x0_) / cell) + 3),
          rows_(static_cast<std::int64_t>((max_y - y0_) / cell) + 3),
          state_(static_cast<std::size_t>(rows_ * cols_), 0) {}

    enum : std::uint8_t { kEmpty = 0, kRoad = 1, kArea = 2, kKept = 4, kNearLate = 8 };

    std::int64_t col(double x) const { return static_cast<std::int64_t>(std::floor((x - x0_) / cell_)); }
    std::int64_t row(double y) const { return static_cast<std::int64_t>(std::floor((y - y0_) / cell_)); }
    bool inside(std::int64_t r, std::int64_t c) const { return r >= 0 && c >= 0 && r < rows_ && c < cols_; }
    std::uint8_t& at(std::int64_t r, std::int64_t c) { return state_[static_cast<std::size_t>(r * cols_ + c)]; }
    bool set(std::int64_t r, std::int64_t c) const {
        return inside(r, c) && (state_[static_cast<std::size_t>(r * cols_ + c)] & (kArea | kKept)) != 0;
    }

    // Lines lie inside the grid by construction (it was sized around them), so the cell of a
    // sample is plain truncation.
    void mark_line(double ax, double ay, double bx, double by) {
        const double length = std::max(std::abs(bx - ax), std::abs(by - ay));  // enough samples on either axis
        const int steps = 1 + static_cast<int>(length / (cell_ / 2));
        const double fx = (ax - x0_) / cell_, fy = (ay - y0_) / cell_;
        const double sx = (bx - ax) / cell_ / steps, sy = (by - ay) / cell_ / steps;
        for (int i = 0; i <= steps; ++i) {
            const auto r = static_cast<std::int64_t>(fy + i * sy), c = static_cast<std::int64_t>(fx + i * sx);
            std::uint8_t& cell = at(r, c);
            if (!(cell & kRoad)) road_cells_.push_back(index(r, c));
            cell |= kRoad;
        }
    }

    void widen_roads() {
        for (const std::int64_t cell : road_cells_) {
            const std::int64_t r = cell / cols_, c = cell % cols_;
            for (std::int64_t dr = -1; dr <= 1; ++dr)
                for (std::int64_t dc = -1; dc <= 1; ++dc)
                    if (inside(r + dr, c + dc)) at(r + dr, c + dc) |= kArea;
        }
    }

    std::size_t count() const {
        return static_cast<std::size_t>(std::count_if(state_.begin(), state_.end(), [](std::uint8_t s) { return s & (kArea | kKept); }));
    }

    // Boundary of the set cells as rings of corner points, region on the left: outer rings
    // counter-clockwise, holes clockwise.
    // Each ring also names a cell just inside it (on its left), to tell which region it bounds.
    struct Traced {
        std::vector<std::vector<std::pair<double, double>>> rings;
        std::vector<std::int64_t> inside_cell;
    };
    Traced trace() const;

    // Regions of set cells joined by sides (as the traced rings bound them): per cell its
    // region number, -1 where not set.
    std::vector<std::int32_t> regions() const;

    double cell() const { return cell_; }
    double min_x() const { return x0_; }
    double min_y() const { return y0_; }
    double max_x() const { return x0_ + static_cast<double>(cols_) * cell_; }
    double max_y() const { return y0_ + static_cast<double>(rows_) * cell_; }
    std::int64_t index(std::int64_t r, std::int64_t c) const { return r * cols_ + c; }
    // How far (x, y) is from cell (r, c) in the larger of the two axes (0 inside it): a square
    // of half-side h around the point overlaps the cell exactly when this is below h.
    double chebyshev_distance_to_cell(std::int64_t r, std::int64_t c, double x, double y) const {
        const double left = x0_ + static_cast<double>(c) * cell_, bottom = y0_ + static_cast<double>(r) * cell_;
        const double dx = std::max({left - x, 0.0, x - (left + cell_)});
        const double dy = std::max({bottom - y, 0.0, y - (bottom + cell_)});
        return std::max(dx, dy);
    }

private:
    double cell_, x0_, y0_;
    std::int64_t cols_, rows_;
    std::vector<std::uint8_t> state_;
    std::vector<std::int64_t> road_cells_;
};

std::vector<std::int32_t> CellGrid::regions() const {
    std::vector<std::int32_t> region(state_.size(), -1);
    std::vector<std::int64_t> stack;
    std::int32_t next = 0;
    for (std::int64_t start = 0; start < rows_ * cols_; ++start) {
        if (region[static_cast<std::size_t>(start)] >= 0 || !set(start / cols_, start % cols_)) continue;
        region[static_cast<std::size_t>(start)] = next;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::int64_t cell = stack.back();
            stack.pop_back();
            const std::int64_t r = cell / cols_, c = cell % cols_;
            for (const auto& [dr, dc] : {std::pair{-1, 0}, std::pair{1, 0}, std::pair{0, -1}, std::pair{0, 1}}) {
                if (!set(r + dr, c + dc)) continue;
                std::int32_t& mark = region[static_cast<std::size_t>(index(r + dr, c + dc))];
                if (mark >= 0) continue;
                mark = next;
                stack.push_back(index(r + dr, c + dc));
            }
        }
        ++next;
    }
    return region;
}

CellGrid::Traced CellGrid::trace() const {
    // Directed boundary edges between grid corners (corner id = r * (cols_ + 1) + c).
    struct Edge {
        std::int64_t from, to;
    };
    std::vector<Edge> edges;
    const std::int64_t w = cols_ + 1;
    for (std::int64_t r = 0; r < rows_; ++r)
        for (std::int64_t c = 0; c < cols_; ++c) {
            if (!set(r, c)) continue;
            if (!set(r - 1, c)) edges.push_back({r * w + c, r * w + c + 1});
            if (!set(r, c + 1)) edges.push_back({r * w + c + 1, (r + 1) * w + c + 1});
            if (!set(r + 1, c)) edges.push_back({(r + 1) * w + c + 1, (r + 1) * w + c});
            if (!set(r, c - 1)) edges.push_back({(r + 1) * w + c, r * w + c});
        }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.from < b.from; });
    std::vector<std::uint8_t> used(edges.size(), 0);
    const auto outgoing = [&](std::int64_t corner) {
        return std::equal_range(edges.begin(), edges.end(), Edge{corner, 0},
                                [](const Edge& a, const Edge& b) { return a.from < b.from; });
    };
    const auto direction = [&](const Edge& e) {
        const std::int64_t dr = e.to / w - e.from / w, dc = e.to % w - e.from % w;
        return std::pair<std::int64_t, std::int64_t>{dr, dc};
    };
    Traced traced;
    auto& rings = traced.rings;
    // The cell on the left of a boundary edge (the region side).
    const auto left_cell = [&](const Edge& e) {
        const std::int64_t r = e.from / w, c = e.from % w;
        const auto [dr, dc] = direction(e);
        if (dc == 1) return index(r, c);
        if (dr == 1) return index(r, c - 1);
        if (dc == -1) return index(r - 1, c - 1);
        return index(r - 1, c);
    };
    const auto corner = [&](std::int64_t id) {
        return std::pair<double, double>{x0_ + static_cast<double>(id % w) * cell_, y0_ + static_cast<double>(id / w) * cell_};
    };
    for (std::size_t start = 0; start < edges.size(); ++start) {
        if (used[start]) continue;
        std::vector<std::pair<double, double>> ring;
        std::size_t current = start;
        std::pair<std::int64_t, std::int64_t> previous{0, 0};
        for (;;) {
            used[current] = 1;
            const auto d = direction(edges[current]);
            if (d != previous) ring.push_back(corner(edges[current].from));  // straight runs keep their ends only
            previous = d;
            // Where two cells touch only at a corner there are two ways on; turning left keeps
            // the rings from crossing.
            const auto [first, last] = outgoing(edges[current].to);
            std::size_t next = edges.size();
            for (auto it = first; it != last; ++it) {
                const auto i = static_cast<std::size_t>(it - edges.begin());
                if (used[i] && i != start) continue;
                const auto nd = direction(*it);
                if (next == edges.size() || (nd.first == d.second && nd.second == -d.first)) next = i;
            }
            if (next == edges.size() || next == start) break;
            current = next;
        }
        // The start point is redundant when the ring arrives back in the direction it left.
        if (ring.size() > 1 && previous == direction(edges[start])) ring.erase(ring.begin());
        ring.push_back(ring.front());
        if (ring.size() >= 4) {
            rings.push_back(std::move(ring));
            traced.inside_cell.push_back(left_cell(edges[start]));
        }
    }
    return traced;
}

struct PlanePoint {
    std::int64_t cell;
    double x, y;
};

// A late junction sharing a cell with junctions reached in time: a small rectangular hole around
// it. The hole stays clear of every reached junction and every other late one nearby (so holes
// never overlap), and inside the area: where a neighbouring cell is empty, the hole stops short of
// that side of its cell instead of shrinking on all sides (a junction a millimetre from the
// area's edge still gets its hole). Only a late junction standing where a reached one stands
// (within a few millimetres) keeps no hole: the reached one wins.
void cut_late_junctions(Isochrone& iso, const CellGrid& grid, const LocalPlane& plane, std::vector<PlanePoint>& kept,
                        std::vector<PlanePoint>& late, const std::vector<std::int32_t>& region,
                        const std::vector<std::int32_t>& polygon_of_region) {
    if (late.empty()) return;
    const auto by_cell = [](const PlanePoint& a, const PlanePoint& b) { return a.cell < b.cell; };
    const auto same_spot = [](const PlanePoint& a, const PlanePoint& b) { return a.x == b.x && a.y == b.y; };
    std::sort(kept.begin(), kept.end(), by_cell);
    std::sort(late.begin(), late.end(), [](const PlanePoint& a, const PlanePoint& b) {
        return std::tie(a.cell, a.x, a.y) < std::tie(b.cell, b.x, b.y);
    });
    late.erase(std::unique(late.begin(), late.end(), same_spot), late.end());  // one hole for junctions at one spot
    const double cell = grid.cell();
    for (const PlanePoint& p : late) {
        const std::int64_t row = grid.row(p.y), col = grid.col(p.x);
        // Reached and late junctions nearby: a square of this half-side keeps clear of them all.
        double clear = cell / 8;
        for (std::int64_t dr = -1; dr <= 1; ++dr)
            for (std::int64_t dc = -1; dc <= 1; ++dc) {
                if (!grid.inside(row + dr, col + dc)) continue;
                const PlanePoint key{grid.index(row + dr, col + dc), 0, 0};
                for (const auto* points : {&kept, &late}) {
                    const auto [first, last] = std::equal_range(points->begin(), points->end(), key, by_cell);
                    for (auto it = first; it != last; ++it)
                        if (!same_spot(*it, p) || points == &kept)
                            clear = std::min(clear, 0.4 * std::max(std::abs(it->x - p.x), std::abs(it->y - p.y)));
                }
            }
        // Then each side stops short of an empty neighbouring cell: a side neighbour limits its
        // side; a corner neighbour the one of its two sides with more room.
        const double west = p.x - (grid.min_x() + static_cast<double>(col) * cell), east = cell - west;
        const double south = p.y - (grid.min_y() + static_cast<double>(row) * cell), north = cell - south;
        double left = clear, right = clear, down = clear, up = clear;
        const auto empty = [&](std::int64_t dr, std::int64_t dc) { return !grid.set(row + dr, col + dc); };
        if (empty(0, -1)) left = std::min(left, 0.9 * west);
        if (empty(0, 1)) right = std::min(right, 0.9 * east);
        if (empty(-1, 0)) down = std::min(down, 0.9 * south);
        if (empty(1, 0)) up = std::min(up, 0.9 * north);
        const auto corner = [](bool is_empty, double& side_x, double room_x, double& side_y, double room_y) {
            if (!is_empty || side_x < room_x || side_y < room_y) return;
            if (room_x >= room_y) side_x = std::min(side_x, 0.9 * room_x);
            else side_y = std::min(side_y, 0.9 * room_y);
        };
        corner(empty(-1, -1), left, west, down, south);
        corner(empty(-1, 1), right, east, down, south);
        corner(empty(1, -1), left, west, up, north);
        corner(empty(1, 1), right, east, up, north);
        if (std::min({left, right, down, up}) < 0.001) continue;  // where a reached junction stands
        const Ring hole = {plane.at(p.x - left, p.y - down), plane.at(p.x - left, p.y + up), plane.at(p.x + right, p.y + up),
                           plane.at(p.x + right, p.y - down), plane.at(p.x - left, p.y - down)};  // clockwise
        const std::int32_t r = region[static_cast<std::size_t>(p.cell)];
        if (r >= 0 && static_cast<std::size_t>(r) < polygon_of_region.size() && polygon_of_region[static_cast<std::size_t>(r)] >= 0)
            iso.polygons[static_cast<std::size_t>(polygon_of_region[static_cast<std::size_t>(r)])].holes.push_back(hole);
    }
}

double signed_area(const std::vector<std::pair<double, double>>& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        a += ring[i].first * ring[i + 1].second - ring[i + 1].first * ring[i].second;
    return a / 2;
}


}  // namespace

bool ring_contains(const Ring& ring, LatLon p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LatLon a = ring[i], b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

bool polygon_contains(const IsochronePolygon& polygon, LatLon p) {
    if (!ring_contains(polygon.outer, p)) return false;
    for (const Ring& hole : polygon.holes)
        if (ring_contains(hole, p)) return false;
    return true;
}

IsochroneQuery::IsochroneQuery(const RoadGraph& graph, const ContractionHierarchy& ch)
    : graph_(&graph),
      sweep_(ch),
      junction_time_(graph.node_count(), kUnreachable),
      longest_in_(graph.node_count(), 0),
      segment_of_edge_(graph.edge_count(), 0),
      segment_stamp_(graph.segments.size(), 0),
      junction_stamp_(graph.node_count(), 0),
      reach_from_a_(graph.segments.size(), -1.0f),
      reach_from_b_(graph.segments.size(), -1.0f) {
    for (std::uint32_t e = 0; e < graph.edge_count(); ++e) {
        TravelTime& longest = longest_in_[graph.original(graph.head[e]).value()];
        longest = std::max(longest, graph.time_ms[e]);
        longest_edge_ = std::max(longest_edge_, graph.time_ms[e]);
    }
    for (std::uint32_t s = 0; s < graph.segments.size(); ++s) {
        if (graph.segments[s].a_to_b.valid()) segment_of_edge_[graph.segments[s].a_to_b.value()] = s << 1;
        if (graph.segments[s].b_to_a.valid()) segment_of_edge_[graph.segments[s].b_to_a.value()] = s << 1 | 1;
    }
    for (const EdgeDuplicate& d : graph.edge_duplicates) segment_of_edge_[d.duplicate.value()] = segment_of_edge_[d.primary.value()];
}

std::vector<Isochrone> IsochroneQuery::compute(const Snap& origin, std::span<const TravelTime> limits, double cell_m) {
    const RoadGraph& g = *graph_;
    std::vector<Isochrone> result;
    if (!origin.found() || limits.empty()) return result;
    std::vector<SourceSeed> seeds;
    for (const NodeSeed& s : departures_from(g, origin)) seeds.push_back({s.node, s.time, 0});
    sweep_.run(seeds);
    // Only nodes reached within the largest limit plus the longest edge matter: anything later
    // is late for every limit. Scanning labels in rank order reads memory in sequence.
    const TravelTime largest = *std::max_element(limits.begin(), limits.end());
    const std::uint64_t horizon = std::uint64_t{largest} + longest_edge_;
    reached_.clear();
    const ContractionHierarchy& ch = sweep_.hierarchy();
    for (Rank r = 0; r < ch.node_count(); ++r)
        if (const TravelTime t = sweep_.time_at_rank(r); t <= horizon) reached_.push_back({ch.node_of_rank[r], t});
    std::fill(junction_time_.begin(), junction_time_.end(), kUnreachable);
    for (const Reached& x : reached_) {
        TravelTime& t = junction_time_[g.original(x.node).value()];
        t = std::min(t, x.time);
    }
    const LocalPlane plane(origin.point);

    for (const TravelTime limit : limits) {
        Isochrone iso;
        iso.limit = limit;
        // How far along each segment is reached from either end (through any edge that drives
        // it, duplicates after restricted turns included); the origin's own segment also from the
        // origin outwards.
        ++stamp_;
        touched_.clear();
        const auto touch = [&](std::uint32_t s) {
            if (segment_stamp_[s] == stamp_) return;
            segment_stamp_[s] = stamp_;
            reach_from_a_[s] = reach_from_b_[s] = -1.0f;
            touched_.push_back(s);
        };
        for (const Reached& x : reached_) {
            if (x.time > limit) continue;
            for (std::uint32_t e = g.out_begin(x.node); e < g.out_end(x.node); ++e) {
                const std::uint32_t code = segment_of_edge_[e], s = code >> 1;
                const auto f = static_cast<float>(
                    std::min(1.0, static_cast<double>(limit - x.time) / std::max<TravelTime>(1, g.time_ms[e])));
                touch(s);
                float& reach = (code & 1) ? reach_from_b_[s] : reach_from_a_[s];
                reach = std::max(reach, f);
            }
        }
        touch(origin.segment.value());
        std::vector<Piece> pieces;
        for (const std::uint32_t i : touched_) {
            const RoadSegment& s = g.segments[i];
            std::array<std::pair<double, double>, 4> parts;
            std::size_t count = 0;
            if (reach_from_a_[i] >= 0) parts[count++] = {0.0, reach_from_a_[i]};
            if (reach_from_b_[i] >= 0) parts[count++] = {1.0 - reach_from_b_[i], 1.0};
            if (SegmentId(i) == origin.segment) {
                const double f0 = origin.fraction;
                if (s.a_to_b.valid())
                    parts[count++] = {f0, std::min(1.0, f0 + static_cast<double>(limit) / std::max<TravelTime>(1, g.time(s.a_to_b)))};
                if (s.b_to_a.valid())
                    parts[count++] = {std::max(0.0, f0 - static_cast<double>(limit) / std::max<TravelTime>(1, g.time(s.b_to_a))), f0};
            }
            std::sort(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(count));
            for (std::size_t k = 0; k < count; ++k) {
                if (parts[k].second <= parts[k].first) continue;  // a junction reached just at the limit
                if (!pieces.empty() && pieces.back().segment == SegmentId(i) && parts[k].first <= pieces.back().to)
                    pieces.back().to = std::max(pieces.back().to, parts[k].second);
                else
                    pieces.push_back({SegmentId(i), parts[k].first, parts[k].second});
            }
        }

        double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
        for (const Piece& p : pieces) {
            const RoadSegment& s = g.segment(p.segment);
            const LatLon a = g.at(s.a), b = g.at(s.b);
            const LatLon from{a.lat + p.from * (b.lat - a.lat), a.lon + p.from * (b.lon - a.lon)};
            const LatLon to{a.lat + p.to * (b.lat - a.lat), a.lon + p.to * (b.lon - a.lon)};
            iso.roads.push_back({from, to});
            const EdgeId e = s.a_to_b.valid() ? s.a_to_b : s.b_to_a;
            iso.road_km += (p.to - p.from) * g.length_m[e.value()] / 1000.0;
            for (const LatLon q : {from, to}) {
                min_x = std::min(min_x, plane.x(q));
                max_x = std::max(max_x, plane.x(q));
                min_y = std::min(min_y, plane.y(q));
                max_y = std::max(max_y, plane.y(q));
            }
        }
        const double extent = std::max(max_x - min_x, max_y - min_y);
        iso.cell_m = cell_m > 0 ? cell_m : std::clamp(extent / 300.0, 25.0, 250.0);
        CellGrid grid(min_x, min_y, max_x, max_y, iso.cell_m);
        for (const auto& [from, to] : iso.roads) grid.mark_line(plane.x(from), plane.y(from), plane.x(to), plane.y(to));
        grid.widen_roads();
        // Junctions reached in time keep their cells; junctions reached only more than one edge
        // after the limit (or never) take theirs out of the area. Where both share a cell, the
        // cell stays and the late junction gets a tiny square hole of its own.
        std::vector<PlanePoint> kept, late;
        const std::uint32_t originals = static_cast<std::uint32_t>(g.node_count() - g.copy_of.size());
        for (const Reached& x : reached_) {
            if (x.time > limit) continue;
            const LatLon at = g.at(x.node);
            const std::int64_t r = grid.row(plane.y(at)), c = grid.col(plane.x(at));
            if (grid.inside(r, c)) grid.at(r, c) |= CellGrid::kKept;
            if (std::uint32_t& seen = junction_stamp_[g.original(x.node).value()]; seen != stamp_) {
                seen = stamp_;  // a junction and its copies count once
                ++iso.junctions_reached;
            }
        }
        const LatLonBox box{plane.at(0, grid.min_y()).lat, plane.at(grid.min_x(), 0).lon, plane.at(0, grid.max_y()).lat,
                            plane.at(grid.max_x(), 0).lon};
        for (std::uint32_t v = 0; v < originals; ++v) {
            if (!box.contains(g.location[v]) ||
                std::uint64_t{junction_time_[v]} <= std::uint64_t{limit} + longest_in_[v])
                continue;
            const double x = plane.x(g.location[v]), y = plane.y(g.location[v]);
            const std::int64_t r = grid.row(y), c = grid.col(x);
            if (!grid.inside(r, c)) continue;
            if (grid.at(r, c) & CellGrid::kKept) late.push_back({grid.index(r, c), x, y});
            else grid.at(r, c) = CellGrid::kEmpty;
        }
        // Reached junctions matter for the cut-outs only in and around cells that hold late ones.
        if (!late.empty()) {
            for (const PlanePoint& p : late)
                for (std::int64_t dr = -1; dr <= 1; ++dr)
                    for (std::int64_t dc = -1; dc <= 1; ++dc)
                        if (grid.inside(grid.row(p.y) + dr, grid.col(p.x) + dc)) grid.at(grid.row(p.y) + dr, grid.col(p.x) + dc) |= CellGrid::kNearLate;
            for (const Reached& x : reached_) {
                if (x.time > limit) continue;
                const double px = plane.x(g.at(x.node)), py = plane.y(g.at(x.node));
                const std::int64_t r = grid.row(py), c = grid.col(px);
                if (grid.inside(r, c) && (grid.at(r, c) & CellGrid::kNearLate)) kept.push_back({grid.index(r, c), px, py});
            }
        }
        iso.area_km2 = static_cast<double>(grid.count()) * iso.cell_m * iso.cell_m / 1e6;

        // Rings to polygons: each hole goes to the smallest outer ring around it.
        // Rings to polygons through the regions of cells: an outer ring and its holes bound the
        // same region; islands inside a hole are regions of their own.
        const CellGrid::Traced traced = grid.trace();
        const std::vector<std::int32_t> region = grid.regions();
        const auto to_ring = [&](const std::vector<std::pair<double, double>>& planar) {
            Ring ring;
            ring.reserve(planar.size());
            for (const auto& [x, y] : planar) ring.push_back(plane.at(x, y));
            return ring;
        };
        std::vector<std::int32_t> polygon_of_region;
        for (std::size_t i = 0; i < traced.rings.size(); ++i) {
            if (signed_area(traced.rings[i]) <= 0) continue;
            const auto r = static_cast<std::size_t>(region[static_cast<std::size_t>(traced.inside_cell[i])]);
            if (polygon_of_region.size() <= r) polygon_of_region.resize(r + 1, -1);
            polygon_of_region[r] = static_cast<std::int32_t>(iso.polygons.size());
            iso.polygons.push_back({to_ring(traced.rings[i]), {}});
        }
        for (std::size_t i = 0; i < traced.rings.size(); ++i) {
            if (signed_area(traced.rings[i]) > 0) continue;
            const auto r = static_cast<std::size_t>(region[static_cast<std::size_t>(traced.inside_cell[i])]);
            if (r < polygon_of_region.size() && polygon_of_region[r] >= 0)
                iso.polygons[static_cast<std::size_t>(polygon_of_region[r])].holes.push_back(to_ring(traced.rings[i]));
        }
        cut_late_junctions(iso, grid, plane, kept, late, region, polygon_of_region);
        result.push_back(std::move(iso));
    }
    return result;
}

}  // namespace ems120
