// ems120 order: send a dispatch order to a vehicle through a running dispatcher.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/control_client.hpp"
#include "cli/data_directory.hpp"
#include "cli/value_parsers.hpp"

namespace ems120::cli {

int run_order(std::span<const std::string> args) {
    CommandLine line("order",
                     "Sends a dispatch order to a vehicle's crew screen. The dispatcher resends it until the\n"
                     "unit acknowledges that the crew was shown it (see `ems120 fleet --json`, orders_shown).",
                     {{"data", "DIR", "the dispatcher's data directory (default ./ems120-data)"},
                      {"vehicle", "ID", "the vehicle (required)"},
                      {"id", "ORDER", "order id (required)"},
                      {"incident", "ID", "incident id (required)"},
                      {"at", "LAT,LON", "where the patient is (required)"},
                      {"address", "TEXT", "address as the caller gave it"},
                      {"priority", "P", "priority, e.g. 1 (most urgent) to 4"},
                      {"complaint", "TEXT", "what the caller said is wrong"},
                      {"note", "TEXT", "anything else the crew must know"}});
    if (!line.parse(args)) return 0;
    for (const char* required : {"vehicle", "id", "incident", "at"})
        if (!line.has(required)) throw UsageError(std::string("order: --") + required + " is required");
    const LatLon at = parse_lat_lon("at", *line.value("at"));
    nlohmann::json order{{"id", *line.value("id")}, {"incident", *line.value("incident")}, {"lat", at.lat}, {"lon", at.lon}};
    for (const char* key : {"address", "priority", "complaint", "note"})
        if (auto v = line.value(key)) order[key] = *v;
    const DataDirectory data(line.value("data").value_or("ems120-data"), false);
    ask_dispatcher(data.control_endpoint(), nlohmann::json{{"cmd", "order"}, {"vehicle", *line.value("vehicle")}, {"order", order}}.dump(), 3000);
    std::cout << "order " << *line.value("id") << " queued for " << *line.value("vehicle") << "\n";
    return 0;
}

}  // namespace ems120::cli
