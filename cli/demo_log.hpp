#pragma once
// The demo's live log on stdout: one line per event, each starting with the simulated clock time
// it happened at (HH:MM:SS, local time), written whole under a lock so lines from the event
// stream, the call generator, the crews and the supervisor never interleave.
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

#include "link/clock.hpp"

namespace ems120::cli {

class DemoLog {
public:
    // `simulated`: the demo's scaled clock, for lines that carry no time of their own.
    DemoLog(std::ostream& out, const link::Clock& simulated) : out_(out), simulated_(simulated) {}

    void line(const std::string& text);
    void line_at(std::int64_t unix_ms, const std::string& text);

private:
    std::mutex mutex_;
    std::ostream& out_;
    const link::Clock& simulated_;
};

// "14:03:07" in local time.
std::string clock_time(std::int64_t unix_ms);

}  // namespace ems120::cli
