#include "planning/call_history.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "maps/ascii_text.hpp"
#include "maps/binary_file.hpp"
#include "maps/csv_records.hpp"
#include "maps/input_error.hpp"
#include "protocol/iso8601_time.hpp"

namespace ems120::planning {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

struct Instant {
    std::int64_t unix_ms = 0;
    std::int64_t utc_offset_ms = 0;  // of the zone the time was written in
};

// Unix seconds (a fraction allowed) or an RFC 3339 time.
std::optional<Instant> parse_time(std::string_view text) {
    if (!text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos) {
        double seconds = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc{} || end != text.data() + text.size() || !(seconds < 1e12)) return std::nullopt;
        return Instant{static_cast<std::int64_t>(std::llround(seconds * 1000.0)), 0};
    }
    const auto unix_ms = protocol::parse_iso8601_utc(text);
    if (!unix_ms) return std::nullopt;
    Instant at{*unix_ms, 0};
    // A valid RFC 3339 time ends in "Z" or "+HH:MM" / "-HH:MM".
    if (text.back() != 'Z' && text.back() != 'z') {
        const std::string_view zone = text.substr(text.size() - 6);
        const std::int64_t minutes = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 60 + (zone[4] - '0') * 10 + (zone[5] - '0');
        at.utc_offset_ms = (zone[0] == '-' ? -minutes : minutes) * 60'000;
    }
    return at;
}

std::optional<dispatch::CallPriority> parse_priority(const std::string& word) {
    for (std::size_t i = 0; i < dispatch::kCallPriorityCount; ++i) {
        const auto p = static_cast<dispatch::CallPriority>(i);
        if (word == dispatch::name_of(p) || word == std::to_string(i + 1)) return p;
    }
    if (word == "non-urgent") return dispatch::CallPriority::non_urgent;
    return std::nullopt;
}

}  // namespace

CallHistory read_call_history(const std::string& path) {
    const auto records = parse_csv_records(read_whole_file(path), path);
    if (records.empty()) throw InputError(path + ": empty file (a header row time,lat,lon,priority is required)");
    const CsvRecord& header = records.front();
    static constexpr CsvColumn kColumns[] = {{"time"}, {"lat"}, {"lon"}, {"priority"}};
    const auto columns = find_csv_columns(header, kColumns, path, "a header time,lat,lon,priority is required");
    const std::size_t time_col = *columns[0], lat_col = *columns[1], lon_col = *columns[2], priority_col = *columns[3];

    struct Row {
        Instant at;
        SimulatedCall call;
        int line = 0;
    };
    std::vector<Row> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        const std::string where = csv_row_where(record, header, path);
        auto field = [&](std::size_t column) { return std::string(trim_blanks(record.fields[column])); };
        Row row;
        row.line = record.line;
        const std::string time = field(time_col);
        const auto at = parse_time(time);
        if (!at)
            throw InputError(where + "time '" + time +
                             "' is neither an RFC 3339 time with a zone (2024-05-01T08:30:00+08:00) nor Unix seconds");
        row.at = *at;
        row.call.location.lat = parse_csv_coordinate(field(lat_col), 90.0, "latitude", where);
        row.call.location.lon = parse_csv_coordinate(field(lon_col), 180.0, "longitude", where);
        const std::string priority = ascii_lower(field(priority_col));
        const auto p = parse_priority(priority);
        if (!p)
            throw InputError(where + "priority '" + field(priority_col) +
                             "' is not critical, emergency, urgent, non_urgent or 1..4");
        row.call.priority = *p;
        rows.push_back(row);
    }
    if (rows.empty()) throw InputError(path + ": no calls, only a header row");

    const std::int64_t offset = rows.front().at.utc_offset_ms;
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at.unix_ms < b.at.unix_ms; });
    const std::int64_t first_local = rows.front().at.unix_ms + offset;
    const std::int64_t midnight_local = first_local - ((first_local % kDayMs) + kDayMs) % kDayMs;

    CallHistory history;
    history.start_unix_ms = midnight_local - offset;
    for (Row& row : rows) {
        row.call.time_ms = row.at.unix_ms - history.start_unix_ms;
        history.calls.push_back(row.call);
        history.lines.push_back(row.line);
    }
    history.days = static_cast<std::uint32_t>(history.calls.back().time_ms / kDayMs + 1);
    return history;
}

void check_calls_on_map(const CallHistory& history, const std::string& path, const SegmentIndex& roads, double max_snap_m) {
    for (std::size_t i = 0; i < history.calls.size(); ++i) {
        const LatLon at = history.calls[i].location;
        const Snap snap = roads.nearest(at);
        if (snap.found() && snap.distance_m <= max_snap_m) continue;
        char where[64];
        std::snprintf(where, sizeof where, "%.6f,%.6f", at.lat, at.lon);
        throw InputError(path + ":" + std::to_string(history.lines[i]) + ": the call at " + where + " is " +
                         (snap.found() ? std::to_string(static_cast<long long>(snap.distance_m)) + " m" : "far") +
                         " from the nearest road (more than " + std::to_string(static_cast<long long>(max_snap_m)) +
                         " m: outside the map, or latitude and longitude swapped?)");
    }
}

}  // namespace ems120::planning
