#pragma once
// SIGINT and SIGTERM as a readable file descriptor (signalfd), so a server loop notices them
// without a signal handler writing to global state.
namespace ems120::cli {

class SignalStop {
public:
    SignalStop();  // blocks SIGINT/SIGTERM for this thread and those it starts
    ~SignalStop();
    SignalStop(const SignalStop&) = delete;
    SignalStop& operator=(const SignalStop&) = delete;

    // True once SIGINT or SIGTERM arrived (non-blocking check).
    bool requested();

private:
    int fd_ = -1;
    bool requested_ = false;
};

}  // namespace ems120::cli
