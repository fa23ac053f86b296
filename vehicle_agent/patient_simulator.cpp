#include "vehicle_agent/patient_simulator.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "vehicle_agent/vitals_measurement.hpp"

namespace ems120::agent {
namespace {

using protocol::VitalSign;

// What a monitor's screen shows: whole numbers, the temperature to a tenth of a degree.
double as_displayed(VitalSign sign, double value) {
    if (sign == VitalSign::temperature) return std::round(value * 10) / 10;
    return std::round(value);
}

// Keeps a schedule on its grid when the loop wakes a little late, but starts afresh after a
// stall longer than a period: a monitor shows what it measures now, it does not make up the
// readings it missed.
std::int64_t next_on_schedule(std::int64_t due, std::int64_t period, std::int64_t now) {
    due += period;
    return due > now ? due : now + period;
}

}  // namespace

PatientSimulator::PatientSimulator(PatientSimulatorConfig config)
    : config_(std::move(config)), patient_(PatientModelConfig{config_.deterioration, config_.seed}) {
    if (config_.interval_ms <= 0) throw std::invalid_argument("PatientSimulator: interval_ms must be > 0");
    if (config_.nibp_interval_ms <= 0) throw std::invalid_argument("PatientSimulator: nibp_interval_ms must be > 0");
}

std::optional<std::int64_t> PatientSimulator::next_due() const {
    // Before the first poll the source knows no time yet; 0 lies in the past of any steady clock,
    // so the loop polls at once and the first reading goes out immediately.
    if (!started_) return 0;
    return next_reading_ms_;
}

void PatientSimulator::poll(Now now, std::vector<protocol::Vitals>& out) {
    if (!started_) {
        started_ = true;
        last_advance_ms_ = next_reading_ms_ = next_nibp_ms_ = now.steady_ms;
    }
    if (now.steady_ms < next_reading_ms_) return;  // woken early (another source was readable)

    patient_.advance(now.steady_ms - last_advance_ms_);
    last_advance_ms_ = now.steady_ms;

    const bool with_nibp = now.steady_ms >= next_nibp_ms_;
    if (with_nibp) next_nibp_ms_ = next_on_schedule(next_nibp_ms_, config_.nibp_interval_ms, now.steady_ms);
    next_reading_ms_ = next_on_schedule(next_reading_ms_, config_.interval_ms, now.steady_ms);

    out.push_back(reading(now, with_nibp));
    ++stats_.readings;
}

protocol::Vitals PatientSimulator::reading(Now now, bool with_nibp) const {
    const PatientState& p = patient_.state();
    protocol::Vitals v;
    v.time = now.unix_ms;
    v.incident_id = config_.incident_id;
    auto show = [&v](VitalSign sign, double value) { v[sign] = measured(sign, as_displayed(sign, value)); };
    show(VitalSign::heart_rate, p.heart_rate);
    show(VitalSign::spo2, p.spo2);
    show(VitalSign::respiratory_rate, p.respiratory_rate);
    show(VitalSign::temperature, p.temperature);
    if (with_nibp) {
        show(VitalSign::nibp_systolic, p.systolic);
        show(VitalSign::nibp_diastolic, p.diastolic);
    }
    if (config_.capnography) show(VitalSign::etco2, p.etco2);
    return v;
}

std::string PatientSimulator::describe() const {
    std::ostringstream s;
    s << "simulated patient (deterioration " << config_.deterioration << ", a reading every " << config_.interval_ms
      << " ms, NIBP every " << config_.nibp_interval_ms / 1000.0 << " s, capnography "
      << (config_.capnography ? "on" : "off") << ", seed " << config_.seed;
    if (!config_.incident_id.empty()) s << ", incident " << config_.incident_id;
    s << ")";
    return s.str();
}

}  // namespace ems120::agent
