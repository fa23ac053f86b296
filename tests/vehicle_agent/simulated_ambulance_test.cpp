#include "vehicle_agent/simulated_ambulance.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/codec.hpp"
#include "vehicle_agent/simulated_ambulance_sources.hpp"
#include "vehicle_agent/spherical_earth.hpp"

using namespace ems120::agent;
using ems120::LatLon;
using ems120::protocol::CrewStatus;
using ems120::protocol::CrewStatusChange;
using ems120::protocol::DispatchOrder;
using ems120::protocol::OrderCancel;
using ems120::protocol::PositionFix;
using ems120::protocol::Vitals;

namespace {

constexpr std::int64_t kT0 = 1'790'000'000'000;  // simulated unix time at the first poll
constexpr LatLon kHome{42.5078, 1.5211};         // Andorra la Vella
constexpr double kSpeedMps = 10;                 // the fake road network's one speed
const LatLon kScene = destination(kHome, 90, 3000);     // 3 km east: 300 s
const LatLon kHospital = destination(kScene, 0, 2400);  // 2.4 km north of the scene: 240 s

constexpr std::int64_t s(double seconds) { return static_cast<std::int64_t>(seconds * 1000); }

std::int64_t drive_ms(LatLon a, LatLon b) { return std::llround(great_circle_distance_m(a, b) / kSpeedMps * 1000); }

// Every pause fixed, so the test knows when each status must come.
SimulatedAmbulanceTimings fixed_timings() {
    SimulatedAmbulanceTimings t;
    t.turnout = {s(60), s(60)};
    t.to_patient = {s(90), s(90)};
    t.on_scene = {s(600), s(600)};
    t.to_handover = {s(240), s(240)};
    t.after_handover = {s(360), s(360)};
    return t;
}

struct RouteCall {
    LatLon from, to;
};

// Straight lines at kSpeedMps; remembers what it was asked.
struct StraightRoads {
    std::vector<RouteCall> calls;
    SimRouteProvider provider() {
        return [this](LatLon from, LatLon to) -> std::optional<SimRoute> {
            calls.push_back({from, to});
            return SimRoute{{from, to}, drive_ms(from, to)};
        };
    }
};

SimulatedAmbulanceConfig config_for(StraightRoads& roads, std::uint64_t seed = 7) {
    SimulatedAmbulanceConfig c;
    c.unit = {"A12"};
    c.home = kHome;
    c.route = roads.provider();
    c.hospital = [](LatLon) { return std::optional<SimHospital>(SimHospital{"Hospital Nostra Senyora de Meritxell", kHospital}); };
    c.timings = fixed_timings();
    c.seed = seed;
    return c;
}

DispatchOrder order(const std::string& id, const std::string& incident, LatLon at) {
    DispatchOrder o;
    o.order_id = id, o.incident_id = incident, o.issued = kT0, o.lat = at.lat, o.lon = at.lon;
    return o;
}

// The agent's view: the three sources, polled together every `step_ms` of simulated time while
// the steady clock runs ten times slower (a 10x demo), collecting what they give.
struct Ride {
    std::shared_ptr<SimulatedAmbulance> ambulance;
    SimulatedAmbulanceSources sources;
    std::int64_t t = kT0;  // simulated time of the next poll
    std::int64_t step_ms;
    std::vector<PositionFix> fixes;
    std::vector<Vitals> vitals;
    std::vector<CrewStatusChange> statuses;

    explicit Ride(SimulatedAmbulanceConfig config, std::int64_t step = 250)
        : ambulance(std::make_shared<SimulatedAmbulance>(std::move(config))), sources(make_sources(ambulance)), step_ms(step) {}

