// The incident HTTP API end to end: real HTTP on 127.0.0.1, the real gateway, the real dispatch
// center on the Andorra map and vehicles on the real ZeroMQ link (tests/dispatch/center_harness).
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>

#include "tests/dispatch/center_harness.hpp"

using namespace ems120;
using namespace ems120::test;
using nlohmann::json;

namespace {

const std::string kCallInAndorraLaVella = R"({"lat":42.5075,"lon":1.5218,"priority":"emergency","complaint":"chest pain"})";

bool lists(const json& incidents, const std::string& id) {
    for (const auto& i : incidents["incidents"])
        if (i["id"] == id) return true;
    return false;
}

// The dispatcher's PUB socket as a console would read it.
struct EventTap {
    zmq::context_t context{1};
    zmq::socket_t socket{context, zmq::socket_type::sub};
    std::vector<std::pair<std::string, json>> events;  // (topic, body)

    EventTap(const std::string& endpoint, const std::vector<std::string>& topics) {
        socket.set(zmq::sockopt::linger, 0);
        for (const auto& t : topics) socket.set(zmq::sockopt::subscribe, t);
        socket.connect(endpoint);
    }
    void collect() {
        zmq::message_t topic, body;
        while (socket.recv(topic, zmq::recv_flags::dontwait)) {
            if (!topic.more() || !socket.recv(body, zmq::recv_flags::dontwait)) continue;
            events.emplace_back(topic.to_string(), json::parse(body.to_string(), nullptr, false));
        }
    }
    bool heard(const std::string& topic) {
        collect();
        for (const auto& [t, body] : events)
            if (t == topic) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("a call by coordinate is offered to the unit nearer by road; its crew's acknowledgement makes the incident assigned, "
          "and the incident, the list and the KPIs show it",
          "[incident-api]") {
    ApiCenter api;
    api.vehicle("A", kNearAndorraLaVella);
    api.vehicle("B", kCanillo);

    const json created = api.ok(api.post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"emergency",
        "complaint":"chest pain","caller":"+376 812 345","address":"Avinguda Meritxell 20"})"), 201);
    const std::string id = created["incident"]["id"];
    CHECK(created["duplicate"] == false);
    CHECK(created["incident"]["state"] == "offered");
    REQUIRE(created["incident"]["offers"].size() == 1);
    CHECK(created["incident"]["offers"][0]["unit"] == "A");
    CHECK(created["incident"]["offers"][0]["eta_ms"].is_number());

    INFO("the order must reach A's screen and A's acknowledgement must make " << id << " assigned");
    REQUIRE(api.pump_until([&] { return api.state_of(id) == "assigned"; }));
    CHECK(api.orders_shown["A"] == std::vector<std::string>{id + "-1"});
    CHECK(api.orders_shown["B"].empty());

    const json one = api.incident(id);
    CHECK(one["state"] == "assigned");
    CHECK(one["unit"] == "A");
    CHECK(one["priority"] == "emergency");
    CHECK(one["caller"] == "+376 812 345");
    CHECK(one["place"] == "Avinguda Meritxell 20");
    CHECK(one["offers"][0]["outcome"] == "acknowledged");
    CHECK(one["times"]["call_received"].is_number());
    CHECK(one["times"]["unit_notified"].is_number());
    CHECK(one["times"]["acknowledged"].is_number());
    CHECK(one["times"]["on_scene"].is_null());
    CHECK(one["timeline"].size() >= 3);  // received, offered, acknowledged
    CHECK(one.contains("proposal"));     // open: the ranking of units comes along

    CHECK(lists(api.ok(api.get("/api/incidents")), id));
    const json kpis = api.ok(api.get("/api/kpis"));
    CHECK(kpis["calls_today"] == 1);
    CHECK(kpis["units_known"] == 2);
    CHECK(kpis["units_free"] == 1);
}

TEST_CASE("the same idempotency key, in the header or in the body, never makes a second incident", "[incident-api]") {
    ApiCenter api;
    const httplib::Headers key{{"Idempotency-Key", "console-7-call-1"}};
    const json first = api.ok(api.post("/api/incidents", kCallInAndorraLaVella, key), 201);
    const json again = api.ok(api.post("/api/incidents", kCallInAndorraLaVella, key), 200);
    CHECK(first["duplicate"] == false);
    CHECK(again["duplicate"] == true);
    CHECK(again["incident"]["id"] == first["incident"]["id"]);

    const std::string with_body_key = R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","idempotency_key":"console-7-call-2"})";
    const json second = api.ok(api.post("/api/incidents", with_body_key), 201);
    const json second_again = api.ok(api.post("/api/incidents", with_body_key), 200);
    CHECK(second_again["duplicate"] == true);
    CHECK(second_again["incident"]["id"] == second["incident"]["id"]);
    CHECK(second["incident"]["id"] != first["incident"]["id"]);

    // The header wins over the body's key: a retry that added a body key is still the same call.
    const json retried = api.ok(api.post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"emergency",
        "complaint":"chest pain","idempotency_key":"something-else"})", key), 200);
    CHECK(retried["incident"]["id"] == first["incident"]["id"]);
    // The same key on a different call is a client bug: refused, not answered with the first incident.
    const json reused = api.ok(api.post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"urgent"})", key), 409);
    CHECK_THAT(reused["error"].get<std::string>(), Catch::Contains("different call"));

