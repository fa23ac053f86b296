#include "cli/map_session.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/value_parsers.hpp"

namespace ems120::cli {

std::vector<OptionSpec> map_option_specs() {
    return {
        {"map", "FILE", "OpenStreetMap file (.osm.pbf, .osm, .osm.bz2); default: the bundled Andorra map"},
        {"profile", "FILE", "road profile overriding the default ambulance speeds (docs/road-profile.md)"},
        {"min-component", "N", "drop road networks with fewer than N nodes (default 1000)"},
        {"max-snap-m", "M", "farthest a point may be from a road to be snapped onto it (default 2000)"},
    };
}

MapOptions map_options_from(const CommandLine& line) {
    MapOptions o;
    o.map_path = line.value("map").value_or(default_map_path());
    o.profile_path = line.value("profile").value_or("");
    if (auto v = line.value("min-component")) o.graph.min_component_nodes = parse_count("min-component", *v, 1, 100000000);
    if (auto v = line.value("max-snap-m")) o.max_snap_m = parse_number("max-snap-m", *v, 1.0, 100000.0);
    return o;
}

std::string default_map_path() {
    const std::filesystem::path built_in = EMS120_DEFAULT_MAP;
    if (std::filesystem::exists(built_in)) return built_in.string();
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const auto& candidate : {exe.parent_path() / "../../maps/data/andorra.osm.pbf",
                                      exe.parent_path() / "../share/ems120/andorra.osm.pbf"})
            if (std::filesystem::exists(candidate)) return std::filesystem::weakly_canonical(candidate).string();
    }
    return built_in.string();  // the error on reading it names the path we expected
}

namespace {

// On a terminal a single line is redrawn; in a log each stage gets one line.
class ProgressPrinter {
public:
    ProgressPrinter() : tty_(isatty(STDERR_FILENO) == 1) {}

    void operator()(const std::string& stage, double fraction) {
        const auto now = std::chrono::steady_clock::now();
        if (stage != stage_) {
            stage_ = stage;
            if (!tty_) std::cerr << "ems120: " << stage << "...\n";
        }
        if (tty_ && now - last_ > std::chrono::milliseconds(100)) {
            last_ = now;
            std::fprintf(stderr, "\rems120: %s %3.0f%%   ", stage.c_str(), 100.0 * fraction);
            std::fflush(stderr);
        }
    }
    void finish() const {
        if (tty_) std::fprintf(stderr, "\r\033[K");
    }

private:
    bool tty_;
    std::string stage_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

std::unique_ptr<LoadedMap> load_map(const MapOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const RoadProfile profile =
        options.profile_path.empty() ? RoadProfile::ambulance_default() : load_road_profile(options.profile_path);
    ProgressPrinter printer;
    OsmMap map;
    try {
        map = read_osm_map(options.map_path, profile, options.graph,
                           [&](const std::string& stage, double f) { printer(stage, f); });
    } catch (...) {
        printer.finish();
        throw;
    }
    printer.finish();
    auto loaded = std::make_unique<LoadedMap>(std::move(map));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "ems120: loaded %s in %.2f s\n", options.map_path.c_str(), seconds);
    return loaded;
}

}  // namespace ems120::cli