    void poll_once() {
        const Now now{(t - kT0) / 10 + 5'000, t};
        sources.gps->poll(now, fixes);
        sources.vitals->poll(now, vitals);
        sources.crew_status->poll(now, statuses);
    }
    // Polls at every step before `until` (simulated, since kT0); what the test hands the
    // ambulance next is taken at the poll at `until`.
    void run_to(std::int64_t until) {
        for (; t < kT0 + until; t += step_ms) poll_once();
    }

    const PositionFix& fix_at(std::int64_t since_t0) const {
        for (const auto& f : fixes)
            if (f.gnss_time == kT0 + since_t0) return f;
        FAIL("no fix at " << since_t0 << " ms");
        return fixes.front();
    }
};

double metres(const PositionFix& f, LatLon p) { return great_circle_distance_m({f.lat, f.lon}, p); }

std::string story(const std::vector<CrewStatusChange>& statuses) {
    std::string text;
    for (const auto& c : statuses)
        text += std::string(ems120::protocol::to_string(c.status)) + (c.order_id.empty() ? "" : "(" + c.order_id + ")") + "@" +
                std::to_string(c.time - kT0) + "ms ";
    return text;
}

}  // namespace

TEST_CASE("a simulated ambulance runs a whole job: every status in order, on time, with fixes along the route",
          "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    ride.run_to(s(10));
    ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
    ride.run_to(s(3600));

    const std::int64_t en_route = s(10) + s(60);
    const std::int64_t on_scene = en_route + drive_ms(kHome, kScene);
    const std::int64_t contact = on_scene + s(90);
    const std::int64_t transporting = on_scene + s(600);
    const std::int64_t at_hospital = transporting + drive_ms(kScene, kHospital);
    const std::int64_t handover = at_hospital + s(240);
    const std::int64_t available = handover + s(360);
    const std::int64_t home = available + drive_ms(kHospital, kHome);
    REQUIRE(home < s(3600));

    const std::vector<std::pair<CrewStatus, std::int64_t>> expected{
        {CrewStatus::available, 0},          {CrewStatus::en_route, en_route},   {CrewStatus::on_scene, on_scene},
        {CrewStatus::patient_contact, contact}, {CrewStatus::transporting, transporting}, {CrewStatus::at_hospital, at_hospital},
        {CrewStatus::handover, handover},    {CrewStatus::available, available}};
    INFO("statuses: " << story(ride.statuses));
    REQUIRE(ride.statuses.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("status " << i);
        CHECK(ride.statuses[i].status == expected[i].first);
        CHECK(ride.statuses[i].time == kT0 + expected[i].second);
        CHECK(ride.statuses[i].order_id == (i == 0 ? "" : "O-1"));
    }
    CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);
    CHECK_FALSE(ride.ambulance->current_order());

    // One fix a second of simulated time, from the first poll on.
    REQUIRE(ride.fixes.size() == 3600);
    for (std::size_t i = 0; i < ride.fixes.size(); ++i) REQUIRE(ride.fixes[i].gnss_time == kT0 + static_cast<std::int64_t>(i) * 1000);

    // Parked through the turnout.
    CHECK(metres(ride.fix_at(s(30)), kHome) < 0.01);
    CHECK(*ride.fix_at(s(30)).speed_mps == 0);
    // Half way to the scene after half the drive, heading east at the route's average speed.
    const auto& halfway = ride.fix_at(en_route + s(150));
    CHECK(metres(halfway, destination(kHome, 90, 1500)) < 1.0);
    CHECK(*halfway.speed_mps == Approx(kSpeedMps).epsilon(0.001));
    CHECK(*halfway.heading_deg == Approx(90).margin(0.1));
    // Standing on scene, then driving north to the hospital, then standing there.
    CHECK(metres(ride.fix_at(on_scene + s(200)), kScene) < 0.01);
    CHECK(*ride.fix_at(on_scene + s(200)).speed_mps == 0);
    CHECK(*ride.fix_at(on_scene + s(200)).heading_deg == Approx(90).margin(0.1));  // the last course driven
    CHECK(*ride.fix_at(transporting + s(100)).heading_deg == Approx(0).margin(0.1));
    CHECK(metres(ride.fix_at(transporting + s(100)), destination(kScene, 0, 1000)) < 1.0);
    CHECK(metres(ride.fix_at(handover), kHospital) < 0.01);
    // Home again and parked.
    CHECK(metres(ride.fixes.back(), kHome) < 0.01);
    CHECK(*ride.fixes.back().speed_mps == 0);

