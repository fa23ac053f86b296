#pragma once
// The subcommands of `ems120`. Each returns the process exit code and throws InputError
// (exit 1) or UsageError (exit 2) for bad input; main() prints the one-line message.
#include <span>
#include <string>

namespace ems120::cli {

int run_coverage(std::span<const std::string> args);
int run_route(std::span<const std::string> args);
int run_build_map(std::span<const std::string> args);
int run_isochrone(std::span<const std::string> args);
int run_report(std::span<const std::string> args);
int run_dispatcher(std::span<const std::string> args);
int run_fleet(std::span<const std::string> args);
int run_order(std::span<const std::string> args);
int run_journal(std::span<const std::string> args);
int run_keygen(std::span<const std::string> args);
int run_demo(std::span<const std::string> args);
int run_plan(std::span<const std::string> args);
int run_plan_sites(std::span<const std::string> args);  // `plan sites`
int run_simulate(std::span<const std::string> args);

}  // namespace ems120::cli
