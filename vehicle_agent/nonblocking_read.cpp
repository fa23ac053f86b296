#include "vehicle_agent/nonblocking_read.hpp"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string_view>

namespace ems120::agent {

ReadResult read_available(int fd, NmeaDecoder& decoder, std::vector<protocol::PositionFix>& out,
                          std::size_t max_bytes) {
    ReadResult result;
    std::array<char, 4096> buffer;
    while (result.bytes < max_bytes) {
        pollfd ready{fd, POLLIN, 0};
        const int polled = ::poll(&ready, 1, 0);
        if (polled < 0 && errno == EINTR) continue;
        if (polled < 0) return {ReadOutcome::failed, result.bytes, errno};
        if (polled == 0) return result;
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n > 0) {
            decoder.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)), out);
            result.bytes += static_cast<std::size_t>(n);
        } else if (n == 0) {
            result.outcome = ReadOutcome::end_of_stream;
            return result;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return result;
        } else if (errno != EINTR) {
            return {ReadOutcome::failed, result.bytes, errno};
        }
    }
    result.outcome = ReadOutcome::budget_used;
    return result;
}

}  // namespace ems120::agent
