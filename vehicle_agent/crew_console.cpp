#include "vehicle_agent/crew_console.hpp"

#include <cstdio>
#include <sstream>

#include "protocol/codec.hpp"

namespace ems120::agent {

namespace {

// "available, en_route, ..." from the protocol's own table, so a new status shows up here too.
std::string status_names() {
    std::string names;
    for (std::size_t i = 0; i < protocol::kCrewStatusCount; ++i)
        names += (i ? ", " : "") + std::string(protocol::to_string(static_cast<protocol::CrewStatus>(i)));
    return names;
}

}  // namespace

std::optional<CrewCommand> parse_crew_command(const std::string& line, std::string& error) {
    error.clear();
    std::istringstream words(line);
    std::string name, order, extra;
    if (!(words >> name)) return std::nullopt;
    if (name == "status" && !(words >> name)) {
        error = "status needs one of: " + status_names();
        return std::nullopt;
    }
    for (auto& c : name)
        if (c == '-') c = '_';
    const auto status = protocol::crew_status_from_string(name);
    if (!status) {
        error = "unknown crew status '" + name + "' (" + status_names() + ")";
        return std::nullopt;
    }
    words >> order;
    if (words >> extra) {
        error = "too many words: '" + line + "' (STATUS [ORDER])";
        return std::nullopt;
    }
    if (order.size() > 64) {
        error = "order id too long";
        return std::nullopt;
    }
    return CrewCommand{*status, order};
}

std::string format_order(const protocol::DispatchOrder& order) {
    char where[64];
    std::snprintf(where, sizeof where, "%.5f, %.5f", order.lat, order.lon);
    std::string text = "=== DISPATCH ORDER " + order.order_id + (order.priority.empty() ? "" : " - priority " + order.priority) + " ===\n";
    text += "incident " + order.incident_id + " at " + where + (order.address.empty() ? "" : " - " + order.address) + "\n";
    if (!order.note.empty()) text += "note: " + order.note + "\n";
    text += "(the center knows you have it; report with: en_route " + order.order_id + ")\n";
    return text;
}

std::string format_order_cancel(const protocol::OrderCancel& cancel) {
    return "ORDER " + cancel.order_id + " CANCELLED" + (cancel.reason.empty() ? "" : ": " + cancel.reason) + "\n";
}

}  // namespace ems120::agent
