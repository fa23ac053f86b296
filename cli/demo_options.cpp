#include "cli/demo_options.hpp"

#include "cli/value_parsers.hpp"

namespace ems120::cli {

const char* const kDemoSummary =
    "The whole center on one machine, with nothing to set up: starts the dispatcher (and restarts it\n"
    "if it dies), parks simulated ambulances at the map's stations — each the real in-vehicle agent\n"
    "with its outbox, on real ZeroMQ sockets — and phones in emergency calls at the map's places in\n"
    "simulated time. Prints one line per assignment, arrival and completion, and a summary at the\n"
    "end (--duration, Ctrl-C or SIGTERM). docs/demo.md.";

std::vector<OptionSpec> demo_option_specs() {
    std::vector<OptionSpec> specs = map_option_specs();
    const std::vector<OptionSpec> own{
        {"duration", "SECONDS", "stop after this many real seconds (default: until Ctrl-C)"},
        {"speed", "FACTOR", "simulated time runs FACTOR times faster than real time (default 10)"},
        {"units", "N", "ambulances, spread over the stations (default: three per station)"},
        {"calls-per-hour", "X", "mean calls per simulated hour, Poisson (default 15; 0: none, calls only\n"
                               "                          come from the HTTP API)"},
        {"seed", "S", "seed for calls and crews: the same seed tells the same story (default 120)"},
        {"data", "DIR", "the dispatcher's data and the units' outboxes; kept afterwards\n"
                        "                          (default: a temporary directory, removed at the end)"},
        {"http", "HOST:PORT", "the dispatcher's HTTP API (default 127.0.0.1:7180)"},
        {"ack-timeout", "SECONDS", "simulated seconds a crew has to acknowledge an order (dispatcher default)"}};
    specs.insert(specs.end(), own.begin(), own.end());
    return specs;
}

DemoOptions demo_options_from(const CommandLine& line) {
    DemoOptions o;
    o.map = map_options_from(line);
    for (const auto& spec : map_option_specs()) {
        if (!line.has(spec.name)) continue;
        o.map_args.push_back("--" + spec.name);
        if (!spec.value_name.empty()) o.map_args.push_back(*line.value(spec.name));
    }
    if (auto v = line.value("duration")) o.duration_s = parse_number("duration", *v, 1, 1e7);
    // The dispatcher's --sim-speed takes 1 to 1000.
    if (auto v = line.value("speed")) o.speed = parse_number("speed", *v, 1, 1000);
    if (auto v = line.value("units")) o.units = parse_count("units", *v, 1, 500);
    if (auto v = line.value("calls-per-hour")) o.calls_per_hour = parse_number("calls-per-hour", *v, 0, 100'000);
    if (auto v = line.value("seed")) o.seed = parse_count("seed", *v, 0, 4'294'967'295u);
    if (auto v = line.value("data")) {
        if (v->empty()) throw UsageError("--data needs a directory");
        o.data_dir = *v;
    }
    if (auto v = line.value("http")) {
        const auto colon = v->rfind(':');
        if (colon == std::string::npos || colon == 0) throw UsageError("--http takes HOST:PORT, not '" + *v + "'");
        o.http_host = v->substr(0, colon);
        o.http_port = static_cast<int>(parse_count("http", v->substr(colon + 1), 1, 65535));
    }
    if (auto v = line.value("ack-timeout")) o.ack_timeout_s = parse_number("ack-timeout", *v, 1, 3600);
    return o;
}

}  // namespace ems120::cli
