// ems120 plan <tool>: the planners' tools, one subcommand each (`plan sites` today; simulation
// and reports come next).
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"

namespace ems120::cli {

namespace {

constexpr const char* kPlanUsage = R"(usage: ems120 plan <tool> [options]

Planners' tools (ems120 plan <tool> --help for each):
  sites      where to put the next K substations (or the fewest that cover every village, or
             K more ambulances), with the optimality gap as proof of quality
)";

}  // namespace

int run_plan(std::span<const std::string> args) {
    if (args.empty()) throw UsageError("plan: which tool? (sites)");
    const std::string& tool = args[0];
    if (tool == "--help" || tool == "-h" || tool == "help") {
        std::cout << kPlanUsage;
        return 0;
    }
    if (tool == "sites") return run_plan_sites(args.subspan(1));
    throw UsageError("plan: unknown tool '" + tool + "' (known: sites)");
}

}  // namespace ems120::cli
