#pragma once
// Opens a serial GNSS receiver (/dev/ttyUSB0, /dev/ttyS1, /dev/ttyACM0 ...) the way NMEA 0183
// wants it: raw bytes, 8 data bits, no parity, 1 stop bit, no flow control, non-blocking.
#include <string>

#include "vehicle_agent/unique_fd.hpp"

namespace ems120::agent {

inline constexpr int kDefaultNmeaBaud = 9600;  // NMEA 0183 is 4800; most receivers ship at 9600

// Whether `baud` is a rate the port can be set to (1200 .. 921600).
bool is_supported_baud(int baud);

// Throws InputError naming the device when it cannot be opened, is not a terminal, or refuses
// the settings.
UniqueFd open_serial_port(const std::string& device, int baud);

}  // namespace ems120::agent
