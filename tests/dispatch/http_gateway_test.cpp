#include <catch2/catch.hpp>

#include <httplib.h>

#include <future>
#include <nlohmann/json.hpp>

#include "dispatch/http_gateway.hpp"
#include "tests/dispatch/link_harness.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// Runs an HTTP request on another thread while this one turns the center (and vehicles).
template <class Request>
httplib::Result while_serving(Center& center, const std::vector<Vehicle*>& vehicles, Request request) {
    auto future = std::async(std::launch::async, request);
    pump(&center, vehicles, [&] { return future.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready; }, 10'000);
    return future.get();
}

}  // namespace

TEST_CASE("the HTTP API serves the fleet, takes orders, and answers bad requests with JSON errors while it keeps serving") {
    TempDir dir;
    auto config = center_config("tcp://127.0.0.1:27128", dir.path() / "journal");
    config.control = "ipc://" + (dir.path() / "control.sock").string();
    Center center(config);
    dispatch::HttpGatewayConfig http;
    http.port = 0;
    http.control_endpoint = config.control;
    http.max_body_bytes = 4096;
    dispatch::HttpGateway gateway(center.context, http);
    httplib::Client client("127.0.0.1", gateway.port());
    client.set_read_timeout(10, 0);

    std::vector<std::string> shown;
    Vehicle a("A12", config.listen, dir.path() / "outbox", {}, [&](const protocol::DispatchOrder& o) { shown.push_back(o.order_id); });
    a.uplink.submit(fix(now_ms(), 42.51, 1.53));
    REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));

    auto fleet = while_serving(center, {&a}, [&] { return client.Get("/api/fleet"); });
    REQUIRE(fleet);
    CHECK(fleet->status == 200);
    CHECK(fleet->get_header_value("Content-Type") == "application/json");
    const auto json = nlohmann::json::parse(fleet->body);
    CHECK(json["vehicles"][0]["vehicle"] == "A12");
    CHECK(json["vehicles"][0]["position"]["lat"] == Approx(42.51));

    const std::string order = R"({"id":"O-1","incident":"INC-1","lat":42.5,"lon":1.52,"address":"Carrer Major 1"})";
    auto posted = while_serving(center, {&a}, [&] { return client.Post("/api/vehicles/A12/orders", order, "application/json"); });
    REQUIRE(posted);
    CHECK(posted->status == 200);
    REQUIRE(pump(&center, {&a}, [&] { return center.server.fleet().find({"A12"})->orders_shown.count("O-1") == 1; }));
    CHECK(shown == std::vector<std::string>{"O-1"});

    struct Bad {
        const char* what;
        std::function<httplib::Result()> request;
        int status;
        const char* mentions;
    };
    const std::vector<Bad> bad{
        {"malformed JSON", [&] { return client.Post("/api/vehicles/A12/orders", "{\"id\":", "application/json"); }, 400, "not JSON"},
        {"not an object", [&] { return client.Post("/api/vehicles/A12/orders", "[1,2]", "application/json"); }, 400, "JSON object"},
        {"wrong type", [&] { return client.Post("/api/vehicles/A12/orders", R"({"id":"O","incident":"I","lat":"north","lon":1})", "application/json"); }, 400, "'lat' must be a number"},
        {"off the globe", [&] { return client.Post("/api/vehicles/A12/orders", R"({"id":"O","incident":"I","lat":95,"lon":1})", "application/json"); }, 400, "not a coordinate"},
        {"unknown vehicle", [&] { return client.Post("/api/vehicles/Z9/orders", order, "application/json"); }, 404, "no vehicle 'Z9'"},
        {"oversized body", [&] { return client.Post("/api/vehicles/A12/orders", std::string(10'000, ' ') + order, "application/json"); }, 413, "limit"},
        {"unknown path", [&] { return client.Get("/api/teleport"); }, 404, "no such endpoint"},
        {"wrong method", [&] { return client.Post("/api/fleet", "{}", "application/json"); }, 405, "not allowed"},
    };
    for (const auto& b : bad) {
        INFO(b.what);
        auto r = while_serving(center, {&a}, b.request);
        REQUIRE(r);
        CHECK(r->status == b.status);
        CHECK_THAT(r->body, Catch::Contains(b.mentions));
        CHECK(nlohmann::json::parse(r->body, nullptr, false).contains("error"));
    }
    auto again = while_serving(center, {&a}, [&] { return client.Get("/api/fleet"); });
    REQUIRE(again);
    CHECK(again->status == 200);
}

TEST_CASE("the HTTP API says 503 when the dispatcher does not answer, and a taken port is one clear error") {
    TempDir dir;
    zmq::context_t context(1);
    dispatch::HttpGatewayConfig http;
    http.port = 0;
    http.control_endpoint = "ipc://" + (dir.path() / "nobody.sock").string();
    http.dispatcher_timeout_ms = 200;
    dispatch::HttpGateway gateway(context, http);
    httplib::Client client("127.0.0.1", gateway.port());
    auto r = client.Get("/api/fleet");
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(client.Get("/api/health")->status == 200);
    http.port = gateway.port();
    CHECK_THROWS_WITH(dispatch::HttpGateway(context, http), Catch::Contains("cannot serve HTTP on 127.0.0.1:" + std::to_string(gateway.port())));
}
