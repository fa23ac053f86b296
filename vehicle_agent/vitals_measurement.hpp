#pragma once
// The one place a vital-sign value becomes a protocol::Measurement, so simulated and monitor
// readings are judged by the same plausibility bounds (protocol/vital_signs.hpp).
#include "protocol/messages.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::agent {

// An implausible value is kept and flagged, never dropped: the crew and the center see that the
// monitor said something doubtful (a loose lead, a probe off the finger).
inline protocol::Measurement measured(protocol::VitalSign sign, double value) {
    return protocol::Measurement{value, protocol::plausible(sign, value)};
}

}  // namespace ems120::agent
