#include "dispatch/telemetry_journal.hpp"

#include <algorithm>
#include <cstdio>

namespace ems120::dispatch {

namespace fs = std::filesystem;

namespace {

fs::path segment_path(const fs::path& dir, std::uint32_t segment) {
    char name[32];
    std::snprintf(name, sizeof name, "%08u.journal", segment);
    return dir / name;
}

}  // namespace

std::vector<std::uint32_t> journal_segments(const fs::path& directory) {
    std::vector<std::uint32_t> segments;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
        const auto name = entry.path().filename().string();
        if (name.size() == 16 && name.ends_with(".journal") && std::all_of(name.begin(), name.begin() + 8, ::isdigit))
            segments.push_back(static_cast<std::uint32_t>(std::stoul(name.substr(0, 8))));
    }
    std::sort(segments.begin(), segments.end());
    return segments;
}

TelemetryJournal::TelemetryJournal(JournalOptions options) : options_(std::move(options)) {
    std::error_code error;
    fs::create_directories(options_.directory, error);
    if (error) throw storage::StorageError("cannot create the journal directory " + options_.directory.string() + ": " + error.message());
    const auto segments = journal_segments(options_.directory);
    // Continue the last segment (its torn tail, if any, is cut away) unless it is full.
    if (!segments.empty() && fs::file_size(segment_path(options_.directory, segments.back())) < options_.segment_bytes) {
        segment_ = segments.back();
        writer_ = std::make_unique<storage::RecordWriter>(segment_path(options_.directory, segment_));
    } else {
        segment_ = segments.empty() ? 0 : segments.back();
        open_next_segment();
    }
}

TelemetryJournal::~TelemetryJournal() = default;

void TelemetryJournal::open_next_segment() {
    if (writer_) writer_->sync();
    ++segment_;
    writer_ = std::make_unique<storage::RecordWriter>(segment_path(options_.directory, segment_));
}

void TelemetryJournal::append(protocol::UnixMillis received, std::string_view message) {
    record_.clear();
    for (int i = 0; i < 8; ++i) record_.push_back(static_cast<char>((static_cast<std::uint64_t>(received) >> (8 * i)) & 0xff));
    record_.append(message);
    writer_->append(record_);
    ++appended_;
}

std::uint32_t TelemetryJournal::start_new_segment() {
    commit();
    open_next_segment();
    appended_ = 0;
    return segment_;
}

void TelemetryJournal::commit() {
    if (options_.sync) writer_->sync();
    else writer_->flush();
    if (writer_->size() >= options_.segment_bytes) open_next_segment();
}

JournalReplay TelemetryJournal::replay(const fs::path& directory,
                                       const std::function<void(protocol::UnixMillis, std::string_view)>& visit,
                                       std::uint32_t from_segment) {
    JournalReplay result;
    for (const auto segment : journal_segments(directory)) {
        if (segment < from_segment) continue;
        ++result.segments;
        const auto report = storage::read_records(segment_path(directory, segment), [&](std::string_view payload, std::uint64_t) {
            if (payload.size() < 8) return;
            std::uint64_t received = 0;
            for (int i = 7; i >= 0; --i) received = (received << 8) | static_cast<unsigned char>(payload[static_cast<std::size_t>(i)]);
            visit(static_cast<protocol::UnixMillis>(received), payload.substr(8));
            ++result.records;
        });
        if (!report.problem.empty())
            result.problems.push_back(report.problem + (report.torn_tail ? " (torn tail: the last write before a crash)" : ""));
    }
    return result;
}

}  // namespace ems120::dispatch
