#pragma once
// The demo's ambulances: each one the real in-vehicle agent (outbox on disk, uplink on a real
// ZeroMQ socket to the dispatcher) driven by a SimulatedAmbulance instead of a GPS receiver, a
// monitor and a crew, on its own thread, parked at a station at the start. Routes come from the
// same map the dispatcher uses; the patient goes to the nearest hospital reachable by road.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/map_session.hpp"
#include "link/scaled_clock.hpp"
#include "maps/map_point.hpp"

namespace ems120::dispatch {
class HospitalDirectory;
}

namespace ems120::cli {

struct DemoUnit {
    std::string id;      // "A01"
    MapPoint station;    // where it is parked
};

// `count` units spread over `stations` in turn: A01 at the first, A02 at the second, ...
std::vector<DemoUnit> place_units(const std::vector<MapPoint>& stations, unsigned count);

struct DemoFleetConfig {
    std::string endpoint;                  // the dispatcher's vehicle link, e.g. tcp://127.0.0.1:7120
    std::filesystem::path outbox_root;     // each unit's outbox in outbox_root/ID
    std::vector<DemoUnit> units;
    std::uint64_t seed = 1;
    std::int64_t fix_interval_ms = 1000;   // simulated
    std::function<void(const std::string&)> log;  // crew notes (no route, cancel ignored)
};

class DemoFleet {
public:
    // Starts one thread per unit. `map` and `clock` must outlive the fleet.
    DemoFleet(const LoadedMap& map, const link::ScaledClock& clock, DemoFleetConfig config);
    ~DemoFleet();  // stop()
    DemoFleet(const DemoFleet&) = delete;
    DemoFleet& operator=(const DemoFleet&) = delete;

    // Each agent leaves its loop at the next turn (its outbox stays on disk); joins the threads.
    void stop();

private:
    void run_unit(const DemoUnit& unit, std::uint64_t seed);

    const LoadedMap& map_;
    const link::ScaledClock& clock_;
    DemoFleetConfig config_;
    std::unique_ptr<dispatch::HospitalDirectory> hospitals_;
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
};

}  // namespace ems120::cli
