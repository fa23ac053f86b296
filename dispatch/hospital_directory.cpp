#include "dispatch/hospital_directory.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

#include "maps/geodesy.hpp"
#include "dispatch/routing_index_check.hpp"

namespace ems120::dispatch {

namespace {

std::string metres(double m) { return std::to_string(static_cast<long long>(std::llround(m))) + " m"; }

}  // namespace

const char* to_string(HospitalReach reach) {
    switch (reach) {
        case HospitalReach::reachable: return "reachable";
        case HospitalReach::no_route: return "no_route";
        case HospitalReach::hospital_off_road: return "hospital_off_road";
        case HospitalReach::scene_off_road: return "scene_off_road";
    }
    return "?";
}

HospitalDirectory::HospitalDirectory(const RoutingIndex& routing, std::vector<Hospital> hospitals,
                                     const HospitalDirectoryOptions& options)
    : routing_(checked_routing_index(routing, "HospitalDirectory")), options_(options), hospitals_(std::move(hospitals)) {
    std::unordered_set<std::string_view> ids;
    for (const Hospital& h : hospitals_)
        if (!ids.insert(h.id).second) throw std::invalid_argument("HospitalDirectory: hospital id '" + h.id + "' appears twice");
    placements_.resize(hospitals_.size());
    for (std::size_t i = 0; i < hospitals_.size(); ++i) {
        Placement& p = placements_[i];
        if (!is_valid_lat_lon(hospitals_[i].location)) continue;
        p.snap = routing_.segments->nearest(hospitals_[i].location);
        p.on_network = p.snap.found() && p.snap.distance_m <= options_.hospital_max_snap_m;
        if (!p.on_network) continue;
        p.arrivals = arrivals_at(*routing_.graph, p.snap);
        p.target = static_cast<std::uint32_t>(targets_.size());
        targets_.push_back(p.arrivals);
    }
}

HospitalQuery::HospitalQuery(const HospitalDirectory& directory)
    : directory_(&directory), one_to_many_(*directory.routing().ch) {
    one_to_many_.select_targets(directory.targets());
}

HospitalRanking HospitalQuery::nearest_hospitals(LatLon scene, std::optional<std::string_view> capability,
                                                 std::size_t limit) {
    if (!is_valid_lat_lon(scene))
        throw std::invalid_argument("scene position is not a valid latitude/longitude");
    if (capability && !is_capability_word(*capability))
        throw std::invalid_argument("capability '" + std::string(*capability) +
                                    "' is not a capability word (lowercase letters and '_', e.g. chest_pain)");
    if (limit == 0) throw std::invalid_argument("hospital limit must be at least 1");

    const HospitalDirectory& d = *directory_;
    const RoutingIndex& routing = d.routing();
    const HospitalDirectoryOptions& options = d.options();
    HospitalRanking out;

    const Snap scene_snap = routing.segments->nearest(scene);
    out.scene_snap_distance_m = scene_snap.found() ? scene_snap.distance_m : 0.0;
    out.scene_off_road = !scene_snap.found() || scene_snap.distance_m > options.scene_max_snap_m;
    bool routed = false;

    for (std::size_t i = 0; i < d.hospitals().size(); ++i) {
        const Hospital& h = d.hospitals()[i];
        if (capability && !h.has(*capability)) continue;
        ++out.considered;
        const HospitalDirectory::Placement& placed = d.placement(i);
        HospitalEta& e = out.ranked.emplace_back();
        e.index = i;
        e.id = h.id;
        e.name = h.name;
        e.location = h.location;
        e.capabilities = h.capabilities;
        e.air_distance_m = geodesic_distance_m(scene, h.location);
        e.snap_distance_m = placed.snap.found() ? placed.snap.distance_m : 0.0;
        // The scene first: it is what the call-taker can do something about (ask where exactly).
        if (out.scene_off_road) {
            e.reach = HospitalReach::scene_off_road;
            e.note = "the scene is " + metres(out.scene_snap_distance_m) + " from the nearest road (limit " +
                     metres(options.scene_max_snap_m) + ")";
            continue;
        }
        if (!placed.on_network) {
            e.reach = HospitalReach::hospital_off_road;
            e.note = placed.snap.found() ? "the hospital is " + metres(placed.snap.distance_m) +
                                               " from the nearest road (limit " + metres(options.hospital_max_snap_m) + ")"
                                         : "the hospital has no road near it";
            continue;
        }
        if (!routed) {  // only when some hospital needs it: one search serves them all
            const NodeSeeds departures = departures_from(*routing.graph, scene_snap);
            one_to_many_.from({departures.begin(), departures.end()}, times_);
            routed = true;
        }
        TravelTime eta = times_[placed.target];
        // The hierarchy routes through junctions; a hospital on the scene's road may be straight ahead.
        if (const auto direct = along_same_segment(*routing.graph, scene_snap, placed.snap)) eta = std::min(eta, *direct);
        e.eta_ms = eta;
        if (eta == kUnreachable) {
            e.reach = HospitalReach::no_route;
            e.note = "no road route from the scene to the hospital";
        } else {
            ++out.reachable;
        }
    }

    const auto ranks_before = [](const HospitalEta& x, const HospitalEta& y) {
        const bool xr = x.reachable(), yr = y.reachable();
        if (xr != yr) return xr;
        if (xr) return std::tie(x.eta_ms, x.id, x.index) < std::tie(y.eta_ms, y.id, y.index);
        return std::tie(x.air_distance_m, x.id, x.index) < std::tie(y.air_distance_m, y.id, y.index);
    };
    std::sort(out.ranked.begin(), out.ranked.end(), ranks_before);
    if (out.ranked.size() > limit) out.ranked.resize(limit);
    return out;
}

}  // namespace ems120::dispatch
