#pragma once
// Which hospital to drive the patient to: the hospitals ranked by drive time from the scene, on
// the road network, optionally only those that treat what the patient needs.
//
//   const HospitalDirectory hospitals(routing, read_hospitals_file(path));  // once: snaps them
//   HospitalQuery query(hospitals);                                        // one per thread
//   HospitalRanking r = query.nearest_hospitals(scene, "stroke", 3);
//
// One query is one upward search from the scene plus a sweep over the hospitals' selection in
// the contraction hierarchy (RPHAST, routing/ch_one_to_many): every hospital's exact drive time
// for about the cost of one point-to-point query, however many hospitals there are. Drive times
// start part-way along the scene's road and end part-way along each hospital's, and a hospital
// on the scene's own road may be reached straight along it.
//
// Every hospital that has the capability is listed: the reachable ones by drive time, then the
// others, each with a note saying why (the hospital is farther than the snapping limit from any
// road, the scene is, or no road leads there), nearest by air first.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dispatch/hospitals_file.hpp"
#include "dispatch/travel_modes.hpp"
#include "routing/ch_one_to_many.hpp"
#include "routing/route_endpoint.hpp"

namespace ems120::dispatch {

struct HospitalDirectoryOptions {
    // A hospital farther than this from every road is not given a drive time (a wrong position,
    // or a campus whose roads the map lacks): listed, with a note.
    double hospital_max_snap_m = 1000.0;
    // A scene farther than this from every road cannot be reached by road (as for a call).
    double scene_max_snap_m = 2000.0;
};

enum class HospitalReach : std::uint8_t {
    reachable,
    no_route,           // both on the network, but no road leads from the scene to the hospital
    hospital_off_road,  // the hospital is beyond hospital_max_snap_m from every road
    scene_off_road,     // the scene is beyond scene_max_snap_m from every road
};
const char* to_string(HospitalReach reach);

struct HospitalEta {
    std::size_t index = 0;  // into HospitalDirectory::hospitals()
    std::string id;
    std::string name;
    LatLon location;
    std::vector<std::string> capabilities;
    TravelTime eta_ms = kUnreachable;  // from the scene; kUnreachable unless reachable
    HospitalReach reach = HospitalReach::reachable;
    double air_distance_m = 0.0;   // straight line from the scene
    double snap_distance_m = 0.0;  // from the hospital to its nearest road
    std::string note;              // why it is not reachable; empty when it is

    bool reachable() const { return reach == HospitalReach::reachable; }
};

struct HospitalRanking {
    std::vector<HospitalEta> ranked;  // reachable by ETA (then id), then the rest; at most the limit
    std::size_t considered = 0;       // hospitals with the capability (all of them without one)
    std::size_t reachable = 0;        // of those considered
    bool scene_off_road = false;
    double scene_snap_distance_m = 0.0;
};

// The index: the hospitals with their road snaps and arrival seeds. Immutable after
// construction, shared by every query.
class HospitalDirectory {
public:
    struct Placement {
        Snap snap;                 // nearest road point, however far
        bool on_network = false;   // within options.hospital_max_snap_m
        NodeSeeds arrivals;        // how one drives onto it (empty when not on the network)
        std::uint32_t target = 0;  // index in targets() when on the network
    };

    // Throws std::invalid_argument when the routing index's parts are missing or do not belong to
    // one graph, or when two hospitals share an id. The routing index must outlive the directory.
    HospitalDirectory(const RoutingIndex& routing, std::vector<Hospital> hospitals,
                      const HospitalDirectoryOptions& options = {});

    const std::vector<Hospital>& hospitals() const { return hospitals_; }
    const Placement& placement(std::size_t index) const { return placements_.at(index); }
    // Arrival seeds of the hospitals on the network, for ChOneToMany::select_targets.
    const std::vector<NodeSeeds>& targets() const { return targets_; }
    const RoutingIndex& routing() const { return routing_; }
    const HospitalDirectoryOptions& options() const { return options_; }

private:
    RoutingIndex routing_;
    HospitalDirectoryOptions options_;
    std::vector<Hospital> hospitals_;
    std::vector<Placement> placements_;
    std::vector<NodeSeeds> targets_;
};

// The query: the one-to-many search's arrays, with the directory's hospitals selected once at
// construction. One per thread; the directory must outlive it.
class HospitalQuery {
public:
    explicit HospitalQuery(const HospitalDirectory& directory);

    // Throws std::invalid_argument (fit for an HTTP 400) for a scene outside WGS84 ranges, a
    // capability that is not a capability word (dispatch/hospitals_file), or a limit of 0.
    HospitalRanking nearest_hospitals(LatLon scene, std::optional<std::string_view> capability = std::nullopt,
                                      std::size_t limit = 5);

private:
    const HospitalDirectory* directory_;
    ChOneToMany one_to_many_;
    std::vector<TravelTime> times_;
};

}  // namespace ems120::dispatch
