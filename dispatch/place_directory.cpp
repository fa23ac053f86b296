#include "dispatch/place_directory.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace ems120::dispatch {

namespace {

bool is_space(char32_t c) {
    return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_control(char32_t c) {
    return (c < 0x20 && !is_space(c)) || (c >= 0x7F && c <= 0x9F);
}

std::uint8_t kind_rank(const std::string& kind) {
    static constexpr std::string_view kOrder[] = {"city", "town", "village", "hamlet", "isolated_dwelling"};
    for (std::uint8_t i = 0; i < std::size(kOrder); ++i)
        if (kind == kOrder[i]) return i;
    return static_cast<std::uint8_t>(std::size(kOrder));
}

int tier_of(MatchKind kind) {
    switch (kind) {
        case MatchKind::exact: return 0;
        case MatchKind::prefix:
        case MatchKind::word_prefix: return 1;
        case MatchKind::fuzzy: return 2;
    }
    return 2;
}

bool starts_with_at(const std::u32string& text, std::size_t at, const std::u32string& prefix) {
    return text.size() - at >= prefix.size() && text.compare(at, prefix.size(), prefix) == 0;
}

// Edits allowed between the folded query and a name (or the part of it from a word on) of
// `target_length` characters.
std::uint32_t edit_limit(std::size_t query_length, bool cjk_query, std::size_t target_length) {
    if (query_length < 2) return 0;  // one character: no typo tolerance (everything would match)
    if (cjk_query) return 1;
    return std::min(query_length, target_length) <= 5 ? 1 : 2;
}

}  // namespace

const char* to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::exact: return "exact";
        case MatchKind::prefix: return "prefix";
        case MatchKind::word_prefix: return "word_prefix";
        case MatchKind::fuzzy: return "fuzzy";
    }
    return "?";
}

std::optional<std::size_t> PlaceLookup::single_exact() const {
    if (exact_matches != 1 || candidates.empty() || candidates.front().kind != MatchKind::exact) return std::nullopt;
    return candidates.front().index;
}

FoldedName fold_query(std::string_view query) {
    if (query.size() > kMaxQueryBytes)
        throw std::invalid_argument("place name query is too long (" + std::to_string(query.size()) +
                                    " bytes, at most " + std::to_string(kMaxQueryBytes) + ")");
    if (query.empty()) throw std::invalid_argument("place name query is empty");
    const std::optional<std::u32string> decoded = decode_utf8(query);
    if (!decoded) throw std::invalid_argument("place name query is not valid UTF-8");
    if (std::any_of(decoded->begin(), decoded->end(), is_control))
        throw std::invalid_argument("place name query contains a control character");
    if (std::all_of(decoded->begin(), decoded->end(), is_space))
        throw std::invalid_argument("place name query is blank (only white space)");
    FoldedName folded = fold_name(std::u32string_view(*decoded));
    if (folded.text.empty())
        throw std::invalid_argument("place name query has no letters or digits (only separators such as - ' .)");
    return folded;
}

