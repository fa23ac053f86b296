#pragma once
// Shared by the end-to-end tests of the `ems120` binary: where the maps are, how to read its
// stdout/stderr, and the checks every bad-input run must pass (exit code, exactly one error
// line naming the culprit, no crash text, nothing left behind next to --out).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace ems120::test {

inline std::string bundled_map() { return std::string(EMS120_SOURCE_DIR) + "/maps/data/andorra.osm.pbf"; }
inline std::string shared_map(const std::string& name) {
    return std::string(EMS120_SHARED_MAPS_DIR) + "/" + name + ".osm.pbf";
}

// Two points on Andorran roads: central Andorra la Vella and the road up to Ordino.
inline constexpr const char* kAndorraLaVella = "42.5078,1.5211";
inline constexpr const char* kOrdinoRoad = "42.5446,1.5165";

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

inline std::vector<std::string> error_lines(const std::string& err) {
    std::vector<std::string> found;
    for (const auto& line : lines_of(err))
        if (line.find("error") != std::string::npos) found.push_back(line);
    return found;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Names of everything in `dir` (including dot files such as .report.geojson.tmp-XXXXXX).
inline std::set<std::string> entries_of(const std::filesystem::path& dir) {
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) names.insert(e.path().filename().string());
    return names;
}

inline std::string describe(const CommandResult& r) {
    return "exit code " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out.substr(0, 3000) +
           "\n--- stderr ---\n" + r.err;
}

// Text that only a crash, an escaped exception or a sanitizer would print.
inline void check_no_crash_text(const std::string& err) {
    for (const char* marker : {"internal error", "terminate", "Aborted", "Sanitizer", "runtime error:",
                               "Segmentation fault", "core dumped", "what():"}) {
        INFO("crash marker: " << marker);
        CHECK_FALSE(contains(err, marker));
    }
}

// A progress or note line a run may print on stderr besides its error.
inline bool is_progress_line(const std::string& line) {
    static const std::regex progress(
        R"(ems120: (reading relations|reading map|assembling multipolygon places|building road graph|building contraction hierarchy)\.\.\.)");
    return std::regex_match(line, progress) || line.rfind("ems120: loaded ", 0) == 0 ||
           line.rfind("ems120: note: ", 0) == 0 ||
           line.rfind("ems120: the map has no ambulance stations (emergency=ambulance_station); using its ", 0) == 0;
}

// The one line a failing run says why, or "" (after failed checks) when there is not exactly one.
inline std::string the_error_line(const CommandResult& r) {
    INFO(describe(r));
    check_no_crash_text(r.err);
    const auto errors = error_lines(r.err);
    CHECK(errors.size() == 1);
    for (const auto& line : lines_of(r.err)) {
        if (line.find("error") != std::string::npos) continue;
        INFO("unexpected stderr line: '" << line << "'");
        CHECK(is_progress_line(line));
    }
    if (errors.size() != 1) return "";
    CHECK_THAT(errors[0], Catch::StartsWith("ems120: error: "));
    CHECK(errors[0].size() > std::string("ems120: error: ").size() + 10);
    return errors[0];
}

// A wrong command line: exit 2, before any map is read, so stderr is exactly that one line.
inline void expect_usage_error(const CommandResult& r, const std::vector<std::string>& mentions) {
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(lines_of(r.err).size() == 1);
    const std::string line = the_error_line(r);
    for (const auto& m : mentions) {
        INFO("the error line should mention '" << m << "'");
        CHECK(contains(line, m));
    }
    CHECK(r.out.empty());
}

// Bad input data (a file, a row, a point): exit 1, one error line among progress lines.
inline void expect_input_error(const CommandResult& r, const std::vector<std::string>& mentions) {
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    const std::string line = the_error_line(r);
    for (const auto& m : mentions) {
        INFO("the error line should mention '" << m << "'");
        CHECK(contains(line, m));
    }
    CHECK(r.out.empty());
}

// Minimal RFC 4180 reader for checking --out CSV files.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        any = true;
        if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            any = false;
        } else if (c != '\r') {
            field += c;
        }
    }
    if (any) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

// "Within 15 minutes: 52 of 59 places (88.1%)" -> {52, 59}; {-1, -1} when the line is missing.
inline std::pair<int, int> within_counts(const std::string& out, const std::string& minutes) {
    const std::regex line("Within " + minutes + R"( minutes: (\d+) of (\d+) places)");
    std::smatch m;
    if (!std::regex_search(out, m, line)) return {-1, -1};
    return {std::stoi(m[1]), std::stoi(m[2])};
}

inline int count_after(const std::string& out, const std::string& pattern) {
    const std::regex line(pattern);
    std::smatch m;
    if (!std::regex_search(out, m, line)) return -1;
    return std::stoi(m[1]);
}

}  // namespace ems120::test
