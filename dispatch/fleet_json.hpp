#pragma once
// The fleet state as JSON (`ems120 fleet --json`, the control socket) and dispatch orders from it.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>

#include "dispatch/fleet_state.hpp"

namespace ems120::dispatch {

struct IngestCounters;

nlohmann::json fleet_to_json(const FleetState& fleet, const IngestCounters& counters, std::int64_t now_steady_ms);

// {"id", "incident", "lat", "lon", "address", "priority", "note", "complaint"}; throws InputError when a field
// is missing, of the wrong type or out of range.
protocol::DispatchOrder order_from_json(const nlohmann::json& order);

}  // namespace ems120::dispatch
