#pragma once
// Shared by the vital-signs tests (header-only: the suite compiles only *_test.cpp): a fake clock
// that drives a source the way the agent's loop does, a pipe standing in for a monitor bridge,
// and short ways to read a reading.
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"

namespace ems120::test {

// 2024-05-01T08:30:00Z; the steady clock starts far from 0, as a real one does.
inline constexpr std::int64_t kStartUnixMs = 1'714'552'200'000;
inline constexpr std::int64_t kStartSteadyMs = 5'000'000;
inline constexpr std::int64_t kMinute = 60'000;

inline agent::Now at(std::int64_t since_start_ms) {
    return agent::Now{kStartSteadyMs + since_start_ms, kStartUnixMs + since_start_ms};
}

// Polls a timer-driven source at each next_due() (plus `late_ms`, a sluggish loop) until
// `duration_ms` after the start, and returns everything it sent.
inline std::vector<protocol::Vitals> run_for(agent::InputSource<protocol::Vitals>& source, std::int64_t duration_ms,
                                             std::int64_t late_ms = 0) {
    std::vector<protocol::Vitals> out;
    std::int64_t t = 0;
    while (t <= duration_ms) {
        source.poll(at(t), out);
        const auto due = source.next_due();
        if (!due) throw std::logic_error("run_for: the source is not timer-driven");
        t = *due - kStartSteadyMs + late_ms;
    }
    return out;
}

// The value of `sign`, or nullopt when the reading does not carry it.
inline std::optional<double> value_of(const protocol::Vitals& v, protocol::VitalSign sign) {
    if (!v[sign]) return std::nullopt;
    return v[sign]->value;
}

// Mean of `sign` over the readings stamped in [from_ms, to_ms) after kStartUnixMs.
inline double mean_of(const std::vector<protocol::Vitals>& readings, protocol::VitalSign sign, std::int64_t from_ms,
                      std::int64_t to_ms) {
    double sum = 0;
    int n = 0;
    for (const auto& v : readings) {
        const std::int64_t t = v.time - kStartUnixMs;
        if (t < from_ms || t >= to_ms || !v[sign]) continue;
        sum += v[sign]->value;
        ++n;
    }
    if (n == 0) throw std::logic_error("mean_of: no reading of that sign in the window");
    return sum / n;
}

// Both ends of a pipe, closed at the end of the test; write() stands in for a monitor bridge.
class Pipe {
public:
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
        read_fd_ = fds[0];
        write_fd_ = fds[1];
    }
    ~Pipe() {
        ::close(read_fd_);
        close_write();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    int read_fd() const { return read_fd_; }

    // Whole `bytes`; keep them under the pipe's 64 KiB buffer, nobody reads while this writes.
    void write(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(write_fd_, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error(std::string("write to pipe: ") + std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
    }

    // End of input, as when the bridge exits.
    void close_write() {
        if (write_fd_ >= 0) ::close(write_fd_);
        write_fd_ = -1;
    }

private:
    int read_fd_ = -1, write_fd_ = -1;
};

}  // namespace ems120::test
