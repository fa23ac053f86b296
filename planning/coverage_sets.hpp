#pragma once
// The siting index: for every site — the existing stations first, then the candidate sites — the
// places it reaches by road within the response limit, as a sorted list; and each place's weight
// (its population when known, else 1: dispatch::place_weight). Built once from the road graph with
// one one-to-many search per site (build_coverage_sets); every siting model is a pure function of
// it, so tests build one by hand.
#include <cstdint>
#include <vector>

namespace ems120 {

struct CoverageSets {
    std::vector<std::int64_t> place_weights;               // per place, >= 1
    std::vector<std::vector<std::uint32_t>> site_places;   // per site: places within the limit, ascending
    std::uint32_t existing_count = 0;                       // sites [0, existing_count) are existing stations

    std::size_t place_count() const { return place_weights.size(); }
    std::size_t site_count() const { return site_places.size(); }
    std::size_t candidate_count() const { return site_places.size() - existing_count; }
    bool is_existing(std::uint32_t site) const { return site < existing_count; }
    // Sum of the list lengths: the size of the coverage matrix, which sizes the integer programs.
    std::size_t nonzeros() const;
    std::int64_t total_weight() const;
};

// Throws std::invalid_argument naming the first problem: a place index out of range, a list not
// strictly ascending, a weight below 1, more existing stations than sites.
void check_coverage_sets(const CoverageSets& sets);

// Per place: the sites that reach it (ascending) — the transpose of site_places.
std::vector<std::vector<std::uint32_t>> sites_by_place(const CoverageSets& sets);

// Per place: whether any site at all (existing or candidate) reaches it.
std::vector<bool> reachable_places(const CoverageSets& sets);

}  // namespace ems120
