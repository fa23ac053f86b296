// The simulator's clock and queue, checked against times worked out by hand from CH queries.
#include <catch2/catch.hpp>

#include "planning/simulation.hpp"
#include "tests/planning/simulation_test_support.hpp"

using namespace ems120;
using namespace ems120::planning;
using namespace ems120::test;
using dispatch::CallPriority;

namespace {

constexpr std::int64_t kHour = 3'600'000;

std::vector<FleetUnit> one_unit_at(LatLon home, Shift shift = {}) { return {{"A1", "Andorra la Vella", home, shift, {}}}; }

}  // namespace

TEST_CASE("one unit: response = turnout + the CH drive time, and a call while it is busy waits for it", "[simulation]") {
    const TravelTime station_to_escaldes = ch_drive_time(kAndorraLaVella, kEscaldes);
    const TravelTime escaldes_to_sant_julia = ch_drive_time(kEscaldes, kSantJulia);
    const TravelTime station_to_encamp = ch_drive_time(kAndorraLaVella, kEncamp);
    REQUIRE(station_to_escaldes > 0);
    REQUIRE(station_to_escaldes < 15 * 60'000);

    const std::vector<SimulatedCall> calls{
        call_at(1 * kHour, kEscaldes, CallPriority::emergency),                 // the unit goes from its station
        call_at(1 * kHour + 2 * 60'000, kSantJulia, CallPriority::urgent),      // it is on scene: waits
        call_at(6 * kHour, kEncamp, CallPriority::non_urgent),                  // back at the station by then
    };
    const auto fleet = one_unit_at(kAndorraLaVella);
    const SimulationResult r = simulate(andorra_setup(), fleet, calls);

    // Call 1: ordered at once, 60 s turnout, then the drive.
    CHECK(r.calls[0].dispatch_ms == 0);
    CHECK(r.calls[0].response_ms == 60'000 + std::int64_t{station_to_escaldes});
    CHECK_FALSE(r.calls[0].queued);

    // Call 2: waits until the unit leaves Escaldes (no transport), then drives from there with no
    // turnout (the crew is in the vehicle).
    const std::int64_t free_at = 1 * kHour + 60'000 + station_to_escaldes + 600'000;
    CHECK(r.calls[1].queued);
    CHECK(r.calls[1].dispatch_ms == free_at - calls[1].time_ms);
    CHECK(r.calls[1].response_ms == free_at - calls[1].time_ms + std::int64_t{escaldes_to_sant_julia});

    // Call 3: the unit is home again, so turnout applies.
    CHECK(r.calls[2].response_ms == 60'000 + std::int64_t{station_to_encamp});
    CHECK(r.calls[2].dispatch_ms == 0);

    CHECK(r.units[0].calls == 3);
    CHECK(r.decisions >= 3);
}

TEST_CASE("a unit's busy time runs from the order until it is free; utilisation is busy over duty", "[simulation]") {
    const TravelTime drive = ch_drive_time(kAndorraLaVella, kEscaldes);
    const std::vector<SimulatedCall> calls{call_at(2 * kHour, kEscaldes, CallPriority::emergency)};
    const auto fleet = one_unit_at(kAndorraLaVella);
    const SimulationResult r = simulate(andorra_setup(), fleet, calls);
    CHECK(r.units[0].busy_ms == 60'000 + std::int64_t{drive} + 600'000);
    CHECK(r.units[0].duty_ms == kDayMs);
}

TEST_CASE("a unit off shift takes no call: a night call waits for the day shift", "[simulation]") {
    const TravelTime drive = ch_drive_time(kAndorraLaVella, kEscaldes);
    const std::vector<SimulatedCall> calls{call_at(3 * kHour, kEscaldes, CallPriority::urgent)};
    const auto fleet = one_unit_at(kAndorraLaVella, parse_shift("08:00-20:00", ""));
    const SimulationResult r = simulate(andorra_setup(), fleet, calls);
    CHECK(r.calls[0].queued);
    CHECK(r.calls[0].dispatch_ms == 5 * kHour);
    CHECK(r.calls[0].response_ms == 5 * kHour + 60'000 + std::int64_t{drive});
    CHECK(r.units[0].duty_ms == 12 * kHour);
    CHECK(r.units[0].busy_ms == 60'000 + std::int64_t{drive} + 600'000);
}

TEST_CASE("waiting calls go to the freed unit most urgent first, then oldest", "[simulation]") {
    // The unit is busy with call 0; calls 1 (non-urgent, older) and 2 (critical, newer) wait.
    const std::vector<SimulatedCall> calls{
        call_at(0, kEscaldes, CallPriority::emergency),
        call_at(60'000, kSantJulia, CallPriority::non_urgent),
        call_at(120'000, kEncamp, CallPriority::critical),
    };
    const auto fleet = one_unit_at(kAndorraLaVella);
    const SimulationResult r = simulate(andorra_setup(), fleet, calls);
    REQUIRE(r.calls[1].dispatch_ms >= 0);
    REQUIRE(r.calls[2].dispatch_ms >= 0);
    CHECK(calls[2].time_ms + r.calls[2].dispatch_ms < calls[1].time_ms + r.calls[1].dispatch_ms);
    CHECK(r.calls[1].queued);
    CHECK(r.calls[2].queued);
}
