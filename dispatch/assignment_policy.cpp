#include "dispatch/assignment_policy.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "dispatch/unit_eligibility.hpp"
#include "dispatch/routing_index_check.hpp"

namespace ems120::dispatch {

namespace {

// Ranking order: ETA, then id, then the caller's order (two entries with one id stay in input order).
bool ranks_before(const Candidate& x, const Candidate& y) {
    return std::tie(x.eta_ms, x.id, x.unit_index) < std::tie(y.eta_ms, y.id, y.unit_index);
}

}  // namespace

AssignmentQuery::AssignmentQuery(const RoutingIndex& routing, const AssignmentOptions& options)
    : routing_(checked_routing_index(routing, "AssignmentQuery")), options_(options), many_to_one_(*routing.ch) {}

void AssignmentQuery::place(const UnitSnapshot& unit, PlacedUnit& placed) {
    placed = PlacedUnit{place_unit(routing_, unit, options_)};
    add_source(placed);
}

void AssignmentQuery::add_source(PlacedUnit& placed) {
    placed.source = kNotSelected;
    if (!placed.where.on_network) return;
    placed.source = static_cast<std::uint32_t>(sources_.size());
    sources_.push_back(placed.where.departures);
}

void AssignmentQuery::select_fleet(std::span<const UnitSnapshot> units) {
    units_.swap(previous_units_);
    placed_.swap(previous_placed_);
    units_.assign(units.begin(), units.end());
    placed_.resize(units_.size());
    sources_.clear();
    for (std::size_t i = 0; i < units_.size(); ++i) {
        if (i < previous_units_.size() && placed_alike(units_[i], previous_units_[i])) {
            placed_[i] = previous_placed_[i];
            add_source(placed_[i]);
        } else {
            place(units_[i], placed_[i]);
        }
    }
    many_to_one_.select_sources(sources_);
}

TravelTime AssignmentQuery::eta_of(const PlacedUnit& placed, const Snap& call_snap) const {
    if (placed.source == kNotSelected) return kUnreachable;
    TravelTime eta = times_[placed.source];
    // RPHAST routes through junctions; a unit already on the caller's road may drive straight there.
    if (const auto direct = along_segment_toward(*routing_.graph, placed.where.snap, placed.where.directions, call_snap))
        eta = std::min(eta, *direct);
    return eta;
}

void AssignmentQuery::decide(const CallRequest& call, Assignment& out) {
    out.ranked.clear();
    out.chosen.reset();
    out.no_unit_available = out.outside_response_radius = out.call_off_road = false;
    out.call_snap_distance_m = 0.0;

    Snap call_snap;
    if (is_valid_lat_lon(call.location)) call_snap = routing_.segments->nearest(call.location);
    out.call_snap_distance_m = call_snap.distance_m;
    out.call_off_road = !call_snap.found() || call_snap.distance_m > options_.call_max_snap_m;
    if (out.call_off_road) {
        call_snap = Snap{};  // nothing is reached through a road point the call is not at
    } else if (!sources_.empty()) {
        const NodeSeeds arrivals = arrivals_at(*routing_.graph, call_snap);
        many_to_one_.to({arrivals.begin(), arrivals.end()}, times_);
    }

    for (std::size_t i = 0; i < units_.size(); ++i) {
        const UnitSnapshot& unit = units_[i];
        const PlacedUnit& placed = placed_[i];
        Candidate& c = out.ranked.emplace_back();
        c.id = unit.id;
        c.unit_index = static_cast<std::uint32_t>(i);
        c.reasons = reasons_from_state(unit, call, options_);
        c.snap_distance_m = placed.where.snap.distance_m;
        if (!c.reasons.has(Reason::no_position)) {
            if (!placed.where.on_network) {
                c.reasons.add(Reason::not_snapped);
            } else {
                c.eta_ms = out.call_off_road ? kUnreachable : eta_of(placed, call_snap);
                if (c.eta_ms == kUnreachable) c.reasons.add(Reason::unreachable);
            }
        }
        c.eligible = !c.reasons.excludes();
    }

    std::sort(out.ranked.begin(), out.ranked.end(), ranks_before);
    // Every eligible unit has an ETA (unreachable excludes), so the first eligible one is the fastest.
    const auto first = std::find_if(out.ranked.begin(), out.ranked.end(), [](const Candidate& c) { return c.eligible; });
    if (first != out.ranked.end()) out.chosen = static_cast<std::size_t>(first - out.ranked.begin());
    out.no_unit_available = !out.chosen;
    out.outside_response_radius = out.chosen && first->eta_ms > options_.response_radius_ms;
}

Assignment AssignmentQuery::decide(const CallRequest& call) {
    Assignment out;
    decide(call, out);
    return out;
}

Assignment AssignmentQuery::assign(std::span<const UnitSnapshot> units, const CallRequest& call) {
    select_fleet(units);
    return decide(call);
}

}  // namespace ems120::dispatch
