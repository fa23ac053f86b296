#include "cli/demo_call_generator.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "planning/call_model.hpp"

namespace ems120::cli {

namespace {

struct PriorityMix {
    const char* priority;
    double share;
    std::vector<const char*> complaints;
};

// Roughly a European EMS day: few life threats, most calls urgent but not time-critical.
const std::array<PriorityMix, 4>& priority_mix() {
    static const std::array<PriorityMix, 4> mix{{
        {"critical", 0.10, {"cardiac arrest", "not breathing", "unconscious, breathing abnormally", "choking, turning blue"}},
        {"emergency", 0.30, {"chest pain", "stroke symptoms: face drooping, slurred speech", "severe bleeding",
                             "difficulty breathing", "road traffic collision, one injured", "fall from height"}},
        {"urgent", 0.40, {"fall, hip pain, cannot get up", "abdominal pain", "diabetic, confused", "high fever and confusion",
                          "allergic reaction, rash", "broken arm"}},
        {"non_urgent", 0.20, {"minor cut", "back pain", "feeling unwell for days", "dizziness, now better", "sprained ankle"}},
    }};
    return mix;
}

}  // namespace

CallGenerator::CallGenerator(std::vector<MapPoint> places, double calls_per_hour, std::uint64_t seed, std::int64_t start_ms)
    : places_(std::move(places)), random_(seed), gap_hours_(calls_per_hour), at_ms_(static_cast<double>(start_ms)) {
    if (places_.empty()) throw std::invalid_argument("the call generator needs at least one place");
    if (!(calls_per_hour > 0)) throw std::invalid_argument("calls per hour must be positive");
    const auto weights = planning::call_weights(places_);
    place_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
}

DemoCall CallGenerator::next() {
    at_ms_ += gap_hours_(random_) * 3'600'000.0;
    DemoCall call;
    call.at_ms = static_cast<std::int64_t>(at_ms_);
    call.number = ++number_;
    call.place = places_[place_(random_)];
    double draw = std::uniform_real_distribution<double>(0, 1)(random_);
    const PriorityMix* chosen = &priority_mix().back();
    for (const auto& m : priority_mix()) {
        if (draw < m.share) {
            chosen = &m;
            break;
        }
        draw -= m.share;
    }
    call.priority = chosen->priority;
    call.complaint = chosen->complaints[std::uniform_int_distribution<std::size_t>(0, chosen->complaints.size() - 1)(random_)];
    return call;
}

}  // namespace ems120::cli
