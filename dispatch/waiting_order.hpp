#pragma once
// Which waiting call the next free unit goes to: the most urgent, then the one waiting longest.
// One rule for the live dispatch center (incidents in arrival order) and the planners' simulator
// (calls in arrival order), so a simulated busy day queues calls the way the center does.
#include "dispatch/call_priority.hpp"

namespace ems120::dispatch {

// `Arrival` orders calls by when they came in (an incident id "I000123", a call's sequence number).
template <class Arrival>
bool served_before(CallPriority a, const Arrival& a_arrival, CallPriority b, const Arrival& b_arrival) {
    if (a != b) return more_urgent(a, b);
    return a_arrival < b_arrival;
}

}  // namespace ems120::dispatch
