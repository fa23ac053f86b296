#pragma once
// A source of readings for the agent's single-threaded poll loop (GPS fixes, vital signs).
// The loop waits on wait_fd() (when >= 0) and wakes at next_due(); it then calls poll() with the
// current times. Sources never read a clock themselves, so tests drive them with a fake one.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ems120::agent {

// Monotonic milliseconds (for pacing) and wall-clock milliseconds since the Unix epoch (for
// stamping readings that carry no time of their own, e.g. a simulator).
struct Now {
    std::int64_t steady_ms = 0;
    std::int64_t unix_ms = 0;
};

struct SourceStats {
    std::uint64_t lines = 0;         // sentences / lines read
    std::uint64_t bad_checksum = 0;  // NMEA checksum mismatch
    std::uint64_t malformed = 0;     // unparsable, truncated or out-of-range input, skipped
    std::uint64_t readings = 0;      // fixes / vitals produced
};

template <class Reading>
class InputSource {
public:
    virtual ~InputSource() = default;
    // File descriptor to wait on for readability, or -1 for a purely timer-driven source.
    virtual int wait_fd() const = 0;
    // Steady time at which poll() must be called even without input; nullopt = only when readable.
    virtual std::optional<std::int64_t> next_due() const = 0;
    // Reads what is available without blocking and appends the readings it completes.
    virtual void poll(Now now, std::vector<Reading>& out) = 0;
    // True once the input ended (end of file, route driven to its end, peer closed).
    virtual bool finished() const = 0;
    virtual SourceStats stats() const = 0;
    // One line for logs and --help examples, e.g. "NMEA from /dev/ttyUSB0 at 9600 baud".
    virtual std::string describe() const = 0;
};

}  // namespace ems120::agent
