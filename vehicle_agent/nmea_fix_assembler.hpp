#pragma once
// Joins what a receiver says about one instant (an "epoch": its GGA, RMC and VTG sentences, in
// whatever order it sends them) into one PositionFix.
//
//  - GGA gives fix quality, satellites, HDOP; RMC gives the date, the valid/void status and speed
//    (knots) and course; VTG gives speed and course when RMC lacks them (or there is no RMC).
//  - GGA has no date, so its time of day is put on the date of the latest dated fix, moved a day
//    forward or back when that is nearer (the UTC midnight rollover).
//  - A GGA or RMC with a different time of day closes the open epoch. Waiting for that alone would
//    delay every fix by a whole update interval, so the assembler also learns which sentence
//    kinds the receiver sends per epoch and closes an epoch as soon as it has them all. A sentence
//    that turns up for an epoch already closed that way is added to the kinds to wait for.
//  - Epochs without a valid position (GGA quality 0, RMC status V or mode N, no latitude) and
//    epochs with no date to go on produce no fix; both are counted.
#include <cstdint>
#include <optional>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/nmea_parser.hpp"

namespace ems120::agent {

struct NmeaEpochCounts {
    std::uint64_t epochs = 0;        // closed epochs
    std::uint64_t fixes = 0;         // epochs that became a PositionFix
    std::uint64_t without_fix = 0;   // no valid position (or no time of day)
    std::uint64_t without_date = 0;  // a valid position, but no RMC has given a date yet
};

class NmeaFixAssembler {
public:
    void add(const GgaSentence& gga, std::vector<protocol::PositionFix>& out);
    void add(const RmcSentence& rmc, std::vector<protocol::PositionFix>& out);
    void add(const VtgSentence& vtg, std::vector<protocol::PositionFix>& out);
    // End of input (end of file, link dropped): the open epoch is as complete as it will get.
    void flush(std::vector<protocol::PositionFix>& out);

    const NmeaEpochCounts& counts() const { return counts_; }

private:
    enum Kind : unsigned { kGga = 1, kRmc = 2, kVtg = 4 };

    struct Epoch {
        std::optional<std::int32_t> time_of_day_ms;
        std::optional<GgaSentence> gga;
        std::optional<RmcSentence> rmc;
        std::optional<VtgSentence> vtg;
        unsigned kinds() const;
    };

    bool join_epoch(std::optional<std::int32_t> time_of_day_ms, Kind kind, std::vector<protocol::PositionFix>& out);
    void close_if_complete(std::vector<protocol::PositionFix>& out);
    void close(bool time_changed, std::vector<protocol::PositionFix>& out);
    std::optional<protocol::UnixMillis> utc_time(const Epoch& epoch) const;

    std::optional<Epoch> open_;
    unsigned expected_kinds_ = 0;  // what the receiver sends per epoch, learned; 0 = not yet known
    std::optional<std::int32_t> last_closed_time_;
    unsigned last_closed_kinds_ = 0;
    std::optional<protocol::UnixMillis> last_fix_time_;  // dates GGA-only epochs
    NmeaEpochCounts counts_;
};

}  // namespace ems120::agent
