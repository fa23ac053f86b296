#pragma once
// Simulated time for the demo: wall-clock stamps run `speed` times faster than real time from a
// fixed epoch, so a 12-minute drive takes 72 s at 10x and every process that shares the epoch
// agrees on "now" (the dispatcher, restarted after a crash, continues the same timeline).
// Monotonic time stays real: heartbeats and reconnects are about the network, not the story.
#include <cstdint>

#include "link/clock.hpp"

namespace ems120::link {

class ScaledClock final : public Clock {
public:
    // `epoch_unix_ms`: the real moment at which simulated and real time agree.
    ScaledClock(std::int64_t epoch_unix_ms, double speed) : epoch_(epoch_unix_ms), speed_(speed) {}

    std::int64_t steady_ms() const override { return real_.steady_ms(); }
    std::int64_t unix_ms() const override {
        return epoch_ + static_cast<std::int64_t>(static_cast<double>(real_.unix_ms() - epoch_) * speed_);
    }
    double speed() const { return speed_; }
    std::int64_t epoch_unix_ms() const { return epoch_; }

private:
    SystemClock real_;
    std::int64_t epoch_;
    double speed_;
};

}  // namespace ems120::link
