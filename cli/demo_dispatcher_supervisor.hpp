#pragma once
// Keeps the demo's dispatcher running: starts `ems120 dispatcher` as a child process and, when
// it dies (kill -9, a crash), says so and starts it again with the same arguments after a pause.
// Same arguments means the same data directory and simulated epoch, so the new process replays
// its journal and continues the same timeline; the units' outboxes resend whatever it had not
// acknowledged. A dispatcher that exits by itself with a usage or input error (exit 1 or 2: a
// busy port, a bad map) would only fail again, so that ends the supervision instead.
//
// Each start writes the child's pid to DIR/dispatcher.pid (tests kill it from there) and appends
// its stdout and stderr to DIR/dispatcher.log.
#include <sys/types.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ems120::cli {

struct SupervisedDispatcher {
    std::string program;             // the ems120 binary
    std::vector<std::string> args;   // after the program name: "dispatcher", ...
    std::filesystem::path data_dir;  // where dispatcher.pid and dispatcher.log go
    int restart_delay_ms = 1000;
    int stop_timeout_ms = 10'000;    // SIGTERM, then SIGKILL after this
    std::function<void(const std::string&)> log;
};

class DispatcherSupervisor {
public:
    // Starts the dispatcher and the thread that watches it. Throws InputError when it cannot.
    explicit DispatcherSupervisor(SupervisedDispatcher config);
    ~DispatcherSupervisor();  // stop()
    DispatcherSupervisor(const DispatcherSupervisor&) = delete;
    DispatcherSupervisor& operator=(const DispatcherSupervisor&) = delete;

    // SIGTERM, wait (SIGKILL after stop_timeout_ms), no more restarts. Idempotent.
    void stop();
    // Why supervision ended on its own (the dispatcher exited with an error), if it did.
    std::optional<std::string> failure() const;
    int restarts() const;

private:
    void watch();
    pid_t start_child();  // with mutex_ held
    std::string describe_exit(int status) const;

    SupervisedDispatcher config_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    pid_t pid_ = -1;
    bool stopping_ = false;
    int restarts_ = 0;
    std::optional<std::string> failure_;
    std::thread watcher_;
};

}  // namespace ems120::cli
