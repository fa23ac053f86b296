#pragma once
// Each unit's recent vital signs for the console's patient panel: the readings of the last
// `keep_ms` of device time (30 minutes by default), oldest first, fed by every accepted vitals
// message (live and on replay). Bounded per unit by time and by count, whatever a monitor sends.
#include <array>
#include <deque>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "protocol/messages.hpp"

namespace ems120::dispatch {

struct VitalsReading {
    protocol::UnixMillis time = 0;
    std::array<std::optional<double>, protocol::kVitalSignCount> values;
};

class VitalsHistory {
public:
    explicit VitalsHistory(protocol::UnixMillis keep_ms = 30 * 60'000, std::size_t max_per_unit = 3600)
        : keep_ms_(keep_ms), max_per_unit_(max_per_unit) {}

    // In device-time order (a late reading from a backlog goes where it belongs); readings older
    // than the unit's newest minus keep_ms are dropped.
    void add(const protocol::VehicleId& unit, const protocol::Vitals& vitals);
    // The unit's readings at or after `since`, oldest first.
    std::vector<VitalsReading> since(const protocol::VehicleId& unit, protocol::UnixMillis since) const;
    protocol::UnixMillis keep_ms() const { return keep_ms_; }

private:
    protocol::UnixMillis keep_ms_;
    std::size_t max_per_unit_;
    std::map<protocol::VehicleId, std::deque<VitalsReading>> units_;
};

// {"time", "hr"?, "spo2"?, "sys"?, "dia"?, "rr"?, "temp"?, "etco2"?}: the keys `ems120 fleet`
// uses (protocol/vital_signs.hpp), only those measured.
nlohmann::json vitals_reading_json(const VitalsReading& reading);
VitalsReading reading_of(const protocol::Vitals& vitals);

}  // namespace ems120::dispatch
