#include "vehicle_agent/patient_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ems120::agent {
namespace {

// How each value wanders around its target: `time_constant_s` is how fast it returns (the
// heart answers within a minute, the body temperature over a quarter of an hour), `spread` its
// standard deviation when the target stays put. Spreads are chosen so a stable patient stays in
// adult normal ranges for hours (HR 60-100, SpO2 >= 94, NIBP 100-140 / 60-90, RR 12-20,
// EtCO2 35-45).
struct Wander {
    double PatientState::*value;
    double time_constant_s;
    double spread;
};

constexpr std::array<Wander, 7> kWander{{
    {&PatientState::spo2, 60, 0.7},
    {&PatientState::systolic, 120, 3.5},
    {&PatientState::diastolic, 120, 2.0},
    {&PatientState::heart_rate, 45, 2.5},
    {&PatientState::respiratory_rate, 60, 0.8},
    {&PatientState::etco2, 60, 0.5},
    {&PatientState::temperature, 900, 0.08},
}};

// Primary drivers at full shock.
constexpr double kShockSpo2 = 88;
constexpr double kShockSystolic = 80;
constexpr double kShockTemperatureDrop = 0.4;  // cool periphery, a little core cooling

// Below these the heart and lungs start to compensate; a stable patient's noise stays above them,
// so it does not leak into the other values.
constexpr double kHypoxiaThreshold = 95;      // SpO2 %
constexpr double kHypotensionThreshold = 110;  // systolic mm[Hg]

}  // namespace

PatientModel::PatientModel(PatientModelConfig config) : config_(config), random_(config.seed) {
    if (!std::isfinite(config_.deterioration) || config_.deterioration < 0)
        throw std::invalid_argument("PatientModel: deterioration must be a finite number >= 0");
    // Start somewhere in the baseline's spread, so each seed is a slightly different patient from
    // the very first reading.
    state_ = kBaselinePatient;
    for (const auto& w : kWander) state_.*w.value += w.spread * standard_normal();
    state_.spo2 = std::min(state_.spo2, 100.0);
}

double PatientModel::shock_progress() const {
    const double minutes = static_cast<double>(elapsed_ticks_ * kTickMs) / 60'000.0;
    return std::min(1.0, config_.deterioration * minutes / kShockMinutesAtRateOne);
}

void PatientModel::advance(std::int64_t elapsed_ms) {
    if (elapsed_ms <= 0) return;  // a steady clock never goes back; a repeated time is no time
    carried_ms_ += elapsed_ms;
    while (carried_ms_ >= kTickMs) {
        carried_ms_ -= kTickMs;
        ++elapsed_ticks_;
        tick();
    }
}

PatientState PatientModel::targets() const {
    const double p = shock_progress();
    const PatientState& base = kBaselinePatient;
    const PatientState& now = state_;
    const double hypoxia = std::max(0.0, kHypoxiaThreshold - now.spo2);
    const double hypotension = std::max(0.0, kHypotensionThreshold - now.systolic);

    PatientState t;
    t.spo2 = base.spo2 + (kShockSpo2 - base.spo2) * p;
    t.systolic = base.systolic + (kShockSystolic - base.systolic) * p;
    // The pulse pressure narrows as the systolic falls (80/55 in shock rather than 80/35).
    t.diastolic = base.diastolic - 0.55 * (base.systolic - now.systolic);
    // Sympathetic drive rises with the shock itself, and more with hypoxia and hypotension.
    t.heart_rate = base.heart_rate + 25 * p + 2.0 * hypoxia + 0.5 * hypotension;
    t.respiratory_rate = base.respiratory_rate + 5 * p + 1.0 * hypoxia + 0.05 * hypotension;
    // Faster breathing washes CO2 out; poor perfusion brings less of it to the lungs.
    t.etco2 = base.etco2 - 0.5 * (now.respiratory_rate - base.respiratory_rate) - 0.15 * hypotension;
    t.temperature = base.temperature - kShockTemperatureDrop * p;
    return t;
}

void PatientModel::tick() {
    // The exact one-step form of the Ornstein-Uhlenbeck process, so the spread is what kWander
    // says whatever the tick.
    const PatientState target = targets();
    const double tick_s = static_cast<double>(kTickMs) / 1000.0;
    for (const auto& w : kWander) {
        const double keep = std::exp(-tick_s / w.time_constant_s);
        const double shake = w.spread * std::sqrt(1 - keep * keep);
        double& value = state_.*w.value;
        value = target.*w.value + (value - target.*w.value) * keep + shake * standard_normal();
    }
    state_.spo2 = std::min(state_.spo2, 100.0);
}

// Box-Muller on the generator's raw bits: std::normal_distribution differs between standard
// libraries, and a seed should name the same patient everywhere.
double PatientModel::standard_normal() {
    constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
    const double u1 = static_cast<double>((random_() >> 11) + 1) * kTwoToMinus53;  // (0, 1]
    const double u2 = static_cast<double>(random_() >> 11) * kTwoToMinus53;        // [0, 1)
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

}  // namespace ems120::agent
