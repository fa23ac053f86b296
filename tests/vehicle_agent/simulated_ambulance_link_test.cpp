// The simulated ambulance inside the real agent, over a real ZeroMQ socket to a minimal center
// (a ROUTER written here: vehicle_agent tests do not link the dispatcher).
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "link/scaled_clock.hpp"
#include "protocol/codec.hpp"
#include "tests/support/temp_dir.hpp"
#include "vehicle_agent/agent.hpp"
#include "vehicle_agent/simulated_ambulance_sources.hpp"
#include "vehicle_agent/spherical_earth.hpp"

using namespace ems120;
using namespace ems120::agent;

namespace {

constexpr LatLon kHome{42.5078, 1.5211};

// Acknowledges everything, remembers the statuses and order acks, sends what the test queues.
struct TinyCenter {
    zmq::context_t context{1};
    zmq::socket_t router{context, zmq::socket_type::router};
    std::string endpoint;
    std::string vehicle_route;  // ZeroMQ routing id of the vehicle, once it spoke
    std::vector<protocol::CrewStatusChange> statuses;
    std::vector<std::string> order_acks;
    std::size_t fixes = 0;

    TinyCenter() {
        router.set(zmq::sockopt::linger, 0);
        router.bind("tcp://127.0.0.1:*");
        endpoint = router.get(zmq::sockopt::last_endpoint);
    }

    void send(const protocol::Body& body) {
        const std::string bytes = protocol::encode(protocol::Message{{"A12"}, 0, body});
        router.send(zmq::buffer(vehicle_route), zmq::send_flags::sndmore);
        router.send(zmq::buffer(bytes), zmq::send_flags::none);
    }

    void serve(std::int64_t now_unix_ms) {
        zmq::message_t id, frame;
        while (router.recv(id, zmq::recv_flags::dontwait)) {  // [routing id, frame]
            if (!router.get(zmq::sockopt::rcvmore) || !router.recv(frame, zmq::recv_flags::dontwait)) continue;
            vehicle_route = id.to_string();
            protocol::Seq highest = 0;
            for (auto& result : protocol::decode_frame(frame.to_string_view(), {now_unix_ms, 5 * 60'000})) {
                REQUIRE(result.message);
                auto& body = result.message->body;
                highest = std::max(highest, result.message->seq);
                if (const auto* s = std::get_if<protocol::CrewStatusChange>(&body)) statuses.push_back(*s);
                if (const auto* a = std::get_if<protocol::OrderAck>(&body)) order_acks.push_back(a->order_id);
                if (std::holds_alternative<protocol::PositionFix>(body)) ++fixes;
            }
            send(protocol::Ack{highest, {}});  // good enough here: the agent sends in order
        }
    }
};

}  // namespace

TEST_CASE("the real agent drives a simulated ambulance: the order is acknowledged, the crew goes en route, "
          "and a cancel brings it back available", "[simulated-ambulance]") {
    TinyCenter center;
    test::TempDir dir;
    const link::ScaledClock clock(link::SystemClock().unix_ms(), 20.0);  // a 20x demo

    SimulatedAmbulanceConfig sim;
    sim.unit = {"A12"};
    sim.home = kHome;
    sim.route = [](LatLon from, LatLon to) {
        return std::optional<SimRoute>(SimRoute{{from, to}, static_cast<std::int64_t>(great_circle_distance_m(from, to) * 100)});
    };
    sim.timings.turnout = {2'000, 2'000};  // 0.1 s of real time at 20x
    auto ambulance = std::make_shared<SimulatedAmbulance>(sim);

    AgentConfig config;
    config.uplink.endpoint = center.endpoint;
    config.uplink.vehicle = {"A12"};
    config.uplink.heartbeat_ms = 100;
    config.outbox.directory = dir.path() / "outbox";
    std::string printed;
    config.print = [&](const std::string& text) { printed += text; };
    attach_simulated_ambulance(config, ambulance);
    zmq::context_t context(1);
    Agent agent(context, std::move(config), clock);

    enum class Step { wait_for_link, order_sent, cancel_sent, done } step = Step::wait_for_link;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    agent.run([&] {
        center.serve(clock.unix_ms());
        if (step == Step::wait_for_link && !center.vehicle_route.empty() && !center.statuses.empty()) {
            protocol::DispatchOrder order;
            order.order_id = "O-1", order.incident_id = "INC-1", order.issued = clock.unix_ms();
            const LatLon scene = destination(kHome, 90, 3000);
            order.lat = scene.lat, order.lon = scene.lon;
            center.send(order);
            step = Step::order_sent;
        } else if (step == Step::order_sent && center.statuses.back().status == protocol::CrewStatus::en_route) {
            for (int i = 0; i < 3; ++i) center.send(protocol::OrderCancel{"O-1", "reassigned to B07"});  // resent: shown once
            step = Step::cancel_sent;
        } else if (step == Step::cancel_sent && center.statuses.back().status == protocol::CrewStatus::available) {
            step = Step::done;
        }
        return step == Step::done || std::chrono::steady_clock::now() > deadline;
    });

    INFO("crew screen:\n" << printed);
    REQUIRE(step == Step::done);
    REQUIRE(center.statuses.size() == 3);
    CHECK(center.statuses[0].status == protocol::CrewStatus::available);
    CHECK(center.statuses[1].status == protocol::CrewStatus::en_route);
    CHECK(center.statuses[1].order_id == "O-1");
    CHECK(center.statuses[2].order_id == "O-1");
    CHECK(center.order_acks == std::vector<std::string>{"O-1"});
    CHECK(center.fixes > 0);
    CHECK(printed.find("=== DISPATCH ORDER O-1") != std::string::npos);
    const std::string cancel_line = "ORDER O-1 CANCELLED: reassigned to B07\n";
    const auto cancelled = printed.find(cancel_line);
    REQUIRE(cancelled != std::string::npos);
    CHECK(printed.find("CANCELLED", cancelled + cancel_line.size()) == std::string::npos);  // sent three times, shown once
    CHECK_FALSE(ambulance->current_order());  // forgotten: home (or already there)
}
