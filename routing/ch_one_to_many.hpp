#pragma once
// One-to-many, many-to-one and many-to-many on a contraction hierarchy (RPHAST): the "many"
// side is selected once — every rank reachable upward from its points, found by marking, no
// heap — then each query on the "one" side is an upward search plus one linear sweep over the
// selection in descending rank. This is the dispatcher's question "which of N ambulances
// reaches the patient first", exact for points part-way along roads (groups of seeds).
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/route_endpoint.hpp"

namespace ems120 {

class ChOneToMany {
public:
    explicit ChOneToMany(const ContractionHierarchy& ch);

    // The many side as destinations: each group of seeds is one point (seed time = time from the
    // seed node to the point). Then from() answers one source at a time.
    void select_targets(std::span<const NodeSeeds> targets);
    // Time from `source` (seed time = time from the point to the seed node) to every selected
    // target, in selection order; kUnreachable where there is no route.
    void from(std::span<const NodeSeed> source, std::vector<TravelTime>& times);

    // The many side as origins (e.g. the fleet). Then to() answers one destination at a time.
    void select_sources(std::span<const NodeSeeds> sources);
    // Time from every selected source to `target`, in selection order.
    void to(std::span<const NodeSeed> target, std::vector<TravelTime>& times);

    std::size_t selected_ranks() const { return selection_.size(); }
    // The selected ranks, highest first: every rank a sweep toward (or from) the many side reads.
    std::span<const Rank> selection() const { return selection_; }

private:
    enum class Mode { none, targets, sources };
    void select(std::span<const NodeSeeds> points, Mode mode);
    void upward_search(std::span<const NodeSeed> seeds, bool forward);
    void sweep();
    void collect(std::vector<TravelTime>& times) const;

    const ContractionHierarchy* ch_;
    Mode mode_ = Mode::none;
    std::vector<NodeSeeds> points_;
    std::vector<Rank> selection_;                // descending rank
    std::vector<std::uint32_t> selection_index_; // by rank; valid for selected ranks
    std::vector<std::uint64_t> selected_bits_;   // by rank
    std::vector<Rank> stack_;
    std::vector<TravelTime> swept_;              // by selection index

    // Upward search labels by rank, valid where stamp_ == current_.
    std::vector<TravelTime> label_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t current_ = 0;
    std::vector<std::pair<TravelTime, Rank>> heap_;
};

}  // namespace ems120
