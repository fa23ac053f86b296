#pragma once
// The vehicle's store-and-forward outbox (the zguide's "Titanic" idea on the vehicle side): every
// sequenced message is written to disk before it is sent, and leaves only when the center has
// acknowledged it. It survives kill -9 (records reach the kernel before they are sent) and a
// restart resends what is left, oldest first.
//
// Full outbox policy (max_bytes): positions are thinned first (the backlog keeps fixes at least
// 2 s apart, then 4 s, 8 s ... up to 5 min, always keeping the newest), then the oldest vitals
// go, then the oldest fixes. Crew status changes and order acknowledgements are never dropped.
// Dropped sequence numbers are announced to the center (protocol Gap) until acknowledged.
//
// Layout of the directory: NNNNNNNN.log segments (storage/record_log) of records
// [kind u8][seq u64][device time i64][encoded message], and `state` (stream id, acknowledged
// floor, dropped ranges), replaced atomically.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "storage/record_log.hpp"

namespace ems120::agent {

struct OutboxConfig {
    std::filesystem::path directory;
    std::uint64_t max_bytes = 64ull << 20;
    std::uint64_t segment_bytes = 4ull << 20;
};

enum class RecordKind : std::uint8_t { fix, vitals, other };

struct OutboxEntry {
    RecordKind kind = RecordKind::other;
    protocol::UnixMillis device_time = 0;
    std::string bytes;  // the encoded message, ready to send
    std::uint32_t segment = 0;
};

struct DropCounts {
    std::uint64_t fixes = 0, vitals = 0;
};

class Outbox {
public:
    // Opens (or creates) the directory and reloads what was not acknowledged.
    explicit Outbox(OutboxConfig config);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Gives the message the next seq, stores it and returns the seq. The record is handed to the
    // kernel before this returns unless `defer_flush` (then call flush() before sending).
    protocol::Seq append(protocol::Message& message, bool defer_flush = false);
    void flush();
    void sync();  // fdatasync: durable against power loss too

    // Removes everything the acknowledgement covers (and dropped seqs it covers).
    void acknowledge(const protocol::Ack& ack);

    const std::map<protocol::Seq, OutboxEntry>& pending() const { return pending_; }
    std::optional<protocol::Seq> newest_fix() const;
    // Dropped seqs not yet acknowledged, to announce in a Gap; empty when none.
    std::optional<protocol::Gap> unannounced_gap() const;

    std::uint64_t stream_id() const { return stream_id_; }
    std::uint64_t pending_bytes() const { return pending_bytes_; }
    const DropCounts& dropped() const { return dropped_total_; }
    protocol::Seq last_seq() const { return last_seq_; }
    // Lines worth logging from opening (recovered torn tail, reloaded backlog).
    const std::vector<std::string>& notes() const { return notes_; }

private:
    void load();
    void write_state();
    void open_segment();
    void enforce_cap();
    bool drop(protocol::Seq seq);
    void compact();
    void release(protocol::Seq seq);
    void remove_finished_segments();
    std::filesystem::path segment_path(std::uint32_t segment) const;

    OutboxConfig config_;
    std::uint64_t stream_id_ = 0;
    protocol::Seq last_seq_ = 0;
    protocol::Seq acked_floor_ = 0;  // every seq <= this is done
    protocol::Seq saved_floor_ = 0;  // the floor the state file holds
    std::map<protocol::Seq, OutboxEntry> pending_;
    std::map<std::uint32_t, std::uint64_t> live_in_segment_;  // segment -> pending records in it
    std::map<protocol::Seq, protocol::Seq> dropped_;           // unacknowledged dropped ranges
    DropCounts dropped_pending_;                               // counts inside dropped_
    DropCounts dropped_total_;
    std::uint64_t pending_bytes_ = 0;
    std::set<std::uint32_t> segments_;  // on disk, current one included
    std::uint32_t current_segment_ = 0;
    std::unique_ptr<storage::RecordWriter> writer_;
    std::int64_t thinning_spacing_ms_ = 0;
    std::vector<std::string> notes_;
};

}  // namespace ems120::agent
