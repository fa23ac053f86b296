#pragma once
// Reads what a descriptor has ready into an NMEA decoder without ever blocking the poll loop,
// even on a descriptor in blocking mode (standard input is shared with the shell, so the agent
// must not switch it to O_NONBLOCK): each read() comes after poll() said there is something.
#include <cstddef>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/nmea_decoder.hpp"

namespace ems120::agent {

enum class ReadOutcome {
    drained,        // nothing more ready now
    budget_used,    // max_bytes read; more may be ready (let the loop serve others first)
    end_of_stream,  // end of file, peer closed, device gone
    failed,         // read error; errno_value says which
};

struct ReadResult {
    ReadOutcome outcome = ReadOutcome::drained;
    std::size_t bytes = 0;
    int errno_value = 0;
};

ReadResult read_available(int fd, NmeaDecoder& decoder, std::vector<protocol::PositionFix>& out, std::size_t max_bytes);

}  // namespace ems120::agent
