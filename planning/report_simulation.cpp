#include "planning/report_simulation.hpp"

#include "maps/binary_file.hpp"
#include "maps/json_document.hpp"
#include "planning/report_json_fields.hpp"

namespace ems120 {

namespace {

// A fleet is "12" in one writer's hands and "stations + 2 spare" in another's: both are shown.
std::string fleet_text(const JsonFields& fields, const nlohmann::json& run, const std::string& where) {
    const nlohmann::json& v = fields.member(run, where, "fleet");
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    fields.fail(JsonFields::field(where, "fleet"), "must be a string or an integer, found " + v.dump().substr(0, 40));
}

SimulatedPlace read_place(const JsonFields& f, const nlohmann::json& p, const std::string& where) {
    SimulatedPlace place;
    place.name = f.string(p, where, "name");
    place.lat = f.number(p, where, "lat");
    place.lon = f.number(p, where, "lon");
    if (place.lat < -90.0 || place.lat > 90.0) f.fail(JsonFields::field(where, "lat"), "latitude out of range");
    if (place.lon < -180.0 || place.lon > 180.0) f.fail(JsonFields::field(where, "lon"), "longitude out of range");
    place.calls = f.count(p, where, "calls");
    place.response_median_min = f.number_or_null(p, where, "response_median_min");
    place.within_limit_share = f.share(p, where, "within_limit_share", true);
    return place;
}

SimulatedUnit read_unit(const JsonFields& f, const nlohmann::json& u, const std::string& where) {
    SimulatedUnit unit;
    const nlohmann::json& id = f.member(u, where, "id");
    if (id.is_string())
        unit.id = id.get<std::string>();
    else if (id.is_number_integer() || id.is_number_unsigned())
        unit.id = id.dump();
    else
        f.fail(JsonFields::field(where, "id"), "must be a string or an integer");
    unit.station = f.string(u, where, "station");
    unit.calls = f.count(u, where, "calls");
    unit.utilisation = *f.share(u, where, "utilisation");
    return unit;
}

SimulationRun read_run(const JsonFields& f, const nlohmann::json& r, const std::string& where) {
    SimulationRun run;
    run.name = f.string(r, where, "name");
    run.policy = f.string(r, where, "policy");
    run.fleet = fleet_text(f, r, where);
    run.units = f.count(r, where, "units");
    run.calls = f.count(r, where, "calls");
    run.reached = f.count(r, where, "reached");
    if (run.reached > run.calls) f.fail(JsonFields::field(where, "reached"), "more than the calls (" + std::to_string(run.calls) + ")");
    run.response_median_min = f.number_or_null(r, where, "response_median_min");
    run.response_p90_min = f.number_or_null(r, where, "response_p90_min");
    run.within_limit_share = *f.share(r, where, "within_limit_share");
    run.dispatched_within_3_min_share = *f.share(r, where, "dispatched_within_3_min_share");
    run.mean_utilisation = *f.share(r, where, "mean_utilisation");
    run.queued_calls = f.count(r, where, "queued_calls");

    const std::string histogram_field = JsonFields::field(where, "response_histogram_min");
    const nlohmann::json& histogram = f.array(r, where, "response_histogram_min");
    if (histogram.size() != SimulationRun::kHistogramBins)
        f.fail(histogram_field, "must have 61 counts (minutes 0-1 .. 59-60, then 60 and over), found " +
                                    std::to_string(histogram.size()));
    for (std::size_t i = 0; i < histogram.size(); ++i)
        run.response_histogram_min[i] = f.count_value(histogram[i], JsonFields::element(histogram_field, i));

    const std::string places_field = JsonFields::field(where, "per_place");
    const nlohmann::json& places = f.array(r, where, "per_place");
    for (std::size_t i = 0; i < places.size(); ++i)
        run.per_place.push_back(read_place(f, places[i], JsonFields::element(places_field, i)));
    const std::string units_field = JsonFields::field(where, "per_unit");
    const nlohmann::json& units = f.array(r, where, "per_unit");
    for (std::size_t i = 0; i < units.size(); ++i)
        run.per_unit.push_back(read_unit(f, units[i], JsonFields::element(units_field, i)));
    return run;
}

}  // namespace

SimulationFile parse_simulation_json(const std::string& text, const std::string& path) {
    const nlohmann::json doc = parse_json_document(text, path);
    const JsonFields f(path);
    SimulationFile sim;
    sim.map = f.string(doc, "", "map");
    sim.days = f.number(doc, "", "days");
    if (sim.days <= 0.0) f.fail("days", "must be more than 0");
    const nlohmann::json& seed = f.member(doc, "", "seed");
    if (!seed.is_number_integer() && !seed.is_number_unsigned()) f.fail("seed", "must be an integer, found " + seed.dump().substr(0, 40));
    sim.seed = seed.dump();
    sim.limit_min = f.number(doc, "", "limit_min");
    if (sim.limit_min <= 0.0) f.fail("limit_min", "must be more than 0");
    const nlohmann::json& runs = f.array(doc, "", "runs");
    if (runs.empty()) f.fail("runs", "empty (no simulation run to show)");
    for (std::size_t i = 0; i < runs.size(); ++i) sim.runs.push_back(read_run(f, runs[i], JsonFields::element("runs", i)));
    return sim;
}

SimulationFile read_simulation_file(const std::string& path) {
    return parse_simulation_json(read_whole_file(path), path);
}

}  // namespace ems120
