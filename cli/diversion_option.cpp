#include "cli/diversion_option.hpp"

#include "cli/command_line.hpp"

namespace ems120::cli {

dispatch::DiversionRule parse_diversion_rule(const std::string& text) {
    if (text == "never") return dispatch::DiversionRule::never();
    if (text == "critical") return dispatch::DiversionRule::critical_from_urgent_or_lower();
    if (text == "lower") return dispatch::DiversionRule::from_any_lower_priority();
    throw UsageError("--divert takes never, critical or lower, not '" + text + "'");
}

}  // namespace ems120::cli
