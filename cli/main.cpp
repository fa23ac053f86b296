// ems120: the center-side command. Dispatches to one subcommand and turns bad input into one
// line on stderr and a non-zero exit code.
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
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
  route      fastest ambulance route between two coordinates, with its GeoJSON line
  isochrone  the area an ambulance reaches within 5, 10, 15 minutes of a point or station
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
        int status = 0;
        if (command == "coverage") status = ems120::cli::run_coverage(args);
        else if (command == "route") status = ems120::cli::run_route(args);
        else if (command == "build-map") status = ems120::cli::run_build_map(args);
        else if (command == "isochrone") status = ems120::cli::run_isochrone(args);
        else if (command == "dispatcher") status = ems120::cli::run_dispatcher(args);
        else if (command == "fleet") status = ems120::cli::run_fleet(args);
        else if (command == "order") status = ems120::cli::run_order(args);
        else if (command == "journal") status = ems120::cli::run_journal(args);
        else if (command == "keygen") status = ems120::cli::run_keygen(args);
        else if (command == "demo") status = ems120::cli::run_demo(args);
        else if (command == "simulate") status = ems120::cli::run_simulate(args);
        else throw ems120::cli::UsageError("unknown command '" + command + "'");
        // A report that could not be written (disk full, closed pipe) is a failure, not exit 0.
        std::cout.flush();
        if (!std::cout) throw ems120::InputError(std::string("cannot write to stdout: ") + std::strerror(errno));
        return status;
    } catch (const ems120::cli::UsageError& e) {
        const bool known = command == "coverage" || command == "route" || command == "build-map" || command == "isochrone" ||
                           command == "dispatcher" || command == "fleet" || command == "order" || command == "journal" ||
                           command == "keygen" || command == "demo" || command == "simulate";
        std::cerr << "ems120: error: " << e.what() << " (see ems120 " << (known ? command + " " : "") << "--help)\n";
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
