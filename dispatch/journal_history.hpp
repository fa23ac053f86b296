#pragma once
// Reading the telemetry journal back as each vehicle's history: records of one vehicle in
// sequence order within each stream (the journal itself is in arrival order, where the live
// lane and the backlog interleave).
#include <filesystem>
#include <string>
#include <vector>

#include "dispatch/telemetry_journal.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

struct JournalRecord {
    protocol::UnixMillis received = 0;
    std::uint32_t stream_index = 0;  // 0 for the first stream of the vehicle seen in the journal
    protocol::Message message;
};

struct VehicleHistory {
    protocol::VehicleId vehicle;
    std::vector<JournalRecord> records;
};

struct JournalHistory {
    std::vector<VehicleHistory> vehicles;  // by vehicle id
    JournalReplay replay;
    std::uint64_t undecodable = 0;
    std::uint64_t center_records = 0;  // calls, offers and timers the dispatch center journaled
};

JournalHistory read_journal_history(const std::filesystem::path& directory);

// One record as a JSON object text (for `ems120 journal`).
std::string record_json(const protocol::VehicleId& vehicle, const JournalRecord& record);

}  // namespace ems120::dispatch
