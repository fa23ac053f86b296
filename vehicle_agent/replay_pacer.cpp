#include "vehicle_agent/replay_pacer.hpp"

#include <algorithm>
#include <cmath>

namespace ems120::agent {

ReplayPacer::ReplayPacer(double pace) : pace_(pace) {}

void ReplayPacer::push(const protocol::PositionFix& fix, std::int64_t now_steady_ms) {
    double due = static_cast<double>(now_steady_ms);
    if (last_due_ && pace_ > 0) {
        const auto gap = fix.gnss_time - last_gnss_time_;
        const auto pause = std::clamp<protocol::UnixMillis>(gap, 0, kLongestReplayPauseMs);
        due = *last_due_ + static_cast<double>(pause) / pace_;
    }
    last_due_ = due;
    last_gnss_time_ = fix.gnss_time;
    queue_.push_back({fix, static_cast<std::int64_t>(std::ceil(due))});
}

std::size_t ReplayPacer::release_due(std::int64_t now_steady_ms, std::vector<protocol::PositionFix>& out) {
    std::size_t released = 0;
    while (!queue_.empty() && (pace_ <= 0 || queue_.front().due_steady_ms <= now_steady_ms)) {
        out.push_back(queue_.front().fix);
        queue_.pop_front();
        ++released;
    }
    return released;
}

std::optional<std::int64_t> ReplayPacer::next_due() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.front().due_steady_ms;
}

}  // namespace ems120::agent
