#pragma once
// The numbers a 120 center is judged by, for today's calls (since local midnight): median and
// p90 response time (call received -> on scene), the share of calls dispatched within 3 minutes
// (national guidance: >= 95%), the share reached within 15 minutes, and units free now.
// A call still waiting past a limit counts against it: it will not meet it later.
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "dispatch/fleet_state.hpp"
#include "dispatch/incident_book.hpp"

namespace ems120::dispatch {

struct Kpis {
    std::size_t calls = 0;  // received today, cancelled ones included
    std::size_t reached = 0;  // with a unit on scene
    std::optional<double> response_median_min, response_p90_min;
    std::optional<double> dispatched_within_3_min;  // share in [0, 1]
    std::optional<double> reached_within_15_min;    // share in [0, 1]
    std::size_t units_free = 0, units_known = 0;
};

inline constexpr protocol::UnixMillis kDispatchTargetMs = 3 * 60'000;
inline constexpr protocol::UnixMillis kResponseTargetMs = 15 * 60'000;

// `day_start`: when "today" began, unix ms (local midnight for a center).
Kpis compute_kpis(const IncidentBook& book, const FleetState& fleet, protocol::UnixMillis now, protocol::UnixMillis day_start);
// Local midnight before `now` in this machine's time zone.
protocol::UnixMillis local_day_start(protocol::UnixMillis now);

nlohmann::json kpis_to_json(const Kpis& kpis);

}  // namespace ems120::dispatch
