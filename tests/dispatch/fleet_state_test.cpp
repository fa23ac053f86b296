#include <catch2/catch.hpp>

#include "dispatch/fleet_state.hpp"

using namespace ems120;
using namespace ems120::protocol;

namespace {

Message fix_at(Seq seq, UnixMillis time, double lat) {
    PositionFix f;
    f.gnss_time = time, f.lat = lat, f.lon = 1.5;
    return Message{{"A12"}, seq, f};
}

}  // namespace

TEST_CASE("a late fix from the backlog enters the track but never moves the current position backwards") {
    dispatch::FleetState fleet;
    auto& v = fleet.vehicle({"A12"});
    fleet.apply(v, fix_at(50, 1'800'000'050'000, 42.60));  // live lane: newest first
    fleet.apply(v, fix_at(10, 1'800'000'010'000, 42.50));  // backlog
    fleet.apply(v, fix_at(11, 1'800'000'011'000, 42.51));
    REQUIRE(v.position);
    CHECK(v.position->lat == 42.60);
    CHECK(v.counts.late_fixes == 2);
    REQUIRE(v.track.size() == 3);
    CHECK(v.track.front().lat == 42.50);  // the track is in device-time order
    CHECK(v.track.back().lat == 42.60);
    fleet.apply(v, fix_at(51, 1'800'000'051'000, 42.61));
    CHECK(v.position->lat == 42.61);
}

TEST_CASE("the latest vital sign of each kind is kept with its time, an older reading does not replace it") {
    dispatch::FleetState fleet;
    auto& v = fleet.vehicle({"A12"});
    Vitals newer;
    newer.time = 2000;
    newer[VitalSign::heart_rate] = Measurement{120, true};
    Vitals older;
    older.time = 1000;
    older[VitalSign::heart_rate] = Measurement{80, true};
    older[VitalSign::spo2] = Measurement{95, true};
    fleet.apply(v, Message{{"A12"}, 2, newer});
    fleet.apply(v, Message{{"A12"}, 1, older});
    CHECK(v.vitals[0]->measurement.value == 120);
    CHECK(v.vitals[1]->measurement.value == 95);
}

TEST_CASE("the track keeps a bounded number of fixes") {
    dispatch::FleetState fleet(100);
    auto& v = fleet.vehicle({"A12"});
    for (Seq s = 1; s <= 500; ++s) fleet.apply(v, fix_at(s, 1'800'000'000'000 + static_cast<UnixMillis>(s) * 1000, 42.5));
    CHECK(v.track.size() == 100);
    CHECK(v.track.back().gnss_time == 1'800'000'500'000);
}
