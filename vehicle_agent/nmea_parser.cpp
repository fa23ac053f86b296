#include "vehicle_agent/nmea_parser.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>

namespace ems120::agent {
namespace {

constexpr auto kMalformed = NmeaRejection::malformed;

// No supported sentence reads past its 13th field; later ones are only counted.
constexpr std::size_t kKeptFields = 16;

struct Fields {
    std::array<std::string_view, kKeptFields> kept;
    std::size_t count = 0;

    std::string_view operator[](std::size_t i) const { return kept[i]; }
};

Fields split_fields(std::string_view text) {
    Fields fields;
    while (true) {
        const auto comma = text.find(',');
        if (fields.count < kKeptFields) fields.kept[fields.count] = text.substr(0, comma);
        ++fields.count;
        if (comma == std::string_view::npos) return fields;
        text.remove_prefix(comma + 1);
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;  // not standard, but some receivers send it
    return -1;
}

bool all_digits(std::string_view s) {
    for (const char c : s)
        if (!is_digit(c)) return false;
    return true;
}

int two_digits(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// The readers below leave `out` absent for an empty field and return false for text that is not
// a valid value of its kind, which makes the whole sentence malformed.

// An unsigned decimal as NMEA writes them: digits with an optional fraction, no sign or exponent.
bool read_decimal(std::string_view text, std::optional<double>& out) {
    out.reset();
    if (text.empty()) return true;
    std::size_t digits = 0, dots = 0;
    for (const char c : text) {
        if (is_digit(c))
            ++digits;
        else if (c == '.')
            ++dots;
        else
            return false;
    }
    if (digits == 0 || dots > 1) return false;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    if (ec != std::errc{} || end != text.data() + text.size()) return false;
    out = value;
    return true;
}

bool read_small_count(std::string_view text, unsigned limit, std::optional<std::uint8_t>& out) {
    out.reset();
    if (text.empty()) return true;
    if (text.size() > 3 || !all_digits(text)) return false;
    unsigned value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (value > limit) return false;
    out = static_cast<std::uint8_t>(value);
    return true;
}

// hhmmss or hhmmss.s...; fractions below a millisecond are dropped. Second 60 is a leap second.
bool read_time_of_day(std::string_view text, std::optional<std::int32_t>& out) {
    out.reset();
    if (text.empty()) return true;
    if (text.size() < 6 || !all_digits(text.substr(0, 6))) return false;
    const int hours = two_digits(text, 0), minutes = two_digits(text, 2), seconds = two_digits(text, 4);
    if (hours > 23 || minutes > 59 || seconds > 60) return false;
    int millis = 0;
    if (text.size() > 6) {
        const std::string_view fraction = text.substr(7);
        if (text[6] != '.' || fraction.empty() || !all_digits(fraction)) return false;
        for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
    out = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    return true;
}

// ddmm.mmmm / dddmm.mmmm with its hemisphere letter, to signed decimal degrees.
bool read_coordinate(std::string_view value, std::string_view hemisphere, bool is_latitude,
                     std::optional<double>& out) {
    out.reset();
    if (value.empty()) return true;  // a lone hemisphere letter without a value is tolerated
    std::optional<double> number;
    if (!read_decimal(value, number)) return false;
    const std::string_view whole = value.substr(0, value.find('.'));
    if (whole.size() > 5) return false;
    int whole_value = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), whole_value);
    const int degrees = whole_value / 100;
    const double minutes = *number - degrees * 100.0;
    if (minutes >= 60.0) return false;
    const double limit = is_latitude ? 90.0 : 180.0;
    const double magnitude = degrees + minutes / 60.0;
    if (magnitude > limit) return false;
    const char positive = is_latitude ? 'N' : 'E', negative = is_latitude ? 'S' : 'W';
    if (hemisphere.size() != 1 || (hemisphere[0] != positive && hemisphere[0] != negative)) return false;
    out = hemisphere[0] == negative ? -magnitude : magnitude;
    return true;
}

// Latitude and longitude come together or not at all; half a position is a damaged sentence.
bool read_position(const Fields& f, std::size_t first, std::optional<NmeaPosition>& out) {
    out.reset();
    std::optional<double> lat, lon;
    if (!read_coordinate(f[first], f[first + 1], true, lat) || !read_coordinate(f[first + 2], f[first + 3], false, lon))
        return false;
    if (lat.has_value() != lon.has_value()) return false;
    if (lat) out = NmeaPosition{*lat, *lon};
    return true;
}

bool read_course(std::string_view text, std::optional<double>& out) {
    return read_decimal(text, out) && (!out || *out <= 360.0);
}

// ddmmyy, checked against the calendar.
bool read_date(std::string_view text, std::optional<NmeaDate>& out) {
    out.reset();
    if (text.empty()) return true;
    if (text.size() != 6 || !all_digits(text)) return false;
    const int yy = two_digits(text, 4);
    const NmeaDate date{yy >= 80 ? 1900 + yy : 2000 + yy, two_digits(text, 2), two_digits(text, 0)};
    const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                          std::chrono::month{static_cast<unsigned>(date.month)},
                                          std::chrono::day{static_cast<unsigned>(date.day)}};
    if (!ymd.ok()) return false;
    out = date;
    return true;
}

bool read_letter(std::string_view text, std::string_view allowed, std::optional<char>& out) {
    out.reset();
    if (text.empty()) return true;
    if (text.size() != 1 || allowed.find(text[0]) == std::string_view::npos) return false;
    out = text[0];
    return true;
}

// A unit letter after a value ('T', 'N', 'K' ...) may be empty, but not a different letter.
bool unit_is(std::string_view text, char unit) { return text.empty() || (text.size() == 1 && text[0] == unit); }

constexpr std::string_view kModeLetters = "ABCDEFMNPRSU";

ParsedNmea parse_gga(const Fields& f) {
    if (f.count < 14) return kMalformed;
    GgaSentence gga;
    if (!read_time_of_day(f[0], gga.time_of_day_ms) || !read_position(f, 1, gga.position) ||
        !read_small_count(f[5], 9, gga.quality) || !read_small_count(f[6], 255, gga.satellites) ||
        !read_decimal(f[7], gga.hdop))
        return kMalformed;
    return gga;
}

ParsedNmea parse_rmc(const Fields& f) {
    if (f.count < 11) return kMalformed;
    RmcSentence rmc;
    if (!read_time_of_day(f[0], rmc.time_of_day_ms) || !read_letter(f[1], "AV", rmc.status) ||
        !read_position(f, 2, rmc.position) || !read_decimal(f[6], rmc.speed_knots) ||
        !read_course(f[7], rmc.course_deg) || !read_date(f[8], rmc.date))
        return kMalformed;
    if (f.count >= 12 && !read_letter(f[11], kModeLetters, rmc.mode)) return kMalformed;
    return rmc;
}

ParsedNmea parse_vtg(const Fields& f) {
    if (f.count < 8) return kMalformed;
    VtgSentence vtg;
    std::optional<double> magnetic;
    if (!read_course(f[0], vtg.course_true_deg) || !unit_is(f[1], 'T') || !read_course(f[2], magnetic) ||
        !unit_is(f[3], 'M') || !read_decimal(f[4], vtg.speed_knots) || !unit_is(f[5], 'N') ||
        !read_decimal(f[6], vtg.speed_kmh) || !unit_is(f[7], 'K'))
        return kMalformed;
    if (f.count >= 9 && !read_letter(f[8], kModeLetters, vtg.mode)) return kMalformed;
    return vtg;
}

}  // namespace

ParsedNmea parse_nmea_sentence(std::string_view s) {
    if (s.ends_with("\r\n"))
        s.remove_suffix(2);
    else if (s.ends_with('\n') || s.ends_with('\r'))
        s.remove_suffix(1);

    if (s.empty() || s[0] != '$') return kMalformed;
    const auto star = s.find('*');
    if (star == std::string_view::npos || s.size() != star + 3) return kMalformed;
    const int high = hex_value(s[star + 1]), low = hex_value(s[star + 2]);
    if (high < 0 || low < 0) return kMalformed;

    const std::string_view payload = s.substr(1, star - 1);
    unsigned checksum = 0;
    for (const char c : payload) {
        if (c < 0x20 || c > 0x7e || c == '$') return kMalformed;
        checksum ^= static_cast<unsigned char>(c);
    }
    if (checksum != static_cast<unsigned>(high * 16 + low)) return NmeaRejection::bad_checksum;

    const auto comma = payload.find(',');
    const std::string_view address = payload.substr(0, comma);
    if (address.starts_with('P') && address.size() > 1) return NmeaRejection::unsupported;  // proprietary
    if (address.size() != 5) return kMalformed;
    for (const char c : address)
        if (!is_upper(c) && !is_digit(c)) return kMalformed;
    if (comma == std::string_view::npos) return kMalformed;

    const std::string_view type = address.substr(2);
    const Fields fields = split_fields(payload.substr(comma + 1));
    if (type == "GGA") return parse_gga(fields);
    if (type == "RMC") return parse_rmc(fields);
    if (type == "VTG") return parse_vtg(fields);
    return NmeaRejection::unsupported;
}

}  // namespace ems120::agent
