#pragma once
// Replays recorded fixes at the pace they were recorded: each fix is due as long after the one
// before it (in steady time) as its GNSS time is after that one's, divided by `pace` (1 = real
// time, 2 = twice as fast). A pace of 0 releases every fix at once.
//
// Recordings have holes (the receiver was off overnight) and seams (two logs joined, time going
// back): a gap longer than kLongestReplayPauseMs of GNSS time is shortened to that, and a step back
// in time is no pause at all, so a replay never stalls for hours.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "protocol/messages.hpp"

namespace ems120::agent {

inline constexpr std::int64_t kLongestReplayPauseMs = 30'000;

class ReplayPacer {
public:
    explicit ReplayPacer(double pace);

    // Queues a fix read now; the first one is due at once.
    void push(const protocol::PositionFix& fix, std::int64_t now_steady_ms);
    // Moves every fix due by now to `out`; returns how many.
    std::size_t release_due(std::int64_t now_steady_ms, std::vector<protocol::PositionFix>& out);

    std::optional<std::int64_t> next_due() const;
    bool empty() const { return queue_.empty(); }

private:
    struct Scheduled {
        protocol::PositionFix fix;
        std::int64_t due_steady_ms;
    };

    double pace_;
    std::deque<Scheduled> queue_;
    std::optional<double> last_due_;  // kept unrounded so rounding never adds up
    protocol::UnixMillis last_gnss_time_ = 0;
};

}  // namespace ems120::agent
