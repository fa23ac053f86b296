#pragma once
// Live 15-minute coverage: which places (villages, towns, ...) a free unit reaches within the
// limit right now, redone by the dispatcher whenever a unit's availability or position changes.
//
//   LiveCoverageIndex index(routing, map.places, options);  // once per routing index: snaps places
//   LiveCoverageQuery query(index);                         // one per thread; reused
//   LiveCoverage now = query.compute(free_units);           // one PHAST sweep from every free unit
//   now.covered_share, now.population_share, now.uncovered (worst first)
//
// "Free" is the caller's choice, by the units it passes: the dispatcher passes units available or
// returning to station (dispatch/assignment_input's UnitActivity), the ones a new call could get.
// Units are placed exactly as the assignment policy places them (dispatch/unit_placement: snap
// within unit_max_snap_m, direction of travel when moving), so coverage and ETAs agree.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "dispatch/assignment_options.hpp"
#include "dispatch/place_set.hpp"
#include "dispatch/placed_fleet.hpp"
#include "dispatch/travel_modes.hpp"
#include "maps/map_point.hpp"
#include "routing/ch_many_to_all.hpp"

namespace ems120::dispatch {

inline constexpr std::uint32_t kNoUnit = kNoSource;

struct LiveCoverageOptions {
    TravelTime limit = 15 * 60'000;    // covered: reached within this, inclusive
    double place_max_snap_m = 2000.0;  // a place farther from every road is off road: never covered
    AssignmentOptions unit_placing;    // unit_max_snap_m and the heading rules, as for assignment
};

// One place as the index knows it.
struct CoveragePlace {
    Snap snap;                             // nearest road point, however far
    bool off_road = false;                 // farther than place_max_snap_m from every road
    NodeSeeds arrivals;                    // seeds that drive onto the place (empty when off road)
    std::optional<std::int64_t> population;
};

// Built once per routing index and place list; read-only afterwards, shared by query objects.
class LiveCoverageIndex {
public:
    // Throws std::invalid_argument for a routing index whose parts do not belong to one graph, a
    // limit of zero or less than the smallest step (1 ms), or a negative / non-finite snap distance.
    LiveCoverageIndex(const RoutingIndex& routing, std::span<const MapPoint> places,
                      const LiveCoverageOptions& options = {});

    const RoutingIndex& routing() const { return routing_; }
    const LiveCoverageOptions& options() const { return options_; }
    std::size_t place_count() const { return places_.size(); }
    const CoveragePlace& place(std::uint32_t i) const { return places_[i]; }
    std::span<const CoveragePlace> places() const { return places_; }

private:
    RoutingIndex routing_;
    LiveCoverageOptions options_;
    std::vector<CoveragePlace> places_;
};

// A place's best free unit.
struct PlaceCover {
    TravelTime time = kUnreachable;  // from the nearest free unit; kUnreachable: none (or off road)
    std::uint32_t unit = kNoUnit;    // that unit, as an index into the list passed to compute()
    bool off_road = false;
    bool covered = false;            // time <= limit
};

struct LiveCoverage {
    std::vector<PlaceCover> places;  // same order as the index's places
    PlaceSet covered;                // the covered places, for set arithmetic (move-up)
    std::size_t covered_count = 0;
    std::size_t off_road_count = 0;
    double covered_share = 0.0;      // covered / all places (off-road ones included); 0 without places

    // Population: only places that have one count, on both sides of the share — a place without a
    // population is neither assumed empty nor given an invented size. Unset when no place has one.
    std::int64_t covered_population = 0;
    std::int64_t known_population = 0;
    std::size_t places_with_population = 0;
    std::optional<double> population_share;

    // Uncovered place indices, worst first: off road, then unreachable, then slowest first
    // (ties by index).
    std::vector<std::uint32_t> uncovered;
    std::size_t units_on_network = 0;  // free units that could be placed (the rest cover nothing)
};

// Fills the counts, shares and the uncovered list from `out.places` (the per-place part).
void summarize_coverage(const LiveCoverageIndex& index, LiveCoverage& out);

// The per-thread part: the placed fleet and the PHAST labels. The index must outlive it.
class LiveCoverageQuery {
public:
    explicit LiveCoverageQuery(const LiveCoverageIndex& index);

    // `free_units`: the units that count (see the top of this file); `out` keeps its allocations.
    void compute(std::span<const UnitSnapshot> free_units, LiveCoverage& out);
    LiveCoverage compute(std::span<const UnitSnapshot> free_units);

private:
    const LiveCoverageIndex* index_;
    PlacedFleet fleet_;
    ChManyToAll sweep_;
};

}  // namespace ems120::dispatch
