#include "dispatch/live_coverage.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "dispatch/routing_index_check.hpp"

namespace ems120::dispatch {

namespace {

const LiveCoverageOptions& checked(const LiveCoverageOptions& options) {
    if (options.limit == 0 || options.limit == kUnreachable)
        throw std::invalid_argument("LiveCoverageIndex: the coverage limit must be at least 1 ms and finite");
    if (!std::isfinite(options.place_max_snap_m) || options.place_max_snap_m < 0)
        throw std::invalid_argument("LiveCoverageIndex: place_max_snap_m must be a distance of 0 m or more");
    if (!std::isfinite(options.unit_placing.unit_max_snap_m) || options.unit_placing.unit_max_snap_m < 0)
        throw std::invalid_argument("LiveCoverageIndex: unit_max_snap_m must be a distance of 0 m or more");
    return options;
}

// (time, unit) in one integer, so one comparison breaks ties to the smaller unit as PHAST does.
std::uint64_t key(TravelTime time, std::uint32_t unit) { return std::uint64_t{time} << 32 | unit; }

}  // namespace

LiveCoverageIndex::LiveCoverageIndex(const RoutingIndex& routing, std::span<const MapPoint> places,
                                     const LiveCoverageOptions& options)
    : routing_(checked_routing_index(routing, "LiveCoverageIndex")), options_(checked(options)) {
    places_.reserve(places.size());
    for (const MapPoint& p : places) {
        CoveragePlace& c = places_.emplace_back();
        c.population = p.population;
        if (is_valid_lat_lon(p.location)) c.snap = routing_.segments->nearest(p.location);
        c.off_road = !c.snap.found() || c.snap.distance_m > options_.place_max_snap_m;
        if (!c.off_road) c.arrivals = arrivals_at(*routing_.graph, c.snap);
    }
}

void summarize_coverage(const LiveCoverageIndex& index, LiveCoverage& out) {
    out.covered = PlaceSet(index.place_count());
    out.covered_count = out.off_road_count = out.places_with_population = 0;
    out.covered_population = out.known_population = 0;
    out.uncovered.clear();
    for (std::uint32_t i = 0; i < out.places.size(); ++i) {
        const PlaceCover& c = out.places[i];
        const auto& population = index.place(i).population;
        if (c.covered) {
            out.covered.insert(i);
            ++out.covered_count;
        } else {
            out.uncovered.push_back(i);
        }
        out.off_road_count += c.off_road;
        if (population) {
            ++out.places_with_population;
            out.known_population += *population;
            if (c.covered) out.covered_population += *population;
        }
    }
    out.covered_share = out.places.empty() ? 0.0 : static_cast<double>(out.covered_count) / out.places.size();
    out.population_share.reset();
    if (out.known_population > 0)
        out.population_share = static_cast<double>(out.covered_population) / static_cast<double>(out.known_population);
    // Off road first, then by time descending (kUnreachable is the largest), then by index.
    std::sort(out.uncovered.begin(), out.uncovered.end(), [&](std::uint32_t x, std::uint32_t y) {
        const PlaceCover &a = out.places[x], &b = out.places[y];
        return std::tuple(!a.off_road, b.time, x) < std::tuple(!b.off_road, a.time, y);
    });
}

LiveCoverageQuery::LiveCoverageQuery(const LiveCoverageIndex& index) : index_(&index), sweep_(*index.routing().ch) {}

void LiveCoverageQuery::compute(std::span<const UnitSnapshot> free_units, LiveCoverage& out) {
    const LiveCoverageIndex& index = *index_;
    const RoadGraph& graph = *index.routing().graph;
    fleet_.place(index.routing(), free_units, index.options().unit_placing);
    out.units_on_network = fleet_.on_network_count();
    const bool any_unit = !fleet_.seeds().empty();
    if (any_unit) sweep_.run(fleet_.seeds());

    out.places.assign(index.place_count(), PlaceCover{});
    for (std::uint32_t i = 0; i < index.place_count(); ++i) {
        const CoveragePlace& place = index.place(i);
        PlaceCover& c = out.places[i];
        c.off_road = place.off_road;
        if (place.off_road || !any_unit) continue;
        std::uint64_t best = key(kUnreachable, kNoUnit);
        for (const NodeSeed& s : place.arrivals) {
            const Reach r = sweep_.at(s.node);
            const std::uint64_t t = std::uint64_t{r.time} + s.time;
            if (r.reached() && t < kUnreachable) best = std::min(best, key(static_cast<TravelTime>(t), r.source));
        }
        // A unit on the place's own road, driving toward it: straight there.
        for (const UnitOnSegment& u : fleet_.on_segment(place.snap.segment)) {
            const UnitPlacement& p = fleet_.placement(u.unit);
            if (const auto direct = along_segment_toward(graph, p.snap, p.directions, place.snap))
                best = std::min(best, key(*direct, u.unit));
        }
        c.time = static_cast<TravelTime>(best >> 32);
        c.unit = static_cast<std::uint32_t>(best);
        c.covered = c.time <= index.options().limit;
    }
    summarize_coverage(index, out);
}

LiveCoverage LiveCoverageQuery::compute(std::span<const UnitSnapshot> free_units) {
    LiveCoverage out;
    compute(free_units, out);
    return out;
}

}  // namespace ems120::dispatch
