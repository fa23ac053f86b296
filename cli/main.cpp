// ems120: the center-side command. Dispatches to one subcommand and turns bad input into one
// line on stderr and a non-zero exit code.
#include <cerrno>
#include <cstring>
#include <array>
#include <exception>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "storage/record_log.hpp"

namespace {

constexpr const char* kUsage = R"(usage: ems120 <command> [options]

ems120 — ambulance dispatch and coverage engine for a county 120 emergency network.

commands:
  demo       the whole center on this machine: dispatcher, simulated ambulances, calls (start here)
  coverage   drive time from the nearest ambulance station to every place; who is outside 15 minutes
  plan       planners' tools: `plan sites` finds the best places for new substations, with proof
  route      fastest ambulance route between two coordinates, with its GeoJSON line
  isochrone  the area an ambulance reaches within 5, 10, 15 minutes of a point or station
  report     the coverage benchmark as one HTML file: map, drive times, slowest places, sites, simulation
  simulate   busy days in virtual time with the dispatcher's own policy: response times, move-up, new sites
  build-map  preprocess an OSM file into an .ems graph file that loads in a fraction of the time
  dispatcher the 120 center: ambulances stream GPS, vitals, status; calls go to the unit that arrives first
  fleet      every vehicle a running dispatcher knows: link, position, status, vitals, outbox
  order      send a dispatch order to a vehicle's crew screen
  journal    the telemetry journal read back, each vehicle's history in sequence order
  keygen     make a CURVE key pair for the center or a vehicle
  help       show this help (also: ems120 <command> --help)
  version    print the version

The default map is the bundled Andorra extract (maps/data/andorra.osm.pbf),
© OpenStreetMap contributors, ODbL. Docs: README.md and docs/ in the source tree.
)";

struct Command {
    std::string_view name;
    int (*run)(std::span<const std::string> args);
};

namespace cli = ems120::cli;
constexpr std::array kCommands = {
    Command{"coverage", cli::run_coverage},     Command{"route", cli::run_route},
    Command{"build-map", cli::run_build_map},   Command{"isochrone", cli::run_isochrone},
    Command{"report", cli::run_report},         Command{"plan", cli::run_plan},
    Command{"dispatcher", cli::run_dispatcher}, Command{"fleet", cli::run_fleet},
    Command{"order", cli::run_order},           Command{"journal", cli::run_journal},
    Command{"keygen", cli::run_keygen},         Command{"demo", cli::run_demo},
    Command{"simulate", cli::run_simulate},
};

const Command* find_command(std::string_view name) {
    for (const Command& c : kCommands)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    if (all[0] == "help" || all[0] == "--help" || all[0] == "-h") {
        std::cout << kUsage;
        return 0;
    }
    if (all[0] == "version" || all[0] == "--version") {
        std::cout << "ems120 " << EMS120_VERSION << "\n";
        return 0;
    }
    const std::string command = all[0];
    const std::span<const std::string> args(all.data() + 1, all.size() - 1);
    try {
        const Command* found = find_command(command);
        if (found == nullptr) throw ems120::cli::UsageError("unknown command '" + command + "'");
        const int status = found->run(args);
        // A report that could not be written (disk full, closed pipe) is a failure, not exit 0.
        std::cout.flush();
        if (!std::cout) throw ems120::InputError(std::string("cannot write to stdout: ") + std::strerror(errno));
        return status;
    } catch (const ems120::cli::UsageError& e) {
        // The hint names the command's own help; `plan sites` names its tool, a wrong tool gets `plan --help`.
        const bool plan_tool = command == "plan" && !args.empty() && args[0] == "sites";
        const bool known = find_command(command) != nullptr;
        std::cerr << "ems120: error: " << e.what() << " (see ems120 " << (plan_tool ? "plan sites " : known ? command + " " : "")
                  << "--help)\n";
        return 2;
    } catch (const ems120::InputError& e) {
        std::cerr << "ems120: error: " << e.what() << "\n";
        return 1;
    } catch (const ems120::storage::StorageError& e) {
        std::cerr << "ems120: error: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "ems120: error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "ems120: internal error: " << e.what() << "\n";
        return 3;
    }
}
