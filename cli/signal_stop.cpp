#include "cli/signal_stop.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace ems120::cli {

SignalStop::SignalStop() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

SignalStop::~SignalStop() {
    if (fd_ >= 0) ::close(fd_);
}

bool SignalStop::requested() {
    signalfd_siginfo info;
    while (fd_ >= 0 && ::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) requested_ = true;
    return requested_;
}

}  // namespace ems120::cli
