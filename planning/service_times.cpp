#include "planning/service_times.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "maps/binary_file.hpp"
#include "maps/input_error.hpp"

namespace ems120::planning {

namespace {

constexpr double kDayMs = 86'400'000.0;
// z of the 90th percentile of the standard normal distribution.
constexpr double kZ90 = 1.2815515655446004;

double seconds_field(const nlohmann::json& object, const char* key, const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end()) throw InputError(where + ": \"" + key + "\" is missing");
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0)
        throw InputError(where + ": \"" + key + "\" must be a number of seconds >= 0, not " + it->dump());
    return it->get<double>();
}

void refuse_unknown_keys(const nlohmann::json& object, std::initializer_list<const char*> known, const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
            std::string list;
            for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
            throw InputError(where + ": unknown key \"" + key + "\" (known: " + list + ")");
        }
    }
}

TimeDistribution read_distribution(const nlohmann::json& value, const std::string& where) {
    if (value.is_number()) {
        if (!std::isfinite(value.get<double>()) || value.get<double>() < 0)
            throw InputError(where + ": must be a number of seconds >= 0, not " + value.dump());
        return TimeDistribution::fixed(value.get<double>());
    }
    if (!value.is_object()) throw InputError(where + ": must be a number of seconds or an object with \"dist\"");
    const auto dist = value.find("dist");
    if (dist == value.end() || !dist->is_string())
        throw InputError(where + ": \"dist\" must be \"fixed\", \"lognormal\" or \"exponential\"");
    const std::string kind = dist->get<std::string>();
    if (kind == "fixed") {
        refuse_unknown_keys(value, {"dist", "value"}, where);
        return TimeDistribution::fixed(seconds_field(value, "value", where));
    }
    if (kind == "exponential") {
        refuse_unknown_keys(value, {"dist", "mean"}, where);
        return TimeDistribution::exponential(seconds_field(value, "mean", where));
    }
    if (kind == "lognormal") {
        refuse_unknown_keys(value, {"dist", "median", "p90"}, where);
        const double median = seconds_field(value, "median", where);
        const double p90 = seconds_field(value, "p90", where);
        if (median <= 0) throw InputError(where + ": a lognormal \"median\" must be above 0 (use \"fixed\" for 0)");
        if (p90 < median) throw InputError(where + ": \"p90\" must be at least the \"median\"");
        return TimeDistribution::lognormal(median, p90);
    }
    throw InputError(where + ": unknown \"dist\" \"" + kind + "\" (fixed, lognormal or exponential)");
}

}  // namespace

std::int64_t TimeDistribution::draw_ms(SimulationRandom& random) const {
    double seconds = median_s;
    switch (kind) {
        case Kind::fixed:
            break;
        case Kind::exponential:
            seconds = random.exponential(median_s);
            break;
        case Kind::lognormal: {
            const double sigma = std::log(p90_s / median_s) / kZ90;
            const double z = random.standard_normal();  // drawn even with no spread: the stream stays aligned
            if (sigma > 0) seconds = median_s * std::exp(sigma * z);
            break;
        }
    }
    return static_cast<std::int64_t>(std::llround(std::min(seconds * 1000.0, kDayMs)));
}

ServiceTimes read_service_times(const std::string& path) {
    const std::string text = read_whole_file(path);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        std::string_view what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
        throw InputError(path + ": invalid JSON: " + std::string(what));
    }
    if (!doc.is_object()) throw InputError(path + ": must be a JSON object like {\"turnout_s\": 60, ...}");
    refuse_unknown_keys(doc, {"turnout_s", "on_scene_s", "handover_s", "transport_share"}, path);
    ServiceTimes times;
    const std::pair<const char*, TimeDistribution*> parts[] = {
        {"turnout_s", &times.turnout}, {"on_scene_s", &times.on_scene}, {"handover_s", &times.handover}};
    for (const auto& [key, slot] : parts)
        if (doc.contains(key)) *slot = read_distribution(doc[key], path + ": " + key);
    if (doc.contains("transport_share")) {
        const auto& share = doc["transport_share"];
        if (!share.is_number() || !(share.get<double>() >= 0.0 && share.get<double>() <= 1.0))
            throw InputError(path + ": transport_share must be a number from 0 to 1, not " + share.dump());
        times.transport_share = share.get<double>();
    }
    return times;
}

}  // namespace ems120::planning
