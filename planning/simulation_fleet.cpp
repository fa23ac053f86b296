#include "planning/simulation_fleet.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "maps/ascii_text.hpp"
#include "maps/binary_file.hpp"
#include "maps/csv_records.hpp"
#include "maps/input_error.hpp"
#include "maps/point_list_reader.hpp"

namespace ems120::planning {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::optional<std::uint32_t> clock_minutes(std::string_view text, bool allow_24) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (const std::size_t i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const std::uint32_t h = static_cast<std::uint32_t>((text[0] - '0') * 10 + (text[1] - '0'));
    const std::uint32_t m = static_cast<std::uint32_t>((text[3] - '0') * 10 + (text[4] - '0'));
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) return std::nullopt;
    return h * 60 + m;
}

std::string json_text(const nlohmann::json& line, const char* key, const std::string& where, bool required) {
    const auto it = line.find(key);
    if (it == line.end() || it->is_null()) {
        if (required) throw InputError(where + "\"" + key + "\" is missing");
        return {};
    }
    if (!it->is_string()) throw InputError(where + "\"" + key + "\" must be a string");
    return it->get<std::string>();
}

double json_coordinate(const nlohmann::json& line, const char* key, double limit, const char* what, const std::string& where) {
    const auto it = line.find(key);
    if (it == line.end() || !it->is_number()) throw InputError(where + "\"" + key + "\" must be a number");
    const double value = it->get<double>();
    if (const auto error = coordinate_error(value, limit, what, it->dump()); !error.empty()) throw InputError(where + error);
    return value;
}

std::vector<FleetUnit> read_csv_fleet(const std::string& path, const std::string& file_name) {
    const auto records = parse_csv_records(read_whole_file(path), path);
    if (records.empty()) throw InputError(path + ": empty file (a header row id,station,lat,lon[,shift] is required)");
    const CsvRecord& header = records.front();
    static constexpr CsvColumn kColumns[] = {{"id"}, {"station"}, {"lat"}, {"lon"}, {"shift", false}};
    const auto columns = find_csv_columns(header, kColumns, path, "a header id,station,lat,lon[,shift] is required");
    const std::size_t id = *columns[0], station = *columns[1], lat = *columns[2], lon = *columns[3];
    const std::optional<std::size_t> shift = columns[4];
    std::vector<FleetUnit> units;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        const std::string where = csv_row_where(record, header, path);
        auto field = [&](std::size_t column) { return std::string(trim_blanks(record.fields[column])); };
        FleetUnit u;
        u.id = field(id);
        if (u.id.empty()) throw InputError(where + "the unit has no id");
        u.station = field(station);
        u.home.lat = parse_csv_coordinate(field(lat), 90.0, "latitude", where);
        u.home.lon = parse_csv_coordinate(field(lon), 180.0, "longitude", where);
        if (shift) u.shift = parse_shift(field(*shift), where);
        u.source = file_name + ":" + std::to_string(record.line);
        units.push_back(std::move(u));
    }
    return units;
}

std::vector<FleetUnit> read_json_lines_fleet(const std::string& path, const std::string& file_name) {
    const std::string text = read_whole_file(path);
    std::vector<FleetUnit> units;
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line = trim_blanks(std::string_view(text).substr(start, end - start));
        start = end + 1;
        ++line_number;
        if (line.empty()) continue;
        const std::string where = path + ":" + std::to_string(line_number) + ": ";
        const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        if (object.is_discarded() || !object.is_object()) throw InputError(where + "not a JSON object");
        FleetUnit u;
        u.id = json_text(object, "id", where, true);
        if (u.id.empty()) throw InputError(where + "the unit has no id");
        u.station = json_text(object, "station", where, false);
        u.home.lat = json_coordinate(object, "lat", 90.0, "latitude", where);
        u.home.lon = json_coordinate(object, "lon", 180.0, "longitude", where);
        u.shift = parse_shift(json_text(object, "shift", where, false), where);
        u.source = file_name + ":" + std::to_string(line_number);
        units.push_back(std::move(u));
    }
    return units;
}

}  // namespace