    CHECK(api.ok(api.get("/api/incidents"))["incidents"].size() == 2);
}

TEST_CASE("a call located by place name or place id: one match locates it, a shared name asks to choose, "
          "an unknown or misspelt name says so with close candidates",
          "[incident-api]") {
    ApiCenter api;

    const json encamp = api.ok(api.post("/api/incidents", R"({"place":"Encamp","priority":"urgent"})"), 201);
    CHECK(encamp["incident"]["place"] == "Encamp");
    CHECK(encamp["incident"]["place_id"] != "");
    CHECK(encamp["incident"]["lat"].get<double>() == Approx(42.53).margin(0.02));
    CHECK(encamp["incident"]["lon"].get<double>() == Approx(1.58).margin(0.02));

    const auto shared = api.post("/api/incidents", R"({"place":"l'Aldosa de Canillo","priority":"urgent"})");
    const json choose = api.ok(shared, 409);
    CHECK_THAT(choose["error"].get<std::string>(), Catch::Contains("choose one by place_id"));
    REQUIRE(choose["candidates"].size() == 2);
    CHECK(choose["candidates"][0]["place_id"] != choose["candidates"][1]["place_id"]);

    const std::string chosen = choose["candidates"][1]["place_id"];
    const json by_id = api.ok(api.post("/api/incidents", R"({"place_id":")" + chosen + R"(","priority":"urgent"})"), 201);
    CHECK(by_id["incident"]["place_id"] == chosen);
    CHECK(by_id["incident"]["lat"] == choose["candidates"][1]["lat"]);
    CHECK(by_id["incident"]["lon"] == choose["candidates"][1]["lon"]);

    const json typo = api.ok(api.post("/api/incidents", R"({"place":"Encampp","priority":"urgent"})"), 404);
    CHECK_THAT(typo["error"].get<std::string>(), Catch::Contains("did you mean"));
    REQUIRE(!typo["candidates"].empty());
    CHECK(typo["candidates"][0]["name"] == "Encamp");

    const json nowhere = api.ok(api.post("/api/incidents", R"({"place":"Qwxzvbnmkj","priority":"urgent"})"), 404);
    CHECK_THAT(nowhere["error"].get<std::string>(), Catch::Contains("no place named"));
    CHECK(nowhere.contains("error"));

    const json no_id = api.ok(api.post("/api/incidents", R"({"place_id":"n1","priority":"urgent"})"), 404);
    CHECK_THAT(no_id["error"].get<std::string>(), Catch::Contains("no place with id 'n1'"));

    const json sant = api.ok(api.get("/api/places?q=sant"));
    REQUIRE(sant["exact"].is_array());
    REQUIRE(!sant["close"].empty());
    for (const auto& c : sant["close"]) CHECK_THAT(c["name"].get<std::string>(), Catch::Contains("Sant"));

    // Only the two good calls made incidents.
    CHECK(api.ok(api.get("/api/incidents"))["incidents"].size() == 2);
}

TEST_CASE("the dispatcher moves an incident to another unit (the first is told to drop its order), cancels it, "
          "and cannot assign a cancelled incident",
          "[incident-api]") {
    ApiCenter api;
    Vehicle& a = api.vehicle("A", kNearAndorraLaVella);
    Vehicle& b = api.vehicle("B", kCanillo);
    const std::string id = api.ok(api.post("/api/incidents", kCallInAndorraLaVella), 201)["incident"]["id"];
    REQUIRE(api.pump_until([&] { return api.state_of(id) == "assigned"; }));

    const json moved = api.ok(api.post("/api/incidents/" + id + "/assign", R"({"unit":"B"})"));
    CHECK(moved["state"] == "offered");
    REQUIRE(moved["offers"].size() == 2);
    CHECK(moved["offers"][0]["unit"] == "A");
    CHECK(moved["offers"][0]["outcome"] == "withdrawn");
    CHECK(moved["offers"][1]["unit"] == "B");
    CHECK(moved["offers"][1]["manual"] == true);
    INFO("B must acknowledge and A's uplink must get the order_cancel");
    REQUIRE(api.pump_until([&] { return api.state_of(id) == "assigned" && a.uplink.counters().cancels == 1; }));
    CHECK(api.incident(id)["unit"] == "B");
    CHECK(api.orders_shown["B"] == std::vector<std::string>{id + "-2"});

    const json same = api.ok(api.post("/api/incidents/" + id + "/assign", R"({"unit":"B"})"), 409);
    CHECK_THAT(same["error"].get<std::string>(), Catch::Contains("already has"));

    const json cancelled = api.ok(api.post("/api/incidents/" + id + "/cancel", R"({"reason":"caller says no longer needed"})"));
    CHECK(cancelled["state"] == "cancelled");
    CHECK(cancelled["cancel_reason"] == "caller says no longer needed");
    CHECK(cancelled["unit"].is_null());
    REQUIRE(api.pump_until([&] { return b.uplink.counters().cancels == 1; }));

    const json closed = api.ok(api.post("/api/incidents/" + id + "/assign", R"({"unit":"A"})"), 409);
    CHECK_THAT(closed["error"].get<std::string>(), Catch::Contains("cancelled"));
    api.ok(api.post("/api/incidents/" + id + "/cancel", ""), 409);
    // Both units are free again.
    CHECK(api.ok(api.get("/api/kpis"))["units_free"] == 2);
}

namespace {

struct AckTimeoutStory {
    json incident;
    std::vector<json> alerts;
    std::vector<std::string> silent_orders;
};

// A (nearest) never acknowledges; B, far away, does. The center waits ack_timeout_ms for A.
AckTimeoutStory crew_that_does_not_answer(int ack_timeout_ms) {
    ApiCenter api([&](dispatch::CenterSetup& setup, dispatch::IngestConfig&) { setup.options.ack_timeout_ms = ack_timeout_ms; });
    EventTap tap(api.config.events.front(), {"alert", "unit"});
    SilentUnit silent("A", api.config.listen, kNearAndorraLaVella);
    REQUIRE(api.pump_until([&] {
        const auto* v = api.center->server.fleet().find({"A"});
        return v && v->position.has_value();
    }));
    Vehicle& b = api.vehicle("B", kCanillo);
    // PUB drops what a subscriber not yet joined misses (slow under sanitizers): B repeats its fix
    // until the tap has heard one, so the alert below cannot be missed.
    INFO("the event tap must be subscribed before the call (B's fixes are published as unit events)");
    REQUIRE(api.pump_until([&, next = std::int64_t{0}]() mutable {
        if (now_ms() >= next) {
            b.uplink.submit(fix(now_ms(), kCanillo.lat, kCanillo.lon));
            next = now_ms() + 100;
        }
        return tap.heard("unit");
    }));

    const json created = api.ok(api.post("/api/incidents", kCallInAndorraLaVella), 201);
    const std::string id = created["incident"]["id"];
    CHECK(created["incident"]["offers"][0]["unit"] == "A");
    INFO("after A's silence, " << id << " must be offered to B and acknowledged");
    REQUIRE(api.pump_until([&] {
        silent.drain();
        return api.state_of(id) == "assigned";
    }));
    REQUIRE(api.pump_until([&] { return tap.heard("alert"); }));

    AckTimeoutStory story;
    story.incident = api.incident(id);
    for (const auto& [topic, body] : tap.events)
        if (topic == "alert") story.alerts.push_back(body);
    silent.drain();
    story.silent_orders = silent.orders;
    return story;
}

}  // namespace

TEST_CASE("a unit that does not acknowledge within the timeout loses the call to the next unit, and an alert is published",
          "[incident-api]") {
    const AckTimeoutStory story = crew_that_does_not_answer(300);
    const json& incident = story.incident;
    const std::string id = incident["id"];
    CHECK(story.silent_orders.size() >= 1);
    CHECK(story.silent_orders.front() == id + "-1");
    REQUIRE(incident["offers"].size() == 2);
    CHECK(incident["offers"][0]["unit"] == "A");
    CHECK(incident["offers"][0]["outcome"] == "timed_out");
    CHECK(incident["offers"][1]["unit"] == "B");
    CHECK(incident["offers"][1]["outcome"] == "acknowledged");
    CHECK(incident["unit"] == "B");
    REQUIRE(story.alerts.size() == 1);
    CHECK(story.alerts[0]["type"] == "alert");
    CHECK(story.alerts[0]["incident"] == id);
    CHECK_THAT(story.alerts[0]["text"].get<std::string>(), Catch::Contains("no acknowledgement from A"));
}

// BUG: the alert divides the timeout by 1000 in integers: a 1.5 s wait reads "within 1 s", a
// sub-second one "within 0 s".
TEST_CASE("the acknowledgement alert says how long the center waited", "[incident-api]") {
    const AckTimeoutStory story = crew_that_does_not_answer(1500);
    REQUIRE(story.alerts.size() == 1);
    const std::string text = story.alerts[0]["text"];
    INFO(text);
    CHECK_THAT(text, Catch::Contains("1.5 s"));
}

TEST_CASE("bad input on every incident endpoint is a 4xx with a JSON error, and the server keeps serving", "[incident-api]") {
    ApiCenter api;
    api.vehicle("A", kNearAndorraLaVella);
    const std::string id = api.ok(api.post("/api/incidents", kCallInAndorraLaVella), 201)["incident"]["id"];
    const std::string incident = "/api/incidents/" + id;

    auto call = [&](const std::string& body) { return [&api, body] { return api.client->Post("/api/incidents", body, "application/json"); }; };
    auto post = [&](const std::string& path, const std::string& body) {
        return [&api, path, body] { return api.client->Post(path.c_str(), body, "application/json"); };
    };
    auto get = [&](const std::string& path) { return [&api, path] { return api.client->Get(path.c_str()); }; };
    auto put = [&](const std::string& path) { return [&api, path] { return api.client->Put(path.c_str(), "{}", "application/json"); }; };
    auto del = [&](const std::string& path) { return [&api, path] { return api.client->Delete(path.c_str()); }; };

    struct Bad {
        const char* what;
        std::function<httplib::Result()> request;
        int status;
        const char* mentions;
    };
    const std::vector<Bad> bad{
        // POST /api/incidents
        {"malformed JSON", call(R"({"lat":42.5,)"), 400, "not JSON"},
        {"body not an object", call(R"([42.5, 1.5])"), 400, "JSON object"},
        {"empty body", call(""), 400, "not JSON"},
        {"lat as a string", call(R"({"lat":"42.5","lon":1.52,"priority":"urgent"})"), 400, "'lat' must be a number"},
        {"lat off the globe", call(R"({"lat":95,"lon":1.52,"priority":"urgent"})"), 400, "within"},
        {"lon without lat", call(R"({"lon":1.52,"priority":"urgent"})"), 400, "both 'lat' and 'lon'"},
        {"priority as a number", call(R"({"lat":42.5075,"lon":1.5218,"priority":5})"), 400, "'priority' must be a string"},
        {"priority unknown", call(R"({"lat":42.5075,"lon":1.5218,"priority":"soon"})"), 400, "priority must be one of"},
        {"no priority at all", call(R"({"lat":42.5075,"lon":1.5218})"), 400, "give a priority"},
        {"determinant malformed", call(R"({"lat":42.5075,"lon":1.5218,"determinant":"E-09"})"), 400, "not a determinant code"},
        {"determinant with an unknown level", call(R"({"lat":42.5075,"lon":1.5218,"determinant":"09-Z-01"})"), 400, "not a determinant code"},
        {"caller with letters", call(R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","caller":"call me maybe"})"), 400, "phone number"},
        {"needs not a capability", call(R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","needs":"Stroke!"})"), 400, "capability"},
        {"complaint too long", call(R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","complaint":")" + std::string(300, 'x') + R"("})"), 400, "longer than"},
        {"missing location", call(R"({"priority":"urgent","complaint":"fall"})"), 400, "exactly one of"},
        {"lat and place both", call(R"({"lat":42.5075,"lon":1.5218,"place":"Encamp","priority":"urgent"})"), 400, "exactly one of"},
        {"place as a number", call(R"({"place":7,"priority":"urgent"})"), 400, "'place' must be a string"},
        {"place of separators only", call(R"({"place":"- - -","priority":"urgent"})"), 400, "error"},
        {"place with a control character", call(R"({"place":"Enc\u0001amp","priority":"urgent"})"), 400, "error"},
        {"place in invalid UTF-8", call("{\"place\":\"Enc\xff" "amp\",\"priority\":\"urgent\"}"), 400, "not JSON"},
        {"place with a lone surrogate", call(R"({"place":"Enc\ud800amp","priority":"urgent"})"), 400, "not JSON"},
        {"coordinates off the map", call(R"({"lat":10,"lon":1.5,"priority":"urgent"})"), 422, "outside the area"},
        {"unknown field", call(R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","severity":9})"), 400, "unknown field 'severity'"},
        {"oversized body", call(R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","notes":")" + std::string(5000, 'n') + R"("})"), 413, "limit"},
        {"idempotency key too long", [&] { return api.client->Post("/api/incidents", {{"Idempotency-Key", std::string(300, 'k')}}, kCallInAndorraLaVella, "application/json"); }, 400, "too long"},
        // GET /api/incidents/{id}
        {"unknown incident", get("/api/incidents/I999999"), 404, "no incident I999999"},
        {"POST on an incident", post(incident, "{}"), 405, "not allowed"},
        {"GET on assign", get(incident + "/assign"), 405, "not allowed"},
        {"GET on cancel", get(incident + "/cancel"), 405, "not allowed"},
        {"PUT on the incident list", put("/api/incidents"), 405, "not allowed"},
        {"DELETE on the incident list", del("/api/incidents"), 405, "not allowed"},
        // POST /api/incidents/{id}/assign
        {"assign without a unit", post(incident + "/assign", R"({"vehicle":"A"})"), 400, "say which unit"},
        {"assign with an empty body", post(incident + "/assign", ""), 400, "not JSON"},
        {"assign with a non-object", post(incident + "/assign", R"("A")"), 400, "JSON object"},
        {"assign a unit that is a number", post(incident + "/assign", R"({"unit":12})"), 400, "'unit' must be a string"},
        {"assign an unknown unit", post(incident + "/assign", R"({"unit":"Z9"})"), 404, "no unit 'Z9'"},
        {"assign an unknown incident", post("/api/incidents/I999999/assign", R"({"unit":"A"})"), 404, "no incident I999999"},
        // POST /api/incidents/{id}/cancel
        {"cancel with malformed JSON", post(incident + "/cancel", "{"), 400, "not JSON"},
        {"cancel with a reason that is not text", post(incident + "/cancel", R"({"reason":42})"), 400, "'reason' must be a string"},
        {"cancel an unknown incident", post("/api/incidents/I999999/cancel", "{}"), 404, "no incident I999999"},
        // The other endpoints
        {"places without q", get("/api/places"), 400, "?q=NAME"},
        {"POST on places", post("/api/places", "{}"), 405, "not allowed"},
        {"POST on kpis", post("/api/kpis", "{}"), 405, "not allowed"},
        {"POST on coverage", post("/api/coverage", "{}"), 405, "not allowed"},
        {"POST on events", post("/api/events", "{}"), 405, "not allowed"},
        {"POST on state", post("/api/state", "{}"), 405, "not allowed"},
        {"coverage on a map without places for it", get("/api/coverage"), 404, "live coverage is off"},
        {"unknown path", get("/api/incidents/" + id + "/teleport"), 404, "no such endpoint"},
    };
    for (const auto& b : bad) {
        INFO(b.what);
        auto r = api.serve(b.request);
        REQUIRE(r);
        INFO(r->body);
        CHECK(r->status == b.status);
        CHECK(r->get_header_value("Content-Type") == "application/json");
        const json body = json::parse(r->body, nullptr, false);
        CHECK(body.contains("error"));
        CHECK_THAT(r->body, Catch::Contains(b.mentions));
    }

    // Nothing above made an incident or changed the first one, and the server still takes calls.
    CHECK(api.incident(id)["state"] != "cancelled");
    const json good = api.ok(api.post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"determinant":"09-E-01"})"), 201);
    CHECK(good["incident"]["priority"] == "critical");
    CHECK(api.ok(api.get("/api/incidents"))["incidents"].size() == 2);
}

