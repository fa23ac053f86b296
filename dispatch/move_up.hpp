#pragma once
// The move-up recommendation: which idle unit to send to which ambulance station so that the
// most places are covered again. Greedy single move, MEXCLP-style in spirit but deterministic:
// every (idle unit, station) pair is scored by the exact net change of the covered weight —
//   gain(u, s) = w(reach(s) \ covered) + w(reach(s) ∩ lost(u)) - w(lost(u))
// where lost(u) are the places only u covers now (from the two nearest units of every place,
// dispatch/two_nearest_units). The last unit near a place is therefore only moved away when the
// station gains more than it loses. Equal gains go to the unit with the shortest drive to the
// station, then the lower unit index and station index.
//
//   MoveUpIndex stations(coverage_index, map.stations);  // once: places each station covers
//   MoveUpQuery query(stations);                         // one per thread
//   if (auto move = query.recommend(free_units)) ...     // idle = available units
//
// Weight: a place's population when it has one above zero, else 1 — every place counts, and a
// populated place counts as its people.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "dispatch/live_coverage.hpp"
#include "dispatch/two_nearest_units.hpp"
#include "routing/ch_one_to_many.hpp"

namespace ems120::dispatch {

std::int64_t place_weight(const CoveragePlace& place);

struct CoverageStation {
    Snap snap;
    bool on_network = false;  // within unit_max_snap_m of a road: a unit parked there is placed
    NodeSeeds arrivals;       // to drive a unit there
    PlaceSet reach;           // places a unit parked there reaches within the limit
};

// Built once per coverage index and station list (one RPHAST one-to-many per station).
class MoveUpIndex {
public:
    // `coverage` must outlive the index.
    MoveUpIndex(const LiveCoverageIndex& coverage, std::span<const MapPoint> stations);
    MoveUpIndex(const LiveCoverageIndex& coverage, std::span<const LatLon> stations);

    const LiveCoverageIndex& coverage() const { return *coverage_; }
    std::size_t station_count() const { return stations_.size(); }
    const CoverageStation& station(std::uint32_t i) const { return stations_[i]; }

private:
    const LiveCoverageIndex* coverage_;
    std::vector<CoverageStation> stations_;
};

struct MoveUp {
    std::uint32_t unit = 0;     // index into the free units given
    protocol::VehicleId unit_id;
    std::uint32_t station = 0;  // index into the index's stations
    std::vector<std::uint32_t> places_gained;  // covered after the move, not before (ascending)
    std::vector<std::uint32_t> places_lost;    // covered before, not after (ascending)
    std::int64_t weight_gained = 0;            // place_weight sums
    std::int64_t weight_lost = 0;
    double covered_share_before = 0.0;  // by place count, as LiveCoverage::covered_share
    double covered_share_after = 0.0;
    TravelTime drive_time = kUnreachable;  // the unit's drive to the station; kUnreachable: no road
};

class MoveUpQuery {
public:
    explicit MoveUpQuery(const MoveUpIndex& index);

    // `movable`: indices into `free_units` of the idle units that may be moved (not committed to
    // anything, e.g. not already being moved up). None when no move gains weight. Throws
    // std::invalid_argument for an index out of range.
    std::optional<MoveUp> recommend(std::span<const UnitSnapshot> free_units, std::span<const std::uint32_t> movable);
    // Every free unit whose activity is `available` is movable.
    std::optional<MoveUp> recommend(std::span<const UnitSnapshot> free_units);

    // The coverage the last recommend() started from: per place the nearest unit, and the next one.
    const std::vector<TwoLabels>& place_labels() const { return place_labels_; }

private:
    void label_places(std::span<const UnitSnapshot> free_units);

    const MoveUpIndex* index_;
    PlacedFleet fleet_;
    ChTwoNearest sweep_;
    ChOneToMany drive_;
    std::vector<TwoLabels> place_labels_;
    std::vector<std::uint32_t> movable_all_;
};

}  // namespace ems120::dispatch
