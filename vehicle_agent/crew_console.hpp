#pragma once
// The crew's side of the unit in text form (a real unit's touch screen speaks the same): dispatch
// orders are printed when they arrive, and status lines typed by the crew become status changes.
//   en_route [ORDER]   on_scene [ORDER]   patient_contact [ORDER]   transporting [ORDER]
//   at_hospital [ORDER]   handover [ORDER]   available [ORDER]   out_of_service
#include <optional>
#include <string>

#include "protocol/messages.hpp"

namespace ems120::agent {

struct CrewCommand {
    protocol::CrewStatus status = protocol::CrewStatus::available;
    std::string order_id;
};

// Parses one line; nullopt with `error` set when it is not a status command (blank lines give
// nullopt with an empty error).
std::optional<CrewCommand> parse_crew_command(const std::string& line, std::string& error);

// The order as the crew sees it: several lines, ending in how to report status.
std::string format_order(const protocol::DispatchOrder& order);

// One line: "ORDER O-17 CANCELLED: reassigned to B07".
std::string format_order_cancel(const protocol::OrderCancel& cancel);

}  // namespace ems120::agent
