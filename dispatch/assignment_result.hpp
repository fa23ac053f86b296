#pragma once
// What the assignment policy answers: every unit ranked by ETA with why it may or may not go,
// the unit it proposes, and what the dispatcher should know about the proposal.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "maps/road_graph.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

// Reasons below kFirstNote exclude a unit; the notes after it only inform.
enum class Reason : std::uint16_t {
    busy = 1u << 0,                   // on scene, transporting, at hospital, out of service
    diversion_not_allowed = 1u << 1,  // driving to a call the new one may not take it from
    no_position = 1u << 2,            // never sent a usable fix
    not_snapped = 1u << 3,            // its fix is too far from any road (off the network)
    unreachable = 1u << 4,            // no road leads from it to the call
    stale = 1u << 8,                  // no fix for longer than the stale limit: ranked from the last one
    link_down = 1u << 9,              // the order has to go by voice radio
    diverted = 1u << 10,              // would be turned away from a less urgent call
};
inline constexpr std::uint16_t kFirstNote = 1u << 8;

class Reasons {
public:
    void add(Reason r) { bits_ |= static_cast<std::uint16_t>(r); }
    bool has(Reason r) const { return (bits_ & static_cast<std::uint16_t>(r)) != 0; }
    bool excludes() const { return (bits_ & (kFirstNote - 1)) != 0; }
    std::uint16_t bits() const { return bits_; }
    bool operator==(const Reasons&) const = default;

private:
    std::uint16_t bits_ = 0;
};

// "busy, stale", or "" when there is nothing to say; for logs, the console and test messages.
std::string describe(Reasons reasons);

struct Candidate {
    protocol::VehicleId id;
    std::uint32_t unit_index = 0;     // position in the units the policy was given
    TravelTime eta_ms = kUnreachable;  // by road, whatever its eligibility
    bool eligible = false;            // no excluding reason
    Reasons reasons;
    double snap_distance_m = 0.0;  // from its fix to the road it was placed on
};

struct Assignment {
    std::vector<Candidate> ranked;  // by ETA, ties by id then unit index: the same input, the same order
    std::optional<std::size_t> chosen;  // index into `ranked` of the eligible unit with the smallest ETA
    bool no_unit_available = false;        // no eligible unit can reach the call
    bool outside_response_radius = false;  // the chosen unit's ETA is above the response radius
    bool call_off_road = false;            // the call is too far from every road to be reached
    double call_snap_distance_m = 0.0;

    const Candidate* chosen_candidate() const { return chosen ? &ranked[*chosen] : nullptr; }
};

}  // namespace ems120::dispatch
