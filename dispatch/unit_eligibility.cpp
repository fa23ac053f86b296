#include "dispatch/unit_eligibility.hpp"

namespace ems120::dispatch {

namespace {

// now - fix > limit, without the overflow a hostile or corrupt timestamp would cause.
bool older_than(protocol::UnixMillis fix, protocol::UnixMillis now, protocol::UnixMillis limit) {
    if (fix >= now) return false;  // a fix stamped after the call (a clock ahead of ours) is fresh
    const std::uint64_t age = static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(fix);
    return limit < 0 || age > static_cast<std::uint64_t>(limit);
}

}  // namespace

Reasons reasons_from_state(const UnitSnapshot& unit, const CallRequest& call, const AssignmentOptions& options) {
    Reasons reasons;
    switch (unit.availability.activity) {
        case UnitActivity::available:
        case UnitActivity::returning_to_station:
            break;
        case UnitActivity::en_route:
            reasons.add(options.diversion.allows(call.priority, unit.availability.en_route_priority)
                            ? Reason::diverted
                            : Reason::diversion_not_allowed);
            break;
        case UnitActivity::busy:
            reasons.add(Reason::busy);
            break;
    }
    if (!unit.position || !is_valid_lat_lon(unit.position->location)) {
        reasons.add(Reason::no_position);
    } else if (older_than(unit.position->fix_time, call.time, options.stale_after_ms)) {
        reasons.add(Reason::stale);
    }
    if (!unit.link_up) reasons.add(Reason::link_down);
    return reasons;
}

}  // namespace ems120::dispatch
