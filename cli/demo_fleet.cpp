#include "cli/demo_fleet.hpp"

#include <cstdio>

#include <zmq.hpp>

#include "dispatch/hospital_directory.hpp"
#include "planning/coverage.hpp"
#include "routing/ch_query.hpp"
#include "vehicle_agent/agent.hpp"
#include "vehicle_agent/simulated_ambulance_sources.hpp"

namespace ems120::cli {

namespace {

std::string unit_id(unsigned index, unsigned count) {
    char id[16];
    std::snprintf(id, sizeof id, count < 100 ? "A%02u" : "A%03u", index + 1);
    return id;
}

// Point-to-point drives on the map; one per unit, since a query object is one thread's scratch.
agent::SimRouteProvider route_provider(const LoadedMap& map, double max_snap_m) {
    auto query = std::make_shared<ChQuery>(map.map.graph, map.ch);
    return [&map, query, max_snap_m](LatLon from, LatLon to) -> std::optional<agent::SimRoute> {
        const Snap a = map.index.nearest(from), b = map.index.nearest(to);
        if (!snap_problem(a, max_snap_m).empty() || !snap_problem(b, max_snap_m).empty()) return std::nullopt;
        const Route route = query->route(a, b);
        if (!route.found) return std::nullopt;
        return agent::SimRoute{route.geometry, static_cast<std::int64_t>(route.time)};
    };
}

// The nearest hospital by road that can be reached; none = the patient is treated on scene.
agent::SimHospitalChooser hospital_chooser(const dispatch::HospitalDirectory* directory) {
    if (!directory || directory->hospitals().empty()) return {};
    auto query = std::make_shared<dispatch::HospitalQuery>(*directory);
    return [query](LatLon scene) -> std::optional<agent::SimHospital> {
        for (const auto& h : query->nearest_hospitals(scene).ranked)
            if (h.reachable()) return agent::SimHospital{h.name, h.location};
        return std::nullopt;
    };
}

}  // namespace

std::vector<DemoUnit> place_units(const std::vector<MapPoint>& stations, unsigned count) {
    std::vector<DemoUnit> units;
    if (stations.empty()) return units;
    for (unsigned i = 0; i < count; ++i) units.push_back({unit_id(i, count), stations[i % stations.size()]});
    return units;
}

DemoFleet::DemoFleet(const LoadedMap& map, const link::ScaledClock& clock, DemoFleetConfig config)
    : map_(map), clock_(clock), config_(std::move(config)) {
    if (!map_.map.hospitals.empty())
        hospitals_ = std::make_unique<dispatch::HospitalDirectory>(dispatch::RoutingIndex{&map_.map.graph, &map_.ch, &map_.index},
                                                                   dispatch::hospitals_from_map(map_.map.hospitals));
    for (std::size_t i = 0; i < config_.units.size(); ++i)
        threads_.emplace_back([this, i] { run_unit(config_.units[i], config_.seed * 1000 + i); });
}

DemoFleet::~DemoFleet() { stop(); }

void DemoFleet::stop() {
    stopping_ = true;
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

void DemoFleet::run_unit(const DemoUnit& unit, std::uint64_t seed) {
    agent::SimulatedAmbulanceConfig sim;
    sim.unit = {unit.id};
    sim.home = unit.station.location;
    sim.route = route_provider(map_, 2000.0);
    sim.hospital = hospital_chooser(hospitals_.get());
    sim.seed = seed;
    sim.fix_interval_ms = config_.fix_interval_ms;
    sim.vitals_interval_ms = 2 * config_.fix_interval_ms;
    sim.log = config_.log;
    auto ambulance = std::make_shared<agent::SimulatedAmbulance>(std::move(sim));

    agent::AgentConfig agent_config;
    agent_config.uplink.endpoint = config_.endpoint;
    agent_config.uplink.vehicle = {unit.id};
    agent_config.uplink.software_version = "ems120 demo (simulated ambulance)";
    agent_config.uplink.capabilities = {"fix", "vitals", "status", "orders"};
    agent_config.outbox.directory = config_.outbox_root / unit.id;
    attach_simulated_ambulance(agent_config, ambulance);
    // Its own context, made and closed on this thread with the agent's socket: a unit is its own
    // machine in the story.
    try {
        zmq::context_t context(1);
        agent::Agent agent(context, std::move(agent_config), clock_);
        agent.run([this] { return stopping_.load(); });
    } catch (const std::exception& e) {
        // One broken unit (an unreadable outbox) is a line in the log, not the end of the demo.
        if (config_.log) config_.log(unit.id + ": stopped: " + e.what());
    }
}

}  // namespace ems120::cli
