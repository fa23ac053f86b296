#pragma once
// The roads the browser console draws under the units: the dispatcher's own (normal profile)
// road graph as polylines per road class, so the map shows exactly the network ETAs are computed
// on, without a tile server. Built once after the map loads; read-only and shared afterwards.
//
//   const RoadTilesIndex roads(graph);                     // once: polylines + grid
//   RoadsAnswer a = road_polylines(roads, box, zoom, 30'000);  // any thread, any number at once
//   a.json  // {"classes": [...], "roads": [{"class": i, "coords": [[lon, lat], ...]}], "truncated": false}
//
// Segments are merged into polylines through junctions where only one road of the same class goes
// on (or the same OSM way does), then cut into pieces of at most kMaxPiecePoints points, each
// indexed under every grid cell its bounding box touches: a query reads only the cells of its box.
// Below zoom kMinorRoadsZoom minor classes (residential, service, ...) are left out, and at every
// zoom each piece is simplified to about a screen pixel (Douglas-Peucker), so a whole-island view
// stays small.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "maps/lat_lon.hpp"
#include "maps/road_graph.hpp"

namespace ems120::dispatch {

inline constexpr int kMinorRoadsZoom = 13;
inline constexpr std::size_t kMaxPiecePoints = 64;

// Minor roads: drawn only from kMinorRoadsZoom on.
bool is_minor_road_class(const std::string& name);

class RoadTilesIndex {
public:
    // The graph must outlive nothing: the index copies what it draws.
    explicit RoadTilesIndex(const RoadGraph& graph);

    const std::vector<std::string>& class_names() const { return class_names_; }
    bool minor(std::uint8_t road_class) const { return minor_[road_class]; }
    std::size_t piece_count() const { return piece_class_.size(); }
    std::size_t polyline_count() const { return polylines_; }
    std::span<const LatLon> piece(std::uint32_t i) const {
        return {points_.data() + piece_start_[i], points_.data() + piece_start_[i + 1]};
    }
    std::uint8_t piece_class(std::uint32_t i) const { return piece_class_[i]; }
    const LatLonBox& piece_box(std::uint32_t i) const { return piece_box_[i]; }
    // The pieces whose boxes may meet `box`, ascending (major classes first: pieces are numbered
    // by class), each once.
    void pieces_near(const LatLonBox& box, std::vector<std::uint32_t>& out) const;

private:
    void add_piece(std::uint8_t road_class, std::span<const LatLon> points);
    void build_grid();

    std::vector<std::string> class_names_;
    std::vector<bool> minor_;
    std::vector<LatLon> points_;
    std::vector<std::uint32_t> piece_start_{0};
    std::vector<std::uint8_t> piece_class_;
    std::vector<LatLonBox> piece_box_;
    std::size_t polylines_ = 0;
    LatLonBox bounds_;
    double cell_deg_ = 0.01;
    std::uint32_t rows_ = 0, cols_ = 0;
    std::vector<std::uint32_t> cell_start_;  // rows_*cols_+1 offsets into cell_pieces_
    std::vector<std::uint32_t> cell_pieces_;
};

struct RoadsAnswer {
    std::string json;
    std::size_t polylines = 0;
    std::size_t points = 0;
    bool truncated = false;
};

// The roads meeting `box` at `zoom` (0..22), at most `max_polylines` of them (major classes kept
// first); `box` must be valid (west < east, south < north).
RoadsAnswer road_polylines(const RoadTilesIndex& index, const LatLonBox& box, int zoom, std::size_t max_polylines);

}  // namespace ems120::dispatch
