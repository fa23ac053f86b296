#pragma once
// A faster road profile for critical and emergency calls driven with lights and sirens, derived
// from the normal ambulance profile by a speed factor per road class. The graph built from it is
// the lights-and-sirens routing index that dispatch/travel_modes hands to those priorities.
//
// Each class speed is multiplied by its factor, rounded to whole km/h and capped at 200 km/h
// (the profile's limit). use_maxspeed is kept from the base: a posted maxspeed still sets the
// speed of a tagged road, because a profile speeds up road classes, not tag values — on maps where
// most roads carry maxspeed, lights and sirens gain little until the graph builder learns a factor
// for tagged speeds too. See docs/road-profile.md.
#include <string>
#include <utility>
#include <vector>

#include "maps/road_profile.hpp"

namespace ems120::dispatch {

struct SirenSpeedFactors {
    // Starting values for a center to calibrate against its own journeys: arterials gain most
    // (traffic pulls over, red lights are passed), fast roads less (the vehicle is near its own
    // safe limit), roads shared with pedestrians or with poor surfaces nothing.
    std::vector<std::pair<std::string, double>> by_class = {
        {"motorway", 1.1},      {"motorway_link", 1.1},  {"trunk", 1.1},         {"trunk_link", 1.1},
        {"primary", 1.25},      {"primary_link", 1.25},  {"secondary", 1.25},    {"secondary_link", 1.25},
        {"tertiary", 1.25},     {"tertiary_link", 1.25}, {"unclassified", 1.2},  {"residential", 1.2},
        {"road", 1.2},          {"living_street", 1.0},  {"service", 1.0},       {"track", 1.0},
    };
    double other_classes = 1.0;  // classes of the base profile not listed above
};

// Throws InputError for a factor naming a class the base profile does not have, or a factor that
// is not a number in [1, 3] (sirens never slow a unit down; more than 3x is a typo).
RoadProfile lights_and_sirens_profile(const RoadProfile& base = RoadProfile::ambulance_default(),
                                      const SirenSpeedFactors& factors = {});

}  // namespace ems120::dispatch