PlaceDirectory::PlaceDirectory(std::vector<MapPoint> points) : points_(std::move(points)) {
    kind_rank_.reserve(points_.size());
    by_id_.reserve(points_.size());
    for (std::size_t i = 0; i < points_.size(); ++i) {
        const MapPoint& p = points_[i];
        kind_rank_.push_back(kind_rank(p.kind));
        by_id_.emplace_back(p.source_id, i);
        const std::string* fields[] = {&p.name, &p.name_zh, &p.name_en};
        const std::size_t first_name = names_.size();
        for (std::uint8_t f = 0; f < 3; ++f) {
            if (fields[f]->empty()) continue;
            FoldedName folded = fold_name(std::string_view(*fields[f]));
            if (folded.text.empty()) continue;
            // `name` is often a copy of name:zh or name:en: one entry per distinct folded text.
            const bool repeated = std::any_of(names_.begin() + static_cast<std::ptrdiff_t>(first_name), names_.end(),
                                              [&](const IndexedName& n) { return n.folded.text == folded.text; });
            if (!repeated) names_.push_back({static_cast<std::uint32_t>(i), f, std::move(folded)});
        }
    }
    // Stable: the first of two equal ids comes first, and lower_bound finds it.
    std::stable_sort(by_id_.begin(), by_id_.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
}

const std::string& PlaceDirectory::field_text(const IndexedName& name) const {
    const MapPoint& p = points_[name.point];
    return name.field == 0 ? p.name : name.field == 1 ? p.name_zh : p.name_en;
}

std::optional<std::size_t> PlaceDirectory::find_id(std::string_view source_id) const {
    const auto it = std::lower_bound(by_id_.begin(), by_id_.end(), source_id,
                                     [](const auto& entry, std::string_view id) { return entry.first < id; });
    if (it == by_id_.end() || it->first != source_id) return std::nullopt;
    return it->second;
}

PlaceLookup PlaceDirectory::find_name(std::string_view query, const LookupOptions& options) const {
    if (options.limit == 0) throw std::invalid_argument("place lookup limit must be at least 1");
    const FoldedName q = fold_query(query);
    const std::u32string& text = q.text;
    const bool cjk_query = std::any_of(text.begin(), text.end(), is_cjk);

    struct Found {
        std::uint32_t point;
        std::uint32_t name;  // into names_
        MatchKind kind;
        std::uint32_t distance;
    };
    std::vector<Found> found;
    std::vector<std::uint32_t> rows;
    int best_tier = 2;

    // names_ is grouped by point: keep the best match of each point's names.
    for (std::size_t n = 0; n < names_.size(); ++n) {
        const IndexedName& name = names_[n];
        const std::u32string& target = name.folded.text;
        Found match{name.point, static_cast<std::uint32_t>(n), MatchKind::exact, 0};
        if (target == text) {
            match.kind = MatchKind::exact;
        } else if (starts_with_at(target, 0, text)) {
            match.kind = MatchKind::prefix;
        } else if (std::any_of(name.folded.word_starts.begin(), name.folded.word_starts.end(),
                               [&](std::uint32_t w) { return w > 0 && starts_with_at(target, w, text); })) {
            match.kind = MatchKind::word_prefix;
        } else {
            // Typos are only looked for while they could still be returned.
            if (!options.all_tiers && best_tier < 2) continue;
            const bool better_known =
                !found.empty() && found.back().point == name.point && found.back().kind != MatchKind::fuzzy;
            if (better_known) continue;  // another name of the point already matched better than a typo
            std::uint32_t best = UINT32_MAX;
            for (const std::uint32_t w : name.folded.word_starts) {
                const std::u32string_view part = std::u32string_view(target).substr(w);
                const std::uint32_t limit = edit_limit(text.size(), cjk_query, part.size());
                if (limit == 0) continue;
                const std::uint32_t d = bounded_edit_distance(text, part, limit, rows);
                if (d <= limit) best = std::min(best, d);
            }
            if (best == UINT32_MAX) continue;
            match.kind = MatchKind::fuzzy;
            match.distance = best;
        }
        best_tier = std::min(best_tier, tier_of(match.kind));
        if (!found.empty() && found.back().point == name.point) {
            Found& previous = found.back();
            if (std::tie(match.kind, match.distance) < std::tie(previous.kind, previous.distance)) previous = match;
        } else {
            found.push_back(match);
        }
    }

    if (!options.all_tiers)
        found.erase(std::remove_if(found.begin(), found.end(), [&](const Found& f) { return tier_of(f.kind) != best_tier; }),
                    found.end());

    PlaceLookup result;
    result.total_matches = found.size();
    result.exact_matches = static_cast<std::size_t>(
        std::count_if(found.begin(), found.end(), [](const Found& f) { return f.kind == MatchKind::exact; }));

    const auto key = [&](const Found& f) {
        const MapPoint& p = points_[f.point];
        const std::int64_t population = p.population ? *p.population : -1;
        return std::make_tuple(f.kind, f.distance, -population, kind_rank_[f.point], std::string_view(p.source_id), f.point);
    };
    const std::size_t keep = std::min(options.limit, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      [&](const Found& x, const Found& y) { return key(x) < key(y); });
    result.candidates.reserve(keep);
    for (std::size_t i = 0; i < keep; ++i) {
        const Found& f = found[i];
        result.candidates.push_back({f.point, field_text(names_[f.name]), f.kind, f.distance});
    }
    return result;
}

}  // namespace ems120::dispatch
