#include "dispatch/placed_fleet.hpp"

#include <algorithm>

namespace ems120::dispatch {

void PlacedFleet::place(const RoutingIndex& routing, std::span<const UnitSnapshot> units,
                        const AssignmentOptions& options) {
    const bool reusable = placed_on_ == routing.segments && places_alike(placed_with_, options);
    placements_.resize(units.size());
    seeds_.clear();
    by_segment_.clear();
    on_network_ = 0;
    for (std::uint32_t i = 0; i < units.size(); ++i) {
        UnitPlacement& placed = placements_[i];
        if (!(reusable && i < placed_units_.size() && placed_alike(units[i], placed_units_[i])))
            placed = place_unit(routing, units[i], options);
        if (!placed.on_network) continue;
        ++on_network_;
        for (const NodeSeed& d : placed.departures) seeds_.push_back({d.node, d.time, i});
        by_segment_.push_back({placed.snap.segment, i});
    }
    placed_units_.assign(units.begin(), units.end());
    placed_on_ = routing.segments;
    placed_with_ = options;
    std::sort(by_segment_.begin(), by_segment_.end(), [](const UnitOnSegment& x, const UnitOnSegment& y) {
        return x.segment.value() != y.segment.value() ? x.segment.value() < y.segment.value() : x.unit < y.unit;
    });
}

std::span<const UnitOnSegment> PlacedFleet::on_segment(SegmentId segment) const {
    const auto [first, last] = std::equal_range(
        by_segment_.begin(), by_segment_.end(), UnitOnSegment{segment, 0},
        [](const UnitOnSegment& x, const UnitOnSegment& y) { return x.segment.value() < y.segment.value(); });
    return {first, last};
}

}  // namespace ems120::dispatch
