#pragma once
// What the dispatch center looks up on the map: places by name or id for call intake, and the
// hospital a patient should go to (from a hospitals file with capabilities, or the map's).
#include <string>

#include "dispatch/call_intake.hpp"
#include "dispatch/dispatch_center.hpp"
#include "maps/osm_map.hpp"
#include "routing/segment_index.hpp"

namespace ems120::cli {

// The map and index must outlive the finder.
dispatch::PlaceFinder place_finder(const OsmMap& map, const SegmentIndex& index);
// `hospitals_file` empty: the map's hospitals, without capabilities. Throws InputError for a bad
// file. The routing index must outlive the chooser.
dispatch::DestinationChooser destination_chooser(const OsmMap& map, const dispatch::RoutingIndex& routing,
                                                 const std::string& hospitals_file);

}  // namespace ems120::cli
