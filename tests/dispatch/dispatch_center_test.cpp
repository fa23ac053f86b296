// The dispatch center's decisions and lifecycle, on the real Andorra map, with the journal, the
// vehicle link and the clock replaced by recorders (the ingest server and HTTP tests use the real
// ones). Replaying what the center journaled, with the same telemetry in between, must rebuild
// the same incidents.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <cmath>
#include <variant>

#include "dispatch/dispatch_center.hpp"
#include "dispatch/incident_json.hpp"
#include "protocol/codec.hpp"
#include "routing/ch_query.hpp"
#include "tests/routing/andorra_fixture.hpp"

using namespace ems120;
using namespace ems120::dispatch;

namespace {

constexpr protocol::UnixMillis kStart = 1'800'000'000'000;

class ManualClock final : public link::Clock {
public:
    std::int64_t steady_ms() const override { return now - kStart; }
    std::int64_t unix_ms() const override { return now; }
    protocol::UnixMillis now = kStart;
};

// Center records and telemetry in the order the center saw them: what the real journal holds.
using JournalEntry = std::variant<std::string, protocol::Message>;

struct Recorder final : CenterJournal, UnitLink {
    std::vector<JournalEntry> journal;
    std::vector<std::pair<protocol::VehicleId, protocol::DispatchOrder>> orders;
    std::vector<std::pair<protocol::VehicleId, std::string>> withdrawn;
    void append(protocol::UnixMillis, std::string_view record) override { journal.emplace_back(std::string(record)); }
    void commit() override {}
    void send_order(const protocol::VehicleId& unit, const protocol::DispatchOrder& order) override { orders.emplace_back(unit, order); }
    void withdraw_order(const protocol::VehicleId& unit, const std::string& order_id, const std::string&) override {
        withdrawn.emplace_back(unit, order_id);
    }
};

RoutingIndex andorra_index() {
    const auto& a = test::andorra();
    return {&a.map.graph, &a.ch, &a.index};
}

// Places on the Andorra road network (checked against the map's roads by the snaps below).
const LatLon kAndorraLaVella{42.5078, 1.5211};
const LatLon kEscaldes{42.5096, 1.5390};
const LatLon kEncamp{42.5345, 1.5807};
const LatLon kCanillo{42.5676, 1.5976};

struct Scenario {
    ManualClock clock;
    FleetState fleet;
    Recorder recorder;
    CenterOptions options;
    DispatchCenter center;
    std::uint64_t seq = 0;

    explicit Scenario(CenterOptions o = {})
        : options(o), center(o, TravelModes::one_for_all(andorra_index()), {}, fleet, recorder, recorder, clock) {
        center.go_live();
    }

    // Telemetry as the ingest server hands it over: applied to the fleet, journaled, then shown to the center.
    void telemetry(const std::string& unit, protocol::Body body) {
        protocol::Message m{{unit}, ++seq, std::move(body)};
        auto& v = fleet.vehicle(m.vehicle);
        v.link.connected = true;
        fleet.apply(v, m);
        recorder.journal.emplace_back(m);
        center.on_telemetry(m);
    }
    void fix(const std::string& unit, LatLon where, protocol::UnixMillis time, double speed = 0.0) {
        protocol::PositionFix f;
        f.gnss_time = time;
        f.lat = where.lat;
        f.lon = where.lon;
        f.speed_mps = speed;
        telemetry(unit, f);
    }
    void status(const std::string& unit, protocol::CrewStatus s, protocol::UnixMillis time) {
        telemetry(unit, protocol::CrewStatusChange{time, s, ""});
    }
    void ack(const std::string& unit, const std::string& order, protocol::UnixMillis time) {
        telemetry(unit, protocol::OrderAck{order, time});
    }
    const Incident& incident(const IncidentId& id) const { return *center.book().find(id); }
};

CallDetails call_at(LatLon where, CallPriority priority = CallPriority::emergency, std::string key = "") {
    CallDetails c;
    c.location = where;
    c.priority = priority;
    c.complaint = "chest pain";
    c.idempotency_key = std::move(key);
    return c;
}

nlohmann::json book_json(const IncidentBook& book) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& [id, incident] : book.incidents()) all.push_back(incident_to_json(incident, true));
    return all;
}

}  // namespace

