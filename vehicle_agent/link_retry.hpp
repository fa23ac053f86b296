#pragma once
// How live NMEA links (a serial device, a TCP feed) come back after they drop: the agent keeps
// running without positions and retries, waiting longer each time up to a limit, so a receiver
// or gateway that is gone is not hammered and one that returns is found within max_retry_ms.
#include <algorithm>
#include <cstdint>

namespace ems120::agent {

struct LinkRetryOptions {
    std::int64_t first_retry_ms = 500;
    std::int64_t max_retry_ms = 30'000;
    std::int64_t connect_timeout_ms = 5'000;  // TCP: a connect that hangs this long is abandoned
    // TCP: no byte for this long means the link is dead even if the socket does not say so (a
    // gateway rebooted behind a NAT); receivers talk every second. 0 = never.
    std::int64_t silence_timeout_ms = 10'000;
};

class RetryBackoff {
public:
    explicit RetryBackoff(const LinkRetryOptions& options)
        : first_ms_(std::max<std::int64_t>(options.first_retry_ms, 1)),
          max_ms_(std::max(options.max_retry_ms, first_ms_)),
          next_ms_(first_ms_) {}

    // The wait before the next attempt; each call doubles the one after, up to the limit.
    std::int64_t next_delay_ms() {
        const std::int64_t delay = next_ms_;
        next_ms_ = std::min(next_ms_ * 2, max_ms_);
        return delay;
    }
    // The link worked: the next drop is retried quickly again.
    void reset() { next_ms_ = first_ms_; }

private:
    std::int64_t first_ms_;
    std::int64_t max_ms_;
    std::int64_t next_ms_;
};

}  // namespace ems120::agent
