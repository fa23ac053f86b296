// bench_console_feeder: a fleet of simulated vehicles for the console's latency bench
// (bench/console_bench.mjs): N uplinks — the in-vehicle agent's own link code, outbox on disk —
// each streaming one position fix per second to `ems120 dispatcher --insecure`, spread evenly
// over the second, driving straight lines that bounce inside a box at 8–20 m/s.
//   bench_console_feeder ENDPOINT VEHICLES SECONDS W,S,E,N DIR
// Prints "ready" on stderr once every vehicle's link is up, then streams for SECONDS, then one
// JSON line: {"bench":"console_feeder","vehicles","fixes_sent","seconds","delivered"}.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "link/clock.hpp"
#include "protocol/messages.hpp"
#include "vehicle_agent/outbox.hpp"
#include "vehicle_agent/uplink.hpp"

using namespace ems120;
using Clock = std::chrono::steady_clock;

namespace {

struct Box {
    double west, south, east, north;
};

struct Drive {
    double lat, lon, speed_mps, heading_deg;
};

std::int64_t unix_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Box parse_box(const std::string& text) {
    Box b{};
    char c1 = 0, c2 = 0, c3 = 0;
    std::istringstream in(text);
    if (!(in >> b.west >> c1 >> b.south >> c2 >> b.east >> c3 >> b.north) || c1 != ',' || c2 != ',' || c3 != ',' ||
        !(b.west < b.east && b.south < b.north && b.west >= -180 && b.east <= 180 && b.south >= -85 && b.north <= 85))
        throw std::invalid_argument("the box must be W,S,E,N in degrees, west < east, south < north, not '" + text + "'");
    return b;
}

// One second of straight driving; a wall turns the vehicle back into the box.
void advance(Drive& d, const Box& box, double seconds) {
    constexpr double metres_per_degree = 111'320.0;
    const double h = d.heading_deg * M_PI / 180.0;
    d.lat += d.speed_mps * seconds * std::cos(h) / metres_per_degree;
    d.lon += d.speed_mps * seconds * std::sin(h) / (metres_per_degree * std::cos(d.lat * M_PI / 180.0));
    if (d.lat < box.south || d.lat > box.north) {
        d.lat = std::clamp(d.lat, box.south, box.north);
        d.heading_deg = std::fmod(540.0 - d.heading_deg, 360.0);
    }
    if (d.lon < box.west || d.lon > box.east) {
        d.lon = std::clamp(d.lon, box.west, box.east);
        d.heading_deg = std::fmod(360.0 - d.heading_deg, 360.0);
    }
}

int run(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: bench_console_feeder ENDPOINT VEHICLES SECONDS W,S,E,N DIR\n";
        return 2;
    }
    const std::string endpoint = argv[1];
    const int vehicles = std::stoi(argv[2]);
    const double seconds = std::stod(argv[3]);
    const Box box = parse_box(argv[4]);
    const std::filesystem::path dir = argv[5];
    if (vehicles < 1 || vehicles > 5000) throw std::invalid_argument("VEHICLES must be 1 to 5000");
    if (!(seconds > 0 && seconds <= 3600)) throw std::invalid_argument("SECONDS must be in (0, 3600]");

    zmq::context_t context(1);
    link::SystemClock clock;
    std::mt19937 random(120);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::unique_ptr<agent::Outbox>> outboxes;
    std::vector<std::unique_ptr<agent::Uplink>> uplinks;
    std::vector<Drive> drives;
    for (int i = 0; i < vehicles; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "B%04d", i);
        outboxes.push_back(std::make_unique<agent::Outbox>(agent::OutboxConfig{dir / id}));
        agent::UplinkConfig c;
        c.endpoint = endpoint;
        c.vehicle = {id};
        c.capabilities = {"fix"};
        uplinks.push_back(std::make_unique<agent::Uplink>(context, c, *outboxes.back(), clock));
        drives.push_back({box.south + unit(random) * (box.north - box.south), box.west + unit(random) * (box.east - box.west),
                          8.0 + unit(random) * 12.0, unit(random) * 360.0});
    }
    std::vector<zmq::pollitem_t> items(uplinks.size());
    const auto turn = [&](int wait_ms) {
        for (std::size_t i = 0; i < uplinks.size(); ++i) items[i] = {uplinks[i]->socket().handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(wait_ms));
        for (std::size_t i = 0; i < uplinks.size(); ++i) {
            if (items[i].revents & ZMQ_POLLIN) uplinks[i]->receive();
            uplinks[i]->tick();
        }
    };
    const auto connect_deadline = Clock::now() + std::chrono::seconds(60);
    while (std::any_of(uplinks.begin(), uplinks.end(), [](const auto& u) { return u->state() != agent::LinkState::up; })) {
        if (Clock::now() > connect_deadline) throw std::runtime_error("not every vehicle's link came up within 60 s");
        turn(5);
    }
    std::cerr << "ready" << std::endl;

    // Vehicle i sends at i/N of every second: an even 1 Hz stream per vehicle, N fixes a second.
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::uint64_t sent = 0;
    std::vector<std::int64_t> next_due(uplinks.size());
    for (std::size_t i = 0; i < uplinks.size(); ++i) next_due[i] = static_cast<std::int64_t>(i) * 1000 / vehicles;
    while (Clock::now() < end) {
        const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
        for (std::size_t i = 0; i < uplinks.size(); ++i) {
            if (next_due[i] > elapsed_ms) continue;
            next_due[i] += 1000;
            advance(drives[i], box, 1.0);
            protocol::PositionFix fix;
            fix.gnss_time = unix_ms();
            fix.lat = drives[i].lat;
            fix.lon = drives[i].lon;
            fix.speed_mps = drives[i].speed_mps;
            fix.heading_deg = drives[i].heading_deg;
            fix.hdop = 0.9;
            fix.fix_quality = 1;
            fix.satellites = 12;
            uplinks[i]->submit(fix);
            ++sent;
        }
        turn(1);
    }
    // Let the last fixes be acknowledged (bounded).
    const auto drain_deadline = Clock::now() + std::chrono::seconds(10);
    const auto delivered = [&] { return std::all_of(outboxes.begin(), outboxes.end(), [](const auto& o) { return o->pending().empty(); }); };
    while (!delivered() && Clock::now() < drain_deadline) turn(5);
    std::printf("{\"bench\":\"console_feeder\",\"vehicles\":%d,\"fixes_sent\":%llu,\"seconds\":%.1f,\"delivered\":%s}\n", vehicles,
                static_cast<unsigned long long>(sent), seconds, delivered() ? "true" : "false");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench_console_feeder: " << e.what() << "\n";
        return 1;
    }
}
