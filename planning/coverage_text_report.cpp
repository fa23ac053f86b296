#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <ostream>

#include "planning/coverage_report.hpp"
#include "planning/printf_text.hpp"

namespace ems120 {

namespace {

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? "-" : format("%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string places_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " place" : " places"); }

std::string lat_lon_text(LatLon p) { return format("%.5f,%.5f", p.lat, p.lon); }

// Kinds in settlement-size order, then any others (from planners' files) alphabetically.
int kind_rank(const std::string& kind) {
    static const char* order[] = {"city", "town", "village", "hamlet", "isolated_dwelling"};
    for (int i = 0; i < 5; ++i)
        if (kind == order[i]) return i;
    return 5;
}

std::vector<std::string> kinds_in_order(std::span<const MapPoint> places) {
    std::vector<std::string> kinds;
    for (const auto& p : places)
        if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) kinds.push_back(p.kind);
    std::sort(kinds.begin(), kinds.end(), [](const std::string& a, const std::string& b) {
        return kind_rank(a) != kind_rank(b) ? kind_rank(a) < kind_rank(b) : a < b;
    });
    return kinds;
}

void print_map_section(std::ostream& out, const CoverageReportInput& in) {
    const auto& m = in.map;
    const auto& g = m.graph;
    out << "Map: " << m.path << " (" << with_thousands(m.file_bytes) << " bytes; " << with_thousands(m.osm_nodes)
        << " nodes, " << with_thousands(m.osm_ways) << " ways, " << with_thousands(m.osm_relations)
        << " relations)\n";
    out << "Roads: " << with_thousands(m.road_ways) << " ambulance road ways";
    if (m.ways_closed_by_access > 0) out << " (" << with_thousands(m.ways_closed_by_access) << " highways closed by access tags)";
    out << "\n";
    out << "Road graph: " << with_thousands(in.graph.node_count()) << " nodes, " << with_thousands(in.graph.edge_count())
        << " directed edges in " << g.components_kept << (g.components_kept == 1 ? " network" : " networks");
    out << "; dropped " << with_thousands(g.nodes_dropped) << " nodes in " << with_thousands(g.components_dropped)
        << " smaller networks\n";
    if (const std::string line = describe_turn_restrictions(m.restrictions); !line.empty()) out << line << "\n";
}

void print_stations_section(std::ostream& out, const CoverageReportInput& in) {
    const auto& r = in.result;
    const auto used = std::count_if(r.stations.begin(), r.stations.end(), [](const StationSnap& s) { return s.used(); });
    out << "\nStations: " << used << " used of " << in.stations.size() << " (" << in.stations_origin << ")\n";
    for (std::size_t i = 0; i < in.stations.size(); ++i) {
        const auto& s = r.stations[i];
        out << "  " << lat_lon_text(in.stations[i].location) << "  "
            << (s.used() ? format("road %5.0f m", s.snap.distance_m) : "NOT USED: " + s.problem) << "  "
            << in.stations[i].display_name() << "\n";
    }
}

void print_share_section(std::ostream& out, const CoverageReportInput& in, double limit_min) {
    const auto& r = in.result;
    std::size_t within = 0;
    for (const auto& p : r.places) within += r.within_limit(p) ? 1 : 0;
    out << "\n" << format("Within %g minutes: %zu of %zu places (%s)\n", limit_min, within, in.places.size(),
                          percent(within, in.places.size()).c_str());
    for (const auto& kind : kinds_in_order(in.places)) {
        std::size_t total = 0, ok = 0;
        for (std::size_t i = 0; i < in.places.size(); ++i) {
            if (in.places[i].kind != kind) continue;
            ++total;
            ok += r.within_limit(r.places[i]) ? 1 : 0;
        }
        out << format("  %-18s %5zu of %5zu  %s\n", kind.c_str(), ok, total, percent(ok, total).c_str());
    }
}

void print_outside_section(std::ostream& out, const CoverageReportInput& in, double limit_min) {
    const auto& r = in.result;
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < r.places.size(); ++i)
        if (r.places[i].reached() && !r.within_limit(r.places[i])) outside.push_back(i);
    std::stable_sort(outside.begin(), outside.end(),
                     [&](std::size_t a, std::size_t b) { return r.places[a].reach.time > r.places[b].reach.time; });
    out << "\n" << format("Outside %g minutes: %s, worst first\n", limit_min, places_text(outside.size()).c_str());
    if (outside.empty()) return;
    out << "  minutes  kind               lat,lon              name  <-  nearest station\n";
    for (std::size_t i : outside) {
        const auto& p = in.places[i];
        out << format("  %7.1f  %-17s  %-19s  ", to_minutes(r.places[i].reach.time), p.kind.c_str(),
                      lat_lon_text(p.location).c_str())
            << p.display_name() << "  <-  " << in.stations[r.places[i].reach.source].display_name() << "\n";
    }
}

void print_unreachable_section(std::ostream& out, const CoverageReportInput& in) {
    const auto& r = in.result;
    std::size_t count = 0;
    for (const auto& p : r.places) count += p.reached() ? 0 : 1;
    out << "\nUnreachable: " << places_text(count) << "\n";
    for (std::size_t i = 0; i < r.places.size(); ++i) {
        if (r.places[i].reached()) continue;
        const auto& p = in.places[i];
        out << format("  %-17s  %-19s  ", p.kind.c_str(), lat_lon_text(p.location).c_str()) << p.display_name()
            << ": " << r.places[i].reason << "\n";
    }
}

void print_histogram(std::ostream& out, const CoverageReportInput& in, double limit_min) {
    constexpr double bin = 2.5;
    constexpr int max_bins = 24;  // 0..60 min, then one overflow bin
    std::vector<std::size_t> counts(max_bins + 1, 0);
    int last = -1;
    for (const auto& p : in.result.places) {
        if (!p.reached()) continue;
        const int b = std::min(max_bins, static_cast<int>(to_minutes(p.reach.time) / bin));
        ++counts[b];
        last = std::max(last, b);
    }
    out << "\nDrive time from the nearest station (reached places)\n";
    if (last < 0) {
        out << "  (no place reached)\n";
        return;
    }
    const std::size_t peak = *std::max_element(counts.begin(), counts.end());
    for (int b = 0; b <= last; ++b) {
        const double lo = b * bin;
        const std::string label = b == max_bins ? format("%5.1f+      ", lo) : format("%5.1f-%5.1f", lo, lo + bin);
        const auto width = static_cast<std::size_t>(std::ceil(40.0 * counts[b] / static_cast<double>(peak)));
        out << "  " << label << " | " << std::string(width, '#');
        if (counts[b] > 0) out << ' ' << counts[b];
        if (lo + bin <= limit_min + 1e-9 && lo + 2 * bin > limit_min + 1e-9) out << "   <- limit";
        out << '\n';
    }
}

}  // namespace

