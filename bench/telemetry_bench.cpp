// bench_telemetry: the vehicle link on loopback, in one run:
//   1. the ceilings: raw ZeroMQ PUSH/PULL, one frame per message of a position fix's size,
//      plaintext and CURVE;
//   2. the full path (encode, outbox on disk, CURVE, ZAP, decode, validate, de-duplicate,
//      journal with fdatasync, fleet state, ack) with 1, 100 and 1,000 vehicles sending as fast
//      as their windows allow: messages/s and end-to-end latency;
//   3. 1,000 vehicles at 2 messages/s each: latency p50/p99 (reading produced -> fleet state
//      updated at the center).
// Prints JSON lines; ratios to the ceilings are measured in the same run (docs/performance.md).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "dispatch/ingest_server.hpp"
#include "link/curve_keys.hpp"
#include "protocol/codec.hpp"
#include "vehicle_agent/outbox.hpp"
#include "vehicle_agent/uplink.hpp"

using namespace ems120;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
std::int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }
std::int64_t unix_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

protocol::PositionFix sample_fix(std::int64_t time, int i) {
    protocol::PositionFix f;
    f.gnss_time = time;
    f.lat = 29.56 + i * 1e-5;
    f.lon = 106.55 + i * 1e-5;
    f.speed_mps = 13.9;
    f.heading_deg = 271.5;
    f.hdop = 0.8;
    f.fix_quality = 1;
    f.satellites = 14;
    return f;
}

std::size_t fix_bytes() { return protocol::encode(protocol::Message{{"A0001"}, 123456, sample_fix(unix_ms(), 1)}).size(); }

// 1. PUSH -> PULL, one frame per message.
double raw_ceiling(bool curve, std::size_t message_bytes, std::size_t count) {
    zmq::context_t context(1);
    zmq::socket_t pull(context, zmq::socket_type::pull), push(context, zmq::socket_type::push);
    if (curve) {
        const auto server = link::generate_key_pair(), client = link::generate_key_pair();
        pull.set(zmq::sockopt::curve_server, 1);
        pull.set(zmq::sockopt::curve_secretkey, server.secret_key);
        push.set(zmq::sockopt::curve_serverkey, server.public_key);
        push.set(zmq::sockopt::curve_publickey, client.public_key);
        push.set(zmq::sockopt::curve_secretkey, client.secret_key);
    }
    pull.set(zmq::sockopt::rcvhwm, 100'000);
    push.set(zmq::sockopt::sndhwm, 100'000);
    pull.bind("tcp://127.0.0.1:*");
    push.connect(pull.get(zmq::sockopt::last_endpoint));
    const std::string payload(message_bytes, 'x');
    // Warm up the connection (and the CURVE handshake) before timing.
    push.send(zmq::buffer(payload), zmq::send_flags::none);
    zmq::message_t m;
    (void)pull.recv(m);
    const auto start = Clock::now();
    std::thread sender([&] {
        for (std::size_t i = 0; i < count; ++i) push.send(zmq::buffer(payload), zmq::send_flags::none);
    });
    for (std::size_t i = 0; i < count; ++i) (void)pull.recv(m);
    const double s = seconds_since(start);
    sender.join();
    return static_cast<double>(count) / s;
}

struct Percentiles {
    double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

Percentiles percentiles(std::vector<std::int64_t>& ns) {
    if (ns.empty()) return {};
    std::sort(ns.begin(), ns.end());
    auto at = [&](double q) { return static_cast<double>(ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ns.size())))]) / 1e6; };
    return {at(0.50), at(0.99), static_cast<double>(ns.back()) / 1e6};
}

