#include "planning/coverage_sets.hpp"

#include <stdexcept>
#include <string>

namespace ems120 {

std::size_t CoverageSets::nonzeros() const {
    std::size_t n = 0;
    for (const auto& places : site_places) n += places.size();
    return n;
}

std::int64_t CoverageSets::total_weight() const {
    std::int64_t w = 0;
    for (const std::int64_t x : place_weights) w += x;
    return w;
}

void check_coverage_sets(const CoverageSets& sets) {
    if (sets.existing_count > sets.site_count())
        throw std::invalid_argument("coverage sets: " + std::to_string(sets.existing_count) + " existing stations but only " +
                                    std::to_string(sets.site_count()) + " sites");
    for (std::size_t i = 0; i < sets.place_count(); ++i)
        if (sets.place_weights[i] < 1)
            throw std::invalid_argument("coverage sets: place " + std::to_string(i) + " has weight " +
                                        std::to_string(sets.place_weights[i]) + " (must be at least 1)");
    for (std::size_t j = 0; j < sets.site_count(); ++j) {
        const auto& places = sets.site_places[j];
        for (std::size_t k = 0; k < places.size(); ++k) {
            if (places[k] >= sets.place_count())
                throw std::invalid_argument("coverage sets: site " + std::to_string(j) + " covers place " +
                                            std::to_string(places[k]) + " of only " +
                                            std::to_string(sets.place_count()));
            if (k > 0 && places[k] <= places[k - 1])
                throw std::invalid_argument("coverage sets: the places of site " + std::to_string(j) +
                                            " are not strictly ascending");
        }
    }
}

std::vector<std::vector<std::uint32_t>> sites_by_place(const CoverageSets& sets) {
    std::vector<std::vector<std::uint32_t>> by_place(sets.place_count());
    for (std::uint32_t j = 0; j < sets.site_count(); ++j)
        for (const std::uint32_t i : sets.site_places[j]) by_place[i].push_back(j);
    return by_place;
}

std::vector<bool> reachable_places(const CoverageSets& sets) {
    std::vector<bool> reachable(sets.place_count(), false);
    for (const auto& places : sets.site_places)
        for (const std::uint32_t i : places) reachable[i] = true;
    return reachable;
}

}  // namespace ems120
