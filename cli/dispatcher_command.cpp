// ems120 dispatcher: the 120 center — vehicles connect, stream GPS and vitals and receive orders;
// calls come in over HTTP and get the unit that arrives first; the fleet state and incidents are
// served on a control socket (`ems120 fleet`) and the HTTP API.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/center_directories.hpp"
#include "cli/center_maps.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/data_directory.hpp"
#include "cli/log_line.hpp"
#include "cli/signal_stop.hpp"
#include "cli/station_choice.hpp"
#include "maps/point_list_reader.hpp"
#include "cli/value_parsers.hpp"
#include "dispatch/console_files.hpp"
#include "dispatch/console_map.hpp"
#include "dispatch/http_gateway.hpp"
#include "dispatch/ingest_server.hpp"
#include "link/curve_keys.hpp"
#include "link/scaled_clock.hpp"

namespace ems120::cli {

namespace {

bool on_off(const std::string& option, const std::string& value) {
    if (value != "on" && value != "off") throw UsageError("--" + option + " takes on or off, not '" + value + "'");
    return value == "on";
}

// Where scripts/build puts the browser console: build/console, next to build/bin/ems120.
std::string default_console_directory() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "console";
    return std::filesystem::weakly_canonical(exe.parent_path() / ".." / "console", ec).string();
}

constexpr const char* kInsecureWarning =
    "WARNING: --insecure: vehicle links are NOT encrypted and NOT authenticated. Positions and\n"
    "patient vitals cross the network in plain text and anyone who can reach the port can send\n"
    "data in any vehicle's name. Use this for a local demo only, never on a real network.\n";

}  // namespace

