#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "planning/coverage_report.hpp"
#include "planning/csv_text.hpp"
#include "planning/rounding.hpp"

namespace ems120 {

namespace {

// One row of the export: the same fields feed the GeoJSON properties and the CSV columns.
struct PlaceRow {
    std::string osm_id, name, name_zh, name_en, kind;
    std::optional<std::int64_t> population;
    LatLon location;
    std::optional<double> minutes;
    bool within_limit = false;
    std::string nearest_station;
    std::string nearest_station_id;
    std::optional<double> snap_m;
    std::string reason;
};

std::vector<PlaceRow> rows_of(const CoverageReportInput& in) {
    std::vector<PlaceRow> rows;
    for (std::size_t i = 0; i < in.places.size(); ++i) {
        const auto& p = in.places[i];
        const auto& c = in.result.places[i];
        PlaceRow row;
        row.osm_id = p.source_id;
        row.name = p.name;
        row.name_zh = p.name_zh;
        row.name_en = p.name_en;
        row.kind = p.kind;
        row.population = p.population;
        row.location = p.location;
        if (c.reached()) {
            row.minutes = rounded(to_minutes(c.reach.time), 2);
            row.nearest_station = in.stations[c.reach.source].display_name();
            row.nearest_station_id = in.stations[c.reach.source].source_id;
        }
        row.within_limit = in.result.within_limit(c);
        if (c.snap.found()) row.snap_m = rounded(c.snap.distance_m, 1);
        row.reason = c.reason;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::string coverage_geojson(const CoverageReportInput& in) {
    using nlohmann::json;
    json features = json::array();
    for (const auto& r : rows_of(in)) {
        json props = {{"osm_id", r.osm_id},
                      {"name", r.name},
                      {"kind", r.kind},
                      {"minutes", r.minutes ? json(*r.minutes) : json(nullptr)},
                      {"within_limit", r.within_limit},
                      {"nearest_station", r.minutes ? json(r.nearest_station) : json(nullptr)},
                      {"nearest_station_id", r.minutes ? json(r.nearest_station_id) : json(nullptr)},
                      {"snap_m", r.snap_m ? json(*r.snap_m) : json(nullptr)}};
        if (!r.name_zh.empty()) props["name_zh"] = r.name_zh;
        if (!r.name_en.empty()) props["name_en"] = r.name_en;
        if (r.population) props["population"] = *r.population;
        if (!r.reason.empty()) props["reason"] = r.reason;
        features.push_back({{"type", "Feature"},
                            {"geometry",
                             {{"type", "Point"},
                              {"coordinates", {rounded(r.location.lon, 7), rounded(r.location.lat, 7)}}}},
                            {"properties", std::move(props)}});
    }
    json doc = {{"type", "FeatureCollection"},
                {"ems120",
                 {{"map", in.map.path},
                  {"limit_minutes", to_minutes(in.result.options.limit)},
                  {"attribution", "© OpenStreetMap contributors, ODbL"}}},
                {"features", std::move(features)}};
    // Invalid UTF-8 in a name is replaced rather than aborting the export.
    return doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string coverage_csv(const CoverageReportInput& in) {
    std::string out =
        "osm_id,name,name_zh,name_en,kind,population,lat,lon,minutes,within_limit,nearest_station,nearest_station_id,"
        "snap_m,reason\n";
    for (const auto& r : rows_of(in)) {
        out += csv_field(r.osm_id) + "," + csv_field(r.name) + "," + csv_field(r.name_zh) + "," + csv_field(r.name_en) +
               "," + csv_field(r.kind) + "," + (r.population ? std::to_string(*r.population) : "") + "," +
               fixed_number(r.location.lat, 7) + "," + fixed_number(r.location.lon, 7) + "," +
               (r.minutes ? fixed_number(*r.minutes, 2) : "") + "," + (r.within_limit ? "true" : "false") + "," +
               csv_field(r.nearest_station) + "," + csv_field(r.nearest_station_id) + "," + (r.snap_m ? fixed_number(*r.snap_m, 1) : "") + "," +
               csv_field(r.reason) + "\n";
    }
    return out;
}

}  // namespace ems120
