#include "vehicle_agent/nmea_file_source.hpp"

#include <sys/stat.h>

#include <cstring>
#include <sstream>

#include "vehicle_agent/nonblocking_read.hpp"

namespace ems120::agent {
namespace {

// Per poll: as fast as possible, yet never hogging the loop that also carries vital signs; with
// a pace, a small read-ahead (a few seconds of sentences).
constexpr std::size_t kUnpacedReadBytes = 64 * 1024;
constexpr std::size_t kPacedReadBytes = 4 * 1024;

}  // namespace

NmeaFileSource::NmeaFileSource(UniqueFd fd, std::string name, double pace, std::size_t max_sentence_bytes)
    : fd_(std::move(fd)), name_(std::move(name)), pace_(pace), decoder_(max_sentence_bytes), pacer_(pace) {
    struct stat st {};
    regular_file_ = ::fstat(fd_.get(), &st) == 0 && S_ISREG(st.st_mode);
}

bool NmeaFileSource::wants_input() const { return !ended_ && (pace_ <= 0 || pacer_.empty()); }

int NmeaFileSource::wait_fd() const { return wants_input() && !regular_file_ ? fd_.get() : -1; }

std::optional<std::int64_t> NmeaFileSource::next_due() const {
    if (wants_input()) {
        if (regular_file_) return last_poll_steady_ms_;  // more to read right away
        return std::nullopt;                             // wait_fd() wakes the loop
    }
    return pacer_.next_due();
}

void NmeaFileSource::poll(Now now, std::vector<protocol::PositionFix>& out) {
    last_poll_steady_ms_ = now.steady_ms;
    readings_ += pacer_.release_due(now.steady_ms, out);
    if (!wants_input()) return;

    decoded_.clear();
    const ReadResult read =
        read_available(fd_.get(), decoder_, decoded_, pace_ > 0 ? kPacedReadBytes : kUnpacedReadBytes);
    if (read.outcome == ReadOutcome::end_of_stream || read.outcome == ReadOutcome::failed) {
        if (read.outcome == ReadOutcome::failed) error_ = name_ + ": read failed: " + std::strerror(read.errno_value);
        decoder_.end_of_stream(decoded_);
        ended_ = true;
        fd_.reset();
    }
    for (const auto& fix : decoded_) pacer_.push(fix, now.steady_ms);
    readings_ += pacer_.release_due(now.steady_ms, out);
}

bool NmeaFileSource::finished() const { return ended_ && pacer_.empty(); }

SourceStats NmeaFileSource::stats() const {
    SourceStats stats = decoder_.counts().source_stats();
    stats.readings = readings_;  // fixes handed out, not those still waiting for their time
    return stats;
}

std::string NmeaFileSource::describe() const {
    std::ostringstream text;
    text << "NMEA from " << name_;
    if (pace_ <= 0)
        text << " (as fast as read)";
    else if (pace_ == 1)
        text << " (real time)";
    else
        text << " (" << pace_ << "x real time)";
    return text.str();
}

}  // namespace ems120::agent
