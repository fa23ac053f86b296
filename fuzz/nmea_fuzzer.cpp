// libFuzzer target: any bytes, as if a receiver (or a broken cable) sent them, through the NMEA
// line reader, sentence parser and fix assembler. Beyond "no crash, no hang, no sanitizer
// report" it checks that every fix is a place on Earth with sane speed and heading, and that
// the result does not depend on how the bytes were cut into reads.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "vehicle_agent/nmea_decoder.hpp"
#include "vehicle_agent/nmea_parser.hpp"

namespace {

using ems120::agent::NmeaCounts;
using ems120::agent::NmeaDecoder;
using ems120::protocol::PositionFix;

bool non_negative_finite(const std::optional<double>& v) { return !v || (std::isfinite(*v) && *v >= 0); }

void check_fix(const PositionFix& fix) {
    const bool on_earth =
        std::isfinite(fix.lat) && std::isfinite(fix.lon) && std::fabs(fix.lat) <= 90 && std::fabs(fix.lon) <= 180;
    const bool heading_ok = !fix.heading_deg || (*fix.heading_deg >= 0 && *fix.heading_deg < 360);
    if (!on_earth || !heading_ok || !non_negative_finite(fix.speed_mps) || !non_negative_finite(fix.hdop))
        __builtin_trap();
}

bool same_counts(const NmeaCounts& a, const NmeaCounts& b) {
    return a.lines == b.lines && a.bad_checksum == b.bad_checksum && a.malformed == b.malformed &&
           a.unsupported == b.unsupported && a.epochs.epochs == b.epochs.epochs && a.epochs.fixes == b.epochs.fixes;
}

bool same_fixes(const std::vector<PositionFix>& a, const std::vector<PositionFix>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].gnss_time != b[i].gnss_time || a[i].lat != b[i].lat || a[i].lon != b[i].lon) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    // The whole input as one sentence, the way a caller with its own framing would pass it.
    ems120::agent::parse_nmea_sentence(bytes);

    // All at once ...
    NmeaDecoder whole;
    std::vector<PositionFix> whole_fixes;
    whole.feed(bytes, whole_fixes);
    whole.end_of_stream(whole_fixes);

    // ... and in reads of a size the input chooses, so sentences are split everywhere over the runs.
    NmeaDecoder pieces;
    std::vector<PositionFix> piece_fixes;
    const std::size_t read_size = size == 0 ? 1 : data[0] % 97 + 1;
    for (std::size_t at = 0; at < size; at += read_size) pieces.feed(bytes.substr(at, read_size), piece_fixes);
    pieces.end_of_stream(piece_fixes);

    for (const auto& fix : whole_fixes) check_fix(fix);
    if (!same_fixes(whole_fixes, piece_fixes) || !same_counts(whole.counts(), pieces.counts())) __builtin_trap();
    return 0;
}
