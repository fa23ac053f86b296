#include "dispatch/road_tiles.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <deque>
#include <string_view>

namespace ems120::dispatch {

namespace {

constexpr std::uint32_t kNoSegment = UINT32_MAX;
constexpr std::uint32_t kMaxGridSide = 512;
constexpr double kMinCellDeg = 0.005;  // ~500 m: a street-level view reads a handful of cells

bool meets(const LatLonBox& a, const LatLonBox& b) {
    return a.min_lat <= b.max_lat && b.min_lat <= a.max_lat && a.min_lon <= b.max_lon && b.min_lon <= a.max_lon;
}

// Douglas-Peucker on planar (lon * cos(lat), lat) degrees: `keep` marks the points to draw.
void simplify(std::span<const LatLon> points, double tolerance_deg, double x_scale, std::vector<char>& keep) {
    keep.assign(points.size(), 0);
    if (points.empty()) return;
    keep.front() = keep.back() = 1;
    if (points.size() < 3) return;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, points.size() - 1}};
    const double tolerance2 = tolerance_deg * tolerance_deg;
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        const double ax = points[first].lon * x_scale, ay = points[first].lat;
        const double dx = points[last].lon * x_scale - ax, dy = points[last].lat - ay;
        const double length2 = dx * dx + dy * dy;
        double worst = -1.0;
        std::size_t worst_at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double px = points[i].lon * x_scale - ax, py = points[i].lat - ay;
            double d2;
            if (length2 == 0.0) {
                d2 = px * px + py * py;
            } else {
                const double t = std::clamp((px * dx + py * dy) / length2, 0.0, 1.0);
                const double ex = px - t * dx, ey = py - t * dy;
                d2 = ex * ex + ey * ey;
            }
            if (d2 > worst) {
                worst = d2;
                worst_at = i;
            }
        }
        if (worst > tolerance2) {
            keep[worst_at] = 1;
            stack.emplace_back(first, worst_at);
            stack.emplace_back(worst_at, last);
        }
    }
}

void append_number(std::string& out, double value, int decimals) {
    std::array<char, 32> text;
    const auto result = std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed, decimals);
    out.append(text.data(), result.ptr);
}

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;  // class names are OSM highway values: never control bytes
        out += c;
    }
    out += '"';
}

}  // namespace

bool is_minor_road_class(const std::string& name) {
    static constexpr std::array<std::string_view, 8> kMinor{"residential", "service",  "unclassified", "living_street",
                                                            "track",       "road",     "pedestrian",   "busway"};
    return std::find(kMinor.begin(), kMinor.end(), name) != kMinor.end();
}

