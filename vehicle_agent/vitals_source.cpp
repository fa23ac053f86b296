#include "vehicle_agent/vitals_source.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "maps/input_error.hpp"
#include "vehicle_agent/patient_simulator.hpp"
#include "vehicle_agent/vitals_jsonl_source.hpp"

namespace ems120::agent {
namespace {

constexpr std::string_view kSimulate = "simulate";
constexpr std::string_view kSimulateWith = "simulate:";
constexpr std::string_view kJsonl = "jsonl:";
constexpr std::string_view kForms = "none, simulate, simulate:KEY=VALUE,..., jsonl:- or jsonl:PATH";
constexpr std::string_view kSimulateKeys = "deterioration, interval, nibp_interval, seed, capnography, incident";

[[noreturn]] void bad_spec(const std::string& spec, const std::string& problem) {
    throw InputError("vitals source '" + spec + "': " + problem);
}

template <class Number>
std::optional<Number> parse_whole(std::string_view text) {
    Number n{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::optional<double> parse_decimal(std::string_view text) {
    double x = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x, std::chars_format::fixed);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x)) return std::nullopt;
    return x;
}

std::int64_t milliseconds(const std::string& spec, std::string_view key, std::string_view text, std::int64_t min,
                          std::int64_t max) {
    const auto ms = parse_whole<std::int64_t>(text);
    if (!ms || *ms < min || *ms > max)
        bad_spec(spec, std::string(key) + " must be whole milliseconds from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + std::string(text) + "'");
    return *ms;
}

bool on_off(const std::string& spec, std::string_view key, std::string_view text) {
    if (text == "1" || text == "on" || text == "yes" || text == "true") return true;
    if (text == "0" || text == "off" || text == "no" || text == "false") return false;
    bad_spec(spec, std::string(key) + " must be 1 or 0 (on/off), not '" + std::string(text) + "'");
}

// Applies "KEY=VALUE,KEY=VALUE" (what follows "simulate:") to `config`.
void apply_simulator_settings(const std::string& spec, std::string_view settings, PatientSimulatorConfig& config) {
    std::set<std::string_view> seen;
    while (true) {
        const auto comma = settings.find(',');
        const std::string_view setting = settings.substr(0, comma);
        const auto equals = setting.find('=');
        if (equals == std::string_view::npos || equals == 0 || equals + 1 == setting.size())
            bad_spec(spec, "expected KEY=VALUE, not '" + std::string(setting) + "'");
        const std::string_view key = setting.substr(0, equals);
        const std::string_view value = setting.substr(equals + 1);
        if (!seen.insert(key).second) bad_spec(spec, std::string(key) + " is given twice");

        if (key == "deterioration") {
            const auto d = parse_decimal(value);
            if (!d || *d < 0 || *d > 10)
                bad_spec(spec, "deterioration must be a number from 0 (stable) to 10, not '" + std::string(value) + "'");
            config.deterioration = *d;
        } else if (key == "interval") {
            config.interval_ms = milliseconds(spec, key, value, 100, 3'600'000);
        } else if (key == "nibp_interval") {
            // A cuff needs about half a minute to inflate, measure and deflate.
            config.nibp_interval_ms = milliseconds(spec, key, value, 30'000, 86'400'000);
        } else if (key == "seed") {
            const auto seed = parse_whole<std::uint64_t>(value);
            if (!seed) bad_spec(spec, "seed must be a whole number >= 0, not '" + std::string(value) + "'");
            config.seed = *seed;
        } else if (key == "capnography") {
            config.capnography = on_off(spec, key, value);
        } else if (key == "incident") {
            config.incident_id = std::string(value);
        } else {
            bad_spec(spec, "unknown setting '" + std::string(key) + "' (known: " + std::string(kSimulateKeys) + ")");
        }
        if (comma == std::string_view::npos) return;
        settings.remove_prefix(comma + 1);
    }
}

}  // namespace

std::unique_ptr<InputSource<protocol::Vitals>> open_vitals_source(const std::string& spec,
                                                                  const VitalsSourceOptions& options) {
    const std::string_view s = spec;
    if (s == "none") return nullptr;
    if (s == kSimulate || s.starts_with(kSimulateWith)) {
        PatientSimulatorConfig config;
        config.incident_id = options.incident_id;
        if (s != kSimulate) apply_simulator_settings(spec, s.substr(kSimulateWith.size()), config);
        return std::make_unique<PatientSimulator>(std::move(config));
    }
    if (s.starts_with(kJsonl)) {
        const std::string path(s.substr(kJsonl.size()));
        const VitalsJsonlConfig config{options.incident_id};
        if (path.empty()) bad_spec(spec, "jsonl: needs a file, or - for standard input");
        if (path == "-") return std::make_unique<VitalsJsonlSource>(options.stdin_fd, "stdin", config);
        return VitalsJsonlSource::open_file(path, config);
    }
    bad_spec(spec, "expected " + std::string(kForms));
}

}  // namespace ems120::agent
