#pragma once
// Snapshots of the center's state, so a restart replays only the journal written since the last
// one instead of every day of it. A snapshot taken when the journal moved on to segment K holds
// the fleet and the incidents after every record of the segments before K; restoring it and
// replaying segments K.. gives the state a full replay would. Files sit beside the journal as
// snapshot-KKKKKKKK.snap: JSON lines — a header, one line per vehicle, one per incident — each line
// (and one per move-up under way) a checksummed record (storage/record_log, so no record nears its size limit however big the
// fleet), written to a temporary file, synced and renamed: a crash leaves the old snapshot or the
// new one, never half of one. The header's counts catch a file that lost lines.
//
// What is not kept: each vehicle's track beyond its last kSnapshotTrackFixes fixes (the whole
// history stays in the journal: `ems120 journal --vehicle`), and link liveness (a restart starts
// with every vehicle disconnected until it speaks, as a full replay does). Counters of duplicates
// and rejects, which the journal does not hold, survive a restart only through a snapshot.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dispatch/center_event.hpp"
#include "dispatch/fleet_state.hpp"
#include "dispatch/incident.hpp"

namespace ems120::dispatch {

inline constexpr std::size_t kSnapshotTrackFixes = 60;

struct Snapshot {
    std::uint32_t first_segment = 0;  // replay the journal from this segment on
    FleetState fleet;
    std::vector<Incident> incidents;
    std::vector<MoveUpOrdered> move_ups;  // units still driving to a station (dispatch/move_up_orders)
};

std::string encode_snapshot(const FleetState& fleet, const std::vector<const Incident*>& incidents, std::uint32_t first_segment,
                            const std::vector<MoveUpOrdered>& move_ups = {});
// Throws std::invalid_argument for text that is not a snapshot.
Snapshot decode_snapshot(std::string_view text);

// Writes the snapshot for `first_segment` and removes all but the newest `keep` snapshots.
void write_snapshot(const std::filesystem::path& directory, std::uint32_t first_segment, const std::string& text, std::size_t keep = 2);
// The newest snapshot that reads back intact; older ones are tried when it does not (each problem
// noted). None when there is none.
std::optional<Snapshot> read_latest_snapshot(const std::filesystem::path& directory, std::vector<std::string>& problems);

}  // namespace ems120::dispatch