// BUGS: these reach the gateway or the center and come back with the wrong status (see the report
// of branch apitests for the patch).
TEST_CASE("bad input the API answers with the wrong status: place searches the directory refuses, invalid UTF-8 in the "
          "path or query, other methods on known paths",
          "[incident-api]") {
    ApiCenter api;
    const std::string id = api.ok(api.post("/api/incidents", kCallInAndorraLaVella), 201)["incident"]["id"];
    struct Bad {
        const char* what;
        std::string path;
        const char* method;
        int status;
    };
    const std::vector<Bad> bad{
        {"an empty place search", "/api/places?q=", "GET", 400},
        {"a place search of separators only", "/api/places?q=---", "GET", 400},
        {"a place search with a control character", "/api/places?q=Enc%01amp", "GET", 400},
        {"a place search in invalid UTF-8", "/api/places?q=Enc%FFamp", "GET", 400},
        {"an incident id in invalid UTF-8", "/api/incidents/I%FF", "GET", 400},
        {"a vehicle id in invalid UTF-8", "/api/vehicles/A%FF/orders", "POST-ORDER", 400},
        {"an idempotency key in invalid UTF-8", "/api/incidents", "POST-BADKEY", 400},
        {"DELETE on an incident", "/api/incidents/" + id, "DELETE", 405},
        {"PUT on an incident", "/api/incidents/" + id, "PUT", 405},
        {"PUT on kpis", "/api/kpis", "PUT", 405},
    };
    for (const auto& b : bad) {
        INFO(b.what << ": " << b.method << " " << b.path);
        auto r = api.serve([&]() -> httplib::Result {
            const std::string method = b.method;
            if (method == "GET") return api.client->Get(b.path.c_str());
            if (method == "DELETE") return api.client->Delete(b.path.c_str());
            if (method == "PUT") return api.client->Put(b.path.c_str(), "{}", "application/json");
            if (method == "POST-ORDER") return api.client->Post(b.path.c_str(), R"({"id":"O-1","incident":"X","lat":42.5,"lon":1.52})", "application/json");
            return api.client->Post(b.path.c_str(), {{"Idempotency-Key", "key-\xff"}}, kCallInAndorraLaVella, "application/json");
        });
        REQUIRE(r);
        INFO(r->body);
        CHECK(r->status == b.status);
        CHECK(json::parse(r->body, nullptr, false).contains("error"));
    }
    CHECK(api.ok(api.get("/api/health"))["ok"] == true);
}

