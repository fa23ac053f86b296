// ems120 dispatcher: the center's telemetry ingest — vehicles connect, stream GPS and vitals,
// receive orders; the fleet state is served on a control socket (`ems120 fleet`).
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/data_directory.hpp"
#include "cli/log_line.hpp"
#include "cli/signal_stop.hpp"
#include "cli/value_parsers.hpp"
#include "dispatch/http_gateway.hpp"
#include "dispatch/ingest_server.hpp"
#include "link/curve_keys.hpp"

namespace ems120::cli {

namespace {

constexpr const char* kInsecureWarning =
    "WARNING: --insecure: vehicle links are NOT encrypted and NOT authenticated. Positions and\n"
    "patient vitals cross the network in plain text and anyone who can reach the port can send\n"
    "data in any vehicle's name. Use this for a local demo only, never on a real network.\n";

}  // namespace

int run_dispatcher(std::span<const std::string> args) {
    CommandLine line("dispatcher",
                     "Runs the 120 center's vehicle link: ambulances connect (ZeroMQ, CURVE-encrypted), stream\n"
                     "GPS fixes, vital signs and crew status, and receive dispatch orders. Every accepted\n"
                     "message is journaled before it is acknowledged, so nothing is lost if the dispatcher is\n"
                     "killed; a restart replays the journal. `ems120 fleet` shows the fleet state. Stops on\n"
                     "Ctrl-C / SIGTERM.",
                     {{"listen", "ENDPOINT", "where vehicles connect (default tcp://0.0.0.0:7120)"},
                      {"data", "DIR", "journal and control socket live here (default ./ems120-data)"},
                      {"key", "PREFIX", "the center's key pair PREFIX.key/.pub (from `ems120 keygen --out`)"},
                      {"allow", "FILE", "vehicles allowed in: lines 'VEHICLE_ID PUBLIC_KEY' (Z85)"},
                      {"insecure", "", "no encryption, no authentication: local demos only"},
                      {"heartbeat-ms", "MS", "heartbeat interval towards vehicles (default 1000)"},
                      {"stale-after", "SECONDS", "a vehicle silent this long is marked stale (default 10)"},
                      {"journal-sync", "on|off", "fdatasync the journal before each acknowledgement (default on;\n"
                                                 "                          off survives kill -9 but not power loss)"},
                      {"max-future", "SECONDS", "reject device times further ahead of this clock (default 300)"},
                      {"http", "HOST:PORT|off", "the HTTP/JSON API: GET /api/fleet, POST /api/vehicles/ID/orders\n"
                                                "                          (default 127.0.0.1:7180; docs/vehicle-link.md)"},
                      {"run-for", "SECONDS", "stop after this long (default: until Ctrl-C)"}});
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
    if (auto v = line.value("journal-sync")) {
        if (*v != "on" && *v != "off") throw UsageError("--journal-sync takes on or off, not '" + *v + "'");
        config.journal.sync = *v == "on";
    }
    std::optional<dispatch::HttpGatewayConfig> http = dispatch::HttpGatewayConfig{};
    if (const auto v = line.value("http"); v && *v == "off") {
        http.reset();
    } else if (v) {
        const auto colon = v->rfind(':');
        if (colon == std::string::npos || colon == 0) throw UsageError("--http takes HOST:PORT or off, not '" + *v + "'");
        http->host = v->substr(0, colon);
        http->port = static_cast<int>(parse_count("http", v->substr(colon + 1), 1, 65535));
    }
    const double run_for = line.value("run-for") ? parse_number("run-for", *line.value("run-for"), 0, 1e9) : -1;

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
    const link::SystemClock clock;
    // The HTTP port is taken first: if it is busy the dispatcher stops before replaying anything.
    std::unique_ptr<dispatch::HttpGateway> gateway;
    if (http) {
        http->control_endpoint = config.control;
        gateway = std::make_unique<dispatch::HttpGateway>(context, *http);
    }
    dispatch::IngestServer server(context, config, clock);
    for (const auto& note : server.startup_notes()) config.log(note);
    if (gateway) config.log("HTTP API on http://" + http->host + ":" + std::to_string(gateway->port()) + "/api/fleet");
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
