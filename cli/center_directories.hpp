#pragma once
// What the dispatch center looks up on the map: places by name or id for call intake, and the
// hospital a patient should go to (from a hospitals file with capabilities, or the map's).
#include <string>
#include <vector>

#include "dispatch/call_intake.hpp"
#include "dispatch/dispatch_center.hpp"
#include "dispatch/hospitals_file.hpp"
#include "maps/osm_map.hpp"
#include "routing/segment_index.hpp"

namespace ems120::cli {

// The map and index must outlive the finder.
dispatch::PlaceFinder place_finder(const OsmMap& map, const SegmentIndex& index);
// The center's hospitals: from `hospitals_file` (with capabilities), or when it is empty the
// map's, without capabilities. Throws InputError for a bad file.
std::vector<dispatch::Hospital> center_hospitals(const OsmMap& map, const std::string& hospitals_file);
// The routing index must outlive the chooser; none without hospitals.
dispatch::DestinationChooser destination_chooser(const dispatch::RoutingIndex& routing, std::vector<dispatch::Hospital> hospitals);

}  // namespace ems120::cli
