#pragma once
// A whole dispatch center in one test: the ingest server with its DispatchCenter on the bundled
// Andorra map, the HTTP gateway on a free port of 127.0.0.1, and vehicles on the real ZeroMQ link
// (ipc:// sockets in a TempDir, so parallel test programs never collide). The test thread turns
// the center and the vehicles (tests/dispatch/link_harness.hpp) while an HTTP request runs on
// another thread, as the real dispatcher's loop would answer the gateway.
//
//   ApiCenter api;                                    // or ApiCenter api(tune) to change options
//   api.vehicle("A", {42.51, 1.53});                  // connected, its fix accepted
//   auto r = api.post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"emergency"})");
//   api.pump_until([&] { return api.incident(id)["state"] == "assigned"; });
#include <httplib.h>

#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dispatch/call_intake.hpp"
#include "dispatch/http_gateway.hpp"
#include "dispatch/ingest_server.hpp"
#include "dispatch/place_directory.hpp"
#include "protocol/codec.hpp"
#include "tests/dispatch/link_harness.hpp"
#include "tests/routing/andorra_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace ems120::test {

inline dispatch::RoutingIndex andorra_routing_index() {
    const AndorraMap& a = andorra();
    return {&a.map.graph, &a.ch, &a.index};
}

// The place finder the dispatcher command builds (cli/center_directories.cpp), rebuilt here because
// the test program does not link the CLI.
inline dispatch::PlaceFinder andorra_place_finder() {
    const auto directory = std::make_shared<const dispatch::PlaceDirectory>(andorra().map.places);
    auto candidate = [](const MapPoint& p) { return dispatch::PlaceCandidate{p.source_id, p.display_name(), p.kind, p.location}; };
    dispatch::PlaceFinder finder;
    finder.by_id = [directory, candidate](const std::string& id) -> std::optional<dispatch::PlaceCandidate> {
        const auto found = directory->find_id(id);
        if (!found) return std::nullopt;
        return candidate(directory->point(*found));
    };
    finder.by_name = [directory, candidate](const std::string& text) {
        const dispatch::PlaceLookup lookup = directory->find_name(text);
        dispatch::PlaceFinder::Found found;
        for (const auto& match : lookup.candidates)
            (match.kind == dispatch::MatchKind::exact ? found.exact : found.close).push_back(candidate(directory->point(match.index)));
        return found;
    };
    finder.distance_to_road_m = [](LatLon p) { return andorra().index.nearest(p).distance_m; };
    return finder;
}

// A center on the Andorra map with place names, no hospitals and no live coverage.
inline dispatch::CenterSetup andorra_center() {
    dispatch::CenterSetup setup;
    setup.modes = dispatch::TravelModes::one_for_all(andorra_routing_index());
    setup.places = andorra_place_finder();
    return setup;
}

// Known spots of the Andorra map.
inline constexpr LatLon kAndorraLaVella{42.5075, 1.5218};
inline constexpr LatLon kNearAndorraLaVella{42.5100, 1.5300};
inline constexpr LatLon kCanillo{42.5660, 1.5980};

struct ApiCenter {
    TempDir dir;
    dispatch::IngestConfig config;
    std::vector<std::string> log;
    std::unique_ptr<Center> center;
    std::unique_ptr<dispatch::HttpGateway> gateway;
    std::unique_ptr<httplib::Client> client;
    std::deque<Vehicle> vehicles;
    std::vector<Vehicle*> turning;  // the vehicles pump() turns
    std::map<std::string, std::vector<std::string>> orders_shown;  // vehicle -> order ids its crew saw

