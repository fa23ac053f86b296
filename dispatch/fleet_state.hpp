#pragma once
// What the center knows about each vehicle, updated by accepted telemetry. One writer (the
// ingest loop) owns it. Positions follow device time: a late fix from a backlog enters the track
// but never moves the current position backwards (false geofence events otherwise).
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dispatch/sequence_tracker.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

struct TimedMeasurement {
    protocol::Measurement measurement;
    protocol::UnixMillis time = 0;
};

struct LinkHealth {
    bool connected = false;                 // heard within the stale limit
    std::int64_t last_heard_steady_ms = 0;  // 0 = not since the center started
    protocol::UnixMillis last_heard_unix_ms = 0;
    protocol::Heartbeat last_heartbeat;     // the vehicle's outbox as it last told us
};

struct VehicleCounts {
    std::uint64_t accepted = 0;
    std::uint64_t duplicates = 0;   // resent after a lost ack: processed once, acknowledged again
    std::uint64_t late_fixes = 0;   // older than the current position: history only
    std::uint64_t gap_notices = 0;  // the vehicle's full outbox dropped data (see its heartbeat)
    std::array<std::uint64_t, protocol::kRejectCodeCount> rejects{};
};

struct VehicleState {
    protocol::VehicleId id;
    std::uint64_t stream_id = 0;
    std::string software;                   // from the unit's hello
    std::vector<std::string> capabilities;  // what it offers: fix, vitals, status, orders
    SequenceTracker sequence;
    std::optional<protocol::PositionFix> position;  // the newest by device time
    std::deque<protocol::PositionFix> track;         // recent fixes in device-time order
    std::optional<protocol::CrewStatusChange> status;
    std::array<std::optional<TimedMeasurement>, protocol::kVitalSignCount> vitals;
    std::string incident_id;  // from the latest vitals
    LinkHealth link;
    VehicleCounts counts;
    std::map<std::string, protocol::UnixMillis> orders_shown;  // order id -> when the crew saw it
};

class FleetState {
public:
    explicit FleetState(std::size_t track_length = 3600) : track_length_(track_length) {}

    VehicleState& vehicle(const protocol::VehicleId& id);
    const VehicleState* find(const protocol::VehicleId& id) const;
    const std::map<protocol::VehicleId, VehicleState>& vehicles() const { return vehicles_; }

    // Applies one accepted, de-duplicated sequenced message (fix, vitals, status, order ack).
    void apply(VehicleState& vehicle, const protocol::Message& message);
    // A new stream (the vehicle's outbox was recreated): its sequence numbers start again.
    void restart_stream(VehicleState& vehicle, std::uint64_t stream_id);
    // Returns false when the gap was already known (a repeated notice).
    bool apply_gap(VehicleState& vehicle, const protocol::Gap& gap);

private:
    void add_fix(VehicleState& vehicle, const protocol::PositionFix& fix);

    std::size_t track_length_;
    std::map<protocol::VehicleId, VehicleState> vehicles_;
};

}  // namespace ems120::dispatch
