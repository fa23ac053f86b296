#pragma once
// Finding a place by what the call-taker types: an id ("n52678960") or a name in any of the
// point's names (name, name:zh, name:en — in China name:en is usually pinyin), folded by
// dispatch/name_folding so case, accents, spaces, hyphens, apostrophes and dots do not matter.
//
//   const PlaceDirectory places(map.places);          // once: folds every name
//   PlaceLookup found = places.find_name("sant julia");  // any thread, any time
//   if (auto index = found.single_exact()) ... else show found.candidates
//
// Matches come in tiers: exact (folded names equal), then prefix (the query starts the name, or
// starts one of its words: "Massana" finds "La Massana"; in Chinese any character starts a word),
// then typo-tolerant (optimal string alignment distance to the whole name or to the name from one
// of its words on: at most 1 edit for up to 5 characters, 2 for longer; a Chinese query of two or
// more characters 1 edit, one character none). By default only the best tier that matched
// anything is returned. Ranked by tier (exact, prefix, word prefix, fuzzy), edit distance,
// population (known, larger first), kind (city, town, village, hamlet, isolated_dwelling, other),
// then source_id, so equal inputs always give the same order.
//
// The directory is immutable once built: lookups are const, allocate only their result, and may
// run concurrently. A lookup scans every folded name (a few microseconds per thousand names).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dispatch/name_folding.hpp"
#include "maps/map_point.hpp"

namespace ems120::dispatch {

enum class MatchKind : std::uint8_t {
    exact,        // the folded name equals the folded query
    prefix,       // the folded name starts with the folded query
    word_prefix,  // a word of the name (not the first) starts with the query; in Chinese, contains it
    fuzzy,        // within the edit limit of the whole name, or of the name from one of its words on
};
const char* to_string(MatchKind kind);

struct PlaceMatch {
    std::size_t index = 0;     // into the directory's points (the vector it was built from)
    std::string matched_name;  // the name as written in the data (name, name_zh or name_en)
    MatchKind kind = MatchKind::exact;
    std::uint32_t distance = 0;  // edits for a fuzzy match, 0 otherwise
};

struct PlaceLookup {
    std::vector<PlaceMatch> candidates;  // ranked, at most the limit
    std::size_t total_matches = 0;       // before the limit (within the returned tiers)
    std::size_t exact_matches = 0;       // before the limit

    // The index of the only exact match: the caller's "use it". Nothing when none or several.
    std::optional<std::size_t> single_exact() const;
    bool ambiguous() const { return exact_matches > 1; }
};

struct LookupOptions {
    std::size_t limit = 10;  // at least 1
    // false: only the best tier that matched (exact, else prefix and word prefix, else fuzzy);
    // true: every tier, ranked (for a suggestion list while typing).
    bool all_tiers = false;
};

// Queries longer than this (in bytes) are refused.
inline constexpr std::size_t kMaxQueryBytes = 200;

class PlaceDirectory {
public:
    // Copies the points. Ids are expected to be unique; where one repeats, find_id answers the first.
    explicit PlaceDirectory(std::vector<MapPoint> points);

    std::size_t size() const { return points_.size(); }
    const MapPoint& point(std::size_t index) const { return points_.at(index); }
    const std::vector<MapPoint>& points() const { return points_; }

    // Exact, case-sensitive source_id lookup.
    std::optional<std::size_t> find_id(std::string_view source_id) const;

    // Throws std::invalid_argument (a message fit for an HTTP 400) for an empty, blank, too long
    // (> kMaxQueryBytes) or invalid UTF-8 query, one with control characters, one with nothing
    // left after folding (only separators), and for a limit of 0.
    PlaceLookup find_name(std::string_view query, const LookupOptions& options = {}) const;

private:
    struct IndexedName {
        std::uint32_t point = 0;
        std::uint8_t field = 0;  // 0 name, 1 name_zh, 2 name_en
        FoldedName folded;
    };
    struct RankKey;

    const std::string& field_text(const IndexedName& name) const;

    std::vector<MapPoint> points_;
    std::vector<IndexedName> names_;                           // grouped by point, fields in order
    std::vector<std::pair<std::string, std::size_t>> by_id_;  // sorted by id
    std::vector<std::uint8_t> kind_rank_;                      // by point
};

// The folded query, after the same validation find_name does (exposed for tests and for callers
// that want to validate before queueing a lookup). Throws std::invalid_argument.
FoldedName fold_query(std::string_view query);

}  // namespace ems120::dispatch