TEST_CASE("the event stream relays a new incident to a console as a server-sent event", "[incident-api]") {
    ApiCenter api;
    Vehicle& a = api.vehicle("A", kNearAndorraLaVella);

    httplib::Client console("127.0.0.1", api.gateway->port());
    console.set_read_timeout(20, 0);
    std::mutex mutex;
    std::string received, content_type;
    int status = 0;
    auto seen = [&](const std::string& what) {
        std::lock_guard lock(mutex);
        return received.find(what) != std::string::npos;
    };
    auto stream = std::async(std::launch::async, [&] {
        return console.Get(
            "/api/events",
            [&](const httplib::Response& r) {
                std::lock_guard lock(mutex);
                status = r.status;
                content_type = r.get_header_value("Content-Type");
                return true;
            },
            [&](const char* data, std::size_t size) {
                std::lock_guard lock(mutex);
                received.append(data, size);
                return received.find("event: incident") == std::string::npos;  // enough: hang up
            });
    });
    // Ends the stream whatever happens below, before `stream` waits for it.
    struct HangUp {
        ApiCenter& api;
        ~HangUp() { api.gateway.reset(); }
    } hang_up{api};

    INFO("the stream must be subscribed before the call: a moving unit's fixes show when it is");
    REQUIRE(api.pump_until([&, next = std::int64_t{0}]() mutable {
        if (now_ms() >= next) {
            a.uplink.submit(fix(now_ms(), kNearAndorraLaVella.lat, kNearAndorraLaVella.lon));
            next = now_ms() + 100;
        }
        return seen("event: unit");
    }));
    const std::string id = api.ok(api.post("/api/incidents", kCallInAndorraLaVella), 201)["incident"]["id"];
    REQUIRE(api.pump_until([&] { return seen("event: incident"); }));
    REQUIRE(stream.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    stream.get();

    std::lock_guard lock(mutex);
    CHECK(status == 200);
    CHECK_THAT(content_type, Catch::StartsWith("text/event-stream"));
    const auto at = received.find("event: incident\ndata: ");
    REQUIRE(at != std::string::npos);
    const auto data = at + std::string("event: incident\ndata: ").size();
    const json event = json::parse(received.substr(data, received.find('\n', data) - data), nullptr, false);
    INFO(received);
    CHECK(event["type"] == "incident");
    CHECK(event["incident"] == id);
    CHECK(event["state"]["id"] == id);
}

TEST_CASE("live coverage of the map's places by free units is served as JSON", "[incident-api]") {
    const auto& places = andorra().map.places;
    ApiCenter api([&](dispatch::CenterSetup& setup, dispatch::IngestConfig&) {
        setup.coverage_places = places;
        for (const auto& p : places)
            if (p.name == "Encamp" || p.name == "Sant Julià de Lòria" || p.name == "Ordino") setup.stations.push_back(p);
        setup.coverage_interval_ms = 200;
    });
    api.vehicle("A", kNearAndorraLaVella);

    // Coverage is recomputed on the center's own schedule: wait until it counts A.
    json coverage;
    REQUIRE(api.pump_until([&, next = std::int64_t{0}]() mutable {
        if (now_ms() < next) return false;
        next = now_ms() + 200;
        coverage = api.ok(api.get("/api/coverage"));
        return coverage["free_units"] == 1;
    }));
    INFO(coverage.dump());
    CHECK(coverage["places"] == places.size());
    CHECK(coverage["stations"] == 3);
    REQUIRE(coverage["covered_share"].is_number());
    CHECK(coverage["covered_share"].get<double>() > 0.0);
    CHECK(coverage["covered_share"].get<double>() <= 1.0);
    REQUIRE(coverage["uncovered"].is_array());
    CHECK(coverage["uncovered"].size() == places.size() - coverage["covered"].get<std::size_t>());
    for (const auto& u : coverage["uncovered"]) {
        CHECK(u.contains("place_id"));
        CHECK(u.contains("name"));
    }
}
