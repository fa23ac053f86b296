#include "dispatch/two_nearest_units.hpp"

#include <algorithm>
#include <functional>

namespace ems120::dispatch {

ChTwoNearest::ChTwoNearest(const ContractionHierarchy& ch) : ch_(&ch), labels_(ch.node_count()) {}

void ChTwoNearest::run(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    std::fill(labels_.begin(), labels_.end(), TwoLabels{});
    heap_.clear();
    constexpr auto order = std::greater<>{};
    const auto push = [&](std::uint64_t label, Rank r) {
        if (!labels_[r].offer(label)) return;
        heap_.emplace_back(label, r);
        std::push_heap(heap_.begin(), heap_.end(), order);
    };
    for (const SourceSeed& s : seeds)
        if (s.time < kUnreachable) push((std::uint64_t{s.time} << 32) | s.source, ch.rank_of_node[s.node.value()]);
    // Upward: a node may be settled twice, once per kept source.
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), order);
        const auto [label, r] = heap_.back();
        heap_.pop_back();
        if (label != labels_[r].first && label != labels_[r].second) continue;  // displaced since
        for (std::uint32_t i = ch.up_first[r]; i < ch.up_first[r + 1]; ++i) {
            const std::uint64_t next = TwoLabels::later(label, ch.up_time[i]);
            if (next != TwoLabels::kNone) push(next, ch.up_head[i]);
        }
    }
    // Top down: a rank's labels are final once every rank above it is.
    for (Rank r = static_cast<Rank>(ch.node_count()); r-- > 0;) {
        TwoLabels best = labels_[r];
        for (std::uint32_t i = ch.down_first[r]; i < ch.down_first[r + 1]; ++i) {
            const TwoLabels& from = labels_[ch.down_tail[i]];
            if (from.first == TwoLabels::kNone) continue;
            best.offer(TwoLabels::later(from.first, ch.down_time[i]));
            best.offer(TwoLabels::later(from.second, ch.down_time[i]));
        }
        labels_[r] = best;
    }
}

}  // namespace ems120::dispatch