int run_dispatcher(std::span<const std::string> args) {
    std::vector<OptionSpec> specs = map_option_specs();
    const std::vector<OptionSpec> own{
                     {"listen", "ENDPOINT", "where vehicles connect (default tcp://0.0.0.0:7120)"},
                      {"data", "DIR", "journal and control socket live here (default ./ems120-data)"},
                      {"key", "PREFIX", "the center's key pair PREFIX.key/.pub (from `ems120 keygen --out`)"},
                      {"allow", "FILE", "vehicles allowed in: lines 'VEHICLE_ID PUBLIC_KEY' (Z85)"},
                      {"insecure", "", "no encryption, no authentication: local demos only"},
                      {"heartbeat-ms", "MS", "heartbeat interval towards vehicles (default 1000)"},
                      {"stale-after", "SECONDS", "a vehicle silent this long is marked stale (default 10)"},
                      {"journal-sync", "on|off", "fdatasync the journal before each acknowledgement (default on;\n"
                                                 "                          off survives kill -9 but not power loss)"},
                      {"max-future", "SECONDS", "reject device times further ahead of this clock (default 300)"},
                      {"http", "HOST:PORT|off", "the HTTP/JSON API: calls, incidents, fleet, coverage, KPIs, events\n"
                                                "                          (default 127.0.0.1:7180; docs/http-api.md)"},
                      {"console", "DIR", "the browser console's built files, served at http://HOST:PORT/\n"
                                         "                          (default: ../console next to this binary, i.e. build/console)"},
                      {"ack-timeout", "SECONDS", "the crew must acknowledge an order within this (default 60);\n"
                                                 "                          then the call goes to the next-best unit"},
                      {"stale-fix", "SECONDS", "a unit without a fix this long is ranked from its last one and\n"
                                               "                          marked stale (default 120)"},
                      {"divert", "never|critical|lower", "which units driving to a call may be turned to a more\n"
                                                         "                          urgent one: never; critical calls take units from urgent and\n"
                                                         "                          non-urgent ones (default); any more urgent call from a lower one"},
                      {"lights-and-sirens", "on|off", "route critical and emergency calls on the faster\n"
                                                      "                          lights-and-sirens graph (default on)"},
                      {"hospitals", "FILE", "hospitals with capabilities (CSV or JSON lines, docs/dispatch.md);\n"
                                            "                          default: the map's hospitals"},
                      {"stations", "FILE", "stations for move-up recommendations, CSV (name,lat,lon) or GeoJSON;\n"
                                           "                          default: the map's ambulance stations, else its hospitals"},
                      {"radius", "MINUTES", "the response radius: coverage and 'outside' flags (default 15)"},
                      {"events", "ENDPOINT", "also publish events (ZeroMQ PUB) here, e.g. tcp://127.0.0.1:7121;\n"
                                             "                          always on ipc://DATA/events.sock"},
                      {"sim-speed", "FACTOR", "simulated time running FACTOR times faster (the demo)"},
                      {"sim-epoch", "UNIX_MS", "with --sim-speed: the moment simulated and real time agree"},
                      {"run-for", "SECONDS", "stop after this long (default: until Ctrl-C)"}};
    specs.insert(specs.end(), own.begin(), own.end());
    CommandLine line("dispatcher",
                     "Runs the 120 center. Ambulances connect (ZeroMQ, CURVE-encrypted), stream GPS fixes,\n"
                     "vital signs and crew status, and receive dispatch orders. Calls come in over the HTTP\n"
                     "API (POST /api/incidents) and are offered to the unit that reaches the patient first by\n"
                     "road; a crew that does not acknowledge in time is passed over for the next. Every\n"
                     "accepted message and every decision is journaled before it is acknowledged, so nothing\n"
                     "is lost if the dispatcher is killed; a restart replays the journal. `ems120 fleet`\n"
                     "shows the fleet state. Stops on Ctrl-C / SIGTERM. docs/dispatch.md, docs/http-api.md.",
                     specs);
    if (!line.parse(args)) return 0;

    const DataDirectory data(line.value("data").value_or("ems120-data"));
    dispatch::IngestConfig config;
    config.listen = line.value("listen").value_or("tcp://0.0.0.0:7120");
    config.control = data.control_endpoint();
    config.journal.directory = data.journal_directory();
    config.log = [](const std::string& text) { log_line("ems120 dispatcher", text); };
    if (auto v = line.value("heartbeat-ms")) config.heartbeat_ms = static_cast<int>(parse_count("heartbeat-ms", *v, 50, 60'000));
    if (auto v = line.value("stale-after")) config.stale_after_ms = static_cast<int>(parse_number("stale-after", *v, 0.1, 86'400) * 1000);
    if (auto v = line.value("max-future")) config.max_future_ms = static_cast<std::int64_t>(parse_number("max-future", *v, 0, 86'400) * 1000);
    if (auto v = line.value("journal-sync")) config.journal.sync = on_off("journal-sync", *v);
    std::optional<dispatch::HttpGatewayConfig> http = dispatch::HttpGatewayConfig{};
    if (const auto v = line.value("http"); v && *v == "off") {
        http.reset();
    } else if (v) {
        const auto colon = v->rfind(':');
        if (colon == std::string::npos || colon == 0) throw UsageError("--http takes HOST:PORT or off, not '" + *v + "'");
        http->host = v->substr(0, colon);
        http->port = static_cast<int>(parse_count("http", v->substr(colon + 1), 1, 65535));
    }
    if (http) {
        http->console_directory = line.value("console").value_or(default_console_directory());
        if (http->console_directory.empty()) throw UsageError("--console needs a directory");
    } else if (line.has("console")) {
        throw UsageError("--console goes with the HTTP API; it cannot be used with --http off");
    }
    const double run_for = line.value("run-for") ? parse_number("run-for", *line.value("run-for"), 0, 1e9) : -1;
    dispatch::CenterSetup center;
    if (auto v = line.value("ack-timeout")) center.options.ack_timeout_ms = static_cast<std::int64_t>(parse_number("ack-timeout", *v, 1, 3600) * 1000);
    if (auto v = line.value("divert")) {
        if (*v == "never") center.options.assignment.diversion = dispatch::DiversionRule::never();
        else if (*v == "critical") center.options.assignment.diversion = dispatch::DiversionRule::critical_from_urgent_or_lower();
        else if (*v == "lower") center.options.assignment.diversion = dispatch::DiversionRule::from_any_lower_priority();
        else throw UsageError("--divert takes never, critical or lower, not '" + *v + "'");
    }
    if (auto v = line.value("radius"))
        center.options.assignment.response_radius_ms = static_cast<TravelTime>(parse_number("radius", *v, 1, 240) * 60'000);
    if (auto v = line.value("stale-fix"))
        center.options.assignment.stale_after_ms = static_cast<std::int64_t>(parse_number("stale-fix", *v, 1, 86'400) * 1000);
    std::vector<MapPoint> file_stations;  // read before anything starts, so a bad file fails fast
    if (auto f = line.value("stations")) file_stations = read_point_list(*f, "ambulance_station");
    const bool lights_and_sirens = on_off("lights-and-sirens", line.value("lights-and-sirens").value_or("on"));
    if (auto v = line.value("events")) config.events.push_back(*v);
    config.events.push_back(data.events_endpoint());
    if (line.has("sim-epoch") && !line.has("sim-speed")) throw UsageError("--sim-epoch goes with --sim-speed");
    std::unique_ptr<link::Clock> clock_owner = std::make_unique<link::SystemClock>();
    if (auto v = line.value("sim-speed")) {
        const double speed = parse_number("sim-speed", *v, 1, 1000);
        const auto epoch = line.value("sim-epoch") ? static_cast<std::int64_t>(parse_number("sim-epoch", *line.value("sim-epoch"), 0, 1e15))
                                                   : clock_owner->unix_ms();
        clock_owner = std::make_unique<link::ScaledClock>(epoch, speed);
    }
    const link::Clock& clock = *clock_owner;

    const bool insecure = line.has("insecure");
    if (insecure && (line.has("key") || line.has("allow"))) throw UsageError("--insecure cannot be combined with --key or --allow");
    if (!insecure) {
        if (!line.has("key") || !line.has("allow"))
            throw UsageError("CURVE needs --key PREFIX (the center's key pair) and --allow FILE (vehicle keys); "
                             "make keys with `ems120 keygen --out PREFIX`, or use --insecure for a local demo");
        config.security.keys = link::read_key_pair(*line.value("key"));
        config.allow_list = link::AllowList::read(*line.value("allow"));
    } else {
        std::cerr << kInsecureWarning;
    }

    SignalStop signals;  // before any thread starts, so they all leave SIGINT to us
    zmq::context_t context(1);
    // The HTTP port is taken first: if it is busy the dispatcher stops before replaying anything.
    std::unique_ptr<dispatch::HttpGateway> gateway;
    if (http) {
        http->control_endpoint = config.control;
        http->events_endpoint = data.events_endpoint();  // before the gateway copies its config
        gateway = std::make_unique<dispatch::HttpGateway>(context, *http);
    }
    // The maps once the sockets are bound (a taken port fails fast) and before the journal is
    // replayed: replay needs none, deciding does.
    CenterMaps maps;
    config.make_center = [&] {
        maps = load_center_maps(map_options_from(line), lights_and_sirens);
        center.modes = maps.modes();
        center.places = place_finder(maps.normal->map, maps.normal->index);
        auto hospitals = center_hospitals(maps.normal->map, line.value("hospitals").value_or(""));
        StationChoice stations = choose_stations(line.value("stations"), file_stations, *maps.normal, map_options_from(line));
        center.stations = std::move(stations.stations);
        center.coverage_places = maps.normal->map.places;
        center.coverage.limit = center.options.assignment.response_radius_ms;
        center.coverage.unit_placing = center.options.assignment;
        if (gateway)  // what the console draws, before the journal's replay keeps the dispatcher busy
            gateway->serve_map(dispatch::make_console_map({map_options_from(line).map_path, maps.normal_index(), maps.normal->map.places,
                                                           center.stations, hospitals, center.coverage.limit,
                                                           center.options.assignment.unit_max_snap_m}));
        center.destinations = destination_chooser(maps.normal_index(), std::move(hospitals));
        return std::move(center);
    };
    dispatch::IngestServer server(context, config, clock);
    for (const auto& note : server.startup_notes()) config.log(note);
    if (gateway) {
        const std::string base = "http://" + http->host + ":" + std::to_string(gateway->port()) + "/";
        config.log("HTTP API on " + base + "api/");
        config.log(dispatch::ConsoleFiles(http->console_directory).built()
                       ? "console on " + base + " (from " + http->console_directory + ")"
                       : "console not built (no index.html in " + http->console_directory + "): run scripts/build");
    }
    config.log("listening on " + config.listen + (insecure ? " (INSECURE: plaintext)" : " (CURVE, " + std::to_string(config.allow_list->size()) + " vehicle key(s) allowed)") +
               "; journal " + config.journal.directory.string() + "; control " + config.control);
    const auto start = clock.steady_ms();
    while (!signals.requested()) {
        server.run_once(100);
        if (run_for >= 0 && clock.steady_ms() - start >= run_for * 1000) break;
    }
    const auto c = server.counters();
    config.log("stopping: " + std::to_string(c.accepted) + " accepted, " + std::to_string(c.duplicates) + " duplicates, " +
               std::to_string(c.rejected) + " rejected, " + std::to_string(c.refused_connections) + " refused connections");
    return 0;
}

}  // namespace ems120::cli
