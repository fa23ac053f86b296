#include "maps/point_list_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "maps/ascii_text.hpp"
#include "maps/binary_file.hpp"
#include "maps/csv_records.hpp"
#include "maps/input_error.hpp"
#include "maps/json_document.hpp"

namespace ems120 {
namespace {

using Row = std::vector<std::string>;

std::optional<std::int64_t> parse_population(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n < 0) return std::nullopt;
    return n;
}

// ---- CSV ------------------------------------------------------------------------------------

struct CsvColumns {
    std::optional<std::size_t> name, lat, lon, kind, population, name_zh, name_en;
};

CsvColumns find_columns(const CsvRecord& header, const std::string& path) {
    static constexpr CsvColumn kWanted[] = {{"name"},       {"lat"},           {"lon"},           {"kind", false},
                                            {"population", false}, {"name:zh", false}, {"name:en", false}};
    const auto found = find_csv_columns(header, kWanted, path, "a header with name, lat, lon is required");
    return {found[0], found[1], found[2], found[3], found[4], found[5], found[6]};
}

std::vector<MapPoint> read_csv(const std::string& path, const std::string& file_name, std::string_view text,
                               const std::string& default_kind) {
    const auto records = parse_csv_records(text, path);
    if (records.empty()) throw InputError(path + ": empty file (a header row name,lat,lon is required)");
    const CsvColumns col = find_columns(records.front(), path);
    auto field = [](const Row& row, std::optional<std::size_t> column) {
        return column ? std::string(trim_blanks(row[*column])) : std::string();
    };

    std::vector<MapPoint> points;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        const std::string where = csv_row_where(record, records.front(), path);
        MapPoint p;
        p.source_id = file_name + ":" + std::to_string(record.line);
        p.name_zh = field(record.fields, col.name_zh);
        p.name_en = field(record.fields, col.name_en);
        p.name = field(record.fields, col.name);
        if (p.name.empty()) p.name = p.name_zh.empty() ? p.name_en : p.name_zh;
        p.kind = field(record.fields, col.kind);
        if (p.kind.empty()) p.kind = default_kind;
        p.location.lat = parse_csv_coordinate(field(record.fields, col.lat), 90.0, "latitude", where);
        p.location.lon = parse_csv_coordinate(field(record.fields, col.lon), 180.0, "longitude", where);
        if (const std::string population = field(record.fields, col.population); !population.empty()) {
            p.population = parse_population(population);
            if (!p.population)
                throw InputError(where + "population '" + population + "' is not a non-negative integer");
        }
        points.push_back(std::move(p));
    }
    if (points.empty()) throw InputError(path + ": no points, only a header row");
    return points;
}

// ---- GeoJSON --------------------------------------------------------------------------------

std::string string_property(const nlohmann::json& properties, const char* key, const std::string& where) {
    const auto it = properties.find(key);
    if (it == properties.end() || it->is_null()) return {};
    if (!it->is_string()) throw InputError(where + "property '" + key + "' must be a string");
    return it->get<std::string>();
}

std::optional<std::int64_t> population_property(const nlohmann::json& properties, const std::string& where) {
    const auto it = properties.find("population");
    if (it == properties.end() || it->is_null()) return std::nullopt;
    std::optional<std::int64_t> population;
    if (it->is_number_unsigned() || it->is_number_integer())
        population = it->get<std::int64_t>() >= 0 ? std::optional(it->get<std::int64_t>()) : std::nullopt;
    else if (it->is_string())  // OSM-derived exports often carry numbers as strings
        population = parse_population(it->get<std::string>());
    if (!population) throw InputError(where + "population " + it->dump() + " is not a non-negative integer");
    return population;
}

MapPoint read_feature(const nlohmann::json& feature, const std::string& where, const std::string& source_id,
                      const std::string& default_kind) {
    if (!feature.is_object()) throw InputError(where + "not a GeoJSON Feature object");
    const auto geometry = feature.find("geometry");
    if (geometry == feature.end() || !geometry->is_object() || geometry->value("type", nlohmann::json()) != "Point")
        throw InputError(where + "geometry is not a Point");
    const auto coordinates = geometry->find("coordinates");
    if (coordinates == geometry->end() || !coordinates->is_array() || coordinates->size() < 2 ||
        !(*coordinates)[0].is_number() || !(*coordinates)[1].is_number())
        throw InputError(where + "coordinates must be [lon, lat] numbers");

    MapPoint p;
    p.source_id = source_id;
    p.location.lon = (*coordinates)[0].get<double>();
    p.location.lat = (*coordinates)[1].get<double>();
    if (auto error = coordinate_error(p.location.lat, 90.0, "latitude", (*coordinates)[1].dump()); !error.empty())
        throw InputError(where + error);
    if (auto error = coordinate_error(p.location.lon, 180.0, "longitude", (*coordinates)[0].dump()); !error.empty())
        throw InputError(where + error);

    const auto props = feature.find("properties");
    if (props == feature.end() || props->is_null()) {
        p.kind = default_kind;
        return p;
    }
    if (!props->is_object()) throw InputError(where + "properties must be an object");
    p.name_zh = string_property(*props, "name:zh", where);
    p.name_en = string_property(*props, "name:en", where);
    p.name = string_property(*props, "name", where);
    if (p.name.empty()) p.name = p.name_zh.empty() ? p.name_en : p.name_zh;
    p.kind = string_property(*props, "kind", where);
    if (p.kind.empty()) p.kind = default_kind;
    p.population = population_property(*props, where);
    return p;
}

std::vector<MapPoint> read_geojson(const std::string& path, const std::string& file_name, const std::string& text,
                                   const std::string& default_kind) {
    const nlohmann::json doc = parse_json_document(text, path);
    if (!doc.is_object() || doc.value("type", nlohmann::json()) != "FeatureCollection" ||
        !doc.contains("features") || !doc["features"].is_array())
        throw InputError(path + ": not a GeoJSON FeatureCollection with a features array");

    std::vector<MapPoint> points;
    const auto& features = doc["features"];
    for (std::size_t n = 0; n < features.size(); ++n) {
        const std::string feature = "feature " + std::to_string(n);
        points.push_back(read_feature(features[n], path + ": " + feature + ": ", file_name + ":" + feature,
                                      default_kind));
    }
    if (points.empty()) throw InputError(path + ": no points, the FeatureCollection has no features");
    return points;
}

}  // namespace

std::vector<MapPoint> read_point_list(const std::string& path, const std::string& default_kind) {
    const std::filesystem::path p(path);
    const std::string extension = ascii_lower(p.extension().string());
    const std::string file_name = p.filename().string();
    if (extension == ".csv") return read_csv(path, file_name, read_whole_file(path), default_kind);
    if (extension == ".geojson" || extension == ".json")
        return read_geojson(path, file_name, read_whole_file(path), default_kind);
    throw InputError(path + ": unknown file type '" + extension + "' (expected .csv, .geojson or .json)");
}

}  // namespace ems120
