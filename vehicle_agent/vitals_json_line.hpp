#pragma once
// One line of the vitals JSON-lines input, the format a bridge to a real monitor writes
// (docs/vitals-input.md):
//   {"time": 1714552200000, "incident": "INC-1", "hr": 88, "spo2": 97, "sys": 124, "dia": 79}
// "time" is milliseconds since the Unix epoch or an RFC 3339 / ISO 8601 string with a zone;
// the vital-sign keys are those of protocol::kVitalSigns, each a JSON number.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/messages.hpp"

namespace ems120::agent {

// Longer lines are refused unread: no monitor sends that much, and the reader's memory stays
// bounded whatever arrives on its input.
inline constexpr std::size_t kMaxVitalsLineBytes = 4096;

struct VitalsLine {
    std::optional<protocol::Vitals> vitals;  // nullopt when the line is malformed
    std::string problem;                     // why it is malformed, for the log; empty otherwise
    // Keys that are neither a vital sign nor "time" or "incident": skipped so a bridge may send
    // more than the agent knows (device names, NIBP mean), reported so a misspelt key ("SpO2")
    // does not vanish unnoticed.
    std::vector<std::string> ignored_keys;
};

// Parses one line (without its line ending). A line without "time" is stamped with `now_unix_ms`,
// one without "incident" gets `default_incident_id`. A value outside the plausible bounds is kept
// and marked implausible. Malformed: not JSON (NaN and Infinity are not JSON), not an object, a
// vital sign that is not a finite number, a bad time or incident, or no vital sign at all.
VitalsLine parse_vitals_line(std::string_view line, protocol::UnixMillis now_unix_ms,
                             const std::string& default_incident_id);

}  // namespace ems120::agent