RoadTilesIndex::RoadTilesIndex(const RoadGraph& graph) : class_names_(graph.road_class_names) {
    for (const auto& name : class_names_) minor_.push_back(is_minor_road_class(name));
    const std::size_t segment_count = graph.segments.size();
    std::vector<std::uint8_t> segment_class(segment_count);
    std::vector<std::int64_t> segment_way(segment_count);
    std::vector<std::array<std::uint32_t, 2>> ends(segment_count);
    std::vector<std::uint32_t> first(graph.node_count() + 1, 0);
    for (std::size_t s = 0; s < segment_count; ++s) {
        const RoadSegment& segment = graph.segments[s];
        const EdgeId edge = segment.a_to_b.valid() ? segment.a_to_b : segment.b_to_a;
        segment_class[s] = graph.road_class[edge.value()];
        segment_way[s] = graph.osm_way_id[edge.value()];
        // Turn restrictions split junctions into copies; the drawing joins them again.
        ends[s] = {graph.original(segment.a).value(), graph.original(segment.b).value()};
        ++first[ends[s][0] + 1];
        if (ends[s][1] != ends[s][0]) ++first[ends[s][1] + 1];
    }
    for (std::size_t v = 0; v < graph.node_count(); ++v) first[v + 1] += first[v];
    std::vector<std::uint32_t> incident(first.back());
    {
        std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
        for (std::uint32_t s = 0; s < segment_count; ++s) {
            incident[fill[ends[s][0]]++] = s;
            if (ends[s][1] != ends[s][0]) incident[fill[ends[s][1]]++] = s;
        }
    }
    std::vector<char> used(segment_count, 0);
    // Where a chain arriving at `node` along `via` goes on: the only other road of its class, or
    // else the only unused one of the same OSM way; none at a real junction.
    const auto next_segment = [&](std::uint32_t node, std::uint32_t via) {
        std::uint32_t degree = 0, only = kNoSegment, same_way = kNoSegment, same_way_count = 0;
        for (std::uint32_t k = first[node]; k < first[node + 1]; ++k) {
            const std::uint32_t s = incident[k];
            if (segment_class[s] != segment_class[via]) continue;
            ++degree;
            if (s == via || used[s]) continue;
            only = s;
            if (segment_way[s] == segment_way[via]) {
                same_way = s;
                ++same_way_count;
            }
        }
        if (degree == 2 && only != kNoSegment) return only;
        return same_way_count == 1 ? same_way : kNoSegment;
    };
    const auto other_end = [&](std::uint32_t s, std::uint32_t node) { return ends[s][0] == node ? ends[s][1] : ends[s][0]; };

    // Class by class, so pieces are numbered major roads first (the profile lists classes so).
    std::vector<std::uint32_t> by_class(segment_count);
    for (std::uint32_t s = 0; s < segment_count; ++s) by_class[s] = s;
    std::stable_sort(by_class.begin(), by_class.end(), [&](std::uint32_t a, std::uint32_t b) { return segment_class[a] < segment_class[b]; });
    std::deque<std::uint32_t> chain;
    std::vector<LatLon> line;
    for (const std::uint32_t start : by_class) {
        if (used[start]) continue;
        used[start] = 1;
        chain.assign({ends[start][0], ends[start][1]});
        // Extends the chain from one of its ends while the road goes on unbranched.
        const auto extend = [&](std::uint32_t node, auto&& add) {
            for (std::uint32_t via = start;;) {
                const std::uint32_t next = next_segment(node, via);
                if (next == kNoSegment) break;
                used[next] = 1;
                node = other_end(next, node);
                add(node);
                via = next;
            }
        };
        extend(ends[start][1], [&](std::uint32_t node) { chain.push_back(node); });   // forwards
        extend(ends[start][0], [&](std::uint32_t node) { chain.push_front(node); });  // backwards
        line.clear();
        for (const std::uint32_t node : chain) line.push_back(graph.location[node]);
        ++polylines_;
        for (std::size_t begin = 0; begin + 1 < line.size(); begin += kMaxPiecePoints - 1) {
            const std::size_t end = std::min(line.size(), begin + kMaxPiecePoints);
            add_piece(segment_class[start], std::span<const LatLon>(line).subspan(begin, end - begin));
        }
    }
    build_grid();
}

void RoadTilesIndex::add_piece(std::uint8_t road_class, std::span<const LatLon> points) {
    LatLonBox box;
    for (const LatLon& p : points) {
        points_.push_back(p);
        box.extend(p);
        bounds_.extend(p);
    }
    piece_start_.push_back(static_cast<std::uint32_t>(points_.size()));
    piece_class_.push_back(road_class);
    piece_box_.push_back(box);
}

