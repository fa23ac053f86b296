#pragma once
// The physiology behind the simulated patient: continuous values that wander around an adult's
// baseline and, when deteriorating, drift towards hypovolaemic shock. patient_simulator.hpp turns
// them into monitor readings.
#include <cstdint>
#include <random>

namespace ems120::agent {

// Continuous values, before a monitor rounds them.
struct PatientState {
    double heart_rate = 0;        // /min
    double spo2 = 0;              // %
    double systolic = 0;          // mm[Hg]
    double diastolic = 0;         // mm[Hg]
    double respiratory_rate = 0;  // /min
    double temperature = 0;       // Cel
    double etco2 = 0;             // mm[Hg]
};

// A stable adult on a stretcher: what the model returns to when nothing goes wrong.
inline constexpr PatientState kBaselinePatient{85, 97, 125, 80, 16, 36.8, 38};

// At full deterioration the primary drivers reach SpO2 ~88 % and systolic ~80 mm[Hg]; the heart
// and breathing answer through coupling (HR ~140, RR ~30, EtCO2 ~25, diastolic ~55).
inline constexpr double kShockMinutesAtRateOne = 15;

struct PatientModelConfig {
    // How fast the patient heads for shock: 0 stays stable, 1.0 gets there in 15 minutes, 0.5 in
    // 30; the patient then stays in shock (the model knows no treatment and no death).
    double deterioration = 0;
    std::uint64_t seed = 1;
};

// Each value is a mean-reverting random walk (an Ornstein-Uhlenbeck process) around a target;
// the targets of heart rate, respiration, diastolic pressure and EtCO2 follow the current
// saturation and systolic pressure, so a falling SpO2 raises the heart and breathing rates
// whatever caused it. Time advances in fixed one-second ticks, so the same seed gives the same
// patient however often the agent's loop happens to ask.
class PatientModel {
public:
    static constexpr std::int64_t kTickMs = 1000;

    explicit PatientModel(PatientModelConfig config);

    // Moves the patient on by `elapsed_ms` (whole ticks; the remainder is carried to next time).
    void advance(std::int64_t elapsed_ms);

    const PatientState& state() const { return state_; }
    // 0 at the start, rising with deterioration to 1 (shock).
    double shock_progress() const;

private:
    void tick();
    PatientState targets() const;
    double standard_normal();

    PatientModelConfig config_;
    std::mt19937_64 random_;  // specified bit for bit by the standard, unlike its distributions
    PatientState state_;
    std::int64_t elapsed_ticks_ = 0;
    std::int64_t carried_ms_ = 0;
};

}  // namespace ems120::agent
