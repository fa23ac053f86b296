#include "planning/report_sites.hpp"

#include "maps/binary_file.hpp"
#include "maps/csv_records.hpp"
#include "maps/json_document.hpp"
#include "planning/report_json_fields.hpp"

namespace ems120 {

namespace {

LatLon point_of(const JsonFields& fields, const nlohmann::json& feature, const std::string& where) {
    const nlohmann::json& geometry = fields.member(feature, where, "geometry");
    const std::string geometry_field = JsonFields::field(where, "geometry");
    const std::string type = fields.string(geometry, geometry_field, "type");
    if (type != "Point") fields.fail(JsonFields::field(geometry_field, "type"), "must be \"Point\", found \"" + type + "\"");
    const nlohmann::json& coordinates = fields.array(geometry, geometry_field, "coordinates");
    const std::string coordinates_field = JsonFields::field(geometry_field, "coordinates");
    if (coordinates.size() < 2 || !coordinates[0].is_number() || !coordinates[1].is_number())
        fields.fail(coordinates_field, "must be [lon, lat] numbers");
    const LatLon p{coordinates[1].get<double>(), coordinates[0].get<double>()};
    if (auto error = coordinate_error(p.lat, 90.0, "latitude", coordinates[1].dump()); !error.empty())
        fields.fail(coordinates_field, error);
    if (auto error = coordinate_error(p.lon, 180.0, "longitude", coordinates[0].dump()); !error.empty())
        fields.fail(coordinates_field, error);
    return p;
}

}  // namespace

SitesFile parse_sites_geojson(const std::string& text, const std::string& path) {
    const nlohmann::json doc = parse_json_document(text, path);
    const JsonFields fields(path);
    if (!doc.is_object() || fields.string(doc, "", "type") != "FeatureCollection")
        fields.fail("type", "not a GeoJSON FeatureCollection (the file `ems120 plan sites --out` writes)");
    const nlohmann::json& features = fields.array(doc, "", "features");
    SitesFile sites;
    for (std::size_t i = 0; i < features.size(); ++i) {
        const std::string where = JsonFields::element("features", i);
        const nlohmann::json& feature = features[i];
        const LatLon location = point_of(fields, feature, where);
        const nlohmann::json& properties = fields.member(feature, where, "properties");
        const std::string props = JsonFields::field(where, "properties");
        const std::string role = fields.string(properties, props, "role");
        if (role == "place") {
            ++sites.places;
        } else if (role == "existing") {
            ++sites.existing;
        } else if (role == "proposed") {
            MapPoint site;
            site.source_id = path + ":" + where;
            site.name = fields.string(properties, props, "name");
            site.kind = fields.string(properties, props, "kind");
            if (site.kind.empty()) site.kind = "proposed_station";
            (void)fields.count(properties, props, "places_gained");  // checked, not trusted: recomputed
            site.location = location;
            sites.proposed.push_back(std::move(site));
        } else {
            fields.fail(JsonFields::field(props, "role"),
                        "must be \"existing\", \"proposed\" or \"place\", found \"" + role + "\"");
        }
    }
    if (sites.proposed.empty() && sites.existing == 0 && sites.places == 0) fields.fail("features", "empty");
    return sites;
}

SitesFile read_sites_file(const std::string& path) { return parse_sites_geojson(read_whole_file(path), path); }

}  // namespace ems120
