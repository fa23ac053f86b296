#pragma once
// The center's append-only telemetry journal: every accepted message (and every stream start
// and outbox gap) in arrival order, in segment files NNNNNNNN.journal of framed, checksummed
// records (storage/record_log). A record is [received at, i64 ms][the message as received].
// Messages are journaled before they are acknowledged, so a message the vehicle has deleted is
// always in the journal, even when the dispatcher is killed.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/messages.hpp"
#include "storage/record_log.hpp"

namespace ems120::dispatch {

// Records were validated when they were accepted; reading them back must not reject a device
// time as "in the future" against whatever clock replays them.
inline constexpr protocol::DecodeContext kJournalDecodeContext{std::numeric_limits<std::int64_t>::max() / 2, 0};

struct JournalOptions {
    std::filesystem::path directory;
    std::uint64_t segment_bytes = 64ull << 20;
    bool sync = true;  // fdatasync at every commit (power-loss safe); off: kill -9 safe only
    // A state snapshot after this many records (dispatch/state_snapshot.hpp), and at a clean
    // stop; 0 = never (a restart replays everything).
    std::uint64_t snapshot_every = 100'000;
};

struct JournalReplay {
    std::uint64_t records = 0;
    std::uint64_t segments = 0;
    std::vector<std::string> problems;  // damaged records skipped, torn tails
};

class TelemetryJournal {
public:
    explicit TelemetryJournal(JournalOptions options);
    ~TelemetryJournal();

    void append(protocol::UnixMillis received, std::string_view message);
    // Makes everything appended so far survive a crash; call before acknowledging it.
    void commit();

    // Commits, then continues in a new segment; returns its number. A snapshot taken now covers
    // every segment before it.
    std::uint32_t start_new_segment();
    std::uint32_t segment() const { return segment_; }
    // Records appended since the last start_new_segment() (or since opening).
    std::uint64_t appended() const { return appended_; }

    // Reads every record of every segment numbered `from_segment` or above, in order.
    static JournalReplay replay(const std::filesystem::path& directory,
                                const std::function<void(protocol::UnixMillis received, std::string_view message)>& visit,
                                std::uint32_t from_segment = 0);

private:
    void open_next_segment();

    JournalOptions options_;
    std::uint32_t segment_ = 0;
    std::uint64_t appended_ = 0;
    std::unique_ptr<storage::RecordWriter> writer_;
    std::string record_;
};

std::vector<std::uint32_t> journal_segments(const std::filesystem::path& directory);

}  // namespace ems120::dispatch
