#pragma once
// One log line on stderr, prefixed with the UTC time and the program, written in one call so
// lines from two threads never interleave.
#include <string>

namespace ems120::cli {

void log_line(const std::string& program, const std::string& text);

}  // namespace ems120::cli