    // `tune` may change the center's setup and the server's config before anything starts,
    // `tune_http` the gateway's (its port, the console's directory).
    explicit ApiCenter(const std::function<void(dispatch::CenterSetup&, dispatch::IngestConfig&)>& tune = nullptr,
                       const std::function<void(dispatch::HttpGatewayConfig&)>& tune_http = nullptr) {
        config = center_config("ipc://" + (dir.path() / "link.sock").string(), dir.path() / "journal", &log);
        config.control = "ipc://" + (dir.path() / "control.sock").string();
        config.events = {"ipc://" + (dir.path() / "events.sock").string()};
        config.stale_after_ms = 60'000;  // a slow machine must not drop a vehicle mid-test
        dispatch::CenterSetup setup = andorra_center();
        if (tune) tune(setup, config);
        config.center = std::move(setup);
        center = std::make_unique<Center>(config);
        dispatch::HttpGatewayConfig http;
        http.port = 0;
        http.control_endpoint = config.control;
        http.events_endpoint = config.events.front();
        http.max_body_bytes = 4096;
        http.dispatcher_timeout_ms = 10'000;
        if (tune_http) tune_http(http);
        gateway = std::make_unique<dispatch::HttpGateway>(center->context, http);
        client = std::make_unique<httplib::Client>("127.0.0.1", gateway->port());
        client->set_read_timeout(15, 0);
    }

    bool pump_until(const std::function<bool()>& done, int timeout_ms = 10'000) {
        return pump(center.get(), turning, done, timeout_ms);
    }

    // A vehicle on the link, its fix at `at` accepted by the center.
    Vehicle& vehicle(const std::string& id, LatLon at) {
        auto& v = vehicles.emplace_back(id, config.listen, dir.path() / ("outbox-" + id), link::ClientSecurity{},
                                        [this, id](const protocol::DispatchOrder& o) { orders_shown[id].push_back(o.order_id); });
        turning.push_back(&v);
        v.uplink.submit(fix(now_ms(), at.lat, at.lon));
        REQUIRE(pump_until([&] { return v.outbox.pending().empty(); }));
        return v;
    }

    // Runs one HTTP request on another thread while this one turns the center and the vehicles.
    httplib::Result serve(std::function<httplib::Result()> request) {
        auto future = std::async(std::launch::async, std::move(request));
        pump_until([&] { return future.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready; }, 20'000);
        return future.get();
    }
    httplib::Result get(const std::string& path) {
        return serve([&] { return client->Get(path.c_str()); });
    }
    httplib::Result post(const std::string& path, const std::string& body, const httplib::Headers& headers = {}) {
        return serve([&] { return client->Post(path.c_str(), headers, body, "application/json"); });
    }

    // The body of a request that must succeed with `status`, as JSON.
    nlohmann::json ok(const httplib::Result& r, int status = 200) {
        REQUIRE(r);
        INFO(r->body);
        REQUIRE(r->status == status);
        return nlohmann::json::parse(r->body);
    }
    nlohmann::json incident(const std::string& id) { return ok(get("/api/incidents/" + id)); }
    // The incident as the center holds it now, read without HTTP (for pump_until conditions).
    std::string state_of(const std::string& id) {
        const auto* found = center->server.center()->book().find({id});
        return found ? std::string(dispatch::name_of(found->state)) : "";
    }
};

// A unit that says hello and sends one fix over a raw DEALER socket, then never acknowledges an
// order: the crew that does not answer the radio.
struct SilentUnit {
    zmq::context_t context{1};
    zmq::socket_t socket{context, zmq::socket_type::dealer};
    std::string id;
    std::vector<std::string> orders;  // order ids that reached it (never acknowledged)

    SilentUnit(const std::string& unit, const std::string& endpoint, LatLon at) : id(unit) {
        socket.set(zmq::sockopt::linger, 0);
        socket.connect(endpoint);
        send({{unit}, 0, protocol::Hello{"silent-test-unit", {"fix", "orders"}, 4242}});
        send({{unit}, 1, fix(now_ms(), at.lat, at.lon)});
    }
    void send(const protocol::Message& m) { socket.send(zmq::buffer(protocol::encode(m)), zmq::send_flags::none); }
    // Reads what the center sent; answers nothing.
    void drain() {
        zmq::message_t frame;
        while (socket.recv(frame, zmq::recv_flags::dontwait))
            for (const auto& r : protocol::decode_frame(frame.to_string_view(), {now_ms(), 0}))
                if (r.message)
                    if (const auto* order = std::get_if<protocol::DispatchOrder>(&r.message->body)) orders.push_back(order->order_id);
    }
};

}  // namespace ems120::test
