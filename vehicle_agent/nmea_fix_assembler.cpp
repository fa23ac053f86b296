#include "vehicle_agent/nmea_fix_assembler.hpp"

#include <chrono>
#include <cmath>

namespace ems120::agent {
namespace {

constexpr double kMetresPerSecondPerKnot = 1852.0 / 3600.0;
constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t day_start_ms(const NmeaDate& date) {
    const std::chrono::sys_days day{std::chrono::year{date.year} /
                                    std::chrono::month{static_cast<unsigned>(date.month)} /
                                    std::chrono::day{static_cast<unsigned>(date.day)}};
    return static_cast<std::int64_t>(day.time_since_epoch().count()) * kDayMs;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// A receiver that sends no GGA still says in RMC's mode letter how it got the fix; the GGA
// quality with the same meaning keeps fix_quality comparable across receivers.
std::optional<std::uint8_t> quality_from_rmc_mode(std::optional<char> mode) {
    if (!mode) return std::nullopt;
    switch (*mode) {
        case 'A': return 1;
        case 'D': return 2;
        case 'P': return 3;
        case 'R': return 4;
        case 'F': return 5;
        case 'E': return 6;
        case 'M': return 7;
        case 'S': return 8;
        default: return std::nullopt;
    }
}

double heading_in_range(double degrees) {
    const double h = std::fmod(degrees, 360.0);
    return h < 0 ? h + 360.0 : h;
}

}  // namespace

unsigned NmeaFixAssembler::Epoch::kinds() const { return (gga ? kGga : 0u) | (rmc ? kRmc : 0u) | (vtg ? kVtg : 0u); }

void NmeaFixAssembler::add(const GgaSentence& gga, std::vector<protocol::PositionFix>& out) {
    if (!join_epoch(gga.time_of_day_ms, kGga, out)) return;
    open_->gga = gga;
    close_if_complete(out);
}

void NmeaFixAssembler::add(const RmcSentence& rmc, std::vector<protocol::PositionFix>& out) {
    if (!join_epoch(rmc.time_of_day_ms, kRmc, out)) return;
    open_->rmc = rmc;
    close_if_complete(out);
}

void NmeaFixAssembler::add(const VtgSentence& vtg, std::vector<protocol::PositionFix>& out) {
    // VTG has no time, so it belongs to the epoch being sent. With none open, the last one was
    // closed before its VTG came: wait for VTG from now on. A second VTG adds nothing.
    if (!open_) {
        if (last_closed_kinds_ != 0 && (last_closed_kinds_ & kVtg) == 0) expected_kinds_ |= kVtg;
        return;
    }
    if (open_->vtg) return;
    open_->vtg = vtg;
    close_if_complete(out);
}

void NmeaFixAssembler::flush(std::vector<protocol::PositionFix>& out) {
    if (open_) close(false, out);
}

// Returns whether the sentence goes into open_ (false: it adds nothing new).
bool NmeaFixAssembler::join_epoch(std::optional<std::int32_t> time_of_day_ms, Kind kind,
                                  std::vector<protocol::PositionFix>& out) {
    if (open_ && open_->time_of_day_ms == time_of_day_ms) {
        if ((open_->kinds() & kind) == 0) return true;
        // The same kind again for the same instant is a second talker (GPRMC and GNRMC) saying
        // nothing new. Without a time of day (a receiver with no fix) it is the next epoch.
        if (time_of_day_ms) return false;
    }
    if (time_of_day_ms && time_of_day_ms == last_closed_time_) {
        expected_kinds_ |= kind;  // late for an epoch closed early: wait for this kind too
        return false;
    }
    if (open_) close(true, out);
    open_.emplace();
    open_->time_of_day_ms = time_of_day_ms;
    return true;
}

void NmeaFixAssembler::close_if_complete(std::vector<protocol::PositionFix>& out) {
    if (expected_kinds_ != 0 && (open_->kinds() & expected_kinds_) == expected_kinds_) close(false, out);
}

void NmeaFixAssembler::close(bool time_changed, std::vector<protocol::PositionFix>& out) {
    const Epoch epoch = std::move(*open_);
    open_.reset();
    // An epoch ended by the next one's time shows everything the receiver sends; relearning here
    // also forgets a kind the receiver stopped sending.
    if (time_changed) expected_kinds_ = epoch.kinds();
    last_closed_time_ = epoch.time_of_day_ms;
    last_closed_kinds_ = epoch.kinds();
    ++counts_.epochs;

    const auto& gga = epoch.gga;
    const auto& rmc = epoch.rmc;
    const bool gga_invalid = gga && (!gga->quality || *gga->quality == 0);
    const bool rmc_invalid = rmc && (rmc->status != 'A' || rmc->mode == 'N');
    const std::optional<NmeaPosition> position = gga && gga->position ? gga->position
                                                 : rmc                ? rmc->position
                                                                      : std::nullopt;
    if (gga_invalid || rmc_invalid || !position || !epoch.time_of_day_ms) {
        ++counts_.without_fix;
        return;
    }
    const auto time = utc_time(epoch);
    if (!time) {
        ++counts_.without_date;
        return;
    }

    protocol::PositionFix fix;
    fix.gnss_time = *time;
    fix.lat = position->lat;
    fix.lon = position->lon;
    const auto& vtg = epoch.vtg && epoch.vtg->mode != 'N' ? epoch.vtg : std::nullopt;
    if (rmc && rmc->speed_knots)
        fix.speed_mps = *rmc->speed_knots * kMetresPerSecondPerKnot;
    else if (vtg && vtg->speed_knots)
        fix.speed_mps = *vtg->speed_knots * kMetresPerSecondPerKnot;
    else if (vtg && vtg->speed_kmh)
        fix.speed_mps = *vtg->speed_kmh / 3.6;
    if (rmc && rmc->course_deg)
        fix.heading_deg = heading_in_range(*rmc->course_deg);
    else if (vtg && vtg->course_true_deg)
        fix.heading_deg = heading_in_range(*vtg->course_true_deg);
    if (gga) {
        fix.hdop = gga->hdop;
        fix.fix_quality = gga->quality;
        fix.satellites = gga->satellites;
    } else {
        fix.fix_quality = quality_from_rmc_mode(rmc->mode);
    }
    last_fix_time_ = fix.gnss_time;
    ++counts_.fixes;
    out.push_back(fix);
}

std::optional<protocol::UnixMillis> NmeaFixAssembler::utc_time(const Epoch& epoch) const {
    const std::int64_t time_of_day = *epoch.time_of_day_ms;
    if (epoch.rmc && epoch.rmc->date) return day_start_ms(*epoch.rmc->date) + time_of_day;
    if (!last_fix_time_) return std::nullopt;
    // The day of the last fix, or the one before or after when that is nearer: a time of day
    // just after midnight following one just before it is on the next day.
    const std::int64_t reference = *last_fix_time_;
    std::int64_t time = floor_div(reference, kDayMs) * kDayMs + time_of_day;
    if (time < reference - kDayMs / 2)
        time += kDayMs;
    else if (time > reference + kDayMs / 2)
        time -= kDayMs;
    return time;
}

}  // namespace ems120::agent
