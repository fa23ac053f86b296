#pragma once
// The bundled Andorra map with its contraction hierarchy and snapping index, built once per test
// program and shared read-only by the tests that need a real map.
#include "maps/osm_map.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/segment_index.hpp"

namespace ems120::test {

struct AndorraMap {
    OsmMap map = read_osm_map(EMS120_SOURCE_DIR "/maps/data/andorra.osm.pbf", RoadProfile::ambulance_default(), {});
    ContractionHierarchy ch = build_contraction_hierarchy(map.graph);
    SegmentIndex index{map.graph};
};

inline const AndorraMap& andorra() {
    static const AndorraMap a;
    return a;
}

}  // namespace ems120::test