    // Each leg was asked of the route provider from where the unit stood.
    REQUIRE(roads.calls.size() == 3);
    CHECK(great_circle_distance_m(roads.calls[0].from, kHome) < 0.01);
    CHECK(great_circle_distance_m(roads.calls[1].to, kHospital) < 0.01);
    CHECK(great_circle_distance_m(roads.calls[2].to, kHome) < 0.01);
}

TEST_CASE("a cancel before patient contact sends the simulated ambulance home, available", "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
    ride.run_to(s(160));  // en route since 60 s: 1 km out
    ride.ambulance->receive_cancel({"O-1", "reassigned to B07"});
    ride.run_to(s(600));

    INFO("statuses: " << story(ride.statuses));
    REQUIRE(ride.statuses.size() == 3);
    CHECK(ride.statuses[1].status == CrewStatus::en_route);
    CHECK(ride.statuses[2].status == CrewStatus::available);
    CHECK(ride.statuses[2].order_id == "O-1");
    CHECK(ride.statuses[2].time == kT0 + s(160));
    CHECK(ride.vitals.empty());
    CHECK_FALSE(ride.ambulance->current_order());

    // Back the way it came: 1 km west at 10 m/s, parked after 100 s.
    const auto& returning = ride.fix_at(s(210));
    CHECK(metres(returning, destination(kHome, 90, 500)) < 1.0);
    CHECK(*returning.heading_deg == Approx(270).margin(0.1));
    CHECK(*returning.speed_mps == Approx(kSpeedMps).epsilon(0.001));
    CHECK(metres(ride.fix_at(s(300)), kHome) < 0.01);
    CHECK(*ride.fix_at(s(300)).speed_mps == 0);
    CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);
}

TEST_CASE("a cancel during turnout leaves the unit parked; one after patient contact is ignored", "[simulated-ambulance]") {
    StraightRoads roads;
    std::vector<std::string> log;
    auto config = config_for(roads);
    config.log = [&](const std::string& line) { log.push_back(line); };

    SECTION("during turnout: no status was sent, so none needs taking back") {
        Ride ride(config);
        ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
        ride.run_to(s(30));
        ride.ambulance->receive_cancel({"O-1", ""});
        ride.run_to(s(600));
        INFO("statuses: " << story(ride.statuses));
        CHECK(ride.statuses.size() == 1);
        CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);
        CHECK(roads.calls.empty());
    }
    SECTION("after patient contact the crew finishes the job") {
        Ride ride(config);
        ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
        ride.run_to(s(60 + 300 + 100));  // 10 s after patient contact
        ride.ambulance->receive_cancel({"O-1", "duplicate call"});
        ride.run_to(s(3600));
        INFO("statuses: " << story(ride.statuses));
        REQUIRE(ride.statuses.size() == 8);
        CHECK(ride.statuses[6].status == CrewStatus::handover);
        REQUIRE(log.size() == 1);
        CHECK(log[0] == "A12: cancel of order O-1 ignored: the crew has the patient");
    }
}

TEST_CASE("an order while driving home is taken at once from where the unit is", "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
    ride.run_to(s(160));
    ride.ambulance->receive_cancel({"O-1", "reassigned"});
    ride.run_to(s(200));  // 40 s into the drive home: 600 m east of home
    REQUIRE(ride.ambulance->phase() == SimulatedAmbulance::Phase::returning);
    const LatLon second_scene = destination(kHome, 180, 2000);
    ride.ambulance->receive_order(order("O-2", "INC-2", second_scene));
    ride.run_to(s(1000));

    INFO("statuses: " << story(ride.statuses));
    REQUIRE(ride.statuses.size() >= 5);
    CHECK(ride.statuses[3].status == CrewStatus::en_route);
    CHECK(ride.statuses[3].order_id == "O-2");
    CHECK(ride.statuses[3].time == kT0 + s(200));  // no turnout: the crew is aboard
    REQUIRE(roads.calls.size() == 3);                // scene, home, second scene
    CHECK(great_circle_distance_m(roads.calls[2].from, destination(kHome, 90, 600)) < 1.0);
    CHECK(great_circle_distance_m(roads.calls[2].to, second_scene) < 0.01);
    const std::int64_t arrival = s(200) + drive_ms(destination(kHome, 90, 600), second_scene);
    CHECK(ride.statuses[4].status == CrewStatus::on_scene);
    CHECK(ride.statuses[4].time == kT0 + arrival);
    CHECK(metres(ride.fix_at((arrival / 1000 + 1) * 1000), second_scene) < 0.01);  // the first fix after arriving
}

