#pragma once
// Time as the link sees it: monotonic milliseconds for timers, wall-clock milliseconds for stamps.
// Processes use SystemClock; tests drive a fake one.
#include <chrono>
#include <cstdint>

namespace ems120::link {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t steady_ms() const = 0;
    virtual std::int64_t unix_ms() const = 0;
};

class SystemClock final : public Clock {
public:
    std::int64_t steady_ms() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
    }
    std::int64_t unix_ms() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

}  // namespace ems120::link
