#include "routing/ch_one_to_many.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <stdexcept>

namespace ems120 {

namespace {

constexpr auto kHeapOrder = std::greater<>{};

std::uint64_t plus(TravelTime a, TravelTime b) { return std::uint64_t{a} + b; }

}  // namespace

ChOneToMany::ChOneToMany(const ContractionHierarchy& ch)
    : ch_(&ch),
      selection_index_(ch.node_count(), 0),
      selected_bits_((ch.node_count() + 63) / 64, 0),
      label_(ch.node_count(), kUnreachable),
      stamp_(ch.node_count(), 0) {}

void ChOneToMany::select_targets(std::span<const NodeSeeds> targets) { select(targets, Mode::targets); }
void ChOneToMany::select_sources(std::span<const NodeSeeds> sources) { select(sources, Mode::sources); }

void ChOneToMany::select(std::span<const NodeSeeds> points, Mode mode) {
    const ContractionHierarchy& ch = *ch_;
    mode_ = mode;
    points_.assign(points.begin(), points.end());
    for (const Rank r : selection_) selected_bits_[r / 64] = 0;
    selection_.clear();
    // Targets are reached by coming down into them: mark upward along arcs that enter from above.
    // Sources leave by going up: mark along upward arcs.
    const bool targets = mode == Mode::targets;
    const auto mark = [&](Rank r) {
        std::uint64_t& word = selected_bits_[r / 64];
        const std::uint64_t bit = std::uint64_t{1} << (r % 64);
        if (word & bit) return;
        word |= bit;
        selection_.push_back(r);  // for clearing; reordered below
        stack_.push_back(r);
    };
    for (const NodeSeeds& p : points_)
        for (const NodeSeed& s : p) mark(ch.rank_of_node[s.node.value()]);
    while (!stack_.empty()) {
        const Rank r = stack_.back();
        stack_.pop_back();
        if (targets)
            for (std::uint32_t i = ch.down_first[r]; i < ch.down_first[r + 1]; ++i) mark(ch.down_tail[i]);
        else
            for (std::uint32_t i = ch.up_first[r]; i < ch.up_first[r + 1]; ++i) mark(ch.up_head[i]);
    }
    // Descending rank order from the bitmap: cheaper than sorting the selection.
    std::size_t count = 0;
    for (std::size_t w = selected_bits_.size(); w-- > 0;) {
        std::uint64_t bits = selected_bits_[w];
        while (bits) {
            const int top = 63 - std::countl_zero(bits);
            bits &= ~(std::uint64_t{1} << top);
            const Rank r = static_cast<Rank>(w * 64 + top);
            selection_[count] = r;
            selection_index_[r] = static_cast<std::uint32_t>(count++);
        }
    }
    swept_.resize(selection_.size());
}

void ChOneToMany::upward_search(std::span<const NodeSeed> seeds, bool forward) {
    const ContractionHierarchy& ch = *ch_;
    ++current_;
    heap_.clear();
    const auto at = [&](Rank r) { return stamp_[r] == current_ ? label_[r] : kUnreachable; };
    for (const NodeSeed& s : seeds) {
        const Rank r = ch.rank_of_node[s.node.value()];
        if (s.time >= at(r)) continue;
        stamp_[r] = current_;
        label_[r] = s.time;
        heap_.emplace_back(s.time, r);
        std::push_heap(heap_.begin(), heap_.end(), kHeapOrder);
    }
    // The whole upward search space: the sweep needs every label, so there is no stopping rule.
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), kHeapOrder);
        const auto [time, r] = heap_.back();
        heap_.pop_back();
        if (time > at(r)) continue;
        const std::uint32_t begin = forward ? ch.up_first[r] : ch.down_first[r];
        const std::uint32_t end = forward ? ch.up_first[r + 1] : ch.down_first[r + 1];
        for (std::uint32_t i = begin; i < end; ++i) {
            const Rank next = forward ? ch.up_head[i] : ch.down_tail[i];
            const std::uint64_t candidate = plus(time, forward ? ch.up_time[i] : ch.down_time[i]);
            if (candidate >= at(next)) continue;
            stamp_[next] = current_;
            label_[next] = static_cast<TravelTime>(candidate);
            heap_.emplace_back(static_cast<TravelTime>(candidate), next);
            std::push_heap(heap_.begin(), heap_.end(), kHeapOrder);
        }
    }
}

void ChOneToMany::sweep() {
    const ContractionHierarchy& ch = *ch_;
    const bool targets = mode_ == Mode::targets;
    // Higher ranks first: every arc below leads to a rank already final.
    for (std::size_t i = 0; i < selection_.size(); ++i) {
        const Rank r = selection_[i];
        std::uint64_t best = stamp_[r] == current_ ? label_[r] : kUnreachable;
        if (targets) {
            for (std::uint32_t a = ch.down_first[r]; a < ch.down_first[r + 1]; ++a)
                best = std::min(best, plus(swept_[selection_index_[ch.down_tail[a]]], ch.down_time[a]));
        } else {
            for (std::uint32_t a = ch.up_first[r]; a < ch.up_first[r + 1]; ++a)
                best = std::min(best, plus(swept_[selection_index_[ch.up_head[a]]], ch.up_time[a]));
        }
        swept_[i] = static_cast<TravelTime>(std::min<std::uint64_t>(best, kUnreachable));
    }
}

void ChOneToMany::collect(std::vector<TravelTime>& times) const {
    times.resize(points_.size());
    for (std::size_t p = 0; p < points_.size(); ++p) {
        std::uint64_t best = kUnreachable;
        for (const NodeSeed& s : points_[p])
            best = std::min(best, plus(swept_[selection_index_[ch_->rank_of_node[s.node.value()]]], s.time));
        times[p] = static_cast<TravelTime>(std::min<std::uint64_t>(best, kUnreachable));
    }
}

void ChOneToMany::from(std::span<const NodeSeed> source, std::vector<TravelTime>& times) {
    if (mode_ != Mode::targets) throw std::logic_error("ChOneToMany::from needs select_targets first");
    upward_search(source, true);
    sweep();
    collect(times);
}

void ChOneToMany::to(std::span<const NodeSeed> target, std::vector<TravelTime>& times) {
    if (mode_ != Mode::sources) throw std::logic_error("ChOneToMany::to needs select_sources first");
    upward_search(target, false);
    sweep();
    collect(times);
}

}  // namespace ems120