std::string describe_turn_restrictions(const TurnRestrictionStats& t) {
    if (t.read + t.ignored_via_way + t.ignored_other == 0) return "";
    std::string s = "Turn restrictions: " + with_thousands(t.applied) + " honoured (" + with_thousands(t.node_copies) +
                    " junction copies)";
    if (t.not_in_graph > 0)
        s += ", " + with_thousands(t.not_in_graph) + " redundant (one-way roads already forbid the turn) or off the road graph";
    if (t.ignored_via_way > 0) s += ", " + with_thousands(t.ignored_via_way) + " via ways not supported";
    if (t.ignored_other > 0) s += ", " + with_thousands(t.ignored_other) + " for other vehicles or malformed";
    if (t.too_complex > 0) s += ", " + with_thousands(t.too_complex) + " at junctions too complex to split";
    return s;
}

void print_coverage_report(std::ostream& out, const CoverageReportInput& in) {
    const double limit_min = to_minutes(in.result.options.limit);
    print_map_section(out, in);
    for (const auto& note : in.notes) out << "Note: " << note << "\n";
    std::map<std::string, std::size_t> by_kind;
    for (const auto& p : in.places) ++by_kind[p.kind];
    out << "\nPlaces: " << in.places.size();
    std::string sep = " (";
    for (const auto& kind : kinds_in_order(in.places)) {
        out << sep << kind << " " << by_kind[kind];
        sep = ", ";
    }
    out << (in.places.empty() ? "\n" : ")\n");
    print_stations_section(out, in);
    print_share_section(out, in, limit_min);
    print_outside_section(out, in, limit_min);
    print_unreachable_section(out, in);
    print_histogram(out, in, limit_min);
}

}  // namespace ems120
