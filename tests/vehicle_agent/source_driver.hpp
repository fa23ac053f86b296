#pragma once
// Runs an InputSource the way the agent's poll loop does, on the real clocks, one step at a time,
// so tests can act (accept a connection, write to a terminal) between steps and give up at a
// deadline instead of hanging.
#include <poll.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"

namespace ems120::test {

inline agent::Now real_now() {
    using namespace std::chrono;
    return {duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count(),
            duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
}

// Waits as the loop would (for wait_fd, until next_due), but never longer than `max_wait_ms`,
// then polls once. Returns how long poll() itself took, in milliseconds.
inline std::int64_t step(agent::InputSource<protocol::PositionFix>& source, std::vector<protocol::PositionFix>& out,
                         int max_wait_ms = 20) {
    int timeout = max_wait_ms;
    if (const auto due = source.next_due())
        timeout = static_cast<int>(std::clamp<std::int64_t>(*due - real_now().steady_ms, 0, max_wait_ms));
    pollfd fd{source.wait_fd(), POLLIN, 0};
    ::poll(&fd, fd.fd >= 0 ? 1 : 0, timeout);
    const agent::Now now = real_now();
    source.poll(now, out);
    return real_now().steady_ms - now.steady_ms;
}

// Steps until `done()` or `limit_ms` has passed; returns whether `done()` came true. Fails the
// test if any poll() took longer than `slow_poll_ms` (a source must never block the loop).
template <class Done>
bool step_until(agent::InputSource<protocol::PositionFix>& source, std::vector<protocol::PositionFix>& out, Done done,
                std::int64_t limit_ms = 3000, std::int64_t slow_poll_ms = 100) {
    const std::int64_t deadline = real_now().steady_ms + limit_ms;
    while (!done()) {
        if (real_now().steady_ms > deadline) return false;
        const std::int64_t took = step(source, out);
        if (took > slow_poll_ms) {
            INFO(source.describe() << ": poll() blocked for " << took << " ms");
            CHECK(took <= slow_poll_ms);
        }
    }
    return true;
}

}  // namespace ems120::test