TEST_CASE("an order for a busy unit waits and is taken when the job ends", "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
    ride.run_to(s(100));
    ride.ambulance->receive_order(order("O-2", "INC-2", kHome));
    ride.run_to(s(3600));
    INFO("statuses: " << story(ride.statuses));
    REQUIRE(ride.statuses.size() >= 9);
    CHECK(ride.statuses[7].status == CrewStatus::available);
    CHECK(ride.statuses[8].status == CrewStatus::en_route);
    CHECK(ride.statuses[8].order_id == "O-2");
    CHECK(ride.statuses[8].time == ride.statuses[7].time);
}

TEST_CASE("vital signs stream only while a patient is aboard, with that patient's incident id", "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
    ride.run_to(s(3600));
    ride.ambulance->receive_order(order("O-2", "INC-2", kScene));
    ride.run_to(s(7200));
    INFO("statuses: " << story(ride.statuses));

    std::vector<std::pair<std::int64_t, std::int64_t>> aboard;  // [patient_contact, handover)
    std::vector<std::string> incidents;
    for (const auto& c : ride.statuses) {
        if (c.status == CrewStatus::patient_contact) aboard.push_back({c.time, 0}), incidents.push_back(c.order_id == "O-1" ? "INC-1" : "INC-2");
        if (c.status == CrewStatus::handover) aboard.back().second = c.time;
    }
    REQUIRE(aboard.size() == 2);
    std::size_t counted[2] = {0, 0};
    for (const auto& v : ride.vitals) {
        INFO("reading at " << v.time - kT0 << " ms for '" << v.incident_id << "'");
        bool inside = false;
        for (std::size_t i = 0; i < 2; ++i)
            if (v.time >= aboard[i].first && v.time < aboard[i].second) {
                inside = true;
                CHECK(v.incident_id == incidents[i]);
                ++counted[i];
            }
        CHECK(inside);
        CHECK(v[ems120::protocol::VitalSign::heart_rate]);
    }
    // A reading every 2 s of simulated time from the moment of contact.
    for (std::size_t i = 0; i < 2; ++i) CHECK(counted[i] == static_cast<std::size_t>((aboard[i].second - aboard[i].first + 1999) / 2000));
}

TEST_CASE("the same seed tells the same story; another seed another", "[simulated-ambulance]") {
    const auto tell = [](std::uint64_t seed, std::int64_t step_ms) {
        StraightRoads roads;
        auto config = config_for(roads, seed);
        config.timings = SimulatedAmbulanceTimings{};  // the default ranges, drawn
        Ride ride(config, step_ms);
        ride.run_to(s(14));
        ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
        ride.run_to(s(3598) + 1);  // the last poll at 3598 s, whether polled every 0.25 s or 7 s
        return ride;
    };
    const Ride a = tell(42, 250), b = tell(42, 250), c = tell(43, 250);
    REQUIRE(a.statuses.size() == 8);
    REQUIRE(b.statuses.size() == 8);
    REQUIRE(c.statuses.size() == 8);
    CHECK(story(a.statuses) == story(b.statuses));
    CHECK(story(a.statuses) != story(c.statuses));
    REQUIRE(a.vitals.size() == b.vitals.size());
    for (std::size_t i = 0; i < a.vitals.size(); ++i) CHECK(a.vitals[i].values[0]->value == b.vitals[i].values[0]->value);

    SECTION("however often the loop polls (the clock's speed does not matter)") {
        const Ride sparse = tell(42, 7000);
        CHECK(story(sparse.statuses) == story(a.statuses));
        REQUIRE(sparse.fixes.size() == a.fixes.size());
        for (std::size_t i = 0; i < a.fixes.size(); ++i) {
            INFO("fix " << i);
            CHECK(sparse.fixes[i].lat == a.fixes[i].lat);
            CHECK(sparse.fixes[i].lon == a.fixes[i].lon);
        }
        CHECK(sparse.vitals.size() == a.vitals.size());
    }
}

