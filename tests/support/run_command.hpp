#pragma once
// Runs the real ems120 binary (or any command) and captures exit code, stdout and stderr.
#include <string>
#include <vector>

namespace ems120::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `program` with `args` (no shell involved), waiting at most `timeout_s` seconds.
CommandResult run_command(const std::string& program, const std::vector<std::string>& args, int timeout_s = 120);

// Runs build/bin/ems120 with `args`.
CommandResult run_ems120(const std::vector<std::string>& args, int timeout_s = 120);

}  // namespace ems120::test
