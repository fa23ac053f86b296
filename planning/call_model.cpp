#include "planning/call_model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>

#include "maps/binary_file.hpp"
#include "maps/input_error.hpp"

namespace ems120::planning {

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

std::vector<double> cumulative(std::span<const double> weights) {
    std::vector<double> sums(weights.size());
    std::partial_sum(weights.begin(), weights.end(), sums.begin());
    return sums;
}

// Numbers separated by commas or blanks, '#' to the end of a line a comment. `where` prefixes errors.
std::vector<double> read_numbers(const std::string& text, const std::string& where) {
    std::vector<double> numbers;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
            continue;
        }
        if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != ',' && text[end] != '#' && !std::isspace(static_cast<unsigned char>(text[end])))
            ++end;
        const std::string word = text.substr(i, end - i);
        char* stop = nullptr;
        const double value = std::strtod(word.c_str(), &stop);
        if (stop != word.c_str() + word.size() || !std::isfinite(value) || value < 0)
            throw InputError(where + ": '" + word + "' is not a number >= 0");
        numbers.push_back(value);
        i = end;
    }
    return numbers;
}

double squared_distance_deg(LatLon a, LatLon b) {
    // Equirectangular: enough to tell which place is nearest within a county.
    const double dx = (a.lon - b.lon) * std::cos((a.lat + b.lat) * 0.5 * 3.14159265358979323846 / 180.0);
    const double dy = a.lat - b.lat;
    return dx * dx + dy * dy;
}

}  // namespace

DailyPattern DailyPattern::typical() {
    return {{0.70, 0.60, 0.52, 0.47, 0.45, 0.50, 0.65, 0.85, 1.05, 1.20, 1.30, 1.30,
             1.25, 1.20, 1.20, 1.20, 1.20, 1.20, 1.20, 1.15, 1.10, 1.00, 0.90, 0.80}};
}

DailyPattern DailyPattern::flat() {
    DailyPattern p;
    p.factors.fill(1.0);
    return p;
}

PriorityMix parse_priority_mix(const std::string& text) {
    const std::string where = "--priority-mix " + text;
    if (text.find_first_not_of("0123456789.,eE+-") != std::string::npos || text.empty())
        throw InputError(where + ": expected four numbers c,e,u,n (critical, emergency, urgent, non-urgent), e.g. 10,30,40,20");
    const auto numbers = read_numbers(text, where);
    if (numbers.size() != dispatch::kCallPriorityCount)
        throw InputError(where + ": expected four numbers c,e,u,n (critical, emergency, urgent, non-urgent), found " +
                         std::to_string(numbers.size()));
    const double total = std::accumulate(numbers.begin(), numbers.end(), 0.0);
    if (!(total > 0)) throw InputError(where + ": the shares are all zero");
    PriorityMix mix;
    for (std::size_t i = 0; i < numbers.size(); ++i) mix.shares[i] = numbers[i] / total;
    return mix;
}

DailyPattern read_daily_pattern(const std::string& text_or_path) {
    if (text_or_path == "default") return DailyPattern::typical();
    if (text_or_path == "flat") return DailyPattern::flat();
    const auto numbers = read_numbers(read_whole_file(text_or_path), text_or_path);
    if (numbers.size() != 24)
        throw InputError(text_or_path + ": a daily pattern is 24 numbers, one per hour from 00:00, found " +
                         std::to_string(numbers.size()));
    if (std::accumulate(numbers.begin(), numbers.end(), 0.0) <= 0)
        throw InputError(text_or_path + ": the daily pattern is all zero (no calls at all)");
    DailyPattern p;
    std::copy(numbers.begin(), numbers.end(), p.factors.begin());
    return p;
}

void draw_service_times(const ServiceTimes& times, SimulationRandom& random, SimulatedCall& call) {
    call.turnout_ms = times.turnout.draw_ms(random);
    call.on_scene_ms = times.on_scene.draw_ms(random);
    call.transport = random.uniform() < times.transport_share;
    call.handover_ms = times.handover.draw_ms(random);
}

std::vector<double> call_weights(std::span<const MapPoint> places) {
    std::int64_t smallest = 0;
    for (const MapPoint& p : places)
        if (p.population && *p.population > 0) smallest = smallest == 0 ? *p.population : std::min(smallest, *p.population);
    std::vector<double> weights;
    for (const MapPoint& p : places)
        weights.push_back(p.population && *p.population > 0 ? static_cast<double>(*p.population)
                                                             : static_cast<double>(std::max<std::int64_t>(smallest, 1)));
    return weights;
}

std::vector<SimulatedCall> generate_calls(std::span<const MapPoint> places, const CallModel& model, std::uint32_t days,
                                          SimulationRandom& random) {
    const std::vector<double> place_sums = cumulative(call_weights(places));
    const std::vector<double> mix_sums = cumulative(model.mix.shares);
    const double pattern_total = std::accumulate(model.pattern.factors.begin(), model.pattern.factors.end(), 0.0);

    std::vector<SimulatedCall> calls;
    for (std::uint32_t day = 0; day < days; ++day) {
        for (std::size_t hour = 0; hour < 24; ++hour) {
            const double per_hour = model.calls_per_day * model.pattern.factors[hour] / pattern_total;
            if (!(per_hour > 0)) continue;
            // Within an hour the rate is constant; the gap that crosses its end is dropped and the
            // next hour starts afresh, which is exact for a Poisson process (it has no memory).
            const double start = static_cast<double>((static_cast<std::int64_t>(day) * 24 + static_cast<std::int64_t>(hour)) * kHourMs);
            const double end = start + static_cast<double>(kHourMs);
            for (double t = start + random.exponential(kHourMs / per_hour); t < end; t += random.exponential(kHourMs / per_hour)) {
                SimulatedCall& call = calls.emplace_back();
                call.time_ms = static_cast<std::int64_t>(t);
                call.place = static_cast<std::uint32_t>(random.pick(place_sums));
                call.location = places[call.place].location;
                call.priority = static_cast<dispatch::CallPriority>(random.pick(mix_sums));
                draw_service_times(model.times, random, call);
            }
        }
    }
    return calls;
}

void assign_nearest_places(std::span<const MapPoint> places, std::span<SimulatedCall> calls) {
    for (SimulatedCall& call : calls) {
        double best = std::numeric_limits<double>::infinity();
        call.place = kNoPlace;
        for (std::uint32_t i = 0; i < places.size(); ++i) {
            const double d = squared_distance_deg(call.location, places[i].location);
            if (d < best) best = d, call.place = i;
        }
    }
}

}  // namespace ems120::planning
