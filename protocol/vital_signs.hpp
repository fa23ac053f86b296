#pragma once
// What each vital sign is: its wire key, LOINC code, UCUM unit and the physiological bounds
// outside which a reading is marked implausible (kept, flagged, never silently dropped).
#include <array>
#include <optional>
#include <string_view>

#include "protocol/messages.hpp"

namespace ems120::protocol {

struct VitalSignInfo {
    VitalSign sign;
    std::string_view key;      // MessagePack map key and JSON-lines key
    std::string_view name;     // for people
    std::string_view loinc;
    std::string_view ucum;
    double min_plausible, max_plausible;
};

inline constexpr std::array<VitalSignInfo, kVitalSignCount> kVitalSigns{{
    {VitalSign::heart_rate, "hr", "heart rate", "8867-4", "/min", 20, 300},
    {VitalSign::spo2, "spo2", "oxygen saturation (pulse oximetry)", "59408-5", "%", 40, 100},
    {VitalSign::nibp_systolic, "sys", "systolic blood pressure (non-invasive)", "8480-6", "mm[Hg]", 40, 300},
    {VitalSign::nibp_diastolic, "dia", "diastolic blood pressure (non-invasive)", "8462-4", "mm[Hg]", 15, 200},
    {VitalSign::respiratory_rate, "rr", "respiratory rate", "9279-1", "/min", 2, 80},
    {VitalSign::temperature, "temp", "body temperature", "8310-5", "Cel", 25, 45},
    {VitalSign::etco2, "etco2", "end-tidal CO2 (partial pressure)", "19891-1", "mm[Hg]", 0, 150},
}};

inline const VitalSignInfo& info(VitalSign sign) { return kVitalSigns[static_cast<std::size_t>(sign)]; }

inline bool plausible(VitalSign sign, double value) {
    const auto& i = info(sign);
    return value >= i.min_plausible && value <= i.max_plausible;
}

inline std::optional<VitalSign> vital_sign_by_key(std::string_view key) {
    for (const auto& i : kVitalSigns)
        if (i.key == key) return i.sign;
    return std::nullopt;
}

}  // namespace ems120::protocol
