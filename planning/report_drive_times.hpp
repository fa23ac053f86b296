#pragma once
// The figures a coverage report shows about drive times: how many places are in each band
// (within the limit, up to 5 minutes over, beyond, unreachable), the population share, median
// and p90, the 1-minute histogram and the cumulative share of places within a time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "maps/map_point.hpp"
#include "planning/coverage.hpp"

namespace ems120 {

// Amber: a few minutes over the limit is a different planning problem from far beyond it.
inline constexpr TravelTime kAmberBand = 5 * 60000;

enum class DriveTimeBand { within, amber, beyond, unreachable };

DriveTimeBand band_of(const PlaceCoverage& place, TravelTime limit);

struct DriveTimeSummary {
    TravelTime limit = 0;
    std::size_t places = 0;
    std::size_t within = 0, amber = 0, beyond = 0, unreachable = 0;

    // Over the places whose population is known (planners' files; OSM's population=*).
    std::size_t places_with_population = 0;
    std::int64_t population = 0, population_within = 0;

    // Nearest-rank percentiles over all places, an unreachable place counting as slowest: empty
    // when the rank falls on an unreachable place (or there are no places).
    std::optional<TravelTime> median, p90;

    // histogram[m] counts reached places with m <= minutes < m + 1, for m < histogram.size();
    // `overflow` those at or beyond kHistogramMinutes. The bins reach the slowest place below
    // that, and at least limit + 5 minutes.
    static constexpr std::size_t kHistogramMinutes = 60;
    std::vector<std::size_t> histogram;
    std::size_t overflow = 0;

    // Drive times of the reached places, ascending: the cumulative distribution's steps.
    std::vector<TravelTime> sorted_times;

    // A population share over a few places would speak for the rest: shown only when most
    // places have a population.
    bool population_known() const { return places_with_population > 0 && 2 * places_with_population >= places; }

    // Share of all places (unreachable ones included) reached within `time`.
    double share_within(TravelTime time) const;
};

DriveTimeSummary summarize_drive_times(std::span<const MapPoint> places, const CoverageResult& coverage);

}  // namespace ems120
