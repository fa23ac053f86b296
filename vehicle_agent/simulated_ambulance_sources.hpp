#pragma once
// The simulated ambulance (simulated_ambulance.hpp) seen by the agent as its three input sources
// — GPS, vitals monitor, crew status — plus the order callbacks, all sharing one story. Whichever
// source the loop polls first advances the story to `now`; each then takes its own readings.
//
//   auto ambulance = std::make_shared<SimulatedAmbulance>(config);
//   AgentConfig agent_config = ...;            // uplink, outbox as for a real unit
//   attach_simulated_ambulance(agent_config, ambulance);
//   Agent agent(context, std::move(agent_config), scaled_clock);
#include <memory>

#include "vehicle_agent/agent.hpp"
#include "vehicle_agent/simulated_ambulance.hpp"

namespace ems120::agent {

struct SimulatedAmbulanceSources {
    std::unique_ptr<InputSource<protocol::PositionFix>> gps;
    std::unique_ptr<InputSource<protocol::Vitals>> vitals;
    std::unique_ptr<InputSource<protocol::CrewStatusChange>> crew_status;
};

SimulatedAmbulanceSources make_sources(const std::shared_ptr<SimulatedAmbulance>& ambulance);

// Sets the agent's gps, vitals and crew_status sources and its on_order / on_order_cancel
// callbacks (replacing what was there) to those of `ambulance`.
void attach_simulated_ambulance(AgentConfig& config, const std::shared_ptr<SimulatedAmbulance>& ambulance);

}  // namespace ems120::agent
