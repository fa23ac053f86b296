#include "dispatch/vitals_history.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "protocol/vital_signs.hpp"

namespace ems120::dispatch {

VitalsReading reading_of(const protocol::Vitals& vitals) {
    VitalsReading r;
    r.time = vitals.time;
    for (std::size_t i = 0; i < protocol::kVitalSignCount; ++i)
        if (vitals.values[i]) r.values[i] = vitals.values[i]->value;
    return r;
}

void VitalsHistory::add(const protocol::VehicleId& unit, const protocol::Vitals& vitals) {
    auto& readings = units_[unit];
    const VitalsReading reading = reading_of(vitals);
    const auto at = std::upper_bound(readings.begin(), readings.end(), reading.time,
                                     [](protocol::UnixMillis t, const VitalsReading& r) { return t < r.time; });
    readings.insert(at, reading);
    const protocol::UnixMillis oldest_kept = readings.back().time - keep_ms_;
    while (!readings.empty() && (readings.front().time < oldest_kept || readings.size() > max_per_unit_)) readings.pop_front();
}

std::vector<VitalsReading> VitalsHistory::since(const protocol::VehicleId& unit, protocol::UnixMillis since) const {
    const auto it = units_.find(unit);
    if (it == units_.end()) return {};
    const auto& readings = it->second;
    const auto first = std::lower_bound(readings.begin(), readings.end(), since,
                                        [](const VitalsReading& r, protocol::UnixMillis t) { return r.time < t; });
    return {first, readings.end()};
}

nlohmann::json vitals_reading_json(const VitalsReading& reading) {
    nlohmann::json j{{"time", reading.time}};
    for (const auto& sign : protocol::kVitalSigns)
        if (const auto& value = reading.values[static_cast<std::size_t>(sign.sign)]) j[std::string(sign.key)] = *value;
    return j;
}

}  // namespace ems120::dispatch
