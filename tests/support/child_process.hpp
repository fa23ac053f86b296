#pragma once
// A program started in the background for a test (a dispatcher, an agent), with its output in
// files; killed with SIGKILL when the test ends if it is still running.
#include <string>
#include <sys/types.h>
#include <vector>

namespace ems120::test {

class ChildProcess {
public:
    ChildProcess(const std::string& program, const std::vector<std::string>& args, const std::string& output_prefix);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void signal(int signal_number) const;
    // Exit code (128 + signal when killed), or -1 when it is still running after timeout_ms.
    int wait(int timeout_ms);
    bool running();
    std::string err() const;  // what it wrote to stderr so far
    std::string out() const;

private:
    pid_t pid_ = -1;
    int status_ = -1;
    std::string out_path_, err_path_;
};

std::string agent_binary();

}  // namespace ems120::test
