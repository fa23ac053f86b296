#include "dispatch/unit_departure.hpp"

#include <cmath>
#include <numbers>

namespace ems120::dispatch {

namespace {

constexpr double kDegrees = 180.0 / std::numbers::pi;

// Compass bearing from a to b in degrees. Planar (east scaled by cos latitude): a segment runs
// between consecutive way nodes, metres to a few hundred metres long, where this is exact enough
// to compare with a GPS course.
std::optional<double> bearing_deg(LatLon a, LatLon b) {
    const double east = (b.lon - a.lon) * std::cos((a.lat + b.lat) / 2.0 / kDegrees);
    const double north = b.lat - a.lat;
    if (east == 0.0 && north == 0.0) return std::nullopt;
    return std::atan2(east, north) * kDegrees;
}

// The angle between two bearings, in [0, 180].
double angle_between(double x, double y) {
    const double d = std::fmod(std::fabs(x - y), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

}  // namespace

LeavingDirections leaving_directions(const RoadGraph& graph, const Snap& snap, const UnitPosition& fix,
                                     const AssignmentOptions& options) {
    const LeavingDirections either;
    if (!options.heading_aware || !snap.found() || !fix.speed_mps || !fix.heading_deg) return either;
    if (!(*fix.speed_mps > options.moving_speed_mps) || !std::isfinite(*fix.heading_deg)) return either;
    const RoadSegment& s = graph.segment(snap.segment);
    const std::optional<double> a_to_b = bearing_deg(graph.at(s.a), graph.at(s.b));
    if (!a_to_b) return either;
    const double angle = angle_between(*fix.heading_deg, *a_to_b);
    if (angle <= options.heading_match_deg && s.a_to_b.valid()) return {true, false};
    if (angle >= 180.0 - options.heading_match_deg && s.b_to_a.valid()) return {false, true};
    return either;
}

NodeSeeds departures_toward(const RoadGraph& graph, const Snap& snap, LeavingDirections directions) {
    NodeSeeds seeds;
    if (!snap.found()) return seeds;
    const RoadSegment& s = graph.segment(snap.segment);
    // As departures_from: the edge's head, which after a restricted turn is a copy of the junction.
    if (directions.toward_b && s.a_to_b.valid())
        seeds.items[seeds.count++] = {graph.head_of(s.a_to_b), partial_time(graph.time(s.a_to_b), 1.0 - snap.fraction)};
    if (directions.toward_a && s.b_to_a.valid())
        seeds.items[seeds.count++] = {graph.head_of(s.b_to_a), partial_time(graph.time(s.b_to_a), snap.fraction)};
    return seeds;
}

std::optional<TravelTime> along_segment_toward(const RoadGraph& graph, const Snap& from, LeavingDirections directions,
                                               const Snap& to) {
    if (!from.found() || from.segment != to.segment) return std::nullopt;
    const RoadSegment& s = graph.segment(from.segment);
    std::optional<TravelTime> best;
    if (directions.toward_b && s.a_to_b.valid() && to.fraction >= from.fraction)
        best = partial_time(graph.time(s.a_to_b), to.fraction - from.fraction);
    if (directions.toward_a && s.b_to_a.valid() && to.fraction <= from.fraction) {
        const TravelTime t = partial_time(graph.time(s.b_to_a), from.fraction - to.fraction);
        if (!best || t < *best) best = t;
    }
    return best;
}

}  // namespace ems120::dispatch