// A center on its own thread and a fleet of uplinks on this one, over CURVE on loopback.
class FullPath {
public:
    FullPath(std::size_t vehicles, const std::filesystem::path& dir, std::size_t expected)
        : dir_(dir), center_keys_(link::generate_key_pair()), produced_at_(vehicles) {
        link::AllowList allow;
        for (std::size_t i = 0; i < vehicles; ++i) {
            keys_.push_back(link::generate_key_pair());
            allow.add(id(i), keys_.back().public_key);
            produced_at_[i].assign(expected / vehicles + 2, 0);
        }
        latencies_.reserve(expected);
        dispatch::IngestConfig config;
        config.listen = "tcp://127.0.0.1:47190";
        config.security.keys = center_keys_;
        config.allow_list = allow;
        config.journal.directory = dir / "journal";
        config.journal.sync = true;
        config.on_applied = [this](const dispatch::VehicleState& v, const protocol::Message& m) {
            const auto index = static_cast<std::size_t>(std::stoul(v.id.value.substr(1)));
            const auto& produced = produced_at_[index];
            if (m.seq < produced.size() && produced[m.seq] != 0) latencies_.push_back(now_ns() - produced[m.seq]);
            applied_.fetch_add(1, std::memory_order_release);
        };
        center_thread_ = std::thread([this, config] {
            zmq::context_t context(1);
            link::SystemClock clock;
            dispatch::IngestServer server(context, config, clock);
            ready_ = true;
            while (!stop_) server.run_once(1);
        });
        while (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (std::size_t i = 0; i < vehicles; ++i) {
            outboxes_.push_back(std::make_unique<agent::Outbox>(agent::OutboxConfig{dir / ("outbox-" + std::to_string(i))}));
            agent::UplinkConfig c;
            c.endpoint = config.listen;
            c.vehicle = id(i);
            c.security = link::ClientSecurity{keys_[i], center_keys_.public_key};
            uplinks_.push_back(std::make_unique<agent::Uplink>(context_, c, *outboxes_.back(), clock_));
        }
        // Everyone connected (hello acknowledged) before timing.
        while (std::any_of(uplinks_.begin(), uplinks_.end(), [](const auto& u) { return u->state() != agent::LinkState::up; })) turn();
    }

    ~FullPath() {
        stop_ = true;
        center_thread_.join();
    }

    static protocol::VehicleId id(std::size_t i) {
        char text[32];
        std::snprintf(text, sizeof text, "V%04zu", i);
        return {text};
    }

    void submit(std::size_t vehicle, int i) {
        const auto seq = outboxes_[vehicle]->last_seq() + 1;
        if (seq < produced_at_[vehicle].size()) produced_at_[vehicle][seq] = now_ns();
        uplinks_[vehicle]->submit(sample_fix(unix_ms(), i));
    }

    void turn() {
        std::vector<zmq::pollitem_t> items;
        for (auto& u : uplinks_) items.push_back({u->socket().handle(), 0, ZMQ_POLLIN, 0});
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(0));
        for (std::size_t i = 0; i < uplinks_.size(); ++i) {
            if (items[i].revents & ZMQ_POLLIN) uplinks_[i]->receive();
            uplinks_[i]->tick();
        }
    }

