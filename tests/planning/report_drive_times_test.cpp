#include <catch2/catch.hpp>

#include "planning/report_charts_svg.hpp"
#include "planning/report_drive_times.hpp"

using namespace ems120;

namespace {

constexpr TravelTime kMinute = 60000;

PlaceCoverage reached_in(double minutes) {
    PlaceCoverage c;
    c.reach.time = static_cast<TravelTime>(minutes * kMinute);
    c.reach.source = 0;
    return c;
}

PlaceCoverage unreachable() {
    PlaceCoverage c;
    c.reason = "no station in its road network";
    return c;
}

MapPoint place(std::optional<std::int64_t> population = std::nullopt) {
    MapPoint p;
    p.kind = "village";
    p.population = population;
    return p;
}

}  // namespace

TEST_CASE("report: places fall into the within / amber / beyond / unreachable bands at their edges", "[report]") {
    const TravelTime limit = 15 * kMinute;
    CHECK(band_of(reached_in(15.0), limit) == DriveTimeBand::within);
    CHECK(band_of(reached_in(15.001), limit) == DriveTimeBand::amber);
    CHECK(band_of(reached_in(20.0), limit) == DriveTimeBand::amber);
    CHECK(band_of(reached_in(20.001), limit) == DriveTimeBand::beyond);
    CHECK(band_of(unreachable(), limit) == DriveTimeBand::unreachable);
}

TEST_CASE("report: drive-time figures count bands, population, percentiles and 1-minute bins", "[report]") {
    CoverageResult coverage;
    coverage.options.limit = 15 * kMinute;
    // Ten places: 2.5, 3.2, 7, 9.9, 12, 14.99, 16, 21, 75 minutes and one unreachable.
    for (double m : {2.5, 3.2, 7.0, 9.9, 12.0, 14.99, 16.0, 21.0, 75.0}) coverage.places.push_back(reached_in(m));
    coverage.places.push_back(unreachable());
    std::vector<MapPoint> places(10, place());
    places[0].population = 1000;  // within
    places[7].population = 300;   // beyond
    const DriveTimeSummary s = summarize_drive_times(places, coverage);

    CHECK(s.places == 10);
    CHECK(s.within == 6);
    CHECK(s.amber == 1);
    CHECK(s.beyond == 2);
    CHECK(s.unreachable == 1);
    CHECK(s.places_with_population == 2);
    CHECK(s.population == 1300);
    CHECK(s.population_within == 1000);
    // Nearest rank over all ten: the 5th is 12 min; the 9th is 75 min.
    REQUIRE(s.median);
    CHECK(*s.median == 12 * kMinute);
    REQUIRE(s.p90);
    CHECK(*s.p90 == 75 * kMinute);
    // Bins up to 21 min (the slowest below the overflow), at least limit + 5 = 20.
    REQUIRE(s.histogram.size() == 22);
    CHECK(s.histogram[2] == 1);
    CHECK(s.histogram[3] == 1);
    CHECK(s.histogram[7] == 1);
    CHECK(s.histogram[9] == 1);
    CHECK(s.histogram[12] == 1);
    CHECK(s.histogram[14] == 1);
    CHECK(s.histogram[16] == 1);
    CHECK(s.histogram[21] == 1);
    CHECK(s.histogram[15] == 0);
    CHECK(s.overflow == 1);  // 75 min
    // The cumulative share counts unreachable places in the whole.
    CHECK(s.share_within(15 * kMinute) == Approx(0.6));
    CHECK(s.share_within(2 * kMinute) == Approx(0.0));
    CHECK(s.share_within(kUnreachable - 1) == Approx(0.9));
}

TEST_CASE("report: the p90 is unknown when it falls on an unreachable place", "[report]") {
    CoverageResult coverage;
    for (int i = 0; i < 8; ++i) coverage.places.push_back(reached_in(5.0));
    coverage.places.push_back(unreachable());
    coverage.places.push_back(unreachable());
    const DriveTimeSummary s = summarize_drive_times(std::vector<MapPoint>(10, place()), coverage);
    REQUIRE(s.median);
    CHECK(*s.median == 5 * kMinute);
    CHECK_FALSE(s.p90);
}

TEST_CASE("report: with no places there are no percentiles and an empty histogram up to the amber band", "[report]") {
    CoverageResult coverage;
    coverage.options.limit = 10 * kMinute;
    const DriveTimeSummary s = summarize_drive_times({}, coverage);
    CHECK(s.places == 0);
    CHECK_FALSE(s.median);
    CHECK(s.histogram.size() == 15);
    CHECK(s.share_within(10 * kMinute) == 0.0);
}

TEST_CASE("report: chart axes end on round numbers above the data", "[report]") {
    CHECK(nice_axis(9).max == 10);
    CHECK(nice_axis(9).step == 2);
    CHECK(nice_axis(8).max == 8);
    CHECK(nice_axis(43).max == 50);
    CHECK(nice_axis(1).max == 1);
    CHECK(nice_axis(1).step == 1);  // no "0.2 places"
    CHECK(nice_axis(3).step == 1);
    CHECK(nice_axis(0.5, 5, false).step == Approx(0.1));
    CHECK(nice_axis(0).max == 1);
}

TEST_CASE("report: the histogram SVG has one bar per non-empty bin and marks the limit", "[report]") {
    CoverageResult coverage;
    coverage.options.limit = 15 * kMinute;
    for (double m : {2.5, 3.2, 3.7, 16.0, 21.0}) coverage.places.push_back(reached_in(m));
    const DriveTimeSummary s = summarize_drive_times(std::vector<MapPoint>(5, place()), coverage);
    const std::string svg = drive_time_histogram_svg(s);
    std::size_t bars = 0;
    for (std::size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) ++bars;
    CHECK(bars == 4);  // 2-3, 3-4 (two places), 16-17, 21-22
    CHECK(svg.find("<title>3\xE2\x80\x93" "4 min: 2</title>") != std::string::npos);
    CHECK(svg.find("class=\"limit\"") != std::string::npos);
    CHECK(svg.find("15 min limit") != std::string::npos);
}