bool Shift::on_duty_at(std::int64_t time_ms) const {
    if (all_day()) return true;
    const auto minute = static_cast<std::uint32_t>(((time_ms % kDayMs) + kDayMs) % kDayMs / 60'000);
    return start_min < end_min ? minute >= start_min && minute < end_min : minute >= start_min || minute < end_min;
}

std::uint32_t Shift::minutes_per_day() const {
    if (all_day()) return 24 * 60;
    return start_min < end_min ? end_min - start_min : 24 * 60 - start_min + end_min;
}

std::int64_t Shift::duty_within(std::int64_t from_ms, std::int64_t to_ms) const {
    if (to_ms <= from_ms) return 0;
    if (all_day()) return to_ms - from_ms;
    const std::int64_t length = std::int64_t{minutes_per_day()} * 60'000;
    std::int64_t total = 0;
    // A shift that crosses midnight started the day before: look one day back.
    for (std::int64_t day = from_ms / kDayMs - 1; day <= to_ms / kDayMs; ++day) {
        const std::int64_t start = day * kDayMs + std::int64_t{start_min} * 60'000;
        total += std::max<std::int64_t>(0, std::min(to_ms, start + length) - std::max(from_ms, start));
    }
    return total;
}

Shift parse_shift(const std::string& text, const std::string& where) {
    if (text.empty() || text == "24h") return {};
    const auto dash = text.find('-');
    const auto start = dash == std::string::npos ? std::nullopt : clock_minutes(std::string_view(text).substr(0, dash), false);
    const auto end = dash == std::string::npos ? std::nullopt : clock_minutes(std::string_view(text).substr(dash + 1), true);
    if (!start || !end) throw InputError(where + "shift '" + text + "' is not HH:MM-HH:MM (e.g. 08:00-20:00) or 24h");
    if (*start == *end % (24 * 60) && !(*start == 0 && *end == 24 * 60))
        throw InputError(where + "shift '" + text + "' starts when it ends (write 24h for all day)");
    return {*start, *end % (24 * 60)};
}

std::vector<FleetUnit> read_fleet_file(const std::string& path) {
    const std::filesystem::path p(path);
    const std::string extension = ascii_lower(p.extension().string());
    std::vector<FleetUnit> units;
    if (extension == ".csv")
        units = read_csv_fleet(path, p.filename().string());
    else if (extension == ".jsonl" || extension == ".ndjson" || extension == ".json")
        units = read_json_lines_fleet(path, p.filename().string());
    else
        throw InputError(path + ": unknown fleet file type '" + extension + "' (expected .csv or .jsonl JSON lines)");
    if (units.empty()) throw InputError(path + ": the fleet is empty (no units)");
    std::set<std::string> ids;
    for (const FleetUnit& u : units)
        if (!ids.insert(u.id).second) throw InputError(path + u.source.substr(p.filename().string().size()) + ": unit id '" + u.id + "' appears twice");
    return units;
}

std::vector<FleetUnit> fleet_at_stations(std::span<const MapPoint> stations, std::uint32_t per_station) {
    std::vector<FleetUnit> units;
    for (const MapPoint& s : stations) {
        for (std::uint32_t k = 0; k < per_station; ++k) {
            char id[16];
            std::snprintf(id, sizeof id, "U%03zu", units.size() + 1);
            units.push_back({id, s.display_name(), s.location, {}, {}});
        }
    }
    return units;
}

std::vector<FleetUnit> units_at_sites(std::span<const MapPoint> sites) {
    std::vector<FleetUnit> units;
    for (const MapPoint& s : sites) {
        char id[16];
        std::snprintf(id, sizeof id, "P%02zu", units.size() + 1);
        units.push_back({id, s.display_name(), s.location, {}, {}});
    }
    return units;
}

std::vector<MapPoint> read_proposed_sites(const std::string& path) {
    std::vector<MapPoint> points = read_point_list(path, "proposed_site");
    // read_point_list keeps every point in file order; the role says which of them are proposed.
    std::vector<std::string> roles;
    const std::string text = read_whole_file(path);
    if (ascii_lower(std::filesystem::path(path).extension().string()) == ".csv") {
        const auto records = parse_csv_records(text, path);
        std::optional<std::size_t> role;
        for (std::size_t i = 0; i < records.front().fields.size(); ++i)
            if (ascii_lower(trim_blanks(records.front().fields[i])) == "role") role = i;
        if (role)
            for (std::size_t r = 1; r < records.size(); ++r) roles.push_back(ascii_lower(trim_blanks(records[r].fields[*role])));
    } else {
        const auto doc = nlohmann::json::parse(text);  // read_point_list parsed it already
        bool any = false;
        for (const auto& feature : doc["features"]) {
            std::string role;
            if (const auto props = feature.find("properties"); props != feature.end() && props->is_object())
                if (const auto r = props->find("role"); r != props->end() && r->is_string()) role = r->get<std::string>(), any = true;
            roles.push_back(role);
        }
        if (!any) roles.clear();
    }
    if (roles.empty()) return points;
    std::vector<MapPoint> proposed;
    for (std::size_t i = 0; i < points.size() && i < roles.size(); ++i)
        if (roles[i] == "proposed") proposed.push_back(std::move(points[i]));
    if (proposed.empty()) throw InputError(path + ": no site has the role \"proposed\" (nothing to add to the fleet)");
    return proposed;
}

void check_fleet_on_map(std::span<const FleetUnit> fleet, const SegmentIndex& roads, double max_snap_m) {
    for (const FleetUnit& u : fleet) {
        const Snap snap = roads.nearest(u.home);
        if (snap.found() && snap.distance_m <= max_snap_m) continue;
        char at[64];
        std::snprintf(at, sizeof at, "%.6f,%.6f", u.home.lat, u.home.lon);
        const std::string distance = snap.found() ? std::to_string(static_cast<long long>(snap.distance_m)) + " m" : "an unknown distance";
        throw InputError((u.source.empty() ? std::string() : u.source + ": ") + "unit " + u.id + "'s station '" + u.station +
                         "' at " + at + " is " + distance + " from the nearest road (more than " +
                         std::to_string(static_cast<long long>(max_snap_m)) + " m: outside the map?)");
    }
}

}  // namespace ems120::planning
