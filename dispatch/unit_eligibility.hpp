#pragma once
// The dispatch rules that need no map: whether what a unit is doing lets it take this call, and
// what the dispatcher should know about it (stale fix, link down, a diversion). Routing adds the
// rest (off the road network, unreachable) in dispatch/assignment_policy.
#include "dispatch/assignment_input.hpp"
#include "dispatch/assignment_options.hpp"
#include "dispatch/assignment_result.hpp"

namespace ems120::dispatch {

Reasons reasons_from_state(const UnitSnapshot& unit, const CallRequest& call, const AssignmentOptions& options);

}  // namespace ems120::dispatch
