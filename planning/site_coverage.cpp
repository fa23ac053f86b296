#include "planning/site_coverage.hpp"

#include "dispatch/move_up.hpp"

namespace ems120 {

SiteCoverage build_site_coverage(const dispatch::LiveCoverageIndex& places, std::span<const MapPoint> existing,
                                 std::span<const MapPoint> candidates) {
    std::vector<MapPoint> sites(existing.begin(), existing.end());
    sites.insert(sites.end(), candidates.begin(), candidates.end());
    const dispatch::MoveUpIndex reach(places, sites);

    SiteCoverage built;
    built.sets.existing_count = static_cast<std::uint32_t>(existing.size());
    for (std::uint32_t i = 0; i < places.place_count(); ++i)
        built.sets.place_weights.push_back(dispatch::place_weight(places.place(i)));
    built.sets.site_places.resize(sites.size());
    for (std::uint32_t j = 0; j < sites.size(); ++j) {
        const dispatch::CoverageStation& site = reach.station(j);
        site.reach.for_each([&](std::uint32_t i) { built.sets.site_places[j].push_back(i); });
        built.snaps.push_back(site.snap);
        built.on_road.push_back(site.on_network);
    }
    return built;
}

}  // namespace ems120
