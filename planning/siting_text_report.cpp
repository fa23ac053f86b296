#include <algorithm>
#include <cstdio>
#include <ostream>
#include <tuple>

#include "planning/siting_report.hpp"
#include "planning/printf_text.hpp"

namespace ems120 {

namespace {

// 1 decimal, or 2 where 1 would round a shortfall up to 100.0%.
std::string share(double part, double whole) {
    if (whole <= 0) return "-";
    const double percent = 100.0 * part / whole;
    return format(percent < 100.0 && percent >= 99.95 ? "%.2f%%" : "%.1f%%", percent);
}

// "52 of 59 (88.1%)", padded to `width` to make a column.
std::string share_cell(double part, double whole, const char* number_format, int width = 0) {
    const std::string text = format(number_format, part) + " of " + format(number_format, whole) + " (" + share(part, whole) + ")";
    return format("%-*s", width, text.c_str());
}

std::string value_text(SitingModel model, double v) {
    return model == SitingModel::mexclp ? format("%.2f", v) : format("%.0f", v);
}

const char* model_title(SitingModel model) {
    switch (model) {
        case SitingModel::mclp: return "maximal covering (mclp)";
        case SitingModel::lscp: return "fewest sites covering every reachable place (lscp)";
        case SitingModel::mexclp: return "maximal expected covering (mexclp)";
    }
    return "?";
}

const char* value_meaning(SitingModel model) {
    switch (model) {
        case SitingModel::mclp: return "covered weight";
        case SitingModel::lscp: return "new sites";
        case SitingModel::mexclp: return "expected covered weight";
    }
    return "?";
}

std::string minutes_text(const PlaceCoverage& c) {
    return c.reached() ? format("%7.1f", to_minutes(c.reach.time)) : std::string("      -");
}

void print_header(std::ostream& out, const SitingReportInput& in) {
    const SitingProblem& pr = in.problem;
    const CoverageSets& sets = in.built.sets;
    out << "Siting: " << model_title(pr.model);
    if (pr.model == SitingModel::mclp) out << ", " << pr.add << (pr.add == 1 ? " new site" : " new sites");
    if (pr.model == SitingModel::mexclp) out << ", " << pr.add << (pr.add == 1 ? " more unit" : " more units")
                                             << format(", busy probability %.2f", pr.busy_probability);
    out << format(", within %g minutes", to_minutes(in.before.options.limit));
    if (pr.relocate) out << ", existing stations may move";
    out << "\n";
    out << "Places: " << sets.place_count() << " (weight: population where known, else 1; total "
        << sets.total_weight() << ")\n";
    std::size_t off_road = 0;
    for (std::uint32_t j = 0; j < sets.existing_count; ++j) off_road += in.built.on_road[j] ? 0 : 1;
    out << "Existing stations: " << in.existing.size() << " (" << in.existing_origin << ")";
    if (off_road > 0) out << "; " << off_road << " too far from a road, covering nothing";
    out << "\nCandidate sites: " << in.candidates.size() << " (" << in.candidates_origin << ")\n";
    for (const auto& note : in.notes) out << "Note: " << note << "\n";
}

void print_sites(std::ostream& out, const SitingReportInput& in) {
    const auto& units = in.result.best_units;
    const bool mexclp = in.problem.model == SitingModel::mexclp;
    std::vector<std::uint32_t> proposed, extra_units, closed;
    for (std::uint32_t j = 0; j < units.size(); ++j) {
        if (j < in.existing.size()) {
            if (units[j] == 0) closed.push_back(j);
            else if (units[j] > 1) extra_units.push_back(j);
        } else if (units[j] > 0) {
            proposed.push_back(j);
        }
    }
    out << "\nProposed sites: " << proposed.size() << "\n";
    if (!proposed.empty()) out << "   #  kind            lat,lon               gained" << (mexclp ? "  units" : "") << "  name\n";
    std::size_t n = 0;
    for (const std::uint32_t j : proposed) {
        const MapPoint& p = site_point(in, j);
        out << format("  %2zu  %-14s  %9.5f,%-10.5f  %6u", ++n, p.kind.c_str(), p.location.lat, p.location.lon,
                      places_gained(in, j));
        if (mexclp) out << format("  %5u", units[j]);
        out << "  " << p.display_name() << "\n";
    }
    std::size_t idle = 0;
    for (const std::uint32_t j : proposed) idle += places_gained(in, j) == 0 ? 1 : 0;
    if (in.problem.model == SitingModel::mclp && !in.problem.relocate && idle > 0 && idle < proposed.size())
        out << "  (" << idle << (idle == 1 ? " of them covers" : " of them cover")
            << " no place the existing stations miss: fewer new sites give the same coverage)\n";
    for (const std::uint32_t j : extra_units)
        out << "  + " << units[j] - 1 << " more unit" << (units[j] > 2 ? "s" : "") << " at existing station "
            << site_point(in, j).display_name() << "\n";
    if (!closed.empty()) {
        out << "Existing stations given up: " << closed.size() << "\n";
        for (const std::uint32_t j : closed) out << "  " << site_point(in, j).display_name() << "\n";
    }
}

void print_coverage(std::ostream& out, const SitingReportInput& in) {
    const CoverageSets& sets = in.built.sets;
    UnitsPerSite existing_units(sets.site_count(), 0);
    for (std::uint32_t j = 0; j < sets.existing_count; ++j) existing_units[j] = 1;
    const auto n_before = units_reaching(sets, existing_units);
    const auto n_after = units_reaching(sets, in.result.best_units);
    std::size_t places_before = 0, places_after = 0;
    std::int64_t weight_before = 0, weight_after = 0;
    for (std::size_t i = 0; i < sets.place_count(); ++i) {
        places_before += n_before[i] > 0;
        places_after += n_after[i] > 0;
        weight_before += n_before[i] > 0 ? sets.place_weights[i] : 0;
        weight_after += n_after[i] > 0 ? sets.place_weights[i] : 0;
    }
    const double places = static_cast<double>(sets.place_count()), weight = static_cast<double>(sets.total_weight());
    out << format("\nCovered within %g minutes  %-28s %s\n", to_minutes(in.before.options.limit), "before", "after");
    out << "  places                  " << share_cell(static_cast<double>(places_before), places, "%.0f", 28) << " "
        << share_cell(static_cast<double>(places_after), places, "%.0f") << "\n";
    out << "  weight                  " << share_cell(static_cast<double>(weight_before), weight, "%.0f", 28) << " "
        << share_cell(static_cast<double>(weight_after), weight, "%.0f") << "\n";
    if (in.problem.model == SitingModel::mexclp) {
        const double expected_before = siting_value(in.problem, existing_units);
        out << "  expected weight         " << share_cell(expected_before, weight, "%.1f", 28) << " "
            << share_cell(in.result.best_value, weight, "%.1f") << "\n";
    }
    if (in.problem.model == SitingModel::mclp && !in.problem.relocate && weight_after == weight_before)
        out << "The existing stations already cover every place a candidate could add: the new sites gain\n"
               "nothing (a shorter --minutes, or --model mexclp for backup cover, asks a sharper question).\n";
}

void print_uncovered(std::ostream& out, const SitingReportInput& in) {
    const CoverageSets& sets = in.built.sets;
    const auto n_after = units_reaching(sets, in.result.best_units);
    std::vector<bool> unreachable(sets.place_count(), false);
    for (const std::uint32_t i : in.result.unreachable) unreachable[i] = true;
    std::vector<std::uint32_t> uncovered;
    for (std::uint32_t i = 0; i < sets.place_count(); ++i)
        if (n_after[i] == 0 && !unreachable[i]) uncovered.push_back(i);
    // Worst first, as `ems120 coverage` lists them: the slowest (or not reached at all) first.
    const auto worst_first = [&](std::uint32_t a, std::uint32_t b) {
        return std::tuple(in.after.places[b].reach.time, a) < std::tuple(in.after.places[a].reach.time, b);
    };
    std::sort(uncovered.begin(), uncovered.end(), worst_first);
    out << "\nStill uncovered: " << uncovered.size() << (uncovered.size() == 1 ? " place" : " places")
        << ", worst first\n";
    if (!uncovered.empty()) out << "  minutes  kind               lat,lon              name\n";
    for (const std::uint32_t i : uncovered) {
        const MapPoint& p = in.places[i];
        out << "  " << minutes_text(in.after.places[i])
            << format("  %-17s  %9.5f,%-10.5f ", p.kind.c_str(), p.location.lat, p.location.lon) << p.display_name()
            << "\n";
    }
    std::vector<std::uint32_t> beyond = in.result.unreachable;
    std::sort(beyond.begin(), beyond.end(), worst_first);
    out << "Unreachable within the limit by any candidate: " << beyond.size()
        << (beyond.size() == 1 ? " place" : " places") << "\n";
    for (const std::uint32_t i : beyond) {
        const MapPoint& p = in.places[i];
        const PlaceCoverage& c = in.after.places[i];
        out << "  " << minutes_text(c) << format("  %-17s  %9.5f,%-10.5f ", p.kind.c_str(), p.location.lat, p.location.lon)
            << p.display_name();
        if (!c.reason.empty()) out << ": " << c.reason;
        out << "\n";
    }
}

void print_quality(std::ostream& out, const SitingReportInput& in) {
    const SitingResult& r = in.result;
    const SitingModel model = in.problem.model;
    out << "\nMethod: " << r.method << "\n";
    out << "Heuristic: " << value_text(model, r.heuristic_value) << " " << value_meaning(model) << " (";
    if (model == SitingModel::lscp) out << "greedy " << value_text(model, r.greedy_value) << ", redundant sites dropped";
    else out << "greedy " << value_text(model, r.greedy_value) << ", " << r.swaps << (r.swaps == 1 ? " swap" : " swaps");
    out << format(", %.2f ms)\n", r.heuristic_seconds * 1000.0);
    if (r.exact) {
        const ExactResult& e = *r.exact;
        out << "Exact (GLPK): ";
        if (!e.lp_solved) out << "the LP relaxation did not finish within the time limit";
        else out << "LP relaxation " << format("%.2f", e.lp_bound) << format(" (%.2f s)", e.lp_seconds);
        if (r.mip_skipped_as_large) out << "; branch and bound skipped: the instance is large for --exact auto (use --exact always)";
        if (e.mip_run) {
            out << "; branch and bound ";
            if (e.units) out << value_text(model, e.value) << (e.proven_optimal ? " (proven optimal)" : " (best found)");
            else out << "found no answer";
            if (e.time_limit_reached) out << ", time limit reached";
            out << format(" (%.2f s)", e.mip_seconds);
        }
        out << "\n";
    }
    if (r.bound_kind == BoundKind::none) {
        out << "Bound: none (" << (r.exact ? "GLPK ran out of time before the LP relaxation finished; a longer --time-limit"
                                           : "--exact never")
            << "): the gap is unknown\n";
        return;
    }
    out << "Bound: " << value_text(model, r.bound) << " (" << bound_kind_text(r.bound_kind) << ")\n";
    out << format("Gap of the heuristic: %.2f%%", 100.0 * *r.gap);
    if (r.best_value != r.heuristic_value)
        out << format("; of the proposed answer: %.2f%%",
                      100.0 * optimality_gap(model != SitingModel::lscp, r.best_value, r.bound));
    out << "\n";
}

}  // namespace

void print_siting_report(std::ostream& out, const SitingReportInput& in) {
    print_header(out, in);
    if (in.problem.model == SitingModel::lscp) {
        std::size_t reachable = in.built.sets.place_count() - in.result.unreachable.size();
        out << "\nSites needed: " << value_text(in.problem.model, in.result.best_value)
            << (in.problem.relocate ? " in all" : " new") << " to cover all " << reachable
            << " places some site reaches within the limit\n";
    }
    print_sites(out, in);
    print_coverage(out, in);
    print_uncovered(out, in);
    print_quality(out, in);
}

}  // namespace ems120
