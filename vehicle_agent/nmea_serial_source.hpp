#pragma once
// NMEA from a serial receiver. A USB receiver that is unplugged (or browns out when the engine
// starts) disappears; the source then reopens the device with a growing pause between attempts
// until it is back, and never finishes.
#include <cstddef>
#include <optional>
#include <string>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/link_retry.hpp"
#include "vehicle_agent/nmea_decoder.hpp"
#include "vehicle_agent/unique_fd.hpp"

namespace ems120::agent {

class NmeaSerialSource : public InputSource<protocol::PositionFix> {
public:
    // Opens the device at once, so a wrong path or baud rate is an InputError at start-up.
    NmeaSerialSource(std::string device, int baud, const LinkRetryOptions& retry,
                     std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes);

    int wait_fd() const override { return fd_.get(); }
    std::optional<std::int64_t> next_due() const override;
    void poll(Now now, std::vector<protocol::PositionFix>& out) override;
    bool finished() const override { return false; }
    SourceStats stats() const override { return decoder_.counts().source_stats(); }
    std::string describe() const override;

    NmeaCounts counts() const { return decoder_.counts(); }
    bool connected() const { return static_cast<bool>(fd_); }
    // Why the device was last lost or could not be reopened.
    const std::string& last_error() const { return last_error_; }

private:
    void lose_device(std::int64_t now_steady_ms, const std::string& why, std::vector<protocol::PositionFix>& out);

    std::string device_;
    int baud_;
    UniqueFd fd_;
    RetryBackoff backoff_;
    std::int64_t reopen_at_steady_ms_ = 0;
    std::string last_error_;
    NmeaDecoder decoder_;
};

}  // namespace ems120::agent
