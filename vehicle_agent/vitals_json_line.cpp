#include "vehicle_agent/vitals_json_line.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/vital_signs.hpp"
#include "protocol/iso8601_time.hpp"
#include "vehicle_agent/vitals_measurement.hpp"

namespace ems120::agent {
namespace {

using nlohmann::json;

// Times outside this window are refused: one before 2000 is almost surely seconds sent where
// milliseconds belong, and a bad clock should not stamp a patient's record decades away.
constexpr protocol::UnixMillis kEarliestTime = 946'684'800'000;   // 2000-01-01T00:00:00Z
constexpr protocol::UnixMillis kLatestTime = 4'102'444'800'000;   // 2100-01-01T00:00:00Z

VitalsLine malformed(std::string problem) {
    VitalsLine line;
    line.problem = std::move(problem);
    return line;
}

// Refuses times outside [kEarliestTime, kLatestTime); `shown` is the time as the line wrote it.
std::optional<protocol::UnixMillis> in_window(protocol::UnixMillis time, const std::string& shown, std::string& problem) {
    if (time < kEarliestTime) {
        problem = "\"time\" " + shown + " is before 2000 (seconds instead of milliseconds?)";
        return std::nullopt;
    }
    if (time >= kLatestTime) {
        problem = "\"time\" " + shown + " is after 2100";
        return std::nullopt;
    }
    return time;
}

// The reading's time, or nullopt and a problem.
std::optional<protocol::UnixMillis> read_time(const json& value, std::string& problem) {
    if (value.is_number()) {
        // Every time inside the window is below 2^53, so a double holds it exactly.
        const double t = value.get<double>();
        if (!std::isfinite(t) || t != std::floor(t)) {
            problem = "\"time\" " + value.dump() + " is not whole milliseconds";
            return std::nullopt;
        }
        // Clamped just outside the window first, so 1e300 cannot overflow the conversion.
        const double clamped = std::clamp(t, static_cast<double>(kEarliestTime - 1), static_cast<double>(kLatestTime));
        return in_window(static_cast<protocol::UnixMillis>(clamped), value.dump(), problem);
    }
    if (value.is_string()) {
        const auto time = protocol::parse_iso8601_utc(value.get_ref<const std::string&>());
        if (!time) {
            problem = "\"time\" " + value.dump() + " is not an ISO 8601 UTC time like 2024-05-01T08:30:00Z";
            return std::nullopt;
        }
        return in_window(*time, value.dump(), problem);
    }
    problem = "\"time\" is " + std::string(value.type_name()) + ", not milliseconds or an ISO 8601 string";
    return std::nullopt;
}

// "hr, spo2, sys, ..." for messages, straight from the table so it never goes stale.
std::string known_keys() {
    std::string keys;
    for (const auto& sign : protocol::kVitalSigns) {
        if (!keys.empty()) keys += ", ";
        keys += sign.key;
    }
    return keys;
}

}  // namespace

VitalsLine parse_vitals_line(std::string_view line, protocol::UnixMillis now_unix_ms,
                             const std::string& default_incident_id) {
    // Without exceptions: a bad line is ordinary input here, not an error.
    const json doc = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return malformed("not JSON");
    if (!doc.is_object()) return malformed("a JSON " + std::string(doc.type_name()) + ", not an object");

    VitalsLine result;
    protocol::Vitals vitals;
    vitals.time = now_unix_ms;
    vitals.incident_id = default_incident_id;
    bool any_sign = false;
    for (const auto& [key, value] : doc.items()) {
        if (key == "time") {
            std::string problem;
            const auto time = read_time(value, problem);
            if (!time) return malformed(problem);
            vitals.time = *time;
        } else if (key == "incident") {
            if (!value.is_string()) return malformed("\"incident\" is " + std::string(value.type_name()) + ", not a string");
            vitals.incident_id = value.get<std::string>();
        } else if (const auto sign = protocol::vital_sign_by_key(key)) {
            // Booleans and null are not numbers in nlohmann::json either. The parser already
            // refuses NaN, Infinity and overflowing literals (1e999); the check keeps a
            // non-finite value out of the protocol whatever the parser's version.
            if (!value.is_number()) return malformed("\"" + key + "\" is " + std::string(value.type_name()) + ", not a number");
            const double number = value.get<double>();
            if (!std::isfinite(number)) return malformed("\"" + key + "\" is not a finite number");
            vitals[*sign] = measured(*sign, number);
            any_sign = true;
        } else {
            result.ignored_keys.push_back(key);
        }
    }
    if (!any_sign) return malformed("no vital sign (expected some of " + known_keys() + ")");
    result.vitals = std::move(vitals);
    return result;
}

}  // namespace ems120::agent
