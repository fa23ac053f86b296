#include "cli/demo_log.hpp"

#include <ctime>

namespace ems120::cli {

std::string clock_time(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d", local.tm_hour, local.tm_min, local.tm_sec);
    return text;
}

void DemoLog::line(const std::string& text) { line_at(simulated_.unix_ms(), text); }

void DemoLog::line_at(std::int64_t unix_ms, const std::string& text) {
    const std::string whole = clock_time(unix_ms) + "  " + text + "\n";
    const std::lock_guard lock(mutex_);
    out_ << whole << std::flush;  // a live log: each line as it happens, also into a pipe
}

}  // namespace ems120::cli
