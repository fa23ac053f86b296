#include "protocol/iso8601_time.hpp"

#include <chrono>
#include <cstdint>

namespace ems120::protocol {
namespace {

// Reads exactly `digits` decimal digits from the front of `text`.
std::optional<int> take_digits(std::string_view& text, std::size_t digits) {
    if (text.size() < digits) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    text.remove_prefix(digits);
    return value;
}

bool take(std::string_view& text, char expected) {
    if (text.empty() || text.front() != expected) return false;
    text.remove_prefix(1);
    return true;
}

// Zone offset in minutes east of UTC, consuming the rest of `text`.
std::optional<int> take_zone(std::string_view& text) {
    if (text == "Z") {
        text.remove_prefix(1);
        return 0;
    }
    if (text.empty() || (text.front() != '+' && text.front() != '-')) return std::nullopt;
    const int sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
    const auto hours = take_digits(text, 2);
    if (!hours || !take(text, ':')) return std::nullopt;
    const auto minutes = take_digits(text, 2);
    if (!minutes || *hours > 23 || *minutes > 59) return std::nullopt;
    return sign * (*hours * 60 + *minutes);
}

}  // namespace

std::optional<protocol::UnixMillis> parse_iso8601_utc(std::string_view text) {
    const auto year = take_digits(text, 4);
    if (!year || !take(text, '-')) return std::nullopt;
    const auto month = take_digits(text, 2);
    if (!month || !take(text, '-')) return std::nullopt;
    const auto day = take_digits(text, 2);
    if (!day || !take(text, 'T')) return std::nullopt;
    const auto hour = take_digits(text, 2);
    if (!hour || !take(text, ':')) return std::nullopt;
    const auto minute = take_digits(text, 2);
    if (!minute || !take(text, ':')) return std::nullopt;
    const auto second = take_digits(text, 2);
    if (!second) return std::nullopt;

    int millis = 0;
    if (take(text, '.')) {
        std::size_t digits = 0;
        while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
            if (digits < 3) millis = millis * 10 + (text.front() - '0');
            ++digits;
            text.remove_prefix(1);
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t d = digits; d < 3; ++d) millis *= 10;
    }
    const auto zone_minutes = take_zone(text);
    if (!zone_minutes || !text.empty()) return std::nullopt;

    using namespace std::chrono;
    const year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                              std::chrono::day{static_cast<unsigned>(*day)}};
    // A leap second (:60) is accepted as RFC 3339 allows and lands on the next minute's :00.
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;

    const std::int64_t days = sys_days{date}.time_since_epoch().count();
    const std::int64_t seconds = ((days * 24 + *hour) * 60 + *minute - *zone_minutes) * 60 + *second;
    return seconds * 1000 + millis;
}

}  // namespace ems120::protocol
