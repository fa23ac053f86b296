#pragma once
// A center and vehicles in one test thread, talking over real ZeroMQ sockets: the test pumps
// both ends in turn (no threads, so the fleet state can be read between turns).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "dispatch/ingest_server.hpp"
#include "link/clock.hpp"
#include "vehicle_agent/outbox.hpp"
#include "vehicle_agent/uplink.hpp"

namespace ems120::test {

struct KeyRing {
    link::KeyPair center = link::generate_key_pair();
    link::KeyPair vehicle_a = link::generate_key_pair();
    link::KeyPair vehicle_b = link::generate_key_pair();
    link::AllowList allow() const {
        link::AllowList list;
        list.add({"A12"}, vehicle_a.public_key);
        list.add({"B7"}, vehicle_b.public_key);
        return list;
    }
};

// Tests that need a fixed TCP port use 271xx: below the kernel's ephemeral range (32768-60999),
// so the outgoing connections of other tests running in parallel can never be holding it.
inline dispatch::IngestConfig center_config(const std::string& endpoint, const std::filesystem::path& journal, std::vector<std::string>* log = nullptr) {
    dispatch::IngestConfig c;
    c.listen = endpoint;
    c.journal.directory = journal;
    c.journal.sync = false;
    c.heartbeat_ms = 100;
    c.stale_after_ms = 600;
    if (log) c.log = [log](const std::string& line) { log->push_back(line); };
    return c;
}

struct Center {
    zmq::context_t context{1};
    link::SystemClock clock;
    dispatch::IngestServer server;
    explicit Center(dispatch::IngestConfig config) : server(context, std::move(config), clock) {}
};

struct Vehicle {
    zmq::context_t context{1};
    link::SystemClock clock;
    agent::Outbox outbox;
    agent::Uplink uplink;
    std::vector<std::string> log;
    Vehicle(const std::string& id, const std::string& endpoint, const std::filesystem::path& outbox_dir,
            link::ClientSecurity security = {}, std::function<void(const protocol::DispatchOrder&)> on_order = nullptr)
        : outbox(agent::OutboxConfig{outbox_dir}), uplink(context, config(id, endpoint, security, on_order, log), outbox, clock) {}

    static agent::UplinkConfig config(const std::string& id, const std::string& endpoint, link::ClientSecurity security,
                                      std::function<void(const protocol::DispatchOrder&)> on_order, std::vector<std::string>& log) {
        agent::UplinkConfig c;
        c.endpoint = endpoint;
        c.vehicle = {id};
        c.security = std::move(security);
        c.heartbeat_ms = 100;
        c.liveness = 3;
        c.backoff_min_ms = 50;
        c.backoff_max_ms = 200;
        c.ack_timeout_ms = 1000;
        c.on_order = std::move(on_order);
        c.log = [&log](const std::string& line) { log.push_back(line); };
        return c;
    }

    void turn() {
        uplink.receive();
        uplink.tick();
    }
};

inline protocol::PositionFix fix(protocol::UnixMillis time, double lat = 42.5, double lon = 1.5) {
    protocol::PositionFix f;
    f.gnss_time = time, f.lat = lat, f.lon = lon, f.speed_mps = 12.0;
    return f;
}

inline protocol::UnixMillis now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Turns every end until `done` or the deadline; returns whether `done` became true.
inline bool pump(Center* center, const std::vector<Vehicle*>& vehicles, const std::function<bool()>& done, int timeout_ms = 5000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (center) center->server.run_once(1);
        else std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (auto* v : vehicles) v->turn();
        if (done()) return true;
    }
    return false;
}

}  // namespace ems120::test
