#include "dispatch/hospitals_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "dispatch/name_folding.hpp"
#include "maps/ascii_text.hpp"
#include "maps/binary_file.hpp"
#include "maps/csv_records.hpp"
#include "maps/input_error.hpp"

namespace ems120::dispatch {

namespace {

// A hospital's fields as text, before checking; `where` is "PATH:LINE: ".
struct RawHospital {
    std::string id, name, name_zh, name_en;
    double lat = 0.0, lon = 0.0;
    std::vector<std::string> capabilities;
};

void check_text(const std::string& value, const char* what, bool required, const std::string& where) {
    if (required && value.empty()) throw InputError(where + what + " is empty");
    if (!is_valid_utf8(value)) throw InputError(where + what + " is not valid UTF-8");
    if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        throw InputError(where + what + " contains a control character");
}

void check_coordinate(double value, double limit, const char* what, const std::string& shown, const std::string& where) {
    if (const auto error = coordinate_error(value, limit, what, shown); !error.empty()) throw InputError(where + error);
}

void check_capability(const std::string& word, const std::string& where) {
    if (word.empty()) throw InputError(where + "empty capability (nothing between two ';')");
    if (!is_capability_word(word))
        throw InputError(where + "capability '" + word +
                         "' is not a capability word (lowercase letters and '_', starting with a letter, e.g. chest_pain)");
}

// Checks a row and turns it into a hospital; `first_line` maps ids to the line that used them.
Hospital make_hospital(RawHospital raw, const std::string& where, int line, std::map<std::string, int>& first_line) {
    check_text(raw.id, "id", true, where);
    check_text(raw.name, "name", true, where);
    check_text(raw.name_zh, "name:zh", false, where);
    check_text(raw.name_en, "name:en", false, where);
    for (const std::string& c : raw.capabilities) check_capability(c, where);
    const auto [it, inserted] = first_line.emplace(raw.id, line);
    if (!inserted)
        throw InputError(where + "id '" + raw.id + "' is already used on line " + std::to_string(it->second));
    Hospital h;
    h.id = std::move(raw.id);
    h.name = std::move(raw.name);
    h.name_zh = std::move(raw.name_zh);
    h.name_en = std::move(raw.name_en);
    h.location = {raw.lat, raw.lon};
    h.capabilities = std::move(raw.capabilities);
    std::sort(h.capabilities.begin(), h.capabilities.end());
    h.capabilities.erase(std::unique(h.capabilities.begin(), h.capabilities.end()), h.capabilities.end());
    return h;
}

// ---- CSV ------------------------------------------------------------------------------------

std::vector<std::string> split_capabilities(std::string_view text) {
    std::vector<std::string> out;
    if (trim_blanks(text).empty()) return out;  // none known
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(';', start);
        const std::string_view item = trim_blanks(text.substr(start, end == std::string_view::npos ? end : end - start));
        // A single trailing ';' is harmless; an empty item elsewhere is a slip worth reporting.
        if (!(item.empty() && end == std::string_view::npos && !out.empty())) out.emplace_back(item);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

std::vector<Hospital> read_csv(const std::string& path, std::string_view text) {
    const std::vector<CsvRecord> records = parse_csv_records(text, path);
    if (records.empty()) throw InputError(path + ": empty file (a header row id,name,lat,lon,capabilities is required)");

    enum Column { id, name, lat, lon, capabilities, name_zh, name_en };
    static constexpr CsvColumn kColumns[] = {{"id"},           {"name"},           {"lat"},           {"lon"},
                                             {"capabilities"}, {"name:zh", false}, {"name:en", false}};
    const CsvRecord& header = records.front();
    const auto column = find_csv_columns(header, kColumns, path, "a header id,name,lat,lon,capabilities is required", true);

    std::vector<Hospital> hospitals;
    std::map<std::string, int> first_line;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        const std::string where = csv_row_where(record, header, path);
        const auto field = [&](Column c) { return column[c] ? trim_blanks(record.fields[*column[c]]) : std::string_view(); };
        RawHospital raw;
        raw.id = field(id);
        raw.name = field(name);
        raw.name_zh = field(name_zh);
        raw.name_en = field(name_en);
        raw.lat = parse_csv_coordinate(field(lat), 90.0, "latitude", where);
        raw.lon = parse_csv_coordinate(field(lon), 180.0, "longitude", where);
        raw.capabilities = split_capabilities(field(capabilities));
        hospitals.push_back(make_hospital(std::move(raw), where, record.line, first_line));
    }
    if (hospitals.empty()) throw InputError(path + ": no hospitals, only a header row");
    return hospitals;
}

// ---- JSON lines -----------------------------------------------------------------------------

std::vector<Hospital> read_json_lines(const std::string& path, std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<Hospital> hospitals;
    std::map<std::string, int> first_line;
    int line = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        ++line;
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view row = trim_blanks(text.substr(start, end - start));
        start = end + 1;
        if (row.empty() || row == "\r") continue;
        const std::string where = path + ":" + std::to_string(line) + ": ";
        const nlohmann::json j = nlohmann::json::parse(row, nullptr, false);
        if (j.is_discarded()) throw InputError(where + "not valid JSON (one object a line is expected)");
        if (!j.is_object()) throw InputError(where + "expected a JSON object, found " + j.type_name());
        RawHospital raw;
        bool has_lat = false, has_lon = false;
        for (const auto& [key, value] : j.items()) {
            const auto text_of = [&](const char* what) {
                if (!value.is_string()) throw InputError(where + what + " must be a string");
                return std::string(trim_blanks(value.get_ref<const std::string&>()));
            };
            const auto number_of = [&](const char* what, double limit) {
                if (!value.is_number()) throw InputError(where + what + " must be a number");
                const double v = value.get<double>();
                check_coordinate(v, limit, what, value.dump(), where);
                return v;
            };
            if (key == "id") {
                raw.id = value.is_number_integer() ? value.dump() : text_of("id");
            } else if (key == "name") {
                raw.name = text_of("name");
            } else if (key == "name:zh") {
                raw.name_zh = text_of("name:zh");
            } else if (key == "name:en") {
                raw.name_en = text_of("name:en");
            } else if (key == "lat") {
                raw.lat = number_of("latitude", 90.0), has_lat = true;
            } else if (key == "lon") {
                raw.lon = number_of("longitude", 180.0), has_lon = true;
            } else if (key == "capabilities") {
                if (!value.is_array()) throw InputError(where + "capabilities must be an array of words");
                for (const auto& c : value) {
                    if (!c.is_string()) throw InputError(where + "capabilities must be an array of words");
                    raw.capabilities.push_back(c.get<std::string>());
                }
            } else {
                throw InputError(where + "unknown key '" + key +
                                 "' (expected id, name, lat, lon, capabilities, optionally name:zh, name:en)");
            }
        }
        if (!has_lat) throw InputError(where + "latitude (lat) is missing");
        if (!has_lon) throw InputError(where + "longitude (lon) is missing");
        hospitals.push_back(make_hospital(std::move(raw), where, line, first_line));
    }
    if (hospitals.empty()) throw InputError(path + ": no hospitals (an empty file)");
    return hospitals;
}

}  // namespace

