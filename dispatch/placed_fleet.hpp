#pragma once
// The free units placed on the road network for one coverage computation: their many-to-all
// seeds (source = the unit's index in the caller's list, so ties go to the earlier unit) and,
// by road segment, the units standing on it — a unit on a place's own road may drive straight
// there without passing a junction, which no node-based search sees.
#include <cstdint>
#include <span>
#include <vector>

#include "dispatch/unit_placement.hpp"
#include "routing/multi_source_dijkstra.hpp"

namespace ems120::dispatch {

struct UnitOnSegment {
    SegmentId segment;
    std::uint32_t unit = 0;
};

class PlacedFleet {
public:
    // Replaces the previous fleet; keeps its allocations, and the placement of a unit at the same
    // index whose fix did not change (placed_alike: snapping is the cost of placing).
    void place(const RoutingIndex& routing, std::span<const UnitSnapshot> units, const AssignmentOptions& options);

    std::span<const SourceSeed> seeds() const { return seeds_; }
    const UnitPlacement& placement(std::uint32_t unit) const { return placements_[unit]; }
    std::size_t unit_count() const { return placements_.size(); }
    std::size_t on_network_count() const { return on_network_; }

    // The units snapped onto `segment`, ascending unit index.
    std::span<const UnitOnSegment> on_segment(SegmentId segment) const;

private:
    std::vector<UnitPlacement> placements_;
    std::vector<UnitSnapshot> placed_units_;  // what placements_ were made from
    const SegmentIndex* placed_on_ = nullptr;
    AssignmentOptions placed_with_;
    std::vector<SourceSeed> seeds_;
    std::vector<UnitOnSegment> by_segment_;  // sorted by (segment, unit)
    std::size_t on_network_ = 0;
};

}  // namespace ems120::dispatch
