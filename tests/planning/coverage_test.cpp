#include <catch2/catch.hpp>

#include "maps/osm_map.hpp"
#include "planning/coverage.hpp"
#include "routing/dijkstra.hpp"

using namespace ems120;

namespace {

const OsmMap& bundled_map() {
    static const OsmMap map = read_osm_map(std::string(EMS120_SOURCE_DIR) + "/maps/data/andorra.osm.pbf",
                                           RoadProfile::ambulance_default(), GraphOptions{});
    return map;
}

}  // namespace

TEST_CASE("one multi-source pass gives every Andorran place the same time as routing from each hospital") {
    const OsmMap& map = bundled_map();
    REQUIRE(map.places.size() > 50);
    REQUIRE(map.hospitals.size() >= 5);
    const SegmentIndex index(map.graph);
    const CoverageResult result = compute_coverage(map.graph, index, map.places, map.hospitals, CoverageOptions{});

    DijkstraQuery query(map.graph);
    std::size_t reached = 0;
    for (std::size_t p = 0; p < map.places.size(); ++p) {
        const PlaceCoverage& c = result.places[p];
        if (c.snap.distance_m > CoverageOptions{}.max_snap_m) {
            CHECK_FALSE(c.reached());
            continue;
        }
        TravelTime best = kUnreachable;
        for (std::size_t s = 0; s < map.hospitals.size(); ++s) {
            if (!result.stations[s].used()) continue;
            const Route r = query.route(result.stations[s].snap, c.snap);
            if (r.found) best = std::min(best, r.time);
        }
        INFO("place " << map.places[p].display_name());
        REQUIRE(c.reach.time == best);
        if (c.reached()) {
            ++reached;
            // The station named as nearest really is one that achieves the best time.
            CHECK(query.route(result.stations[c.reach.source].snap, c.snap).time == best);
        }
    }
    CHECK(reached > 40);
}

TEST_CASE("a place too far from any road is unreachable with its distance as the reason") {
    const OsmMap& map = bundled_map();
    const SegmentIndex index(map.graph);
    MapPoint far_away;
    far_away.name = "Far";
    far_away.kind = "village";
    far_away.location = {42.0, 1.0};  // tens of km south-west of the Andorran road network
    const std::vector<MapPoint> places{far_away};
    const CoverageResult result = compute_coverage(map.graph, index, places, map.hospitals, CoverageOptions{});
    REQUIRE(result.places.size() == 1);
    CHECK_FALSE(result.places[0].reached());
    CHECK_THAT(result.places[0].reason, Catch::StartsWith("no road within 2000 m (nearest "));
}
