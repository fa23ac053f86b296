#include "routing/ch_many_to_all.hpp"

#include <algorithm>
#include <functional>

namespace ems120 {

namespace {

constexpr std::uint64_t kNoLabel = (std::uint64_t{kUnreachable} << 32) | kNoSource;

// The label one arc of `time` further on, or kNoLabel when it would pass what a TravelTime holds.
std::uint64_t extended(std::uint64_t label, TravelTime time) {
    const std::uint64_t t = (label >> 32) + time;
    return t >= kUnreachable ? kNoLabel : (t << 32) | (label & 0xffffffffu);
}

}  // namespace

ChManyToAll::ChManyToAll(const ContractionHierarchy& ch) : ch_(&ch), label_(ch.node_count(), kNoLabel) {}

void ChManyToAll::run(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    std::fill(label_.begin(), label_.end(), kNoLabel);
    heap_.clear();
    constexpr auto order = std::greater<>{};
    for (const SourceSeed& s : seeds) {
        const Rank r = ch.rank_of_node[s.node.value()];
        const std::uint64_t label = (std::uint64_t{s.time} << 32) | s.source;
        if (label >= label_[r]) continue;
        label_[r] = label;
        heap_.emplace_back(label, r);
        std::push_heap(heap_.begin(), heap_.end(), order);
    }
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), order);
        const auto [label, r] = heap_.back();
        heap_.pop_back();
        if (label > label_[r]) continue;
        for (std::uint32_t i = ch.up_first[r]; i < ch.up_first[r + 1]; ++i) {
            const std::uint64_t candidate = extended(label, ch.up_time[i]);
            if (candidate >= label_[ch.up_head[i]]) continue;
            label_[ch.up_head[i]] = candidate;
            heap_.emplace_back(candidate, ch.up_head[i]);
            std::push_heap(heap_.begin(), heap_.end(), order);
        }
    }
    // Top down: a rank's label is final once every rank above it is.
    for (Rank r = static_cast<Rank>(ch.node_count()); r-- > 0;) {
        std::uint64_t best = label_[r];
        for (std::uint32_t i = ch.down_first[r]; i < ch.down_first[r + 1]; ++i)
            best = std::min(best, extended(label_[ch.down_tail[i]], ch.down_time[i]));
        label_[r] = best;
    }
}

}  // namespace ems120