TEST_CASE("a call goes to the unit that reaches it first, and the crew's acknowledgement assigns it", "[center]") {
    Scenario s;
    s.fix("FAR", kCanillo, kStart);
    s.fix("NEAR", kEscaldes, kStart);
    const CallOutcome call = s.center.take_call(call_at(kAndorraLaVella));
    CHECK_FALSE(call.duplicate);
    const Incident& incident = s.incident(call.incident);
    REQUIRE(incident.state == IncidentState::offered);
    REQUIRE(s.recorder.orders.size() == 1);
    CHECK(s.recorder.orders[0].first.value == "NEAR");
    const auto order = s.recorder.orders[0].second;
    CHECK(order.incident_id == call.incident.value);
    CHECK(order.priority == "2");
    CHECK(incident.time(Milestone::unit_notified) == kStart);

    s.ack("NEAR", order.order_id, kStart + 4'000);
    CHECK(incident.state == IncidentState::assigned);
    CHECK(incident.time(Milestone::acknowledged) == kStart + 4'000);
    CHECK(incident.offers.back().outcome == OfferOutcome::acknowledged);
}

TEST_CASE("a repeated idempotency key makes no second incident", "[center]") {
    Scenario s;
    const auto first = s.center.take_call(call_at(kEncamp, CallPriority::urgent, "console-7/42"));
    const auto again = s.center.take_call(call_at(kEncamp, CallPriority::urgent, "console-7/42"));
    CHECK(again.duplicate);
    CHECK(again.incident == first.incident);
    CHECK(s.center.book().incidents().size() == 1);
    const auto other = s.center.take_call(call_at(kEncamp, CallPriority::urgent, "console-7/43"));
    CHECK_FALSE(other.duplicate);
    CHECK(s.center.book().incidents().size() == 2);
}

TEST_CASE("no acknowledgement in time: the call goes to the next-best unit and the first is not asked again", "[center]") {
    CenterOptions options;
    options.ack_timeout_ms = 60'000;
    Scenario s(options);
    s.fix("NEAR", kEscaldes, kStart);
    s.fix("FAR", kCanillo, kStart);
    const auto id = s.center.take_call(call_at(kAndorraLaVella)).incident;
    REQUIRE(s.recorder.orders.back().first.value == "NEAR");
    s.clock.now += 59'999;
    s.center.run_timers();
    CHECK(s.incident(id).state == IncidentState::offered);
    s.clock.now += 1;
    s.center.run_timers();
    const Incident& incident = s.incident(id);
    REQUIRE(incident.offers.size() == 2);
    CHECK(incident.offers[0].outcome == OfferOutcome::timed_out);
    CHECK(incident.offers[1].unit.value == "FAR");
    CHECK(s.recorder.orders.back().first.value == "FAR");
    REQUIRE(s.recorder.withdrawn.size() == 1);
    CHECK(s.recorder.withdrawn[0].first.value == "NEAR");
    bool alerted = false;
    for (const auto& n : s.center.take_notices()) alerted = alerted || (n.topic == "alert" && n.incident == id);
    CHECK(alerted);
    // The late acknowledgement of the first order changes nothing.
    s.ack("NEAR", incident.offers[0].order_id, s.clock.now);
    CHECK(incident.offers[1].outcome == OfferOutcome::pending);
    // And when the second unit lets it pass too, nobody is left: the call waits, it is not re-offered to NEAR.
    s.clock.now += 60'000;
    s.center.run_timers();
    CHECK(incident.state == IncidentState::waiting);
    CHECK(incident.offers.size() == 2);
}

TEST_CASE("the dispatcher can assign another unit by hand, or cancel the call", "[center]") {
    Scenario s;
    s.fix("NEAR", kEscaldes, kStart);
    s.fix("FAR", kCanillo, kStart);
    const auto id = s.center.take_call(call_at(kAndorraLaVella)).incident;
    const std::string first_order = s.recorder.orders.back().second.order_id;
    s.center.assign(id, {"FAR"});
    const Incident& incident = s.incident(id);
    CHECK(incident.unit()->value == "FAR");
    CHECK(incident.offers.back().manual);
    CHECK(incident.offers.front().outcome == OfferOutcome::withdrawn);
    REQUIRE(s.recorder.withdrawn.size() == 1);
    CHECK(s.recorder.withdrawn[0].second == first_order);
    CHECK_THROWS_AS(s.center.assign(id, {"NOBODY"}), UnknownId);
    CHECK_THROWS_AS(s.center.assign({"I999999"}, {"FAR"}), UnknownId);

    s.center.cancel(id, "caller says patient left");
    CHECK(incident.state == IncidentState::cancelled);
    CHECK(s.recorder.withdrawn.size() == 2);
    CHECK_FALSE(s.center.book().held_by({"FAR"}));
    CHECK_THROWS_AS(s.center.cancel(id, ""), std::invalid_argument);
    CHECK_THROWS_AS(s.center.assign(id, {"NEAR"}), std::invalid_argument);
}

TEST_CASE("a call with no free unit waits, and goes to the first unit that becomes free", "[center]") {
    Scenario s;
    s.fix("ONLY", kEscaldes, kStart);
    const auto first = s.center.take_call(call_at(kAndorraLaVella)).incident;
    s.ack("ONLY", s.recorder.orders.back().second.order_id, kStart + 1'000);
    s.status("ONLY", protocol::CrewStatus::on_scene, kStart + 300'000);
    const auto second = s.center.take_call(call_at(kEncamp, CallPriority::urgent));
    CHECK(s.incident(second.incident).state == IncidentState::waiting);
    CHECK(s.recorder.orders.size() == 1);
    s.status("ONLY", protocol::CrewStatus::available, kStart + 900'000);
    CHECK(s.incident(first).state == IncidentState::closed);
    CHECK(s.incident(second.incident).state == IncidentState::offered);
    CHECK(s.recorder.orders.back().second.incident_id == second.incident.value);
}

TEST_CASE("the lifecycle's timestamps come from crew statuses and geofences, on device time", "[center]") {
    Scenario s;
    s.fix("A1", kEscaldes, kStart);
    const auto id = s.center.take_call(call_at(kAndorraLaVella)).incident;
    const Incident& incident = s.incident(id);
    s.ack("A1", incident.offers.back().order_id, kStart + 5'000);
    s.status("A1", protocol::CrewStatus::en_route, kStart + 40'000);
    // A fix from before the order proves nothing; a fix passing the scene at speed neither.
    s.fix("A1", kAndorraLaVella, kStart - 1'000);
    s.fix("A1", kAndorraLaVella, kStart + 200'000, 15.0);
    CHECK_FALSE(incident.time(Milestone::on_scene));
    // Stopped at the scene; then a backlog fix from earlier, also stopped there, arrives late.
    s.fix("A1", kAndorraLaVella, kStart + 300'000);
    CHECK(incident.time(Milestone::on_scene) == kStart + 300'000);
    s.fix("A1", kAndorraLaVella, kStart + 280'000);
    CHECK(incident.time(Milestone::on_scene) == kStart + 280'000);
    CHECK(incident.state == IncidentState::on_scene);
    // The crew pressing "on scene" later does not move the arrival.
    s.status("A1", protocol::CrewStatus::on_scene, kStart + 320'000);
    CHECK(incident.time(Milestone::on_scene) == kStart + 280'000);
    s.status("A1", protocol::CrewStatus::patient_contact, kStart + 400'000);
    s.fix("A1", kEncamp, kStart + 1'000'000, 12.0);  // far from the scene: it left
    CHECK(incident.time(Milestone::left_scene) == kStart + 1'000'000);
    CHECK(incident.state == IncidentState::transporting);
    s.status("A1", protocol::CrewStatus::at_hospital, kStart + 1'500'000);
    s.status("A1", protocol::CrewStatus::handover, kStart + 1'800'000);
    s.status("A1", protocol::CrewStatus::available, kStart + 2'100'000);
    CHECK(incident.state == IncidentState::closed);
    CHECK(incident.response_ms() == 280'000);
    for (std::size_t m = 0; m < kMilestoneCount; ++m) {
        INFO(name_of(static_cast<Milestone>(m)));
        CHECK(incident.times[m].has_value());
    }
}

TEST_CASE("a crew standing down before the scene puts the call back for another unit", "[center]") {
    Scenario s;
    s.fix("NEAR", kEscaldes, kStart);
    s.fix("FAR", kCanillo, kStart);
    const auto id = s.center.take_call(call_at(kAndorraLaVella)).incident;
    s.ack("NEAR", s.recorder.orders.back().second.order_id, kStart + 2'000);
    s.status("NEAR", protocol::CrewStatus::out_of_service, kStart + 30'000);
    const Incident& incident = s.incident(id);
    CHECK(incident.offers.front().outcome == OfferOutcome::released);
    CHECK(incident.unit()->value == "FAR");
}

TEST_CASE("a critical call diverts a unit driving to a non-urgent one, which then gets another unit", "[center]") {
    Scenario s;
    s.fix("A", kEscaldes, kStart);
    s.fix("B", kCanillo, kStart);
    const auto minor = s.center.take_call(call_at(kAndorraLaVella, CallPriority::non_urgent)).incident;
    REQUIRE(s.incident(minor).unit()->value == "A");
    s.ack("A", s.recorder.orders.back().second.order_id, kStart + 1'000);
    const auto arrest = s.center.take_call(call_at(kEscaldes, CallPriority::critical)).incident;
    CHECK(s.incident(arrest).unit()->value == "A");
    CHECK(s.incident(minor).unit()->value == "B");
}

TEST_CASE("replaying the journal rebuilds the same incidents, offers, timers and timelines", "[center]") {
    CenterOptions options;
    options.ack_timeout_ms = 30'000;
    Scenario s(options);
    s.fix("A", kEscaldes, kStart);
    s.fix("B", kCanillo, kStart);
    s.fix("C", kEncamp, kStart);
    const auto one = s.center.take_call(call_at(kAndorraLaVella, CallPriority::emergency, "k1")).incident;
    s.ack("A", s.recorder.orders.back().second.order_id, kStart + 3'000);
    s.clock.now += 10'000;
    const auto two = s.center.take_call(call_at(kCanillo, CallPriority::urgent, "k2")).incident;
    s.clock.now += 30'000;
    s.center.run_timers();  // B never answered: C gets it
    s.status("A", protocol::CrewStatus::on_scene, kStart + 200'000);
    s.clock.now += 5'000;
    const auto three = s.center.take_call(call_at(kEncamp, CallPriority::critical)).incident;
    s.center.cancel(three, "false alarm");
    (void)two;

    FleetState fleet;
    Recorder replay_port;
    ManualClock clock;
    clock.now = s.clock.now;
    DispatchCenter replayed(options, TravelModes::one_for_all(andorra_index()), {}, fleet, replay_port, replay_port, clock);
    for (const auto& entry : s.recorder.journal) {
        if (const auto* record = std::get_if<std::string>(&entry)) {
            replayed.replay(decode_center_event(*record));
        } else {
            const auto& m = std::get<protocol::Message>(entry);
            fleet.apply(fleet.vehicle(m.vehicle), m);
            replayed.replay_telemetry(m);
        }
    }
    CHECK(book_json(replayed.book()) == book_json(s.center.book()));
    CHECK(replayed.book().find_by_key("k1") == one);
    CHECK(replayed.book().next_id() == s.center.book().next_id());
    // Going live decides nothing new (nothing was waiting) and resends the pending order.
    replayed.go_live();
    CHECK(replay_port.journal.empty());
    CHECK(book_json(replayed.book()) == book_json(s.center.book()));
}

TEST_CASE("center records survive their JSON form, and malformed ones are refused", "[center]") {
    CallDetails call = call_at(kEncamp, CallPriority::critical, "key");
    call.place_id = "n1";
    call.place_name = "Encamp";
    call.determinant = "09-E-01";
    const CenterEvent events[] = {
        CallReceived{{"I000001"}, kStart, call},
        UnitOffered{{"I000001"}, kStart + 1, {"A"}, "I000001-1", 61'000, true, true, "I000000", {}, std::nullopt},
        UnitOffered{{"I000001"}, kStart + 1, {"A"}, "I000001-2", 61'000, false, false, "", {{42.5, 1.5}, {42.500123, 1.500456}}, 80u},
        DestinationChosen{{"I000001"}, kStart + 2, {"n5", "Hospital", {42.5, 1.5}, 600'000}},
        OfferTimedOut{{"I000001"}, kStart + 3, "I000001-1"},
        IncidentCancelled{{"I000001"}, kStart + 4, "why"},
    };
    for (const auto& e : events) {
        const std::string text = encode_center_event(e);
        CHECK(is_center_event_record(text));
        CHECK(encode_center_event(decode_center_event(text)) == text);
    }
    for (const char* bad : {"{", "{}", R"({"event":"call","incident":"I1","time":1})", R"({"event":"nope","incident":"I1","time":1})",
                            R"({"event":"cancel","incident":"","time":1,"reason":""})", R"({"event":"cancel","incident":"I1","time":"x","reason":""})"}) {
        INFO(bad);
        CHECK_THROWS_AS(decode_center_event(bad), std::invalid_argument);
    }
}

TEST_CASE("an idempotency key reused for a different call is refused, not answered with the first incident", "[center]") {
    Scenario s;
    s.center.take_call(call_at(kEncamp, CallPriority::urgent, "k"));
    CHECK_THROWS_AS(s.center.take_call(call_at(kCanillo, CallPriority::urgent, "k")), std::invalid_argument);
    CHECK_THROWS_AS(s.center.take_call(call_at(kEncamp, CallPriority::critical, "k")), std::invalid_argument);
    CHECK(s.center.book().incidents().size() == 1);
}

TEST_CASE("a diverted unit's late statuses for its old order do not move its new call", "[center]") {
    Scenario s;
    s.fix("A", kEscaldes, kStart);
    s.fix("B", kCanillo, kStart);
    const auto minor = s.center.take_call(call_at(kAndorraLaVella, CallPriority::non_urgent)).incident;
    const std::string old_order = s.recorder.orders.back().second.order_id;
    s.ack("A", old_order, kStart + 1'000);
    const auto arrest = s.center.take_call(call_at(kEscaldes, CallPriority::critical)).incident;
    REQUIRE(s.incident(arrest).unit()->value == "A");
    // Still in A's outbox from before the diversion, or sent as the crew drops the old job.
    s.telemetry("A", protocol::CrewStatusChange{kStart + 2'000, protocol::CrewStatus::en_route, old_order});
    s.telemetry("A", protocol::CrewStatusChange{kStart + 3'000, protocol::CrewStatus::available, old_order});
    CHECK(s.incident(arrest).unit()->value == "A");
    CHECK(s.incident(arrest).state == IncidentState::offered);
    CHECK_FALSE(s.incident(arrest).time(Milestone::en_route));
    CHECK(s.incident(minor).unit()->value == "B");
}

namespace {

Snap snapped(LatLon where) { return test::andorra().index.nearest(where); }

double metres_between(LatLon a, LatLon b) {
    // Small distances: a plane is exact enough for "within 100 m".
    const double north = (b.lat - a.lat) * 111'195.0, east = (b.lon - a.lon) * 111'195.0 * std::cos(a.lat * 3.14159265 / 180);
    return std::hypot(north, east);
}

}  // namespace

TEST_CASE("the order carries the road route from the unit to the patient with its ETA and distance, and the incident shows it",
          "[center][order-route]") {
    Scenario s;
    s.fix("NEAR", kEscaldes, kStart);
    const auto id = s.center.take_call(call_at(kAndorraLaVella)).incident;
    REQUIRE(s.recorder.orders.size() == 1);
    const protocol::DispatchOrder& order = s.recorder.orders[0].second;
    const Offer& offer = s.incident(id).offers.back();

    // The same road path the routing engine gives from the unit's road point to the call's.
    const auto& a = test::andorra();
    ChQuery query(a.map.graph, a.ch);
    const Route expected = query.route(snapped(kEscaldes), snapped(kAndorraLaVella));
    REQUIRE(expected.found);
    REQUIRE(order.eta_ms);
    CHECK(*order.eta_ms == offer.eta_ms);
    CHECK(*order.eta_ms == expected.time);
    REQUIRE(order.distance_m);
    CHECK(*order.distance_m == static_cast<std::uint32_t>(std::lround(expected.length_m)));
    CHECK(order.complaint == "chest pain");
    CHECK(order.note.find("chest pain") == std::string::npos);  // the complaint has its own field now

    // Simplified, but from the unit to the patient.
    REQUIRE(order.route.size() >= 2);
    CHECK(order.route.size() < expected.geometry.size());
    CHECK(metres_between(order.route.front(), expected.geometry.front()) < 1.0);
    CHECK(metres_between(order.route.back(), expected.geometry.back()) < 1.0);
    CHECK(metres_between(order.route.front(), kEscaldes) < 100.0);
    CHECK(metres_between(order.route.back(), kAndorraLaVella) < 100.0);
    CHECK(protocol::encode(protocol::Message{{"NEAR"}, 0, order}).size() < 4096);

    // The console draws the current offer's route from the incident JSON.
    for (const bool full : {true, false}) {
        const nlohmann::json j = incident_to_json(s.incident(id), full);
        const auto& current = j.at("offers").back();
        CHECK(current.at("eta_ms") == *order.eta_ms);
        CHECK(current.at("distance_m") == *order.distance_m);
        REQUIRE(current.at("route").size() == order.route.size());
        CHECK(current.at("route")[0][0].get<double>() == order.route[0].lat);
        CHECK(current.at("route")[0][1].get<double>() == order.route[0].lon);
    }
}

TEST_CASE("after a restart the center resends the very same order, route included, from the journal or a snapshot",
          "[center][order-route]") {
    Scenario s;
    s.fix("NEAR", kEscaldes, kStart);
    s.center.take_call(call_at(kAndorraLaVella));
    REQUIRE(s.recorder.orders.size() == 1);
    const std::string sent = protocol::encode(protocol::Message{{"NEAR"}, 0, s.recorder.orders[0].second});
    // The unit drives on before the restart: a route recomputed now would start elsewhere.
    s.fix("NEAR", kEncamp, kStart + 60'000, 15.0);

    FleetState fleet;
    Recorder replay_port;
    ManualClock clock;
    clock.now = s.clock.now;
    DispatchCenter replayed(s.options, TravelModes::one_for_all(andorra_index()), {}, fleet, replay_port, replay_port, clock);
    for (const auto& entry : s.recorder.journal) {
        if (const auto* record = std::get_if<std::string>(&entry)) {
            replayed.replay(decode_center_event(*record));
        } else {
            const auto& m = std::get<protocol::Message>(entry);
            fleet.apply(fleet.vehicle(m.vehicle), m);
            replayed.replay_telemetry(m);
        }
    }
    replayed.go_live();
    REQUIRE(replay_port.orders.size() == 1);
    CHECK(protocol::encode(protocol::Message{{"NEAR"}, 0, replay_port.orders[0].second}) == sent);

    // A snapshot keeps it too.
    std::vector<Incident> incidents;
    for (const auto& [id, incident] : s.center.book().incidents()) incidents.push_back(incident_from_json(incident_to_json(incident, true)));
    Recorder snapshot_port;
    DispatchCenter restored(s.options, TravelModes::one_for_all(andorra_index()), {}, fleet, snapshot_port, snapshot_port, clock);
    restored.restore(std::move(incidents));
    restored.go_live();
    REQUIRE(snapshot_port.orders.size() == 1);
    CHECK(protocol::encode(protocol::Message{{"NEAR"}, 0, snapshot_port.orders[0].second}) == sent);
}

TEST_CASE("a unit the center has no position for gets its order without a route", "[center][order-route]") {
    Scenario s;
    s.status("NOFIX", protocol::CrewStatus::available, kStart);
    CallDetails call = call_at(kAndorraLaVella);
    call.notes = "third floor";
    const auto id = s.center.take_call(call).incident;  // no unit with a position: it waits
    s.center.assign(id, {"NOFIX"});
    REQUIRE(s.recorder.orders.size() == 1);
    const auto& order = s.recorder.orders[0].second;
    CHECK(order.route.empty());
    CHECK_FALSE(order.eta_ms);
    CHECK_FALSE(order.distance_m);
    CHECK(order.note == "third floor");
    const nlohmann::json j = incident_to_json(s.incident(id), false);
    CHECK(j.at("offers").back().at("route").empty());
    CHECK(j.at("offers").back().at("distance_m").is_null());
}
