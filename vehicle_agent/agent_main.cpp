// ems120-agent: the in-vehicle unit. Streams GPS fixes, the patient's vital signs and the crew's
// status to the 120 center, keeps everything on disk until the center has it, shows orders.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/log_line.hpp"
#include "cli/signal_stop.hpp"
#include "cli/value_parsers.hpp"
#include "link/curve_keys.hpp"
#include "maps/input_error.hpp"
#include "storage/record_log.hpp"
#include "vehicle_agent/agent.hpp"
#include "vehicle_agent/crew_screen_tui.hpp"
#include "vehicle_agent/nmea_source.hpp"
#include "vehicle_agent/vitals_source.hpp"

namespace {

using ems120::cli::parse_count;
using ems120::cli::parse_number;
using ems120::cli::UsageError;

constexpr const char* kSummary =
    "The in-vehicle unit of an ambulance. Reads GPS (NMEA 0183 or a simulated drive) and the\n"
    "patient monitor (JSON lines or a simulated patient), writes every reading to an on-disk outbox\n"
    "and streams it to the 120 center over ZeroMQ, CURVE-encrypted. Nothing is deleted before the\n"
    "center acknowledges it; after a dead zone or a restart the newest fix goes first and the\n"
    "backlog follows. Crew screens (--screen):\n"
    "  text (default): orders are printed and acknowledged on arrival; with --crew stdin the crew\n"
    "    types status lines: en_route [ORDER] | on_scene [ORDER] | patient_contact [ORDER] |\n"
    "    transporting [ORDER] | at_hospital [ORDER] | handover [ORDER] | available | out_of_service\n"
    "  tui: a full-screen terminal UI (80x24 and up, works over SSH): the order, distance, ETA and\n"
    "    next turn along the order's route from the live GPS fix, link, outbox, vitals, and one-key\n"
    "    buttons: [A] acknowledge (orders wait for it) [E] en route [S] on scene [P] patient contact\n"
    "    [T] transporting [H] at hospital [O] handover [V] available [X] out of service [Q] quit.\n"
    "    Log lines go to --log (default OUTBOX/agent.log). docs/crew-screen.md\n"
    "GPS sources (--gps): nmea:- | nmea:FILE | nmea:/dev/ttyUSB0@9600 | nmea-tcp:HOST:PORT |\n"
    "  route:LAT,LON;LAT,LON;... | route:FILE.geojson   (docs/gps-input.md)\n"
    "Vitals sources (--vitals): none | simulate[:deterioration=0.5,...] | jsonl:- | jsonl:FILE\n"
    "  (docs/vitals-input.md). Every option can also be set in --config FILE as 'name = value'.";

int run(const std::vector<std::string>& args) {
    ems120::cli::CommandLine line("", kSummary,
        {{"config", "FILE", "read options from FILE ('name = value' lines); flags given here win"},
         {"vehicle", "ID", "this vehicle's id as the center knows it (required)"},
         {"connect", "ENDPOINT", "the center, e.g. tcp://120-center.example:7120 (required)"},
         {"key", "PREFIX", "this vehicle's key pair PREFIX.key/.pub (`ems120 keygen --out PREFIX`)"},
         {"server-key", "FILE", "the center's public key (its PREFIX.pub)"},
         {"insecure", "", "no encryption, no authentication: local demos only"},
         {"outbox", "DIR", "the on-disk outbox (default ./outbox-VEHICLE)"},
         {"outbox-max-mb", "MB", "outbox size cap; when full, positions are thinned, then vitals dropped (default 64)"},
         {"gps", "SPEC", "where fixes come from (see above; default none)"},
         {"gps-pace", "FACTOR", "replay an NMEA file in real time (1), faster (e.g. 10) or at once (0, default)"},
         {"speed-kmh", "KMH", "cruise speed of a route: simulation (default 60)"},
         {"fix-interval-ms", "MS", "one simulated fix every MS (default 1000)"},
         {"vitals", "SPEC", "where vital signs come from (see above; default none)"},
         {"incident", "ID", "the incident the crew is on, stamped on vitals"},
         {"crew", "stdin|none", "read crew status lines from standard input (default none)"},
         {"screen", "text|tui", "the crew's screen: printed text (default) or the full-screen terminal UI"},
         {"log", "FILE", "append log lines to FILE instead of standard error (default with --screen tui: OUTBOX/agent.log)"},
         {"status-file", "FILE", "rewrite FILE every second with link, outbox, position and orders as JSON"},
         {"heartbeat-ms", "MS", "heartbeat interval (default 1000); the link is down after 3 silent ones"},
         {"count", "N", "stop reading the sources after N readings (tests, demos)"},
         {"exit-when-delivered", "", "exit once the sources are done and the center has everything"},
         {"run-for", "SECONDS", "stop after this long (default: until the sources end or Ctrl-C)"}});
    line.set_program("ems120-agent");
    if (!line.parse(args)) return 0;
    if (auto config = line.value("config")) line.add_config_file(*config);

    const auto log = [](const std::string& text) { ems120::cli::log_line("ems120-agent", text); };
    ems120::agent::AgentConfig config;
    auto& up = config.uplink;
    if (!line.has("vehicle")) throw UsageError("--vehicle ID is required");
    if (!line.has("connect")) throw UsageError("--connect ENDPOINT is required (e.g. tcp://127.0.0.1:7120)");
    up.vehicle.value = *line.value("vehicle");
    if (up.vehicle.value.empty() || up.vehicle.value.size() > 64) throw UsageError("--vehicle must be 1 to 64 characters");
    up.endpoint = *line.value("connect");
    up.software_version = std::string("ems120-agent ") + EMS120_VERSION;
    up.log = log;
    if (auto v = line.value("heartbeat-ms")) up.heartbeat_ms = static_cast<int>(parse_count("heartbeat-ms", *v, 50, 60'000));

    if (line.has("insecure")) {
        if (line.has("key") || line.has("server-key")) throw UsageError("--insecure cannot be combined with --key or --server-key");
        std::cerr << "WARNING: --insecure: this unit's positions and the patient's vitals travel UNENCRYPTED and\n"
                     "the center cannot tell it from an impostor. For a local demo only.\n";
    } else {
        if (!line.has("key") || !line.has("server-key"))
            throw UsageError("CURVE needs --key PREFIX (this unit's key pair) and --server-key FILE (the center's public key); "
                             "or --insecure for a local demo");
        up.security.keys = ems120::link::read_key_pair(*line.value("key"));
        up.security.server_public_key = ems120::link::read_key_file(*line.value("server-key"));
    }

    config.outbox.directory = line.value("outbox").value_or("outbox-" + up.vehicle.value);
    if (auto v = line.value("outbox-max-mb")) config.outbox.max_bytes = std::uint64_t{parse_count("outbox-max-mb", *v, 1, 1'000'000)} << 20;
    config.outbox.segment_bytes = std::min<std::uint64_t>(config.outbox.segment_bytes, config.outbox.max_bytes / 4);

    const std::string gps_spec = line.value("gps").value_or("none");
    const std::string vitals_spec = line.value("vitals").value_or("none");
    const std::string crew = line.value("crew").value_or("none");
    if (crew != "stdin" && crew != "none") throw UsageError("--crew takes stdin or none, not '" + crew + "'");
    const std::string screen = line.value("screen").value_or("text");
    if (screen != "text" && screen != "tui") throw UsageError("--screen takes text or tui, not '" + screen + "'");
    const bool tui = screen == "tui";
    if (tui && (crew == "stdin" || gps_spec == "nmea:-" || vitals_spec == "jsonl:-"))
        throw UsageError("--screen tui reads the keyboard: it cannot be combined with --crew stdin, --gps nmea:- or --vitals jsonl:-");
    // Said here, while errors still reach the console (the screen checks again).
    if (tui && (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO)))
        throw UsageError("--screen tui needs a terminal on standard input and output (use --screen text otherwise)");
    // The screen owns the terminal, so log lines go to a file; opened before anything is logged.
    std::optional<std::filesystem::path> log_file;
    if (auto v = line.value("log")) log_file = *v;
    else if (tui) log_file = config.outbox.directory / "agent.log";
    if (log_file) {
        std::error_code ignored;
        if (log_file->has_parent_path()) std::filesystem::create_directories(log_file->parent_path(), ignored);
        const int fd = ::open(log_file->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) throw ems120::InputError("cannot open the log file " + log_file->string() + ": " + std::strerror(errno));
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
    }
    const int stdin_users = (gps_spec == "nmea:-") + (vitals_spec == "jsonl:-") + (crew == "stdin");
    if (stdin_users > 1) throw UsageError("only one of --gps nmea:-, --vitals jsonl:- and --crew stdin can read standard input");
    for (const char* gps_option : {"gps-pace", "speed-kmh", "fix-interval-ms"})
        if (gps_spec == "none" && line.has(gps_option)) throw UsageError(std::string("--") + gps_option + " needs a --gps source");
    if (gps_spec != "none") {
        ems120::agent::PositionSourceOptions gps_options;
        if (auto v = line.value("speed-kmh")) gps_options.route.cruise_kmh = parse_number("speed-kmh", *v, 1, 250);
        if (auto v = line.value("gps-pace")) gps_options.pace = parse_number("gps-pace", *v, 0, 1000);
        if (auto v = line.value("fix-interval-ms")) gps_options.route.interval_ms = parse_count("fix-interval-ms", *v, 10, 3'600'000);
        config.gps = ems120::agent::open_position_source(gps_spec, gps_options);
    }
    ems120::agent::VitalsSourceOptions vitals_options;
    vitals_options.incident_id = line.value("incident").value_or("");
    config.vitals = ems120::agent::open_vitals_source(vitals_spec, vitals_options);
    if (crew == "stdin") config.crew_fd = STDIN_FILENO;
    // What this unit offers, in its hello: the center shows a unit without vitals as such.
    up.capabilities = {"orders"};
    if (config.gps) up.capabilities.push_back("fix");
    if (config.vitals) up.capabilities.push_back("vitals");
    if (config.crew_fd >= 0) up.capabilities.push_back("status");
    config.status_file = line.value("status-file").value_or("");
    if (auto v = line.value("count")) config.max_readings = parse_count("count", *v, 1, 1'000'000'000);
    config.exit_when_delivered = line.has("exit-when-delivered");
    if (auto v = line.value("run-for")) config.run_for_s = parse_number("run-for", *v, 0.1, 1e8);
    config.print = [tui](const std::string& text) {
        if (tui) return;  // the screen shows it
        std::cout << text;
        std::cout.flush();
    };
    if (!config.gps && !config.vitals && config.crew_fd < 0)
        log("no --gps, --vitals or --crew source: only the outbox backlog and heartbeats will be sent");

    const std::string banner = "vehicle " + up.vehicle.value + " -> " + up.endpoint + (up.security.keys ? " (CURVE)" : " (INSECURE)") +
                               ", outbox " + config.outbox.directory.string();
    ems120::cli::SignalStop signals;
    if (tui) config.display = ems120::agent::open_terminal_crew_screen();  // before ZeroMQ starts its threads
    zmq::context_t context(1);
    const ems120::link::SystemClock clock;
    ems120::agent::Agent agent(context, std::move(config), clock);
    log(banner + " with " + std::to_string(agent.outbox().pending().size()) + " message(s) waiting");
    agent.run([&] { return signals.requested(); });
    if (const auto inputs = agent.input_summary(); !inputs.empty()) log(inputs);
    const auto& c = agent.uplink().counters();
    log("stopping: " + std::to_string(agent.readings()) + " readings, " + std::to_string(c.messages_sent) + " messages sent in " +
        std::to_string(c.frames_sent) + " frames, " + std::to_string(agent.outbox().pending().size()) + " left in the outbox, " +
        std::to_string(c.reconnects) + " reconnects");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& e) {
        std::cerr << "ems120-agent: error: " << e.what() << " (see ems120-agent --help)\n";
        return 2;
    } catch (const ems120::InputError& e) {
        std::cerr << "ems120-agent: error: " << e.what() << "\n";
        return 1;
    } catch (const ems120::storage::StorageError& e) {
        std::cerr << "ems120-agent: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "ems120-agent: internal error: " << e.what() << "\n";
        return 3;
    }
}
