#pragma once
// What `ems120 demo` was asked to do: its flags, checked, as one plain struct. Bad flags are a
// UsageError naming the flag, raised before anything starts.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/map_session.hpp"

namespace ems120::cli {

struct DemoOptions {
    MapOptions map;
    // The map flags exactly as given, handed on to the dispatcher so both load the same graph.
    std::vector<std::string> map_args;
    std::optional<double> duration_s;  // real seconds; none = until Ctrl-C / SIGTERM
    double speed = 10;                 // simulated seconds per real second
    std::optional<std::uint32_t> units;  // none = three per station
    double calls_per_hour = 15;        // simulated hours: a job takes ~45 min, so 15 units stay mostly able to answer
    std::uint64_t seed = 120;
    std::optional<std::string> data_dir;  // none = a fresh temporary directory, removed at the end
    std::string http_host = "127.0.0.1";
    int http_port = 7180;
    std::optional<double> ack_timeout_s;  // none = the dispatcher's default
};

std::vector<OptionSpec> demo_option_specs();
extern const char* const kDemoSummary;

// Throws UsageError for a value out of range or not a number.
DemoOptions demo_options_from(const CommandLine& line);

}  // namespace ems120::cli