    std::size_t applied() const { return applied_.load(std::memory_order_acquire); }
    std::size_t vehicles() const { return uplinks_.size(); }
    // Read only after the center has applied everything (the center thread is idle then).
    std::vector<std::int64_t> take_latencies() {
        while (latencies_.size() < applied()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return std::move(latencies_);
    }
    bool all_delivered() const {
        return std::all_of(outboxes_.begin(), outboxes_.end(), [](const auto& o) { return o->pending().empty(); });
    }

private:
    std::filesystem::path dir_;
    link::KeyPair center_keys_;
    std::vector<link::KeyPair> keys_;
    std::vector<std::vector<std::int64_t>> produced_at_;  // [vehicle][seq] -> ns, written before the send
    std::vector<std::int64_t> latencies_;                 // written by the center thread only
    std::atomic<std::size_t> applied_{0};
    std::atomic<bool> stop_{false}, ready_{false};
    std::thread center_thread_;
    zmq::context_t context_{1};
    link::SystemClock clock_;
    std::vector<std::unique_ptr<agent::Outbox>> outboxes_;
    std::vector<std::unique_ptr<agent::Uplink>> uplinks_;
};

void print_full_path(const char* bench, FullPath& path, std::size_t messages, double seconds, double curve_ceiling, double extra_rate) {
    auto latencies = path.take_latencies();
    const auto p = percentiles(latencies);
    const double rate = static_cast<double>(messages) / seconds;
    std::printf("{\"bench\":\"%s\",\"vehicles\":%zu,\"messages\":%zu,\"seconds\":%.3f,\"messages_per_s\":%.0f,"
                "\"ratio_to_curve_ceiling\":%.3f,\"latency_p50_ms\":%.3f,\"latency_p99_ms\":%.3f,\"latency_max_ms\":%.3f",
                bench, path.vehicles(), messages, seconds, rate, rate / curve_ceiling, p.p50_ms, p.p99_ms, p.max_ms);
    if (extra_rate > 0) std::printf(",\"offered_per_vehicle_per_s\":%.1f,\"target_p99_ms\":10", extra_rate);
    else std::printf(",\"target_ratio\":0.5,\"target_messages_per_s\":100000");
    std::printf("}\n");
    std::fflush(stdout);
}

// 2. Everyone sends as fast as the windows allow.
void saturate(std::size_t vehicles, std::size_t messages, const std::filesystem::path& dir, double curve_ceiling) {
    FullPath path(vehicles, dir, messages);
    const std::size_t per_vehicle = messages / vehicles;
    const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(500, 20'000 / vehicles));
    const auto start = Clock::now();
    std::vector<std::size_t> sent(vehicles, 0);
    std::size_t total = 0;
    while (total < per_vehicle * vehicles) {
        for (std::size_t v = 0; v < vehicles; ++v)
            for (std::size_t k = 0; k < chunk && sent[v] < per_vehicle; ++k, ++total) path.submit(v, static_cast<int>(sent[v]++));
        path.turn();
    }
    while (path.applied() < total) path.turn();
    const double seconds = seconds_since(start);
    print_full_path("full_path_saturated", path, total, seconds, curve_ceiling, 0);
    while (!path.all_delivered()) path.turn();
}

// 3. A steady fleet: every vehicle sends `rate` messages per second for `duration` seconds.
void steady(std::size_t vehicles, double rate, double duration, const std::filesystem::path& dir, double curve_ceiling) {
    const auto messages = static_cast<std::size_t>(static_cast<double>(vehicles) * rate * duration);
    FullPath path(vehicles, dir, messages + vehicles);
    const double interval = 1.0 / rate;
    const auto start = Clock::now();
    std::vector<double> next(vehicles);
    for (std::size_t v = 0; v < vehicles; ++v) next[v] = interval * static_cast<double>(v) / static_cast<double>(vehicles);
    std::size_t total = 0;
    while (total < messages) {
        const double t = seconds_since(start);
        for (std::size_t v = 0; v < vehicles && total < messages; ++v)
            if (next[v] <= t) {
                path.submit(v, static_cast<int>(total));
                next[v] += interval;
                ++total;
            }
        path.turn();
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    while (path.applied() < total) path.turn();
    print_full_path("full_path_steady", path, total, seconds_since(start), curve_ceiling, rate);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t messages = 200'000;
    double steady_seconds = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--messages" && i + 1 < argc) messages = std::stoul(argv[++i]);
        else if (arg == "--steady-seconds" && i + 1 < argc) steady_seconds = std::stod(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_telemetry [--messages N (default 200000)] [--steady-seconds S (default 10)]\n");
            return 2;
        }
    }
    const std::size_t size = fix_bytes();
    const double plain = raw_ceiling(false, size, messages * 2);
    const double curve = raw_ceiling(true, size, messages);
    std::printf("{\"bench\":\"zmq_push_pull_ceiling\",\"message_bytes\":%zu,\"plaintext_messages_per_s\":%.0f,\"curve_messages_per_s\":%.0f}\n",
                size, plain, curve);
    std::fflush(stdout);

    char pattern[] = "/tmp/ems120-bench-XXXXXX";
    const std::filesystem::path root = ::mkdtemp(pattern);
    for (const std::size_t vehicles : {std::size_t{1}, std::size_t{100}, std::size_t{1000}})
        saturate(vehicles, messages, root / ("saturate-" + std::to_string(vehicles)), curve);
    steady(1000, 2.0, steady_seconds, root / "steady", curve);
    std::filesystem::remove_all(root);
    return 0;
}
