#pragma once
// One NMEA 0183 sentence in, its values out: GGA, RMC and VTG from any talker (GP GPS, GL GLONASS,
// GA Galileo, GB / BD BeiDou, GN multi-constellation ...). Everything else a receiver says (GSV,
// GSA, TXT, proprietary $P... sentences) is recognised as unsupported, which is not an error.
//
// NMEA leaves a field empty when the receiver does not know the value (no fix yet, standing
// still); those fields come out as std::nullopt, never as zero.
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace ems120::agent {

// The UTC date an RMC sentence carries (ddmmyy; two-digit years 80..99 are 19xx, the rest 20xx).
struct NmeaDate {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31, checked against the month
    auto operator<=>(const NmeaDate&) const = default;
};

// Latitude and longitude in signed decimal degrees (south and west negative).
struct NmeaPosition {
    double lat = 0;
    double lon = 0;
};

// GGA: the fix itself (quality, satellites, HDOP) at a UTC time of day; no date.
struct GgaSentence {
    std::optional<std::int32_t> time_of_day_ms;  // milliseconds since UTC midnight
    std::optional<NmeaPosition> position;
    std::optional<std::uint8_t> quality;  // 0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 estimated
    std::optional<std::uint8_t> satellites;
    std::optional<double> hdop;
};

// RMC: the recommended minimum; the only one of the three with a date.
struct RmcSentence {
    std::optional<std::int32_t> time_of_day_ms;
    std::optional<char> status;  // 'A' valid, 'V' void
    std::optional<NmeaPosition> position;
    std::optional<double> speed_knots;
    std::optional<double> course_deg;  // true course over ground
    std::optional<NmeaDate> date;
    std::optional<char> mode;  // NMEA 2.3+: 'A' autonomous, 'D' differential, 'E' estimated, 'N' not valid ...
};

// VTG: course and speed over ground, with no time; belongs to the epoch it is sent in.
struct VtgSentence {
    std::optional<double> course_true_deg;
    std::optional<double> speed_knots;
    std::optional<double> speed_kmh;
    std::optional<char> mode;
};

enum class NmeaRejection : std::uint8_t {
    bad_checksum,  // framing is right but the *hh checksum does not match: a damaged line
    malformed,     // no '$', no checksum, truncated, too few fields, a value that is not a number or out of range
    unsupported,   // a well-formed sentence of a type not used here (GSV, GSA, $PUBX ...)
};

using ParsedNmea = std::variant<GgaSentence, RmcSentence, VtgSentence, NmeaRejection>;

// Parses one sentence such as "$GNRMC,...*6A", with or without the trailing CR/LF. The checksum
// is required. Fields that later NMEA versions append are ignored, as the standard asks of
// listeners; fewer fields than the oldest supported version (GGA 14, RMC 11, VTG 8) is malformed.
ParsedNmea parse_nmea_sentence(std::string_view sentence);

}  // namespace ems120::agent
