#pragma once
// NMEA from a stream that ends: a recorded log file, standard input, a pipe or FIFO. Finished
// once the end is reached and every fix has been handed out.
//
// A regular file is always readable, so waiting on it would spin; the source is timer-driven
// instead (next_due), reading a chunk per poll. Pipes are waited on like any descriptor. With a
// pace the fixes are released at their recorded GNSS times (see replay_pacer.hpp), and the source
// reads ahead only when its queue is empty.
#include <cstddef>
#include <optional>
#include <string>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/nmea_decoder.hpp"
#include "vehicle_agent/replay_pacer.hpp"
#include "vehicle_agent/unique_fd.hpp"

namespace ems120::agent {

class NmeaFileSource : public InputSource<protocol::PositionFix> {
public:
    // `name` is for describe(): a path or "standard input". `pace` as in ReplayPacer.
    NmeaFileSource(UniqueFd fd, std::string name, double pace,
                   std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes);

    int wait_fd() const override;
    std::optional<std::int64_t> next_due() const override;
    void poll(Now now, std::vector<protocol::PositionFix>& out) override;
    bool finished() const override;
    SourceStats stats() const override;
    std::string describe() const override;

    NmeaCounts counts() const { return decoder_.counts(); }
    // Why the input ended early (a read error), empty otherwise.
    const std::string& error() const { return error_; }

private:
    bool wants_input() const;

    UniqueFd fd_;
    std::string name_;
    double pace_;
    bool regular_file_ = false;
    bool ended_ = false;
    std::string error_;
    NmeaDecoder decoder_;
    ReplayPacer pacer_;
    std::vector<protocol::PositionFix> decoded_;
    std::int64_t last_poll_steady_ms_ = 0;
    std::uint64_t readings_ = 0;
};

}  // namespace ems120::agent
