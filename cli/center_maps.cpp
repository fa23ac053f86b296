#include "cli/center_maps.hpp"

#include "dispatch/lights_and_sirens_profile.hpp"
#include "maps/road_profile.hpp"

namespace ems120::cli {

dispatch::TravelModes CenterMaps::modes() const {
    if (!sirens) return dispatch::TravelModes::one_for_all(normal_index());
    return dispatch::TravelModes::with_lights_and_sirens(normal_index(), index_of(*sirens));
}

CenterMaps load_center_maps(const MapOptions& options, bool lights_and_sirens) {
    CenterMaps maps;
    maps.normal = load_map(options);
    // A prebuilt .ems graph carries its own profile: nothing to derive a faster one from.
    if (!lights_and_sirens || options.map_path.ends_with(".ems")) return maps;
    MapOptions sirens = options;
    const RoadProfile base = options.profile_path.empty() ? RoadProfile::ambulance_default() : load_road_profile(options.profile_path);
    sirens.profile = dispatch::lights_and_sirens_profile(base);
    sirens.cache_variant = "-sirens";
    maps.sirens = load_map(sirens);
    return maps;
}

}  // namespace ems120::cli
