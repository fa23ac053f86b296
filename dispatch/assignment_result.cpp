#include "dispatch/assignment_result.hpp"

#include <array>
#include <utility>

namespace ems120::dispatch {

std::string describe(Reasons reasons) {
    static constexpr std::array<std::pair<Reason, const char*>, 8> kNames{{
        {Reason::busy, "busy"},
        {Reason::diversion_not_allowed, "diversion not allowed"},
        {Reason::no_position, "no position"},
        {Reason::not_snapped, "off the road network"},
        {Reason::unreachable, "unreachable by road"},
        {Reason::stale, "stale"},
        {Reason::link_down, "link down"},
        {Reason::diverted, "diverted"},
    }};
    std::string text;
    for (const auto& [reason, name] : kNames) {
        if (!reasons.has(reason)) continue;
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

}  // namespace ems120::dispatch
