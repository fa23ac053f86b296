#pragma once
// A call as the call-taker's console submits it (JSON), checked and turned into CallDetails:
// located by coordinate, by place name (Chinese, pinyin or English, as the map has them) or by
// place id; priority given directly or derived from an MPDS-style determinant code.
//
// Priority <- determinant level (the letter in "09-E-01", docs/dispatch.md):
//   E (Echo) -> critical, D (Delta) -> emergency, C (Charlie) / B (Bravo) -> urgent,
//   A (Alpha) / O (Omega) -> non_urgent.
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dispatch/incident.hpp"

namespace ems120::dispatch {

struct PlaceCandidate {
    std::string id;
    std::string name;
    std::string kind;
    LatLon location;
};

// How the center finds places: by the text the caller said (exact matches first, then close
// ones) and by id. Either may be empty (no places known).
struct PlaceFinder {
    struct Found {
        std::vector<PlaceCandidate> exact;
        std::vector<PlaceCandidate> close;  // prefix or typo matches, best first
    };
    std::function<Found(const std::string& text)> by_name;
    std::function<std::optional<PlaceCandidate>(const std::string& id)> by_id;
    // Metres from the point to the nearest road of the map (too far: not on this map).
    std::function<double(LatLon)> distance_to_road_m;
    double max_distance_to_road_m = 2000.0;
};

// A call that cannot be taken as submitted: the HTTP status to answer and the reason; for an
// ambiguous or unknown place, the candidates to choose from.
class IntakeError : public std::runtime_error {
public:
    IntakeError(int status, const std::string& message, std::vector<PlaceCandidate> candidates = {})
        : std::runtime_error(message), status_(status), candidates_(std::move(candidates)) {}
    int status() const { return status_; }
    const std::vector<PlaceCandidate>& candidates() const { return candidates_; }

private:
    int status_;
    std::vector<PlaceCandidate> candidates_;
};

std::optional<CallPriority> priority_named(std::string_view name);
// The priority an MPDS-style determinant ("09-E-01", "9E1", "26-A-1") implies.
std::optional<CallPriority> priority_of_determinant(std::string_view code);

// Fields: lat+lon | place | place_id; priority and/or determinant; complaint, caller, notes, needs,
// idempotency_key (or `header_key`, from the Idempotency-Key header); unit (requested_unit()).
// Throws IntakeError.
CallDetails call_from_json(const nlohmann::json& body, const std::string& header_key, const PlaceFinder& places);

// The unit the dispatcher picked for the call (field "unit"), if any. Throws IntakeError (400).
std::optional<protocol::VehicleId> requested_unit(const nlohmann::json& body);

nlohmann::json candidates_to_json(const std::vector<PlaceCandidate>& candidates);

}  // namespace ems120::dispatch
