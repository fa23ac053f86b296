#include "planning/report_drive_times.hpp"

#include <algorithm>
#include <cmath>

namespace ems120 {

DriveTimeBand band_of(const PlaceCoverage& place, TravelTime limit) {
    if (!place.reached()) return DriveTimeBand::unreachable;
    if (place.reach.time <= limit) return DriveTimeBand::within;
    if (place.reach.time - limit <= kAmberBand) return DriveTimeBand::amber;
    return DriveTimeBand::beyond;
}

double DriveTimeSummary::share_within(TravelTime time) const {
    if (places == 0) return 0.0;
    const auto n = std::upper_bound(sorted_times.begin(), sorted_times.end(), time) - sorted_times.begin();
    return static_cast<double>(n) / static_cast<double>(places);
}

namespace {

// The q-quantile by nearest rank (the smallest time at least a share q of all places reach).
std::optional<TravelTime> nearest_rank(const std::vector<TravelTime>& sorted, std::size_t places, double q) {
    if (places == 0) return std::nullopt;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(places)));
    const std::size_t index = std::max<std::size_t>(rank, 1) - 1;
    if (index >= sorted.size()) return std::nullopt;  // an unreachable place
    return sorted[index];
}

}  // namespace

DriveTimeSummary summarize_drive_times(std::span<const MapPoint> places, const CoverageResult& coverage) {
    DriveTimeSummary s;
    s.limit = coverage.options.limit;
    s.places = coverage.places.size();
    for (std::size_t i = 0; i < coverage.places.size(); ++i) {
        const PlaceCoverage& c = coverage.places[i];
        const DriveTimeBand band = band_of(c, s.limit);
        switch (band) {
            case DriveTimeBand::within: ++s.within; break;
            case DriveTimeBand::amber: ++s.amber; break;
            case DriveTimeBand::beyond: ++s.beyond; break;
            case DriveTimeBand::unreachable: ++s.unreachable; break;
        }
        if (c.reached()) s.sorted_times.push_back(c.reach.time);
        if (i < places.size() && places[i].population) {
            ++s.places_with_population;
            s.population += *places[i].population;
            if (band == DriveTimeBand::within) s.population_within += *places[i].population;
        }
    }
    std::sort(s.sorted_times.begin(), s.sorted_times.end());
    s.median = nearest_rank(s.sorted_times, s.places, 0.5);
    s.p90 = nearest_rank(s.sorted_times, s.places, 0.9);

    // Enough bins to show the limit and the amber band, and every place up to the overflow.
    const auto minutes_of = [](TravelTime t) { return static_cast<std::size_t>(t / 60000); };
    std::size_t bins = minutes_of(s.limit + kAmberBand - 1) + 1;
    const auto overflow_from = std::lower_bound(s.sorted_times.begin(), s.sorted_times.end(),
                                                static_cast<TravelTime>(DriveTimeSummary::kHistogramMinutes * 60000));
    if (overflow_from != s.sorted_times.begin()) bins = std::max(bins, minutes_of(*(overflow_from - 1)) + 1);
    bins = std::min(bins, DriveTimeSummary::kHistogramMinutes);
    s.histogram.assign(bins, 0);
    for (const TravelTime t : s.sorted_times) {
        const std::size_t m = minutes_of(t);
        if (m < DriveTimeSummary::kHistogramMinutes)
            ++s.histogram[m];
        else
            ++s.overflow;
    }
    return s;
}

}  // namespace ems120
