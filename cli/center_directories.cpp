#include "cli/center_directories.hpp"

namespace ems120::cli {

dispatch::PlaceFinder place_finder(const OsmMap& map, const SegmentIndex& index) {
    dispatch::PlaceFinder finder;
    finder.by_id = [&map](const std::string& id) -> std::optional<dispatch::PlaceCandidate> {
        for (const auto& p : map.places)
            if (p.source_id == id) return dispatch::PlaceCandidate{p.source_id, p.display_name(), p.kind, p.location};
        return std::nullopt;
    };
    finder.distance_to_road_m = [&index](LatLon p) { return index.nearest(p).distance_m; };
    return finder;
}

dispatch::DestinationChooser destination_chooser(const OsmMap&, const dispatch::RoutingIndex&) { return {}; }

}  // namespace ems120::cli
