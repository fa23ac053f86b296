#include "dispatch/two_nearest_units.hpp"

#include <algorithm>
#include <functional>

#include "routing/ch_one_to_many.hpp"

namespace ems120::dispatch {

ChTwoNearest::ChTwoNearest(const ContractionHierarchy& ch) : ch_(&ch), labels_(ch.node_count()) {}

void ChTwoNearest::restrict_to(std::span<const NodeSeeds> targets) {
    ChOneToMany selector(*ch_);
    selector.select_targets(targets);
    sweep_ranks_.assign(selector.selection().begin(), selector.selection().end());
    restricted_ = true;
    std::fill(labels_.begin(), labels_.end(), TwoLabels{});
    touched_.clear();
}

void ChTwoNearest::run(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    if (restricted_) {
        // Only what the last run wrote is cleared: the upward search's ranks and the selection.
        for (const Rank r : touched_) labels_[r] = TwoLabels{};
        for (const Rank r : sweep_ranks_) labels_[r] = TwoLabels{};
        touched_.clear();
    } else {
        std::fill(labels_.begin(), labels_.end(), TwoLabels{});
    }
    heap_.clear();
    constexpr auto order = std::greater<>{};
    const auto push = [&](std::uint64_t label, Rank r) {
        if (!labels_[r].offer(label)) return;
        if (restricted_) touched_.push_back(r);
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
    // Top down: a rank's labels are final once every rank above it is. A restricted sweep walks
    // the selection only: every arc into a selected rank comes from a selected rank.
    const auto settle = [&](Rank r) {
        TwoLabels best = labels_[r];
        for (std::uint32_t i = ch.down_first[r]; i < ch.down_first[r + 1]; ++i) {
            const TwoLabels& from = labels_[ch.down_tail[i]];
            if (from.first == TwoLabels::kNone) continue;
            best.offer(TwoLabels::later(from.first, ch.down_time[i]));
            best.offer(TwoLabels::later(from.second, ch.down_time[i]));
        }
        labels_[r] = best;
    };
    if (restricted_) {
        for (const Rank r : sweep_ranks_) settle(r);
    } else {
        for (Rank r = static_cast<Rank>(ch.node_count()); r-- > 0;) settle(r);
    }
}

}  // namespace ems120::dispatch
