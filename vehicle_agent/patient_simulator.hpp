#pragma once
// A simulated transport monitor on a simulated adult patient, for demonstrations, training and
// tests of the uplink when no real monitor is connected (`--vitals simulate:...`).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/patient_model.hpp"

namespace ems120::agent {

struct PatientSimulatorConfig {
    // 0 = stable; 1.0 = shock (HR ~140, NIBP ~80/55, SpO2 ~88, RR ~30) after 15 minutes.
    double deterioration = 0;
    std::int64_t interval_ms = 2000;             // one Vitals message this often
    std::int64_t nibp_interval_ms = 5 * 60'000;  // the cuff's cycle; other messages carry no NIBP
    bool capnography = false;                    // EtCO2 only with a capnograph on the airway
    std::uint64_t seed = 1;                      // same seed, same patient
    std::string incident_id;                     // stamped on every message
};

// Timer-driven: the first poll sends the first reading (with a blood pressure), then one every
// interval. Readings are stamped with the caller's wall-clock time and rounded as a monitor shows
// them (whole numbers; temperature to 0.1). It never finishes.
class PatientSimulator final : public InputSource<protocol::Vitals> {
public:
    // Throws std::invalid_argument for a non-positive interval or a negative or non-finite
    // deterioration (user input is checked before, see vitals_source.hpp).
    explicit PatientSimulator(PatientSimulatorConfig config);

    int wait_fd() const override { return -1; }
    std::optional<std::int64_t> next_due() const override;
    void poll(Now now, std::vector<protocol::Vitals>& out) override;
    bool finished() const override { return false; }
    SourceStats stats() const override { return stats_; }
    std::string describe() const override;

private:
    protocol::Vitals reading(Now now, bool with_nibp) const;

    PatientSimulatorConfig config_;
    PatientModel patient_;
    bool started_ = false;
    std::int64_t last_advance_ms_ = 0;  // steady time the patient model has reached
    std::int64_t next_reading_ms_ = 0;
    std::int64_t next_nibp_ms_ = 0;
    SourceStats stats_;
};

}  // namespace ems120::agent
