#pragma once
// For every node, the nearest source and the nearest *other* source (PHAST with two labels of
// distinct sources per node). The move-up needs it: a place is lost when its only covering unit
// leaves, which the nearest unit alone cannot tell. One sweep whatever the fleet size, where
// counting covering units with a one-to-many per unit (or per place) grows with the fleet.
//
// Why two labels suffice along a hierarchy path: if source s is not among the best two at a node
// u on its shortest path to v, two other sources reach u no later, so they reach v no later
// either — s cannot be among v's best two (ties broken by source index, as ChManyToAll does).
#include <cstdint>
#include <span>
#include <vector>

#include "routing/contraction_hierarchy.hpp"
#include "routing/ch_one_to_many.hpp"
#include "routing/route_endpoint.hpp"
#include "routing/multi_source_dijkstra.hpp"

namespace ems120::dispatch {

// The best two (time << 32 | source) labels with distinct sources, best first.
struct TwoLabels {
    static constexpr std::uint64_t kNone = (std::uint64_t{kUnreachable} << 32) | kNoSource;
    std::uint64_t first = kNone;
    std::uint64_t second = kNone;

    // Keeps `label` if it is among the best two of distinct sources; true when something changed.
    bool offer(std::uint64_t label) {
        if (label >= second) return false;
        if (static_cast<std::uint32_t>(label) == static_cast<std::uint32_t>(first)) {
            if (label >= first) return false;
            first = label;  // the same source, sooner; `second` is another source still
            return true;
        }
        if (label < first) {
            second = first;
            first = label;
        } else {
            second = label;
        }
        return true;
    }

    static Reach reach_of(std::uint64_t label) {
        return {static_cast<TravelTime>(label >> 32), static_cast<std::uint32_t>(label)};
    }
    // The label `time` later, or kNone when it would pass what a TravelTime holds.
    static std::uint64_t later(std::uint64_t label, std::uint64_t time) {
        const std::uint64_t t = (label >> 32) + time;
        return t >= kUnreachable ? kNone : (t << 32) | (label & 0xffffffffu);
    }
};

class ChTwoNearest {
public:
    explicit ChTwoNearest(const ContractionHierarchy& ch);

    // From now on only these nodes' labels are wanted (e.g. the places' arrival nodes): the
    // top-down sweep then walks only the ranks they are reached through (their RPHAST target
    // selection) instead of every rank — the move-up's places are a few hundred nodes of a
    // county's hundreds of thousands. at() is then valid for these nodes only.
    void restrict_to(std::span<const NodeSeeds> targets);

    void run(std::span<const SourceSeed> seeds);

    const TwoLabels& at(NodeId v) const { return labels_[ch_->rank_of_node[v.value()]]; }

private:
    void upward_pass(std::span<const SourceSeed> seeds);
    void upward_search(std::span<const SourceSeed> seeds);

    const ContractionHierarchy* ch_;
    std::vector<TwoLabels> labels_;  // by rank
    std::vector<std::pair<std::uint64_t, Rank>> heap_;
    bool restricted_ = false;
    std::vector<Rank> sweep_ranks_;  // restricted: the target selection, highest rank first
    ChOneToMany upward_;             // restricted: marks the sources' upward closure
    std::vector<NodeSeeds> source_points_;
    std::vector<Rank> touched_;      // restricted: ranks the last upward pass labelled
};

}  // namespace ems120::dispatch
