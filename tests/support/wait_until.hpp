#pragma once
// Polling with a deadline: process tests wait for what another process does without fixed sleeps.
#include <chrono>
#include <functional>
#include <thread>

namespace ems120::test {

// Calls `done` every 100 ms until it is true or `timeout_ms` have passed; its last answer.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
}

}  // namespace ems120::test
