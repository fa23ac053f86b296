#include "tests/support/run_command.hpp"

#include <signal.h>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace ems120::test {

CommandResult run_command(const std::string& program, const std::vector<std::string>& args, int timeout_s) {
    TempDir dir;
    ChildProcess child(program, args, dir.file("output"));
    CommandResult result;
    result.exit_code = child.wait(timeout_s * 1000);
    if (result.exit_code == -1) {
        child.signal(SIGKILL);
        child.wait(10'000);
        result.exit_code = -2;
        result.err = "timed out after " + std::to_string(timeout_s) + " s";
        return result;
    }
    result.out = child.out();
    result.err = child.err();
    return result;
}

CommandResult run_ems120(const std::vector<std::string>& args, int timeout_s) {
    return run_command(EMS120_BIN, args, timeout_s);
}

}  // namespace ems120::test
