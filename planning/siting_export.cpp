#include <nlohmann/json.hpp>

#include "planning/csv_text.hpp"
#include "planning/rounding.hpp"
#include "planning/siting_report.hpp"

namespace ems120 {

namespace {

struct SiteRow {
    std::uint32_t site = 0;
    std::string role;  // existing | proposed
    bool kept = true;  // an existing station still used
};

// Existing stations in order, then the proposed candidates in order.
std::vector<SiteRow> site_rows(const SitingReportInput& in) {
    std::vector<SiteRow> rows;
    const auto& units = in.result.best_units;
    for (std::uint32_t j = 0; j < in.existing.size(); ++j) rows.push_back({j, "existing", units[j] > 0});
    for (std::uint32_t j = static_cast<std::uint32_t>(in.existing.size()); j < units.size(); ++j)
        if (units[j] > 0) rows.push_back({j, "proposed", true});
    return rows;
}

nlohmann::json minutes_of(const PlaceCoverage& c) {
    return c.reached() ? nlohmann::json(rounded(to_minutes(c.reach.time), 2)) : nlohmann::json(nullptr);
}

nlohmann::json point(LatLon p) {
    return {{"type", "Point"}, {"coordinates", {rounded(p.lon, 7), rounded(p.lat, 7)}}};
}

}  // namespace

const MapPoint& site_point(const SitingReportInput& in, std::uint32_t site) {
    return site < in.existing.size() ? in.existing[site] : in.candidates[site - in.existing.size()];
}

std::uint32_t places_gained(const SitingReportInput& in, std::uint32_t site) {
    if (site < in.existing.size()) return 0;
    const CoverageSets& sets = in.built.sets;
    std::vector<bool> before(sets.place_count(), false);
    for (std::uint32_t j = 0; j < sets.existing_count; ++j)
        for (const std::uint32_t i : sets.site_places[j]) before[i] = true;
    std::uint32_t gained = 0;
    for (const std::uint32_t i : sets.site_places[site]) gained += before[i] ? 0 : 1;
    return gained;
}

std::string siting_geojson(const SitingReportInput& in) {
    using nlohmann::json;
    const CoverageSets& sets = in.built.sets;
    json features = json::array();
    for (const SiteRow& row : site_rows(in)) {
        const MapPoint& p = site_point(in, row.site);
        json props = {{"role", row.role},
                      {"name", p.display_name()},
                      {"kind", p.kind},
                      {"places_gained", places_gained(in, row.site)},
                      {"units", in.result.best_units[row.site]}};
        if (in.problem.relocate && row.role == "existing") props["kept"] = row.kept;
        features.push_back({{"type", "Feature"}, {"geometry", point(p.location)}, {"properties", std::move(props)}});
    }
    UnitsPerSite existing_units(sets.site_count(), 0);
    for (std::uint32_t j = 0; j < sets.existing_count; ++j) existing_units[j] = 1;
    const auto n_before = units_reaching(sets, existing_units);
    const auto n_after = units_reaching(sets, in.result.best_units);
    for (std::size_t i = 0; i < in.places.size(); ++i) {
        const MapPoint& p = in.places[i];
        json props = {{"role", "place"},
                      {"name", p.display_name()},
                      {"kind", p.kind},
                      {"minutes_before", minutes_of(in.before.places[i])},
                      {"minutes_after", minutes_of(in.after.places[i])},
                      {"covered_before", n_before[i] > 0},
                      {"covered_after", n_after[i] > 0},
                      {"weight", sets.place_weights[i]}};
        if (in.problem.model == SitingModel::mexclp) props["units_within_limit"] = n_after[i];
        features.push_back({{"type", "Feature"}, {"geometry", point(p.location)}, {"properties", std::move(props)}});
    }
    json doc = {{"type", "FeatureCollection"},
                {"ems120",
                 {{"model", model_name(in.problem.model)},
                  {"limit_minutes", to_minutes(in.before.options.limit)},
                  {"method", in.result.method},
                  {"attribution", "© OpenStreetMap contributors, ODbL"}}},
                {"features", std::move(features)}};
    return doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string siting_csv(const SitingReportInput& in) {
    std::string out = "role,name,kind,lat,lon,places_gained,units\n";
    for (const SiteRow& row : site_rows(in)) {
        const MapPoint& p = site_point(in, row.site);
        out += row.role + "," + csv_field(p.display_name()) + "," + csv_field(p.kind) + "," +
               fixed_number(p.location.lat, 7) + "," + fixed_number(p.location.lon, 7) + "," +
               std::to_string(places_gained(in, row.site)) + "," + std::to_string(in.result.best_units[row.site]) + "\n";
    }
    return out;
}

}  // namespace ems120
