#include "cli/center_directories.hpp"

#include <memory>

#include "dispatch/hospital_directory.hpp"
#include "dispatch/hospitals_file.hpp"
#include "dispatch/place_directory.hpp"

namespace ems120::cli {

namespace {

dispatch::PlaceCandidate candidate(const MapPoint& p) { return {p.source_id, p.display_name(), p.kind, p.location}; }

}  // namespace

dispatch::PlaceFinder place_finder(const OsmMap& map, const SegmentIndex& index) {
    const auto directory = std::make_shared<const dispatch::PlaceDirectory>(map.places);
    dispatch::PlaceFinder finder;
    finder.by_id = [directory](const std::string& id) -> std::optional<dispatch::PlaceCandidate> {
        const auto found = directory->find_id(id);
        if (!found) return std::nullopt;
        return candidate(directory->point(*found));
    };
    finder.by_name = [directory](const std::string& text) {
        const dispatch::PlaceLookup lookup = directory->find_name(text);  // throws invalid_argument for a bad query
        dispatch::PlaceFinder::Found found;
        for (const auto& match : lookup.candidates)
            (match.kind == dispatch::MatchKind::exact ? found.exact : found.close).push_back(candidate(directory->point(match.index)));
        return found;
    };
    finder.distance_to_road_m = [&index](LatLon p) { return index.nearest(p).distance_m; };
    return finder;
}

std::vector<dispatch::Hospital> center_hospitals(const OsmMap& map, const std::string& hospitals_file) {
    return hospitals_file.empty() ? dispatch::hospitals_from_map(map.hospitals) : dispatch::read_hospitals_file(hospitals_file);
}

dispatch::DestinationChooser destination_chooser(const dispatch::RoutingIndex& routing, std::vector<dispatch::Hospital> hospitals) {
    if (hospitals.empty()) return {};
    const auto directory = std::make_shared<const dispatch::HospitalDirectory>(routing, std::move(hospitals));
    // One query object: the chooser is only ever called from the dispatcher's own thread.
    const auto query = std::make_shared<dispatch::HospitalQuery>(*directory);
    return [directory, query](LatLon scene, const std::string& needs) -> std::optional<dispatch::Destination> {
        auto pick = [&](std::optional<std::string_view> capability) -> std::optional<dispatch::Destination> {
            for (const auto& h : query->nearest_hospitals(scene, capability, 1).ranked)
                if (h.reach == dispatch::HospitalReach::reachable) return dispatch::Destination{h.id, h.name, h.location, h.eta_ms};
            return std::nullopt;
        };
        if (!needs.empty())
            if (auto d = pick(needs)) return d;
        // No reachable hospital offers what the patient needs: the nearest one stabilises first.
        return pick(std::nullopt);
    };
}

}  // namespace ems120::cli
