// The simulator decides with the live dispatcher's policy, not a copy of it: the policy's
// settings (AssignmentOptions) change the simulator's choices exactly as they change the
// dispatcher's, and move-up is dispatch::MoveUpQuery's recommendation, applied.
#include <catch2/catch.hpp>

#include "dispatch/assignment_policy.hpp"
#include "dispatch/live_coverage.hpp"
#include "dispatch/move_up.hpp"
#include "planning/call_model.hpp"
#include "planning/simulation.hpp"
#include "planning/simulation_report.hpp"
#include "tests/planning/simulation_test_support.hpp"

using namespace ems120;
using namespace ems120::planning;
using namespace ems120::test;
using dispatch::CallPriority;

TEST_CASE("the diversion rule of AssignmentOptions decides whether a critical call takes a unit from a non-urgent one",
          "[simulation]") {
    // One unit leaves for a non-urgent call; 30 s later, still in turnout, a critical call comes in.
    const std::vector<SimulatedCall> calls{
        call_at(0, kSantJulia, CallPriority::non_urgent),
        call_at(30'000, kEscaldes, CallPriority::critical),
    };
    const std::vector<FleetUnit> fleet{{"A1", "Andorra la Vella", kAndorraLaVella, {}, {}}};

    SimulationSetup divert = andorra_setup();
    divert.assignment.diversion = dispatch::DiversionRule::critical_from_urgent_or_lower();
    SimulationSetup never = andorra_setup();
    never.assignment.diversion = dispatch::DiversionRule::never();

    const SimulationResult diverted = simulate(divert, fleet, calls);
    const SimulationResult kept = simulate(never, fleet, calls);

    // The policy itself, asked directly about the same moment, agrees with each run.
    dispatch::UnitSnapshot en_route;
    en_route.id = {"A1"};
    en_route.availability = dispatch::UnitAvailability::en_route(CallPriority::non_urgent);
    en_route.position = dispatch::UnitPosition{kAndorraLaVella, std::nullopt, std::nullopt, 30'000};
    const dispatch::CallRequest critical{kEscaldes, CallPriority::critical, 30'000};
    dispatch::AssignmentQuery with_rule(andorra_index(), divert.assignment);
    dispatch::AssignmentQuery without_rule(andorra_index(), never.assignment);
    const std::vector<dispatch::UnitSnapshot> units{en_route};
    const dispatch::Assignment yes = with_rule.assign(units, critical);
    const dispatch::Assignment no = without_rule.assign(units, critical);
    REQUIRE(yes.chosen_candidate());
    CHECK(yes.chosen_candidate()->reasons.has(dispatch::Reason::diverted));
    CHECK_FALSE(no.chosen_candidate());

    // Diverted: the critical call gets the unit at once, from where it stands, with no second turnout.
    CHECK(diverted.diversions == 1);
    CHECK(diverted.calls[1].dispatch_ms == 0);
    CHECK(diverted.calls[1].response_ms == std::int64_t{yes.chosen_candidate()->eta_ms});
    CHECK(diverted.calls[0].dispatch_ms > 0);  // the non-urgent call waited for the unit again
    // Not diverted: the critical call waits for the non-urgent job to end.
    CHECK(kept.diversions == 0);
    CHECK(kept.calls[1].queued);
    CHECK(kept.calls[1].response_ms > diverted.calls[1].response_ms);
    CHECK(kept.calls[0].dispatch_ms == 0);
}

TEST_CASE("move-up sends an idle unit to the station that covers the places left uncovered", "[simulation]") {
    const AndorraMap& a = andorra();
    dispatch::LiveCoverageOptions coverage_options;
    coverage_options.limit = 5 * 60'000;  // short, so one station cannot cover Andorra
    const dispatch::LiveCoverageIndex coverage(andorra_index(), a.map.places, coverage_options);
    const std::vector<LatLon> stations{kAndorraLaVella, kCanillo};
    const dispatch::MoveUpIndex move_up_index(coverage, stations);

    // Two units at Andorra la Vella, one at Canillo. A call takes the Canillo unit; the next call,
    // near Canillo, is answered by whoever is nearest.
    const std::vector<FleetUnit> fleet{{"A1", "Andorra la Vella", kAndorraLaVella, {}, {}},
                                       {"A2", "Andorra la Vella", kAndorraLaVella, {}, {}},
                                       {"C1", "Canillo", kCanillo, {}, {}}};
    const std::vector<SimulatedCall> calls{
        call_at(1 * 3'600'000, kCanillo, CallPriority::urgent, 60'000, 3'600'000),
        call_at(1 * 3'600'000 + 40 * 60'000, kEncamp, CallPriority::emergency),
    };
    SimulationSetup nearest = andorra_setup();
    SimulationSetup with_move_up = andorra_setup();
    with_move_up.move_up = &move_up_index;

    const SimulationResult plain = simulate(nearest, fleet, calls);
    const SimulationResult moved = simulate(with_move_up, fleet, calls);
    CHECK(plain.move_ups == 0);
    CHECK(moved.move_ups >= 1);
    REQUIRE(plain.calls[1].response_ms > 0);
    REQUIRE(moved.calls[1].response_ms > 0);
    // A unit moved up towards Canillo reaches Encamp sooner than one from Andorra la Vella.
    CHECK(moved.calls[1].response_ms < plain.calls[1].response_ms);
    for (const UnitResult& u : moved.units) {
        CHECK(u.busy_ms >= 0);
        CHECK(u.busy_ms <= u.duty_ms);
    }
}

TEST_CASE("the same seed gives the same days, a different seed different ones", "[simulation]") {
    const AndorraMap& a = andorra();
    CallModel model;
    model.calls_per_day = 60;
    auto run = [&](std::uint64_t seed) {
        SimulationRandom random(seed);
        const std::vector<SimulatedCall> calls = generate_calls(a.map.places, model, 2, random);
        const std::vector<FleetUnit> fleet = fleet_at_stations(a.map.hospitals, 1);
        const SimulationResult result = simulate(andorra_setup(2 * kDayMs), fleet, calls);
        SimulationReport report;
        report.map = "andorra";
        report.days = 2;
        report.seed = seed;
        report.places = a.map.places;
        report.runs.push_back(summarize_run("current fleet, nearest unit", "nearest", "current", result, fleet, calls, 15 * 60'000));
        return std::pair(simulation_json(report), calls.size());
    };
    const auto [first, calls] = run(7);
    CHECK(calls > 60);  // about 120 calls in two days
    CHECK(calls < 200);
    CHECK(run(7).first == first);
    CHECK(run(8).first != first);
}

TEST_CASE("utilisation stays within [0, 1] on a busy day, and every reached call was sent a unit first", "[simulation]") {
    const AndorraMap& a = andorra();
    CallModel model;
    model.calls_per_day = 300;  // far more than two units can answer
    SimulationRandom random(3);
    const std::vector<SimulatedCall> calls = generate_calls(a.map.places, model, 1, random);
    const std::vector<FleetUnit> fleet{{"A1", "Andorra la Vella", kAndorraLaVella, {}, {}}, {"E1", "Encamp", kEncamp, {}, {}}};
    const SimulationResult r = simulate(andorra_setup(kDayMs), fleet, calls);
    const RunSummary s = summarize_run("busy", "nearest", "current", r, fleet, calls, 15 * 60'000);
    CHECK(s.queued_calls > 0);
    std::string units;
    for (const UnitSummary& u : s.per_unit) units += u.id + " (" + u.station + "): " + std::to_string(u.calls) + " calls, " + std::to_string(u.utilisation) + "; ";
    INFO(units);
    CHECK(s.mean_utilisation > 0.9);
    CHECK(s.mean_utilisation <= 1.0);
    for (const UnitSummary& u : s.per_unit) {
        CHECK(u.utilisation >= 0.0);
        CHECK(u.utilisation <= 1.0);
    }
    for (const CallResult& c : r.calls)
        if (c.response_ms >= 0) CHECK(c.dispatch_ms >= 0);
    CHECK(s.reached == calls.size());  // queued calls are all answered once the day's shifts drain them
}
