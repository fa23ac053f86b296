// ems120 demo: the product's main job on a fresh machine — a dispatcher, a fleet of simulated
// ambulances and a stream of calls, all real processes and sockets, in simulated time.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/demo_call_generator.hpp"
#include "cli/demo_data_directory.hpp"
#include "cli/demo_dispatcher_args.hpp"
#include "cli/demo_dispatcher_supervisor.hpp"
#include "cli/demo_event_log.hpp"
#include "cli/demo_fleet.hpp"
#include "cli/demo_http_client.hpp"
#include "cli/demo_log.hpp"
#include "cli/demo_options.hpp"
#include "cli/demo_summary.hpp"
#include "cli/signal_stop.hpp"
#include "cli/station_choice.hpp"
#include "planning/coverage.hpp"

namespace ems120::cli {

namespace {

using Steady = std::chrono::steady_clock;

// What the demo knows about its own run, checked between steps of the main loop.
class RunState {
public:
    RunState(SignalStop& signals, const DispatcherSupervisor& supervisor, std::optional<double> duration_s)
        : signals_(signals), supervisor_(supervisor) {
        if (duration_s) deadline_ = Steady::now() + std::chrono::milliseconds(static_cast<std::int64_t>(*duration_s * 1000));
    }
    bool keep_going() { return !signals_.requested() && !supervisor_.failure() && (!deadline_ || Steady::now() < *deadline_); }

private:
    SignalStop& signals_;
    const DispatcherSupervisor& supervisor_;
    std::optional<Steady::time_point> deadline_;
};

// Stations where a unit can be parked: within the snapping distance of a road, parked on it.
std::vector<MapPoint> parkable_stations(const LoadedMap& map, const MapOptions& options) {
    std::vector<MapPoint> parked;
    for (MapPoint s : choose_stations(std::nullopt, {}, map, options).stations) {
        const Snap snap = map.index.nearest(s.location);
        if (!snap_problem(snap, options.max_snap_m).empty()) continue;
        s.location = snap.point;
        parked.push_back(std::move(s));
    }
    if (parked.empty()) throw InputError(options.map_path + ": no ambulance station (or hospital standing in) lies near a road");
    return parked;
}

// Places a call can come from: within the snapping distance of a road (else the center answers 422).
std::vector<MapPoint> callable_places(const LoadedMap& map, const MapOptions& options) {
    std::vector<MapPoint> places;
    for (const auto& p : map.map.places)
        if (snap_problem(map.index.nearest(p.location), options.max_snap_m).empty()) places.push_back(p);
    if (places.empty()) throw InputError(options.map_path + ": the map has no places (place=city..hamlet) near a road to take calls from");
    return places;
}

// Waits for GET /api/health; false when the demo was stopped or the dispatcher gave up first.
bool wait_for_dispatcher(const HttpServer& http, RunState& run, int timeout_s) {
    const auto deadline = Steady::now() + std::chrono::seconds(timeout_s);
    while (run.keep_going() && Steady::now() < deadline) {
        if (const auto a = http_request(http, "GET", "/api/health"); a && a->status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
}

// One call to the center. While the dispatcher restarts the connection is refused (or 503):
// the same Idempotency-Key makes the retry safe — a call that did get through is not taken twice.
void phone_in(const DemoCall& call, const HttpServer& http, const std::string& key, DemoLog& log, RunState& run) {
    const std::string body =
        nlohmann::json{{"place_id", call.place.source_id}, {"priority", call.priority}, {"complaint", call.complaint}}.dump();
    bool said_waiting = false;
    while (run.keep_going()) {
        const auto answer = http_request(http, "POST", "/api/incidents", body, {{"Idempotency-Key", key}});
        if (answer && (answer->status == 200 || answer->status == 201)) return;
        if (answer && answer->status != 503) {
            const auto error = nlohmann::json::parse(answer->body, nullptr, false);
            log.line("call " + std::to_string(call.number) + " from " + call.place.display_name() + " refused (HTTP " +
                     std::to_string(answer->status) + "): " + (error.is_object() ? error.value("error", answer->body) : answer->body));
            return;
        }
        if (!said_waiting) log.line("call " + std::to_string(call.number) + " from " + call.place.display_name() + ": the center does not answer; redialling");
        said_waiting = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

// GET `path`'s body, retrying for a while (the dispatcher may be mid-restart); empty if never.
std::string fetch(const HttpServer& http, const std::string& path, int timeout_s) {
    const auto deadline = Steady::now() + std::chrono::seconds(timeout_s);
    for (;;) {
        if (const auto a = http_request(http, "GET", path); a && a->status == 200) return a->body;
        if (Steady::now() >= deadline) return "";
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

}  // namespace

int run_demo(std::span<const std::string> args) {
    CommandLine line("demo", kDemoSummary, demo_option_specs());
    if (!line.parse(args)) return 0;
    const DemoOptions options = demo_options_from(line);

    SignalStop signals;  // before any thread or child starts, so Ctrl-C comes to this loop
    const DemoDataDirectory data(options.data_dir);
    const auto loaded = load_map(options.map);
    const std::vector<MapPoint> stations = parkable_stations(*loaded, options.map);
    const std::vector<MapPoint> places = callable_places(*loaded, options.map);
    const unsigned unit_count = options.units.value_or(static_cast<unsigned>(3 * stations.size()));

    // Simulated and real time agree now; every process of this demo (and any dispatcher started
    // on its journal later) shares this epoch, so they agree on simulated "now".
    const std::int64_t epoch = link::SystemClock().unix_ms();
    const link::ScaledClock clock(epoch, options.speed);
    DemoLog log(std::cout, clock);
    const DispatcherPorts ports{pick_free_port(), options.http_host, options.http_port};
    const auto dispatcher_args = dispatcher_arguments(options, data.path(), ports, epoch);
    write_dispatcher_args(data.path(), dispatcher_args);
    const HttpServer http{options.http_host, options.http_port};

    char speed[32];
    std::snprintf(speed, sizeof speed, "%gx", options.speed);
    log.line("ems120 demo: " + std::to_string(unit_count) + " ambulances at " + std::to_string(stations.size()) + " stations, calls from " +
             std::to_string(places.size()) + " places, about " + std::to_string(static_cast<long>(options.calls_per_hour + 0.5)) +
             " an hour; simulated time runs " + speed + " (epoch " + std::to_string(epoch) + ")");
    log.line("data in " + data.path().string() + (data.temporary() ? " (removed at the end)" : "") + "; dispatcher log " +
             (data.path() / "dispatcher.log").string());

    DispatcherSupervisor supervisor({"/proc/self/exe", dispatcher_args, data.path(), 1000, 10'000,
                                     [&log](const std::string& text) { log.line(text); }});
    RunState run(signals, supervisor, std::nullopt);
    if (!wait_for_dispatcher(http, run, 300)) {
        supervisor.stop();
        if (const auto failure = supervisor.failure()) throw InputError(*failure);
        if (signals.requested()) return 0;
        throw InputError("the dispatcher did not answer on http://" + options.http_host + ":" + std::to_string(options.http_port) +
                         "/api/health within 300 s; see " + (data.path() / "dispatcher.log").string());
    }
    log.line("dispatcher up: HTTP API http://" + options.http_host + ":" + std::to_string(options.http_port) + "/api/, units connect to tcp://127.0.0.1:" +
             std::to_string(ports.vehicles));
    const std::string base = "http://" + options.http_host + ":" + std::to_string(options.http_port) + "/";
    if (const auto page = http_request(http, "GET", "/"); page && page->status == 200)
        log.line("console: " + base + " (open it in a browser)");
    else
        log.line("no browser console at " + base + ": it is not built (scripts/build builds it)");

    DemoEventLog events("ipc://" + (data.path() / "events.sock").string(), log);
    DemoFleetConfig fleet_config;
    fleet_config.endpoint = "tcp://127.0.0.1:" + std::to_string(ports.vehicles);
    fleet_config.outbox_root = data.path() / "units";
    fleet_config.units = place_units(stations, unit_count);
    fleet_config.seed = options.seed;
    // At most ~10 fixes a real second per unit, however fast the story runs.
    fleet_config.fix_interval_ms = std::max<std::int64_t>(1000, static_cast<std::int64_t>(options.speed * 100));
    fleet_config.log = [&log](const std::string& text) { log.line(text); };
    DemoFleet fleet(*loaded, clock, fleet_config);

    RunState running(signals, supervisor, options.duration_s);
    // --calls-per-hour 0: no phoned-in calls, the units only wait for the dispatcher's (the console's tests).
    std::optional<CallGenerator> calls;
    if (options.calls_per_hour > 0) calls.emplace(places, options.calls_per_hour, options.seed, clock.unix_ms());
    for (std::optional<DemoCall> next = calls ? std::optional(calls->next()) : std::nullopt; running.keep_going();) {
        if (!next || clock.unix_ms() < next->at_ms) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        phone_in(*next, http, "demo-" + std::to_string(epoch) + "-" + std::to_string(next->number), log, running);
        next = calls->next();
    }

    const auto failure = supervisor.failure();
    log.line(signals.requested() ? "stopping (signal)" : failure ? "stopping: the dispatcher is gone" : "stopping (--duration reached)");
    const std::string summary_source = failure ? "" : fetch(http, "/api/incidents", 15);
    const std::string kpis = failure ? "" : fetch(http, "/api/kpis", 5);
    fleet.stop();
    events.stop();
    supervisor.stop();
    if (failure) throw InputError(*failure);
    const auto summary = summary_line(summary_source, kpis);
    log.line(summary ? *summary : "summary: unavailable (the dispatcher did not answer GET /api/incidents)");
    if (supervisor.restarts() > 0) log.line("the dispatcher was restarted " + std::to_string(supervisor.restarts()) + " time(s)");
    return 0;
}

}  // namespace ems120::cli
