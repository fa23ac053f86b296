#include "cli/map_session.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/atomic_file.hpp"
#include "cli/value_parsers.hpp"
#include "maps/binary_file.hpp"

namespace ems120::cli {

std::vector<OptionSpec> map_option_specs() {
    return {
        {"map", "FILE", "OpenStreetMap file (.osm.pbf, .osm, .osm.bz2) or a graph built by ems120 build-map (.ems);\n"
                        "default: the bundled Andorra map"},
        {"profile", "FILE", "road profile overriding the default ambulance speeds (docs/road-profile.md)"},
        {"min-component", "N", "drop road networks with fewer than N nodes (default 1000)"},
        {"max-snap-m", "M", "farthest a point may be from a road to be snapped onto it (default 2000)"},
        {"cache-dir", "DIR", "where built graphs of OSM files are cached (default: $EMS120_CACHE_DIR,\n"
                             "else $XDG_CACHE_HOME/ems120, else ~/.cache/ems120)"},
        {"no-cache", "", "build the graph from the OSM file without reading or writing the cache"},
    };
}

MapOptions map_options_from(const CommandLine& line) {
    MapOptions o;
    o.map_path = line.value("map").value_or(default_map_path());
    o.profile_path = line.value("profile").value_or("");
    if (auto v = line.value("min-component")) o.graph.min_component_nodes = parse_count("min-component", *v, 1, 100000000);
    if (auto v = line.value("max-snap-m")) o.max_snap_m = parse_number("max-snap-m", *v, 1.0, 100000.0);
    o.build_options_given = line.has("profile") || line.has("min-component");
    if (auto v = line.value("cache-dir")) {
        if (v->empty()) throw UsageError("--cache-dir needs a directory");
        o.cache_dir = *v;
    }
    o.no_cache = line.has("no-cache");
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

std::string without_osm_suffix(const std::string& path) {
    std::string s = path;
    for (const char* suffix : {".bz2", ".gz", ".pbf", ".osm"})
        if (s.size() > std::strlen(suffix) && s.ends_with(suffix)) s.resize(s.size() - std::strlen(suffix));
    return s;
}

std::string cache_path_for(const std::string& osm_path, const std::string& cache_dir, const std::string& variant) {
    std::filesystem::path dir = cache_dir;
    if (dir.empty()) {
        if (const char* env = std::getenv("EMS120_CACHE_DIR"); env && *env) dir = env;
        else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) dir = std::filesystem::path(xdg) / "ems120";
        else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".cache/ems120";
        else dir = std::filesystem::temp_directory_path() / "ems120-cache";
    }
    // Two maps with the same name in different folders must not share one cache file.
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(osm_path, ec);
    const std::string stem = without_osm_suffix(std::filesystem::path(osm_path).filename().string());
    char tag[20];
    std::snprintf(tag, sizeof tag, "%08llx",
                  static_cast<unsigned long long>(content_hash((ec ? std::filesystem::path(osm_path) : absolute).string()) & 0xffffffffu));
    return (dir / (stem + "-" + tag + variant + ".ems")).string();
}

namespace {

bool looks_like_ems_file(const std::string& path) { return path.ends_with(".ems") || starts_like_map_file(path); }

RoutableMap load_ems_file(const MapOptions& options) {
    if (options.build_options_given)
        throw UsageError("--profile and --min-component apply when a graph is built; " + options.map_path +
                         " was built with its own (rebuild it with ems120 build-map)");
    std::error_code ec;
    if (!std::filesystem::exists(options.map_path, ec)) throw InputError(options.map_path + ": no such file");
    RoutableMap routable = decode_routable_map(read_whole_file(options.map_path), options.map_path);
    routable.map.summary.path = options.map_path;
    return routable;
}

// The cache if it was built from this very file with this profile; nothing otherwise.
std::optional<RoutableMap> load_cache(const std::string& cache, const MapFileIdentity& identity) {
    if (peek_map_file_identity(cache) != identity) return std::nullopt;
    try {
        return decode_routable_map(read_whole_file(cache), cache);
    } catch (const InputError& e) {
        std::cerr << "ems120: note: ignoring the cached graph: " << e.what() << "; rebuilding it\n";
        return std::nullopt;
    }
}

RoutableMap load_osm_file(const MapOptions& options, ProgressPrinter& printer, std::string& how) {
    const RoadProfile profile = options.profile ? *options.profile
                                : options.profile_path.empty() ? RoadProfile::ambulance_default()
                                                               : load_road_profile(options.profile_path);
    const auto progress = [&](const std::string& stage, double f) { printer(stage, f); };
    std::optional<MapFileIdentity> identity;
    std::string cache;
    if (!options.no_cache) {
        try {
            identity = map_file_identity(hash_file(options.map_path), profile, options.graph);
            cache = cache_path_for(options.map_path, options.cache_dir, options.cache_variant);
        } catch (const InputError&) {
            // Unreadable map: reading it below gives the precise error.
        }
    }
    if (identity) {
        if (auto cached = load_cache(cache, *identity)) {
            cached->map.summary.path = options.map_path;
            how = " (graph from the cache " + cache + ")";
            return std::move(*cached);
        }
    }
    RoutableMap routable = build_routable_map(options.map_path, profile, options.graph, progress);
    if (identity) {
        try {
            std::error_code ec;
            std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), ec);
            write_file_atomically(cache, encode_routable_map(routable, *identity));
            how = " (graph built and cached in " + cache + ")";
        } catch (const InputError& e) {
            printer.finish();
            std::cerr << "ems120: note: the graph was not cached: " << e.what() << "\n";
        }
    }
    return routable;
}

}  // namespace

std::unique_ptr<LoadedMap> load_map(const MapOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ProgressPrinter printer;
    std::string how;
    std::unique_ptr<LoadedMap> loaded;
    try {
        RoutableMap routable =
            looks_like_ems_file(options.map_path) ? load_ems_file(options) : load_osm_file(options, printer, how);
        loaded = std::make_unique<LoadedMap>(std::move(routable));
    } catch (...) {
        printer.finish();
        throw;
    }
    printer.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "ems120: loaded %s in %.2f s%s\n", options.map_path.c_str(), seconds, how.c_str());
    return loaded;
}

}  // namespace ems120::cli
