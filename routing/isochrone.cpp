#include "routing/isochrone.hpp"

#include <algorithm>
#include <cmath>

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

    enum : std::uint8_t { kEmpty = 0, kRoad = 1, kArea = 2, kKept = 4 };

    std::int64_t col(double x) const { return static_cast<std::int64_t>(std::floor((x - x0_) / cell_)); }
    std::int64_t row(double y) const { return static_cast<std::int64_t>(std::floor((y - y0_) / cell_)); }
    bool inside(std::int64_t r, std::int64_t c) const { return r >= 0 && c >= 0 && r < rows_ && c < cols_; }
    std::uint8_t& at(std::int64_t r, std::int64_t c) { return state_[static_cast<std::size_t>(r * cols_ + c)]; }
    bool set(std::int64_t r, std::int64_t c) const {
        return inside(r, c) && (state_[static_cast<std::size_t>(r * cols_ + c)] & (kArea | kKept)) != 0;
    }

    void mark_line(double ax, double ay, double bx, double by) {
        const double length = std::hypot(bx - ax, by - ay);
        const int steps = 1 + static_cast<int>(length / (cell_ / 3));
        for (int i = 0; i <= steps; ++i) {
            const double t = static_cast<double>(i) / steps;
            const std::int64_t r = row(ay + t * (by - ay)), c = col(ax + t * (bx - ax));
            if (inside(r, c)) at(r, c) |= kRoad;
        }
    }

    void widen_roads() {
        for (std::int64_t r = 0; r < rows_; ++r)
            for (std::int64_t c = 0; c < cols_; ++c)
                if (at(r, c) & kRoad)
                    for (std::int64_t dr = -1; dr <= 1; ++dr)
                        for (std::int64_t dc = -1; dc <= 1; ++dc)
                            if (inside(r + dr, c + dc)) at(r + dr, c + dc) |= kArea;
    }

    std::size_t count() const {
        return static_cast<std::size_t>(std::count_if(state_.begin(), state_.end(), [](std::uint8_t s) { return s & (kArea | kKept); }));
    }

    // Boundary of the set cells as rings of corner points, region on the left: outer rings
    // counter-clockwise, holes clockwise.
    std::vector<std::vector<std::pair<double, double>>> trace() const;

    double cell() const { return cell_; }
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
};

std::vector<std::vector<std::pair<double, double>>> CellGrid::trace() const {
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
    std::vector<std::vector<std::pair<double, double>>> rings;
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
        if (ring.size() >= 4) rings.push_back(std::move(ring));
    }
    return rings;
}

struct PlanePoint {
    std::int64_t cell;
    double x, y;
};

// A late junction sharing a cell with junctions reached in time: a square hole around it, small
// enough to stay inside the area and clear of every reached junction nearby.
void cut_late_junctions(Isochrone& iso, const CellGrid& grid, const LocalPlane& plane, std::vector<PlanePoint>& kept,
                        const std::vector<PlanePoint>& late) {
    if (late.empty()) return;
    const auto by_cell = [](const PlanePoint& a, const PlanePoint& b) { return a.cell < b.cell; };
    std::sort(kept.begin(), kept.end(), by_cell);
    for (const PlanePoint& p : late) {
        double half = grid.cell() / 8;
        const std::int64_t row = grid.row(p.y), col = grid.col(p.x);
        for (std::int64_t dr = -1; dr <= 1; ++dr)
            for (std::int64_t dc = -1; dc <= 1; ++dc) {
                const std::int64_t r = row + dr, c = col + dc;
                if (!grid.set(r, c)) {
                    half = std::min(half, 0.9 * grid.chebyshev_distance_to_cell(r, c, p.x, p.y));
                    continue;
                }
                const PlanePoint key{grid.index(r, c), 0, 0};
                const auto [first, last] = std::equal_range(kept.begin(), kept.end(), key, by_cell);
                for (auto it = first; it != last; ++it)
                    half = std::min(half, 0.4 * std::max(std::abs(it->x - p.x), std::abs(it->y - p.y)));
            }
        if (half < 0.01) continue;  // the same spot as a reached junction: nothing to cut
        const Ring hole = {plane.at(p.x - half, p.y - half), plane.at(p.x - half, p.y + half),
                           plane.at(p.x + half, p.y + half), plane.at(p.x + half, p.y - half),
                           plane.at(p.x - half, p.y - half)};  // clockwise
        const LatLon at = plane.at(p.x, p.y);
        for (IsochronePolygon& polygon : iso.polygons)
            if (polygon_contains(polygon, at)) {
                polygon.holes.push_back(hole);
                break;
            }
    }
}

