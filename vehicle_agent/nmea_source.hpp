#pragma once
// Where the agent's positions come from, chosen by one spec string (a command-line value):
//
//   nmea:-                      NMEA on standard input
//   nmea:PATH                   a recorded NMEA file, a FIFO or /dev/gnss0; options.pace replays in time
//   nmea:/dev/ttyUSB0@9600      a serial receiver at that baud rate (default 9600): raw 8N1
//   nmea-tcp:HOST:PORT          an NMEA feed over TCP ([v6:addr]:PORT for IPv6), reconnecting
//   route:LAT,LON;LAT,LON;...   a simulated drive along these points (route_simulator.hpp)
//   route:FILE.geojson          ... along a GeoJSON LineString
//
// docs/gps-input.md says the same for users, with what each source counts.
#include <cstddef>
#include <memory>
#include <string>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/link_retry.hpp"
#include "vehicle_agent/nmea_line_reader.hpp"
#include "vehicle_agent/route_simulator.hpp"

namespace ems120::agent {

struct PositionSourceOptions {
    // Replay speed for nmea:PATH and nmea:- : 0 = as fast as read, 1 = real time by the
    // sentences' GNSS times, 2 = twice as fast. Live sources (serial, TCP) are never paced.
    double pace = 0;
    std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes;
    LinkRetryOptions retry;       // serial and TCP
    RouteSimulatorOptions route;  // route:
};

// Opens the source the spec names. Throws InputError with one line naming the spec and what is
// wrong: an unknown kind, a missing or unreadable file, a bad baud rate, port or point, a
// device that is not a terminal.
std::unique_ptr<InputSource<protocol::PositionFix>> open_position_source(const std::string& spec,
                                                                         const PositionSourceOptions& options);

}  // namespace ems120::agent
