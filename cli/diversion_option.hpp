#pragma once
// --divert never|critical|lower: the dispatcher's diversion rule, and the simulator's "what if".
#include <string>

#include "dispatch/assignment_options.hpp"

namespace ems120::cli {

inline constexpr const char* kDivertHelp =
    "which units driving to a call may be turned to a more\n"
    "                          urgent one: never; critical calls take units from urgent and\n"
    "                          non-urgent ones (default); any more urgent call from a lower one";

// Throws UsageError for anything but never, critical or lower.
dispatch::DiversionRule parse_diversion_rule(const std::string& text);

}  // namespace ems120::cli
