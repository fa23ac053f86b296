#include "maps/road_profile.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "maps/ascii_text.hpp"
#include "maps/input_error.hpp"

namespace ems120 {
namespace {

// Class ids are stored in a uint8_t on edges; a few values are left free for future markers.
constexpr std::size_t max_classes = 250;
constexpr int max_class_speed_kmh = 200;
constexpr double max_maxspeed_kmh = 300.0;
constexpr double kmh_per_mph = 1.609344;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void fail_at(const std::string& path, int line, const std::string& what) {
    throw InputError(path + ":" + std::to_string(line) + ": " + what);
}

int parse_class_speed(std::string_view value, const std::string& path, int line) {
    int kmh = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), kmh);
    const std::string shown(value);
    const bool parsed = ec == std::errc{} || ec == std::errc::result_out_of_range;
    if (value.empty() || !parsed || end != value.data() + value.size())
        fail_at(path, line, "speed '" + shown + "' is not an integer km/h");
    if (ec == std::errc::result_out_of_range || kmh < 0 || kmh > max_class_speed_kmh)
        fail_at(path, line, "speed " + shown + " is outside 0.." + std::to_string(max_class_speed_kmh) + " km/h");
    return kmh;
}

void apply_line(RoadProfile& profile, std::map<std::string, int>& seen, std::string_view text, const std::string& path,
                int line) {
    if (const auto hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
    text = trim_blanks(text);
    if (text.empty()) return;

    const auto eq = text.find('=');
    if (eq == std::string_view::npos) fail_at(path, line, "expected 'class = km/h' or 'use_maxspeed = yes|no'");
    const std::string key(trim_blanks(text.substr(0, eq)));
    const std::string_view value = trim_blanks(text.substr(eq + 1));
    if (key.empty()) fail_at(path, line, "missing name before '='");
    if (const auto [first, added] = seen.emplace(key, line); !added)
        fail_at(path, line, "'" + key + "' is already set on line " + std::to_string(first->second));

    if (key == "use_maxspeed") {
        if (value != "yes" && value != "no")
            fail_at(path, line, "use_maxspeed must be yes or no, not '" + std::string(value) + "'");
        profile.use_maxspeed = value == "yes";
        return;
    }
    if (key == "construction" || key == "proposed")
        fail_at(path, line, "highway=" + key + " is never a road and cannot be given a speed");

    const int kmh = parse_class_speed(value, path, line);
    for (auto& c : profile.classes) {
        if (c.highway == key) {
            c.speed_kmh = kmh;
            return;
        }
    }
    if (profile.classes.size() >= max_classes)
        fail_at(path, line, "more than " + std::to_string(max_classes) + " road classes");
    profile.classes.push_back({key, kmh});
}

}  // namespace

RoadProfile RoadProfile::ambulance_default() {
    RoadProfile p;
    p.classes = {
        {"motorway", 90},      {"motorway_link", 45}, {"trunk", 80},        {"trunk_link", 40},
        {"primary", 60},       {"primary_link", 30},  {"secondary", 50},    {"secondary_link", 25},
        {"tertiary", 40},      {"tertiary_link", 20}, {"unclassified", 30}, {"residential", 25},
        {"living_street", 10}, {"service", 15},       {"track", 10},        {"road", 20},
    };
    p.use_maxspeed = true;
    return p;
}

std::optional<std::uint8_t> RoadProfile::class_of(std::string_view highway) const {
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (classes[i].highway == highway) {
            if (classes[i].speed_kmh <= 0) return std::nullopt;
            return static_cast<std::uint8_t>(i);
        }
    }
    return std::nullopt;
}

std::vector<std::string> RoadProfile::class_names() const {
    std::vector<std::string> names;
    names.reserve(classes.size());
    for (const auto& c : classes) names.push_back(c.highway);
    return names;
}

std::string RoadProfile::canonical_text() const {
    std::string text;
    for (const auto& c : classes) text += c.highway + " = " + std::to_string(c.speed_kmh) + "\n";
    text += std::string("use_maxspeed = ") + (use_maxspeed ? "yes" : "no") + "\n";
    return text;
}

RoadProfile load_road_profile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": cannot read: is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read: " + std::strerror(errno));

    RoadProfile profile = RoadProfile::ambulance_default();
    std::map<std::string, int> seen;  // key -> line that set it
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        // Editors on Windows add a byte order mark; it is not part of the first key.
        if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
        apply_line(profile, seen, text, path, line);
    }
    if (in.bad()) throw InputError(path + ": cannot read: " + std::strerror(errno));
    return profile;
}

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
    value = trim_blanks(value);
    // Only plain decimals: from_chars alone would also take signs, "inf", "nan" and exponents.
    std::size_t n = 0;
    while (n < value.size() && is_digit(value[n])) ++n;
    if (n == 0) return std::nullopt;
    if (n < value.size() && value[n] == '.') {
        const std::size_t fraction = n + 1;
        n = fraction;
        while (n < value.size() && is_digit(value[n])) ++n;
        if (n == fraction) return std::nullopt;
    }
    double number = 0.0;
    if (std::from_chars(value.data(), value.data() + n, number).ec != std::errc{}) return std::nullopt;

    const std::string_view unit = trim_blanks(value.substr(n));
    double kmh = 0.0;
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph")
        kmh = number;
    else if (unit == "mph")
        kmh = number * kmh_per_mph;
    else
        return std::nullopt;
    if (kmh <= 0.0 || kmh > max_maxspeed_kmh) return std::nullopt;
    return kmh;
}

}  // namespace ems120