bool Hospital::has(std::string_view capability) const {
    return std::binary_search(capabilities.begin(), capabilities.end(), capability);
}

bool is_capability_word(std::string_view word) {
    if (word.empty() || word.size() > 64 || word[0] < 'a' || word[0] > 'z') return false;
    return std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::vector<Hospital> read_hospitals_file(const std::string& path) {
    const std::string extension = ascii_lower(std::filesystem::path(path).extension().string());
    const bool csv = extension == ".csv";
    const bool json_lines = extension == ".jsonl" || extension == ".ndjson";
    if (!csv && !json_lines)
        throw InputError(path + ": unknown hospitals file type '" + extension + "' (expected .csv, .jsonl or .ndjson)");
    const std::string text = read_whole_file(path);
    return csv ? read_csv(path, text) : read_json_lines(path, text);
}

std::vector<Hospital> hospitals_from_map(const std::vector<MapPoint>& points) {
    std::vector<Hospital> hospitals;
    hospitals.reserve(points.size());
    for (const MapPoint& p : points) {
        Hospital h;
        h.id = p.source_id;
        h.name = p.display_name();
        h.name_zh = p.name_zh;
        h.name_en = p.name_en;
        h.location = p.location;
        hospitals.push_back(std::move(h));
    }
    return hospitals;
}

MapPoint to_map_point(const Hospital& hospital) {
    MapPoint p;
    p.source_id = hospital.id;
    p.name = hospital.name;
    p.name_zh = hospital.name_zh;
    p.name_en = hospital.name_en;
    p.kind = "hospital";
    p.location = hospital.location;
    return p;
}

}  // namespace ems120::dispatch
