#pragma once
// The command line of the demo's dispatcher, the same for every (re)start, also written to
// DATA/dispatcher.args (one argument per line) so a person or a test can start an identical
// dispatcher on the same journal: same simulated epoch and speed, same map.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/demo_options.hpp"

namespace ems120::cli {

struct DispatcherPorts {
    int vehicles = 0;  // tcp://127.0.0.1:PORT for the units
    std::string http_host;
    int http_port = 0;
};

// A TCP port on 127.0.0.1 that nobody listens on now (the kernel's choice); InputError if none.
int pick_free_port();

// "dispatcher --insecure --data DIR --listen ... --sim-speed ... --sim-epoch ... [map flags]".
std::vector<std::string> dispatcher_arguments(const DemoOptions& options, const std::filesystem::path& data_dir,
                                              const DispatcherPorts& ports, std::int64_t sim_epoch_ms);

// Writes them to DATA/dispatcher.args.
void write_dispatcher_args(const std::filesystem::path& data_dir, const std::vector<std::string>& args);

}  // namespace ems120::cli
