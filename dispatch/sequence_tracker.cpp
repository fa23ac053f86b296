#include "dispatch/sequence_tracker.hpp"

#include <algorithm>
#include <iterator>

namespace ems120::dispatch {

using protocol::Seq;

bool SequenceTracker::seen(Seq seq) const {
    if (seq <= cumulative_) return true;
    const auto it = above_.upper_bound(seq);
    return it != above_.begin() && std::prev(it)->second >= seq;
}

bool SequenceTracker::covers(Seq first, Seq last) const {
    if (last <= cumulative_) return true;
    first = std::max(first, cumulative_ + 1);
    const auto it = above_.upper_bound(first);
    return it != above_.begin() && std::prev(it)->second >= last;
}

bool SequenceTracker::mark(Seq seq) {
    if (seen(seq)) return false;
    mark_range(seq, seq);
    return true;
}

void SequenceTracker::mark_range(Seq first, Seq last) {
    first = std::max(first, cumulative_ + 1);
    if (first > last) return;
    // Swallow every range that overlaps or touches [first, last].
    auto it = above_.upper_bound(first);
    if (it != above_.begin() && std::prev(it)->second + 1 >= first) --it;
    while (it != above_.end() && it->first <= last + 1) {
        first = std::min(first, it->first);
        last = std::max(last, it->second);
        it = above_.erase(it);
    }
    above_[first] = last;
    advance();
}

void SequenceTracker::advance() {
    while (!above_.empty() && above_.begin()->first == cumulative_ + 1) {
        cumulative_ = above_.begin()->second;
        above_.erase(above_.begin());
    }
}

protocol::Ack SequenceTracker::ack(std::size_t max_ranges) const {
    protocol::Ack a;
    a.cumulative = cumulative_;
    for (const auto& range : above_) {
        if (a.ranges.size() == max_ranges) break;
        a.ranges.push_back(range);
    }
    return a;
}

}  // namespace ems120::dispatch