void RoadTilesIndex::build_grid() {
    if (piece_class_.empty()) return;
    const double span = std::max(bounds_.max_lat - bounds_.min_lat, bounds_.max_lon - bounds_.min_lon);
    cell_deg_ = std::max(kMinCellDeg, span / kMaxGridSide);
    rows_ = static_cast<std::uint32_t>((bounds_.max_lat - bounds_.min_lat) / cell_deg_) + 1;
    cols_ = static_cast<std::uint32_t>((bounds_.max_lon - bounds_.min_lon) / cell_deg_) + 1;
    const auto cells_of = [&](const LatLonBox& b, auto&& visit) {
        const auto row0 = static_cast<std::uint32_t>((b.min_lat - bounds_.min_lat) / cell_deg_);
        const auto row1 = std::min(rows_ - 1, static_cast<std::uint32_t>((b.max_lat - bounds_.min_lat) / cell_deg_));
        const auto col0 = static_cast<std::uint32_t>((b.min_lon - bounds_.min_lon) / cell_deg_);
        const auto col1 = std::min(cols_ - 1, static_cast<std::uint32_t>((b.max_lon - bounds_.min_lon) / cell_deg_));
        for (std::uint32_t r = row0; r <= row1; ++r)
            for (std::uint32_t c = col0; c <= col1; ++c) visit(r * cols_ + c);
    };
    cell_start_.assign(static_cast<std::size_t>(rows_) * cols_ + 1, 0);
    for (const auto& box : piece_box_) cells_of(box, [&](std::uint32_t cell) { ++cell_start_[cell + 1]; });
    for (std::size_t i = 1; i < cell_start_.size(); ++i) cell_start_[i] += cell_start_[i - 1];
    cell_pieces_.resize(cell_start_.back());
    std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
    for (std::uint32_t p = 0; p < piece_box_.size(); ++p) cells_of(piece_box_[p], [&](std::uint32_t cell) { cell_pieces_[fill[cell]++] = p; });
}

void RoadTilesIndex::pieces_near(const LatLonBox& box, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (piece_class_.empty() || box.empty() || !meets(box, bounds_)) return;
    const auto cell = [&](double value, double origin, std::uint32_t count) {
        return static_cast<std::uint32_t>(std::clamp((value - origin) / cell_deg_, 0.0, static_cast<double>(count - 1)));
    };
    const std::uint32_t row0 = cell(box.min_lat, bounds_.min_lat, rows_), row1 = cell(box.max_lat, bounds_.min_lat, rows_);
    const std::uint32_t col0 = cell(box.min_lon, bounds_.min_lon, cols_), col1 = cell(box.max_lon, bounds_.min_lon, cols_);
    for (std::uint32_t r = row0; r <= row1; ++r)
        for (std::uint32_t c = col0; c <= col1; ++c) {
            const std::uint32_t i = r * cols_ + c;
            out.insert(out.end(), cell_pieces_.begin() + cell_start_[i], cell_pieces_.begin() + cell_start_[i + 1]);
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

RoadsAnswer road_polylines(const RoadTilesIndex& index, const LatLonBox& box, int zoom, std::size_t max_polylines) {
    std::vector<std::uint32_t> candidates;
    index.pieces_near(box, candidates);
    const bool minor_shown = zoom >= kMinorRoadsZoom;
    // A screen pixel in degrees of longitude (256-pixel Web Mercator tiles); x is scaled by
    // cos(latitude) so the tolerance is a pixel in both directions.
    const double pixel_deg = 360.0 / (256.0 * std::ldexp(1.0, zoom));
    const double x_scale = std::cos((box.min_lat + box.max_lat) / 2.0 * M_PI / 180.0);
    const int decimals = minor_shown ? 6 : 5;  // 0.1 m; 1 m where a pixel is over 20 m

    RoadsAnswer answer;
    std::string& out = answer.json;
    out = "{\"classes\":[";
    for (std::size_t c = 0; c < index.class_names().size(); ++c) {
        if (c > 0) out += ',';
        append_json_string(out, index.class_names()[c]);
    }
    out += "],\"roads\":[";
    std::vector<char> keep;
    for (const std::uint32_t p : candidates) {
        if (!minor_shown && index.minor(index.piece_class(p))) continue;
        if (!meets(index.piece_box(p), box)) continue;
        if (answer.polylines == max_polylines) {
            answer.truncated = true;
            break;
        }
        const auto points = index.piece(p);
        simplify(points, pixel_deg * x_scale, x_scale, keep);
        if (answer.polylines > 0) out += ',';
        out += "{\"class\":";
        out += std::to_string(index.piece_class(p));
        out += ",\"coords\":[";
        bool first = true;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!keep[i]) continue;
            out += first ? "[" : ",[";
            first = false;
            append_number(out, points[i].lon, decimals);
            out += ',';
            append_number(out, points[i].lat, decimals);
            out += ']';
            ++answer.points;
        }
        out += "]}";
        ++answer.polylines;
    }
    out += "],\"truncated\":";
    out += answer.truncated ? "true}" : "false}";
    return answer;
}

}  // namespace ems120::dispatch
