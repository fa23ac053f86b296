#include "vehicle_agent/nmea_serial_source.hpp"

#include <cstring>

#include "maps/input_error.hpp"
#include "vehicle_agent/nonblocking_read.hpp"
#include "vehicle_agent/serial_port.hpp"

namespace ems120::agent {
namespace {

constexpr std::size_t kReadBudgetBytes = 64 * 1024;

}  // namespace

NmeaSerialSource::NmeaSerialSource(std::string device, int baud, const LinkRetryOptions& retry,
                                   std::size_t max_sentence_bytes)
    : device_(std::move(device)),
      baud_(baud),
      fd_(open_serial_port(device_, baud_)),
      backoff_(retry),
      decoder_(max_sentence_bytes) {}

std::optional<std::int64_t> NmeaSerialSource::next_due() const {
    if (fd_) return std::nullopt;
    return reopen_at_steady_ms_;
}

void NmeaSerialSource::poll(Now now, std::vector<protocol::PositionFix>& out) {
    if (!fd_) {
        if (now.steady_ms < reopen_at_steady_ms_) return;
        try {
            fd_ = open_serial_port(device_, baud_);
        } catch (const InputError& e) {
            last_error_ = e.what();
            reopen_at_steady_ms_ = now.steady_ms + backoff_.next_delay_ms();
            return;
        }
    }
    const ReadResult read = read_available(fd_.get(), decoder_, out, kReadBudgetBytes);
    if (read.bytes > 0) backoff_.reset();
    if (read.outcome == ReadOutcome::end_of_stream) lose_device(now.steady_ms, device_ + ": hung up", out);
    if (read.outcome == ReadOutcome::failed)
        lose_device(now.steady_ms, device_ + ": read failed: " + std::strerror(read.errno_value), out);
}

void NmeaSerialSource::lose_device(std::int64_t now_steady_ms, const std::string& why,
                                   std::vector<protocol::PositionFix>& out) {
    last_error_ = why;
    decoder_.end_of_stream(out);
    fd_.reset();
    reopen_at_steady_ms_ = now_steady_ms + backoff_.next_delay_ms();
}

std::string NmeaSerialSource::describe() const {
    return "NMEA from " + device_ + " at " + std::to_string(baud_) + " baud";
}

}  // namespace ems120::agent