double signed_area(const std::vector<std::pair<double, double>>& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        a += ring[i].first * ring[i + 1].second - ring[i + 1].first * ring[i].second;
    return a / 2;
}

bool planar_contains(const std::vector<std::pair<double, double>>& ring, double x, double y) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto [xi, yi] = ring[i];
        const auto [xj, yj] = ring[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
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
    : graph_(&graph), sweep_(ch), junction_time_(graph.node_count(), kUnreachable), longest_in_(graph.node_count(), 0) {
    for (std::uint32_t e = 0; e < graph.edge_count(); ++e) {
        TravelTime& longest = longest_in_[graph.original(graph.head[e]).value()];
        longest = std::max(longest, graph.time_ms[e]);
    }
}

std::vector<Isochrone> IsochroneQuery::compute(const Snap& origin, std::span<const TravelTime> limits, double cell_m) {
    const RoadGraph& g = *graph_;
    std::vector<Isochrone> result;
    if (!origin.found()) return result;
    std::vector<SourceSeed> seeds;
    for (const NodeSeed& s : departures_from(g, origin)) seeds.push_back({s.node, s.time, 0});
    sweep_.run(seeds);
    std::fill(junction_time_.begin(), junction_time_.end(), kUnreachable);
    for (std::uint32_t v = 0; v < g.node_count(); ++v) {
        TravelTime& t = junction_time_[g.original(NodeId(v)).value()];
        t = std::min(t, sweep_.at(NodeId(v)).time);
    }
    const auto time_of = [&](NodeId v) { return sweep_.at(v).time; };
    const LocalPlane plane(origin.point);

    for (const TravelTime limit : limits) {
        Isochrone iso;
        iso.limit = limit;
        // Reachable pieces of every segment: from each end that is reached in time (through any
        // edge that drives the segment, duplicates after restricted turns included), and the
        // origin's own segment from the origin outwards.
        std::vector<Piece> pieces;
        const auto reach_along = [&](EdgeId primary, NodeId tail) {
            double best = -1;
            const auto consider = [&](NodeId from, EdgeId e) {
                const TravelTime t = time_of(from);
                if (t > limit) return;
                best = std::max(best, std::min(1.0, static_cast<double>(limit - t) / std::max<TravelTime>(1, g.time(e))));
            };
            consider(tail, primary);
            const auto first = std::lower_bound(g.edge_duplicates.begin(), g.edge_duplicates.end(), primary,
                                                [](const EdgeDuplicate& d, EdgeId e) { return d.primary < e; });
            for (auto it = first; it != g.edge_duplicates.end() && it->primary == primary; ++it) consider(it->tail, it->duplicate);
            return best;
        };
        for (std::uint32_t i = 0; i < g.segments.size(); ++i) {
            const RoadSegment& s = g.segments[i];
            std::vector<std::pair<double, double>> parts;
            if (s.a_to_b.valid())
                if (const double f = reach_along(s.a_to_b, s.a); f >= 0) parts.emplace_back(0.0, f);
            if (s.b_to_a.valid())
                if (const double f = reach_along(s.b_to_a, s.b); f >= 0) parts.emplace_back(1.0 - f, 1.0);
            if (SegmentId(i) == origin.segment) {
                const double f0 = origin.fraction;
                if (s.a_to_b.valid()) parts.emplace_back(f0, std::min(1.0, f0 + static_cast<double>(limit) / std::max<TravelTime>(1, g.time(s.a_to_b))));
                if (s.b_to_a.valid()) parts.emplace_back(std::max(0.0, f0 - static_cast<double>(limit) / std::max<TravelTime>(1, g.time(s.b_to_a))), f0);
            }
            std::sort(parts.begin(), parts.end());
            for (std::size_t k = 0; k < parts.size(); ++k) {
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
        iso.cell_m = cell_m > 0 ? cell_m : std::clamp(extent / 400.0, 25.0, 250.0);
        CellGrid grid(min_x, min_y, max_x, max_y, iso.cell_m);
        for (const auto& [from, to] : iso.roads) grid.mark_line(plane.x(from), plane.y(from), plane.x(to), plane.y(to));
        grid.widen_roads();
        // Junctions reached in time keep their cells; junctions reached only more than one edge
        // after the limit (or never) take theirs out of the area. Where both share a cell, the
        // cell stays and the late junction gets a tiny square hole of its own.
        std::vector<PlanePoint> kept, late;
        for (std::uint32_t v = 0; v < g.node_count() - g.copy_of.size(); ++v) {
            if (junction_time_[v] > limit) continue;
            const double x = plane.x(g.location[v]), y = plane.y(g.location[v]);
            const std::int64_t r = grid.row(y), c = grid.col(x);
            if (!grid.inside(r, c)) continue;
            grid.at(r, c) |= CellGrid::kKept;
            kept.push_back({grid.index(r, c), x, y});
            ++iso.junctions_reached;
        }
        for (std::uint32_t v = 0; v < g.node_count() - g.copy_of.size(); ++v) {
            if (std::uint64_t{junction_time_[v]} <= std::uint64_t{limit} + longest_in_[v]) continue;
            const double x = plane.x(g.location[v]), y = plane.y(g.location[v]);
            const std::int64_t r = grid.row(y), c = grid.col(x);
            if (!grid.inside(r, c)) continue;
            if (grid.at(r, c) & CellGrid::kKept) {
                late.push_back({grid.index(r, c), x, y});
            } else {
                grid.at(r, c) = CellGrid::kEmpty;
            }
        }
        iso.area_km2 = static_cast<double>(grid.count()) * iso.cell_m * iso.cell_m / 1e6;

        // Rings to polygons: each hole goes to the smallest outer ring around it.
        auto rings = grid.trace();
        std::vector<std::size_t> outers, holes;
        for (std::size_t i = 0; i < rings.size(); ++i) (signed_area(rings[i]) > 0 ? outers : holes).push_back(i);
        std::vector<std::vector<std::size_t>> holes_of(outers.size());
        for (const std::size_t h : holes) {
            // A point just inside the area next to the hole's first edge (the area is on its left).
            const auto [x1, y1] = rings[h][0];
            const auto [x2, y2] = rings[h][1];
            const double len = std::hypot(x2 - x1, y2 - y1);
            const double px = (x1 + x2) / 2 - (y2 - y1) / len * grid.cell() * 0.25;
            const double py = (y1 + y2) / 2 + (x2 - x1) / len * grid.cell() * 0.25;
            std::size_t best = outers.size();
            double best_area = 0;
            for (std::size_t k = 0; k < outers.size(); ++k) {
                const double area = signed_area(rings[outers[k]]);
                if ((best == outers.size() || area < best_area) && planar_contains(rings[outers[k]], px, py)) {
                    best = k;
                    best_area = area;
                }
            }
            if (best < outers.size()) holes_of[best].push_back(h);
        }
        const auto to_ring = [&](const std::vector<std::pair<double, double>>& planar) {
            Ring ring;
            ring.reserve(planar.size());
            for (const auto& [x, y] : planar) ring.push_back(plane.at(x, y));
            return ring;
        };
        for (std::size_t k = 0; k < outers.size(); ++k) {
            IsochronePolygon polygon{to_ring(rings[outers[k]]), {}};
            for (const std::size_t h : holes_of[k]) polygon.holes.push_back(to_ring(rings[h]));
            iso.polygons.push_back(std::move(polygon));
        }
        cut_late_junctions(iso, grid, plane, kept, late);
        result.push_back(std::move(iso));
    }
    return result;
}

}  // namespace ems120
