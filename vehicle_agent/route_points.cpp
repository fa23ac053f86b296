#include "vehicle_agent/route_points.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "maps/ascii_text.hpp"
#include "maps/input_error.hpp"

namespace ems120::agent {
namespace {

std::optional<double> parse_number(std::string_view text) {
    text = trim_blanks(text);
    if (text.starts_with('+')) text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

void check_point(LatLon p, const std::string& where) {
    if (!is_valid_lat_lon(p))
        throw InputError(where + " is off the globe (latitude must be in [-90, 90], longitude in [-180, 180])");
}

bool names_geojson_file(const std::string& text) {
    const std::string l = ascii_lower(text);
    std::error_code ec;
    return l.ends_with(".geojson") || l.ends_with(".json") || std::filesystem::is_regular_file(text, ec);
}

std::vector<LatLon> parse_inline(std::string_view text) {
    std::vector<LatLon> points;
    std::size_t index = 0;
    while (true) {
        ++index;
        const auto semicolon = text.find(';');
        const std::string_view item = text.substr(0, semicolon);
        const std::string where = "route point " + std::to_string(index) + " '" + std::string(trim_blanks(item)) + "'";
        const auto comma = item.find(',');
        const auto lat = comma == std::string_view::npos ? std::nullopt : parse_number(item.substr(0, comma));
        const auto lon = comma == std::string_view::npos ? std::nullopt : parse_number(item.substr(comma + 1));
        if (!lat || !lon) throw InputError(where + " is not lat,lon in decimal degrees");
        check_point({*lat, *lon}, where);
        points.push_back({*lat, *lon});
        if (semicolon == std::string_view::npos) return points;
        text.remove_prefix(semicolon + 1);
        if (trim_blanks(text).empty()) return points;  // a trailing ';' is harmless
    }
}

const nlohmann::json* first_line_string(const nlohmann::json& doc) {
    if (!doc.is_object()) return nullptr;
    const std::string type = doc.value("type", "");
    if (type == "LineString") return &doc;
    if (type == "Feature") {
        const auto geometry = doc.find("geometry");
        return geometry == doc.end() ? nullptr : first_line_string(*geometry);
    }
    if (type == "FeatureCollection") {
        const auto features = doc.find("features");
        if (features == doc.end() || !features->is_array()) return nullptr;
        for (const auto& feature : *features)
            if (const auto* line = first_line_string(feature)) return line;
    }
    return nullptr;
}

std::vector<LatLon> read_geojson(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": cannot read route: is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read route: " + std::strerror(errno));
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(content);
    } catch (const nlohmann::json::exception& e) {
        std::string_view what = e.what();  // "[json.exception.parse_error.101] parse error at line 1 ..."
        if (const auto bracket = what.find("] "); bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
        throw InputError(path + ": invalid JSON: " + std::string(what));
    }
    const nlohmann::json* line = first_line_string(doc);
    if (!line)
        throw InputError(path + ": no LineString (expected a LineString, or a Feature or FeatureCollection with one)");
    const auto coordinates = line->find("coordinates");
    if (coordinates == line->end() || !coordinates->is_array())
        throw InputError(path + ": the LineString has no coordinates array");

    std::vector<LatLon> points;
    for (std::size_t i = 0; i < coordinates->size(); ++i) {
        const auto& c = (*coordinates)[i];
        const std::string where = path + ": coordinate " + std::to_string(i) + " " + c.dump();
        if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number())
            throw InputError(where + " is not [lon, lat]");
        const LatLon p{c[1].get<double>(), c[0].get<double>()};
        check_point(p, where);
        points.push_back(p);
    }
    return points;
}

}  // namespace

std::vector<LatLon> read_route(const std::string& text) {
    std::vector<LatLon> points;
    if (names_geojson_file(text)) {
        points = read_geojson(text);
    } else if (text.find(',') == std::string::npos) {
        throw InputError(text + ": no such GeoJSON file (nor lat,lon;lat,lon points)");
    } else {
        points = parse_inline(text);
    }
    std::vector<LatLon> distinct;
    for (const LatLon p : points)
        if (distinct.empty() || distinct.back().lat != p.lat || distinct.back().lon != p.lon) distinct.push_back(p);
    if (distinct.size() < 2)
        throw InputError("a route needs at least two distinct points, found " + std::to_string(distinct.size()));
    return distinct;
}

}  // namespace ems120::agent
