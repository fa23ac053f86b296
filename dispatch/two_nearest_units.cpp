#include "dispatch/two_nearest_units.hpp"

#include <algorithm>
#include <functional>

#include "routing/ch_one_to_many.hpp"

namespace ems120::dispatch {

ChTwoNearest::ChTwoNearest(const ContractionHierarchy& ch) : ch_(&ch), labels_(ch.node_count()), upward_(ch) {}

void ChTwoNearest::restrict_to(std::span<const NodeSeeds> targets) {
    ChOneToMany selector(*ch_);
    selector.select_targets(targets);
    sweep_ranks_.assign(selector.selection().begin(), selector.selection().end());
    restricted_ = true;
    std::fill(labels_.begin(), labels_.end(), TwoLabels{});
    touched_.clear();
}

// Upward, by rank: every rank the sources reach going up (marked once, as RPHAST selects
// sources), relaxed in ascending rank — an upward arc always leads to a higher rank, so a rank's
// two labels are final when it is reached, with no heap.
void ChTwoNearest::upward_pass(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    source_points_.clear();
    for (const SourceSeed& s : seeds) {
        if (s.time >= kUnreachable) continue;
        labels_[ch.rank_of_node[s.node.value()]].offer((std::uint64_t{s.time} << 32) | s.source);
        NodeSeeds point;
        point.items[0] = {s.node, s.time};
        point.count = 1;
        source_points_.push_back(point);
    }
    upward_.select_sources(source_points_);
    const std::span<const Rank> closure = upward_.selection();  // highest rank first
    touched_.assign(closure.begin(), closure.end());
    for (auto it = closure.rbegin(); it != closure.rend(); ++it) {
        const Rank r = *it;
        const TwoLabels here = labels_[r];
        if (here.first == TwoLabels::kNone) continue;
        for (std::uint32_t i = ch.up_first[r]; i < ch.up_first[r + 1]; ++i) {
            TwoLabels& next = labels_[ch.up_head[i]];
            next.offer(TwoLabels::later(here.first, ch.up_time[i]));
            if (here.second != TwoLabels::kNone) next.offer(TwoLabels::later(here.second, ch.up_time[i]));
        }
    }
}

// Upward with a heap (Dijkstra on the upward graph), for an unrestricted run.
void ChTwoNearest::upward_search(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    heap_.clear();
    constexpr auto order = std::greater<>{};
    const auto push = [&](std::uint64_t label, Rank r) {
        if (!labels_[r].offer(label)) return;
        heap_.emplace_back(label, r);
        std::push_heap(heap_.begin(), heap_.end(), order);
    };
    for (const SourceSeed& s : seeds)
        if (s.time < kUnreachable) push((std::uint64_t{s.time} << 32) | s.source, ch.rank_of_node[s.node.value()]);
    // A node may be settled twice, once per kept source.
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
}

void ChTwoNearest::run(std::span<const SourceSeed> seeds) {
    const ContractionHierarchy& ch = *ch_;
    if (restricted_) {
        // Only what the last run wrote is cleared: the upward closure and the selection.
        for (const Rank r : touched_) labels_[r] = TwoLabels{};
        for (const Rank r : sweep_ranks_) labels_[r] = TwoLabels{};
        upward_pass(seeds);
    } else {
        std::fill(labels_.begin(), labels_.end(), TwoLabels{});
        upward_search(seeds);
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
