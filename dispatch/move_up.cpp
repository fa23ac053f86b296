#include "dispatch/move_up.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>

namespace ems120::dispatch {

std::int64_t place_weight(const CoveragePlace& place) {
    return place.population && *place.population > 0 ? *place.population : 1;
}

MoveUpIndex::MoveUpIndex(const LiveCoverageIndex& coverage, std::span<const MapPoint> stations)
    : MoveUpIndex(coverage, [&] {
          std::vector<LatLon> at;
          for (const MapPoint& s : stations) at.push_back(s.location);
          return at;
      }()) {}

MoveUpIndex::MoveUpIndex(const LiveCoverageIndex& coverage, std::span<const LatLon> stations) : coverage_(&coverage) {
    const RoutingIndex& routing = coverage.routing();
    const RoadGraph& graph = *routing.graph;
    const TravelTime limit = coverage.options().limit;

    // The places as RPHAST targets, selected once; then one upward search and sweep per station.
    std::vector<NodeSeeds> targets;
    std::vector<std::uint32_t> target_place;
    for (std::uint32_t i = 0; i < coverage.place_count(); ++i) {
        if (coverage.place(i).off_road) continue;
        targets.push_back(coverage.place(i).arrivals);
        target_place.push_back(i);
    }
    ChOneToMany one_to_many(*routing.ch);
    one_to_many.select_targets(targets);
    std::vector<TravelTime> times;

    stations_.reserve(stations.size());
    for (const LatLon at : stations) {
        CoverageStation& s = stations_.emplace_back();
        s.reach = PlaceSet(coverage.place_count());
        if (is_valid_lat_lon(at)) s.snap = routing.segments->nearest(at);
        s.on_network = s.snap.found() && s.snap.distance_m <= coverage.options().unit_placing.unit_max_snap_m;
        if (!s.on_network || targets.empty()) continue;
        s.arrivals = arrivals_at(graph, s.snap);
        // A parked unit may leave either way the road allows.
        const NodeSeeds departures = departures_from(graph, s.snap);
        one_to_many.from({departures.begin(), departures.end()}, times);
        for (std::size_t k = 0; k < targets.size(); ++k) {
            const CoveragePlace& place = coverage.place(target_place[k]);
            TravelTime t = times[k];
            if (const auto direct = along_same_segment(graph, s.snap, place.snap)) t = std::min(t, *direct);
            if (t <= limit) s.reach.insert(target_place[k]);
        }
    }
}

MoveUpQuery::MoveUpQuery(const MoveUpIndex& index)
    : index_(&index), sweep_(*index.coverage().routing().ch), drive_(*index.coverage().routing().ch) {
    // Only the places' labels are read (label_places): sweep the ranks that reach them, not all.
    std::vector<NodeSeeds> places;
    for (const CoveragePlace& place : index.coverage().places())
        if (!place.off_road) places.push_back(place.arrivals);
    sweep_.restrict_to(places);
}

void MoveUpQuery::label_places(std::span<const UnitSnapshot> free_units) {
    const LiveCoverageIndex& coverage = index_->coverage();
    const RoadGraph& graph = *coverage.routing().graph;
    fleet_.place(coverage.routing(), free_units, coverage.options().unit_placing);
    const bool any_unit = !fleet_.seeds().empty();
    if (any_unit) sweep_.run(fleet_.seeds());
    place_labels_.assign(coverage.place_count(), TwoLabels{});
    if (!any_unit) return;
    for (std::uint32_t i = 0; i < coverage.place_count(); ++i) {
        const CoveragePlace& place = coverage.place(i);
        if (place.off_road) continue;
        TwoLabels& best = place_labels_[i];
        for (const NodeSeed& s : place.arrivals) {
            const TwoLabels& node = sweep_.at(s.node);
            best.offer(TwoLabels::later(node.first, s.time));
            best.offer(TwoLabels::later(node.second, s.time));
        }
        for (const UnitOnSegment& u : fleet_.on_segment(place.snap.segment)) {
            const UnitPlacement& p = fleet_.placement(u.unit);
            if (const auto direct = along_segment_toward(graph, p.snap, p.directions, place.snap))
                best.offer(std::uint64_t{*direct} << 32 | u.unit);
        }
    }
}

std::optional<MoveUp> MoveUpQuery::recommend(std::span<const UnitSnapshot> free_units) {
    movable_all_.clear();
    for (std::uint32_t i = 0; i < free_units.size(); ++i)
        if (free_units[i].availability.activity == UnitActivity::available) movable_all_.push_back(i);
    return recommend(free_units, movable_all_);
}

std::optional<MoveUp> MoveUpQuery::recommend(std::span<const UnitSnapshot> free_units,
                                             std::span<const std::uint32_t> movable) {
    for (const std::uint32_t u : movable)
        if (u >= free_units.size())
            throw std::invalid_argument("MoveUpQuery: movable unit index " + std::to_string(u) + " but only " +
                                        std::to_string(free_units.size()) + " free units");
    const LiveCoverageIndex& coverage = index_->coverage();
    const RoadGraph& graph = *coverage.routing().graph;
    const TravelTime limit = coverage.options().limit;
    const std::uint32_t place_count = static_cast<std::uint32_t>(coverage.place_count());
    label_places(free_units);

    // Covered now, and per unit the places only it covers (its runner-up is beyond the limit).
    PlaceSet covered(place_count);
    std::vector<std::vector<std::uint32_t>> only_by(free_units.size());
    for (std::uint32_t i = 0; i < place_count; ++i) {
        const Reach first = TwoLabels::reach_of(place_labels_[i].first);
        if (first.time > limit) continue;
        covered.insert(i);
        if (TwoLabels::reach_of(place_labels_[i].second).time > limit) only_by[first.source].push_back(i);
    }

    // What each station adds to the coverage as it stands (a unit that loses nothing when it leaves).
    const std::uint32_t station_count = static_cast<std::uint32_t>(index_->station_count());
    std::vector<std::int64_t> adds(station_count, 0);
    for (std::uint32_t s = 0; s < station_count; ++s)
        index_->station(s).reach.for_each_not_in(covered, [&](std::uint32_t p) { adds[s] += place_weight(coverage.place(p)); });
    const auto lost_weight = [&](std::uint32_t u, std::uint32_t s) {
        std::int64_t w = 0;
        for (const std::uint32_t p : only_by[u])
            if (!index_->station(s).reach.contains(p)) w += place_weight(coverage.place(p));
        return w;
    };

    // The best net gain, and every (unit, station) pair reaching it.
    std::int64_t best = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> tied;
    for (const std::uint32_t u : movable) {
        if (!fleet_.placement(u).on_network) continue;  // no drive to plan from an unknown road
        for (std::uint32_t s = 0; s < station_count; ++s) {
            if (!index_->station(s).on_network) continue;
            const std::int64_t net = adds[s] - lost_weight(u, s);
            if (net < best || net <= 0) continue;
            if (net > best) tied.clear();
            best = net;
            tied.emplace_back(u, s);
        }
    }
    if (tied.empty()) return std::nullopt;

    // Among equal gains the unit nearest its station: one RPHAST many-to-one per tied station.
    std::vector<std::uint32_t> units;
    for (const auto& [u, s] : tied) units.push_back(u);
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    std::vector<NodeSeeds> sources;
    for (const std::uint32_t u : units) sources.push_back(fleet_.placement(u).departures);
    drive_.select_sources(sources);
    std::sort(tied.begin(), tied.end(), [](const auto& x, const auto& y) { return std::tie(x.second, x.first) < std::tie(y.second, y.first); });
    std::vector<TravelTime> times;
    std::tuple<TravelTime, std::uint32_t, std::uint32_t> chosen{kUnreachable, UINT32_MAX, UINT32_MAX};
    std::uint32_t swept_station = UINT32_MAX;
    for (const auto& [u, s] : tied) {
        const CoverageStation& station = index_->station(s);
        if (s != swept_station) {
            drive_.to({station.arrivals.begin(), station.arrivals.end()}, times);
            swept_station = s;
        }
        const std::size_t k = static_cast<std::size_t>(std::lower_bound(units.begin(), units.end(), u) - units.begin());
        TravelTime t = times[k];
        const UnitPlacement& p = fleet_.placement(u);
        if (const auto direct = along_segment_toward(graph, p.snap, p.directions, station.snap)) t = std::min(t, *direct);
        chosen = std::min(chosen, std::tuple(t, u, s));
    }

    MoveUp move;
    std::tie(move.drive_time, move.unit, move.station) = chosen;
    move.unit_id = free_units[move.unit].id;
    const PlaceSet& reach = index_->station(move.station).reach;
    reach.for_each_not_in(covered, [&](std::uint32_t p) {
        move.places_gained.push_back(p);
        move.weight_gained += place_weight(coverage.place(p));
    });
    for (const std::uint32_t p : only_by[move.unit]) {
        if (reach.contains(p)) continue;
        move.places_lost.push_back(p);
        move.weight_lost += place_weight(coverage.place(p));
    }
    const double places = place_count == 0 ? 1.0 : static_cast<double>(place_count);
    const std::size_t before = covered.count();
    move.covered_share_before = static_cast<double>(before) / places;
    move.covered_share_after =
        static_cast<double>(before + move.places_gained.size() - move.places_lost.size()) / places;
    return move;
}

}  // namespace ems120::dispatch
