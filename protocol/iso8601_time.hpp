#pragma once
// Timestamps written by people and other programs: the vitals JSON-lines input, planners' call
// histories (planning/simulation).
#include <optional>
#include <string_view>

#include "protocol/messages.hpp"

namespace ems120::protocol {

// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" (RFC 3339, the profile of ISO 8601 the web
// uses) to milliseconds since the Unix epoch; digits past milliseconds are cut off. A time
// without a zone is refused rather than guessed, since a monitor's local time is not known here.
// nullopt when the text is not such a time or names no real date (2023-02-29, 25:00).
std::optional<protocol::UnixMillis> parse_iso8601_utc(std::string_view text);

}  // namespace ems120::protocol