TEST_CASE("no route to a scene leaves the order to the center; no hospital means treated on scene", "[simulated-ambulance]") {
    StraightRoads roads;
    std::vector<std::string> log;
    auto config = config_for(roads);
    config.log = [&](const std::string& line) { log.push_back(line); };
    SECTION("no route") {
        config.route = [](LatLon, LatLon) { return std::optional<SimRoute>(); };
        Ride ride(config);
        ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
        ride.run_to(s(600));
        CHECK(ride.statuses.size() == 1);
        CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);
        REQUIRE(log.size() == 1);
        CHECK(log[0] == "A12: no route to the scene of order O-1; left to the center");
    }
    SECTION("no hospital") {
        config.hospital = [](LatLon) { return std::optional<SimHospital>(); };
        Ride ride(config);
        ride.ambulance->receive_order(order("O-1", "INC-1", kScene));
        ride.run_to(s(3600));
        INFO("statuses: " << story(ride.statuses));
        REQUIRE(ride.statuses.size() == 5);
        CHECK(ride.statuses[3].status == CrewStatus::patient_contact);
        CHECK(ride.statuses[4].status == CrewStatus::available);
        CHECK(ride.statuses[4].time == ride.statuses[2].time + s(600));
        CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);
    }
}

TEST_CASE("a simulated ambulance with impossible settings is refused with one clear error", "[simulated-ambulance]") {
    StraightRoads roads;
    auto config = config_for(roads);
    config.timings.to_patient = {s(20 * 60), s(20 * 60)};
    CHECK_THROWS_WITH(SimulatedAmbulance(config), Catch::Contains("to_patient"));
    config = config_for(roads);
    config.timings.turnout = {s(90), s(30)};
    CHECK_THROWS_WITH(SimulatedAmbulance(config), Catch::Contains("'turnout'"));
    config = config_for(roads);
    config.route = nullptr;
    CHECK_THROWS_AS(SimulatedAmbulance(config), std::invalid_argument);
}

TEST_CASE("a move-up order makes the station the unit's base: it drives there available, with no status", "[simulated-ambulance]") {
    StraightRoads roads;
    Ride ride(config_for(roads));
    const LatLon station = destination(kHome, 0, 2000);  // 2 km north: 200 s
    ride.ambulance->receive_order(order("move-up-1", std::string(ems120::protocol::kMoveUpIncidentId), station));
    ride.run_to(s(400));

    INFO("statuses: " << story(ride.statuses));
    // Only the first poll's "available": the center keeps it free; no turnout, no job.
    REQUIRE(ride.statuses.size() == 1);
    CHECK(ride.statuses[0].status == CrewStatus::available);
    CHECK(ride.statuses[0].time == kT0);
    CHECK_FALSE(ride.ambulance->current_order());
    CHECK(metres(ride.fix_at(s(100)), destination(kHome, 0, 1000)) < 1.0);  // under way at once
    CHECK(metres(ride.fix_at(s(300)), station) < 0.01);
    CHECK(ride.ambulance->phase() == SimulatedAmbulance::Phase::parked);

    // The next job ends at the new base, not the old one.
    ride.ambulance->receive_order(order("O-2", "INC-2", kScene));
    ride.run_to(s(4000));
    CHECK(metres(ride.fixes.back(), station) < 0.01);
}
