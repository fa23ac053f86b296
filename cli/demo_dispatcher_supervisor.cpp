#include "cli/demo_dispatcher_supervisor.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>

#include "cli/atomic_file.hpp"
#include "maps/input_error.hpp"

namespace ems120::cli {

namespace {

// The last non-empty line of the dispatcher's log: usually the error it stopped with.
std::string last_line_of(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last;
}

}  // namespace

DispatcherSupervisor::DispatcherSupervisor(SupervisedDispatcher config) : config_(std::move(config)) {
    {
        const std::lock_guard lock(mutex_);
        pid_ = start_child();
    }
    watcher_ = std::thread([this] { watch(); });
}

DispatcherSupervisor::~DispatcherSupervisor() { stop(); }

pid_t DispatcherSupervisor::start_child() {
    // Everything the child needs is prepared before fork(): between fork and exec a child of a
    // threaded process may only make async-signal-safe calls.
    const std::string log_path = (config_.data_dir / "dispatcher.log").string();
    const int out = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (out < 0) throw InputError("cannot write " + log_path + ": " + std::strerror(errno));
    const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    std::vector<std::string> all{config_.program};
    all.insert(all.end(), config_.args.begin(), config_.args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    sigset_t none;
    sigemptyset(&none);
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid == 0) {
        // Its own process group: Ctrl-C reaches the demo only, which then stops the dispatcher
        // last, after asking it for the summary.
        ::setpgid(0, 0);
        // If the demo itself is killed, the dispatcher does not linger on its ports.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) _exit(126);
        ::pthread_sigmask(SIG_SETMASK, &none, nullptr);  // the demo blocks SIGINT/SIGTERM (signalfd)
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        _exit(127);
    }
    const int fork_errno = errno;
    ::close(out);
    if (in >= 0) ::close(in);
    if (pid < 0) throw InputError(std::string("cannot start the dispatcher: fork: ") + std::strerror(fork_errno));
    write_file_atomically((config_.data_dir / "dispatcher.pid").string(), std::to_string(pid) + "\n");
    return pid;
}

std::string DispatcherSupervisor::describe_exit(int status) const {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        return "killed by signal " + std::to_string(sig) + " (" + (sigabbrev_np(sig) ? std::string("SIG") + sigabbrev_np(sig) : "?") + ")";
    }
    return "exited with code " + std::to_string(WEXITSTATUS(status));
}

void DispatcherSupervisor::watch() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done != pid_) {
            wake_.wait_for(lock, std::chrono::milliseconds(50));
            continue;
        }
        const pid_t dead = pid_;
        pid_ = -1;
        const std::string how = describe_exit(status);
        if (WIFEXITED(status) && (WEXITSTATUS(status) == 1 || WEXITSTATUS(status) == 2)) {
            failure_ = "the dispatcher (pid " + std::to_string(dead) + ") " + how + ": " +
                       last_line_of(config_.data_dir / "dispatcher.log") + " (" + (config_.data_dir / "dispatcher.log").string() + ")";
            config_.log(*failure_);
            return;
        }
        config_.log("dispatcher (pid " + std::to_string(dead) + ") " + how + "; restarting it in " +
                    std::to_string(config_.restart_delay_ms / 1000.0).substr(0, 3) + " s on the same journal");
        if (wake_.wait_for(lock, std::chrono::milliseconds(config_.restart_delay_ms), [this] { return stopping_; })) return;
        try {
            pid_ = start_child();
        } catch (const InputError& e) {
            failure_ = e.what();
            config_.log(*failure_);
            return;
        }
        ++restarts_;
        config_.log("dispatcher restarted (pid " + std::to_string(pid_) + "): replaying its journal; the units resend what it had not acknowledged");
    }
}

void DispatcherSupervisor::stop() {
    pid_t pid = -1;
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ && !watcher_.joinable()) return;
        stopping_ = true;
        pid = pid_;
        pid_ = -1;
    }
    wake_.notify_all();
    if (watcher_.joinable()) watcher_.join();
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.stop_timeout_ms);
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            config_.log("the dispatcher did not stop within " + std::to_string(config_.stop_timeout_ms / 1000) + " s; killing it");
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::optional<std::string> DispatcherSupervisor::failure() const {
    const std::lock_guard lock(mutex_);
    return failure_;
}

int DispatcherSupervisor::restarts() const {
    const std::lock_guard lock(mutex_);
    return restarts_;
}

}  // namespace ems120::cli
